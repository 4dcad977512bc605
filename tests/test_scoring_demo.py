"""The scoring demo (issue 17, "done when"): workbooks/demo_diem.xlsx, 60 staff × 10 months, is what
make_workbooks.py generates, reads without error and gives the phase and year results of its planted cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from thidua_xl import api
from thidua_xl.workbook.demo_scores import build_scores_demo

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_diem.xlsx"


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return api.score(DEMO)


@pytest.mark.skipif(not DEMO.exists(), reason="workbooks/demo_diem.xlsx chưa có")
def test_the_committed_demo_is_the_generated_one() -> None:
    data = api.read(DEMO)
    built = build_scores_demo()
    assert data.errors == []
    assert len(data.staff) == 60 and len({e.month for e in data.scores}) == 10
    assert [(e.staff_id, e.month, e.criterion, e.self_score, e.team_score, e.council_score, e.deduction, e.bonus)
            for e in data.scores] == [(e.staff_id, e.month, e.criterion, e.self_score, e.team_score, e.council_score,
                                       e.deduction, e.bonus) for e in built.scores], "python workbooks/make_workbooks.py"
    assert [p.number for p in data.phases] == [1, 2, 3, 4] and len(data.calendar) == len(built.calendar)
    assert [p.code for p in data.problems] == ["LATE_REGISTRATION"]  # GV059 registered on 20/11/2024


@pytest.mark.skipif(not DEMO.exists(), reason="workbooks/demo_diem.xlsx chưa có")
def test_the_demo_gives_phase_and_year_results(result) -> None:  # type: ignore[no-untyped-def]
    assert len(result.people) == 60 and len(result.months) == 10
    by = {p.staff_id: p for p in result.people}
    assert [m.strftime("%m/%Y") for m in by["GV012"].missing] == ["12/2024", "01/2025"]
    assert by["GV059"].missing == [] and min(by["GV059"].months) == dt.date(2024, 11, 1)
    assert min(by["GV060"].months) == dt.date(2025, 2, 1)
    assert by["GV011"].year == by["GV013"].year and by["GV011"].rank_school == by["GV013"].rank_school
    ranks = [p.rank_school for p in result.people]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert all(p.suggested for p in result.people)
    assert all(len(p.phases) == 4 for p in result.people if min(p.months) == dt.date(2024, 9, 1))
    assert sorted(by["GV059"].phases) == [2, 3, 4]  # recruited 15/11/2024: no month of phase 1
    assert all(result.phase_list(n) for n in (1, 2, 3, 4))
    office = [p for p in result.people if p.team == "Tổ Văn phòng" and dt.date(2025, 3, 1) in p.months]
    assert office and all(p.months[dt.date(2025, 3, 1)].source == "council" for p in office)  # per criterion
    assert {p.months[m].source for p in result.people for m in p.months} >= {"council", "team"}
    assert len(result.teams) == 5 and [t.rank for t in result.teams] == [1, 2, 3, 4, 5]
