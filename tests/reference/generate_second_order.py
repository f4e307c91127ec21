#!/usr/bin/env python3
# Over 350 lines: the generator, its edge cases and the finite-difference check of what PyTorch returns belong together.
"""Builds pytorch-second-order.json: expressions in MicroNet's (Python's) syntax, with values, gradients, Hessians and
some third derivatives from PyTorch's autograd, for MicroNet's higher-order gradients (Autograd.Grad with
createGraph, Autograd.Hessian).

Run with the Python that has torch (Debian: `apt-get install python3-torch`, then
`/usr/bin/python3 generate_second_order.py`). The seed is fixed, so a run with the same PyTorch version writes the
same file. The parser, the expression generator and the JSON conventions are generate.py's. See README.md.
"""

import sys

# Importing generate.py must not leave a __pycache__ directory in the source tree.
sys.dont_write_bytecode = True

import ast
import math
import random
from pathlib import Path

import torch
import torch.nn.functional as F

from generate import (ATOM, BINARY_OPERATORS, DTYPE, Generator, TorchBuilder, from_json_number, tensor,
                      to_json_number, variables_in_order, write_fixture)

SEED = 20250307
RANDOM_CASES = 300
MAX_DEPTH = 5
# As in generate.py: about 15% of the random cases have a NaN or infinite value, gradient or Hessian entry.
NON_FINITE_SHARE = 0.15
# Every so many random cases also get third derivatives (with the edge cases marked THIRD, about 45 in all).
THIRD_EVERY = 20
# Random expressions longer than this are redrawn: dot() and the other n-ary functions can nest into trees of
# hundreds of nodes, which make the fixture large without covering anything new.
MAX_LENGTH = 240
OUTPUT = Path(__file__).with_name("pytorch-second-order.json")

THIRD = "third"  # marks an edge case that also records third derivatives


def divide(a, b):
    """MicroNet's a / b: a * b ** -1 with a constant exponent (Value.Pow(double)), not torch.div.

    Second derivatives of a quotient then come from pow's double backward, as they will in MicroNet; torch.div has
    its own formulas (-a / b**2 and so on), which round and overflow differently. The exponent is a float64 tensor
    like every other number, so pow takes no scalar fast path (reciprocal), as in TorchBuilder.
    """
    return torch.mul(a, torch.pow(b, tensor(-1.0)))


def softplus(x):
    """ln(1 + e ** x) exactly, with no threshold: MicroNet's max(x, 0) + log1p(exp(-|x|)), split by the sign of x.

    F.softplus returns x itself above its threshold of 20, so its second derivative there is 0 instead of
    sigmoid'(x) (1.3e-9 at 20.5). Written literally, relu(x) + log1p(exp(-abs(x))) has derivative 0 at x = 0 (PyTorch
    takes relu'(0) = abs'(0) = 0) instead of 1/2, and torch.logaddexp(x, 0) loses accuracy below about -30 (3 digits
    at -30) and has a NaN second derivative below about -709 (its backward is 1 / (1 + exp(-x)), and differentiating
    that multiplies 0 by the overflowed exp(-x)). Here
    each branch is smooth where it is used, and each branch gets an input that is 0 where it is not used, so that
    torch.where's backward, which multiplies the unused branch's derivative by 0, never meets an infinity (0 * inf
    would be NaN). For x > 0: x + log1p(exp(-x)); otherwise log1p(exp(x)). A NaN input takes the second branch,
    so it gives NaN value and derivatives, as MicroNet.
    """
    positive = x > 0
    zero = tensor(0.0)
    above = torch.where(positive, x, zero)
    below = torch.where(positive, zero, x)
    return torch.where(positive, above + torch.log1p(torch.exp(-above)), torch.log1p(torch.exp(below)))


