"""TDKT_ worksheet functions, Python side: one table formula over N staff (default 1,000) against N
single-person formulas over the same ranges.

    python benchmarks/bench_udfs.py [N]

The ranges are what Excel hands a UDF: 2-D lists of cell values (read here once from the synthetic
workbook of benchmarks/gen_workbook.py). "cold" clears the functions' cache first (what the first formula
after an edit pays); the N single calls run as Excel's recalculation does, one after another over the
same ranges, so all but the first hit the cache. Target: the table function ≤ 50 ms for 1,000 staff.
The very first call of a process also pays the lazy imports (the Excel UDF server stays up between
recalculations, so it pays them once per session).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
SHEETS = ("Thông tin chung", "Tổ", "Cán bộ", "Đăng ký thi đua", "Sáng kiến - Đề tài", "Lịch sử thi đua", "Kỷ luật")


def _times(fn, repeat: int) -> list[float]:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


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

    def table(title: str) -> None:
        udfs._CACHE.clear()
        out = udfs.TDKT_XET_BANG(title, "", *ranges)
        assert len(out) == len(ids) + 1, out[:2]

    def singles() -> None:
        udfs._CACHE.clear()
        for sid in ids:
            assert udfs.TDKT_XET(sid, "LDTT", "", *ranges) in (True, False)

    first = _times(lambda: table("LDTT"), 1)[0]  # fresh process: lazy imports, empty text caches
    ones = _times(lambda: table("LDTT"), 31)
    every = statistics.median(_times(lambda: table(""), 11))
    many = statistics.median(_times(singles, 3))
    one = statistics.median(ones)
    q1, _, q3 = statistics.quantiles(ones, n=4)
    print(f"TDKT_XET_BANG, {len(ids):,} staff, one title (LDTT), cold: median {one * 1000:.1f} ms "
          f"(quartiles {q1 * 1000:.1f}–{q3 * 1000:.1f} ms over {len(ones)} runs; target ≤ 50 ms)")
    print(f"TDKT_XET_BANG, {len(ids):,} staff, one title, very first call of the process: {first * 1000:.1f} ms")
    print(f"TDKT_XET_BANG, {len(ids):,} staff, all {len(udfs.TDKT_XET_BANG('', '', *ranges)[0]) - 4} titles, "
          f"cold: median {every * 1000:.1f} ms")
    print(f"TDKT_XET × {len(ids):,} single-person calls (LDTT, recalculation order, cache on): "
          f"{many * 1000:.1f} ms = {many / len(ids) * 1e6:.0f} µs per call")


if __name__ == "__main__":
    main()
