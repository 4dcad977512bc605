"""A ribbon click ("Xét điều kiện") on the demo workbook: the first click in a fresh Python (what every
click costs when each RunPython starts a new process) against a warm click in a process that already ran
one (what the next clicks cost with "Use UDF Server", which ``thidua addin install`` turns on, Windows).

    python benchmarks/bench_clicks.py [REPEAT]   (default 5)

The book is the file-backed Book of the ribbon actions (no Excel here): the reading, the check and the
writing of the result sheets are the same; what Excel adds (COM transfer of the ranges, the message box)
is not measured. "import xlwings" is timed apart: a RunPython process imports it before our code runs.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLICK = """
import time, sys
t = time.perf_counter()
import xlwings  # noqa: F401 - a RunPython process imports it first
t_xw = time.perf_counter() - t
from thidua_xl.excel.actions import run_action
from thidua_xl.excel.book import FileBook
book = FileBook(sys.argv[1])
t1 = time.perf_counter()
run_action("check", book)
first = time.perf_counter() - t
t2 = time.perf_counter()
run_action("check", book)
warm = time.perf_counter() - t2
print(f"{t_xw:.3f} {first:.3f} {warm:.3f}")
"""


def main() -> None:
    from thidua_xl.workbook.demo import write_demo

    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        demo = write_demo(Path(tmp) / "demo.xlsx")
        rows, floor = [], []
        for _ in range(repeat):
            book = Path(tmp) / "truong.xlsx"
            shutil.copy(demo, book)
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CLICK, str(book)], capture_output=True, text=True,
                                 check=True).stdout.split()
            process = time.perf_counter() - start
            rows.append([float(x) for x in out] + [process])
            # the floor of a first click: a new Python that only imports xlwings (what RunPython starts with)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", "import xlwings"], check=True)
            floor.append(time.perf_counter() - start)
    columns = list(zip(*rows))
    xw, first, warm, process = (statistics.median(c) for c in columns)

    def spread(values: tuple[float, ...] | list[float]) -> str:
        return f"{min(values):.2f}–{max(values):.2f}"

    print(f"demo workbook, median of {repeat} (spread min–max):")
    print(f"  first click, new process (start-up + import xlwings + check): {process:.2f} s ({spread(columns[3])})")
    print(f"    inside the process: import xlwings {xw:.2f} s, then our imports + read + check + write: {first - xw:.2f} s")
    print(f"    floor, a new process that only imports xlwings: {statistics.median(floor):.2f} s ({spread(floor)})")
    print(f"  warm click, same process (UDF server): {warm:.2f} s ({spread(columns[2])})")


if __name__ == "__main__":
    main()
