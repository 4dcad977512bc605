"""Explain one case: every criterion of one (person or team, title), with fact, rule, citation, tag, override.

Pure data with a plain-text face (:meth:`Explanation.lines`, ``str()``); :func:`thidua_xl.api.explain` computes
it, the notebook package shows it as HTML or a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua_xl.core.model import CheckResult, Criterion, Reason, Title, Verdict
from thidua_xl.core.subjects import resolve_subject
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.text import fold, strip_diacritics
from thidua_xl.views.values import mark, value_text
from thidua_xl.vocabulary import title_label


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
    raise InputError(t("nb.explain.unknown_title", title=raw, titles=", ".join(x.value for x in Title)))


def check_kind(subject: str, is_team: bool, title: Title) -> None:
    """A team title asked for a person (or a person's title for a team) is an input error."""
    if is_team and not title.is_team:
        raise InputError(t("nb.explain.team_title", subject=subject, title=title_label(title)))
    if not is_team and title.is_team:
        raise InputError(t("nb.explain.person_title", subject=subject, title=title_label(title)))


def explain_result(result: CheckResult | Verdict, subject: str, title: Title | str) -> Explanation:
    """The explanation of a verdict already computed: a :class:`Verdict` as it is, or the verdict of
    ``subject`` (staff ID, full name or team) for ``title`` in a :class:`CheckResult` (only what the result
    recorded: its failed reasons, unless it was computed with explanations)."""
    wanted = resolve_title(title)
    if isinstance(result, Verdict):
        return Explanation.from_verdict(result)
    people = [(v.subject, v.name) for v in result.people]
    teams = sorted({v.subject for v in result.teams})
    key, is_team = resolve_subject(subject, people, teams)
    check_kind(key, is_team, wanted)
    verdict = result.get(key, wanted)
    if verdict is None:
        raise InputError(t("nb.explain.no_verdict", subject=key, title=title_label(wanted)))
    return Explanation.from_verdict(verdict, result.school_year, result.regime, result.rules)
