"""The plan's calendar (issue 17, point 3): overdue and due-soon tasks in `thidua validate` and `thidua lich`, the
registration deadline used to flag late registrations, and the .ics export parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests import wbfactory
from thidua_xl import api
from thidua_xl.cli import main
from thidua_xl.core.scoring import defaults
from thidua_xl.workbook import schema as s

HEADER = ["Công việc", "Người thực hiện", "Từ ngày", "Hạn", "Đã xong", "Loại việc"]


def calendar_rows() -> list[list[Any]]:
    rows: list[list[Any]] = [HEADER]
    for task in defaults.default_calendar(2024):
        rows.append([task.task, task.who, task.start.strftime("%d/%m/%Y"), task.due.strftime("%d/%m/%Y"),
                     "Không", task.kind or None])
    rows[1][4] = "Có"  # the plan itself is done
    return rows


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    sheets = wbfactory.base_sheets()
    sheets[s.CALENDAR.name] = calendar_rows()
    regs = sheets[s.REGISTRATIONS.name]
    regs.append(["Cá nhân", "GV003", "Lao động tiên tiến", "02/11/2024"])  # row 5: after the 28/10 deadline
    return wbfactory.write(tmp_path / "truong.xlsx", sheets)


def test_registration_after_the_deadline_is_a_located_warning(workbook: Path) -> None:
    data = api.read(workbook)
    late = [p for p in data.problems if p.code == "LATE_REGISTRATION"]
    assert [(p.sheet, p.row, p.severity, p.value) for p in late] == [(s.REGISTRATIONS.name, 5, "warning", "02/11/2024")]
    assert "28/10/2024" in late[0].message and late[0].suggestion
    assert data.errors == []


def test_calendar_status_on_an_injected_today(workbook: Path) -> None:
    cal = api.calendar(workbook, today=dt.date(2024, 10, 25), days=7)
    assert [d.task.task for d in cal.overdue] == []  # the plan (due 30/09) is done
    assert [(d.task.task, d.days) for d in cal.soon] == [("Cá nhân, tập thể đăng ký danh hiệu thi đua", 3),
                                                         ("Sơ kết thi đua đợt 1", 6)]
    assert cal.registration is not None and cal.registration.due == dt.date(2024, 10, 28)
    assert cal.dossier is not None and cal.dossier.due == dt.date(2025, 5, 30)
    later = api.calendar(workbook, today=dt.date(2024, 11, 3), days=3)
    assert [(d.task.task, d.days) for d in later.overdue] == [("Cá nhân, tập thể đăng ký danh hiệu thi đua", -6),
                                                              ("Sơ kết thi đua đợt 1", -3)]
    assert [d.task.task for d in later.soon] == ["Chấm điểm thi đua tháng (tự chấm, tổ chấm, Hội đồng chấm)"]


def test_validate_warns_and_keeps_its_exit_codes(workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(workbook), "--json", "--hom-nay", "03/11/2024", "--ngay", "3"]) == 0
    problems = json.loads(capsys.readouterr().out)
    mine = [(p["ma"], p["trang_tinh"], p["dong"]) for p in problems if p["ma"] in ("OVERDUE", "DUE_SOON")]
    assert mine == [("OVERDUE", s.CALENDAR.name, 3), ("OVERDUE", s.CALENDAR.name, 4), ("DUE_SOON", s.CALENDAR.name, 5)]
    assert all(p["muc_do"] == "cảnh báo" for p in problems if p["ma"] in ("OVERDUE", "DUE_SOON"))
    assert main(["validate", str(workbook), "--json", "--hom-nay", "03/11/2024", "--strict"]) == 1


def test_ics_imports_with_the_sheets_dates_and_titles(workbook: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from icalendar import Calendar

    before = hashlib.sha256(workbook.read_bytes()).hexdigest()
    out = tmp_path / "lich.ics"
    assert main(["lich", str(workbook), "--ics", str(out), "--hom-nay", "25/10/2024"]) == 0
    assert hashlib.sha256(workbook.read_bytes()).hexdigest() == before
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    rows = calendar_rows()[1:]
    assert len(events) == len(rows)
    for ev, row in zip(events, rows):
        assert str(ev["SUMMARY"]) == row[0]
        start, due = (dt.datetime.strptime(x, "%d/%m/%Y").date() for x in (row[2], row[3]))
        assert ev.decoded("DTSTART") == start and not isinstance(ev.decoded("DTSTART"), dt.datetime)  # all-day
        assert ev.decoded("DTEND") == due + dt.timedelta(days=1)  # exclusive end: the deadline is inside
        assert row[1] in str(ev["DESCRIPTION"])
    uids = [str(ev["UID"]) for ev in events]
    assert len(set(uids)) == len(uids)
    capsys.readouterr()
    again = tmp_path / "lich2.ics"
    assert main(["lich", str(workbook), "--ics", str(again), "--json"]) == 0
    assert [str(ev["UID"]) for ev in Calendar.from_ical(again.read_bytes()).walk("VEVENT")] == uids  # stable
    doc = json.loads(capsys.readouterr().out)
    assert doc["han_dang_ky"] == "2024-10-28" and doc["dang_ky_sau_han"][0]["ma"] == "GV003"


def test_no_calendar_sheet_reads_as_before(tmp_path: Path) -> None:
    path = wbfactory.write(tmp_path / "x.xlsx")
    assert api.read(path).problems == api.read(path).problems
    assert not any(p.code in ("OVERDUE", "DUE_SOON", "LATE_REGISTRATION") for p in api.read(path).problems)
    assert main(["lich", str(path)]) == 2


def test_init_fills_the_phases_and_the_calendar_from_the_default_plan(tmp_path: Path) -> None:
    path = tmp_path / "moi.xlsx"
    assert main(["init", str(path), "--nam-hoc", "2025-2026"]) == 0
    data = api.read(path)
    assert data.info.school_year == "2025-2026"
    assert [(p.number, p.start, p.end) for p in data.phases] == [
        (1, dt.date(2025, 8, 1), dt.date(2025, 10, 20)), (2, dt.date(2025, 10, 21), dt.date(2025, 12, 31)),
        (3, dt.date(2026, 1, 1), dt.date(2026, 3, 31)), (4, dt.date(2026, 4, 1), dt.date(2026, 6, 30))]
    assert len(data.calendar) == len(defaults.CALENDAR)
    cal = api.calendar(data, today=dt.date(2025, 10, 1))
    assert cal.registration is not None and cal.registration.due == dt.date(2025, 10, 28)
    assert cal.dossier is not None and cal.dossier.due == dt.date(2026, 5, 30)
    assert not [p for p in data.problems if p.sheet in (s.PHASES.name, s.CALENDAR.name)]
    empty = tmp_path / "trong.xlsx"
    assert main(["init", str(empty), "--khong-lich"]) == 0
    assert api.read(empty).calendar == [] and api.read(empty).phases == []