def check_softplus():
    """softplus above equals F.softplus below F.softplus's threshold of 20 (where F.softplus is exact): the values and
    gradients to about an ulp (1e-15 relative), the second derivatives to 1e-15 absolute (F.softplus's
    sigmoid * (1 - sigmoid) loses relative accuracy near 20, where 1 - sigmoid cancels). Above the threshold it
    stays exact, where F.softplus is not."""
    for number in [k / 8 for k in range(-159, 160)] + [1e-300, -1e-300, 1e-6, -1e-6]:
        derivatives = []
        for function in (softplus, F.softplus):
            x = tensor(number, requires_grad=True)
            y = function(x)
            (grad,) = torch.autograd.grad(y, x, create_graph=True)
            (second,) = torch.autograd.grad(grad, x)
            derivatives.append((y.item(), grad.item(), second.item()))
        (value, grad, second), (their_value, their_grad, their_second) = derivatives
        assert abs(value - their_value) <= 1e-15 * max(1.0, abs(their_value)), number
        assert abs(grad - their_grad) <= 1e-15 * max(1.0, abs(their_grad)), number
        assert abs(second - their_second) <= 1e-15, number
    for number in [30.0, 1000.0, -1000.0]:
        exact = max(number, 0.0) + math.log1p(math.exp(-abs(number)))
        assert softplus(tensor(number)).item() == exact, number


class SecondOrderBuilder(TorchBuilder):
    """TorchBuilder with MicroNet's division and the functions softplus, logsumexp, sum and dot.

    It also notes where a pow's backward masks (see `mask_order`), for the finite-difference check.
    """

    def __init__(self, text, leaves):
        super().__init__(text, leaves)
        self.binary_operators = {**BINARY_OPERATORS, ast.Pow: self.power, ast.Div: divide}
        self.mask_order = math.inf

    def power(self, base, exponent):
        """torch.pow, noting the lowest order of derivative that pow's masks can make differ from the calculus.

        PyTorch's pow backward is where(b == 0, 0, b * a**(b - 1)) for the base and where(a == 0 and b >= 0, 0,
        a**b * log(a)) for the exponent. The masks are not differentiated: with a variable exponent b == 0, d/db of
        the base's derivative is 0 rather than a**-1, so the Hessian is off; b == 1 does the same one level down
        (a**(b - 1) has exponent 0), so third derivatives are off. At a == 0 the masked branch's infinities meet
        torch.where's zero gradient and give NaN. A constant exponent is never differentiated, so its masks only
        drop terms that are 0 anyway.
        """
        a, b = base.item(), exponent.item()
        if a == 0:
            self.mask_order = min(self.mask_order, 2)
        if exponent.requires_grad and b in (0.0, 1.0):
            self.mask_order = min(self.mask_order, 2 if b == 0 else 3)
        return torch.pow(base, exponent)

    def call(self, name, args):
        if name == "pow" and len(args) == 2:
            return self.power(self.walk(args[0]), self.walk(args[1]))
        if name == "softplus" and len(args) == 1:
            return softplus(self.walk(args[0]))
        if name == "logsumexp" and len(args) >= 1:
            return torch.logsumexp(self.vector(args), dim=0)
        if name == "sum":
            return torch.sum(self.vector(args))
        if (name == "dot" and len(args) == 2 and all(isinstance(a, ast.List) for a in args)
                and len(args[0].elts) == len(args[1].elts)):
            return torch.dot(self.vector(args[0].elts), self.vector(args[1].elts))
        return super().call(name, args)

    def vector(self, nodes):
        """The 1-D tensor of the expressions `nodes`; gradients flow back to each through torch.stack."""
        if not nodes:
            return torch.zeros(0, dtype=DTYPE)
        return torch.stack([self.walk(node) for node in nodes])


