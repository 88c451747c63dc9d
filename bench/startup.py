"""Print start-up and round-trip figures for the offline engine.

    python bench/startup.py [--runs 7]

Targets (checked by reading the output, not asserted in tests): `interview --help` under 0.3 s;
a full scripted round on the offline engine under 5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    interview = str(bin_dir / "interview")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "INTERVIEW_DB": str(Path(tmp) / "bench.sqlite")}
        help_times = [timed([interview, "--help"], env) for _ in range(args.runs)]
        import_times = [
            timed([sys.executable, "-c", "import agent.cli"], env) for _ in range(args.runs)
        ]
        round_times = [
            timed([interview, "run", "applied-ai-agent", "--you", "coach", "--auto", "--json"], env)
            for _ in range(3)
        ]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"interview --help         median {statistics.median(help_times) * 1000:.0f} ms "
        f"(min {min(help_times) * 1000:.0f} ms, {args.runs} runs)"
    )
    print(f"import agent.cli         median {statistics.median(import_times) * 1000:.0f} ms")
    print(
        f"offline round (run --json, coach seat, 4 questions + follow-ups) "
        f"median {statistics.median(round_times):.2f} s"
    )
    print(f"peak child RSS           {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
