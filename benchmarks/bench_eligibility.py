"""All titles for N staff (default 50,000): verdicts per second, compared with reading the same workbook.

    python benchmarks/bench_eligibility.py [N]

Builds the synthetic workbook of bench_read (benchmarks/gen_workbook.py) if missing, reads it once,
then times check_school 5 times as a user gets it (two processes for a school this large on Linux) and 5
times in one process, and reports verdicts/s (target ≥ 100,000/s) for the median run, with the spread
(fastest–slowest; other load on this shared 2-vCPU host moves timings by up to 1.5x).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.core import eligibility
from thidua_xl.core.eligibility import parallel
from thidua_xl.workbook.reader import read_workbook

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    path = HERE / "data" / f"synthetic_{n}.xlsx"
    if not path.exists():
        from gen_workbook import generate

        generate(n, path)
    t = time.perf_counter()
    data = read_workbook(path)
    read_s = time.perf_counter() - t
    rules = api.ruleset(data)

    def timed(runs: int, processes: int | None) -> tuple[list[float], Any]:
        times, result = [], None
        for _ in range(runs):
            result = None  # free the previous run's verdicts outside the timed region
            t = time.perf_counter()
            result = eligibility.check_school(data, rules, processes=processes)
            times.append(time.perf_counter() - t)
        return times, result

    times, result = timed(5, None)
    used = parallel.last_processes
    single, _ = timed(5, 1)
    verdicts = len(result.verdicts)
    print(f"staff: {len(data.staff):,}; teams: {len(data.teams):,}; verdicts: {verdicts:,} (all titles)")
    for label, ts in ((f"check_school ({used} process{'es' if used > 1 else ''}, the default)", times),
                      ("check_school (1 process)", single)):
        med = statistics.median(ts)
        print(f"{label}: median of {len(ts)} {med:.2f} s -> {verdicts / med:,.0f} verdicts/s "
              f"(spread {min(ts):.2f}–{max(ts):.2f} s)")
    print("target >= 100,000 verdicts/s")
    med = statistics.median(times)
    print(f"reading + validating the same workbook: {read_s:.2f} s ({read_s / med:.1f}x the default eligibility time)")
    eligible = sum(v.eligible for v in result.verdicts)
    print(f"eligible verdicts: {eligible:,}")


if __name__ == "__main__":
    main()
