"""`make bench`: every benchmark of the project, one after the other, each in its own process.

    python benchmarks/run_all.py [--quick]

Each script prints its own figures (medians of several runs beside the floor it is compared with); this
runner only starts them in turn and reports which failed. ``--quick`` passes small sizes (a smoke run of
every script in about a minute); without it the scripts use their documented default sizes, which take
many minutes (the 50,000-staff workbook is generated on first use into benchmarks/data/).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (script, arguments for the full run, arguments for --quick)
BENCHES: tuple[tuple[str, list[str], list[str]], ...] = (
    ("bench_read.py", [], ["2000"]),
    ("bench_eligibility.py", [], ["2000"]),
    ("bench_tally.py", [], ["--ballots", "500", "--candidates", "20", "--repeat", "3"]),
    ("bench_reports.py", [], ["10", "--repeat", "1"]),
    ("bench_udfs.py", [], ["500"]),
    ("bench_clicks.py", [], ["2"]),
)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    failed: list[str] = []
    for script, full, small in BENCHES:
        args = [sys.executable, str(HERE / script), *(small if quick else full)]
        print(f"\n=== {script} {' '.join(args[2:])}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run(args, check=False).returncode
        print(f"=== {script}: exit {rc}, {time.perf_counter() - t0:.1f} s", flush=True)
        if rc != 0:
            failed.append(script)
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
