"""Benchmark: the full nomination dossier for N nominees (default 200), and the median time per document.

    .venv/bin/python benchmarks/bench_reports.py [N] [--repeat K]

Builds a synthetic school in memory (N teachers, all registered, HTXSNV, one recognised initiative each, a
15-member council approving everyone for CSTĐCS), then times ``api.report`` end to end (rule set,
eligibility, tally, context, N + 5 documents, bundle, atomic writes) and each template's render separately.
Target (issue 5): at most 20 s for 200 nominees.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from thidua_xl.core.model import (  # noqa: E402
    Ballot,
    BallotRound,
    CouncilMember,
    CouncilRole,
    Gender,
    HistoryRecord,
    Initiative,
    InitiativeKind,
    Level,
    Mark,
    Rating,
    Registration,
    SchoolData,
    SchoolInfo,
    Staff,
    Team,
    Title,
)

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Thị", "Văn", "Thu", "Minh", "Ngọc", "Hồng", "Thanh", "Đức", "Bích", "Quang"]
GIVEN = ["An", "Ánh", "Bình", "Châu", "Dung", "Hà", "Hải", "Hạnh", "Hương", "Lan", "Liên", "Mai", "Nam", "Nga",
         "Oanh", "Phúc", "Quỳnh", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"]
TEAMS = ["Tổ Toán - Tin", "Tổ Ngữ văn", "Tổ Khoa học tự nhiên", "Tổ Ngoại ngữ", "Tổ Văn phòng"]


def synthetic_school(n: int) -> SchoolData:
    year = "2024-2025"
    staff, regs, inits, hist = [], [], [], []
    for i in range(n):
        sid = f"GV{i + 1:04d}"
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 3) % len(MIDDLE)]} {GIVEN[(i * 7) % len(GIVEN)]}"
        staff.append(Staff(sid, name, Gender.NU if i % 3 else Gender.NAM, dt.date(1975 + i % 20, 1 + i % 12, 1 + i % 28),
                           "Giáo viên", TEAMS[i % len(TEAMS)], dt.date(2005, 9, 1), dt.date(2005, 9, 1),
                           rating=Rating.HTXSNV))
        for title in (Title.LDTT, Title.CSTDCS):
            regs.append(Registration(False, sid, title, dt.date(2024, 9, 25)))
        inits.append(Initiative(sid, f"Sáng kiến số {i + 1} về đổi mới phương pháp dạy học", InitiativeKind.SANG_KIEN,
                                Level.CO_SO, f"{i + 1}/QĐ-THCS", dt.date(2025, 5, 16), year))
        for k, y in enumerate(("2022-2023", "2023-2024")):
            hist.append(HistoryRecord(sid, y, Rating.HTXSNV, Title.LDTT, f"{100 + k}/QĐ-UBND", dt.date(2023 + k, 7, 15),
                                      "UBND quận Long Biên"))
    council = [CouncilMember(f"Thành viên {k + 1}", CouncilRole.CHU_TICH if k == 0 else
                             (CouncilRole.THU_KY if k == 1 else CouncilRole.UY_VIEN)) for k in range(15)]
    ids = [s.id for s in staff]
    rounds = [BallotRound(Title.CSTDCS, ids)]
    ballots = [Ballot(str(b + 1), Title.CSTDCS, dict.fromkeys(ids, Mark.APPROVE)) for b in range(15)]
    info = SchoolInfo("Trường THCS Thử Nghiệm", "UBND QUẬN LONG BIÊN", year, "Long Biên", dt.date(2025, 5, 25),
                      dt.date(2025, 5, 31), "Trần Thị Thanh Hương", "Lê Thị Mai", False, "Hà Nội", "quận Long Biên",
                      "THCSTN")
    teams = [Team(tn, rating=Rating.HTXSNV) for tn in TEAMS]
    regs += [Registration(True, tn, Title.TTLDTT, dt.date(2024, 9, 25)) for tn in TEAMS]
    return SchoolData(info=info, staff=staff, teams=teams, registrations=regs, initiatives=inits, history=hist,
                      council=council, rounds=rounds, ballots=ballots)


def main(argv: list[str]) -> int:
    from thidua_xl import api, reports
    from thidua_xl.core import eligibility
    from thidua_xl.core import tally as tally_mod
    from thidua_xl.reports import context as ctx

    n = int(argv[0]) if argv and argv[0].isdigit() else 200
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 3
    data = synthetic_school(n)
    rules = api.ruleset(data)
    checked = eligibility.check_school(data, rules)
    tallied = tally_mod.tally_school(data, rules, checked)
    noms = ctx.nominations(data, rules, checked, tallied)
    print(f"{n} giáo viên; đề nghị: " + ", ".join(f"{t.value} {len(v)}" for t, v in noms.by_title.items()))

    totals = []
    result = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = api.report(data, Path(tmp) / "ho_so")
            totals.append(time.perf_counter() - t0)
    assert result is not None
    print(f"Hồ sơ đầy đủ ({len(result.files)} tệp, {result.reports} báo cáo thành tích, có tệp gộp): "
          f"trung vị {statistics.median(totals):.2f} s, nhanh nhất {min(totals):.2f} s (mục tiêu ≤ 20 s)")

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        api.report(data, Path(tmp) / "ho_so", bundle=False)
        print(f"Không gộp (--no-bundle): {time.perf_counter() - t0:.2f} s")

    # per-template render time (compiled template reused, as in build_dossier)
    common = ctx.build_context(data, rules, checked, tallied, noms)
    tpls = reports.load_templates(None)
    first = next(iter(noms.by_title.values()))[0]
    nominee = {**common, **ctx.nominee_context(first, data, rules)}
    print("Trung vị thời gian dựng từng văn bản (ms, 20 lần):")
    for name in reports.TEMPLATE_NAMES:
        cx = nominee if name == reports.NOMINEE_TEMPLATE else common
        tpls[name].render(cx)  # compile once
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            tpls[name].render(cx)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"  {name:26s} {statistics.median(times):8.1f}")
    blobs = [tpls[name].render(common if name != reports.NOMINEE_TEMPLATE else nominee)[0]
             for name in reports.TEMPLATE_NAMES]
    t0 = time.perf_counter()
    reports.compose(blobs + [blobs[4]] * (n - 1))
    print(f"Gộp {len(blobs) + n - 1} văn bản bằng docxcompose: {time.perf_counter() - t0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
