"""The timing method of `micronet bench`, for the PyTorch twins: warm up, size a batch of steps to a target time, time
batches; one sample per batch, in seconds per step. Output is one JSON object per line, as `micronet bench --json`."""

import json
import os
import platform
import time

import torch


def settings(quick):
    """(warm-up seconds, batch seconds, samples), the values of `micronet bench` and `micronet bench --quick`."""
    return (0.75, 0.010, 15) if quick else (1.0, 0.050, 41)


def measure(step, quick):
    warm_up, batch_seconds, count = settings(quick)
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < warm_up:
        step()
        steps += 1
    per_step = (time.perf_counter() - start) / steps
    batch = max(1, int(batch_seconds / per_step))
    samples = []
    for _ in range(count):
        begin = time.perf_counter()
        for _ in range(batch):
            step()
        samples.append((time.perf_counter() - begin) / batch)
    return samples, batch


def write_machine():
    print(json.dumps({
        "kind": "machine",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "python": platform.python_version(),
        "cores": os.cpu_count(),
    }), flush=True)


def write_row(workload, samples, steps_per_sample, note=None):
    ordered = sorted(samples)
    n = len(ordered)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    print(json.dumps({
        "kind": "row",
        "workload": workload,
        "engine": "pytorch",
        "median": median,
        "min": ordered[0],
        "max": ordered[-1],
        "stepsPerSample": steps_per_sample,
        "samples": samples,
        "note": note,
    }), flush=True)