# Hand-picked cases: (expression, inputs, note), plus THIRD for cases that also record third derivatives.
EDGE_CASES = [
    # relu: piecewise linear, so its second derivative is 0 everywhere, including at the kink.
    ("relu(x)", {"x": 2.0}, "relu'' is 0 where relu' is 1", THIRD),
    ("relu(x)", {"x": -2.0}, "relu'' is 0 where relu' is 0"),
    ("relu(x)", {"x": 0.0}, "relu at exactly 0: value, gradient and second derivative 0", THIRD),
    ("relu(x - 1)", {"x": 1.0}, "relu at exactly 0 after arithmetic"),
    ("relu(x) * x", {"x": 3.0}, "relu(x) * x = x**2 for x > 0: second derivative 2 (2 * relu'(x), relu'' = 0)"),
    ("relu(x) * x", {"x": 0.0}, "relu(x) * x at the kink: relu'(0) = 0, so the second derivative is 0"),
    ("relu(x) * x", {"x": -3.0}, "relu(x) * x = 0 for x < 0: second derivative 0"),
    ("relu(x) ** 2", {"x": 3.0}, "relu(x)**2: 2 * relu'(x)**2 = 2 for x > 0", THIRD),
    ("relu(x) ** 2", {"x": 0.0}, "relu(x)**2 at the kink: 0 (relu'(0) = 0)"),
    ("relu(x) ** 2", {"x": -1.0}, "relu(x)**2 for x < 0: 0"),
    ("relu(x * y)", {"x": 2.0, "y": 3.0}, "relu of a product: the mixed derivative is relu'(xy) = 1, the others 0"),
    ("relu(x * y)", {"x": 2.0, "y": -3.0}, "relu of a negative product: all second derivatives 0"),
    ("relu(log(x))", {"x": -1.0}, "relu of NaN is NaN and passes the gradient (as PyTorch's threshold_backward)"),
    # tanh: tanh'' = -2 tanh (1 - tanh**2), tanh''' = -2 (1 - tanh**2) (1 - 3 tanh**2).
    ("tanh(x)", {"x": 0.0}, "tanh'' is 0 at 0, tanh''' is -2", THIRD),
    ("tanh(x)", {"x": 0.5}, "tanh at a moderate input", THIRD),
    ("tanh(x)", {"x": 40.0}, "tanh(40) rounds to 1: gradient and second derivative exactly 0"),
    ("tanh(x)", {"x": -40.0}, "tanh(-40) rounds to -1: gradient and second derivative exactly 0"),
    ("tanh(x)", {"x": 1000.0}, "tanh saturated at 1000"),
    ("tanh(x)", {"x": -1000.0}, "tanh saturated at -1000"),
    ("tanh(x) * x", {"x": 1000.0}, "saturated tanh on one path, identity on the other"),
    ("tanh(x * y)", {"x": 0.5, "y": -1.5}, "tanh of a product: mixed second derivative"),
    # sigmoid: sigmoid'' = s (1 - s) (1 - 2 s).
    ("sigmoid(x)", {"x": 0.0}, "sigmoid'' is 0 at 0, sigmoid''' is -1/8", THIRD),
    ("sigmoid(x)", {"x": 1.5}, "sigmoid at a moderate input", THIRD),
    ("sigmoid(x)", {"x": 40.0}, "sigmoid(40) rounds to 1: gradient and second derivative 0"),
    ("sigmoid(x)", {"x": -40.0}, "sigmoid(-40) is 4.2e-18: gradient and second derivative about the same"),
    ("sigmoid(x)", {"x": 1000.0}, "sigmoid saturated at 1000"),
    ("sigmoid(x)", {"x": -1000.0}, "sigmoid saturated at -1000"),
    # exp and log.
    ("exp(x)", {"x": 1.0}, "every derivative of exp is exp", THIRD),
    ("exp(x)", {"x": 710.0}, "exp overflows: value, gradient and second derivative infinity"),
    ("exp(x)", {"x": -1000.0}, "exp underflows: all derivatives 0"),
    ("exp(x * y)", {"x": 0.5, "y": -1.0}, "mixed derivative of exp(x * y): (1 + x y) exp(x y)"),
    ("log(x)", {"x": 2.0}, "log'' = -1 / x**2, log''' = 2 / x**3", THIRD),
    ("log(x)", {"x": 0.0}, "log(0): value -infinity, gradient infinity, second derivative -infinity"),
    ("log(x)", {"x": -1.0}, "log of a negative number is NaN, its derivatives are 1/x and -1/x**2 as PyTorch"),
    ("x * log(x)", {"x": 0.0}, "0 * log(0) is NaN"),
    ("log(exp(x))", {"x": 1000.0}, "overflow inside a composition"),
    ("log(x * y)", {"x": 2.0, "y": 0.5}, "log of a product separates: the mixed derivative is 0"),
    # softplus, exact (no threshold): softplus' = sigmoid, softplus'' = sigmoid * (1 - sigmoid).
    ("softplus(x)", {"x": 0.0}, "softplus(0) = ln 2, gradient 1/2, second derivative 1/4", THIRD),
    ("softplus(x)", {"x": 1.5}, "softplus at a moderate input", THIRD),
    ("softplus(x)", {"x": 20.5}, "just above PyTorch's threshold of 20: second derivative 1.25e-9, not 0"),
    ("softplus(x)", {"x": 30.0}, "exact softplus: value 30 + 9.4e-14 and second derivative 9.4e-14 (F.softplus: 30 and 0)", THIRD),
    ("softplus(x)", {"x": -30.0}, "softplus(-30) is 9.4e-14, and so are its derivatives"),
    ("softplus(x)", {"x": 1000.0}, "softplus(1000) is 1000 without overflow: gradient 1, second derivative 0"),
    ("softplus(x)", {"x": -1000.0}, "softplus(-1000) underflows to 0: all derivatives 0, not NaN"),
    ("softplus(x)", {"x": "Infinity"}, "softplus of infinity: infinity, gradient 1, second derivative 0"),
    ("softplus(x)", {"x": "-Infinity"}, "softplus of -infinity: all 0"),
    ("softplus(x * y)", {"x": 1.5, "y": -0.5}, "softplus of a product: mixed derivative"),
    ("softplus(x) - softplus(-x)", {"x": 0.75}, "softplus(x) - softplus(-x) = x: gradient 1, second derivative 0"),
    # pow with a Value exponent (torch.pow(tensor, tensor)), whose backward masks at exponent 0 and at base 0.
    ("x ** y", {"x": 1.5, "y": 2.5}, "x**y at an ordinary point: every mixed derivative", THIRD),
    ("x ** y", {"x": 2.0, "y": 0.0}, "exponent 0: d/dx is masked to 0 for y == 0, so d(d/dx)/dy is 0 while d(d/dy)/dx is 1/x", THIRD),
    ("x ** y", {"x": 2.0, "y": 1.0},
     "exponent 1: Hessian right, but d(d2/dx2)/dy is 0 (mask of x**(y-1) at y - 1 == 0) while the other orders give 1/x", THIRD),
    ("x ** x", {"x": 1.0}, "x**x at 1: second derivative 2 is right, third derivative 2 where the calculus gives 3 (pow's masks)", THIRD),
    ("x ** y", {"x": -2.0, "y": 3.0}, "negative base, integer exponent: d/dy has log of a negative, NaN"),
    ("x ** y", {"x": -2.0, "y": 0.5}, "negative base, non-integer exponent: all NaN"),
    ("x ** y", {"x": 0.0, "y": 0.0}, "0 ** 0: value 1, gradients masked to 0, Hessian NaN"),
    ("x ** y", {"x": 0.0, "y": 0.5}, "0 ** 0.5: gradient (infinity, 0)"),
    ("x ** y", {"x": 0.0, "y": 1.0}, "0 ** 1: gradient (1, 0)"),
    ("x ** y", {"x": 0.0, "y": 2.0}, "0 ** 2: d2/dx2 is 2; the row of the masked exponent derivative is NaN"),
    ("x ** y", {"x": 0.0, "y": 3.0}, "0 ** 3"),
    ("x ** y", {"x": 0.0, "y": -1.0}, "0 ** -1 is infinity"),
    ("pow(x, y)", {"x": 0.0, "y": 2.0}, "pow() is the same op as **"),
    ("x ** 0", {"x": 0.0}, "literal exponent 0 at base 0: gradient masked to 0, second derivative NaN"),
    ("x ** 0", {"x": 2.0}, "literal exponent 0: constant 1"),
    ("x ** 1", {"x": 0.0}, "literal exponent 1 at base 0: second derivative 0 (masked, not 0 * infinity)"),
    ("x ** 2", {"x": 0.0}, "literal exponent 2 at base 0: second derivative 2"),
    ("x ** 0.5", {"x": 0.0}, "square root at 0: gradient infinity, second derivative -infinity"),
    ("x ** 3", {"x": -2.0}, "x**3 at a negative base: 3x**2, 6x, 6", THIRD),
    ("x ** 3", {"x": 0.0}, "x**3 at 0: 0, 0, third derivative 6", THIRD),
    ("x ** -1", {"x": 2.0}, "x**-1: -1/x**2, 2/x**3, -6/x**4", THIRD),
    ("x ** -1", {"x": -2.0}, "x**-1 at a negative base"),
    ("x ** -1", {"x": 0.0}, "x**-1 at 0: infinity, -infinity, infinity"),
    ("x ** x", {"x": 2.0}, "x**x: d/dx = x**x (log x + 1)", THIRD),
    ("x ** x", {"x": 0.5}, "x**x below 1"),
    ("x ** x", {"x": 0.0}, "x**x at 0: value 1, gradient masked to 0, second derivative NaN"),
    ("x ** x", {"x": -2.0}, "x**x at a negative integer: value 0.25, gradient NaN (log of a negative)"),
    ("2 ** x", {"x": 3.0}, "constant base: derivatives 2**x (ln 2)**k", THIRD),
    ("0 ** x", {"x": 2.0}, "constant base 0: masked gradient 0 and second derivative NaN"),
    # Division is a * b ** -1, as MicroNet builds it.
    ("x / y", {"x": 3.0, "y": 2.0}, "quotient: d2/dy2 = 2x/y**3, d2/dxdy = -1/y**2", THIRD),
    ("x / y", {"x": 1.0, "y": 0.0}, "division by 0"),
    ("x / y", {"x": 0.0, "y": 0.0}, "0 / 0 is NaN"),
    ("1 / x", {"x": 0.5}, "reciprocal"),
    ("x / x", {"x": 2.0}, "x * x**-1 is 1: gradient and second derivative 0 up to rounding"),
    ("x / (y - y)", {"x": 2.0, "y": 3.0}, "division by a computed 0"),
    # logsumexp: gradient softmax p, Hessian diag(p) - p p^T.
    ("logsumexp(x)", {"x": 1.5}, "logsumexp of one argument is the argument: gradient 1, second derivative 0", THIRD),
    ("logsumexp(x, y)", {"x": 1.0, "y": 2.0}, "two arguments: Hessian p1 p2 [[1, -1], [-1, 1]]", THIRD),
    ("logsumexp(x, y)", {"x": 0.5, "y": 0.5}, "equal arguments: gradient 1/2 each, Hessian [[1/4, -1/4], [-1/4, 1/4]]"),
    ("logsumexp(x, y)", {"x": 1000.0, "y": 0.0}, "large argument: no overflow; gradient (1, 0), Hessian 0"),
    ("logsumexp(x, y)", {"x": -1000.0, "y": -1000.0}, "large negative equal arguments: no underflow"),
    ("logsumexp(x, y, z, w, v)", {"x": 0.5, "y": -1.0, "z": 2.0, "w": 0.0, "v": 1.5}, "five arguments"),
    ("logsumexp(x, x)", {"x": 1.0}, "one variable twice: x + ln 2, gradient 1, second derivative 0"),
    ("logsumexp(x, 2 * x, 3)", {"x": 0.5}, "arguments built from one variable and a constant"),
    ("logsumexp(x * y, x + y)", {"x": 1.5, "y": -0.5}, "arguments that share variables", THIRD),
    ("logsumexp(x, y)", {"x": "Infinity", "y": 0.0}, "an infinite argument: gradient (NaN, 0) and the whole Hessian NaN, d2/dy2 too (0 * NaN inside the vector backward)"),
    # sum and dot.
    ("sum()", {}, "sum of no arguments is 0"),
    ("sum(x)", {"x": 2.0}, "sum of one argument"),
    ("sum(x, x, x)", {"x": 2.0}, "one variable three times: gradient 3"),
    ("sum(x, y, x * y)", {"x": 2.0, "y": 3.0}, "mixed derivative from one argument"),
    ("sum(x ** 2, y ** 2, x * y * z)", {"x": 1.0, "y": -2.0, "z": 0.5}, "three variables", THIRD),
    ("dot([x], [y])", {"x": 2.0, "y": 3.0}, "dot of one pair is a product: Hessian [[0, 1], [1, 0]]"),
    ("dot([x, y], [x, x])", {"x": 1.5, "y": -2.0}, "reused variables: x**2 + y x, Hessian [[2, 1], [1, 0]]", THIRD),
    ("dot([x, x], [x, x])", {"x": 1.5}, "one variable four times: 2 x**2"),
    ("dot([x, y, z], [y, z, x])", {"x": 1.0, "y": 2.0, "z": 3.0}, "cyclic products: every mixed derivative 1"),
    ("dot([w, b], [x, 1])", {"w": 0.5, "b": -1.0, "x": 2.0}, "a neuron's w x + b"),
    ("dot([x ** 2, y], [exp(y), x * y])", {"x": 0.5, "y": -1.0}, "nonlinear weights and inputs"),
    # Whole functions.
    ("(1 - x)**2 + 100*(y - x**2)**2", {"x": -1.2, "y": 1.0}, "Rosenbrock at its usual starting point", THIRD),
    ("(1 - x)**2 + 100*(y - x**2)**2", {"x": 1.0, "y": 1.0}, "Rosenbrock at its minimum: gradient 0, Hessian [[802, -400], [-400, 200]]", THIRD),
    ("(1 - x)**2 + 100*(y - x**2)**2", {"x": 0.0, "y": 0.0}, "Rosenbrock at the origin"),
    ("dot([u, v], [2 * x * y + 3 * x ** 2, x ** 2 + exp(y)])", {"u": 0.5, "v": -1.0, "x": 1.5, "y": 0.25},
     "Hessian-vector style: the gradient of f = x**2 y + x**3 + e**y dotted with (u, v); its gradient in (x, y) is H(f) (u, v)", THIRD),
    ("x * y * z + x ** 2 * y + exp(y * z) + log(x + y + z)", {"x": 0.5, "y": 1.5, "z": -0.7},
     "mixed partials of three variables", THIRD),
    ("tanh(x * y + z) * sigmoid(x - z) + softplus(y * z)", {"x": 0.3, "y": -0.8, "z": 1.1},
     "three variables through tanh, sigmoid and softplus", THIRD),
    ("-x ** 2 * y", {"x": 3.0, "y": 2.0}, "unary minus of a power: -(x**2) * y"),
]


