"""The long fuzz run: thousands of hostile standard workbooks, each a real .xlsx read, checked and tallied.

    python benchmarks/fuzz_workbooks.py [--n 10000] [--seconds 3600] [--seed 0] [--demo-every 4] [--out DIR]

Workbook ``i`` is the small standard workbook of the tests (every ``--demo-every``-th one: the demo school,
workbooks/demo_thcs.xlsx) changed by ``tests/fuzzing.mutate`` with ``random.Random(seed + i)``: random values
of random types in random cells, deleted columns and rows, swapped, renamed and deleted sheets. Each is
written with openpyxl and run through ``api.read`` + check + tally and the CLI's ``check``/``tally``
(``tests/fuzzing.run``). A failure is an exception that is not the project's input error, an exit code 3,
or a changed input file; each failing workbook is kept in ``--out`` under its seed (rebuild it with the same
seed), and the summary gives the workbooks tried, the failures by signature and the slowest input.
The fuzz test (tests/test_fuzz.py) runs the same generator under hypothesis in ``make test``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import fuzzing  # noqa: E402  (the shared generator lives with the tests)
import test_reader  # noqa: E402


def demo_tables() -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook  # heavy: only when the demo is a base

    wb = CalamineWorkbook.from_path(str(ROOT / "workbooks" / "demo_thcs.xlsx"))
    out: dict[str, list[list[Any]]] = {}
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        out[name] = [[None if v == "" else v for v in row] for row in rows]
    return out


def signature(failure: str) -> str:
    lines = [x for x in failure.strip().splitlines() if x.strip()]
    where = next((x.strip() for x in reversed(lines) if x.strip().startswith("File ")), "")
    return f"{lines[-1][:160]} @ {where[:160]}" if lines else "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="workbooks to try")
    ap.add_argument("--seconds", type=float, default=3600, help="stop after this long")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--demo-every", type=int, default=4, help="every k-th workbook is the demo school (0: never)")
    ap.add_argument("--out", type=Path, default=Path("out/fuzz"), help="where failing workbooks are kept")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = ap.parse_args(argv)

    small, demo = test_reader.sheets(), demo_tables()
    work = Path(tempfile.mkdtemp(prefix="thidua_fuzz_"))
    for base in (small, demo):  # warm-up (imports, rule sets, caches): not counted, not timed
        fuzzing.run(fuzzing.write(work / "warmup.xlsx", base))
    start = time.perf_counter()
    tried = clean = not_written = 0
    failures: Counter[str] = Counter()
    first_seed: dict[str, int] = {}
    slowest: tuple[float, int, list[str]] = (0.0, -1, [])
    try:
        for i in range(args.n):
            if time.perf_counter() - start > args.seconds:
                break
            seed = args.seed + i
            base = demo if args.demo_every and i % args.demo_every == args.demo_every - 1 else small
            mutated = fuzzing.mutate(base, random.Random(seed))
            path = work / f"fuzz_{seed}.xlsx"
            try:
                fuzzing.write(path, mutated.tables)
            except Exception:  # noqa: BLE001 - openpyxl refused the value: not a workbook Excel makes
                not_written += 1
                continue
            outcome = fuzzing.run(path)
            tried += 1
            clean += outcome.clean
            if outcome.seconds > slowest[0]:
                slowest = (outcome.seconds, seed, mutated.steps)
            for failure in outcome.failures:
                sig = signature(failure)
                failures[sig] += 1
                if sig not in first_seed:
                    first_seed[sig] = seed
                    args.out.mkdir(parents=True, exist_ok=True)
                    shutil.copy(path, args.out / path.name)
                    (args.out / f"fuzz_{seed}.txt").write_text("\n".join(mutated.steps) + "\n\n" + failure,
                                                                encoding="utf-8")
            path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - start
    summary = {
        "workbooks": tried, "not_written": not_written, "clean_reads_checked_and_tallied": clean, "seconds": round(elapsed, 1),
        "per_workbook_ms": round(1000 * elapsed / max(tried, 1), 1),
        "failures": sum(failures.values()),
        "signatures": [{"signature": k, "count": v, "first_seed": first_seed.get(k)}
                       for k, v in failures.most_common() if v],
        "slowest": {"seconds": round(slowest[0], 3), "seed": slowest[1], "steps": slowest[2]},
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{tried} workbooks in {elapsed:.0f} s ({summary['per_workbook_ms']} ms each), "
              f"{clean} read clean and checked and tallied")
        print(f"failures: {summary['failures']}")
        for item in summary["signatures"]:
            print(f"  {item['count']:5d} × {item['signature']} (first seed {item['first_seed']})")
        print(f"slowest: {summary['slowest']['seconds']} s, seed {slowest[1]}: {'; '.join(slowest[2])}")
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
