"""PyTorch twin of `micronet bench`'s Fashion-MNIST epoch: Mlp(784, [100, 10]) with ReLU, softmax cross-entropy, Adam
1e-3, batch 32, float64, every one of the 60,000 training images per epoch in a fresh shuffled order, with the loss and
the accuracy tallied per batch as `micronet train` does. The first epoch is warm-up; each later one is a sample.

Run: /usr/bin/python3 benchmarks/pytorch/fashion_epoch.py [--epochs N] [--threads N] [--directory DIR]
"""

import argparse
import gzip
import os
import time

import numpy
import torch

import timing

torch.set_default_dtype(torch.float64)


def load(directory, part):
    def read(name, offset):
        path = os.path.join(directory, name)
        opener = gzip.open if os.path.exists(path + ".gz") else open
        with opener(path + ".gz" if os.path.exists(path + ".gz") else path, "rb") as file:
            return numpy.frombuffer(file.read(), numpy.uint8, offset=offset)
    images = read(f"{part}-images-idx3-ubyte", 16).reshape(-1, 784) / 255.0
    labels = read(f"{part}-labels-idx1-ubyte", 8).astype(numpy.int64)
    return torch.from_numpy(images), torch.from_numpy(labels)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch threads; 0 keeps PyTorch's default")
    parser.add_argument("--directory", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    x, y = load(args.directory, "train")
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    timing.write_machine()
    seconds = []
    accuracy = 0.0
    for epoch in range(args.epochs + 1):
        begin = time.perf_counter()
        order = torch.randperm(len(x))
        loss_sum, correct = 0.0, 0
        for start in range(0, len(x), 32):
            batch = order[start:start + 32]
            logits = model(x[batch])
            loss = torch.nn.functional.cross_entropy(logits, y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(batch)
            correct += (logits.argmax(1) == y[batch]).sum().item()
        seconds.append(time.perf_counter() - begin)
        accuracy = correct / len(x)
    timing.write_row(f"fashion-mnist epoch, {torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''}",
                     seconds[1:], 1, f"training accuracy of the last epoch {accuracy:.1%}")


if __name__ == "__main__":
    main()
