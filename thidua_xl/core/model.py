"""Core data model: plain dataclasses shared by every layer.

The reader (``thidua_xl.workbook``) produces a :class:`SchoolData`; the core (eligibility, tally)
consumes it and returns its own result objects. Nothing here imports Excel, Word or pandas.

Codes (ratings, titles, discipline levels, ...) are the ASCII enum values below; the Vietnamese labels
and accepted aliases live in ``thidua_xl.workbook.schema``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction


class Rating(str, Enum):
    """Xếp loại chất lượng (NĐ 90/2020, NĐ 48/2023)."""

    HTXSNV = "HTXSNV"  # Hoàn thành xuất sắc nhiệm vụ
    HTTNV = "HTTNV"  # Hoàn thành tốt nhiệm vụ
    HTNV = "HTNV"  # Hoàn thành nhiệm vụ
    KHTNV = "KHTNV"  # Không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """Higher is better: HTXSNV=4 … KHTNV=1."""
        return _RATING_RANK[self]


class Title(str, Enum):
    """Danh hiệu thi đua / hình thức khen thưởng (codes used in JSON and the rule sets)."""

    LDTT = "LDTT"  # Lao động tiên tiến
    CSTDCS = "CSTDCS"  # Chiến sĩ thi đua cơ sở
    CSTD_TINH = "CSTD_TINH"  # Chiến sĩ thi đua cấp tỉnh/bộ
    CSTD_TQ = "CSTD_TQ"  # Chiến sĩ thi đua toàn quốc
    BK_TINH = "BK_TINH"  # Bằng khen Chủ tịch UBND tỉnh
    BK_BO = "BK_BO"  # Bằng khen Bộ trưởng Bộ GDĐT
    BK_TTG = "BK_TTG"  # Bằng khen Thủ tướng Chính phủ
    GIAY_KHEN = "GIAY_KHEN"  # Giấy khen
    KNC = "KNC"  # Kỷ niệm chương "Vì sự nghiệp giáo dục"
    TTLDTT = "TTLDTT"  # Tập thể lao động tiên tiến
    TTLDXS = "TTLDXS"  # Tập thể lao động xuất sắc

    @property
    def is_team(self) -> bool:
        return self in (Title.TTLDTT, Title.TTLDXS)


INDIVIDUAL_TITLES: tuple[Title, ...] = tuple(t for t in Title if not t.is_team)
TEAM_TITLES: tuple[Title, ...] = (Title.TTLDTT, Title.TTLDXS)


class DisciplineLevel(str, Enum):
    """Hình thức kỷ luật, from the lightest. ``severity`` orders them for "từ … trở lên"."""

    KHIEN_TRACH = "KHIEN_TRACH"
    CANH_CAO = "CANH_CAO"
    HA_BAC_LUONG = "HA_BAC_LUONG"
    GIANG_CHUC = "GIANG_CHUC"
    CACH_CHUC = "CACH_CHUC"
    BUOC_THOI_VIEC = "BUOC_THOI_VIEC"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


class InitiativeKind(str, Enum):
    SANG_KIEN = "SANG_KIEN"  # Sáng kiến
    DE_TAI = "DE_TAI"  # Đề tài khoa học / đề án / công trình


class Level(str, Enum):
    """Cấp công nhận / phạm vi ảnh hưởng của sáng kiến, đề tài."""

    CO_SO = "CO_SO"
    HUYEN = "HUYEN"  # cấp huyện / xã (sau 07/2025)
    TINH = "TINH"  # cấp tỉnh / bộ, ngành
    TOAN_QUOC = "TOAN_QUOC"

    @property
    def rank(self) -> int:
        return _LEVEL_RANK[self]


class AchievementKind(str, Enum):
    """Loại thành tích Hội đồng ghi nhận (trang "Thành tích"): các phương án của Bằng khen tỉnh/Bộ ngoài
    phương án CSTĐCS/HTXSNV liên tục và sáng kiến."""

    PHONG_TRAO = "PHONG_TRAO"  # thành tích xuất sắc được bình xét trong phong trào thi đua
    ANH_HUONG = "ANH_HUONG"  # thành tích có phạm vi ảnh hưởng (nhiều thành tích như thế: một phương án)
    DOT_XUAT = "DOT_XUAT"  # thành tích đột xuất


_RATING_RANK = {Rating.HTXSNV: 4, Rating.HTTNV: 3, Rating.HTNV: 2, Rating.KHTNV: 1}
_SEVERITY = {lvl: i + 1 for i, lvl in enumerate(DisciplineLevel)}
_LEVEL_RANK = {lvl: i + 1 for i, lvl in enumerate(Level)}


class Gender(str, Enum):
    NAM = "NAM"
    NU = "NU"


class ContractType(str, Enum):
    VIEN_CHUC = "VIEN_CHUC"  # Viên chức (biên chế)
    HOP_DONG = "HOP_DONG"  # Hợp đồng lao động


class CouncilRole(str, Enum):
    CHU_TICH = "CHU_TICH"
    PHO_CHU_TICH = "PHO_CHU_TICH"
    THU_KY = "THU_KY"
    UY_VIEN = "UY_VIEN"


class Mark(str, Enum):
    """One cell of a ballot as the counting committee entered it."""

    APPROVE = "APPROVE"  # đồng ý
    DISAPPROVE = "DISAPPROVE"  # không đồng ý (gạch tên)
    BLANK = "BLANK"  # để trống
    UNREADABLE = "UNREADABLE"  # không đọc được


class BallotSource(str, Enum):
    MEETING = "MEETING"  # phiếu tại cuộc họp
    WRITTEN = "WRITTEN"  # ý kiến bằng văn bản của thành viên vắng mặt


# ---------------------------------------------------------------- input records


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a record came from in the workbook (for messages): sheet name and 1-based Excel row."""

    sheet: str
    row: int


