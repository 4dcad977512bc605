"""Chiến sĩ thi đua cấp tỉnh and toàn quốc: a run of the title below ending this year, and an initiative
of the required scope."""

from __future__ import annotations

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge, judged
from thidua_xl.core.eligibility.titles.common import consecutive, registration, with_conduct

T = m.Title


def check_cstd_tinh(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    """``cstd_tinh.consecutive_cstdcs`` CSTĐCS in a row; an initiative at ``cstd_tinh.initiative_level``
    within those years."""
    need = ctx.v["cstd_tinh.consecutive_cstdcs"]
    return _cstd(ctx, p, T.CSTD_TINH, T.CSTDCS, cstdcs_now, "cstd_tinh.consecutive_cstdcs", "CONSECUTIVE_CSTDCS",
                 "cstd_tinh.initiative_level", need)


def check_cstd_tq(ctx: Context, p: m.Staff, tinh_now: bool) -> Judge:
    """``cstd_tq.consecutive_cstd_tinh`` CSTĐ cấp tỉnh in a row; an initiative at
    ``cstd_tq.initiative_level`` within ``cstd_tq.window_years`` years."""
    return _cstd(ctx, p, T.CSTD_TQ, T.CSTD_TINH, tinh_now, "cstd_tq.consecutive_cstd_tinh", "CONSECUTIVE_CSTD_TINH",
                 "cstd_tq.initiative_level", ctx.v["cstd_tq.window_years"])


def _cstd(ctx: Context, p: m.Staff, title: T, base: T, base_now: bool, run_key: str, code: str, level_key: str,
          years: int) -> Judge:
    """Registered; the run of ``base`` (``run_key``); an initiative at ``level_key`` in ``years`` years; conduct.
    The person's facts first, then the criteria over them (:func:`_cstd_criteria`)."""
    run, broke = ctx.run(p.id, base, base_now, ctx.v[run_key])
    inits = ctx.initiatives_in(p.id, ctx.window(years), ctx.v[level_key]) if p.id in ctx.initiatives else ()
    j = judged(ctx, _cstd_criteria, title, base, run_key, code, level_key, years,
               (False, p.id, title) in ctx.registered, run, broke, len(inits))
    return with_conduct(j, p)


def _cstd_criteria(j: Judge, title: T, base: T, run_key: str, code: str, level_key: str, years: int,
                   registered: bool, run: int, broke: str | None, inits: int) -> None:
    ctx = j.ctx
    registration(j, title, registered)
    consecutive(j, base, ctx.v[run_key], run_key, code, run, broke)
    level = ctx.v[level_key]
    j.require(inits > 0, "INITIATIVE_SCOPE", level_key, count=inits, level=ctx.level_text[level], years=years)
