"""What a check computes once per run: rule values, citations, labels, the indexes over the workbook,
and the reasons shared by every verdict that fails the same way."""

from __future__ import annotations

import datetime as dt
import string
from collections import defaultdict
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.dates import prev_year
from thidua_xl.core.rules import RuleSet
from thidua_xl.errors import InputError
from thidua_xl.messages import catalogue, t
from thidua_xl.messages.eligibility import NOTATION
from thidua_xl.vocabulary import label, title_label

T = m.Title
NO_FACTS: Mapping[str, object] = MappingProxyType({})  # person verdicts carry no facts: one read-only map

# The sentence of a failed criterion: its template, and the facts it uses (the key of a shared reason).
ReasonSpec = tuple[str, Callable[[Mapping[str, Any]], Any]]


def _no_facts(_: Mapping[str, Any]) -> tuple[()]:
    return ()


def reason_spec(template: str) -> ReasonSpec:
    """``template`` and a getter of the facts it names (so a reason is shared whatever else was passed)."""
    names = sorted({f.split(".")[0].split("[")[0] for _, f, _, _ in string.Formatter().parse(template) if f})
    return template, (itemgetter(*names) if names else _no_facts)


def message_key(code: str) -> str:
    """The catalogue key of a criterion when the call names none: ``NEW_HIRE`` → ``elig.new_hire``."""
    return "elig." + code.lower()


# The rule values that name a code, by the last part of their key (the same for every title and regime): what a
# school's own rule must hold there (an empty discipline level: none counts).
_CODE_RULES: dict[str, type] = {"min_rating": m.Rating, "discipline_from": m.DisciplineLevel,
                                "initiative_level": m.Level}