@dataclass(slots=True)
class Discipline:
    level: DisciplineLevel
    decision_date: dt.date | None = None  # ngày quyết định (kỷ luật có hiệu lực)
    end_date: dt.date | None = None  # ngày hết thời hạn kỷ luật
    decision_no: str = ""
    source: SourceRef | None = None


@dataclass(slots=True)
class Absence:
    """Thời gian vắng trong năm học đang xét (tháng). Months may be fractional."""

    maternity_months: Fraction = Fraction(0)  # nghỉ thai sản (tính như thời gian làm việc)
    sick_months: Fraction = Fraction(0)  # nghỉ ốm
    study_months: Fraction = Fraction(0)  # đi học, bồi dưỡng
    unpaid_months: Fraction = Fraction(0)  # nghỉ không lương / việc riêng
    study_result_ok: bool | None = None  # kết quả học tập từ loại khá trở lên (khi đi học ≥ 1 năm)
    note: str = ""


@dataclass(slots=True)
class Staff:
    id: str  # Mã cán bộ (unique)
    full_name: str
    gender: Gender | None = None
    birth_date: dt.date | None = None
    position: str = ""  # chức vụ / môn dạy
    team: str = ""  # tổ chuyên môn
    recruited_date: dt.date | None = None  # ngày tuyển dụng vào đơn vị
    sector_entry_date: dt.date | None = None  # ngày vào ngành giáo dục
    contract_type: ContractType | None = None
    absence: Absence = field(default_factory=Absence)
    rating: Rating | None = None  # xếp loại năm học đang xét
    disciplines: list[Discipline] = field(default_factory=list)
    pending_discipline: bool = False  # đang bị xem xét kỷ luật / thanh tra / điều tra
    difficult_area_years: Fraction = Fraction(0)  # số năm công tác ở vùng ĐBKK
    in_difficult_area_now: bool = False  # hiện đang công tác ở vùng ĐBKK
    study_military_years: Fraction = Fraction(0)  # năm đi học / nghĩa vụ quân sự được tính (KNC)
    outstanding_achievement: bool = False  # "thành tích" cho Giấy khen (thư ký đánh dấu)
    note: str = ""
    source: SourceRef | None = None
    # For the báo cáo thành tích only (optional columns of "Cán bộ"; blank: the report keeps a placeholder)
    hometown: str = ""  # quê quán
    residence: str = ""  # nơi thường trú
    qualification: str = ""  # trình độ chuyên môn, nghiệp vụ
    political_theory: str = ""  # trình độ lý luận chính trị
    academic_titles: str = ""  # học hàm, học vị, danh hiệu, giải thưởng


