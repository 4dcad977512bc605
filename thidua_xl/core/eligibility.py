"""Eligibility of every person and every team for every title, under the regime of the school year.

Each title's check is a small function over the person's facts and the rule set; it records **every**
failed criterion as a :class:`Reason` (stable code, Vietnamese sentence with the facts, citation with
any override). With ``explain=True`` every criterion, passed or not, is also recorded as a
:class:`Criterion` (fact used, rule value, citation, confidence tag, override) for "explain one case".

Date arithmetic (documented in docs/rules.md):
- service months = whole calendar months from the recruitment date to the consideration date
  (15/01 → 14/07 is 5 months; 15/01 → 15/07 is 6); "dưới 6 tháng" excludes < 6 only;
- Kỷ niệm chương: the service start is moved later by the days under discipline and earlier by the
  study/military years; eligible when the N-th anniversary of that start is on or before the
  consideration date (so 20 years minus one day fails);
- "consecutive" runs end with the year considered (this year's own outcome counts) and go back year by
  year through the history sheet; the first year that breaks the run is named.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.rules import RuleSet
from thidua_xl.messages import catalogue, t
from thidua_xl.perf import paused_gc

T = m.Title
RATING_RANK = {r: r.rank for r in m.Rating}
TITLE_LABELS = {
    T.LDTT: "Lao động tiên tiến", T.CSTDCS: "Chiến sĩ thi đua cơ sở", T.CSTD_TINH: "Chiến sĩ thi đua cấp tỉnh",
    T.CSTD_TQ: "Chiến sĩ thi đua toàn quốc", T.BK_TINH: "Bằng khen UBND tỉnh", T.BK_BO: "Bằng khen Bộ trưởng",
    T.BK_TTG: "Bằng khen Thủ tướng", T.GIAY_KHEN: "Giấy khen", T.KNC: "Kỷ niệm chương",
    T.TTLDTT: "Tập thể lao động tiên tiến", T.TTLDXS: "Tập thể lao động xuất sắc",
}
LEVEL_LABELS = {"CO_SO": "cơ sở", "HUYEN": "cấp huyện/xã", "TINH": "cấp tỉnh/bộ", "TOAN_QUOC": "toàn quốc"}
DISCIPLINE_LABELS = {"KHIEN_TRACH": "khiển trách", "CANH_CAO": "cảnh cáo", "HA_BAC_LUONG": "hạ bậc lương",
                     "GIANG_CHUC": "giáng chức", "CACH_CHUC": "cách chức", "BUOC_THOI_VIEC": "buộc thôi việc"}


# ---------------------------------------------------------------- date helpers


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 28/02
        return d.replace(year=d.year + years, day=28)


def add_months(d: dt.date, months: int) -> dt.date:
    y, mth = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mth + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def whole_months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def years_text(days: int) -> str:
    y, rest = divmod(days, 365)
    return f"{y} năm {rest // 30} tháng" if rest >= 30 else f"{y} năm"


@lru_cache(maxsize=4096)
def prev_year(school_year: str, k: int = 1) -> str:
    a = int(school_year[:4]) - k
    return f"{a}-{a + 1}"


# ---------------------------------------------------------------- context


@dataclass
class Context:
    """Everything computed once per run: rule values, citations, indexes."""

    data: m.SchoolData
    rules: RuleSet
    year: str
    start: dt.date
    consider: dt.date
    explain: bool = False
    cite: dict[str, str] = field(default_factory=dict)
    tag: dict[str, str] = field(default_factory=dict)
    ov: dict[str, str] = field(default_factory=dict)
    v: dict[str, Any] = field(default_factory=dict)
    registered: set[tuple[bool, str, T]] = field(default_factory=set)
    history: dict[str, dict[str, set[T]]] = field(default_factory=dict)
    ratings: dict[str, dict[str, m.Rating]] = field(default_factory=dict)
    initiatives: dict[str, list[m.Initiative]] = field(default_factory=dict)
    msg: dict[str, str] = field(default_factory=dict)  # the message catalogue
    required: frozenset[T] = frozenset()  # titles that need a start-of-year registration
    prior_awards: frozenset[T] = frozenset()  # Bằng khen Thủ tướng: awards that count as the earlier one
    _enums: dict[tuple[str, type], Any] = field(default_factory=dict)
    _windows: dict[int, frozenset[str]] = field(default_factory=dict)
    _reasons: dict[tuple[Any, ...], m.Reason] = field(default_factory=dict)
    _not_registered: dict[T, m.Reason] = field(default_factory=dict)

    def enum(self, param: str, cls: type) -> Any:
        """The rule value ``param`` as a member of ``cls`` (Rating, DisciplineLevel, Level), converted once."""
        key = (param, cls)
        e = self._enums.get(key)
        if e is None:
            e = self._enums[key] = cls(self.v[param])
        return e

    def window(self, years: int) -> frozenset[str]:
        """The school year considered and the ``years - 1`` before it."""
        w = self._windows.get(years)
        if w is None:
            w = self._windows[years] = frozenset(prev_year(self.year, k) for k in range(years))
        return w

    def reason(self, code: str, param: str, msg_key: str, kw: dict[str, Any]) -> m.Reason:
        """The failed criterion; equal reasons (same code, rule and facts) are one shared object."""
        key = (code, param, msg_key, *kw.items())
        r = self._reasons.get(key)
        if r is None:
            tpl = self.msg[msg_key]
            r = self._reasons[key] = m.Reason(code, tpl.format(**kw) if kw else tpl, self.cite.get(param, ""),
                                              self.tag.get(param, ""), param)
        return r

    @classmethod
    def build(cls, data: m.SchoolData, rules: RuleSet, explain: bool = False) -> Context:
        year = data.info.school_year
        end_year = int(year[5:])
        v = {k: p.value for k, p in rules.params.items()}
        mm, dd = (int(x) for x in str(v["school_year.start"]).split("-"))
        start = dt.date(end_year - 1, mm, dd)
        consider = data.info.consideration_date or data.info.meeting_date
        if consider is None:
            cm, cd = (int(x) for x in str(v["consideration.default"]).split("-"))
            consider = dt.date(end_year, cm, cd)
        ctx = cls(data, rules, year, start, consider, explain, v=v)
        ctx.msg = catalogue()
        ctx.required = frozenset(tt for tt in T if tt.value in v["registration.required"])
        ctx.prior_awards = frozenset(tt for tt in T if tt.value in v["bk_ttg.prior_awards"])
        for k, p in rules.params.items():
            ctx.cite[k] = p.citation_text
            ctx.tag[k] = p.tag_text
            if p.override is not None:
                ctx.ov[k] = t("elig.overridden", level=p.override.level, citation=p.override.citation,
                              original=p.override.original_value)
        ctx.registered = {(r.is_team, r.subject, r.title) for r in data.registrations}
        hist: dict[str, dict[str, set[T]]] = defaultdict(lambda: defaultdict(set))
        ratings: dict[str, dict[str, m.Rating]] = defaultdict(dict)
        for h in data.history:
            if h.title is not None:
                hist[h.subject][h.school_year].add(h.title)
            if h.rating is not None:
                ratings[h.subject][h.school_year] = h.rating
        ctx.history, ctx.ratings = hist, ratings
        inits: dict[str, list[m.Initiative]] = defaultdict(list)
        for i in data.initiatives:
            inits[i.staff_id].append(i)
        ctx.initiatives = inits
        return ctx


class Judge:
    """Collects the outcome of the criteria for one (subject, title)."""

    __slots__ = ("ctx", "reasons", "criteria", "explain")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.explain = ctx.explain
        self.reasons: list[m.Reason] = []
        # Criteria are recorded only to explain; otherwise every verdict shares one empty tuple.
        self.criteria: list[m.Criterion] | tuple[()] = [] if self.explain else ()

    def check(self, ok: bool, code: str, param: str, msg_key: str, label: str = "", fact: str = "",
              rule: str = "", **kw: Any) -> bool:
        ctx = self.ctx
        if not ok:
            r = ctx._reasons.get((code, param, msg_key, *kw.items()))
            self.reasons.append(r if r is not None else ctx.reason(code, param, msg_key, kw))
        if self.explain:
            self.record(ok, code, param, label, fact, rule, **kw)
        return ok

    def record(self, ok: bool, code: str, param: str, label: str = "", fact: str = "", rule: str = "",
               **kw: Any) -> None:
        """Record a criterion for the explanation only (never a reason)."""
        ctx = self.ctx
        self.criteria.append(m.Criterion(code, t(label, **kw) if label else code, ok, fact, rule,  # type: ignore[union-attr]
                                         ctx.cite.get(param, ""), ctx.tag.get(param, ""), param, ctx.ov.get(param, "")))

    def fail(self, code: str, param: str, msg_key: str, **kw: Any) -> None:
        """A criterion not met, when criteria are not being recorded (:meth:`check` records them)."""
        ctx = self.ctx
        r = ctx._reasons.get((code, param, msg_key, *kw.items()))
        self.reasons.append(r if r is not None else ctx.reason(code, param, msg_key, kw))

    def extend(self, other: Judge) -> None:
        self.reasons.extend(other.reasons)
        if self.explain:
            self.criteria.extend(other.criteria)  # type: ignore[union-attr]


# ---------------------------------------------------------------- common criteria


def _registered(j: Judge, is_team: bool, subject: str, title: T) -> None:
    ctx = j.ctx
    if title not in ctx.required:
        return
    ok = (is_team, subject, title) in ctx.registered
    if j.explain:
        j.check(ok, "NOT_REGISTERED", "registration.required", "elig.not_registered", "elig.c.registered",
                "có" if ok else "không", "bắt buộc", title=TITLE_LABELS[title])
    elif not ok:  # the common failure: one shared reason per title
        r = ctx._not_registered.get(title)
        if r is None:
            r = ctx._not_registered[title] = ctx.reason("NOT_REGISTERED", "registration.required",
                                                        "elig.not_registered", {"title": TITLE_LABELS[title]})
        j.reasons.append(r)


def _in_year(d: m.Discipline, ctx: Context) -> bool:
    start = d.decision_date or ctx.start
    end = d.end_date or add_months(start, ctx.v["knc.discipline_default_months"])
    return start <= ctx.consider and end >= ctx.start


def _discipline(j: Judge, p: m.Staff, param: str, code: str = "DISCIPLINE") -> None:
    if not p.disciplines and not j.explain:
        return
    ctx = j.ctx
    level = ctx.v[param]
    if not level:
        return
    floor = ctx.enum(param, m.DisciplineLevel).severity
    hits = [d for d in p.disciplines if d.level.severity >= floor and _in_year(d, ctx)]
    if hits:
        d = hits[0]
        j.check(False, code, param, "elig.discipline", "elig.c.discipline",
                DISCIPLINE_LABELS[d.level.value], f"không bị kỷ luật từ {DISCIPLINE_LABELS[level]}",
                level=DISCIPLINE_LABELS[d.level.value], date=_fmt(d.decision_date), floor=DISCIPLINE_LABELS[level])
    elif ctx.explain:
        if j.explain:
            j.check(True, code, param, "elig.discipline", "elig.c.discipline", "không",
                    f"không bị kỷ luật từ {DISCIPLINE_LABELS[level]}")


def _pending(j: Judge, p: m.Staff) -> None:
    if j.ctx.v["common.pending_discipline_excludes"]:
        if j.explain:
            j.check(not p.pending_discipline, "PENDING_DISCIPLINE", "common.pending_discipline_excludes",
                    "elig.pending", "elig.c.pending", "có" if p.pending_discipline else "không", "không")
        elif p.pending_discipline:
            j.fail("PENDING_DISCIPLINE", "common.pending_discipline_excludes", "elig.pending")


def _conduct(j: Judge, p: m.Staff) -> None:
    """The two conduct criteria most titles share: no discipline from the LĐTT level in the year, and no
    pending disciplinary review (one call; nothing to do for the many people with neither)."""
    if p.disciplines or j.explain:
        _discipline(j, p, "ldtt.discipline_from")
    if p.pending_discipline or j.explain:
        _pending(j, p)


def _rating_at_least(j: Judge, p: m.Staff, param: str, code: str = "RATING") -> None:
    need = j.ctx.enum(param, m.Rating)
    ok = p.rating is not None and p.rating.rank >= need.rank
    if j.explain:
        j.check(ok, code, param, "elig.rating", "elig.c.rating", p.rating.value if p.rating else "chưa xếp loại",
                f"từ {need.value} trở lên", rating=p.rating.value if p.rating else "chưa xếp loại", need=need.value)
    elif not ok:
        j.fail(code, param, "elig.rating", rating=p.rating.value if p.rating else "chưa xếp loại", need=need.value)


def _fmt(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "?"


# ---------------------------------------------------------------- individual titles


_YEAR_MONTHS = Fraction(12)  # months in a school year's reckoning (not a legal value)


def check_ldtt(ctx: Context, p: m.Staff, register: bool = True) -> Judge:
    j = Judge(ctx)
    if register:
        _registered(j, False, p.id, T.LDTT)
    _rating_at_least(j, p, "ldtt.min_rating")
    need = ctx.v["ldtt.min_service_months"]
    if p.recruited_date is not None:
        months = whole_months(p.recruited_date, ctx.consider)
        if j.explain:
            j.check(months >= need, "NEW_HIRE", "ldtt.min_service_months", "elig.new_hire", "elig.c.service",
                    f"{months} tháng (từ {_fmt(p.recruited_date)})", f"≥ {need} tháng", months=months, need=need)
        elif not (months >= need):
            j.fail("NEW_HIRE", "ldtt.min_service_months", "elig.new_hire", months=months, need=need)
    worked_min = ctx.v["ldtt.min_months_worked"]
    if worked_min:
        a = p.absence
        maternity = 0 if ctx.v["ldtt.maternity_counts"] else a.maternity_months
        if a.sick_months or a.unpaid_months or maternity:
            away = a.sick_months + a.unpaid_months + maternity
            worked = _YEAR_MONTHS - away
        else:  # nobody away: skip the Fraction arithmetic (the common case)
            away, worked = Fraction(0), _YEAR_MONTHS
        if j.explain:
            j.check(worked >= worked_min, "TOO_LITTLE_WORK", "ldtt.min_months_worked", "elig.too_little_work",
                    "elig.c.worked", f"{_num(worked)} tháng", f"≥ {worked_min} tháng", away=_num(away),
                    worked=_num(worked), need=worked_min)
        elif not (worked >= worked_min):
            j.fail("TOO_LITTLE_WORK", "ldtt.min_months_worked", "elig.too_little_work", away=_num(away),
                   worked=_num(worked), need=worked_min)
    _conduct(j, p)
    return j


def _num(x: Fraction) -> str:
    return str(int(x)) if x.denominator == 1 else f"{float(x):.1f}".replace(".", ",")


def _inits(ctx: Context, sid: str, years: AbstractSet[str], min_level: str, kind: m.InitiativeKind | None = None) -> list[
        m.Initiative]:
    mine = ctx.initiatives.get(sid)
    if not mine:
        return []
    rank = m.Level(min_level).rank
    return [i for i in mine if i.school_year in years and i.level.rank >= rank
            and (kind is None or i.kind == kind)]


def check_cstdcs(ctx: Context, p: m.Staff, ldtt: Judge) -> Judge:
    j = Judge(ctx)
    _registered(j, False, p.id, T.CSTDCS)
    base = Judge(ctx)
    base.reasons = [r for r in ldtt.reasons if r.code != "NOT_REGISTERED"]
    if ctx.explain:
        base.criteria = [c for c in ldtt.criteria if c.code != "NOT_REGISTERED"]
    j.extend(base)
    inits = _inits(ctx, p.id, ctx.window(1), ctx.v["cstdcs.initiative_level"])
    excellent = p.rating == m.Rating.HTXSNV
    level = LEVEL_LABELS[ctx.v["cstdcs.initiative_level"]]
    if ctx.v["cstdcs.htxsnv_alone"]:
        if j.explain:
            j.check(excellent or bool(inits), "NO_HTXSNV_OR_INITIATIVE", "cstdcs.htxsnv_alone", "elig.cstdcs_2024",
                    "elig.c.cstdcs", f"xếp loại {p.rating.value if p.rating else '?'}, {len(inits)} sáng kiến/đề tài",
                    "HTXSNV hoặc có sáng kiến/đề tài", rating=p.rating.value if p.rating else "chưa xếp loại",
                    level=level)
        elif not (excellent or bool(inits)):
            j.fail("NO_HTXSNV_OR_INITIATIVE", "cstdcs.htxsnv_alone", "elig.cstdcs_2024",
                   rating=p.rating.value if p.rating else "chưa xếp loại", level=level)
    else:
        if j.explain:
            j.check(bool(inits), "NO_INITIATIVE", "cstdcs.htxsnv_alone", "elig.cstdcs_2017", "elig.c.cstdcs",
                    f"{len(inits)} sáng kiến/đề tài", "có sáng kiến/đề tài", level=level, year=ctx.year)
        elif not inits:
            j.fail("NO_INITIATIVE", "cstdcs.htxsnv_alone", "elig.cstdcs_2017", level=level, year=ctx.year)
    return j


def _run(ctx: Context, subject: str, title: T, now: bool, length: int) -> tuple[int, str | None]:
    """Length of the run of ``title`` ending this year (capped at ``length``) and the year that broke it."""
    year = ctx.year
    hist = ctx.history.get(subject)
    if not hist and length > 1:  # no history: the run is this year's outcome alone
        return (1, prev_year(year)) if now else (0, year)
    hist = hist or {}
    run = 0
    for k in range(length):
        has = now if k == 0 else title in hist.get(year, ())
        if not has:
            return run, year
        run += 1
        year = prev_year(year)
    return run, None


def _rating_run(ctx: Context, p: m.Staff, min_rank: int, length: int) -> tuple[int, str | None]:
    year = ctx.year
    hist = ctx.ratings.get(p.id)
    if not hist and length > 1:  # no past ratings: the run is this year's rating alone
        return (1, prev_year(year)) if p.rating is not None and p.rating.rank >= min_rank else (0, year)
    hist = hist or {}
    run = 0
    for k in range(length):
        r = p.rating if k == 0 else hist.get(year)
        if r is None or r.rank < min_rank:
            return run, year
        run += 1
        year = prev_year(year)
    return run, None


def _window(ctx: Context, years: int) -> frozenset[str]:
    return ctx.window(years)


def _run_check(j: Judge, subject: str, title: T, now: bool, need: int, param: str, code: str) -> bool:
    run, broke = _run(j.ctx, subject, title, now, need)
    label = TITLE_LABELS[title]
    if run >= need:
        return j.check(True, code, param, "elig.run", "elig.c.run", f"{run} năm liên tục",
                       f"{need} năm liên tục", title=label) if j.explain else True
    if j.explain:
        return j.check(False, code, param, "elig.run_broken", "elig.c.run", f"{run} năm liên tục",
                       f"{need} năm liên tục", title=label, need=need, run=run, year=broke)
    j.fail(code, param, "elig.run_broken", title=label, need=need, run=run, year=broke)
    return False


def _cstd(ctx: Context, p: m.Staff, title: T, base: T, base_now: bool, run_key: str, code: str, level_key: str,
          window: int | None) -> Judge:
    """CSTĐ cấp tỉnh / toàn quốc: a run of the title below (``base``) ending this year, and an initiative of
    the required scope within ``window`` years (the run's length when None)."""
    j = Judge(ctx)
    _registered(j, False, p.id, title)
    need = ctx.v[run_key]
    _run_check(j, p.id, base, base_now, need, run_key, code)
    lvl = ctx.v[level_key]
    years = need if window is None else window
    inits = _inits(ctx, p.id, _window(ctx, years), lvl)
    if j.explain:
        j.check(bool(inits), "INITIATIVE_SCOPE", level_key, "elig.initiative_scope", "elig.c.scope",
                f"{len(inits)}", f"≥ 1 ({LEVEL_LABELS[lvl]})", level=LEVEL_LABELS[lvl], years=years)
    elif not inits:
        j.fail("INITIATIVE_SCOPE", level_key, "elig.initiative_scope", level=LEVEL_LABELS[lvl], years=years)
    _conduct(j, p)
    return j


def check_cstd_tinh(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    return _cstd(ctx, p, T.CSTD_TINH, T.CSTDCS, cstdcs_now, "cstd_tinh.consecutive_cstdcs", "CONSECUTIVE_CSTDCS",
                 "cstd_tinh.initiative_level", None)


def check_cstd_tq(ctx: Context, p: m.Staff, tinh_now: bool) -> Judge:
    return _cstd(ctx, p, T.CSTD_TQ, T.CSTD_TINH, tinh_now, "cstd_tq.consecutive_cstd_tinh", "CONSECUTIVE_CSTD_TINH",
                 "cstd_tq.initiative_level", ctx.v["cstd_tq.window_years"])


_BK_KEYS = {prefix: (f"{prefix}.consecutive_cstdcs", f"{prefix}.consecutive_htxsnv", f"{prefix}.initiatives",
                     f"{prefix}.same_kind") for prefix in ("bk_tinh", "bk_bo")}


def _bangkhen(ctx: Context, p: m.Staff, cstdcs_now: bool, prefix: str) -> Judge:
    """Bằng khen tỉnh / Bộ trưởng: (k consecutive CSTĐCS or k consecutive HTXSNV) and 2 initiatives/topics."""
    j = Judge(ctx)
    k_cs, k_xs, k_init, k_same = _BK_KEYS[prefix]
    n_cs = ctx.v[k_cs]
    n_xs = ctx.v[k_xs]
    run_cs, broke_cs = _run(ctx, p.id, T.CSTDCS, cstdcs_now, n_cs) if n_cs else (0, None)
    run_xs, broke_xs = _rating_run(ctx, p, _HTXSNV_RANK, n_xs)
    ok_cs = bool(n_cs) and run_cs >= n_cs
    ok_xs = run_xs >= n_xs
    if n_cs:
        if j.explain:
            j.check(ok_cs or ok_xs, "CONSECUTIVE", k_cs, "elig.bk_run", "elig.c.bk_run",
                    f"CSTĐCS {run_cs} năm, HTXSNV {run_xs} năm", f"{n_cs} lần CSTĐCS hoặc {n_xs} năm HTXSNV liên tục",
                    n_cs=n_cs, n_xs=n_xs, run_cs=run_cs, run_xs=run_xs, year=broke_xs or broke_cs)
        elif not (ok_cs or ok_xs):
            j.fail("CONSECUTIVE", k_cs, "elig.bk_run", n_cs=n_cs, n_xs=n_xs, run_cs=run_cs, run_xs=run_xs,
                   year=broke_xs or broke_cs)
    else:
        if j.explain:
            j.check(ok_xs, "CONSECUTIVE", k_xs, "elig.htxsnv_run", "elig.c.bk_run",
                    f"HTXSNV {run_xs} năm", f"{n_xs} năm HTXSNV liên tục", need=n_xs, run=run_xs, year=broke_xs)
        elif not ok_xs:
            j.fail("CONSECUTIVE", k_xs, "elig.htxsnv_run", need=n_xs, run=run_xs, year=broke_xs)
    years = _window(ctx, max(n_cs, n_xs))
    need = ctx.v[k_init]
    if p.id in ctx.initiatives:
        sk = len(_inits(ctx, p.id, years, "CO_SO", m.InitiativeKind.SANG_KIEN))
        dtai = len(_inits(ctx, p.id, years, "CO_SO", m.InitiativeKind.DE_TAI))
    else:
        sk = dtai = 0
    ok = (sk >= need or dtai >= need) if ctx.v[k_same] else sk + dtai >= need
    if j.explain:
        j.check(ok, "INITIATIVES", k_init, "elig.bk_initiatives", "elig.c.initiatives",
                f"{sk} sáng kiến, {dtai} đề tài", f"{need} sáng kiến hoặc {need} đề tài", need=need, sk=sk, dt=dtai,
                same=ctx.msg["elig.same_kind"] if ctx.v[k_same] else "")
    elif not ok:
        j.fail("INITIATIVES", k_init, "elig.bk_initiatives", need=need, sk=sk, dt=dtai,
               same=ctx.msg["elig.same_kind"] if ctx.v[k_same] else "")
    _conduct(j, p)
    return j


def check_bk_ttg(ctx: Context, p: m.Staff, cstdcs_now: bool) -> Judge:
    j = Judge(ctx)
    prior = ctx.prior_awards
    hist = ctx.history.get(p.id, {})
    has_prior = any(not prior.isdisjoint(titles) for titles in hist.values()) if hist else False
    if j.explain:
        j.check(has_prior, "NO_PRIOR_BANG_KHEN", "bk_ttg.prior_awards", "elig.no_prior_bk", "elig.c.prior_bk",
                "có" if has_prior else "không", "đã có bằng khen tỉnh/bộ")
    elif not has_prior:
        j.fail("NO_PRIOR_BANG_KHEN", "bk_ttg.prior_awards", "elig.no_prior_bk")
    years = ctx.v["bk_ttg.years"]
    need = ctx.enum("bk_ttg.min_rating", m.Rating)
    run, broke = _rating_run(ctx, p, need.rank, years)
    if j.explain:
        j.check(run >= years, "RATING_RUN", "bk_ttg.years", "elig.rating_run", "elig.c.rating_run",
                f"{run} năm", f"{years} năm từ {need.value}", need=years, rating=need.value, run=run, year=broke)
    elif not (run >= years):
        j.fail("RATING_RUN", "bk_ttg.years", "elig.rating_run", need=years, rating=need.value, run=run, year=broke)
    window = _window(ctx, years)
    n_cs = ctx.v["bk_ttg.cstdcs_in_period"]
    if n_cs:
        count = (sum(1 for y in window if T.CSTDCS in hist.get(y, ())) if hist else 0) + (1 if cstdcs_now else 0)
        if j.explain:
            j.check(count >= n_cs, "CSTDCS_COUNT", "bk_ttg.cstdcs_in_period", "elig.cstdcs_count",
                    "elig.c.cstdcs_count", f"{count} lần", f"≥ {n_cs} lần", count=count, need=n_cs, years=years)
        elif not (count >= n_cs):
            j.fail("CSTDCS_COUNT", "bk_ttg.cstdcs_in_period", "elig.cstdcs_count", count=count, need=n_cs,
                   years=years)
    n_sk = ctx.v["bk_ttg.initiatives_in_period"]
    if n_sk:
        count = len(_inits(ctx, p.id, window, "CO_SO"))
        if j.explain:
            j.check(count >= n_sk, "INITIATIVES", "bk_ttg.initiatives_in_period", "elig.initiative_count",
                    "elig.c.initiatives", f"{count}", f"≥ {n_sk}", count=count, need=n_sk, years=years)
        elif not (count >= n_sk):
            j.fail("INITIATIVES", "bk_ttg.initiatives_in_period", "elig.initiative_count", count=count, need=n_sk,
                   years=years)
    _conduct(j, p)
    return j


def check_giay_khen(ctx: Context, p: m.Staff) -> Judge:
    j = Judge(ctx)
    _registered(j, False, p.id, T.GIAY_KHEN)
    _rating_at_least(j, p, "giay_khen.min_rating")
    if ctx.v["giay_khen.requires_achievement"]:
        if j.explain:
            j.check(p.outstanding_achievement, "NO_ACHIEVEMENT", "giay_khen.requires_achievement", "elig.no_achievement",
                    "elig.c.achievement", "có" if p.outstanding_achievement else "không", "có")
        elif not (p.outstanding_achievement):
            j.fail("NO_ACHIEVEMENT", "giay_khen.requires_achievement", "elig.no_achievement")
    if ctx.v["giay_khen.no_discipline"]:
        _discipline(j, p, "ldtt.discipline_from")
    _pending(j, p)
    return j


def check_knc(ctx: Context, p: m.Staff) -> Judge:
    j = Judge(ctx)
    hist = ctx.history.get(p.id, {})
    already = any(T.KNC in titles for titles in hist.values())
    if j.explain:
        j.check(not already, "KNC_ALREADY", "knc.service_years", "elig.knc_already", "elig.c.knc_once",
                "đã nhận" if already else "chưa", "chưa nhận")
    elif already:
        j.fail("KNC_ALREADY", "knc.service_years", "elig.knc_already")
    if p.sector_entry_date is None:
        j.check(False, "NO_SECTOR_DATE", "knc.service_years", "elig.no_sector_date", "elig.c.service_years", "?",
                "")
        return j
    required = ctx.v["knc.service_years"]
    reduction = ctx.v["knc.reduction_years"]
    min_there = ctx.v["knc.difficult_min_years"]
    reduced = p.in_difficult_area_now and p.difficult_area_years >= min_there
    if reduced:
        required -= reduction
    # Days under discipline (clipped to the service period) are not counted.
    days_off = 0
    for d in p.disciplines:
        if d.decision_date is None:
            continue
        end = d.end_date or add_months(d.decision_date, ctx.v["knc.discipline_default_months"])
        lo, hi = max(d.decision_date, p.sector_entry_date), min(end, ctx.consider)
        days_off += max(0, (hi - lo).days)
    extra_months = int(p.study_military_years * 12) if p.study_military_years else 0
    start = add_months(p.sector_entry_date, -extra_months) if extra_months else p.sector_entry_date
    if days_off:
        start += dt.timedelta(days=days_off)
    due = add_years(start, required)
    served = (ctx.consider - start).days
    if not (due <= ctx.consider) or j.explain:
        detail = f"{years_text(served)}" + (f" (đã trừ {days_off} ngày kỷ luật)" if days_off else "")
        rule = f"≥ {required} năm" + (f" (giảm {reduction} năm do công tác vùng ĐBKK)" if reduced else "")
        j.check(due <= ctx.consider, "SERVICE_YEARS", "knc.service_years", "elig.knc_years", "elig.c.service_years",
                detail, rule, served=detail, need=required, due=_fmt(due))
    if j.explain and p.in_difficult_area_now:
        # Whether the especially-difficult-area reduction applies is shown in the explanation; it is not a
        # condition of its own (SERVICE_YEARS already asks for the reduced years only when it applies).
        j.record(reduced, "DIFFICULT_AREA", "knc.difficult_min_years", "elig.c.difficult",
                 f"{_num(p.difficult_area_years)} năm", f"≥ {min_there} năm", years=_num(p.difficult_area_years),
                 need=min_there)
    wait = ctx.v["knc.discipline_wait_years"]
    if wait:
        for d in p.disciplines:
            end = d.end_date or (add_months(d.decision_date, ctx.v["knc.discipline_default_months"])
                                 if d.decision_date else None)
            if end is not None and d.level != m.DisciplineLevel.BUOC_THOI_VIEC and add_years(end, wait) > ctx.consider:
                j.check(False, "DISCIPLINE_WAIT", "knc.discipline_wait_years", "elig.knc_wait",
                        "elig.c.discipline_wait", _fmt(end), f"{wait} năm sau khi hết kỷ luật", end=_fmt(end),
                        wait=wait, date=_fmt(add_years(end, wait)))
                break
    _pending(j, p)
    return j


# ---------------------------------------------------------------- teams


def check_team(ctx: Context, team: m.Team, members: list[m.Staff], ldtt_ok: dict[str, bool],
               cstdcs_ok: dict[str, bool]) -> tuple[Judge, Judge, dict[str, object]]:
    n = len(members)
    n_ldtt = sum(1 for p in members if ldtt_ok.get(p.id))
    share = Fraction(n_ldtt, n) if n else Fraction(0)
    facts: dict[str, object] = {"members": n, "ldtt": n_ldtt, "share": share}
    out = []
    for title, prefix in ((T.TTLDTT, "team.ttldtt"), (T.TTLDXS, "team.ttldxs")):
        j = Judge(ctx)
        _registered(j, True, team.name, title)
        need = ctx.v[f"{prefix}.ldtt_share"]
        comp = ctx.v[f"{prefix}.comparator"]
        ok = n > 0 and (share >= need if comp == ">=" else share > need)
        pct = f"{float(share * 100):.2f}".replace(".", ",")
        if j.explain:
            j.check(ok, "LDTT_SHARE", f"{prefix}.ldtt_share", "elig.team_share", "elig.c.team_share",
                    f"{n_ldtt}/{n} = {pct}%", f"{'≥' if comp == '>=' else '>'} {_num(need * 100)}%", n_ldtt=n_ldtt, n=n,
                    pct=pct, comp="từ" if comp == ">=" else "trên", need=_num(need * 100))
        elif not ok:
            j.fail("LDTT_SHARE", f"{prefix}.ldtt_share", "elig.team_share", n_ldtt=n_ldtt, n=n, pct=pct,
                   comp="từ" if comp == ">=" else "trên", need=_num(need * 100))
        floor = ctx.v[f"{prefix}.discipline_from"]
        if floor:
            sev = m.DisciplineLevel(floor).severity
            bad = [p for p in members if any(d.level.severity >= sev and _in_year(d, ctx) for d in p.disciplines)]
            if j.explain:
                j.check(not bad, "MEMBER_DISCIPLINE", f"{prefix}.discipline_from", "elig.team_discipline",
                        "elig.c.team_discipline", ", ".join(p.full_name for p in bad) or "không",
                        f"không ai bị kỷ luật từ {DISCIPLINE_LABELS[floor]}",
                        names=", ".join(p.full_name for p in bad), floor=DISCIPLINE_LABELS[floor])
            elif bad:
                j.fail("MEMBER_DISCIPLINE", f"{prefix}.discipline_from", "elig.team_discipline",
                       names=", ".join(p.full_name for p in bad), floor=DISCIPLINE_LABELS[floor])
        if title == T.TTLDXS:
            need_r = m.Rating(ctx.v["team.ttldxs.min_member_rating"])
            short = [p for p in members if p.rating is None or p.rating.rank < need_r.rank]
            if j.explain:
                j.check(not short, "MEMBER_NOT_COMPLETE", "team.ttldxs.min_member_rating", "elig.team_complete",
                        "elig.c.team_complete", f"{n - len(short)}/{n}", "100%",
                        names=", ".join(p.full_name for p in short))
            elif short:
                j.fail("MEMBER_NOT_COMPLETE", "team.ttldxs.min_member_rating", "elig.team_complete",
                       names=", ".join(p.full_name for p in short))
            if ctx.v["team.ttldxs.needs_cstdcs"]:
                has = any(cstdcs_ok.get(p.id) for p in members)
                if j.explain:
                    j.check(has, "NO_CSTDCS_MEMBER", "team.ttldxs.needs_cstdcs", "elig.team_no_cstdcs",
                            "elig.c.team_cstdcs", "có" if has else "không", "có ít nhất 1")
                elif not has:
                    j.fail("NO_CSTDCS_MEMBER", "team.ttldxs.needs_cstdcs", "elig.team_no_cstdcs")
            tr = m.Rating(ctx.v["team.ttldxs.team_rating"])
            ok_r = team.rating is not None and team.rating.rank >= tr.rank
            if j.explain:
                j.check(ok_r, "TEAM_RATING", "team.ttldxs.team_rating", "elig.team_rating", "elig.c.team_rating",
                        team.rating.value if team.rating else "chưa xếp loại", tr.value,
                        rating=team.rating.value if team.rating else "chưa xếp loại", need=tr.value)
            elif not ok_r:
                j.fail("TEAM_RATING", "team.ttldxs.team_rating", "elig.team_rating",
                       rating=team.rating.value if team.rating else "chưa xếp loại", need=tr.value)
        out.append(j)
    return out[0], out[1], facts


# ---------------------------------------------------------------- the whole school


def _verdict(subject: str, name: str, title: T, j: Judge, team: str = "", is_team: bool = False,
             facts: dict[str, object] | None = None) -> m.Verdict:
    return m.Verdict(subject, name, title, not j.reasons, j.reasons, j.criteria, facts or {}, is_team, team)


def check_school(data: m.SchoolData, rules: RuleSet, explain: bool = False,
                 only: set[str] | None = None, titles: set[T] | None = None,
                 processes: int | None = None) -> m.CheckResult:
    """Verdicts for every person (all individual titles) then every team (team titles).

    ``only`` restricts the people checked to these staff IDs (teams still use every member);
    ``titles`` restricts the verdicts to these titles (the ones they depend on are still evaluated).
    ``processes``: None chooses (two on Linux for a full check of at least ``PARALLEL_MIN_STAFF``
    people when no other thread runs; ``THIDUA_PROCESSES=1`` forbids it), 1 forces one, 2 asks for two
    where forking is safe. The verdicts are the same, in the same order, whichever is used.
    """
    with paused_gc():  # bulk creation of small objects that form no cycles
        return _check_school(data, rules, explain, only, titles, processes)


_HTXSNV_RANK = m.Rating.HTXSNV.rank
_NO_FACTS: Mapping[str, object] = MappingProxyType({})  # person verdicts carry no facts: one read-only map

_NEEDS_CSTDCS = frozenset({T.CSTDCS, T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG, T.TTLDTT, T.TTLDXS})


def _check_school(data: m.SchoolData, rules: RuleSet, explain: bool, only: set[str] | None,
                  titles: set[T] | None = None, processes: int | None = None) -> m.CheckResult:
    global last_processes
    ctx = Context.build(data, rules, explain)
    want = set(T) if titles is None else set(titles)
    staff = data.staff
    split = processes if processes is not None else _auto_processes(len(staff))
    if split > 1 and not explain and only is None and titles is None and _can_fork():
        half = len(staff) // 2
        verdicts, ldtt_ok, cstdcs_ok = _people_in_two(ctx, staff, half, want)
        last_processes = 2
    else:
        verdicts, ldtt_ok, cstdcs_ok = _people(ctx, staff, want, only)
        last_processes = 1
    if want & {T.TTLDTT, T.TTLDXS}:
        members: dict[str, list[m.Staff]] = defaultdict(list)
        for p in staff:
            members[p.team].append(p)
        for team in data.teams:
            a, b, facts = check_team(ctx, team, members.get(team.name, []), ldtt_ok, cstdcs_ok)
            if T.TTLDTT in want:
                verdicts.append(_verdict(team.name, team.name, T.TTLDTT, a, team.name, True, facts))
            if T.TTLDXS in want:
                verdicts.append(_verdict(team.name, team.name, T.TTLDXS, b, team.name, True, facts))
    return m.CheckResult(data.info.school_year, rules.regime, verdicts, rules)


def _people(ctx: Context, staff: list[m.Staff], want: set[T], only: set[str] | None, build: bool = True
            ) -> tuple[list[Any], dict[str, bool], dict[str, bool]]:
    """The person verdicts of ``staff`` (in order), and who passes LĐTT and CSTĐCS (for the teams).
    With ``build=False`` only each verdict's reason list (the forked child sends just those)."""
    verdicts: list[Any] = []
    ldtt_ok: dict[str, bool] = {}
    cstdcs_ok: dict[str, bool] = {}
    need_cs = bool(want & _NEEDS_CSTDCS)
    need_tinh = bool(want & {T.CSTD_TINH, T.CSTD_TQ})
    people = want - {T.TTLDTT, T.TTLDXS}
    w_ldtt, w_cs, w_tinh, w_tq = T.LDTT in people, T.CSTDCS in people, T.CSTD_TINH in people, T.CSTD_TQ in people
    w_bk_tinh, w_bk_bo, w_bk_ttg = T.BK_TINH in people, T.BK_BO in people, T.BK_TTG in people
    w_gk, w_knc = T.GIAY_KHEN in people, T.KNC in people
    for p in staff:
        ldtt = check_ldtt(ctx, p)
        cs = check_cstdcs(ctx, p, ldtt) if need_cs else None
        ldtt_ok[p.id] = not ldtt.reasons
        cstdcs_ok[p.id] = cs is not None and not cs.reasons
        if (only is not None and p.id not in only) or not people:
            continue
        cs_ok = cstdcs_ok[p.id]
        tinh = check_cstd_tinh(ctx, p, cs_ok) if need_tinh else None
        got: list[tuple[T, Judge]] = []
        if w_ldtt:
            got.append((T.LDTT, ldtt))
        if cs is not None and w_cs:
            got.append((T.CSTDCS, cs))
        if tinh is not None:
            if w_tinh:
                got.append((T.CSTD_TINH, tinh))
            if w_tq:
                got.append((T.CSTD_TQ, check_cstd_tq(ctx, p, not tinh.reasons)))
        if w_bk_tinh:
            got.append((T.BK_TINH, _bangkhen(ctx, p, cs_ok, "bk_tinh")))
        if w_bk_bo:
            got.append((T.BK_BO, _bangkhen(ctx, p, cs_ok, "bk_bo")))
        if w_bk_ttg:
            got.append((T.BK_TTG, check_bk_ttg(ctx, p, cs_ok)))
        if w_gk:
            got.append((T.GIAY_KHEN, check_giay_khen(ctx, p)))
        if w_knc:
            got.append((T.KNC, check_knc(ctx, p)))
        if not build:
            verdicts.extend(j.reasons for _, j in got)
            continue
        sid, name, team = p.id, p.full_name, p.team
        for title, j in got:
            verdicts.append(m.Verdict(sid, name, title, not j.reasons, j.reasons, j.criteria, _NO_FACTS, False, team))
    return verdicts, ldtt_ok, cstdcs_ok


# ---------------------------------------------------------------- two processes for very large workbooks

# Below this many staff a second process costs more than it saves (a performance setting, not law).
PARALLEL_MIN_STAFF = 20_000
last_processes = 1  # how many processes the last check_school used (diagnostics and tests)
# A full check emits these person titles, in this order, for every person (as _people appends them).
_PERSON_ORDER = (T.LDTT, T.CSTDCS, T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG, T.GIAY_KHEN, T.KNC)


def _auto_processes(n_staff: int) -> int:
    if n_staff < PARALLEL_MIN_STAFF or os.environ.get("THIDUA_PROCESSES") == "1":
        return 1
    return 2 if (os.cpu_count() or 1) > 1 else 1


def _can_fork() -> bool:
    """Forking is safe only on Linux with no other thread running (Jupyter kernels and Excel's UDF
    server have threads: they always check in one process)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def _people_in_two(ctx: Context, staff: list[m.Staff], half: int, want: set[T]
                   ) -> tuple[list[m.Verdict], dict[str, bool], dict[str, bool]]:
    """Check ``staff[half:]`` in a forked child while this process checks ``staff[:half]``; the child
    sends its verdicts back compactly (reason table + indexes). If the child fails for any reason, this
    process checks the second half itself: the result is the same either way."""
    import pickle

    second = staff[half:]
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: compute, send, leave without running the parent's cleanup
        status = 1
        try:
            os.close(r)
            reasons, _, _ = _people(ctx, second, want, None, build=False)
            payload = pickle.dumps(_pack(reasons), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as fh:
                fh.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    try:
        verdicts, ldtt_ok, cstdcs_ok = _people(ctx, staff[:half], want, None)
    finally:
        with os.fdopen(r, "rb") as fh:
            payload = fh.read()
        _, status = os.waitpid(pid, 0)
    more = _unpack(pickle.loads(payload), second) if status == 0 and payload else None
    if more is not None:
        for v in more:
            if v.title is T.LDTT:
                ldtt_ok[v.subject] = v.eligible
            elif v.title is T.CSTDCS:
                cstdcs_ok[v.subject] = v.eligible
    else:
        more, l2, c2 = _people(ctx, second, want, None)
        ldtt_ok.update(l2)
        cstdcs_ok.update(c2)
    verdicts.extend(more)
    return verdicts, ldtt_ok, cstdcs_ok


def _pack(reason_lists: list[list[m.Reason]]) -> tuple[list[tuple[str, ...]], list[tuple[int, ...]]]:
    """(distinct reasons as field tuples, each verdict's reasons as indexes into them)."""
    reason_ids: dict[int, int] = {}
    table: list[tuple[str, ...]] = []
    rows: list[tuple[int, ...]] = []
    for reasons in reason_lists:
        ids = []
        for r in reasons:
            k = reason_ids.get(id(r))
            if k is None:
                k = reason_ids[id(r)] = len(table)
                table.append((r.code, r.message, r.citation, r.tag, r.param))
            ids.append(k)
        rows.append(tuple(ids))
    return table, rows


def _unpack(packed: tuple[list[tuple[str, ...]], list[tuple[int, ...]]], staff: list[m.Staff]
            ) -> list[m.Verdict] | None:
    """The child's verdicts rebuilt (None when they do not fit ``staff``, so the caller recomputes)."""
    table, rows = packed
    n = len(_PERSON_ORDER)
    if len(rows) != n * len(staff):
        return None
    reasons = [m.Reason(*fields) for fields in table]
    out = []
    V = m.Verdict
    for k, p in enumerate(staff):
        sid, name, team = p.id, p.full_name, p.team
        for title, ids in zip(_PERSON_ORDER, rows[k * n:(k + 1) * n]):
            out.append(V(sid, name, title, not ids, [reasons[i] for i in ids], (), _NO_FACTS, False, team))
    return out


def explain(data: m.SchoolData, rules: RuleSet, subject: str, title: T) -> m.Verdict | None:
    """One (subject, title) with every criterion recorded."""
    res = check_school(data, rules, explain=True, only={subject})
    return res.get(subject, title)
