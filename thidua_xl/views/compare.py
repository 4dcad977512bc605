"""Compare regimes: the same workbook under two regimes; who changes verdict, and why.

Pure data with a plain-text face (:meth:`RegimeComparison.lines`, ``str()``); :func:`thidua_xl.api.compare_regimes`
computes it, the notebook package shows it as HTML or a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from thidua_xl.core.model import CheckResult, Reason, Title, Verdict
from thidua_xl.messages import t
from thidua_xl.views.values import value_text
from thidua_xl.vocabulary import title_label


@dataclass(slots=True)
class RegimeChange:
    """One (subject, title) whose verdict or reasons differ between regime A and regime B."""

    subject: str
    name: str
    title: Title
    eligible_a: bool | None  # None: not checked under A
    eligible_b: bool | None
    added: list[Reason] = field(default_factory=list)  # reasons under B that A did not give (by code)
    removed: list[Reason] = field(default_factory=list)  # reasons under A that B no longer gives
    is_team: bool = False
    team: str = ""

    @property
    def flipped(self) -> bool:
        """The verdict itself changed (eligible ↔ not eligible)."""
        return self.eligible_a != self.eligible_b

    @property
    def direction(self) -> str:
        """"được thêm" (becomes eligible under B), "bị mất" (loses it) or "không đổi"."""
        if not self.flipped:
            return t("nb.compare.same")
        return t("nb.compare.gain") if self.eligible_b else t("nb.compare.loss")


@dataclass(slots=True)
class ParamChange:
    """A rule-set parameter whose value differs between the two regimes."""

    key: str
    label: str
    value_a: Any
    value_b: Any
    citation_a: str
    citation_b: str


@dataclass(slots=True)
class RegimeComparison:
    regime_a: str
    regime_b: str
    school_year: str
    result_a: CheckResult
    result_b: CheckResult
    changes: list[RegimeChange] = field(default_factory=list)
    params: list[ParamChange] = field(default_factory=list)

    @property
    def flips(self) -> list[RegimeChange]:
        """Cases whose verdict changes."""
        return [c for c in self.changes if c.flipped]

    @property
    def reason_changes(self) -> list[RegimeChange]:
        """Cases whose verdict stays but whose reasons change."""
        return [c for c in self.changes if not c.flipped]

    def counts(self) -> dict[Title, tuple[int, int]]:
        """Per title: (number eligible under A, under B)."""
        out: dict[Title, tuple[int, int]] = {}
        for title in Title:
            a = len(self.result_a.eligible(title))
            b = len(self.result_b.eligible(title))
            if any(v.title == title for v in self.result_a.verdicts + self.result_b.verdicts):
                out[title] = (a, b)
        return out

    def lines(self) -> list[str]:
        out = [t("nb.compare.title", a=self.regime_a, b=self.regime_b, year=self.school_year or "—"),
               t("nb.compare.summary", n=len(self.flips), m=len(self.reason_changes))]
        for title, (a, b) in self.counts().items():
            if a != b:
                out.append(f"  {title_label(title)}: {a} → {b}")
        if self.params:
            out.append(t("nb.compare.params", n=len(self.params)) + ": " + ", ".join(p.key for p in self.params))
        for c in self.flips:
            who = c.name if c.name == c.subject else f"{c.name} ({c.subject})"
            out.append(f"{c.direction}: {who} — {title_label(c.title)}")
            out.extend(f"   + {r.message} ({r.citation})" for r in c.added)
            out.extend(f"   − {r.message} ({r.citation})" for r in c.removed)
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def diff_results(a: CheckResult, b: CheckResult) -> list[RegimeChange]:
    """Every (subject, title) whose verdict or reason codes differ between ``a`` and ``b``."""
    index_b: dict[tuple[str, Title], Verdict] = {(v.subject, v.title): v for v in b.verdicts}
    seen: set[tuple[str, Title]] = set()
    out: list[RegimeChange] = []
    for va in a.verdicts:
        key = (va.subject, va.title)
        seen.add(key)
        vb = index_b.get(key)
        change = _change(va, vb)
        if change is not None:
            out.append(change)
    for vb in b.verdicts:
        if (vb.subject, vb.title) not in seen:
            change = _change(None, vb)
            if change is not None:
                out.append(change)
    return out


def _change(va: Verdict | None, vb: Verdict | None) -> RegimeChange | None:
    v = va or vb
    assert v is not None
    ra = va.reasons if va else []
    rb = vb.reasons if vb else []
    codes_a = {r.code for r in ra}
    codes_b = {r.code for r in rb}
    ea = va.eligible if va else None
    eb = vb.eligible if vb else None
    if ea == eb and codes_a == codes_b:
        return None
    return RegimeChange(v.subject, v.name, v.title, ea, eb, [r for r in rb if r.code not in codes_a],
                        [r for r in ra if r.code not in codes_b], v.is_team, v.team)


def diff_params(rules_a: Any, rules_b: Any) -> list[ParamChange]:
    """Parameters whose value differs between two rule sets (or exists in only one)."""
    pa = getattr(rules_a, "params", None) or {}
    pb = getattr(rules_b, "params", None) or {}
    out: list[ParamChange] = []
    missing = t("nb.compare.missing")
    for key in sorted(set(pa) | set(pb)):
        a, b = pa.get(key), pb.get(key)
        if a is not None and b is not None and a.value == b.value:
            continue
        out.append(ParamChange(
            key, (a or b).label or key,
            value_text(a.value) if a is not None else missing, value_text(b.value) if b is not None else missing,
            a.citation_text if a is not None else "", b.citation_text if b is not None else "",
        ))
    return out


def comparison(a: CheckResult, b: CheckResult, regime_a: str, regime_b: str) -> RegimeComparison:
    """The comparison of two checks of the same data (``a`` under ``regime_a``, ``b`` under ``regime_b``)."""
    return RegimeComparison(regime_a, regime_b, a.school_year, a, b, diff_results(a, b), diff_params(a.rules, b.rules))