@dataclass(slots=True)
class Team:
    name: str
    leader_id: str = ""
    rating: Rating | None = None  # mức hoàn thành nhiệm vụ của tập thể
    note: str = ""
    source: SourceRef | None = None


@dataclass(slots=True)
class Registration:
    """Đăng ký thi đua: a person (staff ID) or a team (team name) registers for a title."""

    is_team: bool
    subject: str  # staff ID or team name
    title: Title
    date: dt.date | None = None
    source: SourceRef | None = None


@dataclass(slots=True)
class Initiative:
    staff_id: str
    name: str
    kind: InitiativeKind
    level: Level  # cấp công nhận / phạm vi ảnh hưởng
    decision_no: str = ""
    decision_date: dt.date | None = None
    school_year: str = ""  # "2023-2024"
    source: SourceRef | None = None


@dataclass(slots=True)
class Achievement:
    """Một thành tích Hội đồng ghi nhận (không tính ra được từ dữ liệu): loại, phạm vi, quyết định công nhận."""

    staff_id: str
    description: str  # nội dung thành tích
    kind: AchievementKind
    level: Level  # phạm vi ảnh hưởng / cấp công nhận
    decision_no: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""  # cơ quan công nhận
    school_year: str = ""  # "2024-2025"
    source: SourceRef | None = None


@dataclass(slots=True)
class HistoryRecord:
    """Past school year: rating and/or one title/award of a person or a team."""

    subject: str  # staff ID, or team name when is_team
    school_year: str
    rating: Rating | None = None
    title: Title | None = None
    decision_no: str = ""
    decision_date: dt.date | None = None
    issuer: str = ""
    is_team: bool = False
    source: SourceRef | None = None


@dataclass(slots=True)
class CouncilMember:
    name: str
    role: CouncilRole = CouncilRole.UY_VIEN
    staff_id: str = ""
    present: bool = True
    absence_reason: str = ""
    written_opinion: bool = False  # vắng mặt nhưng gửi ý kiến bằng văn bản
    source: SourceRef | None = None
    counting_role: str = ""  # trong Ban kiểm phiếu: "Trưởng ban", "Thành viên" ("": không thuộc Ban)


@dataclass(slots=True)
class BallotRound:
    """Một lần bỏ phiếu cho một danh hiệu."""

    title: Title
    candidates: list[str] = field(default_factory=list)  # staff IDs (or team names) on the ballot
    issued: int | None = None  # số phiếu phát ra (None: present + written opinions)
    max_choices: int | None = None  # số người được đồng ý tối đa trên một phiếu (None: không giới hạn)
    source: SourceRef | None = None  # the round's first row on "Danh sách bỏ phiếu"
    rows: dict[str, int] = field(default_factory=dict)  # candidate -> its own row on that sheet


@dataclass(slots=True)
class Ballot:
    number: str  # số phiếu
    title: Title
    marks: dict[str, Mark]  # candidate key (staff ID / team name) -> mark
    source_kind: BallotSource = BallotSource.MEETING
    declared_invalid: bool = False  # Ban kiểm phiếu tuyên bố không hợp lệ
    declared_reason: str = ""
    raw: dict[str, str] = field(default_factory=dict)  # candidate key -> text as entered (for audit)
    source: SourceRef | None = None


@dataclass(slots=True)
class Override:
    """A school or provincial override of a rule-set parameter (sheet "Quy định riêng")."""

    key: str  # parameter key, e.g. "ldtt.min_service_months"
    value: str  # raw text; parsed by the rules layer with the parameter's type
    level: str = "trường"  # "trường" or "tỉnh"
    citation: str = ""  # the school's / province's document, e.g. "Quy chế TĐKT trường, Điều 5"
    note: str = ""
    source: SourceRef | None = None


