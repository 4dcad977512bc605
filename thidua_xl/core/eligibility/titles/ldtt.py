"""Lao động tiên tiến (LĐTT)."""

from __future__ import annotations

from fractions import Fraction

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.dates import whole_months
from thidua_xl.core.eligibility.titles.common import conduct, num, rating_at_least, registered

YEAR_MONTHS = Fraction(12)  # months in a school year's reckoning (not a legal value)


def check_ldtt(ctx: Context, p: m.Staff) -> Judge:
    """Registered; rated ``ldtt.min_rating`` or better; at least ``ldtt.min_service_months`` months since
    recruitment; enough months worked in the year; no discipline in the year, no pending review."""
    j = Judge(ctx)
    registered(j, False, p.id, m.Title.LDTT)
    rating_at_least(j, p.rating, "ldtt.min_rating")
    if p.recruited_date is not None:
        need = ctx.v["ldtt.min_service_months"]
        months = whole_months(p.recruited_date, ctx.consider)
        if months < need or j.explain:  # when met and not explaining, nothing to record
            j.require(months >= need, "NEW_HIRE", "ldtt.min_service_months", months=months, need=need,
                      since=p.recruited_date)
    need = ctx.v["ldtt.min_months_worked"]
    if need:
        worked, away = months_worked(ctx, p)
        j.require(worked >= need, "TOO_LITTLE_WORK", "ldtt.min_months_worked", away=num(away), worked=num(worked),
                  need=need)
    conduct(j, p)
    return j


def months_worked(ctx: Context, p: m.Staff) -> tuple[Fraction, Fraction]:
    """(months worked, months away) in the year: sick leave, unpaid leave, and maternity leave unless
    ``ldtt.maternity_counts`` counts it as work."""
    a = p.absence
    away = a.sick_months + a.unpaid_months + (0 if ctx.v["ldtt.maternity_counts"] else a.maternity_months)
    return YEAR_MONTHS - away, Fraction(away)
