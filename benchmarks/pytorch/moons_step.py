"""PyTorch twin of `micronet bench`'s moons step: micrograd's demo written the natural PyTorch way, in float64.

Mlp(2, [16, 16, 1]) with ReLU hidden layers and a linear output (weights uniform in [-1, 1], as micrograd's), 100
two-moons points with labels -1 or +1, loss mean((1 + -y * score).relu()) + 1e-4 * sum(p * p), then zero_grad, backward
and an SGD step (lr 0.05). Run: /usr/bin/python3 benchmarks/pytorch/moons_step.py [--quick]
"""

import math
import random
import sys

import torch

import timing

torch.set_default_dtype(torch.float64)


def moons(count, noise, seed):
    """Two interleaving half circles, as scikit-learn's make_moons (not the same points as MicroNet's: the same work)."""
    rng = random.Random(seed)
    outer = count // 2
    points, labels = [], []
    for i in range(count):
        if i < outer:
            angle = math.pi * i / (outer - 1)
            x, y, label = math.cos(angle), math.sin(angle), 0
        else:
            angle = math.pi * (i - outer) / (count - outer - 1)
            x, y, label = 1 - math.cos(angle), 0.5 - math.sin(angle), 1
        points.append([x + rng.gauss(0, noise), y + rng.gauss(0, noise)])
        labels.append(2 * label - 1)
    return torch.tensor(points), torch.tensor(labels, dtype=torch.float64)


def main():
    quick = "--quick" in sys.argv
    torch.manual_seed(1337)
    x, y = moons(100, 0.1, 1337)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 16), torch.nn.ReLU(),
        torch.nn.Linear(16, 16), torch.nn.ReLU(),
        torch.nn.Linear(16, 1))
    for p in model.parameters():
        torch.nn.init.uniform_(p, -1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)

    def step():
        scores = model(x).squeeze(1)
        data_loss = (1 + -y * scores).relu().mean()
        reg_loss = 1e-4 * sum((p * p).sum() for p in model.parameters())
        loss = data_loss + reg_loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    timing.write_machine()
    samples, batch = timing.measure(step, quick)
    timing.write_row("moons step", samples, batch)


if __name__ == "__main__":
    main()