@dataclass(slots=True)
class SchoolInfo:
    school_name: str = ""
    governing_body: str = ""  # cơ quan chủ quản, e.g. "UBND phường Long Biên" / "Sở GD&ĐT Hà Nội"
    school_year: str = ""  # "2024-2025"
    place_name: str = ""  # địa danh
    meeting_date: dt.date | None = None  # ngày họp Hội đồng
    consideration_date: dt.date | None = None  # ngày xét (default: meeting date or 31/05 end year)
    principal: str = ""
    secretary: str = ""
    under_department: bool = False  # trường trực thuộc Sở GDĐT
    province: str = ""
    commune: str = ""  # xã/phường (sau 07/2025) hoặc quận/huyện (trước)
    doc_code: str = ""  # chữ viết tắt đơn vị cho số/ký hiệu, e.g. "THCSLB"
    regime: str = ""  # forced regime id (blank: chosen by school year)
    # How the council approved the lists it did not put to a secret ballot (LĐTT, TTLĐTT): "HANDS" (biểu quyết
    # giơ tay, the default when blank) or "SLIPS" (phiếu biểu quyết), and how many members were in favour.
    approval_method: str = ""
    approvals_ldtt: int | None = None  # số thành viên đồng ý danh sách LĐTT (None: chưa ghi)
    approvals_ttldtt: int | None = None  # số thành viên đồng ý danh sách TTLĐTT (None: chưa ghi)
    # Times of the meeting and of the count as typed ("8:00", "8 giờ 30"; blank: the minutes leave … giờ … phút)
    meeting_start: str = ""
    meeting_end: str = ""
    counting_end: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    # Where each item was read (info key → 1-based row of "Thông tin chung", and that sheet's name), for
    # warnings that need the rule set (e.g. a district named after 07/2025, core/authority.py).
    source_rows: dict[str, int] = field(default_factory=dict)
    source_sheet: str = ""

    def approvals_for(self, title: Title) -> int | None:
        """Members in favour of the list of ``title`` approved without a secret ballot (None: not recorded)."""
        if title is Title.LDTT:
            return self.approvals_ldtt
        if title is Title.TTLDTT:
            return self.approvals_ttldtt
        return None

    @property
    def end_year(self) -> int | None:
        """Second year of "2023-2024" → 2024."""
        try:
            return int(self.school_year.split("-")[1])
        except (IndexError, ValueError):
            return None


@dataclass(slots=True)
class Problem:
    """One problem found while reading: always sheet, row, column, value and a suggestion."""

    severity: str  # "error" | "warning"
    code: str  # stable code, e.g. "DUPLICATE_ID"
    sheet: str
    row: int | None
    column: str  # "C (Họ và tên)"
    value: str
    message: str  # Vietnamese
    suggestion: str  # Vietnamese

    def as_dict(self) -> dict[str, object]:
        return {
            "muc_do": "lỗi" if self.severity == "error" else "cảnh báo",
            "ma": self.code,
            "trang_tinh": self.sheet,
            "dong": self.row,
            "cot": self.column,
            "gia_tri": self.value,
            "noi_dung": self.message,
            "goi_y": self.suggestion,
        }


@dataclass(slots=True)
class ScoreCriterion:
    """One of the school's scoring criteria (trang "Tiêu chí")."""

    code: str  # mã tiêu chí
    name: str = ""
    group: str = ""  # nhóm tiêu chí
    max_points: Fraction | None = None  # điểm tối đa (None: not given)
    weight: Fraction = Fraction(1)  # trọng số
    source: SourceRef | None = None


ZERO_POINTS = Fraction(0)  # no deduction, no bonus: one shared object (the scoring engine tests it by identity)


@dataclass(slots=True)
class ScoreEntry:
    """One row of the "Điểm" sheet: a person's score for a month (or a phase), in total or for one criterion."""

    staff_id: str
    month: dt.date | None = None  # first day of the calendar month (None: a phase score)
    phase: int | None = None  # đợt (None: a monthly score)
    criterion: str = ""  # mã tiêu chí ("": the total)
    self_score: Fraction | None = None  # tự chấm
    team_score: Fraction | None = None  # tổ chấm
    council_score: Fraction | None = None  # hội đồng chấm
    deduction: Fraction = ZERO_POINTS  # điểm trừ
    bonus: Fraction = ZERO_POINTS  # điểm cộng
    note: str = ""
    source: SourceRef | None = None


