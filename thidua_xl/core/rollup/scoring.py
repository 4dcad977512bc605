"""Scoring schools on the ward's own criteria ("tiêu chí chấm điểm thi đua khối trường"), ranking them within their
group (khối thi đua) and the proposal each rank implies.

* a school's score = Σ over the criteria of (the reviewer's score, else the school's self-score — flagged)
  × the criterion's weight, each score capped at the criterion's maximum; a score above the maximum (or below 0)
  is a located error;
* the rank within the group: by score, highest first; equal scores share a rank (1, 1, 3); within a rank,
  Vietnamese name order;
* the proposal (the ward's rule, a parameter with a documented default, tagged as the unit's rule — not law):
  the first ``flag_top`` ranks of each group → "Cờ thi đua"; a score of at least ``excellent_share`` of the
  maximum → "Tập thể lao động xuất sắc".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from thidua_xl.core.model import Problem
from thidua_xl.core.rollup.model import RollupProblem, SchoolEntry
from thidua_xl.core.rules import RuleSet
from thidua_xl.messages import t
from thidua_xl.text import fraction_text, vi_key

UNIT_RULE_TAG = "GAP"  # the ward's own rule (quy định của đơn vị), not a legal value


@dataclass(frozen=True, slots=True)
class ScoringRule:
    """The ward's rule turning ranks and scores into proposals; every value may be set in the ward's workbook
    ("Thông tin chung"). The defaults are thidua_xl's, tagged as the unit's rule."""

    flag_top: int  # "Số trường dẫn đầu mỗi khối đề nghị Cờ thi đua"
    excellent_share: Fraction  # "Tỷ lệ điểm tối thiểu đề nghị Tập thể lao động xuất sắc"
    tag: str = UNIT_RULE_TAG
    source: str = "default"  # "default" (the rule set's rollup.* values) | "workbook"

    @classmethod
    def from_rules(cls, rules: RuleSet) -> ScoringRule:
        """The default rule: ``rollup.flag_top`` and ``rollup.excellent_share`` of the rule set (the unit's
        rule, tagged GAP, thidua_xl's documented defaults)."""
        return cls(int(rules.value("rollup.flag_top")), Fraction(rules.value("rollup.excellent_share")),
                   rules["rollup.excellent_share"].tag_code)


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str
    label: str
    group: str
    max_points: Fraction
    weight: Fraction = Fraction(1)
    sheet: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Score:
    """One school's score on one criterion as typed (either score may be missing)."""

    school: str
    criterion: str
    self_score: Fraction | None
    review_score: Fraction | None
    note: str = ""
    sheet: str = ""
    row: int | None = None
    columns: tuple[str, str, str, str] = ("Mã trường", "Mã tiêu chí", "Điểm tự chấm", "Điểm thẩm định")


@dataclass(slots=True)
class SchoolScore:
    code: str
    name: str
    group: str
    total: Fraction = Fraction(0)
    maximum: Fraction = Fraction(0)
    self_total: Fraction = Fraction(0)
    rank: int = 0
    self_scored: list[str] = field(default_factory=list)  # criteria counted with the self-score (not reviewed)
    missing: list[str] = field(default_factory=list)  # criteria with no score at all
    proposals: list[str] = field(default_factory=list)

    @property
    def share(self) -> Fraction:
        return self.total / self.maximum if self.maximum else Fraction(0)


def _problem(code: str, s: Score, column: str, value: object, key: str, /, **kw: object) -> Problem:
    return Problem("error", code, s.sheet, s.row, column, str(value), t(f"rollup.score.{key}", **kw),
                   t(f"rollup.score.{key}_hint", **kw))


def score_schools(criteria: list[Criterion], scores: list[Score], schools: list[SchoolEntry],
                  rule: ScoringRule, file: str = "") -> tuple[list[SchoolScore], list[RollupProblem]]:
    """Every listed school's score, rank and proposals (ordered by group, then rank), and the problems found
    (located in ``file``, the ward's workbook)."""
    found: list[RollupProblem] = []

    def add(s: Score, p: Problem) -> None:
        found.append(RollupProblem(file, s.school, p))

    crit = {c.code: c for c in criteria}
    maximum = sum((c.max_points * c.weight for c in criteria), Fraction(0))
    out = {e.code: SchoolScore(e.code, e.name, e.group, maximum=maximum) for e in schools}
    seen: set[tuple[str, str]] = set()
    for s in scores:
        c = crit.get(s.criterion)
        result = out.get(s.school)
        if result is None:
            add(s, _problem("UNKNOWN_SCHOOL_CODE", s, s.columns[0], s.school, "unknown_school",
                                     code=s.school))
            continue
        if c is None:
            add(s, _problem("UNKNOWN_CRITERION", s, s.columns[1], s.criterion, "unknown_criterion",
                                     code=s.criterion))
            continue
        if (s.school, s.criterion) in seen:
            add(s, _problem("DUPLICATE_SCORE", s, s.columns[1], s.criterion, "duplicate",
                                     school=s.school, code=s.criterion))
            continue
        seen.add((s.school, s.criterion))
        value = s.review_score
        if value is None:
            value = s.self_score
            if value is not None:
                result.self_scored.append(c.code)
        if value is None:
            result.missing.append(c.code)
            continue
        for typed, col in ((s.self_score, s.columns[2]), (s.review_score, s.columns[3])):
            if typed is not None and (typed > c.max_points or typed < 0):
                add(s, _problem("SCORE_OUT_OF_RANGE", s, col, fraction_text(typed), "out_of_range",
                                         school=s.school, code=c.code, value=fraction_text(typed), max=fraction_text(c.max_points)))
        capped = min(max(value, Fraction(0)), c.max_points)
        result.total += capped * c.weight
        if s.self_score is not None:
            result.self_total += min(max(s.self_score, Fraction(0)), c.max_points) * c.weight
    for r in out.values():
        r.missing += [c.code for c in criteria if c.code not in r.missing and (r.code, c.code) not in seen]
    ranked = rank(list(out.values()))
    for r in ranked:
        if r.rank <= rule.flag_top:
            r.proposals.append(t("rollup.score.flag"))
        if r.maximum and r.share >= rule.excellent_share:
            r.proposals.append(t("rollup.score.excellent"))
    return ranked, found


def rank(results: list[SchoolScore]) -> list[SchoolScore]:
    """Rank within each group: highest score first, equal scores an equal rank, then Vietnamese name order."""
    out: list[SchoolScore] = []
    groups: dict[str, list[SchoolScore]] = {}
    for r in results:
        groups.setdefault(r.group, []).append(r)
    for group in sorted(groups, key=vi_key):
        items = sorted(groups[group], key=lambda r: (-r.total, vi_key(r.name)))
        for i, r in enumerate(items):
            r.rank = items[i - 1].rank if i and items[i - 1].total == r.total else i + 1
        out += items
    return out
