"""The scoring demo (issue 17): the demo school of :mod:`.demo` with two more staff (60 in all) and a full year
of monthly scores (09/2024 – 06/2025, 10 months), the school's criteria, the four default phases and the default
calendar. Seeded and deterministic (``workbooks/demo_diem.xlsx``, written by ``workbooks/make_workbooks.py``).

Planted situations: GV059 recruited 15/11/2024 (no score expected before November), GV060 recruited 01/02/2025;
GV012 (maternity leave) has no score in 12/2024 and 01/2025 (missing months); in 03/2025 the Tổ Văn phòng is
scored per criterion; some months carry only the team's score (no council score yet), a few deductions and
bonuses; GV011 and GV013 end the year on the same mean (a shared rank); one registration after the deadline.
"""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction
from pathlib import Path

from thidua_xl.core import model as m
from thidua_xl.core.scoring import defaults
from thidua_xl.core.scoring.engine import month_end
from thidua_xl.workbook.demo import build_demo
from thidua_xl.workbook.template import write_template

MONTHS = tuple(dt.date(defaults.year_of_month(2024, mm), mm, 1) for mm in (9, 10, 11, 12, 1, 2, 3, 4, 5, 6))
CRITERIA = (
    ("TC1", "Phẩm chất chính trị, đạo đức, lối sống; chấp hành nội quy", "Phẩm chất", 20),
    ("TC2", "Thực hiện quy chế chuyên môn, hồ sơ, giờ dạy", "Chuyên môn", 40),
    ("TC3", "Kết quả công tác được giao, chất lượng học sinh", "Chuyên môn", 30),
    ("TC4", "Tham gia phong trào, hoạt động đoàn thể", "Phong trào", 10),
)


def _half(x: float) -> Fraction:
    """A score as a secretary types it: to half a point."""
    return Fraction(round(x * 2), 2)


def build_scores_demo(seed: int = 17) -> m.SchoolData:
    rng = random.Random(seed)
    data = build_demo()
    first = defaults.first_year(data.info.school_year)
    team_of = {p.team for p in data.staff}
    office = "Tổ Văn phòng" if "Tổ Văn phòng" in team_of else sorted(team_of)[-1]
    data.staff.append(m.Staff(id="GV059", full_name="Trịnh Thu Trang", team="Tổ Ngữ văn", position="Giáo viên Ngữ văn",
                              recruited_date=dt.date(2024, 11, 15), sector_entry_date=dt.date(2024, 11, 15),
                              rating=m.Rating.HTNV))
    data.staff.append(m.Staff(id="GV060", full_name="Lò Văn Sơn", team=office, position="Nhân viên thiết bị",
                              recruited_date=dt.date(2025, 2, 1), sector_entry_date=dt.date(2025, 2, 1),
                              rating=m.Rating.HTNV))
    data.score_criteria = [m.ScoreCriterion(code, name, group, Fraction(top)) for code, name, group, top in CRITERIA]
    data.phases = defaults.default_phases(first)
    data.calendar = defaults.default_calendar(first)
    for task in data.calendar[:3]:
        task.done = True
    data.registrations.append(m.Registration(False, "GV059", m.Title.LDTT, dt.date(2024, 11, 20)))  # after 28/10
    level = {p.id: rng.gauss(84, 7) for p in data.staff}
    level["GV013"] = level["GV011"]
    scores: list[m.ScoreEntry] = []
    for month in MONTHS:
        last = month_end(month)  # on staff that month: the engine's rule
        for p in data.staff:
            if p.recruited_date is not None and p.recruited_date > last:
                continue
            if p.id == "GV012" and month in (dt.date(2024, 12, 1), dt.date(2025, 1, 1)):
                continue  # maternity leave: nobody scored her (a missing month the list shows)
            base = level[p.id] if p.id in ("GV011", "GV013") else level[p.id] + rng.gauss(0, 4)
            base = max(40.0, min(99.0, base))
            if p.team == office and month == dt.date(2025, 3, 1):  # scored per criterion this month
                for code, _, _, top in CRITERIA:
                    scores.append(m.ScoreEntry(p.id, month, criterion=code, self_score=_half(top * base / 100 + 0.5),
                                               council_score=_half(top * base / 100)))
                continue
            own = _half(base + rng.uniform(0, 4))
            team = _half(base + rng.uniform(-1, 2))
            council = None if (month >= dt.date(2025, 6, 1) and rng.random() < 0.3) else _half(base)
            if p.id in ("GV011", "GV013"):
                own, team, council = _half(base), _half(base), _half(base)
            deduction = Fraction(2) if rng.random() < 0.04 else Fraction(0)
            bonus = Fraction(3) if rng.random() < 0.04 else Fraction(0)
            if p.id in ("GV011", "GV013"):
                deduction = bonus = Fraction(0)
            note = "Đi muộn 2 buổi" if deduction else ("Có giờ dạy tốt cấp trường" if bonus else "")
            scores.append(m.ScoreEntry(p.id, month, None, "", own, team, council, deduction, bonus, note))
    data.scores = scores
    return data


def write_scores_demo(path: str | Path, seed: int = 17) -> Path:
    return write_template(Path(path), build_scores_demo(seed))
