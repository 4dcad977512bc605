"""Bằng khen: UBND tỉnh and Bộ trưởng (one rule shape, two rule prefixes), and Thủ tướng."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge, judged
from thidua_xl.core.eligibility.titles.common import HTXSNV_RANK, conduct, with_conduct
from thidua_xl.text import header_key
from thidua_xl.vocabulary import VOCABULARIES

T = m.Title
SANG_KIEN, DE_TAI = m.InitiativeKind.SANG_KIEN, m.InitiativeKind.DE_TAI
# The rule keys of each Bằng khen that shares this shape: (run of CSTĐCS, run of HTXSNV, initiatives, same kind).
KEYS = {prefix: (f"{prefix}.consecutive_cstdcs", f"{prefix}.consecutive_htxsnv", f"{prefix}.initiatives",
                 f"{prefix}.same_kind") for prefix in ("bk_tinh", "bk_bo")}
# The alternatives through a recorded achievement, in the law's order: kind, its scope rule, its count rule.
A = m.AchievementKind
ALTERNATIVES = ((A.PHONG_TRAO, "movement_level", ""), (A.ANH_HUONG, "influence_level", "influence_count"),
                (A.DOT_XUAT, "sudden_level", ""))
LEVELS = VOCABULARIES["level"].lookup()  # folded label or alias → level code


def check_bk_tinh(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    return _bang_khen(ctx, p, cstdcs_now, "bk_tinh")


def check_bk_bo(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    return _bang_khen(ctx, p, cstdcs_now, "bk_bo")


def _bang_khen(ctx: Context, p: m.Staff, cstdcs_now: bool, prefix: str) -> Judge:
    """Any one of the alternatives (Luật 06/2022 Điều 74 khoản 1; TT 29/2023 Điều 9 khoản 1 for the
    Minister's): the run of years with its initiatives (computed), or an achievement the council recorded
    (``<prefix>.achievements``); then conduct. The verdict names the alternative met (``basis``); a refusal
    gives why each alternative failed."""
    facts = _run_facts(ctx, p, cstdcs_now, prefix)
    recorded = ctx.achievements.get(p.id)
    if not ctx.explain and not recorded:
        return with_conduct(judged(ctx, _by_run, prefix, facts), p)
    j = Judge(ctx)
    path = Judge(ctx)
    need = _run_and_initiatives(path, prefix, facts)
    alt = Judge(ctx)
    met = _achievements(alt, recorded, prefix)
    if not path.reasons:
        j.basis = _run_basis(ctx, prefix, need)
    else:
        j.basis = met
    if j.basis:
        if j.explain:
            j.criteria.extend(path.criteria)  # type: ignore[union-attr]
            j.criteria.extend(alt.criteria)  # type: ignore[union-attr]
        j.note(True, "ALTERNATIVE", f"{prefix}.achievements", "elig.bk_basis", basis=j.basis)
    else:
        j.extend(path)
        j.extend(alt)
    conduct(j, p)
    return j


def _by_run(j: Judge, prefix: str, facts: tuple[Any, ...]) -> None:
    """The common case (nothing recorded on "Thành tích", not explaining), from the run facts alone: the
    run's reasons go straight into the verdict, then the achievement alternatives' one shared reason — the
    same verdict as :func:`_bang_khen` gives in general."""
    need = _run_and_initiatives(j, prefix, facts)
    if j.reasons:
        _achievements(j, None, prefix)
    else:
        j.basis = _run_basis(j.ctx, prefix, need)


def _run_basis(ctx: Context, prefix: str, need: int) -> str:
    """The alternative met through the run of years and its initiatives, as the verdict names it."""
    k_cs, _, k_init, _ = KEYS[prefix]
    return ctx.msg["elig.bk_basis.run" if ctx.v[k_cs] else "elig.bk_basis.run_htxsnv"].format(
        need=need, cite=ctx.cite.get(k_init, ""))


def _run_and_initiatives(j: Judge, prefix: str, facts: tuple[Any, ...]) -> int:
    """A run of years (the regime's shape, ``<prefix>.consecutive_*``), then ``<prefix>.initiatives``
    initiatives or topics in those years (of one kind when ``<prefix>.same_kind``), from the person's
    :func:`_run_facts`; the number needed."""
    ctx = j.ctx
    keys = KEYS[prefix]
    n_cs, n_xs, need, same, _ = _rule_values(ctx, keys)
    RUN_BY_RULE[bool(n_cs)](j, keys, n_cs, n_xs, facts)
    sk, dtai = facts[4:]
    j.require((sk >= need or dtai >= need) if same else sk + dtai >= need, "INITIATIVES", keys[2],
              "elig.bk_initiatives", need=need, sk=sk, dt=dtai, same=ctx.msg["elig.same_kind"] if same else "")
    return need


def _rule_values(ctx: Context, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """The values of the rule keys ``keys`` (:data:`KEYS`) once per run: the runs of CSTĐCS and HTXSNV, the
    initiatives needed, whether of the same kind, and the school years they are counted in."""
    got = ctx.memo.get(keys)
    if got is None:
        k_cs, k_xs, k_init, k_same = keys
        n_cs, n_xs = ctx.v[k_cs], ctx.v[k_xs]
        got = ctx.memo[keys] = (n_cs, n_xs, ctx.v[k_init], ctx.v[k_same], ctx.window(max(n_cs, n_xs)))
    return got


_LAST_RUN = "bk_run_facts"  # ctx.memo: the last person's run facts, with what they were computed from


def _run_facts(ctx: Context, p: m.Staff, cstdcs_now: bool, prefix: str) -> tuple[Any, ...]:
    """(run of CSTĐCS and the year that broke it — when ``<prefix>.consecutive_cstdcs`` —, run of HTXSNV
    and its year, initiatives and topics in the years of the run) of ``p``: computed once for Bằng khen tỉnh
    and Bộ when their rules are equal (the same person is checked for both, one after the other)."""
    n_cs, n_xs, _, _, years = _rule_values(ctx, KEYS[prefix])
    given = (cstdcs_now, n_cs, n_xs, years)
    last = ctx.memo.get(_LAST_RUN)
    if last is not None and last[0] is p and last[1] == given:
        return last[2]
    run_cs, broke_cs = ctx.run(p.id, T.CSTDCS, cstdcs_now, n_cs) if n_cs else (0, None)
    run_xs, broke_xs = ctx.rating_run(p, HTXSNV_RANK, n_xs)
    if p.id in ctx.initiatives:
        sk = len(ctx.initiatives_in(p.id, years, "CO_SO", SANG_KIEN))
        dtai = len(ctx.initiatives_in(p.id, years, "CO_SO", DE_TAI))
    else:
        sk = dtai = 0
    facts = (run_cs, broke_cs, run_xs, broke_xs, sk, dtai)
    ctx.memo[_LAST_RUN] = (p, given, facts)
    return facts


def _level(ctx: Context, key: str) -> m.Level:
    """A scope rule value: a code (``TINH``) or a label a school may type in an override (``Cấp tỉnh``)."""
    raw = str(ctx.v[key])
    try:
        return m.Level(LEVELS.get(header_key(raw), raw))
    except ValueError:
        raise ctx.bad_code(key, [x.value for x in m.Level]) from None


def _alternatives(ctx: Context, prefix: str) -> tuple[tuple[tuple[Any, ...], ...], frozenset[str], str, str]:
    """What the achievement alternatives of ``prefix`` need, computed once per run: for each accepted one
    (kind, scope rule key, scope rank, number needed, name, rule text); the school years counted, as a
    set and as text; the alternatives as one text."""
    key = ("bk_alternatives", prefix)
    got = ctx.memo.get(key)
    if got is None:
        accepted = ctx.v[f"{prefix}.achievements"]
        msg = ctx.msg
        alts = []
        for kind, level_key, count_key in ALTERNATIVES:
            if kind.value not in accepted:
                continue
            lk = f"{prefix}.{level_key}"
            level = _level(ctx, lk)
            need = ctx.v[f"{prefix}.{count_key}"] if count_key else 1
            rule = msg[f"elig.bk_opt.{kind.value}"].format(need=need, level=ctx.level_text[level.value])
            alts.append((kind, lk, level.rank, need, msg[f"elig.bk_alt.{kind.value}"], rule))
        window = ctx.window(ctx.v[f"{prefix}.achievement_years"])
        got = ctx.memo[key] = (tuple(alts), window, ", ".join(sorted(window)), "; ".join(rule for *_, rule in alts))
    return got


def _achievements(j: Judge, recorded: list[m.Achievement] | None, prefix: str) -> str:
    """The alternatives through an achievement recorded on the "Thành tích" sheet, in the order of the law
    (in a movement, many with influence, sudden), each from its own rule; the first met, described with
    its decision and citation ("" when none: the reason then lists what was recorded). ``recorded``: the
    person's achievements on that sheet."""
    ctx = j.ctx
    alts, window, years, options = _alternatives(ctx, prefix)
    if not alts:
        return ""
    mine = [a for a in recorded if a.school_year in window] if recorded else []
    msg = ctx.msg
    basis = ""
    if mine or j.explain:
        for kind, lk, rank, need, name, rule in alts:
            hits = [a for a in mine if a.kind is kind and a.level.rank >= rank]
            ok = len(hits) >= need
            j.note(ok, "ACHIEVEMENT_" + kind.value, lk, "elig.bk_alternative", alternative=name, rule=rule,
                   count=len(hits))
            if ok and not basis:
                items = "; ".join(_describe(ctx, a) for a in hits)
                basis = msg["elig.bk_basis.achievement"].format(alternative=name, items=items,
                                                                cite=ctx.cite.get(lk, ""))
    found = msg["elig.bk_found"].format(items="; ".join(_describe(ctx, a) for a in mine)) if mine else ""
    j.require(bool(basis), "ACHIEVEMENT", f"{prefix}.achievements", None, years=years, options=options,
              found=found, count=len(mine))
    return basis


def _describe(ctx: Context, a: m.Achievement) -> str:
    """“Giải Nhất …” (cấp tỉnh/bộ, QĐ số 512/QĐ-SGDĐT ngày 15/04/2025)."""
    msg = ctx.msg
    if a.decision_no and a.decision_date:
        decision = msg["elig.bk_decision"].format(no=a.decision_no, date=f"{a.decision_date:%d/%m/%Y}")
    elif a.decision_no:
        decision = msg["elig.bk_decision_no"].format(no=a.decision_no)
    elif a.decision_date:
        decision = msg["elig.bk_decision_date"].format(date=f"{a.decision_date:%d/%m/%Y}")
    else:
        decision = msg["elig.bk_no_decision"]
    return msg["elig.bk_item"].format(text=a.description, level=ctx.level_text[a.level.value], decision=decision)


def run_2024(j: Judge, keys: tuple[str, ...], n_cs: int, n_xs: int, facts: tuple[Any, ...]) -> None:
    """From 2024: ``consecutive_cstdcs`` CSTĐCS in a row, or ``consecutive_htxsnv`` years HTXSNV in a row."""
    run_cs, broke_cs, run_xs, broke_xs = facts[:4]
    j.require(run_cs >= n_cs or run_xs >= n_xs, "CONSECUTIVE", keys[0], "elig.bk_run",
              n_cs=n_cs, n_xs=n_xs, run_cs=run_cs, run_xs=run_xs, year=broke_xs or broke_cs)


def run_2017(j: Judge, keys: tuple[str, ...], n_cs: int, n_xs: int, facts: tuple[Any, ...]) -> None:
    """2017: ``consecutive_htxsnv`` years HTXSNV in a row (``consecutive_cstdcs`` is 0: no CSTĐCS path)."""
    run, broke = facts[2:4]
    j.require(run >= n_xs, "CONSECUTIVE", keys[1], "elig.htxsnv_run", need=n_xs, run=run, year=broke)


# whether <prefix>.consecutive_cstdcs is set → the regime's run (from the rule keys, their values, the run facts)
RUN_BY_RULE: dict[bool, Callable[[Judge, tuple[str, ...], int, int, tuple[Any, ...]], None]] = {
    False: run_2017, True: run_2024}


def check_bk_ttg(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    """Bằng khen Thủ tướng: an earlier award of ``bk_ttg.prior_awards``; ``bk_ttg.years`` years rated
    ``bk_ttg.min_rating`` or better in a row; in those years ``bk_ttg.cstdcs_in_period`` CSTĐCS and
    ``bk_ttg.initiatives_in_period`` initiatives (each when not 0); conduct. The person's facts first, then
    the criteria over them (:func:`_ttg_criteria`)."""
    prior = ctx.prior_awards
    hist = ctx.history.get(p.id, {})
    years = ctx.v["bk_ttg.years"]
    run, broke = ctx.rating_run(p, ctx.enum("bk_ttg.min_rating", m.Rating).rank, years)
    window = ctx.window(years)
    cs = ((sum(1 for y in window if T.CSTDCS in hist.get(y, ())) if hist else 0) + (1 if cstdcs_now else 0)
          if ctx.v["bk_ttg.cstdcs_in_period"] else 0)
    inits = len(ctx.initiatives_in(p.id, window, "CO_SO")) if ctx.v["bk_ttg.initiatives_in_period"] else 0
    j = judged(ctx, _ttg_criteria, any(not prior.isdisjoint(titles) for titles in hist.values()), run, broke, cs,
               inits)
    return with_conduct(j, p)


def _ttg_criteria(j: Judge, prior: bool, run: int, broke: str | None, cstdcs: int, inits: int) -> None:
    ctx = j.ctx
    j.require(prior, "NO_PRIOR_BANG_KHEN", "bk_ttg.prior_awards")
    years = ctx.v["bk_ttg.years"]
    need = ctx.enum("bk_ttg.min_rating", m.Rating)
    j.require(run >= years, "RATING_RUN", "bk_ttg.years", need=years, rating=ctx.rating_text[need], run=run,
              year=broke)
    n_cs = ctx.v["bk_ttg.cstdcs_in_period"]
    if n_cs:
        j.require(cstdcs >= n_cs, "CSTDCS_COUNT", "bk_ttg.cstdcs_in_period", count=cstdcs, need=n_cs, years=years)
    n_sk = ctx.v["bk_ttg.initiatives_in_period"]
    if n_sk:
        j.require(inits >= n_sk, "INITIATIVES", "bk_ttg.initiatives_in_period", "elig.initiative_count",
                  count=inits, need=n_sk, years=years)
