"""TDKT_ worksheet functions, Python side: one table formula over N staff (default 1,000) against N
single-person formulas over the same ranges.

    python benchmarks/bench_udfs.py [N]

The ranges are what Excel hands a UDF: 2-D lists of cell values (read here once from the synthetic
workbook of benchmarks/gen_workbook.py, then copied into new objects before every timed call, as
xlwings converts them anew for each call). "cold" clears the functions' cache first (what the first
formula after an edit pays). The N single calls run as Excel's recalculation does, one after another
over equal ranges, so all but the first hit the cache (each call compared with the last one cell by cell); timed on
a sample of 50 calls. Target: the table function ≤ 50 ms for 1,000 staff.
The very first call of a process also pays the lazy imports (the Excel UDF server stays up between
recalculations, so it pays them once per session).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
SHEETS = ("Thông tin chung", "Tổ", "Cán bộ", "Đăng ký thi đua", "Sáng kiến - Đề tài", "Lịch sử thi đua", "Kỷ luật")


def _times(fn, repeat: int, setup=None) -> list[float]:  # noqa: ANN001
    """Wall times of ``fn(setup())``; ``setup`` (e.g. making fresh ranges) is not timed."""
    times = []
    for _ in range(repeat):
        arg = setup() if setup is not None else None
        t = time.perf_counter()
        fn(arg)
        times.append(time.perf_counter() - t)
    return times


def _fresh(ranges: list[list[list[Any]]]) -> list[list[list[Any]]]:
    """New objects for every cell, as xlwings hands each call (so nothing, e.g. a string's hash, is
    reused from an earlier call)."""
    def cell(v: Any) -> Any:
        if isinstance(v, str):
            return "".join(list(v))
        if isinstance(v, dt.datetime):
            return dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second)
        if isinstance(v, float):
            return float(repr(v))
        return v

    return [[[cell(v) for v in row] for row in rng] for rng in ranges]


def main() -> None:
    from thidua_xl.excel import udfs
    from thidua_xl.excel.book import FileBook

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    path = HERE / "data" / f"synthetic_{n}.xlsx"
    if not path.exists():
        from gen_workbook import generate

        generate(n, path)
    tables = FileBook(path).read_tables()
    ranges = [tables[name] for name in SHEETS if name in tables]
    ids = [r[0] for r in tables["Cán bộ"][1:] if r and r[0]]

    def table(title: str, rngs: list[Any]) -> None:
        udfs._CACHE.clear()
        out = udfs.TDKT_XET_BANG(title, "", *rngs)
        assert len(out) == len(ids) + 1, out[:2]

    def fresh() -> list[Any]:
        return _fresh(ranges)

    first = _times(lambda r: table("LDTT", r), 1, fresh)[0]  # fresh process: lazy imports, empty caches
    ones = _times(lambda r: table("LDTT", r), 31, fresh)
    every = statistics.median(_times(lambda r: table("", r), 11, fresh))
    # Single-person formulas: Excel recalculates them one after another, each handed its own copy of the
    # ranges; all but the first hit the cache (compared with the last call). Timed on a sample of calls.
    udfs._CACHE.clear()
    assert udfs.TDKT_XET(ids[0], "LDTT", "", *fresh()) in (True, False)
    sample = ids[1:51]
    per_call = statistics.median(
        _times(lambda r: udfs.TDKT_XET(sample[0], "LDTT", "", *r), len(sample), fresh))
    one = statistics.median(ones)
    q1, _, q3 = statistics.quantiles(ones, n=4)
    print(f"TDKT_XET_BANG, {len(ids):,} staff, one title (LDTT), cold: median {one * 1000:.1f} ms "
          f"(quartiles {q1 * 1000:.1f}–{q3 * 1000:.1f} ms over {len(ones)} runs; target ≤ 50 ms)")
    print(f"TDKT_XET_BANG, {len(ids):,} staff, one title, very first call of the process: {first * 1000:.1f} ms")
    print(f"TDKT_XET_BANG, {len(ids):,} staff, all {len(udfs.TDKT_XET_BANG('', '', *ranges)[0]) - 4} titles, "
          f"cold: median {every * 1000:.1f} ms")
    print(f"TDKT_XET × {len(ids):,} single-person calls (LDTT, recalculation order, cache on): "
          f"{per_call * len(ids) * 1000:.0f} ms = {per_call * 1e6:.0f} µs per call "
          f"(median of {len(sample)} calls, each with fresh ranges)")

if __name__ == "__main__":
    main()
