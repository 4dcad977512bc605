"""Read + validate of the standard workbook vs a bare python-calamine read of the same sheets, same run.

    python benchmarks/bench_read.py [FILE.xlsx | N]     (default: 50,000 staff, generated if missing)

Each measurement runs in a fresh interpreter (so peak memory is that run's alone); the clock starts after
the imports and stops when the data is in Python objects:

- ``calamine``      : ``to_python()`` of every sheet the reader reads (the same sheets), kept in a dict;
- ``calamine-nogc`` : the same with the cyclic garbage collector paused, as the reader pauses it;
- ``thidua``        : ``read_workbook`` — calamine read + header finding + conversion + every check +
                      the model objects.

Prints the median of 3 runs of each, the ratio (target ≤ 2× the bare read) and peak RSS (ru_maxrss;
target ≤ 400 MB for read + validate).
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
import gc, json, resource, sys, time
mode, path = sys.argv[1], sys.argv[2]
from python_calamine import CalamineWorkbook
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import read_workbook
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.perf_counter()
if mode.startswith("calamine"):
    if mode == "calamine-nogc":
        gc.disable()
    wb = CalamineWorkbook.from_path(path)
    look = s.sheet_lookup()
    tables = {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names
              if s.header_key(n) in look}
    info = {"rows": sum(len(v) for v in tables.values())}
else:
    d = read_workbook(path)
    info = {"staff": len(d.staff), "history": len(d.history), "registrations": len(d.registrations),
            "ballots": len(d.ballots), "errors": len(d.errors), "warnings": len(d.warnings)}
elapsed = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": elapsed, "rss_mb": rss, "rss_before_mb": rss0, **info}))
"""

MODES = ("calamine", "calamine-nogc", "thidua")


def run(mode: str, path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and not args[0].isdigit():
        path = Path(args[0])
        if not path.exists():
            print(f"không có tệp {path}", file=sys.stderr)
            return 2
    else:
        n = int(args[0]) if args else 50_000
        path = HERE / "data" / f"synthetic_{n}.xlsx"
        if not path.exists():
            from gen_workbook import generate

            t = time.perf_counter()
            generate(n, path)
            print(f"generated {path} in {time.perf_counter() - t:.1f} s")
    results: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for _ in range(3):
        for mode in MODES:  # interleaved, so machine noise hits every mode alike
            results[mode].append(run(mode, path))
    med = {mode: statistics.median(r["s"] for r in rs) for mode, rs in results.items()}
    peak = {mode: max(r["rss_mb"] for r in rs) for mode, rs in results.items()}
    base = min(r["rss_before_mb"] for r in results["thidua"])
    last = results["thidua"][-1]
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB); staff {last['staff']:,}, history "
          f"{last['history']:,}, registrations {last['registrations']:,}, ballots {last['ballots']:,}; "
          f"problems: {last['errors']} errors, {last['warnings']} warnings")
    print(f"bare calamine read (same sheets):      median {med['calamine']:.2f} s, peak RSS {peak['calamine']:.0f} MB")
    print(f"bare calamine read, GC paused:         median {med['calamine-nogc']:.2f} s, "
          f"peak RSS {peak['calamine-nogc']:.0f} MB")
    print(f"thidua_xl read_workbook (+ validate):  median {med['thidua']:.2f} s, peak RSS {peak['thidua']:.0f} MB "
          f"(of which {base:.0f} MB interpreter + imports)")
    ratio, ratio_nogc = med["thidua"] / med["calamine"], med["thidua"] / med["calamine-nogc"]
    print(f"ratio: {ratio:.2f}x the bare read; {ratio_nogc:.2f}x the bare read with GC paused (target <= 2x)")
    print("runs (s): " + "; ".join(f"{mode} " + ", ".join(f"{r['s']:.2f}" for r in rs) for mode, rs in results.items()))
    ok = ratio_nogc <= 2 and peak["thidua"] <= 400
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
