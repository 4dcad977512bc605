"""Read + validate of the standard workbook vs a bare python-calamine read of the same sheets, same run.

    python benchmarks/bench_read.py [N]        (default 50,000 staff; generates the workbook if missing)

Prints medians of 3 runs, the ratio (target ≤ 2×) and peak memory of each in a fresh subprocess
(ru_maxrss; target ≤ 400 MB for read + validate).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

CHILD = r"""
import json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
t = time.perf_counter()
if mode == "calamine":
    from python_calamine import CalamineWorkbook
    from thidua_xl.workbook import schema as s
    wb = CalamineWorkbook.from_path(path)
    look = s.sheet_lookup()
    tables = {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names
              if s.header_key(n) in look}
    rows = sum(len(v) for v in tables.values())
else:
    from thidua_xl.workbook.reader import read_workbook
    d = read_workbook(path)
    rows = len(d.staff) + len(d.history) + len(d.registrations)
    assert not d.errors, d.errors[:3]
elapsed = time.perf_counter() - t
print(json.dumps({"s": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": rows}))
"""


def run(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    path = HERE / "data" / f"synthetic_{n}.xlsx"
    if not path.exists():
        from gen_workbook import generate

        t = time.perf_counter()
        generate(n, path)
        print(f"generated {path} in {time.perf_counter() - t:.1f} s")
    results: dict[str, list[dict[str, float]]] = {"calamine": [], "thidua": []}
    for _ in range(3):
        for mode in results:
            results[mode].append(run(mode, path))
    cal = statistics.median(r["s"] for r in results["calamine"])
    ours = statistics.median(r["s"] for r in results["thidua"])
    print(f"staff: {n:,}; file: {path.stat().st_size / 1e6:.1f} MB")
    print(f"bare calamine read (same sheets): median {cal:.2f} s, peak RSS {max(r['rss_mb'] for r in results['calamine']):.0f} MB")
    print(f"thidua_xl read + validate:        median {ours:.2f} s, peak RSS {max(r['rss_mb'] for r in results['thidua']):.0f} MB")
    print(f"ratio: {ours / cal:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
