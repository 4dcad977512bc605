"""The engine states a title's criteria once per distinct facts (``criteria.judged``) and shares that judge
among the people who have those facts; conduct is added on a copy. The sharing never changes a verdict: not
with the order of the people, not between titles whose rules differ, not against the explaining path (which
never shares)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from thidua_xl import api
from thidua_xl.core import eligibility, rules
from thidua_xl.core import model as m

T = m.Title
YEAR = "2024-2025"
SHARED_TITLES = (T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG, T.GIAY_KHEN)


def _person(sid: str, **kw: Any) -> m.Staff:
    return m.Staff(sid, f"Người {sid}", team="Tổ A", rating=m.Rating.HTXSNV, recruited_date=dt.date(2010, 9, 1),
                   sector_entry_date=dt.date(2010, 9, 1), **kw)


def _school(order: list[str]) -> m.SchoolData:
    """Three people with the same facts but their conduct: A clean, B disciplined in the year, C under review;
    and D, whose run of CSTĐCS is two years (enough for Bằng khen tỉnh, not for a Bộ rule of three)."""
    data = m.SchoolData()
    data.info = m.SchoolInfo(school_name="Trường thử", school_year=YEAR, consideration_date=dt.date(2025, 5, 20))
    data.teams.append(m.Team("Tổ A", rating=m.Rating.HTXSNV))
    people = {"A": _person("A"),
              "B": _person("B", disciplines=[m.Discipline(m.DisciplineLevel.KHIEN_TRACH, dt.date(2025, 1, 10))]),
              "C": _person("C", pending_discipline=True),
              "D": _person("D")}
    data.staff = [people[k] for k in order]
    for p in data.staff:
        for title in (T.LDTT, T.CSTDCS, T.CSTD_TINH, T.GIAY_KHEN):
            data.registrations.append(m.Registration(False, p.id, title))
        # D: CSTĐCS last year through an initiative, rated HTTNV (no run of HTXSNV to fall back on)
        data.history.append(m.HistoryRecord(p.id, "2023-2024", m.Rating.HTTNV if p.id == "D" else m.Rating.HTXSNV,
                                            T.CSTDCS))
        data.initiatives.append(m.Initiative(p.id, "SK", m.InitiativeKind.SANG_KIEN, m.Level.CO_SO, school_year=YEAR))
    # and an initiative two years ago: in the years of a run of three, not of two
    data.initiatives.append(m.Initiative("D", "SK2", m.InitiativeKind.SANG_KIEN, m.Level.CO_SO, school_year="2022-2023"))
    return data


def _reasons(result: m.CheckResult) -> dict[tuple[str, T], list[tuple[str, ...]]]:
    return {(v.subject, v.title): [(r.code, r.message, r.citation, r.tag, r.param) for r in v.reasons]
            for v in result.verdicts}


@pytest.mark.parametrize("order", [["A", "B", "C", "D"], ["B", "C", "A", "D"], ["C", "D", "B", "A"]])
def test_sharing_a_judge_never_moves_conduct_between_people(order: list[str]) -> None:
    data = _school(order)
    rs = rules.ruleset_for(YEAR)
    fast = _reasons(eligibility.check_school(data, rs, processes=1))
    assert fast == _reasons(eligibility.check_school(data, rs, explain=True))  # the explaining path shares nothing
    for title in SHARED_TITLES:
        assert not {"DISCIPLINE", "PENDING_DISCIPLINE"} & {r[0] for r in fast[("A", title)]}
        assert fast[("C", title)][-1][0] == "PENDING_DISCIPLINE"
    for title in (T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG):
        assert fast[("B", title)][-1][0] == "DISCIPLINE"
    # CSTĐ toàn quốc and Giấy khen do not depend on this year's CSTĐCS (which conduct refuses B and C): A, B and
    # C have the same facts there, so one judge is shared, and conduct goes only to B's and C's copies
    for title in (T.CSTD_TQ, T.GIAY_KHEN):
        assert fast[("C", title)] == fast[("A", title)] + fast[("C", title)][-1:]
    assert fast[("B", T.CSTD_TQ)] == fast[("A", T.CSTD_TQ)] + fast[("B", T.CSTD_TQ)][-1:]
    # the same people give the same reasons in whatever order they come
    again = _reasons(eligibility.check_school(_school(["A", "B", "C", "D"]), rs, processes=1))
    assert fast == again


def test_bang_khen_tinh_and_bo_share_run_facts_only_while_their_rules_agree() -> None:
    data = _school(["D", "A"])
    rs = rules.ruleset_for(YEAR)
    same = eligibility.check_school(data, rs, processes=1)
    runs = {v.title: [r.code for r in v.reasons] for v in same.verdicts if v.subject == "D"}
    assert "CONSECUTIVE" not in runs[T.BK_TINH] and "CONSECUTIVE" not in runs[T.BK_BO]
    ov = m.Override("bk_bo.consecutive_cstdcs", "3", "Bộ", "Quy định thử của Bộ, Điều 1")
    longer = eligibility.check_school(data, rules.ruleset_for(YEAR, [ov]), processes=1)
    tinh, bo = longer.get("D", T.BK_TINH), longer.get("D", T.BK_BO)
    assert "CONSECUTIVE" not in [r.code for r in tinh.reasons]
    # the initiatives are counted in each rule's own years: one for tỉnh (two years), two for Bộ (three years)
    assert "INITIATIVES" in [r.code for r in tinh.reasons] and "INITIATIVES" not in [r.code for r in bo.reasons]
    run = next(r for r in bo.reasons if r.code == "CONSECUTIVE")
    assert "3" in run.message and "Quy định thử của Bộ" in run.citation
    assert _reasons(longer) == _reasons(eligibility.check_school(data, rules.ruleset_for(YEAR, [ov]), explain=True))


def test_a_real_workbook_gives_the_same_reasons_shared_or_explained(tmp_path: Path) -> None:
    """The demo school written as a real workbook and read back: every verdict's reasons and alternative met are
    the same whether judges are shared (a check) or not (explaining every criterion), under each regime."""
    from thidua_xl.workbook.demo import write_demo
    from thidua_xl.workbook.reader import read_workbook

    data = read_workbook(write_demo(tmp_path / "demo.xlsx"))
    for regime in ("2017", "2024", "2025"):
        rs = api.ruleset(data, regime=regime)
        fast = eligibility.check_school(data, rs, processes=1)
        slow = eligibility.check_school(data, rs, explain=True)
        assert _reasons(fast) == _reasons(slow), regime
        assert [v.basis for v in fast.verdicts] == [v.basis for v in slow.verdicts]
        assert any(v.reasons for v in fast.verdicts) and any(v.eligible for v in fast.verdicts)


def test_a_check_leaves_no_reference_cycle() -> None:
    """The commands run with the cyclic collector off (``thidua gop`` checks hundreds of schools in one process):
    the shared judges, which refer to their context, must not keep a run's objects alive once it is dropped."""
    import gc

    data = _school(["A", "B", "C", "D"])
    ruleset = api.ruleset(data)
    gc.collect()
    gc.disable()
    try:
        result = eligibility.check_school(data, ruleset)
        assert any(v.eligible for v in result.verdicts) and any(not v.eligible for v in result.verdicts)
        del result
        assert gc.collect() == 0  # nothing the reference counts could not free
    finally:
        gc.enable()
