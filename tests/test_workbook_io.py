"""Reader tolerances, every planted defect (sheet/row/column), writer atomicity, `thidua validate`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from pathlib import Path

import pytest
import wbfactory
from openpyxl import load_workbook

from thidua_xl import cli
from thidua_xl.core.model import Mark, Title
from thidua_xl.errors import InputError
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import read_workbook
from thidua_xl.workbook.writer import default_results_path, write_results


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_clean_workbook_reads_without_problems(tmp_path: Path) -> None:
    p = wbfactory.write(tmp_path / "a.xlsx")
    before = _sha(p)
    data = read_workbook(p)
    assert data.problems == []
    assert [x.id for x in data.staff] == ["GV001", "GV002", "GV003", "GV004"]
    assert data.info.school_year == "2024-2025" and data.info.meeting_date.isoformat() == "2025-05-25"
    assert data.staff[2].absence.maternity_months == 6
    assert data.staff[3].disciplines[0].level.value == "KHIEN_TRACH"
    assert data.registrations[2].is_team and data.registrations[2].subject == "Tổ Toán"
    assert data.ballots[4].source_kind.value == "WRITTEN"
    assert data.rounds[0].title == Title.CSTDCS and data.rounds[0].candidates == ["GV001"]
    assert _sha(p) == before  # the input is never written


def test_tolerates_title_rows_aliases_case_nfd_text_numbers_and_trailing_rows(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    staff = sheets[s.STAFF.name]
    staff[0][0] = "MÃ CÁN BỘ"  # alias, upper case
    staff[0][1] = "  họ  TÊN "  # alias with stray spaces, mixed case
    staff[0].append("Cột lạ của trường")  # extra column
    staff[1][1] = unicodedata.normalize("NFD", "nguyễn  thị hồng")  # NFD, lower case, double space
    staff[1][12] = "2,5"  # number as text with decimal comma
    staff[2][6] = "1/9/2012"  # d/m/yyyy as text
    staff.extend([[None] * 5, [" "] * 3])  # trailing empty rows
    p = wbfactory.write(tmp_path / "b.xlsx", sheets, title_rows=3)
    data = read_workbook(p)
    assert data.problems == []
    hong = data.staff[0]
    assert hong.full_name == "Nguyễn Thị Hồng" and unicodedata.is_normalized("NFC", hong.full_name)
    assert hong.absence.maternity_months * 2 == 5
    assert data.staff[1].recruited_date.isoformat() == "2012-09-01"
    assert len(data.staff) == 4
    assert data.staff[0].source.row == 5  # header moved to row 4 under the title rows


def test_real_excel_dates_and_numeric_ids(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    sheets[s.STAFF.name][1][3] = dt.datetime(1985, 3, 12)
    sheets[s.BALLOTS.name][1][0] = 1.0
    data = read_workbook(wbfactory.write(tmp_path / "c.xlsx", sheets))
    assert data.problems == []
    assert data.staff[0].birth_date == dt.date(1985, 3, 12)
    assert data.ballots[0].number == "1"


def _planted(tmp_path: Path) -> Path:
    sheets = wbfactory.base_sheets()
    staff = sheets[s.STAFF.name]
    staff[0][1] = "HỌ TÊN"  # a header renamed to an alias: tolerated, not a problem
    staff.append(["GV002", "Vũ Thị Lan", "Nữ", "01/01/1990", "GV", "Tổ Toán", "01/09/2015", "01/09/2015", "HTTNV"])
    staff[3][3] = "31/02/2024"  # impossible date
    staff[4][8] = "Giỏi"  # rating outside the list
    regs = sheets[s.REGISTRATIONS.name]
    regs.append(["Tập thể", "Tổ Hóa", "Tập thể lao động tiên tiến", "20/09/2024"])  # unknown team
    regs.append(["Cá nhân", "GV999", "Lao động tiên tiến", "20/09/2024"])  # person not on staff
    sheets[s.BALLOTS.name][3][5] = "x?"  # unreadable mark
    return wbfactory.write(tmp_path / "loi.xlsx", sheets)


def test_every_planted_defect_is_reported_with_sheet_row_column(tmp_path: Path) -> None:
    data = read_workbook(_planted(tmp_path))
    found = {(p.code, p.sheet, p.row, p.column.split(" ")[0]) for p in data.problems}
    assert ("DUPLICATE_ID", "Cán bộ", 6, "A") in found
    assert ("BAD_VALUE", "Cán bộ", 4, "D") in found  # 31/02/2024
    assert ("BAD_VALUE", "Cán bộ", 5, "I") in found  # "Giỏi"
    assert ("UNKNOWN_TEAM", "Đăng ký thi đua", 5, "B") in found
    assert ("UNKNOWN_PERSON", "Đăng ký thi đua", 6, "B") in found
    assert ("UNREADABLE_MARK", "Phiếu bầu", 4, "F") in found
    by_code = {p.code: p for p in data.problems}
    assert "không tồn tại" in next(p.message for p in data.problems if p.value == "31/02/2024")
    assert "HTXSNV" in next(p.suggestion for p in data.problems if p.value == "Giỏi")
    assert by_code["UNREADABLE_MARK"].severity == "warning"
    assert data.ballots[2].marks["GV001"] == Mark.UNREADABLE
    assert len(data.errors) == 5


def test_missing_sheet_column_and_value(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    del sheets[s.COUNCIL.name]
    sheets[s.STAFF.name] = [row[:1] + row[2:] for row in sheets[s.STAFF.name]]  # drop "Họ và tên"
    sheets[s.TEAMS.name][1][0] = "Tổ Toán"
    sheets[s.INFO.name][2][1] = "2024-2026"
    data = read_workbook(wbfactory.write(tmp_path / "d.xlsx", sheets))
    codes = {p.code for p in data.errors}
    assert {"MISSING_SHEET", "MISSING_COLUMN", "BAD_SCHOOL_YEAR"} <= codes
    missing_col = next(p for p in data.errors if p.code == "MISSING_COLUMN")
    assert missing_col.column == "Họ và tên" and "Họ tên" in missing_col.suggestion


def test_validate_cli_exit_codes_json_and_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = wbfactory.write(tmp_path / "tot.xlsx")
    assert cli.main(["validate", str(good)]) == 0
    capsys.readouterr()
    assert cli.main(["validate", str(_planted(tmp_path)), "--json"]) == 2
    problems = json.loads(capsys.readouterr().out)
    assert {"muc_do", "ma", "trang_tinh", "dong", "cot", "gia_tri", "noi_dung", "goi_y"} <= set(problems[0])
    assert any(p["ma"] == "DUPLICATE_ID" and p["dong"] == 6 for p in problems)
    # Warnings only: exit 0, or 1 with --strict.
    sheets = wbfactory.base_sheets()
    sheets[s.BALLOTS.name][2][5] = "??"
    warn = wbfactory.write(tmp_path / "canhbao.xlsx", sheets)
    assert cli.main(["validate", str(warn)]) == 0
    assert cli.main(["validate", str(warn), "--strict"]) == 1
    capsys.readouterr()
    assert cli.main(["validate", str(tmp_path / "khong_co.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Không tìm thấy tệp" in err and "Traceback" not in err
    (tmp_path / "rac.xlsx").write_text("không phải excel", encoding="utf-8")
    assert cli.main(["validate", str(tmp_path / "rac.xlsx")]) == 2
    assert "không phải sổ tính Excel" in capsys.readouterr().err


def test_writer_is_atomic_and_rerun_replaces_only_its_sheets(tmp_path: Path) -> None:
    src = wbfactory.write(tmp_path / "truong.xlsx")
    target = default_results_path(src)
    assert target.name == "truong_ketqua.xlsx"
    t1 = ResultTable("Kết quả xét", ["Mã", "Kết quả"], [["GV001", "Đủ"], ["GV002", "Không đủ"]],
                     widths=[10, 30], highlight={0: "ok", 1: "bad"})
    t2 = ResultTable("Ghi chú của tôi", ["x"], [["giữ nguyên"]])
    write_results([t1, t2], target)
    write_results([ResultTable("Kết quả xét", ["Mã", "Kết quả"], [["GV003", "Đủ"]])], target)
    wb = load_workbook(target)
    assert wb.sheetnames == ["Kết quả xét", "Ghi chú của tôi"]
    assert wb["Kết quả xét"]["A2"].value == "GV003" and wb["Kết quả xét"]["A3"].value is None
    assert wb["Ghi chú của tôi"]["A2"].value == "giữ nguyên"
    assert wb["Kết quả xét"].freeze_panes == "A2"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~")]  # no temp file left
    with pytest.raises(InputError):
        write_results([t1], src, input_path=src)


def test_writer_highlights_and_titles(tmp_path: Path) -> None:
    t = ResultTable("Kiểm tra dữ liệu", ["A"], [["x"], ["y"]], title="Tiêu đề", notes=["ghi chú"],
                    highlight={1: "bad"})
    ws = load_workbook(write_results([t], tmp_path / "k.xlsx"))["Kiểm tra dữ liệu"]
    assert ws["A1"].value == "Tiêu đề" and ws["A3"].value == "A" and ws.freeze_panes == "A4"
    assert ws["A5"].fill.fgColor.rgb.endswith("F8D7DA")
    assert ws["A7"].value == "ghi chú"