class SecondOrderGenerator(Generator):
    """generate.py's random expressions, with softplus, logsumexp(...), sum(...) and dot([...], [...]) nodes too."""

    KIND_WEIGHTS = {**Generator.KIND_WEIGHTS, "logsumexp": 6, "sum": 5, "dot": 6}
    FUNCTIONS = Generator.FUNCTIONS + ["softplus"]

    def node(self, kind, depth, names):
        rng = self.rng
        if kind in ("logsumexp", "sum"):
            arguments = [self.expression(depth - 1, names)[0] for _ in range(rng.randint(1, 4))]
            return f"{kind}({', '.join(arguments)})", ATOM
        if kind == "dot":
            count = rng.randint(1, 4)
            weights = [self.expression(depth - 1, names)[0] for _ in range(count)]
            inputs = [self.expression(depth - 1, names)[0] for _ in range(count)]
            return f"dot([{', '.join(weights)}], [{', '.join(inputs)}])", ATOM
        return super().node(kind, depth, names)


def differentiate(output, inputs):
    """d output / d input for each input, as tensors that keep their graph (create_graph) so that they can be
    differentiated again; 0 where the output does not depend on an input (PyTorch's None)."""
    if not output.requires_grad:
        return [tensor(0.0) for _ in inputs]
    grads = torch.autograd.grad(output, inputs, create_graph=True, allow_unused=True)
    return [grad if grad is not None else tensor(0.0) for grad in grads]


