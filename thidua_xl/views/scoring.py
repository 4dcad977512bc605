"""How scoring through the year is shown: the result sheets (``Kết quả chấm điểm``, per phase, per team, the
per-phase lists, one month's table), the JSON of ``thidua diem --json`` and the calendar's reminder sheet."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from thidua_xl.core.model import CalendarTask, Problem
from thidua_xl.core.rules import tag_label
from thidua_xl.core.scoring.calendar import CalendarStatus, Due
from thidua_xl.core.scoring.result import PersonScores, ScoringResult
from thidua_xl.messages import t
from thidua_xl.perf import without_gc
from thidua_xl.text import name_key
from thidua_xl.views.table import ResultTable
from thidua_xl.views.values import NONE, vi_number
from thidua_xl.workbook.schema import CALENDAR, RESULT_SHEETS

_CENT = Decimal("0.01")


def points(x: Fraction | None) -> float | None:
    """A score as shown: rounded half up to two decimals (86,666… → 86,67); None stays None."""
    if x is None:
        return None
    if x.denominator == 1:
        return float(x.numerator)
    return float((Decimal(x.numerator) / Decimal(x.denominator)).quantize(_CENT, rounding=ROUND_HALF_UP))


def points_text(x: Fraction | None) -> str:
    """A score as shown in text: 86,67; 90; "—" for None."""
    v = points(x)
    return NONE if v is None else vi_number(v)


def month_label(m: dt.date) -> str:
    return t("scoring.h.month", m=m.month, y=m.year)


def months_text(months: list[dt.date]) -> str:
    return ", ".join(f"{m:%m/%Y}" for m in months)


def source_label(source: str) -> str:
    return t(f"scoring.source.{source}") if source else ""


def bands_source(result: ScoringResult) -> str:
    """Where the bands come from, as people read it: the school's sheet, or the rule set's value and its tag."""
    bands = result.bands
    return bands.citation + (f" — {tag_label(bands.tag)}" if bands.tag else "")


def _notes(result: ScoringResult) -> list[str]:
    origin = t(f"scoring.note.ceiling_{result.ceiling_origin}")
    source = bands_source(result)
    out = [t("scoring.note.rule", ceiling=points_text(result.ceiling), ceiling_origin=origin),
           t("scoring.note.bands", bands=result.bands.text(), source=source),
           t("scoring.note.suggestion"), t("scoring.note.ranks"), t("scoring.note.month_phase")]
    missing = sum(len(p.missing) for p in result.people)
    if missing:
        out.append(t("scoring.note.missing", n=missing))
    return out


def people_table(result: ScoringResult) -> ResultTable:
    """One row per person: each month's score, the year's mean, the suggested rating, ranks, missing months."""
    headers = [t("scoring.h.id"), t("scoring.h.name"), t("scoring.h.team"), *map(month_label, result.months),
               t("scoring.h.year"), t("scoring.h.suggested"), t("scoring.h.rank_team"), t("scoring.h.rank_school"),
               t("scoring.h.missing"), t("scoring.h.not_council")]
    rows: list[list[Any]] = []
    highlight: dict[int, str] = {}
    top = result.bands.top
    for i, p in enumerate(result.people):
        ms = p.months
        rows.append([p.staff_id, p.name, p.team,
                     *[points(ms[m].total) if m in ms else None for m in result.months],
                     points(p.year), p.suggested, p.rank_team or None, p.rank_school or None,
                     months_text(p.missing), months_text(p.not_council)])
        if p.missing:
            highlight[i] = "warn"
        elif p.suggested and p.suggested == top:
            highlight[i] = "ok"
    widths = [10, 26, 18, *[9] * len(result.months), 11, 24, 9, 10, 22, 22]
    return ResultTable(RESULT_SHEETS["scoring"], headers, rows, widths,
                       t("scoring.title.people", year=result.school_year), _notes(result), highlight)


def phases_table(result: ScoringResult, only: int | None = None) -> ResultTable:
    numbers = [ph.number for ph in result.phases if only is None or ph.number == only]
    headers = [t("scoring.h.id"), t("scoring.h.name"), t("scoring.h.team")]
    for n in numbers:
        headers += [t("scoring.h.phase_score", n=n), t("scoring.h.phase_band", n=n),
                    t("scoring.h.phase_rank_team", n=n), t("scoring.h.phase_rank_school", n=n)]
    rows: list[list[Any]] = []
    people = result.people
    if only is not None:
        people = sorted(people, key=lambda p: (p.phases[only].rank_school if only in p.phases else 10**9,
                                               name_key(p.name, p.staff_id)))
    for p in people:
        row: list[Any] = [p.staff_id, p.name, p.team]
        for n in numbers:
            ps = p.phases.get(n)
            row += [points(ps.total), ps.band, ps.rank_team or None, ps.rank_school or None] if ps else [None] * 4
        rows.append(row)
    notes = [t("scoring.note.phase", n=ph.number, start=f"{ph.start:%d/%m/%Y}", end=f"{ph.end:%d/%m/%Y}",
               theme=f" — {ph.theme}" if ph.theme else "",
               months=months_text([m for m, n in result.month_phase.items() if n == ph.number]) or "—")
             for ph in result.phases if ph.number in numbers]
    return ResultTable(RESULT_SHEETS["scoring_phases"], headers, rows, [10, 26, 18] + [10, 20, 8, 8] * len(numbers),
                       t("scoring.title.phases", year=result.school_year), notes + _notes(result)[:2])


def teams_table(result: ScoringResult) -> ResultTable:
    headers = [t("scoring.h.team"), t("scoring.h.members"), *map(month_label, result.months),
               *[t("scoring.h.phase_score", n=ph.number) for ph in result.phases], t("scoring.h.year"),
               t("scoring.h.band"), t("scoring.h.rank")]
    rows = [[ts.team, ts.members, *[points(ts.months.get(m)) for m in result.months],
             *[points(ts.phases.get(ph.number)) for ph in result.phases], points(ts.year), ts.band, ts.rank or None]
            for ts in result.teams]
    return ResultTable(RESULT_SHEETS["scoring_teams"], headers, rows, [24, 8], t("scoring.title.teams",
                       year=result.school_year), [t("scoring.note.ranks")])


def lists_table(result: ScoringResult, only: int | None = None) -> ResultTable:
    """The per-phase commendation lists: everyone in the highest band of a phase, in rank order."""
    headers = [t("scoring.h.phase"), t("scoring.h.rank"), t("scoring.h.id"), t("scoring.h.name"), t("scoring.h.team"),
               t("scoring.h.score"), t("scoring.h.band")]
    rows: list[list[Any]] = []
    for ph in result.phases:
        if only is not None and ph.number != only:
            continue
        for p in result.phase_list(ph.number):
            ps = p.phases[ph.number]
            rows.append([ph.number, ps.rank_school, p.staff_id, p.name, p.team, points(ps.total), ps.band])
    notes = [] if rows else [t("scoring.note.no_list", band=result.bands.top)]
    return ResultTable(RESULT_SHEETS["scoring_lists"], headers, rows, [6, 7, 10, 26, 18, 9, 22],
                       t("scoring.title.lists", band=result.bands.top), notes)


def month_rows(result: ScoringResult, month: dt.date) -> list[tuple[PersonScores, Any]]:
    """(person, their MonthScore or None) for everyone on the list, in rank order then missing ones."""
    scored = [(p, p.months[month]) for p in result.people if month in p.months]
    scored.sort(key=lambda pm: (pm[1].rank_school, name_key(pm[0].name, pm[0].staff_id)))
    missing = [(p, None) for p in result.people if month in p.missing]
    return scored + missing


def phase_rows(result: ScoringResult, number: int) -> list[PersonScores]:
    """Everyone scored in phase ``number``, in rank order (equal ranks: the Vietnamese name order)."""
    return sorted((p for p in result.people if number in p.phases),
                  key=lambda p: (p.phases[number].rank_school, name_key(p.name, p.staff_id)))


def month_table(result: ScoringResult, month: dt.date) -> ResultTable:
    """One month's table for the team meeting: score, source, deductions, bonuses, band, ranks."""
    headers = [t("scoring.h.id"), t("scoring.h.name"), t("scoring.h.team"), t("scoring.h.raw"),
               t("scoring.h.source"), t("scoring.h.deduction"), t("scoring.h.bonus"), t("scoring.h.score"),
               t("scoring.h.band"), t("scoring.h.rank_team"), t("scoring.h.rank_school"), t("scoring.h.note")]
    rows: list[list[Any]] = []
    highlight: dict[int, str] = {}
    for i, (p, ms) in enumerate(month_rows(result, month)):
        if ms is None:
            rows.append([p.staff_id, p.name, p.team, None, "", None, None, None, "", None, None,
                         t("scoring.h.missing")])
            highlight[i] = "warn"
            continue
        rows.append([p.staff_id, p.name, p.team, points(ms.raw), source_label(ms.source), points(ms.deduction) or None,
                     points(ms.bonus) or None, points(ms.total), ms.band, ms.rank_team, ms.rank_school, ms.note])
    name = f"{RESULT_SHEETS['scoring_month']} {month:%m-%Y}"
    return ResultTable(name, headers, rows, [10, 26, 18, 9, 12, 8, 8, 8, 22, 8, 9, 30],
                       t("scoring.title.month", month=f"{month:%m/%Y}"), _notes(result)[:2], highlight)


