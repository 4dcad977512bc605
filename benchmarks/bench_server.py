"""xlwings Server (`thidua serve`), request to response, beside its floor (the same work in-process, no HTTP).

    XLWINGS_LICENSE_KEY=noncommercial python benchmarks/bench_server.py [--repeat K] [--staff N] [--rows N]

A real server is started on a free localhost port (one worker, as `thidua serve` starts it); the client sends
the JSON body Excel's Office.js client would send (built once from the workbook, not timed) and waits for the
whole response. Workloads (issue 19):

- the "Xét điều kiện" script (check) on the demo workbook (workbooks/demo_thcs.xlsx) and on N staff (default
  5,000; benchmarks/gen_workbook.py), the sheets it needs only (include=); floor: ``api.check`` on the same
  tables plus the result tables, in this process;
- the table function ``TDKT_XET_BANG("", "", ...)`` over a 1,000-row staff table (every title for everyone);
  one staff cell gets a trailing space per run so the server's per-argument cache never answers (the result
  is the same); floor: the same function called directly with its cache cleared.

Median of K runs (default 3) and the spread (min–max). The machine may be shared: figures are indicative.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
DATA_SHEETS = ("Thông tin chung", "Tổ", "Cán bộ", "Đăng ký thi đua", "Sáng kiến - Đề tài", "Thành tích",
               "Lịch sử thi đua", "Kỷ luật")


def _workbook(n: int) -> Path:
    sys.path.insert(0, str(HERE))
    from gen_workbook import generate

    path = DATA / f"server_{n}.xlsx"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        generate(n, path)
    return path


def _tables(path: Path) -> dict[str, list[list[Any]]]:
    from thidua_xl.excel.book import FileBook

    return FileBook(path).read_tables()


def _stats(times: list[float]) -> str:
    return f"{statistics.median(times):6.3f} s  (spread {min(times):.3f}–{max(times):.3f})"


def _time(run: Callable[[int], Any], repeat: int) -> list[float]:
    run(-1)  # warm-up, not timed
    out = []
    for i in range(repeat):
        t = time.perf_counter()
        run(i)
        out.append(time.perf_counter() - t)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--staff", type=int, default=5000)
    ap.add_argument("--rows", type=int, default=1000)
    args = ap.parse_args(argv)
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        print("bench_server: skipped (set XLWINGS_LICENSE_KEY=noncommercial; xlwings Server needs a licence key)")
        return 0
    import httpx

    from thidua_xl import api
    from thidua_xl.excel import udfs
    from thidua_xl.server import payload
    from thidua_xl.server.local import running
    from thidua_xl.server.scripts import SCRIPTS
    from thidua_xl.server.tokens import TokenStore
    from thidua_xl.views import check as check_view

    include = next(s for s in SCRIPTS if s.action == "check").include
    demo = ROOT / "workbooks" / "demo_thcs.xlsx"
    books = {"demo workbook": _tables(demo), f"{args.staff:,} staff": _tables(_workbook(args.staff))}
    table = _tables(_workbook(args.rows))

    with tempfile.TemporaryDirectory() as tmp:
        token = TokenStore(Path(tmp) / "tokens.json").add("Benchmark")
        headers = {"Authorization": f"Bearer {token}", "Auth-Provider": "custom", "Content-Type": "application/json"}
        os.environ["XLWINGS_LOG_LEVEL"] = "WARNING"
        with running(Path(tmp) / "tokens.json", Path(tmp) / "server.log") as base, httpx.Client(timeout=600) as client:
            print(f"thidua serve on {base}, 1 worker; median of {args.repeat} (after one untimed warm-up)\n")
            for label, tables in books.items():
                body = json.dumps(payload.book_payload(tables, "truong.xlsx", include=include),
                                  ensure_ascii=False).encode("utf-8")

                def request(_: int, body: bytes = body) -> None:
                    r = client.post(base + "/xlwings/custom-scripts-call/check", content=body, headers=headers)
                    assert r.status_code == 200, r.text[:300]

                def floor(_: int, tables: dict[str, Any] = tables) -> None:
                    check_view.to_tables(api.check({n: v for n, v in tables.items() if n in include}))

                served, bare = _time(request, args.repeat), _time(floor, args.repeat)
                print(f"check script, {label} ({len(body) / 2**20:.1f} MB sent):")
                print(f"  request → response  {_stats(served)}")
                print(f"  floor: api.check + result tables in-process  {_stats(bare)}  "
                      f"→ {statistics.median(served) / statistics.median(bare):.1f}×")
            ranges = [table[n] for n in DATA_SHEETS if n in table]

            def varied(i: int) -> list[list[list[Any]]]:
                staff = [list(r) for r in ranges[2]]
                staff[1][1] = f"{staff[1][1]}{' ' * (i + 2)}"  # a new cache key, the same result
                return [staff if r is ranges[2] else r for r in ranges]

            # each run's arguments and JSON body built here, not timed (as Excel's client builds them)
            argument = {i: varied(i) for i in range(-1, args.repeat)}
            bodies = {i: json.dumps(payload.function_call("TDKT_XET_BANG", "", "", ranges=argument[i]),
                                    ensure_ascii=False).encode("utf-8") for i in argument}

            def table_call(i: int) -> None:
                r = client.post(base + "/xlwings/custom-functions-call", content=bodies[i], headers=headers)
                assert r.status_code == 200 and len(r.json()["result"]) == args.rows + 1, r.text[:300]

            def table_floor(i: int) -> None:
                udfs._CACHE.clear()
                udfs.TDKT_XET_BANG("", "", *argument[i])

            served, bare = _time(table_call, args.repeat), _time(table_floor, args.repeat)
            print(f"\nTDKT_XET_BANG over {args.rows:,} rows (every title):")
            print(f"  request → response  {_stats(served)}")
            print(f"  floor: the function called directly  {_stats(bare)}  "
                  f"→ {statistics.median(served) / statistics.median(bare):.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
