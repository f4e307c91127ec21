#!/usr/bin/env python3
"""Builds pytorch-gradients.json: expressions in MicroNet's (Python's) syntax, with values and gradients from PyTorch.

Run with the Python that has torch (Debian: `apt-get install python3-torch`, then `/usr/bin/python3 generate.py`).
The seed is fixed, so a run with the same PyTorch version writes the same file. See README.md.
"""

import ast
import json
import math
import platform
import random
import sys
from pathlib import Path

import torch

SEED = 20240611
RANDOM_CASES = 320
MAX_DEPTH = 6
# Share of random cases whose value or some gradient is NaN or infinite; the rest are rejected and redrawn, so the
# corpus is mostly about finite arithmetic while still covering IEEE special values.
NON_FINITE_SHARE = 0.15
OUTPUT = Path(__file__).with_name("pytorch-gradients.json")

DTYPE = torch.float64
UNARY_FUNCTIONS = {
    "tanh": torch.tanh,
    "exp": torch.exp,
    "log": torch.log,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
}
BINARY_OPERATORS = {
    ast.Add: torch.add,
    ast.Sub: torch.sub,
    ast.Mult: torch.mul,
    ast.Div: torch.div,
    ast.Pow: torch.pow,
}

# Hand-picked cases: edge values where conventions matter, and precedence that must match Python's parse.
EDGE_CASES = [
    ("relu(x)", {"x": 0.0}, "relu at exactly 0: value 0, gradient 0 (PyTorch and MicroNet)"),
    ("relu(x - 1)", {"x": 1.0}, "relu at exactly 0 after arithmetic"),
    ("relu(x)", {"x": -2.5}, "relu of a negative number"),
    ("relu(x) * x", {"x": 3.0}, "relu on one path, identity on another"),
    ("relu(log(x))", {"x": -1.0}, "relu of NaN is NaN and passes the gradient, as PyTorch's threshold_backward"),
    ("relu(x)", {"x": "NaN"}, "relu of a NaN input"),
    ("tanh(x)", {"x": 1000.0}, "tanh saturates to 1, gradient exactly 0"),
    ("tanh(x)", {"x": -1000.0}, "tanh saturates to -1, gradient exactly 0"),
    ("tanh(x) * x", {"x": 1000.0}, "saturated tanh on one path"),
    ("tanh(x)", {"x": 20.0}, "tanh close to saturation"),
    ("sigmoid(x)", {"x": 1000.0}, "sigmoid saturates to 1, gradient 0"),
    ("sigmoid(x)", {"x": -1000.0}, "sigmoid saturates to 0, gradient 0"),
    ("sigmoid(x)", {"x": 40.0}, "sigmoid close to 1"),
    ("sigmoid(x)", {"x": -40.0}, "sigmoid close to 0"),
    ("sigmoid(x)", {"x": -700.0}, "sigmoid of a large negative number, before exp(-x) overflows"),
    ("log(sigmoid(x))", {"x": -1000.0}, "log of a saturated sigmoid is -infinity"),
    ("sigmoid(x)", {"x": "-Infinity"}, "sigmoid of -infinity"),
    ("tanh(x)", {"x": "Infinity"}, "tanh of infinity"),
    ("exp(x)", {"x": 710.0}, "exp overflows to infinity"),
    ("exp(x)", {"x": -1000.0}, "exp underflows to 0"),
    ("log(x)", {"x": 0.0}, "log(0) is -infinity, gradient infinity"),
    ("log(x)", {"x": -1.0}, "log of a negative number is NaN, gradient 1/x = -1 as PyTorch"),
    ("x * log(x)", {"x": 0.0}, "0 * -infinity is NaN"),
    ("log(exp(x))", {"x": 1000.0}, "overflow inside a composition"),
    ("x / y", {"x": 1.0, "y": 0.0}, "division by 0 gives infinity"),
    ("x / y", {"x": -1.0, "y": 0.0}, "division by 0 gives -infinity"),
    ("x / y", {"x": 0.0, "y": 0.0}, "0 / 0 is NaN"),
    ("x / (y - y)", {"x": 2.0, "y": 3.0}, "division by a computed 0"),
    ("x ** y", {"x": 0.0, "y": 0.0}, "0 ** 0 is 1; both gradients masked to 0 as PyTorch's pow_backward"),
    ("pow(x, y)", {"x": 0.0, "y": 0.0}, "pow() is the same op as **"),
    ("x ** y", {"x": 0.0, "y": -1.0}, "0 ** -1 is infinity"),
    ("x ** y", {"x": 0.0, "y": 0.5}, "0 ** 0.5: base gradient infinity, exponent gradient masked to 0"),
    ("x ** y", {"x": 0.0, "y": 2.0}, "0 ** 2: exponent gradient masked to 0 instead of 0 * -infinity"),
    ("x ** 0", {"x": 0.0}, "literal exponent 0 at base 0: gradient masked to 0"),
    ("x ** 2", {"x": -3.0}, "negative base, integer literal exponent"),
    ("x ** 3", {"x": -2.0}, "negative base, odd integer exponent"),
    ("x ** y", {"x": -2.0, "y": 3.0}, "negative base, integer exponent variable: exponent gradient is NaN (log of a negative)"),
    ("x ** y", {"x": -2.0, "y": 0.5}, "negative base, non-integer exponent: NaN"),
    ("x ** 0.5", {"x": -4.0}, "square root of a negative number is NaN (pow, not sqrt)"),
    ("x ** -1", {"x": -2.0}, "negative base, negative integer exponent"),
    ("x ** (1/3)", {"x": -8.0}, "cube root of a negative number is NaN in IEEE pow"),
    ("pow(x, y)", {"x": -1.5, "y": -2.0}, "pow() with a negative base and exponent"),
    ("2 ** x", {"x": 10.0}, "constant base, variable exponent"),
    ("0 ** x", {"x": 2.0}, "constant base 0"),
    ("x ** x", {"x": 0.0}, "a variable as base and exponent at 0"),
    ("x ** x", {"x": 2.0}, "a variable as base and exponent"),
    ("-x ** 2", {"x": 3.0}, "** binds tighter than unary minus: -(x**2)"),
    ("(-x) ** 2", {"x": 3.0}, "parenthesised unary minus as base"),
    ("x ** -y", {"x": 2.0, "y": 1.0}, "unary minus in the exponent"),
    ("x ** y ** z", {"x": 2.0, "y": 3.0, "z": 2.0}, "** is right-associative"),
    ("(x ** y) ** z", {"x": 2.0, "y": 3.0, "z": 2.0}, "left-grouped powers"),
    ("-2 ** 2", {}, "no variables: -(2**2) = -4"),
    ("2 ** 3 ** 2", {}, "no variables: 2**9 = 512"),
    ("2 ** -1", {}, "no variables: 0.5"),
    ("x - y - z", {"x": 1.0, "y": 2.0, "z": 3.0}, "- is left-associative"),
    ("x / y / z", {"x": 1.0, "y": 2.0, "z": 4.0}, "/ is left-associative"),
    ("x - -y", {"x": 1.0, "y": 2.0}, "binary minus then unary minus"),
    ("--x", {"x": 1.5}, "double unary minus"),
    ("+x * -y", {"x": 1.5, "y": 2.0}, "unary signs in a product"),
    ("x * y + x * z + x", {"x": 1.5, "y": -2.0, "z": 0.25}, "a variable used three times accumulates its gradient"),
    ("1e-3 * x + .5 - 2. * x", {"x": 7.0}, "number forms 1e-3, .5 and 2."),
    ("x * 1E+2", {"x": 3.0}, "exponent with capital E and sign"),
    ("x - x", {"x": "Infinity"}, "infinity minus infinity is NaN"),
    ("x * 0", {"x": "Infinity"}, "infinity times 0 is NaN"),
    ("sigmoid(x)", {"x": -720.0}, "PyTorch's 1/(1+exp(720)) is 0, MicroNet's exp(x)/(1+exp(x)) a subnormal: within 1e-12"),
]