@dataclass
class Context:
    """Everything computed once per run: rule values, citations, labels, indexes."""

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
    achievements: dict[str, list[m.Achievement]] = field(default_factory=dict)  # trang "Thành tích", by staff ID
    msg: dict[str, str] = field(default_factory=dict)  # the message catalogue (and the eligibility NOTATION)
    required: frozenset[T] = frozenset()  # titles that need a start-of-year registration
    prior_awards: frozenset[T] = frozenset()  # Bằng khen Thủ tướng: awards that count as the earlier one
    # labels used inside sentences
    title_text: dict[T, str] = field(default_factory=dict)
    level_text: dict[str, str] = field(default_factory=dict)  # "cơ sở", "cấp tỉnh/bộ", ...
    discipline_text: dict[str, str] = field(default_factory=dict)  # "khiển trách", ... (mid-sentence)
    rating_text: dict[m.Rating | None, str] = field(default_factory=dict)  # None → "chưa xếp loại"
    rating_code: dict[m.Rating | None, str] = field(default_factory=dict)  # None → "?"
    _enums: dict[tuple[str, type], Any] = field(default_factory=dict)
    _windows: dict[int, frozenset[str]] = field(default_factory=dict)
    memo: dict[Any, Any] = field(default_factory=dict)  # what a title's check computes once per run
    judged: dict[Any, Any] = field(default_factory=dict)  # criteria.judged: the judge of each distinct facts
    _specs: dict[str, ReasonSpec] = field(default_factory=dict)
    _shared: dict[tuple[Any, ...], m.Reason] = field(default_factory=dict)  # by the facts in the sentence

    def enum(self, param: str, cls: type) -> Any:
        """The rule value ``param`` as a member of ``cls`` (Rating, DisciplineLevel, Level), converted once."""
        key = (param, cls)
        e = self._enums.get(key)
        if e is None:
            try:
                e = self._enums[key] = cls(self.v[param])
            except ValueError:
                raise self.bad_code(param, [x.value for x in cls]) from None
        return e

    def bad_code(self, param: str, codes: list[str]) -> InputError:
        """A rule value that is not one of ``codes`` (a school's own rule typed wrong): where it was written
        (the override's sheet and row), what it holds, what is accepted."""
        p = self.rules.params.get(param)
        ov = p.override if p is not None else None
        where = (t("elig.rule_where_sheet", sheet=ov.sheet, row=ov.row) if ov is not None and ov.sheet and ov.row
                 else t("elig.rule_where_set", regime=self.rules.regime))
        return InputError(t("elig.bad_rule_code", where=where, value=self.v[param], param=param, codes=", ".join(codes)))

    def window(self, years: int) -> frozenset[str]:
        """The school year considered and the ``years - 1`` before it."""
        w = self._windows.get(years)
        if w is None:
            w = self._windows[years] = frozenset(prev_year(self.year, k) for k in range(years))
        return w

    def reason(self, code: str, param: str, key: str | None, facts: Mapping[str, Any]) -> m.Reason:
        """The failed criterion ``code``, its sentence ``key`` (default :func:`message_key`) filled with
        ``facts``; equal reasons (same code, rule and facts in the sentence) are one shared object (what
        :meth:`Judge.require` looks up first, by the same key)."""
        spec = self._specs.get(key or code)
        if spec is None:
            spec = self._specs[key or code] = reason_spec(self.msg[key or message_key(code)])
        tpl, used = spec
        shared = (code, param, key, used(facts))
        r = self._shared.get(shared)
        if r is None:
            r = self._shared[shared] = m.Reason(code, tpl.format(**facts) if facts else tpl, self.cite.get(param, ""),
                                                self.tag.get(param, ""), param)
        return r

    # ------------------------------------------------------------ facts from the history sheets

    def initiatives_in(self, sid: str, years: AbstractSet[str], min_level: str,
                       kind: m.InitiativeKind | None = None) -> list[m.Initiative]:
        """``sid``'s initiatives/topics of ``years`` recognised at ``min_level`` or above (of ``kind``)."""
        mine = self.initiatives.get(sid)
        if not mine:
            return []
        rank = m.Level(min_level).rank
        return [i for i in mine if i.school_year in years and i.level.rank >= rank
                and (kind is None or i.kind == kind)]

    def run(self, subject: str, title: T, now: bool, length: int) -> tuple[int, str | None]:
        """Length of the run of ``title`` ending this year (``now``: this year's outcome; capped at
        ``length``) and the school year that broke it."""
        year = self.year
        hist = self.history.get(subject)
        if not hist and length > 1:  # no history: the run is this year's outcome alone
            return (1, prev_year(year)) if now else (0, year)
        hist = hist or {}
        run = 0
        for k in range(length):
            if not (now if k == 0 else title in hist.get(year, ())):
                return run, year
            run += 1
            year = prev_year(year)
        return run, None

    def rating_run(self, p: m.Staff, min_rank: int, length: int) -> tuple[int, str | None]:
        """Length of the run of ratings of at least ``min_rank`` ending this year, and the year that broke
        it (as :meth:`run`, over the ratings instead of the titles: kept apart, it runs for every person)."""
        year = self.year
        hist = self.ratings.get(p.id)
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

    # ------------------------------------------------------------ construction

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
        for key, value in v.items():  # a rule value that names a code, checked before any person is
            kind = _CODE_RULES.get(key.rsplit(".", 1)[-1])
            if kind is not None and value != "":
                ctx.enum(key, kind)
        msg = ctx.msg = {**catalogue(), **NOTATION}
        ctx.required = frozenset(tt for tt in T if tt.value in v["registration.required"])
        ctx.prior_awards = frozenset(tt for tt in T if tt.value in v["bk_ttg.prior_awards"])
        ctx.title_text = {tt: title_label(tt) for tt in T}
        ctx.level_text = {lv.value: msg[f"elig.level.{lv.value}"] for lv in m.Level}
        ctx.discipline_text = {d.value: label("discipline", d).lower() for d in m.DisciplineLevel}
        ctx.rating_text = {None: msg["elig.unrated"], **{r: r.value for r in m.Rating}}
        ctx.rating_code = {None: msg["elig.unknown"], **{r: r.value for r in m.Rating}}
        for k, p in rules.params.items():
            ctx.cite[k] = p.citation_text
            ctx.tag[k] = p.tag_text
            if p.override is not None:
                ctx.ov[k] = t("elig.overridden", level=p.override.level, citation=p.override.citation,
                              original=p.override.original_value)
        ctx.registered = set(map(attrgetter("is_team", "subject", "title"), data.registrations))
        hist: dict[str, dict[str, set[T]]] = defaultdict(lambda: defaultdict(set))
        ratings: dict[str, dict[str, m.Rating]] = defaultdict(dict)
        for subject, year_of, title, rating in map(attrgetter("subject", "school_year", "title", "rating"),
                                                   data.history):
            if title is not None:
                hist[subject][year_of].add(title)
            if rating is not None:
                ratings[subject][year_of] = rating
        ctx.history, ctx.ratings = hist, ratings
        inits: dict[str, list[m.Initiative]] = defaultdict(list)
        for i in data.initiatives:
            inits[i.staff_id].append(i)
        ctx.initiatives = inits
        achievements: dict[str, list[m.Achievement]] = defaultdict(list)
        for a in data.achievements:
            achievements[a.staff_id].append(a)
        ctx.achievements = achievements
        return ctx
