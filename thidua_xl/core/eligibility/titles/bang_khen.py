"""Bằng khen: UBND tỉnh and Bộ trưởng (one rule shape, two rule prefixes), and Thủ tướng."""

from __future__ import annotations

from collections.abc import Callable

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.common import HTXSNV_RANK, conduct

T = m.Title
SANG_KIEN, DE_TAI = m.InitiativeKind.SANG_KIEN, m.InitiativeKind.DE_TAI
# The rule keys of each Bằng khen that shares this shape: (run of CSTĐCS, run of HTXSNV, initiatives, same kind).
KEYS = {prefix: (f"{prefix}.consecutive_cstdcs", f"{prefix}.consecutive_htxsnv", f"{prefix}.initiatives",
                 f"{prefix}.same_kind") for prefix in ("bk_tinh", "bk_bo")}


def check_bk_tinh(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    return _bang_khen(ctx, p, cstdcs_now, "bk_tinh")


def check_bk_bo(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    return _bang_khen(ctx, p, cstdcs_now, "bk_bo")


def _bang_khen(ctx: Context, p: m.Staff, cstdcs_now: bool, prefix: str) -> Judge:
    """A run of years (the regime's shape, ``<prefix>.consecutive_*``), then ``<prefix>.initiatives``
    initiatives or topics in those years (of one kind when ``<prefix>.same_kind``), and conduct."""
    j = Judge(ctx)
    k_cs, k_xs, k_init, k_same = keys = KEYS[prefix]
    n_cs, n_xs = ctx.v[k_cs], ctx.v[k_xs]
    RUN_BY_RULE[bool(n_cs)](j, p, cstdcs_now, keys)
    years = ctx.window(max(n_cs, n_xs))
    need = ctx.v[k_init]
    same = ctx.v[k_same]
    if p.id in ctx.initiatives:
        sk = len(ctx.initiatives_in(p.id, years, "CO_SO", SANG_KIEN))
        dtai = len(ctx.initiatives_in(p.id, years, "CO_SO", DE_TAI))
    else:
        sk = dtai = 0
    j.require((sk >= need or dtai >= need) if same else sk + dtai >= need, "INITIATIVES", k_init,
              "elig.bk_initiatives", need=need, sk=sk, dt=dtai, same=ctx.msg["elig.same_kind"] if same else "")
    conduct(j, p)
    return j


def run_2024(j: Judge, p: m.Staff, cstdcs_now: bool, keys: tuple[str, ...]) -> None:
    """From 2024: ``consecutive_cstdcs`` CSTĐCS in a row, or ``consecutive_htxsnv`` years HTXSNV in a row."""
    ctx = j.ctx
    k_cs, k_xs = keys[:2]
    n_cs, n_xs = ctx.v[k_cs], ctx.v[k_xs]
    run_cs, broke_cs = ctx.run(p.id, T.CSTDCS, cstdcs_now, n_cs)
    run_xs, broke_xs = ctx.rating_run(p, HTXSNV_RANK, n_xs)
    j.require(run_cs >= n_cs or run_xs >= n_xs, "CONSECUTIVE", k_cs, "elig.bk_run",
              n_cs=n_cs, n_xs=n_xs, run_cs=run_cs, run_xs=run_xs, year=broke_xs or broke_cs)


def run_2017(j: Judge, p: m.Staff, cstdcs_now: bool, keys: tuple[str, ...]) -> None:
    """2017: ``consecutive_htxsnv`` years HTXSNV in a row (``consecutive_cstdcs`` is 0: no CSTĐCS path)."""
    k_xs = keys[1]
    n_xs = j.ctx.v[k_xs]
    run, broke = j.ctx.rating_run(p, HTXSNV_RANK, n_xs)
    j.require(run >= n_xs, "CONSECUTIVE", k_xs, "elig.htxsnv_run", need=n_xs, run=run, year=broke)


# whether <prefix>.consecutive_cstdcs is set → the regime's run
RUN_BY_RULE: dict[bool, Callable[[Judge, m.Staff, bool, tuple[str, ...]], None]] = {False: run_2017, True: run_2024}


def check_bk_ttg(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    """Bằng khen Thủ tướng: an earlier award of ``bk_ttg.prior_awards``; ``bk_ttg.years`` years rated
    ``bk_ttg.min_rating`` or better in a row; in those years ``bk_ttg.cstdcs_in_period`` CSTĐCS and
    ``bk_ttg.initiatives_in_period`` initiatives (each when not 0); conduct."""
    j = Judge(ctx)
    prior = ctx.prior_awards
    hist = ctx.history.get(p.id, {})
    j.require(any(not prior.isdisjoint(titles) for titles in hist.values()), "NO_PRIOR_BANG_KHEN",
              "bk_ttg.prior_awards")
    years = ctx.v["bk_ttg.years"]
    need = ctx.enum("bk_ttg.min_rating", m.Rating)
    run, broke = ctx.rating_run(p, need.rank, years)
    j.require(run >= years, "RATING_RUN", "bk_ttg.years", need=years, rating=ctx.rating_text[need], run=run,
              year=broke)
    window = ctx.window(years)
    n_cs = ctx.v["bk_ttg.cstdcs_in_period"]
    if n_cs:
        count = (sum(1 for y in window if T.CSTDCS in hist.get(y, ())) if hist else 0) + (1 if cstdcs_now else 0)
        j.require(count >= n_cs, "CSTDCS_COUNT", "bk_ttg.cstdcs_in_period", count=count, need=n_cs, years=years)
    n_sk = ctx.v["bk_ttg.initiatives_in_period"]
    if n_sk:
        count = len(ctx.initiatives_in(p.id, window, "CO_SO"))
        j.require(count >= n_sk, "INITIATIVES", "bk_ttg.initiatives_in_period", "elig.initiative_count",
                  count=count, need=n_sk, years=years)
    conduct(j, p)
    return j
