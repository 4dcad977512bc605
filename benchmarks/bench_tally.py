"""Benchmark: tally 10,000 ballots × 100 candidates (target: under 1 second).

Run: ``.venv/bin/python benchmarks/bench_tally.py [--ballots N] [--candidates M] [--repeat R]``.
Time is measured without tracing (the median of R runs and their spread); peak memory is measured in a
separate run with ``tracemalloc`` (Python allocations made by the tally, input data excluded). The tally as the
user waits for it (read from the workbook, a whole process, beside a bare read of the ballot sheet) is a row
of the table of ``benchmarks/run_all.py``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--ballots", type=int, default=10_000)
    ap.add_argument("--candidates", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
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
