"""The ward's roll-up (``thidua gop``) of N schools × S staff, whole process, against a bare python-calamine loop
reading the same files (every sheet), in the same run.

    python benchmarks/bench_rollup.py [N] [S] [--repeat K]     (default: 200 schools × 80 staff, 3 runs)

The schools are generated once by ``gen_schools.py`` into ``benchmarks/data/schools_<N>x<S>/`` (about a minute for
200). Each measurement is a fresh process, as the user runs it, timed from start to exit:

- ``calamine``  : ``python -c`` opening every school file and ``to_python()`` of every sheet (the floor: the same
                  bytes read, nothing else);
- ``gop``       : ``thidua gop FOLDER --cau-hinh phuong.xlsx -o OUT`` — read, re-check, tally every school, the
                  cross-school checks, the scoring and the roll-up workbook (two processes over the schools when
                  the machine has two cores);
- ``gop-1``     : the same with ``--mot-tien-trinh`` (one process), to show what the second process brings.

Runs are interleaved (machine noise hits every mode alike); the median and the spread (min–max) of ``--repeat``
runs are printed, the ratio gop / calamine (target ≤ 2×), and the peak memory of the whole process tree (the sum
of the RSS of the process and its workers, sampled every 20 ms with psutil; without psutil, the largest single
process from ``wait4``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CALAMINE = r"""
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
rows = 0
for p in sorted(Path(sys.argv[1]).glob("*.xlsx")):
    wb = CalamineWorkbook.from_path(str(p))
    for name in wb.sheet_names:
        rows += len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
print(rows)
"""
THIDUA = "import sys; from thidua_xl.cli import main; raise SystemExit(main(sys.argv[1:]))"


def _tree_rss(proc: subprocess.Popen[bytes], peak: list[float], stop: threading.Event) -> None:
    import psutil  # only the benchmark samples memory

    try:
        root = psutil.Process(proc.pid)
        while not stop.is_set():
            total = 0
            for p in [root, *root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total / 2**20)
            time.sleep(0.02)
    except psutil.Error:
        pass


def measure(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB of the process tree, exit code) of one fresh process."""
    try:
        import psutil  # noqa: F401  (only to know whether the tree can be sampled)

        sampled = True
    except ImportError:
        sampled = False
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0]
    stop = threading.Event()
    sampler = threading.Thread(target=_tree_rss, args=(proc, peak, stop), daemon=True) if sampled else None
    if sampler is not None:
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    if sampler is not None:
        sampler.join()
    return elapsed, max(peak[0], usage.ru_maxrss / 1024), proc.returncode


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    repeat = 3
    if "--repeat" in args:
        k = args.index("--repeat")
        repeat = int(args[k + 1])
        args = args[:k] + args[k + 2:]
    n = int(args[0]) if args else 200
    staff = int(args[1]) if len(args) > 1 else 80
    data = HERE / "data" / f"schools_{n}x{staff}"
    folder, ward = data / "ho_so_cac_truong", data / "phuong.xlsx"
    if not ward.exists() or len(list(folder.glob("*.xlsx"))) != n:
        from gen_schools import generate

        t = time.perf_counter()
        generate(n, staff, data)
        print(f"generated {n} schools × ~{staff} staff into {data} in {time.perf_counter() - t:.0f} s", flush=True)
    files = sorted(folder.glob("*.xlsx"))
    size = sum(f.stat().st_size for f in files) / 1e6
    out = Path(tempfile.mkdtemp(prefix="bench_rollup_")) / "tong_hop.xlsx"
    modes = {
        "calamine": [sys.executable, "-c", CALAMINE, str(folder)],
        "gop": [sys.executable, "-c", THIDUA, "gop", str(folder), "--cau-hinh", str(ward), "-o", str(out)],
        "gop-1": [sys.executable, "-c", THIDUA, "gop", str(folder), "--cau-hinh", str(ward), "-o", str(out),
                  "--mot-tien-trinh"],
    }
    results: dict[str, list[tuple[float, float, int]]] = {m: [] for m in modes}
    for _ in range(repeat):
        for mode, cmd in modes.items():  # interleaved
            results[mode].append(measure(cmd))
    print(f"{len(files)} school files, {size:.1f} MB; {os.cpu_count()} CPU(s); {repeat} runs each, interleaved")
    med = {}
    for mode, rs in results.items():
        times = [r[0] for r in rs]
        med[mode] = statistics.median(times)
        codes = sorted({r[2] for r in rs})
        print(f"{mode:9s} median {med[mode]:6.2f} s  (min {min(times):.2f}, max {max(times):.2f})  "
              f"peak memory {max(r[1] for r in rs):5.0f} MB  exit {codes}")
    ratio = med["gop"] / med["calamine"]
    print(f"ratio gop / bare calamine read: {ratio:.2f}x (target <= 2x); one process: "
          f"{med['gop-1'] / med['calamine']:.2f}x")
    print("OK" if ratio <= 2 else "TARGET MISSED")
    # exit 1 only when a measured process failed: a missed target is a figure, printed above (make bench goes on)
    return 0 if all(r[2] == 0 for rs in results.values() for r in rs) else 1


if __name__ == "__main__":
    sys.exit(main())
