"""Giấy khen (of the head of the school or the district)."""

from __future__ import annotations

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.common import discipline, pending, rating_at_least, registered


def check_giay_khen(ctx: Context, p: m.Staff) -> Judge:
    """Registered (when required); rated ``giay_khen.min_rating`` or better; an outstanding achievement
    (``giay_khen.requires_achievement``: the "Thành tích nổi bật" mark on the staff sheet, or an achievement of
    the year on the "Thành tích" sheet); no discipline (``giay_khen.no_discipline``); no pending review."""
    j = Judge(ctx)
    registered(j, False, p.id, m.Title.GIAY_KHEN)
    rating_at_least(j, p, "giay_khen.min_rating")
    if ctx.v["giay_khen.requires_achievement"]:
        recorded = p.id in ctx.achievements and any(a.school_year == ctx.year for a in ctx.achievements[p.id])
        j.require(p.outstanding_achievement or recorded, "NO_ACHIEVEMENT", "giay_khen.requires_achievement")
    if ctx.v["giay_khen.no_discipline"]:
        discipline(j, p, "ldtt.discipline_from")
    pending(j, p)
    return j
