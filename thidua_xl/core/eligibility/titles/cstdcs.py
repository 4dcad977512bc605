"""Chiến sĩ thi đua cơ sở (CSTĐCS): LĐTT, plus the condition of the regime.

The law changed its structure in 2024, so each regime has its own function, chosen by the rule
``cstdcs.htxsnv_alone`` (false under 2017, true from 2024; a school override of that rule is honoured).
"""

from __future__ import annotations

from collections.abc import Callable

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.common import registered


def check_cstdcs(ctx: Context, p: m.Staff, ldtt: Judge) -> Judge:
    """Registered for CSTĐCS; every LĐTT criterion except the LĐTT registration; the regime's condition."""
    j = Judge(ctx)
    registered(j, False, p.id, m.Title.CSTDCS)
    if ldtt.reasons:
        j.reasons += [r for r in ldtt.reasons if r.code != "NOT_REGISTERED"]
    if j.explain:
        j.criteria += [c for c in ldtt.criteria if c.code != "NOT_REGISTERED"]  # type: ignore[operator]
    level = ctx.v["cstdcs.initiative_level"]
    inits = len(ctx.initiatives_in(p.id, ctx.window(1), level)) if p.id in ctx.initiatives else 0
    BY_RULE[bool(ctx.v["cstdcs.htxsnv_alone"])](j, p, inits, ctx.level_text[level])
    return j


def cstdcs_2024(j: Judge, p: m.Staff, inits: int, level: str) -> None:
    """Luật 06/2022 Điều 23 khoản 2: HTXSNV alone is enough, or ``inits`` initiatives/topics recognised
    this year at ``cstdcs.initiative_level`` (``level``)."""
    ok = p.rating == m.Rating.HTXSNV or inits > 0
    if ok and not j.explain:  # met, nothing to record (no facts to gather)
        return
    ctx = j.ctx
    j.require(ok, "NO_HTXSNV_OR_INITIATIVE", "cstdcs.htxsnv_alone",
              rating=ctx.rating_text[p.rating], grade=ctx.rating_code[p.rating], count=inits, level=level)


def cstdcs_2017(j: Judge, p: m.Staff, inits: int, level: str) -> None:
    """NĐ 91/2017 Điều 9 khoản 3: an initiative/topic recognised this school year is required."""
    j.require(inits > 0, "NO_INITIATIVE", "cstdcs.htxsnv_alone", count=inits, level=level, year=j.ctx.year)


# cstdcs.htxsnv_alone → the regime's condition
BY_RULE: dict[bool, Callable[[Judge, m.Staff, int, str], None]] = {False: cstdcs_2017, True: cstdcs_2024}
