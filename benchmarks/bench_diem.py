"""`thidua diem` on N staff × 10 months (default 50,000 × 10 = 500,000 score rows), the whole process the user
waits for, against its floor: a bare python-calamine read of the "Điểm" sheet, measured in the same run.

    python benchmarks/bench_diem.py [FILE.xlsx | N] [--repeat 3]

Each measurement is a fresh process (peak memory is that run's alone):

- ``calamine-diem`` : ``python -c`` opening the workbook and ``to_python()`` of the Điểm sheet only (the floor:
                      the bare library reading the data being scored);
- ``calamine-all``  : the same for every sheet the reader reads;
- ``thidua diem``   : ``thidua diem FILE --khong-ghi --json`` (start-up, read + validate of every sheet, scoring,
                      the JSON printed) — what a secretary waits for without the results workbook;
- ``thidua diem -o``: ``thidua diem FILE -o OUT`` (plus the results workbook written with openpyxl).

Prints the median of the runs, the spread (min–max), the ratio to the floor, and the peak RSS (ru_maxrss of the
child). The machine is shared: the figures are indicative.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
THIDUA = [sys.executable, "-m", "thidua_xl.cli"]

FLOOR = r"""
import json, sys, time
t = time.perf_counter()
from python_calamine import CalamineWorkbook
wb = CalamineWorkbook.from_path(sys.argv[1])
names = [n for n in wb.sheet_names if n == "Điểm"] if sys.argv[2] == "diem" else wb.sheet_names
rows = sum(len(wb.get_sheet_by_name(n).to_python(skip_empty_area=False)) for n in names)
print(json.dumps({"rows": rows, "s": time.perf_counter() - t}))
"""


COUNT = r"""
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps({"people": len(doc["ca_nhan"]), "months": len(doc["thang"]),
                  "missing": sum(len(p["thang_thieu_diem"]) for p in doc["ca_nhan"])}))
"""


def _timed(cmd: list[str], keep: Path | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS of that child in MB, its stdout) of one fresh process (wait4: this child's own
    rusage; stdout through a file, so a large JSON never blocks a pipe). A child's peak RSS counts the parent's
    memory at fork time on Linux, so this process never holds a large output: with ``keep`` the stdout stays in
    that file and "" is returned."""
    with open(keep, "w+", encoding="utf-8") if keep else tempfile.TemporaryFile("w+", encoding="utf-8") as fh:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "200"})
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed ({code})")
        fh.seek(0)
        return elapsed, usage.ru_maxrss / 1024, "" if keep else fh.read()


def main(argv: list[str] | None = None) -> int:
    from _installed import compiled_bytecode

    compiled_bytecode()  # every process measured starts as an installed copy does (benchmarks/_installed.py)
    args = sys.argv[1:] if argv is None else argv
    repeat = 3
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        args = args[:i] + args[i + 2:]
    if args and not args[0].isdigit():
        path = Path(args[0])
    else:
        n = int(args[0]) if args else 50_000
        path = HERE / "data" / f"scores_{n}.xlsx"
        if not path.exists():
            from gen_scores import generate

            t = time.perf_counter()
            generate(n, path)
            print(f"generated {path} in {time.perf_counter() - t:.1f} s")
    out = Path(tempfile.mkdtemp()) / "ketqua.xlsx"
    modes = {
        "calamine-diem": [sys.executable, "-c", FLOOR, str(path), "diem"],
        "calamine-all": [sys.executable, "-c", FLOOR, str(path), "all"],
        "thidua diem": [*THIDUA, "diem", str(path), "--khong-ghi", "--json"],
        "thidua diem -o": [*THIDUA, "diem", str(path), "-o", str(out), "--gioi-han", "5"],
    }
    times: dict[str, list[float]] = {m: [] for m in modes}
    peaks: dict[str, list[float]] = {m: [] for m in modes}
    info: dict[str, object] = {}
    json_out = out.with_name("diem.json")
    for _ in range(repeat):
        for mode, cmd in modes.items():  # interleaved: machine noise hits every mode alike
            wall, peak, stdout = _timed(cmd, json_out if mode == "thidua diem" else None)
            times[mode].append(wall)
            peaks[mode].append(peak)
            if mode == "calamine-diem":
                info["rows"] = json.loads(stdout)["rows"]
            if mode == "thidua diem" and "people" not in info:
                info.update(json.loads(_timed([sys.executable, "-c", COUNT, str(json_out)])[2]))
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB); Điểm rows {info['rows']:,}; people {info['people']:,} "
          f"× {info['months']} months; {info['missing']} missing months")
    floor = statistics.median(times["calamine-diem"])
    for mode in modes:
        ts = times[mode]
        med = statistics.median(ts)
        mem = f", peak RSS {max(peaks[mode]):.0f} MB"
        print(f"{mode:16s} median {med:6.2f} s (min {min(ts):.2f}, max {max(ts):.2f}; {med / floor:.1f}× the bare "
              f"read of Điểm){mem}")
    print("runs (s): " + "; ".join(f"{m} " + ", ".join(f"{t:.2f}" for t in ts) for m, ts in times.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
