"""Writes a reference fixture for the generators in this folder: header fields first, then one case per line."""

import json
import platform

import torch


def write_fixture(path, description, generator, seed, cases):
    fixture = {
        "description": description,
        "generator": generator,
        "seed": seed,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "dtype": "float64",
        "cases": [],
    }
    # One case per line, so a regenerated file diffs case by case.
    header = json.dumps(fixture, indent=2, allow_nan=False).split('\n  "cases"')[0]
    lines = ",\n".join("    " + json.dumps(c, allow_nan=False) for c in cases)
    path.write_text(f'{header}\n  "cases": [\n{lines}\n  ]\n}}\n', encoding="utf-8")