@without_gc  # one row object per person and sheet: no cycles to collect
def to_tables(result: ScoringResult, phase: int | None = None, month: dt.date | None = None) -> list[ResultTable]:
    tables = [people_table(result)]
    if result.phases:
        tables += [phases_table(result, phase), lists_table(result, phase)]
    if result.teams:
        tables.append(teams_table(result))
    if month is not None:
        tables.append(month_table(result, month))
    return tables


@without_gc  # a dict per person and month: no cycles to collect
def to_json(result: ScoringResult, phase: int | None = None, month: dt.date | None = None) -> dict[str, Any]:
    months = [m for m in result.months if month is None or m == month]
    phases = [ph for ph in result.phases if phase is None or ph.number == phase]
    return {
        "nam_hoc": result.school_year,
        "thang": [m.strftime("%Y-%m") for m in months],
        "dot": [{"dot": ph.number, "tu_ngay": ph.start.isoformat(), "den_ngay": ph.end.isoformat(),
                 "chu_de": ph.theme,
                 "thang": [m.strftime("%Y-%m") for m, n in result.month_phase.items() if n == ph.number],
                 "danh_sach_khen": [p.staff_id for p in result.phase_list(ph.number)]} for ph in phases],
        "xep_loai": {"muc": [{"tu_diem": points(lo), "xep_loai": label} for lo, label in result.bands.levels],
                     "nguon": result.bands.origin, "can_cu": result.bands.citation, "nhan": result.bands.tag},
        "diem_toi_da": points(result.ceiling),
        "ca_nhan": [{
            "ma": p.staff_id, "ho_ten": p.name, "to": p.team,
            "thang": {m.strftime("%Y-%m"): {"diem": points(ms.total), "diem_cham": points(ms.raw), "nguon": ms.source,
                                            "diem_tru": points(ms.deduction), "diem_cong": points(ms.bonus),
                                            "xep_loai": ms.band, "hang_to": ms.rank_team, "hang_truong": ms.rank_school}
                      for m, ms in p.months.items() if m in months},
            "dot": {str(n): {"diem": points(ps.total), "so_thang": ps.months, "cham_ca_dot": ps.direct, "xep_loai": ps.band,
                             "hang_to": ps.rank_team, "hang_truong": ps.rank_school}
                    for n, ps in p.phases.items() if phase is None or n == phase},
            "diem_nam": points(p.year), "xep_loai_goi_y": p.suggested, "hang_to": p.rank_team, "hang_truong": p.rank_school,
            "thang_thieu_diem": [m.strftime("%Y-%m") for m in p.missing if m in months],
        } for p in result.people],
        "to": [{"to": ts.team, "so_nguoi": ts.members, "diem_nam": points(ts.year), "xep_loai": ts.band, "hang": ts.rank,
                "thang": {m.strftime("%Y-%m"): points(v) for m, v in ts.months.items() if m in months},
                "dot": {str(n): points(v) for n, v in ts.phases.items() if phase is None or n == phase}}
               for ts in result.teams],
    }


