"""Criteria several titles share: registration, the year's rating, conduct (discipline in the year,
pending review), and consecutive runs of a title."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.dates import add_months, fmt_date

T = m.Title
HTXSNV_RANK = m.Rating.HTXSNV.rank


def registered(j: Judge, is_team: bool, subject: str, title: T) -> None:
    """Registered for ``title`` at the start of the year, when the rule set requires it."""
    registration(j, title, (is_team, subject, title) in j.ctx.registered)


def registration(j: Judge, title: T, ok: bool) -> None:
    """:func:`registered`, from whether the subject registered (``ok``)."""
    ctx = j.ctx
    if title in ctx.required:
        if ok and not j.explain:  # the common case: met, nothing to record (no facts to gather)
            return
        j.require(ok, "NOT_REGISTERED", "registration.required", title=ctx.title_text[title])


def rating_at_least(j: Judge, r: m.Rating | None, param: str) -> None:
    """This year's rating ``r`` is ``param`` or better."""
    ctx = j.ctx
    need = ctx.enum(param, m.Rating)
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


def with_conduct(j: Judge, p: m.Staff, check: Callable[[Judge, m.Staff], None] | None = None) -> Judge:
    """``j`` (perhaps shared, see :func:`~thidua_xl.core.eligibility.criteria.judged`) then the conduct
    criteria ``check`` (default :func:`conduct`; criteria that add nothing for a person with no discipline
    and no pending review): on a copy of ``j`` when ``p`` has something to check, ``j`` itself when not."""
    if j.explain:
        (check or conduct)(j, p)
    elif p.disciplines or p.pending_discipline:
        j = j.copy()
        (check or conduct)(j, p)
    return j


def consecutive(j: Judge, title: T, need: int, param: str, code: str, run: int, broke: str | None) -> None:
    """``title`` won ``need`` years in a row, ending with this year: ``run`` years (:meth:`Context.run`), broken
    in the school year ``broke``."""
    ctx = j.ctx
    if run >= need and not j.explain:  # met, nothing to record
        return
    j.require(run >= need, code, param, "elig.run", title=ctx.title_text[title], need=need, run=run, year=broke)


def num(x: Fraction) -> str:
    """A count of months or years: "6", "7,5"."""
    return str(int(x)) if x.denominator == 1 else f"{float(x):.1f}".replace(".", ",")
