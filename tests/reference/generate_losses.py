#!/usr/bin/env python3
"""Builds pytorch-losses.json: batches of outputs and targets with the loss and its gradient from PyTorch (float64).

Each case names a MicroNet loss (by its command-line name), gives one output row per sample and one target per sample
(a number, or a class index), and records torch.nn.functional's mean-reduced loss and d(loss)/d(outputs). Run with
the Python that has torch: /usr/bin/python3 generate_losses.py. The seed is fixed; see README.md.
"""

import random
from pathlib import Path

import torch
import torch.nn.functional as F

from generate import write_fixture

SEED = 20261130
OUTPUT = Path(__file__).with_name("pytorch-losses.json")
DTYPE = torch.float64


def regression(rng, count, scale):
    outputs = [[rng.uniform(-scale, scale)] for _ in range(count)]
    targets = [rng.uniform(-scale, scale) for _ in range(count)]
    return outputs, targets


def evaluate(loss, outputs, targets, delta):
    z = torch.tensor(outputs, dtype=DTYPE, requires_grad=True)
    if loss == "cross-entropy":
        value = F.cross_entropy(z, torch.tensor(targets, dtype=torch.long))
    elif loss == "bce":
        value = F.binary_cross_entropy_with_logits(z[:, 0], torch.tensor(targets, dtype=DTYPE))
    elif loss == "mse":
        value = F.mse_loss(z[:, 0], torch.tensor(targets, dtype=DTYPE))
    elif loss == "huber":
        value = F.huber_loss(z[:, 0], torch.tensor(targets, dtype=DTYPE), delta=delta)
    else:
        raise ValueError(loss)
    value.backward()
    return value.item(), z.grad.tolist()


def main():
    rng = random.Random(SEED)
    cases = []

    def add(loss, outputs, targets, note, delta=None):
        value, grad = evaluate(loss, outputs, targets, delta)
        case = {"id": len(cases), "loss": loss, "note": note}
        if delta is not None:
            case["delta"] = delta
        case.update({"outputs": outputs, "targets": targets, "value": value, "grad": grad})
        cases.append(case)

    # Huber: inside, outside and exactly at the seams (|d| = 0 and |d| = delta), PyTorch's default delta and others.
    add("huber", [[0.5], [-0.25], [3.0], [-4.0], [1.0], [2.0]], [0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        "delta 1: two inside, two outside, one at |d| = delta, one at d = 0", 1.0)
    add("huber", [[1.0], [-1.0], [1.0000000001], [0.9999999999]], [0.0, 0.0, 0.0, 0.0], "at and next to |d| = delta", 1.0)
    add("huber", [[1e-10], [-3e-9]], [0.0, 0.0], "tiny residuals stay exact (0.5 d^2)", 1.0)
    add("huber", [[1e8], [-1e8]], [0.0, 1.0], "huge residuals: delta (|d| - delta / 2), gradient +-delta", 1.0)
    for delta in [0.1, 0.5, 2.5, 10.0]:
        outputs, targets = regression(rng, 12, 4 * delta)
        add("huber", outputs, targets, f"random residuals around delta {delta}", delta)
    for scale in [1.0, 100.0]:
        outputs, targets = regression(rng, 10, scale)
        add("huber", outputs, targets, f"random residuals of scale {scale}, default delta", 1.0)
    # The other training losses on random batches, so that every loss definition is checked against PyTorch.
    for scale in [1.0, 30.0]:
        outputs, targets = regression(rng, 9, scale)
        add("mse", outputs, targets, f"random regression batch of scale {scale}")
        logits = [[rng.uniform(-scale, scale)] for _ in range(9)]
        add("bce", logits, [float(rng.randint(0, 1)) for _ in range(9)], f"random logits of scale {scale}")
        logits = [[rng.uniform(-scale, scale) for _ in range(4)] for _ in range(9)]
        add("cross-entropy", logits, [rng.randint(0, 3) for _ in range(9)], f"random 4-class logits of scale {scale}")
    add("bce", [[1000.0], [-1000.0]], [0.0, 1.0], "large logits on the wrong side stay finite")
    add("cross-entropy", [[1000.0, 0.0], [0.0, 1000.0]], [1, 1], "large logits stay finite")

    write_fixture(OUTPUT, "Mean-reduced losses and their gradients computed by torch.nn.functional in float64; see README.md.",
                  "tests/reference/generate_losses.py", cases, SEED)
    print(f"wrote {len(cases)} cases to {OUTPUT}")


if __name__ == "__main__":
    main()
