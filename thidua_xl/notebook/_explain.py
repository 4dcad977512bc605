"""Explain one case: every criterion of one (person or team, title), with fact, rule, citation, tag, override."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from thidua_xl.core.model import CheckResult, Criterion, Reason, SchoolData, Title, Verdict
from thidua_xl.messages import t
from thidua_xl.notebook._common import mark, title_label, value_text
from thidua_xl.text import fold, strip_diacritics


@dataclass(slots=True)
class Explanation:
    """Why one person (or team) is or is not eligible for one title, criterion by criterion."""

    subject: str
    name: str
    title: Title
    eligible: bool
    criteria: list[Criterion] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    school_year: str = ""
    regime: str = ""
    is_team: bool = False
    team: str = ""
    complete: bool = True  # False: built from a CheckResult without explanations (failed criteria only)
    overrides: list[str] = field(default_factory=list)  # overrides of the rule set touching these criteria
    facts: dict[str, object] = field(default_factory=dict)

    @property
    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.passed]

    @property
    def passed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.passed]

    def headline(self) -> str:
        verdict = t("nb.eligible") if self.eligible else t("nb.not_eligible")
        who = self.name if self.name == self.subject or not self.subject else f"{self.name} ({self.subject})"
        return f"{who} — {title_label(self.title)}: {verdict}"

    def lines(self) -> list[str]:
        """The explanation as plain lines (what ``print(explanation)`` shows)."""
        out = [self.headline()]
        if self.school_year or self.regime:
            out.append(t("nb.explain.context", year=self.school_year or "—", regime=self.regime or "—"))
        if not self.complete:
            out.append(t("nb.explain.partial"))
        if not self.criteria:
            out.append(t("nb.explain.no_criteria"))
        for c in self.criteria:
            key = "nb.explain.criterion" if c.fact or c.rule else "nb.explain.reason"
            out.append(t(key, mark=mark(c.passed), label=c.label, fact=c.fact or "—", rule=c.rule or "—",
                         citation=c.citation or "—", tag=c.tag or "—"))
            if c.overridden:
                out.append(f"   ↳ {c.overridden}")
        if self.overrides:
            out.append(t("nb.explain.overrides_head"))
            out.extend(f"  - {o}" for o in self.overrides)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        from thidua_xl.notebook import html

        return html.explanation_html(self)

    def to_dataframe(self) -> Any:
        """One row per criterion (pandas DataFrame)."""
        from thidua_xl.notebook import frames

        return frames.explanation_frame(self)

    @classmethod
    def from_verdict(cls, verdict: Verdict, school_year: str = "", regime: str = "", rules: Any = None) -> Explanation:
        """An explanation of a verdict as it is. Without recorded criteria the failed reasons stand in."""
        criteria = list(verdict.criteria)
        complete = bool(criteria)
        if not criteria:
            criteria = [Criterion(r.code, r.message, False, "", "", r.citation, r.tag, r.param,
                                  _override_note(rules, r.param)) for r in verdict.reasons]
            complete = False
        return cls(
            subject=verdict.subject, name=verdict.name, title=verdict.title, eligible=verdict.eligible,
            criteria=criteria, reasons=list(verdict.reasons), school_year=school_year, regime=regime,
            is_team=verdict.is_team, team=verdict.team, complete=complete,
            overrides=_overrides_used(rules, criteria), facts=dict(verdict.facts),
        )


def _override_note(rules: Any, param: str) -> str:
    p = getattr(rules, "params", {}).get(param) if param else None
    if p is None or p.override is None:
        return ""
    return t("elig.overridden", level=p.override.level, citation=p.override.citation,
             original=value_text(p.override.original_value))


def _overrides_used(rules: Any, criteria: list[Criterion]) -> list[str]:
    """"label: original → new (cấp trường, citation; trang …, dòng …)" for each overridden parameter used."""
    params = getattr(rules, "params", None) or {}
    out: list[str] = []
    seen: set[str] = set()
    for c in criteria:
        p = params.get(c.param) if c.param else None
        if p is None or p.override is None or c.param in seen:
            continue
        seen.add(c.param)
        ov = p.override
        where = f"; trang '{ov.sheet}', dòng {ov.row}" if ov.sheet else ""
        out.append(f"{p.label or p.key} ({p.key}): {value_text(ov.original_value)} → {value_text(p.value)} — "
                   f"điều chỉnh cấp {ov.level} theo {ov.citation}; gốc: {p.cite}{where}")
    return out


# ---------------------------------------------------------------- lookups


def resolve_title(title: Title | str) -> Title:
    """A title from its code ("CSTDCS", "cstđcs") or its Vietnamese name ("Chiến sĩ thi đua cơ sở")."""
    if isinstance(title, Title):
        return title
    raw = str(title).strip()
    code = strip_diacritics(raw).upper().replace(" ", "_")
    try:
        return Title(code)
    except ValueError:
        pass
    for tt in Title:
        if fold(title_label(tt)) == fold(raw):
            return tt
    from thidua_xl.errors import InputError

    raise InputError(t("nb.explain.unknown_title", title=raw, titles=", ".join(x.value for x in Title)))


def _resolve_subject(subject: str, people: list[tuple[str, str]], teams: list[str]) -> tuple[str, bool]:
    """(key, is_team) for a staff ID, a full name or a team name."""
    from thidua_xl.errors import InputError

    raw = str(subject).strip()
    ids = {sid for sid, _ in people}
    if raw in ids:
        return raw, False
    if raw in teams:
        return raw, True
    key = fold(raw)
    by_id = [sid for sid in ids if fold(sid) == key]
    if len(by_id) == 1:
        return by_id[0], False
    by_name = sorted({sid for sid, name in people if fold(name) == key})
    if len(by_name) == 1:
        return by_name[0], False
    if len(by_name) > 1:
        raise InputError(t("nb.explain.ambiguous_subject", subject=raw, ids=", ".join(by_name)))
    by_team = [name for name in teams if fold(name) == key]
    if by_team:
        return by_team[0], True
    example = sorted(ids)[0] if ids else "GV001"
    raise InputError(t("nb.explain.unknown_subject", subject=raw, example=example))


def _check_kind(subject: str, is_team: bool, title: Title) -> None:
    from thidua_xl.errors import InputError

    if is_team and not title.is_team:
        raise InputError(t("nb.explain.team_title", subject=subject, title=title_label(title)))
    if not is_team and title.is_team:
        raise InputError(t("nb.explain.person_title", subject=subject, title=title_label(title)))


# ---------------------------------------------------------------- the operation


def explain(source_or_result: Any, subject: str, title: Title | str, school_year: str | None = None,
            regime: str | None = None) -> Explanation:
    """Every criterion for one person (staff ID or full name) or one team and one title.

    ``source_or_result`` is what :func:`thidua_xl.check` accepts (a path, a :class:`SchoolData`, an Excel
    book) — then every criterion is evaluated and shown, passed or not — or an existing
    :class:`CheckResult` / :class:`Verdict` (then only what the result recorded: its failed reasons).

    >>> e = thidua_xl.explain("workbooks/demo_thcs.xlsx", "GV005", "CSTDCS")   # doctest: +SKIP
    >>> print(e)                                                                # doctest: +SKIP
    """
    wanted = resolve_title(title)
    if isinstance(source_or_result, Verdict):
        return Explanation.from_verdict(source_or_result)
    if isinstance(source_or_result, CheckResult):
        res = source_or_result
        people = [(v.subject, v.name) for v in res.people]
        teams = sorted({v.subject for v in res.teams})
        key, is_team = _resolve_subject(subject, people, teams)
        _check_kind(key, is_team, wanted)
        verdict = res.get(key, wanted)
        if verdict is None:
            from thidua_xl.errors import InputError

            raise InputError(t("nb.explain.no_verdict", subject=key, title=title_label(wanted)))
        return Explanation.from_verdict(verdict, res.school_year, res.regime, res.rules)

    from thidua_xl import api
    from thidua_xl.core import eligibility

    data = api.read(source_or_result)
    api._require_clean(data)
    if school_year:
        data = _with_school_year(data, school_year)
    rules = api.ruleset(data, school_year, regime)
    key, is_team = _resolve_subject(subject, [(s.id, s.full_name) for s in data.staff],
                                    [tm.name for tm in data.teams])
    _check_kind(key, is_team, wanted)
    verdict = eligibility.explain(data, rules, key, wanted)
    if verdict is None:
        raise api.InputError(t("nb.explain.no_verdict", subject=key, title=title_label(wanted)))
    return Explanation.from_verdict(verdict, data.info.school_year, rules.regime, rules)


def _with_school_year(data: SchoolData, school_year: str) -> SchoolData:
    """A shallow copy of ``data`` considered in another school year (the caller's data is not changed)."""
    return dataclasses.replace(data, info=dataclasses.replace(data.info, school_year=school_year))