def derivatives(text, inputs, third=False):
    """Value, gradient, Hessian and (if asked) third derivatives of `text` at `inputs`, as floats.

    hessian[i][j] is d(grad[i]) / d(input j) and third[i][j][k] is d(hessian[i][j]) / d(input k), each from
    torch.autograd.grad, so an asymmetry in PyTorch's conventions shows instead of being averaged away.
    """
    leaves = {name: tensor(value, requires_grad=True) for name, value in inputs.items()}
    variables = list(leaves.values())
    builder = SecondOrderBuilder(text, leaves)
    output = builder.build()
    grad = differentiate(output, variables)
    hessian = [differentiate(g, variables) for g in grad]
    result = {
        "value": output.item(),
        "grad": [g.item() for g in grad],
        "hessian": [[h.item() for h in row] for row in hessian],
        "mask_order": builder.mask_order,
    }
    if third:
        result["third"] = [[[t.item() for t in differentiate(h, variables)] for h in row] for row in hessian]
    return result


def all_finite(numbers):
    if isinstance(numbers, list):
        return all(all_finite(n) for n in numbers)
    return math.isfinite(numbers)


def json_numbers(numbers):
    if isinstance(numbers, list):
        return [json_numbers(n) for n in numbers]
    return to_json_number(numbers)


