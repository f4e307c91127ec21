#!/usr/bin/python3
"""Runs `micronet bench` and its PyTorch twins side by side, interleaved, and prints medians, spread and ratios.

Each round runs every workload on both systems, one process at a time, alternating which goes first; samples are pooled
over the rounds. The ratio is MicroNet's median over PyTorch's (below 1: MicroNet is faster). The 1-minute load average
is read before every process, so the table says how busy the machine was.

Run from the repository root, with the Python that has PyTorch (Debian's python3-torch):
    /usr/bin/python3 benchmarks/run.py                  # every workload, 3 rounds
    /usr/bin/python3 benchmarks/run.py --only moons --rounds 5 --quick
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TWINS = os.path.join(ROOT, "benchmarks", "pytorch")
MICRONET = os.path.join(ROOT, "src", "MicroNet.Cli", "bin", "Release", "net10.0", "MicroNet.Cli.dll")
WORKLOADS = ["notebook", "moons", "fashion"]


def load_average():
    with open("/proc/loadavg") as file:
        return float(file.read().split()[0])


def rows(command, loads):
    loads.append(load_average())
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def micronet(workload, args, loads):
    command = ["dotnet", MICRONET, "bench", "--only", workload, "--json"]
    if args.quick:
        command.append("--quick")
    if workload == "fashion":
        command += ["--fashion-epochs", str(args.epochs)]
    return rows(command, loads)


def pytorch(workload, args, loads):
    python = sys.executable
    if workload == "fashion":
        found = []
        # PyTorch's default thread count and one thread per core: the faster is the one compared.
        for threads in sorted({0, os.cpu_count() or 1}):
            found += rows([python, os.path.join(TWINS, "fashion_epoch.py"), "--epochs", str(args.epochs), "--threads", str(threads)], loads)
        return found
    return rows([python, os.path.join(TWINS, f"{workload}_step.py")] + (["--quick"] if args.quick else []), loads)


def describe(samples):
    ordered = sorted(samples)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) >= 2 else [ordered[0]] * 3
    return statistics.median(ordered), ordered[0], ordered[-1], quartiles[0], quartiles[2]


def seconds(value):
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.3f} ms"
    return f"{value * 1e6:.2f} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default=",".join(WORKLOADS), help="comma-separated: " + ", ".join(WORKLOADS))
    parser.add_argument("--quick", action="store_true", help="shorter samples for the step workloads")
    parser.add_argument("--epochs", type=int, default=2, help="timed Fashion-MNIST epochs per process, after one of warm-up")
    parser.add_argument("--no-build", action="store_true", help="use the existing Release build")
    parser.add_argument("--out", help="also write every sample and the machine to this JSON file")
    args = parser.parse_args()
    workloads = [w for w in args.only.split(",") if w]
    if not args.no_build:
        subprocess.run(["dotnet", "build", "-c", "Release", "src/MicroNet.Cli", "-v", "quiet", "-nologo"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)

    samples, machines, loads = {}, {}, []
    for round_index in range(args.rounds):
        for workload in workloads:
            runners = [("micronet", micronet), ("pytorch", pytorch)]
            if round_index % 2:
                runners.reverse()
            for system, run in runners:
                for row in run(workload, args, loads):
                    if row["kind"] == "machine":
                        machines[system] = row
                    elif row["kind"] == "row":
                        key = (row["workload"], row["engine"])
                        samples.setdefault(key, []).extend(row["samples"])
                print(f"round {round_index + 1}/{args.rounds}: {workload} on {system} done (load {loads[-1]:.2f})", file=sys.stderr, flush=True)

    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
    model = next((line.split(":", 1)[1].strip() for line in lscpu.splitlines() if line.startswith("Model name")), "unknown")
    print(f"machine   {model}, {os.cpu_count()} cores; MicroNet on {machines.get('micronet', {}).get('runtime', '?')}, "
          f"PyTorch {machines.get('pytorch', {}).get('torch', '?')} (default threads {machines.get('pytorch', {}).get('threads', '?')})")
    print(f"method    {args.rounds} interleaved rounds; every sample pooled; ratio = MicroNet median / PyTorch median")
    print(f"load      1-minute load average before each process: min {min(loads):.2f}, median {statistics.median(loads):.2f}, max {max(loads):.2f}")
    print()
    header = f"{'workload':<34} {'engine':<9} {'median':>10} {'min - max':>23} {'IQR':>23} {'n':>4} {'vs PyTorch':>10}"
    print(header)
    print("-" * len(header))
    for workload in workloads:
        keys = [k for k in samples if k[0].startswith({"notebook": "notebook", "moons": "moons", "fashion": "fashion"}[workload])]
        torch_keys = [k for k in keys if k[1] == "pytorch"]
        best_torch = min(torch_keys, key=lambda k: statistics.median(samples[k])) if torch_keys else None
        for key in sorted(keys, key=lambda k: (k[1] == "pytorch", k)):
            median, low, high, q1, q3 = describe(samples[key])
            ratio = ""
            if key[1] != "pytorch" and best_torch is not None:
                ratio = f"{median / statistics.median(samples[best_torch]):.3f}"
            elif key == best_torch:
                ratio = "1 (ref)"
            print(f"{key[0]:<34} {key[1]:<9} {seconds(median):>10} {seconds(low) + ' - ' + seconds(high):>23} "
                  f"{seconds(q1) + ' - ' + seconds(q3):>23} {len(samples[key]):>4} {ratio:>10}")
    if args.out:
        with open(args.out, "w") as file:
            json.dump({"machine": model, "systems": machines, "loads": loads,
                       "samples": [{"workload": k[0], "engine": k[1], "samples": v} for k, v in samples.items()]}, file, indent=1)


if __name__ == "__main__":
    main()