@dataclass(slots=True)
class Phase:
    """A phase of the year's emulation (đợt thi đua)."""

    number: int
    start: dt.date
    end: dt.date
    theme: str = ""  # chủ đề
    source: SourceRef | None = None


@dataclass(slots=True)
class CalendarTask:
    """A row of the plan's calendar (trang "Lịch thi đua")."""

    task: str
    who: str = ""
    start: dt.date | None = None  # từ ngày
    due: dt.date | None = None  # hạn
    done: bool = False
    kind: str = ""  # loại việc as typed ("Đăng ký", "Hồ sơ", ...): see thidua_xl.core.scoring.calendar
    source: SourceRef | None = None


@dataclass(slots=True)
class ScoreBand:
    """A classification band of the school's rule: from ``min_points`` (inclusive) upwards, ``label``."""

    min_points: Fraction
    label: str
    source: SourceRef | None = None


@dataclass(slots=True)
class SchoolData:
    """Everything read from one standard workbook."""

    info: SchoolInfo = field(default_factory=SchoolInfo)
    staff: list[Staff] = field(default_factory=list)
    teams: list[Team] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)  # trang "Thành tích"
    history: list[HistoryRecord] = field(default_factory=list)
    council: list[CouncilMember] = field(default_factory=list)
    rounds: list[BallotRound] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    ballots_second: list[Ballot] | None = None  # độc lập nhập lần 2 (đối chiếu)
    overrides: list[Override] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    path: str = ""
    # through the year (optional sheets; empty when absent): see thidua_xl.core.scoring
    score_criteria: list[ScoreCriterion] = field(default_factory=list)  # trang "Tiêu chí"
    scores: list[ScoreEntry] = field(default_factory=list)  # trang "Điểm"
    phases: list[Phase] = field(default_factory=list)  # trang "Đợt thi đua"
    calendar: list[CalendarTask] = field(default_factory=list)  # trang "Lịch thi đua"
    score_bands: list[ScoreBand] = field(default_factory=list)  # trang "Xếp loại điểm" (quy chế của trường)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def staff_by_id(self) -> dict[str, Staff]:
        return {s.id: s for s in self.staff}


# ---------------------------------------------------------------- results (produced by the core)


@dataclass(frozen=True, slots=True)
class Reason:
    """One failed criterion: stable code, a Vietnamese sentence naming the facts, and its legal basis.

    Frozen: the engine hands the same object to every verdict that fails the same way."""

    code: str  # stable, e.g. "NEW_HIRE", "NOT_REGISTERED", "DISCIPLINE"
    message: str  # "Mới tuyển dụng 5 tháng; cần tối thiểu 6 tháng công tác"
    citation: str  # "điểm d khoản 5 Điều 1 TT 01/2024/TT-BNV" (+ override note when overridden)
    tag: str = ""  # confidence tag of the rule value (VERIFIED/SECONDARY/UNVERIFIED/GAP/LOCAL/ĐIỀU CHỈNH)
    param: str = ""  # rule-set parameter key the criterion used

    def as_dict(self) -> dict[str, str]:
        return {"ma": self.code, "noi_dung": self.message, "can_cu": self.citation}


@dataclass(slots=True)
class Criterion:
    """One criterion as evaluated (for explanations): passed or not, fact used, rule value."""

    code: str
    label: str  # Vietnamese
    passed: bool
    fact: str  # the fact used, readable
    rule: str  # the rule value, readable ("≥ 6 tháng")
    citation: str
    tag: str = ""
    param: str = ""
    overridden: str = ""  # override description when an override changed the value


@dataclass(slots=True)
class Verdict:
    subject: str  # staff ID or team name
    name: str  # full name, or team name
    title: Title
    eligible: bool
    reasons: list[Reason] = field(default_factory=list)  # every failed criterion; empty when eligible
    criteria: Sequence[Criterion] = field(default_factory=list)  # every criterion checked (when explaining)
    facts: Mapping[str, object] = field(default_factory=dict)  # read-only (team verdicts: members, shares)
    is_team: bool = False
    team: str = ""  # the person's team
    basis: str = ""  # eligible through which alternative (Bằng khen): Vietnamese, with its citation