# Cases where MicroNet deliberately differs from PyTorch (see README.md, "Deliberate differences"). The fixture keeps
# PyTorch's numbers; the test checks that they still differ and that MicroNet gives the value documented there.
DIFFERENCE_CASES = [
    ("log(sigmoid(x))", {"x": -720.0}, "sigmoid-subnormal",
     "PyTorch: log(0) = -infinity; MicroNet keeps sigmoid(-720) as a subnormal, so log gives -720 (gradient: 1/y overflows)"),
    ("x / y", {"x": 1e-200, "y": 1e-200}, "division-by-reciprocal",
     "MicroNet's a / b is a * b**-1 (micrograd): d/db = -a * b**-2 overflows to -infinity where PyTorch's -a/b/b is -1e200"),
    ("x / y", {"x": 1e-10, "y": 1e-310}, "division-by-reciprocal",
     "MicroNet's a / b is a * b**-1 (micrograd): 1 / 1e-310 overflows to infinity where PyTorch's a / b is 1e300"),
]


def tensor(number, requires_grad=False):
    return torch.tensor(number, dtype=DTYPE, requires_grad=requires_grad)


class TorchBuilder:
    """Builds the PyTorch graph of an expression parsed by Python itself, with float64 tensors.

    Numbers become float64 tensors (not Python scalars), so `x ** 2` runs torch.pow(tensor, tensor), the op
    MicroNet's Value.Pow(Value) mirrors; a Python scalar would take PyTorch's fast paths instead (sqrt for 0.5,
    x*x for 2), which differ at -0.0 and -infinity. generate_second_order.py subclasses this to add functions and to
    divide as MicroNet does.
    """

    binary_operators = BINARY_OPERATORS

    def __init__(self, text, leaves):
        self.text = text
        self.leaves = leaves

    def build(self):
        return self.walk(ast.parse(self.text, mode="eval"))

    def walk(self, node):
        if isinstance(node, ast.Expression):
            return self.walk(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return tensor(float(node.value))
        if isinstance(node, ast.Name):
            return self.leaves[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return torch.neg(self.walk(node.operand))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
            return self.walk(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in self.binary_operators:
            return self.binary_operators[type(node.op)](self.walk(node.left), self.walk(node.right))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            result = self.call(node.func.id, node.args)
            if result is not None:
                return result
        raise ValueError(f"unsupported syntax in {self.text!r}: {ast.dump(node)}")

    def call(self, name, args):
        """The tensor for the function call `name(args)` (args are ast nodes), or None if it is not supported."""
        if name in UNARY_FUNCTIONS and len(args) == 1:
            return UNARY_FUNCTIONS[name](self.walk(args[0]))
        if name == "pow" and len(args) == 2:
            return torch.pow(self.walk(args[0]), self.walk(args[1]))
        return None


def evaluate(text, inputs):
    """Value and gradients of `text`, parsed by Python itself, evaluated by PyTorch in float64 (see TorchBuilder)."""
    leaves = {name: tensor(value, requires_grad=True) for name, value in inputs.items()}
    output = TorchBuilder(text, leaves).build()
    if output.requires_grad:
        output.backward()
    # A variable that does not influence the output has grad None in PyTorch; its gradient is 0.
    grads = {name: (leaf.grad.item() if leaf.grad is not None else 0.0) for name, leaf in leaves.items()}
    return output.item(), grads


def variables_in_order(text):
    """The variables of `text` in order of first appearance: every name that is not the function of a call."""
    tree = ast.parse(text, mode="eval")
    functions = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    names = sorted((node.col_offset, node.id) for node in ast.walk(tree)
                   if isinstance(node, ast.Name) and id(node) not in functions)
    ordered = []
    for _, name in names:
        if name not in ordered:
            ordered.append(name)
    return ordered


# Precedence as in Python's grammar: sum < term < factor (unary) < power < atom.
SUM, TERM, UNARY, POWER, ATOM = 1, 2, 3, 4, 5
OPERATORS = {"+": SUM, "-": SUM, "*": TERM, "/": TERM}
NUMBER_FORMS = ["2", "3", "1", "0.5", ".5", "2.", "1e-3", "2.5e1", "1.5", "0.25", "10", "4", "1E2", "0"]
EXPONENT_FORMS = ["2", "3", "0.5", "-1", "-2", "1.5", "0", "4", "1e0"]


class Generator:
    # Kinds of inner node and their relative weights; a subclass adds kinds by extending this and node().
    KIND_WEIGHTS = {"binary": 45, "power": 12, "unary": 10, "function": 28, "pow": 5}
    # The functions a "function" node applies to one argument.
    FUNCTIONS = list(UNARY_FUNCTIONS)

    def __init__(self, rng):
        self.rng = rng

    def expression(self, depth, names, top=False):
        """A random tree as (text, precedence); depth counts the levels of operators above the leaves."""
        rng = self.rng
        if depth == 0 or (not top and rng.random() < 0.2):
            if rng.random() < 0.75:
                return rng.choice(names), ATOM
            return rng.choice(NUMBER_FORMS), ATOM
        kind = rng.choices(list(self.KIND_WEIGHTS), weights=list(self.KIND_WEIGHTS.values()))[0]
        return self.node(kind, depth, names)

    def node(self, kind, depth, names):
        """An inner node of the given kind whose children have depth - 1, as (text, precedence)."""
        rng = self.rng
        if kind == "binary":
            op = rng.choice(list(OPERATORS))
            left = self.operand(self.expression(depth - 1, names), OPERATORS[op])
            right = self.operand(self.expression(depth - 1, names), OPERATORS[op] + 1)
            return self.spaced(left, op, right), OPERATORS[op]
        if kind == "power":
            base = self.operand(self.expression(depth - 1, names), ATOM)
            if rng.random() < 0.4:
                exponent = rng.choice(EXPONENT_FORMS)
                if exponent.startswith("-") and rng.random() < 0.5:
                    exponent = f"({exponent})"
            else:
                exponent = self.operand(self.expression(depth - 1, names), UNARY)
            return self.spaced(base, "**", exponent), POWER
        if kind == "unary":
            sign = "-" if rng.random() < 0.85 else "+"
            return sign + self.operand(self.expression(depth - 1, names), UNARY), UNARY
        if kind == "function":
            name = rng.choice(self.FUNCTIONS)
            return f"{name}({self.expression(depth - 1, names)[0]})", ATOM
        if kind == "pow":
            first = self.expression(depth - 1, names)[0]
            second = self.expression(depth - 1, names)[0]
            return f"pow({first}, {second})", ATOM
        raise ValueError(f"unknown kind of node {kind!r}")

    def operand(self, expression, needed):
        text, precedence = expression
        if precedence < needed or self.rng.random() < 0.05:
            return f"({text})"
        return text

    def spaced(self, left, op, right):
        return f"{left} {op} {right}" if self.rng.random() < 0.7 else f"{left}{op}{right}"

    def value(self):
        rng = self.rng
        kind = rng.random()
        if kind < 0.6:
            return rng.uniform(-3, 3)
        if kind < 0.8:
            return rng.uniform(0.05, 4)
        return rng.choice([0.0, 1.0, -1.0, 2.0, 0.5, 1e-6, -1e-6, 40.0, -40.0, 1000.0, -1000.0, 1e8])


def is_finite_case(value, grads):
    return math.isfinite(value) and all(math.isfinite(g) for g in grads.values())


def to_json_number(number):
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return number


def from_json_number(number):
    return float(number) if isinstance(number, str) else number


def case(index, kind, text, inputs, note=None, difference=None):
    inputs = {name: from_json_number(value) for name, value in inputs.items()}
    assert variables_in_order(text) == list(inputs), (text, list(inputs))
    value, grads = evaluate(text, inputs)
    entry = {"id": index, "kind": kind}
    if note:
        entry["note"] = note
    if difference:
        entry["difference"] = difference
    entry.update({
        "expression": text,
        "variables": list(inputs),
        "inputs": {name: to_json_number(v) for name, v in inputs.items()},
        "value": to_json_number(value),
        "grad": {name: to_json_number(g) for name, g in grads.items()},
    })
    return entry, is_finite_case(value, grads)


def write_fixture(path, description, generator, cases, seed=None):
    """Writes a fixture: its header (what it holds, the generator, the seed if any, the torch and Python versions, the dtype)
    and `cases`, one case per line, so a regenerated file diffs case by case."""
    fixture = {"description": description, "generator": generator}
    if seed is not None:
        fixture["seed"] = seed
    fixture.update({"torch": torch.__version__, "python": platform.python_version(), "dtype": "float64"})
    header = json.dumps(fixture, indent=2, allow_nan=False)[:-2]
    lines = ",\n".join("    " + json.dumps(c, allow_nan=False) for c in cases)
    path.write_text(f'{header},\n  "cases": [\n{lines}\n  ]\n}}\n', encoding="utf-8")


def main():
    rng = random.Random(SEED)
    generator = Generator(rng)
    cases = []
    for text, inputs, note in EDGE_CASES:
        cases.append(case(len(cases), "edge", text, inputs, note)[0])
    for text, inputs, difference, note in DIFFERENCE_CASES:
        cases.append(case(len(cases), "difference", text, inputs, note, difference)[0])
    non_finite = 0
    while sum(1 for c in cases if c["kind"] == "random") < RANDOM_CASES:
        pool = rng.sample(["x", "y", "z", "w", "a", "b1", "bias"], rng.choice([1, 2, 2, 3, 3]))
        text, _ = generator.expression(rng.randint(1, MAX_DEPTH), pool, top=True)
        names = variables_in_order(text)
        if not names:
            continue
        entry, finite = case(len(cases), "random", text, {name: generator.value() for name in names})
        if not finite:
            if non_finite >= NON_FINITE_SHARE * RANDOM_CASES:
                continue
            non_finite += 1
        cases.append(entry)
    write_fixture(OUTPUT, "Values and gradients of MicroNet expressions computed by PyTorch in float64; see README.md.",
                  "tests/reference/generate.py", cases, SEED)
    print(f"wrote {len(cases)} cases ({len(EDGE_CASES)} edge, {len(DIFFERENCE_CASES)} deliberate differences, {non_finite} random with NaN or infinity) to {OUTPUT}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
