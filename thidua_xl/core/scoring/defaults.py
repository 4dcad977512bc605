"""The default plan that ``thidua init`` writes (editable in the workbook): four phases and a calendar of
deadlines, in the pattern of the schools' plans this product was made from (issue 17: đợt 1 01/8–20/10,
đợt 2 21/10–31/12, đợt 3 01/01–31/3, đợt 4 01/4–30/6; registration by 28/10, dossiers by 30/5).

A school's plan, not law: every date is (month, day) within the school year (months 8–12 in its first
calendar year, 1–7 in the second). docs/scoring.md lists them.
"""

from __future__ import annotations

import datetime as dt

from thidua_xl.core.model import CalendarTask, Phase

MonthDay = tuple[int, int]
FIRST_MONTH = 8  # the school year's months: 8–12 of its first calendar year, 1–7 of the second


def year_of_month(first_year: int, month: int) -> int:
    """The calendar year of ``month`` in the school year starting in ``first_year``."""
    return first_year if month >= FIRST_MONTH else first_year + 1

PHASES: tuple[tuple[int, MonthDay, MonthDay, str], ...] = (
    (1, (8, 1), (10, 20), "Thi đua chào mừng năm học mới và ngày Phụ nữ Việt Nam 20/10"),
    (2, (10, 21), (12, 31), "Thi đua chào mừng ngày Nhà giáo Việt Nam 20/11"),
    (3, (1, 1), (3, 31), "Thi đua mừng Đảng, mừng Xuân, chào mừng ngày Quốc tế Phụ nữ 08/3"),
    (4, (4, 1), (6, 30), "Thi đua chào mừng ngày Giải phóng miền Nam 30/4, Quốc tế Lao động 01/5; tổng kết năm học"),
)

# (task, who, from, deadline, kind)
CALENDAR: tuple[tuple[str, str, MonthDay, MonthDay, str], ...] = (
    ("Xây dựng, ban hành kế hoạch thi đua năm học", "Hiệu trưởng, Hội đồng TĐKT", (9, 5), (9, 30), ""),
    ("Cá nhân, tập thể đăng ký danh hiệu thi đua", "Cá nhân, tổ trưởng; thư ký tổng hợp", (10, 1), (10, 28),
     "Đăng ký"),
    ("Sơ kết thi đua đợt 1", "Hội đồng TĐKT", (10, 21), (10, 31), ""),
    ("Chấm điểm thi đua tháng (tự chấm, tổ chấm, Hội đồng chấm)", "Cá nhân, tổ trưởng, Hội đồng TĐKT", (11, 1),
     (11, 5), ""),
    ("Sơ kết thi đua đợt 2 (học kỳ I)", "Hội đồng TĐKT", (1, 2), (1, 15), ""),
    ("Sơ kết thi đua đợt 3", "Hội đồng TĐKT", (4, 1), (4, 10), ""),
    ("Viết báo cáo thành tích, sáng kiến", "Cá nhân đề nghị khen thưởng", (4, 1), (5, 15), ""),
    ("Tổ bình xét, đề nghị danh hiệu thi đua", "Tổ trưởng", (5, 10), (5, 20), ""),
    ("Họp Hội đồng TĐKT xét, bỏ phiếu danh hiệu", "Hội đồng TĐKT", (5, 20), (5, 25), ""),
    ("Nộp hồ sơ đề nghị công nhận danh hiệu, khen thưởng", "Thư ký Hội đồng TĐKT", (5, 25), (5, 30), "Hồ sơ"),
    ("Tổng kết thi đua năm học (sơ kết đợt 4)", "Hội đồng TĐKT", (6, 1), (6, 30), ""),
)


def _on(first_year: int, md: MonthDay) -> dt.date:
    month, day = md
    return dt.date(year_of_month(first_year, month), month, day)


def default_phases(first_year: int) -> list[Phase]:
    """The four default phases of the school year starting in ``first_year``."""
    return [Phase(n, _on(first_year, a), _on(first_year, b), theme) for n, a, b, theme in PHASES]


def default_calendar(first_year: int) -> list[CalendarTask]:
    """The default calendar of the school year starting in ``first_year``."""
    return [CalendarTask(task, who, _on(first_year, a), _on(first_year, b), False, kind)
            for task, who, a, b, kind in CALENDAR]


def school_year_of(today: dt.date) -> str:
    """The school year a plan made on ``today`` is for: from August, the year starting now; before, the current."""
    first = today.year if today.month >= FIRST_MONTH else today.year - 1
    return f"{first}-{first + 1}"


def first_year(school_year: str) -> int:
    return int(school_year.split("-")[0])