@dataclass(slots=True)
class CheckResult:
    school_year: str
    regime: str
    verdicts: list[Verdict]
    rules: object = None  # the RuleSet used

    @property
    def people(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.is_team]

    @property
    def teams(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.is_team]

    def get(self, subject: str, title: Title) -> Verdict | None:
        return next((v for v in self.verdicts if v.subject == subject and v.title == title), None)

    def eligible(self, title: Title) -> list[Verdict]:
        return [v for v in self.verdicts if v.title == title and v.eligible]


@dataclass(slots=True)
class InvalidBallot:
    number: str
    title: Title
    code: str  # UNREADABLE_MARK | OVER_LIMIT | NOT_ON_LIST | DUPLICATE_NUMBER | DECLARED_INVALID
    reason: str  # Vietnamese
    source: SourceRef | None = None


@dataclass(slots=True)
class CandidateTally:
    title: Title
    subject: str  # staff ID or team name
    name: str
    approvals: int
    disapprovals: int
    blanks: int
    base: str  # total_members | present_plus_written | valid_ballots
    base_count: int
    share: Fraction  # approvals / base_count, exact
    threshold_passed: bool
    within_quota: bool | None = None  # None when the title has no quota
    revote: bool = False  # tie exactly at the quota cut-off: "cần bỏ phiếu lại"
    eligible: bool | None = None  # None when eligibility was not checked
    proposed: bool = False  # passes threshold, within quota, eligible, quorum and certification ok
    notes: list[str] = field(default_factory=list)
    written_approvals: int = 0  # of which from written opinions


@dataclass(slots=True)
class TitleTally:
    title: Title
    threshold_text: str  # "≥ 80% tổng số thành viên Hội đồng"
    threshold_citation: str
    threshold_tag: str
    issued: int
    returned: int
    valid: int
    invalid: int
    invalid_ballots: list[InvalidBallot] = field(default_factory=list)
    candidates: list[CandidateTally] = field(default_factory=list)
    quota: int | None = None  # max number proposed (None: no quota)
    quota_text: str = ""
    written: int = 0  # ballots that are written opinions

    @property
    def not_returned(self) -> int:
        return self.issued - self.returned


@dataclass(slots=True)
class Discrepancy:
    ballot: str
    title: Title | None
    candidate: str
    first: str
    second: str


@dataclass(slots=True)
class ListApproval:
    """A title whose list the council approved without a secret ballot (``dossier.titles_without_vote``, default
    LĐTT and TTLĐTT): how (show of hands or voting slips), with how many members in favour, against the
    title's ``vote.threshold``. ``approved`` is None when the number in favour was not recorded."""

    title: Title
    method: str  # "HANDS" (biểu quyết giơ tay) | "SLIPS" (phiếu biểu quyết)
    listed: int | None  # subjects on the list (eligible ones); None when eligibility was not checked
    approvals: int | None  # members in favour; None when not recorded
    base: str  # total_members | present_plus_written | valid_ballots (= members voting)
    base_count: int
    threshold_text: str
    threshold_citation: str
    threshold_tag: str
    threshold_passed: bool | None
    approved: bool | None  # threshold passed and quorum; None when the number in favour is not recorded

    @property
    def share(self) -> Fraction | None:
        if self.approvals is None or self.base_count <= 0:
            return None
        return Fraction(self.approvals, self.base_count)


@dataclass(slots=True)
class TallyResult:
    school_year: str
    regime: str
    council_total: int
    present: int
    written_opinions: int
    quorum_required: int
    quorum_ok: bool
    titles: list[TitleTally] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    double_entry: bool = False
    certified: bool = False  # quorum ok and (no second entry or entries agree)
    hash: str = ""  # SHA-256 of the normalised ballot data
    audit: list[tuple[str, bool]] = field(default_factory=list)  # (fact checked, holds)
    regime_choice: object = None  # rules.RegimeChoice: which date (or the school year) decided the regime
    log: list[str] = field(default_factory=list)  # audit trail of the count, in order
    approvals: list[ListApproval] = field(default_factory=list)  # lists approved without a secret ballot