# ---------------------------------------------------------------- calendar


def status(task: CalendarTask, today: dt.date, days: int) -> tuple[str, str]:
    """(Vietnamese status, highlight) of a calendar row on ``today``."""
    if task.done:
        return t("calendar.status.done"), "ok"
    if task.due is None:
        return t("calendar.status.no_due"), ""
    left = (task.due - today).days
    if left < 0:
        return t("calendar.status.overdue", days=-left), "bad"
    if left == 0:
        return t("calendar.status.today"), "warn"
    if left <= days:
        return t("calendar.status.soon", days=left), "warn"
    return t("calendar.status.later"), ""


def calendar_table(tasks: list[CalendarTask], today: dt.date, days: int) -> ResultTable:
    headers = [t("calendar.h.task"), t("calendar.h.who"), t("calendar.h.start"), t("calendar.h.due"),
               t("calendar.h.status")]
    rows: list[list[Any]] = []
    highlight: dict[int, str] = {}
    for i, task in enumerate(sorted(tasks, key=lambda x: (x.due or dt.date.max, x.task))):
        text, kind = status(task, today, days)
        rows.append([task.task, task.who, task.start, task.due, text])
        if kind:
            highlight[i] = kind
    return ResultTable(RESULT_SHEETS["calendar"], headers, rows, [44, 26, 12, 12, 18],
                       t("calendar.cli.title", today=f"{today:%d/%m/%Y}"), [], highlight)


