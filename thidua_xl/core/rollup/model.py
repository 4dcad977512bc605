"""The roll-up's plain objects: what the ward (or the Sở) knows of each school, each nominee and each problem.

Dataclasses only; built by :mod:`thidua_xl.core.rollup.aggregate` from a school's own check and tally results,
so a roll-up count is the sum of the schools' own results by construction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from fractions import Fraction
from operator import attrgetter
from typing import Any

from thidua_xl.core.model import Problem, Registration, SourceRef, Title


@dataclass(frozen=True, slots=True)
class SchoolEntry:
    """One school the ward manages (sheet "Danh sách trường" of the ward's workbook)."""

    code: str  # mã trường
    name: str  # tên trường
    group: str = ""  # khối thi đua
    row: int | None = None  # 1-based row in "Danh sách trường"
    sheet: str = ""


@dataclass(slots=True)
class Nominee:
    """One person (or team) a school put forward for a title: on the school's ballot list, or on a list the
    school's council approved without a ballot (LĐTT, TTLĐTT)."""

    school_code: str
    school_name: str
    file: str
    subject: str  # the school's staff ID or team name
    name: str
    title: Title
    is_team: bool = False
    birth_date: dt.date | None = None
    id_number: str = ""  # số định danh cá nhân, when the school's staff sheet has one
    eligible: bool | None = None  # the ward's re-check under the school's regime
    reasons: str = ""  # why not eligible (short)
    proposed: bool = False  # the school's tally (or list approval) proposes them
    voted: bool = False  # put to the school's secret ballot
    approvals: int | None = None
    base_count: int | None = None
    share: Fraction | None = None
    threshold_passed: bool | None = None
    certified: bool | None = None  # the school's tally certified (None: no ballot)
    sheet: str = ""  # where the nomination is (ballot list or "Cán bộ")
    row: int | None = None
    staff_row: int | None = None  # the person's row on "Cán bộ"
    staff_sheet: str = ""  # "Cán bộ" as the school's file names it

    @property
    def council_key(self) -> str:
        """The nominee's ID in the higher council's lists: ``<mã trường>.<mã CB>`` (the file's name without a
        code)."""
        school = self.school_code or self.file.rsplit(".", 1)[0]
        return f"{school}.{self.subject}"

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as the tuple of its fields (a forked process sends every school's nominees back): a slotted
        # dataclass would otherwise pickle a dict of its field names per object, twice the bytes and the time
        return Nominee, _NOMINEE_FIELDS(self)


@dataclass(slots=True)
class SchoolResult:
    """One school as the roll-up sees it: its counts, its tally's certification, its problems."""

    file: str
    code: str
    name: str
    group: str = ""
    school_year: str = ""
    info_sheet: str = ""  # the school's "Thông tin chung" as named in its file
    info_rows: dict[str, int] = field(default_factory=dict)  # its row of each item (school_name, school_year, ...)
    regime: str = ""
    regime_choice: str = ""  # "Chế độ 2025 theo ngày họp Hội đồng 15/07/2025"
    considered_on: dt.date | None = None  # the date the citations were in force on
    staff: int = 0
    teams: int = 0
    registrations: list[Registration] = field(default_factory=list)
    eligible: dict[Title, int] = field(default_factory=dict)
    proposed: dict[Title, int] = field(default_factory=dict)
    has_ballots: bool = False
    certified: bool | None = None  # None: no ballot to tally
    quorum_ok: bool | None = None
    discrepancies: int = 0
    hash: str = ""
    nominees: list[Nominee] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the school's own reading problems
    failed: str = ""  # why the school could not be checked ("" when it was)

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity == "warning" for p in self.problems)

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled compactly (see Nominee.__reduce__): its fields as a tuple, its registrations as tuples
        values = list(_SCHOOL_FIELDS(self))
        values[_REGISTRATIONS] = [(r.is_team, r.subject, r.title, r.date, r.source.sheet if r.source else None,
                                   r.source.row if r.source else 0) for r in self.registrations]
        return _school_result, tuple(values)


_NOMINEE_FIELDS = attrgetter(*(f.name for f in fields(Nominee)))
_SCHOOL_FIELDS = attrgetter(*(f.name for f in fields(SchoolResult)))
_REGISTRATIONS = [f.name for f in fields(SchoolResult)].index("registrations")


def _school_result(*values: Any) -> SchoolResult:
    """A :class:`SchoolResult` unpickled (its :meth:`SchoolResult.__reduce__`)."""
    school = SchoolResult(*values)
    school.registrations = [Registration(team, subject, title, date, SourceRef(sheet, row) if sheet is not None
                                         else None) for team, subject, title, date, sheet, row in values[_REGISTRATIONS]]
    return school


@dataclass(slots=True)
class RollupProblem:
    """A problem found across schools (or in one school's file), located: file, sheet, row, column."""

    file: str
    school: str  # mã trường (or the file's name when the school is not on the ward's list)
    problem: Problem
    subject: str = ""  # the school's staff ID or team name the problem is about ("" for a whole school)


@dataclass(slots=True)
class WardConfig:
    """The ward's own settings (its workbook, "Thông tin chung" and the lists)."""

    unit_name: str = ""  # "UBND phường Long Biên"
    level: str = "ward"  # "ward" (xã/phường) | "department" (Sở GDĐT)
    school_year: str = ""
    deadline: dt.date | None = None  # hạn đăng ký thi đua of the plan
    place_name: str = ""
    province: str = ""
    chairman: str = ""  # signer
    doc_code: str = ""  # "UBND" → "…/QĐ-UBND"
    decision_date: dt.date | None = None
    schools: list[SchoolEntry] = field(default_factory=list)
    path: str = ""
    sheet_info: str = ""
    info_rows: dict[str, int] = field(default_factory=dict)  # its row of each item on "Thông tin chung"
    flag_top: int | None = None  # the ward's own proposal rule, when its workbook sets it (else the rule set's)
    excellent_share: str | None = None  # as typed ("90%"): read into a fraction with the rule (a located error)
    extra: dict[str, str] = field(default_factory=dict)  # the items of "Thông tin chung" it does not know
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Rollup:
    """The whole roll-up: every school, every nominee by title, every cross-school problem."""

    schools: list[SchoolResult]
    config: WardConfig
    problems: list[RollupProblem] = field(default_factory=list)
    scores: list[Any] = field(default_factory=list)  # scoring.SchoolScore, ranked within each group
    scoring_rule: Any = None  # scoring.ScoringRule (None: the ward's workbook has no criteria)

    def nominees(self, title: Title | None = None) -> list[Nominee]:
        return [n for s in self.schools for n in s.nominees if title is None or n.title is title]

    def total_eligible(self, title: Title) -> int:
        return sum(s.eligible.get(title, 0) for s in self.schools)

    def total_proposed(self, title: Title) -> int:
        return sum(s.proposed.get(title, 0) for s in self.schools)

    @property
    def errors(self) -> int:
        return sum(p.problem.severity == "error" for p in self.problems)
