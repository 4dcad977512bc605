"""Giấy khen (of the head of the school or the district)."""

from __future__ import annotations

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge, judged
from thidua_xl.core.eligibility.titles.common import (
    discipline,
    pending,
    rating_at_least,
    registration,
    with_conduct,
)

GK = m.Title.GIAY_KHEN


def check_giay_khen(ctx: Context, p: m.Staff) -> Judge:
    """Registered (when required); rated ``giay_khen.min_rating`` or better; an outstanding achievement
    (``giay_khen.requires_achievement``: the "Thành tích nổi bật" mark on the staff sheet, or an achievement of
    the year on the "Thành tích" sheet); no discipline (``giay_khen.no_discipline``); no pending review.
    The person's facts first, then the criteria over them (:func:`_criteria`), then conduct."""
    achieved = ctx.v["giay_khen.requires_achievement"] and (
        p.outstanding_achievement
        or (p.id in ctx.achievements and any(a.school_year == ctx.year for a in ctx.achievements[p.id])))
    j = judged(ctx, _criteria, (False, p.id, GK) in ctx.registered, p.rating, bool(achieved))
    return with_conduct(j, p, _conduct)


def _criteria(j: Judge, registered: bool, rating: m.Rating | None, achieved: bool) -> None:
    registration(j, GK, registered)
    rating_at_least(j, rating, "giay_khen.min_rating")
    if j.ctx.v["giay_khen.requires_achievement"]:
        j.require(achieved, "NO_ACHIEVEMENT", "giay_khen.requires_achievement")


def _conduct(j: Judge, p: m.Staff) -> None:
    if j.ctx.v["giay_khen.no_discipline"]:
        discipline(j, p, "ldtt.discipline_from")
    pending(j, p)
