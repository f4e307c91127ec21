#!/usr/bin/env python3
"""Builds pytorch-second-order-differences.json: the cases where MicroNet's higher-order gradients deliberately differ
from PyTorch's (README.md, "Deliberate differences of the second-order fixture"), with PyTorch's numbers, so that the
test (PyTorchSecondOrderTests) notices when a difference goes away. Each case is computed exactly as
generate_second_order.py computes its cases.

Run with the Python that has torch: `/usr/bin/python3 generate_second_order_differences.py`.
"""

import sys

# Importing the generators must not leave a __pycache__ directory in the source tree.
sys.dont_write_bytecode = True

from pathlib import Path

import torch

from generate import write_fixture
from generate_second_order import THIRD, case

OUTPUT = Path(__file__).with_name("pytorch-second-order-differences.json")

# (expression, inputs, name of the difference, note), plus THIRD for cases that also record third derivatives.
DIFFERENCES = [
    ("softplus(x) / 0", {"x": 1.0}, "softplus-infinite-gradient",
     "an infinite gradient into softplus at x > 0: the fixture's where/log1p/exp composition gives inf - inf = NaN, "
     "MicroNet's sigmoid(x) * g gives infinity (as F.softplus's own backward does)"),
    ("softplus(x) / 0", {"x": -1.5}, "softplus-infinite-gradient",
     "the same at x <= 0: the gradient agrees (infinity), the second derivative is NaN in the composition, infinity in MicroNet"),
    ("dot([y, x], [z, log(x)])", {"y": 1.0, "x": 0.0, "z": 2.0}, "vector-third-order",
     "third derivatives of dot: PyTorch keeps each backward of dot a vector operation at every order, so log(0)'s "
     "infinity reaches d3/dx dy dx as NaN; MicroNet ties the elements of dot's gradient once, so it gives 0 there", THIRD),
]


def main():
    cases = []
    for text, inputs, difference, note, *flags in DIFFERENCES:
        entry, _ = case(len(cases), "difference", text, inputs, note, third=THIRD in flags)
        cases.append({"id": entry.pop("id"), "kind": entry.pop("kind"), "difference": difference, **entry})
    write_fixture(OUTPUT, "Cases where MicroNet's higher-order gradients deliberately differ from PyTorch's, with PyTorch's "
                  "numbers (float64); see README.md.",
                  "tests/reference/generate_second_order_differences.py", cases)
    print(f"wrote {len(cases)} cases to {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
