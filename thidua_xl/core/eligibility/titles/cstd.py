"""Chiến sĩ thi đua cấp tỉnh and toàn quốc: a run of the title below ending this year, and an initiative
of the required scope."""

from __future__ import annotations

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.common import conduct, consecutive, registered

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
    j = Judge(ctx)
    registered(j, False, p.id, title)
    consecutive(j, p.id, base, base_now, ctx.v[run_key], run_key, code)
    level = ctx.v[level_key]
    inits = ctx.initiatives_in(p.id, ctx.window(years), level) if p.id in ctx.initiatives else ()
    j.require(bool(inits), "INITIATIVE_SCOPE", level_key, count=len(inits), level=ctx.level_text[level], years=years)
    conduct(j, p)
    return j
