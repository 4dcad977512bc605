"""The run: every person (all individual titles, in title order) then every team (team titles), under
one :class:`Context`; large full checks split over two processes (:mod:`.parallel`)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.eligibility import parallel
from thidua_xl.core.eligibility.context import NO_FACTS, Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.bang_khen import check_bk_bo, check_bk_tinh, check_bk_ttg
from thidua_xl.core.eligibility.titles.cstd import check_cstd_tinh, check_cstd_tq
from thidua_xl.core.eligibility.titles.cstdcs import check_cstdcs
from thidua_xl.core.eligibility.titles.giay_khen import check_giay_khen
from thidua_xl.core.eligibility.titles.knc import check_knc
from thidua_xl.core.eligibility.titles.ldtt import check_ldtt
from thidua_xl.core.eligibility.titles.teams import check_team
from thidua_xl.core.rules import RuleSet
from thidua_xl.perf import paused_gc

T = m.Title
_TEAM_TITLES = frozenset({T.TTLDTT, T.TTLDXS})
# Titles whose check needs this year's CSTĐCS outcome.
_NEEDS_CSTDCS = frozenset({T.CSTDCS, T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG, T.TTLDTT, T.TTLDXS})


def check_school(data: m.SchoolData, rules: RuleSet, explain: bool = False,
                 only: set[str] | None = None, titles: set[T] | None = None,
                 processes: int | None = None) -> m.CheckResult:
    """Verdicts for every person (all individual titles) then every team (team titles).

    ``only`` restricts the people checked to these staff IDs (teams still use every member);
    ``titles`` restricts the verdicts to these titles (the ones they depend on are still evaluated).
    ``processes``: None chooses (two on Linux for a full check of at least ``PARALLEL_MIN_STAFF``
    people when no other thread runs; ``THIDUA_PROCESSES=1`` forbids it), 1 forces one, 2 asks for two
    where forking is safe. The verdicts are the same, in the same order, whichever is used.
    """
    with paused_gc():  # bulk creation of small objects that form no cycles
        return _check_school(data, rules, explain, only, titles, processes)


def explain(data: m.SchoolData, rules: RuleSet, subject: str, title: T) -> m.Verdict | None:
    """One (subject, title) with every criterion recorded."""
    res = check_school(data, rules, explain=True, only={subject})
    return res.get(subject, title)


def _check_school(data: m.SchoolData, rules: RuleSet, explain: bool, only: set[str] | None,
                  titles: set[T] | None = None, processes: int | None = None) -> m.CheckResult:
    want = set(T) if titles is None else set(titles)
    staff = data.staff
    split = processes if processes is not None else parallel.auto_processes(len(staff))
    if split > 1 and not explain and only is None and titles is None and parallel.can_fork():
        verdicts, ldtt_ok, cstdcs_ok, ctx = parallel.people_in_two(
            lambda part: Context.build(part, rules), data, int(len(staff) * parallel.PARENT_SHARE), want, people)
        parallel.last_processes = 2
    else:
        ctx = Context.build(data, rules, explain)
        verdicts, ldtt_ok, cstdcs_ok = people(ctx, staff, want, only)
        parallel.last_processes = 1
    if want & _TEAM_TITLES:
        members: dict[str, list[m.Staff]] = defaultdict(list)
        for p in staff:
            members[p.team].append(p)
        for team in data.teams:
            a, b, facts = check_team(ctx, team, members.get(team.name, []), ldtt_ok, cstdcs_ok)
            for title, j in ((T.TTLDTT, a), (T.TTLDXS, b)):
                if title in want:
                    verdicts.append(m.Verdict(team.name, team.name, title, not j.reasons, j.reasons, j.criteria,
                                              facts, True, team.name))
    return m.CheckResult(data.info.school_year, rules.regime, verdicts, rules)


def people(ctx: Context, staff: list[m.Staff], want: set[T], only: set[str] | None, build: bool = True
           ) -> tuple[list[Any], dict[str, bool], dict[str, bool]]:
    """The person verdicts of ``staff`` (in :data:`parallel.PERSON_ORDER`), and who passes LĐTT and
    CSTĐCS (for the teams). With ``build=False`` only each verdict's reason list and alternative met (what a
    forked child sends back)."""
    try:
        return _people(ctx, staff, want, only, build)
    finally:
        # the shared judges refer to the context that holds them: dropped here (also when a check fails), so the
        # run leaves no reference cycle (the commands run with the cyclic collector off: `thidua gop` checks
        # hundreds of schools in one process; the Excel add-in's process lives on)
        ctx.judged.clear()


def _people(ctx: Context, staff: list[m.Staff], want: set[T], only: set[str] | None, build: bool
            ) -> tuple[list[Any], dict[str, bool], dict[str, bool]]:
    verdicts: list[Any] = []
    ldtt_ok: dict[str, bool] = {}
    cstdcs_ok: dict[str, bool] = {}
    need_cs = bool(want & _NEEDS_CSTDCS)
    need_tinh = bool(want & {T.CSTD_TINH, T.CSTD_TQ})
    titles = want - _TEAM_TITLES
    w_ldtt, w_cs, w_tinh, w_tq = T.LDTT in titles, T.CSTDCS in titles, T.CSTD_TINH in titles, T.CSTD_TQ in titles
    w_bk_tinh, w_bk_bo, w_bk_ttg = T.BK_TINH in titles, T.BK_BO in titles, T.BK_TTG in titles
    w_gk, w_knc = T.GIAY_KHEN in titles, T.KNC in titles
    for p in staff:
        ldtt = check_ldtt(ctx, p)
        cs = check_cstdcs(ctx, p, ldtt) if need_cs else None
        ldtt_ok[p.id] = not ldtt.reasons
        cstdcs_ok[p.id] = cs is not None and not cs.reasons
        if (only is not None and p.id not in only) or not titles:
            continue
        cs_ok = cstdcs_ok[p.id]
        tinh = check_cstd_tinh(ctx, p, cs_ok) if need_tinh else None
        got: list[tuple[T, Judge]] = []
        if w_ldtt:
            got.append((T.LDTT, ldtt))
        if cs is not None and w_cs:
            got.append((T.CSTDCS, cs))
        if tinh is not None:
            if w_tinh:
                got.append((T.CSTD_TINH, tinh))
            if w_tq:
                got.append((T.CSTD_TQ, check_cstd_tq(ctx, p, not tinh.reasons)))
        if w_bk_tinh:
            got.append((T.BK_TINH, check_bk_tinh(ctx, p, cs_ok)))
        if w_bk_bo:
            got.append((T.BK_BO, check_bk_bo(ctx, p, cs_ok)))
        if w_bk_ttg:
            got.append((T.BK_TTG, check_bk_ttg(ctx, p, cs_ok)))
        if w_gk:
            got.append((T.GIAY_KHEN, check_giay_khen(ctx, p)))
        if w_knc:
            got.append((T.KNC, check_knc(ctx, p)))
        if not build:
            verdicts.extend((j.reasons, j.basis) for _, j in got)
            continue
        sid, name, team = p.id, p.full_name, p.team
        for title, j in got:
            verdicts.append(m.Verdict(sid, name, title, not j.reasons, j.reasons, j.criteria, NO_FACTS, False, team,
                                      j.basis))
    return verdicts, ldtt_ok, cstdcs_ok