# Finite-difference check of the harness: for a smooth function, the central difference of PyTorch's gradient
# (Hessian) must approach its Hessian (third derivatives). A bug in how entries are differentiated or ordered shows
# as a mismatch far beyond the step's error.
def finite_difference_error(text, inputs, numbers, order):
    """Largest scaled difference between `numbers` (the Hessian for order 2, third derivatives for order 3) and the
    central differences of the order - 1 derivatives; None if a perturbed point is not finite (not smooth there)."""
    names = list(inputs)
    worst = 0.0
    for k, name in enumerate(names):
        # Relative to the input, and small beside an input near 0, so that the step does not cross a singularity
        # at 0 (1/x at x = 1e-6): the quotient's error is then about (step / x)**2 <= 1e-6 relative.
        x = inputs[name]
        step = 1e-5 if x == 0 else min(1e-5 * max(1.0, abs(x)), 1e-3 * abs(x))
        sides = []
        for sign in (1, -1):
            moved = dict(inputs, **{name: inputs[name] + sign * step})
            d = derivatives(text, moved, third=False)
            sides.append(d["grad"] if order == 2 else d["hessian"])
        if not all_finite(sides):
            return None
        plus, minus = sides
        if order == 2:
            pairs = [((plus[i] - minus[i]) / (2 * step), numbers[i][k], plus[i], minus[i]) for i in range(len(names))]
        else:
            pairs = [((plus[i][j] - minus[i][j]) / (2 * step), numbers[i][j][k], plus[i][j], minus[i][j])
                     for i in range(len(names)) for j in range(len(names))]
        for estimate, exact, a, b in pairs:
            # The difference quotient is good to about step**2 times the next derivative, and its rounding error
            # is about 1e-16 times the differenced values divided by the step.
            scale = max(1.0, abs(exact), abs(a), abs(b))
            worst = max(worst, abs(estimate - exact) / scale)
    return worst


