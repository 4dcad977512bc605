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


def _varied(data: m.SchoolData, seed: int) -> m.SchoolData:
    """``data`` with people in many situations the sharing must keep apart: disciplines of every level at
    dates in and out of the year (some undated or ended), reviews pending, ratings changed or blank, the
    outstanding mark toggled, achievements recorded (in and out of the years counted), registrations dropped
    and added, initiatives added at every level."""
    import copy
    import random

    rnd = random.Random(seed)
    data = copy.deepcopy(data)
    year = data.info.school_year
    y0 = int(year[:4])
    years = [year, f"{y0 - 1}-{y0}", f"{y0 - 2}-{y0 - 1}", f"{y0 - 3}-{y0 - 2}"]
    for p in data.staff:
        x = rnd.random()
        if x < 0.15:
            when = dt.date(y0 + rnd.choice([-2, -1, 0, 1]), rnd.randint(1, 12), rnd.randint(1, 28))
            end = when + dt.timedelta(days=rnd.choice([30, 200, 400])) if rnd.random() < 0.5 else None
            p.disciplines = [m.Discipline(rnd.choice(list(m.DisciplineLevel)), when if rnd.random() < 0.9 else None, end)]
        elif x < 0.25:
            p.pending_discipline = True
        if rnd.random() < 0.2:
            p.outstanding_achievement = not p.outstanding_achievement
        if rnd.random() < 0.1:
            p.rating = rnd.choice([None, *m.Rating])
    for p in rnd.sample(data.staff, len(data.staff) // 5):
        for _ in range(rnd.randint(1, 3)):
            data.achievements.append(m.Achievement(p.id, f"Thành tích của {p.id}", rnd.choice(list(m.AchievementKind)),
                                                   rnd.choice(list(m.Level)), rnd.choice(["", "12/QĐ-UBND"]),
                                                   school_year=rnd.choice(years)))
    data.registrations = [r for r in data.registrations if rnd.random() > 0.2]
    for p in rnd.sample(data.staff, len(data.staff) // 4):
        data.registrations.append(m.Registration(False, p.id, rnd.choice([T.GIAY_KHEN, T.CSTD_TINH, T.CSTD_TQ])))
    for p in rnd.sample(data.staff, len(data.staff) // 4):
        data.initiatives.append(m.Initiative(p.id, "SK", rnd.choice(list(m.InitiativeKind)), rnd.choice(list(m.Level)),
                                             school_year=rnd.choice(years)))
    return data


# a school's own rules that make Bằng khen tỉnh and Bộ differ, drop or add criteria, or change their values
_SCHOOL_RULES = {
    "none": [],
    "gk_bo": [("giay_khen.requires_achievement", "không"), ("giay_khen.no_discipline", "không"),
              ("registration.required", "LDTT,CSTDCS,CSTD_TINH,GIAY_KHEN"), ("bk_bo.consecutive_htxsnv", "3"),
              ("common.pending_discipline_excludes", "không")],
    "runs": [("bk_bo.same_kind", "không"), ("bk_tinh.initiatives", "1"), ("cstd_tinh.consecutive_cstdcs", "2"),
             ("giay_khen.min_rating", "HTXSNV"), ("bk_ttg.years", "3"), ("bk_ttg.initiatives_in_period", "1"),
             ("bk_ttg.cstdcs_in_period", "1")],
}


@pytest.mark.parametrize("school_rules", sorted(_SCHOOL_RULES))
def test_people_in_varied_situations_get_the_same_reasons_shared_or_explained(tmp_path: Path,
                                                                              school_rules: str) -> None:
    """The demo school read back from a real workbook, its people put in varied situations (conduct, ratings,
    achievements, registrations, initiatives), under each regime and a school's own rules: every verdict's reasons
    and alternative met are the same whether judges are shared or not, also when only some titles are asked for
    (Bằng khen Bộ without tỉnh: the run facts are not carried over)."""
    from thidua_xl.workbook.demo import write_demo
    from thidua_xl.workbook.reader import read_workbook

    data = _varied(read_workbook(write_demo(tmp_path / "demo.xlsx")), seed=7)
    data.overrides += [m.Override(k, v, "trường", "Quy chế thi đua của trường, Điều 3")
                       for k, v in _SCHOOL_RULES[school_rules]]
    for regime in ("2017", "2024", "2025"):
        rs = api.ruleset(data, regime=regime)
        slow = eligibility.check_school(data, rs, explain=True)
        fast = eligibility.check_school(data, rs, processes=1)
        assert _reasons(fast) == _reasons(slow), regime
        assert [v.basis for v in fast.verdicts] == [v.basis for v in slow.verdicts], regime
        some = eligibility.check_school(data, rs, titles={T.BK_BO, T.GIAY_KHEN, T.CSTD_TQ}, processes=1)
        assert _reasons(some) == {k: v for k, v in _reasons(slow).items() if k[1] in (T.BK_BO, T.GIAY_KHEN, T.CSTD_TQ)}
        codes = {r[0] for reasons in _reasons(fast).values() for r in reasons}
        assert "DISCIPLINE" in codes and ("PENDING_DISCIPLINE" in codes) == (school_rules != "gk_bo"), regime
        assert any(v.basis for v in fast.verdicts) and any(v.eligible for v in fast.verdicts), regime


def test_a_check_that_fails_midway_leaves_no_reference_cycle(monkeypatch: pytest.MonkeyPatch) -> None:
    """Also when a title's check raises after other titles' judges were shared (an internal error): the shared
    judges are dropped all the same, so a long-lived process (the Excel add-in's) keeps nothing of the run."""
    import gc

    from thidua_xl.core.eligibility import engine

    def fails(ctx: Any, p: m.Staff) -> Any:
        raise RuntimeError("thử")

    monkeypatch.setattr(engine, "check_knc", fails)
    data = _school(["A", "B", "C", "D"])
    ruleset = api.ruleset(data)
    gc.collect()
    gc.disable()
    try:
        try:
            eligibility.check_school(data, ruleset, processes=1)
        except RuntimeError:
            pass
        else:
            raise AssertionError("the check should have failed")
        assert gc.collect() == 0  # nothing the reference counts could not free
    finally:
        gc.enable()
