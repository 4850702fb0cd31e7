"""Times `risk-sensible summarise` over COUNT small records (one child each, none with a
hot spot: bench/summarise/small_records.py) and reads its peak memory from the kernel
(`wait4`), once per run. Prints the median time, the records a second and the largest
peak; writes them as JSON to --out when given.

    python3 bench/summarise/run.py BINARY [--records N] [--runs N] [--out FILE]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def one_run(binary, path):
    """Seconds and peak resident memory (bytes) of one summarise over `path`."""
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(
            [binary, "summarise", path, "--as-of", "2026-03-16"], stdout=sink
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: summarise exited with {os.waitstatus_to_exitcode(status)}")
    # Linux reports ru_maxrss in KiB.
    return seconds, usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "records.jsonl")
        with open(path, "w") as records:
            subprocess.run(
                [sys.executable, os.path.join(HERE, "small_records.py"), str(arguments.records)],
                stdout=records,
                check=True,
            )
        runs = [one_run(arguments.binary, path) for _ in range(arguments.runs)]
    seconds = statistics.median(run[0] for run in runs)
    peak = max(run[1] for run in runs)
    figures = {
        "records": arguments.records,
        "runs": arguments.runs,
        "medianSeconds": round(seconds, 3),
        "recordsPerSecond": round(arguments.records / seconds),
        "peakMiB": round(peak / 2**20, 1),
        "cores": os.cpu_count(),
    }
    print(
        f"summarise: {arguments.records:,} children, none with a hot spot: median "
        f"{seconds:.2f} s of {arguments.runs} runs ({figures['recordsPerSecond']:,} records/s), "
        f"peak {figures['peakMiB']} MiB, {figures['cores']} cores"
    )
    if arguments.out:
        with open(arguments.out, "w") as out:
            json.dump(figures, out, indent=2)
            out.write("\n")


if __name__ == "__main__":
    main()
