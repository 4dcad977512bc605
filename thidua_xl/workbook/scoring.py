"""The optional sheets of the year's emulation: Tiêu chí, Điểm, Đợt thi đua, Lịch thi đua, Xếp loại điểm.

Read with the project's table reader (:func:`thidua_xl.workbook.tables.read_table`: header found among the
first rows, aliases, column-wise conversion, every problem located by sheet, row and column), after the
Cán bộ sheet (scores refer to staff IDs). A workbook without these sheets reads exactly as before.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import Any

from thidua_xl import vocabulary
from thidua_xl.core import model as m
from thidua_xl.core.scoring.calendar import late_registrations
from thidua_xl.core.scoring.defaults import FIRST_MONTH, first_year, year_of_month
from thidua_xl.messages import t
from thidua_xl.text import clean, fraction_text, header_key
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import fmt_date
from thidua_xl.workbook.crosscheck import check_name, known_person
from thidua_xl.workbook.tables import Reading

_ZERO = m.ZERO_POINTS  # the shared "no deduction / no bonus" (the engine's fast path tests identity)
# "09/2024", "9/2024", "9-2024", "T9/2024", "tháng 9/2024", "tháng 9 năm 2024", "2024-09"
_MONTH_YEAR = re.compile(r"^(?:t|th|thang|tháng)?\s*(\d{1,2})\s*(?:[/.\-]|\s+năm\s+|\s+nam\s+|\s+)\s*(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_MONTH_ONLY = re.compile(r"^(?:t|th|thang|tháng)?\s*(\d{1,2})$")


class MonthError(ValueError):
    pass


def to_month(value: Any, school_year: str) -> dt.date | None:
    """A month cell → the first day of that month. A bare month number (9, "T9") takes its year from the
    school year (months 8–12: the first year; 1–7: the second). Raises :class:`MonthError`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return dt.date(value.year, value.month, 1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = clean(value).casefold()
    if not text:
        return None
    if text.endswith(".0"):
        text = text[:-2]
    found = _MONTH_YEAR.match(text)
    if found:
        month, year = int(found.group(1)), int(found.group(2))
    elif (found := _YEAR_MONTH.match(text)) is not None:
        year, month = int(found.group(1)), int(found.group(2))
    elif (found := _DAY_MONTH_YEAR.match(text)) is not None:
        month, year = int(found.group(2)), int(found.group(3))
    elif (found := _MONTH_ONLY.match(text)) is not None:
        month = int(found.group(1))
        first = _first_year(school_year)
        if first is None:
            raise MonthError("no_year")
        year = year_of_month(first, month)
    else:
        raise MonthError("bad")
    if not 1 <= month <= 12 or not s.DATE_YEARS[0] <= year <= s.DATE_YEARS[1]:
        raise MonthError("bad")
    return dt.date(year, month, 1)


def _first_year(school_year: str) -> int | None:
    try:
        return first_year(school_year)
    except (ValueError, AttributeError):
        return None


def read_scoring(rd: Reading) -> None:
    """Every optional sheet of the year's emulation, in the order their references need."""
    read_criteria(rd)
    read_phases(rd)
    read_bands(rd)
    read_scores(rd)
    read_calendar(rd)


def read_criteria(rd: Reading) -> None:
    ct = rd.table(s.CRITERIA)
    if ct is None:
        return
    first: dict[str, int] = {}
    for row, code, name, group, max_points, weight in zip(ct.rows, ct.get("code"), ct.get("name"), ct.get("group"),
                                                          ct.get("max_points"), ct.get("weight")):
        if not code:
            continue
        key = header_key(code)
        if key in first:
            rd.add("error", "DUPLICATE_CRITERION", ct.name, row, ct.column_label("code"), code,
                   "scoring.reader.duplicate_criterion", "scoring.reader.duplicate_criterion_hint", code=code,
                   first=first[key])
            continue
        first[key] = row
        rd.data.score_criteria.append(m.ScoreCriterion(code, name or "", group or "", max_points,
                                                       Fraction(1) if weight is None else weight,
                                                       m.SourceRef(ct.name, row)))


def read_phases(rd: Reading) -> None:
    pt = rd.table(s.PHASES)
    if pt is None:
        return
    first: dict[int, int] = {}
    for row, number, start, end, theme in zip(pt.rows, pt.get("number"), pt.get("start"), pt.get("end"),
                                              pt.get("theme")):
        if number is None or start is None or end is None:
            continue
        if number in first:
            rd.add("error", "DUPLICATE_PHASE", pt.name, row, pt.column_label("number"), number,
                   "scoring.reader.duplicate_phase", "scoring.reader.duplicate_phase_hint", n=number,
                   first=first[number])
            continue
        if end < start:
            rd.add("error", "END_BEFORE_START", pt.name, row, pt.column_label("end"), fmt_date(end),
                   "reader.end_before_start", "reader.end_before_start_hint", end=fmt_date(end),
                   start=fmt_date(start))
            continue
        first[number] = row
        rd.data.phases.append(m.Phase(number, start, end, theme or "", m.SourceRef(pt.name, row)))
    ordered = sorted(rd.data.phases, key=lambda p: p.start)
    for a, b in zip(ordered, ordered[1:]):
        if b.start <= a.end and b.source is not None:
            rd.add("warning", "PHASE_OVERLAP", pt.name, b.source.row, pt.column_label("start"), fmt_date(b.start),
                   "scoring.reader.phase_overlap", "scoring.reader.phase_overlap_hint", n=b.number, other=a.number,
                   end=fmt_date(a.end))


def read_bands(rd: Reading) -> None:
    bt = rd.table(s.BANDS)
    if bt is None:
        return
    first: dict[Fraction, int] = {}
    for row, lo, label in zip(bt.rows, bt.get("min_points"), bt.get("label")):
        if lo is None or not label:
            continue
        if lo in first:
            rd.add("error", "DUPLICATE_BAND", bt.name, row, bt.column_label("min_points"), lo,
                   "scoring.reader.duplicate_band", "scoring.reader.duplicate_band_hint", first=first[lo])
            continue
        first[lo] = row
        rd.data.score_bands.append(m.ScoreBand(lo, label, m.SourceRef(bt.name, row)))


def read_scores(rd: Reading) -> None:
    st = rd.table(s.SCORES)
    if st is None:
        return
    sheet = st.name
    add = rd.add
    year = rd.data.info.school_year
    start_year = _first_year(year)
    criteria = {header_key(c.code): c for c in rd.data.score_criteria}
    has_criteria = rd.names.get("criteria") is not None and not rd.unchecked("criteria")
    phases = {p.number for p in rd.data.phases}
    has_phases = rd.names.get("phases") is not None and not rd.unchecked("phases")
    month_label = st.column_label("month")
    # raw cell → (first day of the month | None | "bad:<why>", outside the school year), once per distinct value
    months: dict[Any, tuple[dt.date | None | str, bool]] = {None: (None, False), "": (None, False)}
    year_from = dt.date(start_year, FIRST_MONTH, 1) if start_year is not None else None
    year_to = dt.date(start_year + 1, FIRST_MONTH - 1, 1) if start_year is not None else None
    seen: dict[tuple[str, Any, Any, str], int] = {}
    by_id = rd.by_id
    append = rd.data.scores.append
    Entry, SourceRef = m.ScoreEntry, m.SourceRef  # noqa: N806 (local names: one lookup, not 500,000)
    g = st.get
    for i, (row, sid, month_raw, phase, crit, own, team, council, deduction, bonus, note) in enumerate(zip(
            st.rows, g("staff_id"), g("month"), g("phase"), g("criterion"), g("self_score"), g("team_score"),
            g("council_score"), g("deduction"), g("bonus"), g("note"))):
        if not sid:
            continue
        if sid not in by_id:
            found = known_person(rd, st, row, "staff_id", sid)
            if found is None:
                continue
            sid = found
        got = months.get(month_raw)
        if got is None:
            try:
                parsed: dt.date | None | str = to_month(month_raw, year)
            except MonthError as exc:
                parsed = "bad:" + str(exc)
            outside = isinstance(parsed, dt.date) and year_from is not None and not (
                year_from <= parsed <= year_to)  # type: ignore[operator]
            got = months[month_raw] = (parsed, outside)
        month, outside = got
        if isinstance(month, str):
            key = "scoring.reader.month_no_year" if month == "bad:no_year" else "scoring.reader.bad_month"
            add("error", "BAD_VALUE", sheet, row, month_label, month_raw, key, "scoring.reader.bad_month_hint",
                value=clean(month_raw))
            continue
        if month is None and phase is None:
            if (i, "phase") in st.bad:
                continue
            add("error", "MISSING_VALUE", sheet, row, month_label, "", "scoring.reader.no_period",
                "scoring.reader.no_period_hint")
            continue
        if month is not None and phase is not None:
            add("warning", "MONTH_AND_PHASE", sheet, row, st.column_label("phase"), phase,
                "scoring.reader.month_and_phase", "scoring.reader.month_and_phase_hint", phase=phase)
            phase = None
        if outside:
            add("warning", "MONTH_OUTSIDE_YEAR", sheet, row, month_label, f"{month:%m/%Y}",
                "scoring.reader.month_outside", "scoring.reader.month_outside_hint", month=f"{month:%m/%Y}",
                year=year)
        if phase is not None and has_phases and phase not in phases:
            add("error", "UNKNOWN_PHASE", sheet, row, st.column_label("phase"), phase,
                "scoring.reader.unknown_phase", "scoring.reader.unknown_phase_hint", n=phase,
                sheet=rd.names.get("phases"))
            continue
        code = crit or ""
        if code:
            c = criteria.get(header_key(code))
            if c is None:
                if has_criteria or not criteria:
                    add("error", "UNKNOWN_CRITERION", sheet, row, st.column_label("criterion"), code,
                        "scoring.reader.unknown_criterion", "scoring.reader.unknown_criterion_hint", code=code,
                        sheet=rd.names.get("criteria") or s.CRITERIA.name)
                continue
            code = c.code
            top = max((v for v in (own, team, council) if v is not None), default=None)
            if c.max_points is not None and top is not None and top > c.max_points:
                add("warning", "OVER_MAX", sheet, row, st.column_label("criterion"), code,
                    "scoring.reader.over_max", "scoring.reader.over_max_hint", code=code,
                    max=fraction_text(c.max_points), value=fraction_text(top))
        dup = (sid, month, phase, code)
        if dup in seen:
            add("error", "DUPLICATE_SCORE", sheet, row, st.column_label("staff_id"), sid,
                "scoring.reader.duplicate_score", "scoring.reader.duplicate_score_hint", id=sid,
                period=f"{month:%m/%Y}" if month else t("scoring.reader.period_phase", n=phase), first=seen[dup])
            continue
        seen[dup] = row
        if council is None and team is None and own is None:
            add("warning", "NO_SCORE", sheet, row, st.column_label("self_score"), "",
                "scoring.reader.no_score", "scoring.reader.no_score_hint")
        append(Entry(sid, month, phase, code, own, team, council, _ZERO if deduction is None else deduction,
                     _ZERO if bonus is None else bonus, note or "", SourceRef(sheet, row)))
    if "name_ref" in st.cols:
        check_name(rd, st, st.rows, g("staff_id"), g("name_ref"))


def read_calendar(rd: Reading) -> None:
    ct = rd.table(s.CALENDAR)
    if ct is None:
        return
    for row, task, who, start, due, done, kind in zip(ct.rows, ct.get("task"), ct.get("who"), ct.get("start"),
                                                      ct.get("due"), ct.get("done"), ct.get("kind")):
        if not task:
            continue
        if start is not None and due is not None and due < start:
            rd.add("warning", "END_BEFORE_START", ct.name, row, ct.column_label("due"), fmt_date(due),
                   "reader.end_before_start", "reader.end_before_start_hint", end=fmt_date(due),
                   start=fmt_date(start))
        rd.data.calendar.append(m.CalendarTask(task, who or "", start, due, bool(done), kind or "",
                                               m.SourceRef(ct.name, row)))
    deadline, late = late_registrations(rd.data.registrations, rd.data.calendar)
    if deadline is None or deadline.due is None:
        return
    label = s.REGISTRATIONS.column("date").header
    for r in late:
        if r.source is None or r.date is None:
            continue
        rd.add("warning", "LATE_REGISTRATION", r.source.sheet, r.source.row, label, fmt_date(r.date),
               "calendar.late_registration", "calendar.late_registration_hint", date=fmt_date(r.date),
               due=fmt_date(deadline.due), sheet=ct.name, row=deadline.source.row if deadline.source else "—")


def scoring_rows(data: m.SchoolData, spec: s.SheetSpec) -> list[list[Any]]:
    """Rows of an optional year sheet filled from ``data`` (the template writer: ``thidua init``, demos)."""
    key = spec.key
    names = {p.id: p.full_name for p in data.staff}
    if key == "criteria":
        return [[c.code, c.name, c.group, c.max_points, c.weight if c.weight != 1 else None]
                for c in data.score_criteria]
    if key == "scores":
        return [[e.staff_id, names.get(e.staff_id, ""), f"{e.month:%m/%Y}" if e.month else None, e.phase,
                 e.criterion or None, e.self_score, e.team_score, e.council_score, e.deduction or None,
                 e.bonus or None, e.note or None] for e in data.scores]
    if key == "phases":
        return [[p.number, p.start, p.end, p.theme] for p in data.phases]
    if key == "calendar":
        return [[c.task, c.who, c.start, c.due, vocabulary.label("yes_no", "1" if c.done else "0"), c.kind or None]
                for c in data.calendar]  # Có/Không: the words of the vocabulary the reader reads back
    if key == "bands":
        return [[b.min_points, b.label] for b in data.score_bands]
    return []
