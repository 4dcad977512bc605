"""All titles for N staff (default 50,000): verdicts per second, compared with reading the same workbook.

    python benchmarks/bench_eligibility.py [N]

Builds the synthetic workbook of bench_read (benchmarks/gen_workbook.py) if missing, reads it once,
then times check_school 5 times as a user gets it (two processes for a school this large on Linux) and 5
times in one process, and reports verdicts/s (target ≥ 100,000/s) for the median run, with the spread
(fastest–slowest; other load on this shared 2-vCPU host moves timings by up to 1.5x). Beside the wall time,
the CPU time (this process and the forked child, ``os.times``: less moved by other load than the wall time).
Then the fixed cost per school that ``thidua gop`` pays: check_school on one school of
benchmarks/data/schools_200x80 (if generated), 200 times, median of 5.
"""

from __future__ import annotations

import os
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

    def timed(runs: int, processes: int | None) -> tuple[list[float], list[float], Any]:
        times, cpu, result = [], [], None
        for _ in range(runs):
            result = None  # free the previous run's verdicts outside the timed region
            c, t = _cpu(), time.perf_counter()
            result = eligibility.check_school(data, rules, processes=processes)
            times.append(time.perf_counter() - t)
            cpu.append(_cpu() - c)
        return times, cpu, result

    times, cpu, result = timed(5, None)
    used = parallel.last_processes
    single, single_cpu, _ = timed(5, 1)
    verdicts = len(result.verdicts)
    print(f"staff: {len(data.staff):,}; teams: {len(data.teams):,}; verdicts: {verdicts:,} (all titles)")
    for label, ts, cs in ((f"check_school ({used} process{'es' if used > 1 else ''}, the default)", times, cpu),
                          ("check_school (1 process)", single, single_cpu)):
        med = statistics.median(ts)
        print(f"{label}: median of {len(ts)} {med:.2f} s -> {verdicts / med:,.0f} verdicts/s "
              f"(spread {min(ts):.2f}–{max(ts):.2f} s); CPU median {statistics.median(cs):.2f} s "
              f"(spread {min(cs):.2f}–{max(cs):.2f} s)")
    print("target >= 100,000 verdicts/s")
    _per_school()
    med = statistics.median(times)
    print(f"reading + validating the same workbook: {read_s:.2f} s ({read_s / med:.1f}x the default eligibility time)")
    eligible = sum(v.eligible for v in result.verdicts)
    print(f"eligible verdicts: {eligible:,}")


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the forked half of a check)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _per_school(loops: int = 200, runs: int = 5) -> None:
    """check_school on the first school of the roll-up benchmark (about 80 staff), as ``thidua gop`` runs it."""
    files = sorted((HERE / "data" / "schools_200x80" / "ho_so_cac_truong").glob("*.xlsx"))
    if not files:
        print("per school: benchmarks/data/schools_200x80 not generated (bench_rollup.py or gen_schools.py makes it)")
        return
    data = read_workbook(files[0])
    rules = api.ruleset(data)
    per = []
    for _ in range(runs):
        c = _cpu()
        for _ in range(loops):
            eligibility.check_school(data, rules, processes=1)
        per.append((_cpu() - c) / loops)
    print(f"per school ({len(data.staff)} staff, {files[0].name}): CPU median of {runs} x {loops} "
          f"{statistics.median(per) * 1e3:.2f} ms (spread {min(per) * 1e3:.2f}–{max(per) * 1e3:.2f} ms)")


if __name__ == "__main__":
    main()
