"""Kỷ niệm chương "Vì sự nghiệp giáo dục".

The service start is moved later by the days under discipline and earlier by the study/military
years; eligible when the N-th anniversary of that start is on or before the consideration date (so
20 years minus one day fails). Under a regime with a waiting time, a discipline must have ended that
many years before.
"""

from __future__ import annotations

import datetime as dt

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.dates import add_months, add_years, fmt_date, years_text
from thidua_xl.core.eligibility.titles.common import num, pending


def check_knc(ctx: Context, p: m.Staff) -> Judge:
    """Not received before; ``knc.service_years`` years in the sector (``knc.reduction_years`` fewer after
    ``knc.difficult_min_years`` years in an especially difficult area, when still there); the discipline
    waiting time ``knc.discipline_wait_years``; no pending review."""
    j = Judge(ctx)
    hist = ctx.history.get(p.id, {})
    j.require(not any(m.Title.KNC in titles for titles in hist.values()), "KNC_ALREADY", "knc.service_years")
    if p.sector_entry_date is None:
        j.require(False, "NO_SECTOR_DATE", "knc.service_years")
        return j
    reduction = ctx.v["knc.reduction_years"]
    min_there = ctx.v["knc.difficult_min_years"]
    reduced = p.in_difficult_area_now and p.difficult_area_years >= min_there
    required = ctx.v["knc.service_years"] - (reduction if reduced else 0)
    days_off = _days_under_discipline(ctx, p, p.sector_entry_date) if p.disciplines else 0
    extra_months = int(p.study_military_years * 12) if p.study_military_years else 0
    start = add_months(p.sector_entry_date, -extra_months) if extra_months else p.sector_entry_date
    if days_off:
        start += dt.timedelta(days=days_off)
    due = add_years(start, required)
    if due > ctx.consider or j.explain:  # the sentence is built only when it is shown
        served = years_text((ctx.consider - start).days) + (ctx.msg["elig.days_off"].format(days=days_off)
                                                            if days_off else "")
        j.require(due <= ctx.consider, "SERVICE_YEARS", "knc.service_years", served=served, need=required,
                  due=fmt_date(due), cut=ctx.msg["elig.knc_reduced"].format(years=reduction) if reduced else "")
    if j.explain and p.in_difficult_area_now:
        # Whether the especially-difficult-area reduction applies is shown in the explanation; it is not a
        # condition of its own (SERVICE_YEARS already asks for the reduced years only when it applies).
        j.note(reduced, "DIFFICULT_AREA", "knc.difficult_min_years", years=num(p.difficult_area_years), need=min_there)
    wait = ctx.v["knc.discipline_wait_years"]
    if wait:
        for d in p.disciplines:
            end = _discipline_end(ctx, d)
            if end is not None and d.level != m.DisciplineLevel.BUOC_THOI_VIEC and add_years(end, wait) > ctx.consider:
                j.require(False, "DISCIPLINE_WAIT", "knc.discipline_wait_years", end=fmt_date(end), wait=wait,
                          date=fmt_date(add_years(end, wait)))
                break
    pending(j, p)
    return j


def _discipline_end(ctx: Context, d: m.Discipline) -> dt.date | None:
    """When the discipline ends: its end date, or ``knc.discipline_default_months`` after the decision."""
    if d.end_date or d.decision_date is None:
        return d.end_date
    return add_months(d.decision_date, ctx.v["knc.discipline_default_months"])


def _days_under_discipline(ctx: Context, p: m.Staff, entry: dt.date) -> int:
    """Days under discipline within the service period (from ``entry`` to the consideration date)."""
    days = 0
    for d in p.disciplines:
        end = _discipline_end(ctx, d)
        if end is not None and d.decision_date is not None:
            days += max(0, (min(end, ctx.consider) - max(d.decision_date, entry)).days)
    return days
