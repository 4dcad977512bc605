"""Criteria several titles share: registration, the year's rating, conduct (discipline in the year,
pending review), and consecutive runs of a title."""

from __future__ import annotations

from fractions import Fraction

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.dates import add_months, fmt_date

T = m.Title
HTXSNV_RANK = m.Rating.HTXSNV.rank


def registered(j: Judge, is_team: bool, subject: str, title: T) -> None:
    """Registered for ``title`` at the start of the year, when the rule set requires it."""
    ctx = j.ctx
    if title in ctx.required:
        ok = (is_team, subject, title) in ctx.registered
        if ok and not j.explain:  # the common case: met, nothing to record (no facts to gather)
            return
        j.require(ok, "NOT_REGISTERED", "registration.required", title=ctx.title_text[title])


def rating_at_least(j: Judge, p: m.Staff, param: str) -> None:
    """This year's rating is ``param`` or better."""
    ctx = j.ctx
    need = ctx.enum(param, m.Rating)
    r = p.rating
    ok = r is not None and r.rank >= need.rank
    if ok and not j.explain:  # met, nothing to record
        return
    j.require(ok, "RATING", param, rating=ctx.rating_text[r], need=ctx.rating_text[need])


def in_year(d: m.Discipline, ctx: Context) -> bool:
    """The discipline is in force at some time of the school year considered."""
    start = d.decision_date or ctx.start
    end = d.end_date or add_months(start, ctx.v["knc.discipline_default_months"])
    return start <= ctx.consider and end >= ctx.start


def discipline(j: Judge, p: m.Staff, param: str) -> None:
    """No discipline from level ``param`` up in force during the year (nothing when ``param`` is empty)."""
    if not p.disciplines and not j.explain:
        return
    ctx = j.ctx
    level = ctx.v[param]
    if not level:
        return
    floor = ctx.enum(param, m.DisciplineLevel).severity
    hit = next((d for d in p.disciplines if d.level.severity >= floor and in_year(d, ctx)), None)
    text = ctx.discipline_text
    j.require(hit is None, "DISCIPLINE", param, floor=text[level], level=text[hit.level.value] if hit else "",
              date=fmt_date(hit.decision_date) if hit else "")


def pending(j: Judge, p: m.Staff) -> None:
    """Not under a disciplinary review, inspection or investigation (when the rule set says so)."""
    if j.ctx.v["common.pending_discipline_excludes"]:
        j.require(not p.pending_discipline, "PENDING_DISCIPLINE", "common.pending_discipline_excludes")


def conduct(j: Judge, p: m.Staff) -> None:
    """The two conduct criteria most titles share: no discipline from the LĐTT level in the year, and no
    pending disciplinary review (one call; nothing to do for the many people with neither)."""
    if p.disciplines or j.explain:
        discipline(j, p, "ldtt.discipline_from")
    if p.pending_discipline or j.explain:
        pending(j, p)


def consecutive(j: Judge, subject: str, title: T, now: bool, need: int, param: str, code: str) -> None:
    """``title`` won ``need`` years in a row, ending with this year (``now``: this year's outcome)."""
    ctx = j.ctx
    run, broke = ctx.run(subject, title, now, need)
    if run >= need and not j.explain:  # met, nothing to record
        return
    j.require(run >= need, code, param, "elig.run", title=ctx.title_text[title], need=need, run=run, year=broke)


def num(x: Fraction) -> str:
    """A count of months or years: "6", "7,5"."""
    return str(int(x)) if x.denominator == 1 else f"{float(x):.1f}".replace(".", ",")
