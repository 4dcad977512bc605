"""Benchmark: tally 10,000 ballots × 100 candidates (target: under 1 second).

Run: ``.venv/bin/python benchmarks/bench_tally.py [--ballots N] [--candidates M] [--repeat R] [--whole]``.
Time is measured without tracing (the median of R runs and their spread); peak memory is measured in a
separate run with ``tracemalloc`` (Python allocations made by the tally, input data excluded). The tally as the
user waits for it (read from the workbook, a whole process, beside a bare read of the ballot sheet) is a row
of the table of ``benchmarks/run_all.py``; ``--whole`` measures the same here (issue 15: ≤ 2×): ``thidua tally
FILE -o RESULTS`` and the floor (run_all's bare python-calamine read of the ballot sheet) as processes,
interleaved, R times each: median and spread of the wall time, median CPU time (user + system, all threads),
then where the time goes inside one process (read, eligibility, tally, results workbook, terminal table; the
median of R runs after a warm-up). On a busy machine the wall times are indicative only; the CPU times are the
steadier figure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    BallotSource,
    CouncilMember,
    Mark,
    SchoolData,
    SchoolInfo,
    Title,
)
from thidua_xl.core.rules import load_ruleset
from thidua_xl.core.tally import tally_school
from thidua_xl.views.tally import to_json

MARKS = (Mark.APPROVE, Mark.APPROVE, Mark.APPROVE, Mark.DISAPPROVE, Mark.BLANK)


def build(n_ballots: int, n_candidates: int, seed: int = 2025, second: bool = False) -> SchoolData:
    rng = random.Random(seed)
    cands = [f"GV{i:03d}" for i in range(n_candidates)]
    ballots = []
    for i in range(n_ballots):
        marks = {c: rng.choice(MARKS) for c in cands}
        src = BallotSource.WRITTEN if i % 50 == 0 else BallotSource.MEETING
        ballots.append(Ballot(str(i + 1), Title.CSTDCS, marks, source_kind=src))
    ballots[7].marks[cands[3]] = Mark.UNREADABLE  # a few invalid ballots on the way
    ballots[11].declared_invalid = True
    council = [CouncilMember(f"TV{i}", present=i % 50 != 0, written_opinion=i % 50 == 0) for i in range(n_ballots)]
    data = SchoolData(info=SchoolInfo(school_year="2024-2025"), council=council,
                      rounds=[BallotRound(Title.CSTDCS, cands)], ballots=ballots)
    if second:
        data.ballots_second = [Ballot(b.number, b.title, dict(b.marks), b.source_kind, b.declared_invalid,
                                      b.declared_reason) for b in ballots]
    return data


def _process(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the process and its threads) of one process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)}: exit {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s ({min(values):.2f}–{max(values):.2f})"


def whole(n_ballots: int, n_candidates: int, repeat: int) -> None:
    """The whole ``thidua tally`` process beside the floor, then the phases inside one process."""
    from run_all import FLOOR_READ, ballots_workbook  # the same workbook and floor as the table of run_all

    src = ballots_workbook(n_ballots, n_candidates)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "kq_tally.xlsx"
        cmds = {"floor": [sys.executable, "-c", FLOOR_READ, str(src), "Phiếu bầu"],
                "tally": [sys.executable, "-m", "thidua_xl.cli", "tally", str(src), "-o", str(out)]}
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in cmds}
        for _ in range(repeat):  # interleaved: machine noise hits both alike
            for key, cmd in cmds.items():
                runs[key].append(_process(cmd))
        wall = {k: [w for w, _ in v] for k, v in runs.items()}
        cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
        print(f"{src.name}: {repeat} lần mỗi tiến trình, xen kẽ; tải máy "
              f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"  sàn (đọc trang Phiếu bầu bằng python-calamine): {_spread(wall['floor'])}, CPU {cpu['floor']:.3f} s")
        print(f"  thidua tally (ghi sổ kết quả):                  {_spread(wall['tally'])}, CPU {cpu['tally']:.3f} s")
        ratio = statistics.median(wall["tally"]) / statistics.median(wall["floor"])
        print(f"  tỷ lệ (trung vị): {ratio:.2f}× (mục tiêu ≤ 2×); CPU: {cpu['tally'] / cpu['floor']:.2f}×")
        phases(src, out, repeat)


def phases(src: Path, out: Path, repeat: int) -> None:
    """Where the time goes inside one ``thidua tally`` (the command's own steps, in this process)."""
    from thidua_xl import api
    from thidua_xl.commands import tally as command

    steps: dict[str, Callable[[dict[str, Any]], Any]] = {
        "đọc sổ tính": lambda s: s.update(data=api.read(src)),
        "xét điều kiện": lambda s: s.update(checked=api.check(s["data"])),
        "kiểm phiếu": lambda s: s.update(result=api.tally(s["data"], checked=s["checked"])),
        "ghi sổ kết quả": lambda s: command._write(command.tally_view.to_tables(s["result"]), src, out),
        "in bảng": lambda s: command._print_text(s["result"], s["checked"]),
    }
    times: dict[str, list[float]] = {k: [] for k in steps}
    for i in range(repeat + 1):  # the first run warms up (imports, rule sets): not counted
        state: dict[str, Any] = {}
        for name, step in steps.items():
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                step(state)
            if i:
                times[name].append(time.perf_counter() - t0)
    print("  trong một tiến trình (trung vị, sau một lần khởi động): "
          + "; ".join(f"{k} {statistics.median(v):.3f} s" for k, v in times.items()))


def main() -> None:
    from _installed import compiled_bytecode

    compiled_bytecode()  # every process measured starts as an installed copy does
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ballots", type=int, default=10_000)
    ap.add_argument("--candidates", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--whole", action="store_true",
                    help="the whole thidua tally process beside the floor, and its phases")
    args = ap.parse_args()
    if args.whole:
        whole(args.ballots, args.candidates, args.repeat)
        return
    rules = load_ruleset("2024")
    data = build(args.ballots, args.candidates)
    tally_school(data, rules)  # warm-up (message catalogue, rule parsing)

    times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        result = tally_school(data, rules)
        times.append(time.perf_counter() - t0)
    tt = result.titles[0]
    print(f"{args.ballots} phiếu × {args.candidates} ứng viên ({args.ballots * args.candidates:,} ô): "
          f"hợp lệ {tt.valid}, không hợp lệ {tt.invalid}")
    print(f"tally_school: trung vị {statistics.median(times):.3f} s ({args.repeat} lần, "
          f"từ {min(times):.3f} đến {max(times):.3f} s)")

    t0 = time.perf_counter()
    to_json(result)
    print(f"to_json: {time.perf_counter() - t0:.3f} s")

    tracemalloc.start()
    tally_school(data, rules)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"Bộ nhớ đỉnh (tracemalloc) trong tally_school: {peak / 2**20:.1f} MiB")

    twice = build(args.ballots, args.candidates, second=True)
    t0 = time.perf_counter()
    r2 = tally_school(twice, rules)
    print(f"Có nhập lần 2 (đối chiếu {len(twice.ballots):,} phiếu): {time.perf_counter() - t0:.3f} s, "
          f"{len(r2.discrepancies)} chênh lệch")


if __name__ == "__main__":
    main()
