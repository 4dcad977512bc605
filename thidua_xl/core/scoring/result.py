"""The results of scoring through the year (plain dataclasses)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from thidua_xl.core.model import Phase, SourceRef
from thidua_xl.core.scoring.bands import Bands
from thidua_xl.text import name_key

# Which score of a row was used: the council's, else the team's, else the self-score; "mixed" when the
# criteria of one month used different ones.
SOURCES = ("council", "team", "self", "mixed")


@dataclass(slots=True)
class MonthScore:
    """One person's score for one calendar month."""

    staff_id: str
    month: dt.date  # first day of the month
    total: Fraction  # chosen score − deductions + bonuses, within [0, ceiling]
    raw: Fraction  # the chosen score (or the weighted sum of the criteria)
    source: str  # one of SOURCES
    deduction: Fraction = Fraction(0)
    bonus: Fraction = Fraction(0)
    capped: bool = False  # the total was brought back within [0, ceiling]
    band: str = ""
    rank_team: int = 0
    rank_school: int = 0
    note: str = ""
    ref: SourceRef | None = None  # the first row of the month on the "Điểm" sheet


@dataclass(slots=True)
class PhaseScore:
    """One person's score for one phase: the phase's own score row, else the mean of its months."""

    staff_id: str
    phase: int
    total: Fraction | None  # None: no month of the phase scored
    months: int = 0  # months averaged (0 for a phase's own score row)
    direct: bool = False  # from a row of the "Điểm" sheet with the phase number (not from months)
    source: str = ""
    band: str = ""
    rank_team: int = 0
    rank_school: int = 0


@dataclass(slots=True)
class PersonScores:
    staff_id: str
    name: str
    team: str
    months: dict[dt.date, MonthScore] = field(default_factory=dict)
    phases: dict[int, PhaseScore] = field(default_factory=dict)
    year: Fraction | None = None  # mean of the months scored (of the phases when only phases are scored)
    suggested: str = ""  # the band of the year's mean: a SUGGESTION the council confirms
    rank_team: int = 0
    rank_school: int = 0
    missing: list[dt.date] = field(default_factory=list)  # months on staff without a score
    not_council: list[dt.date] = field(default_factory=list)  # months scored without the council's score


@dataclass(slots=True)
class TeamScores:
    team: str
    members: int
    months: dict[dt.date, Fraction] = field(default_factory=dict)  # mean of the members scored
    month_ranks: dict[dt.date, int] = field(default_factory=dict)
    phases: dict[int, Fraction] = field(default_factory=dict)
    phase_ranks: dict[int, int] = field(default_factory=dict)
    year: Fraction | None = None
    rank: int = 0
    band: str = ""


@dataclass(slots=True)
class ScoringResult:
    school_year: str
    months: list[dt.date]  # the months the school scored (any row), in order
    phases: list[Phase]
    month_phase: dict[dt.date, int | None]  # the phase each month counts for (None: outside every phase)
    bands: Bands
    ceiling: Fraction  # the month's maximum
    ceiling_origin: str  # "criteria" | "rules"
    people: list[PersonScores] = field(default_factory=list)  # school rank order (ties: Vietnamese names)
    teams: list[TeamScores] = field(default_factory=list)  # rank order

    def person(self, staff_id: str) -> PersonScores | None:
        return next((p for p in self.people if p.staff_id == staff_id), None)

    def phase_list(self, number: int) -> list[PersonScores]:
        """The phase's commendation list: the people in the highest band for that phase, in rank order."""
        top = self.bands.top
        chosen = [p for p in self.people if (ps := p.phases.get(number)) is not None and ps.band == top and top]
        return sorted(chosen, key=lambda p: (p.phases[number].rank_school, name_key(p.name, p.staff_id)))

    @property
    def missing(self) -> list[tuple[PersonScores, dt.date]]:
        return [(p, m) for p in self.people for m in p.missing]