def case(index, kind, text, inputs, note=None, third=False):
    inputs = {name: from_json_number(value) for name, value in inputs.items()}
    assert variables_in_order(text) == list(inputs), (text, list(inputs))
    d = derivatives(text, inputs, third)
    names = list(inputs)
    entry = {"id": index, "kind": kind}
    if note:
        entry["note"] = note
    entry.update({
        "expression": text,
        "variables": names,
        "inputs": {name: to_json_number(v) for name, v in inputs.items()},
        "value": to_json_number(d["value"]),
        "grad": {name: to_json_number(g) for name, g in zip(names, d["grad"])},
        "hessian": json_numbers(d["hessian"]),
    })
    if third:
        entry["third"] = json_numbers(d["third"])
    return entry, d


def main():
    check_softplus()
    rng = random.Random(SEED)
    generator = SecondOrderGenerator(rng)
    cases, results = [], []
    for text, inputs, note, *flags in EDGE_CASES:
        entry, d = case(len(cases), "edge", text, inputs, note, third=THIRD in flags)
        cases.append(entry)
        results.append(d)
    non_finite = 0
    random_count = 0
    while random_count < RANDOM_CASES:
        # More variables than generate.py draws, so that most Hessians have mixed entries.
        pool = rng.sample(["x", "y", "z", "w", "a", "b1", "bias"], rng.choice([1, 2, 3, 3, 4, 4, 4]))
        text, _ = generator.expression(rng.randint(1, MAX_DEPTH), pool, top=True)
        names = variables_in_order(text)
        if not names or len(text) > MAX_LENGTH:
            continue
        inputs = {name: generator.value() for name in names}
        third = random_count % THIRD_EVERY == 0
        entry, d = case(len(cases), "random", text, inputs, third=third)
        if not all_finite([d["value"], d["grad"], d["hessian"]]):
            if non_finite >= NON_FINITE_SHARE * RANDOM_CASES:
                continue
            non_finite += 1
        cases.append(entry)
        results.append(d)
        random_count += 1
    check_finite_differences(cases, results)
    write_fixture(OUTPUT, "Values, gradients, Hessians and some third derivatives of MicroNet expressions, computed by "
                  "PyTorch's autograd in float64; see README.md.",
                  "tests/reference/generate_second_order.py", cases, SEED)
    edge = len(EDGE_CASES)
    with_third = sum(1 for c in cases if "third" in c)
    print(f"wrote {len(cases)} cases ({edge} edge, {len(cases) - edge} random of which {non_finite} with NaN or "
          f"infinity; {with_third} with third derivatives) to {OUTPUT}", file=sys.stderr)