def calendar_json(cal: CalendarStatus) -> dict[str, Any]:
    """The JSON of ``thidua lich --json``."""
    return {
        "hom_nay": cal.today.isoformat(), "so_ngay": cal.days,
        "viec": [{"cong_viec": x.task, "nguoi_thuc_hien": x.who, "tu_ngay": x.start, "han": x.due,
                  "da_xong": x.done, "tinh_trang": status(x, cal.today, cal.days)[0],
                  "dong": x.source.row if x.source else None} for x in cal.tasks],
        "qua_han": [d.task.task for d in cal.overdue], "sap_den_han": [d.task.task for d in cal.soon],
        "han_dang_ky": cal.registration.due if cal.registration else None,
        "dang_ky_sau_han": [{"ma": r.subject, "ngay": r.date, "dong": r.source.row if r.source else None}
                            for r in cal.late],
        "han_ho_so": cal.dossier.due if cal.dossier else None,
    }


def due_message(d: Due) -> str:
    who = t("calendar.who", who=d.task.who) if d.task.who else ""
    due = f"{d.task.due:%d/%m/%Y}" if d.task.due else ""
    if d.overdue:
        return t("calendar.overdue", task=d.task.task, days=-d.days, due=due, who=who)
    if d.days == 0:
        return t("calendar.due_today", task=d.task.task, due=due, who=who)
    return t("calendar.due_soon", task=d.task.task, days=d.days, due=due, who=who)


def calendar_problems(cal: CalendarStatus) -> list[Problem]:
    """The calendar's reminders for ``thidua validate``: overdue tasks and tasks due within N days, each at its
    row of the "Lịch thi đua" sheet (warnings; a registration after the deadline is the reader's own warning)."""
    out: list[Problem] = []
    due_col = CALENDAR.column("due").header
    for d in (*cal.overdue, *cal.soon):
        src = d.task.source
        hint = "calendar.overdue_hint" if d.overdue else "calendar.due_soon_hint"
        out.append(Problem("warning", "OVERDUE" if d.overdue else "DUE_SOON", src.sheet if src else CALENDAR.name,
                           src.row if src else None, due_col, f"{d.task.due:%d/%m/%Y}", due_message(d), t(hint)))
    return out
