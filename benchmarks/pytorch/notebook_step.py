"""PyTorch twin of `micronet bench`'s notebook step: the notebook's tanh Mlp(3, [4, 4, 1]) on its four samples, the sum
of squared errors, zero_grad, backward and an SGD step (lr 0.05), in float64.

Run: /usr/bin/python3 benchmarks/pytorch/notebook_step.py [--quick]
"""

import sys

import torch

import timing

torch.set_default_dtype(torch.float64)


def main():
    quick = "--quick" in sys.argv
    torch.manual_seed(42)
    x = torch.tensor([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]])
    y = torch.tensor([1.0, -1.0, -1.0, 1.0])
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.Tanh(),
        torch.nn.Linear(4, 4), torch.nn.Tanh(),
        torch.nn.Linear(4, 1), torch.nn.Tanh())
    for p in model.parameters():
        torch.nn.init.uniform_(p, -1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)

    def step():
        loss = ((model(x).squeeze(1) - y) ** 2).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()

    timing.write_machine()
    samples, batch = timing.measure(step, quick)
    timing.write_row("notebook step", samples, batch)


if __name__ == "__main__":
    main()