def check_finite_differences(cases, results):
    """Asserts that the Hessians and third derivatives of smooth, finite cases match central differences.

    Cases where pow's masks can change the result at that order (SecondOrderBuilder.power) are compared too, but
    only listed when they differ: there PyTorch's numbers are a convention, not the limit of difference quotients.
    """
    checked, conventions = 0, []
    for entry, d in zip(cases, results):
        inputs = {name: from_json_number(v) for name, v in entry["inputs"].items()}
        # relu has kinks; huge inputs make the step meaningless for functions like exp.
        if "relu" in entry["expression"] or not inputs or any(abs(v) > 100 for v in inputs.values()):
            continue
        for order, key in ((2, "hessian"), (3, "third")):
            if key not in d or not all_finite([d["value"], d["grad"], d[key]]):
                continue
            error = finite_difference_error(entry["expression"], inputs, d[key], order)
            if error is None:
                continue
            if order >= d["mask_order"]:
                if error >= 1e-5:
                    conventions.append(f"  {entry['id']}: {key} of {entry['expression']} at {entry['inputs']}")
                continue
            assert error < 1e-5, (entry["id"], entry["expression"], inputs, key, error)
            checked += 1
    print(f"checked {checked} Hessians and third derivatives against central differences; "
          f"{len(conventions)} differ from them where pow's backward masks:", *conventions, sep="\n", file=sys.stderr)


if __name__ == "__main__":
    main()
