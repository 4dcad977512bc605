"""Hostile cells (issue 20, points 1, 2, 4, 5): year-only dates, numbers out of range or huge, Excel error
cells, month-first dates. Every case is a real .xlsx read back; the commands that run leave it byte-identical.

Fixture rows (see test_reader.sheets): "Cán bộ" row 2 = GV001 … row 6 = GV005; columns follow the schema
(D Ngày sinh, G Ngày tuyển dụng, H Ngày vào ngành, J Nghỉ thai sản, T Số năm ĐBKK, V Năm đi học, NVQS).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from test_reader import sheets, write_xlsx

from thidua_xl import cli
from thidua_xl.core import model as m
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import CellError, to_date, to_number
from thidua_xl.workbook.reader import read_workbook
from thidua_xl.workbook.template import render_docs

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
_COL = {c.key: i for i, c in enumerate(s.STAFF.columns)}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(tmp_path: Path, d: dict[str, list[list[Any]]]) -> tuple[m.SchoolData, Path]:
    path = write_xlsx(tmp_path / "loi.xlsx", d)
    before = _sha(path)
    data = read_workbook(path)
    assert _sha(path) == before
    return data, path


def _at(data: m.SchoolData, row: int, letter: str) -> list[m.Problem]:
    return [p for p in data.problems if p.sheet == "Cán bộ" and p.row == row and p.column.split(" ")[0] == letter]


def _staff(d: dict[str, list[list[Any]]], row: int, key: str, value: Any) -> None:
    d[s.STAFF.name][row - 1][_COL[key]] = value


# ---------------------------------------------------------------- 1. year-only dates


def test_a_bare_year_is_never_a_date(tmp_path: Path) -> None:
    d = sheets()
    _staff(d, 2, "birth_date", 1985)  # number
    _staff(d, 3, "recruited_date", "2015")  # text
    _staff(d, 4, "sector_entry_date", "9/2005")  # month and year only
    _staff(d, 5, "recruited_date", 40000)  # a real Excel serial: 06/07/2009
    _staff(d, 6, "recruited_date", dt.date(2012, 9, 1))  # a real date cell
    data, _ = _read(tmp_path, d)
    (p,) = _at(data, 2, "D")
    assert (p.severity, p.code, p.value) == ("error", "BAD_VALUE", "1985")
    assert p.message == "'1985' chỉ có năm; hãy ghi đủ ngày/tháng/năm."
    assert p.suggestion.startswith("Ghi đủ ngày, tháng, năm dạng dd/mm/yyyy")
    (p,) = _at(data, 3, "G")
    assert p.message == "'2015' chỉ có năm; hãy ghi đủ ngày/tháng/năm."
    (p,) = _at(data, 4, "H")
    assert p.message == "'9/2005' chỉ có tháng và năm; hãy ghi đủ ngày/tháng/năm."
    by_id = {p.id: p for p in data.staff}
    assert by_id["GV001"].birth_date is None and by_id["GV002"].recruited_date is None
    assert by_id["GV004"].recruited_date == dt.date(2009, 7, 6)
    assert by_id["GV005"].recruited_date == dt.date(2012, 9, 1)
    assert len(data.problems) == 3, data.problems


def test_a_year_typed_into_a_date_formatted_cell(tmp_path: Path) -> None:
    """Excel stores 2015 typed into a cell formatted as a date as the serial 2015 and shows 07/07/1905."""
    from openpyxl import load_workbook  # heavy: only to give the cell a date format

    path = write_xlsx(tmp_path / "nam.xlsx")
    wb = load_workbook(path)
    cell = wb[s.STAFF.name]["G3"]
    cell.value, cell.number_format = 2015, "dd/mm/yyyy"
    wb.save(path)
    data = read_workbook(path)
    (p,) = _at(data, 3, "G")
    assert p.value == "07/07/1905" and "năm 2015" in p.message and "chỉ có năm" in p.message


def test_serials_only_in_the_column_years() -> None:
    assert to_date(40000) == dt.date(2009, 7, 6)
    assert to_date(10959, s.BIRTH_YEARS) == dt.date(1930, 1, 1)  # a birth date may be earlier than 1950
    with pytest.raises(CellError) as exc:
        to_date(10959)  # 1930 is no recruitment date
    assert exc.value.key == "reader.serial_range" and exc.value.kw["lo"] == 1950
    with pytest.raises(CellError) as exc:
        to_date(2)
    assert exc.value.key == "reader.serial_range"
    for bad in (1e308, float("inf"), float("nan"), "99999999", "01/01/1800", "01/01/99999"):
        with pytest.raises(CellError):
            to_date(bad)


def test_the_schema_documents_every_range() -> None:
    for spec in s.INPUT_SHEETS:
        for col in spec.columns:
            if col.kind in ("number", "int"):
                assert col.bounds is not None, col.key
    docs = render_docs()
    assert "từ 0 đến 45" in docs and "từ 0 đến 12" in docs and "năm 1920–2100" in docs and "năm 1950–2100" in docs


# ---------------------------------------------------------------- 2. ranges for every number


def test_numbers_outside_their_range_and_huge_numbers(tmp_path: Path) -> None:
    d = sheets()
    _staff(d, 2, "study_military_years", 2015)
    _staff(d, 3, "study_military_years", 1e308)
    _staff(d, 4, "difficult_area_years", "1e100000000")
    _staff(d, 5, "difficult_area_years", "1e5000")
    _staff(d, 6, "maternity_months", "13")
    d[s.ROUNDS.name][1][4] = 100000  # ballots issued
    start = time.perf_counter()
    data, _ = _read(tmp_path, d)
    assert time.perf_counter() - start < 5
    (p,) = _at(data, 2, "V")
    assert p.message == "Giá trị '2015' nằm ngoài khoảng hợp lý 0–45 của cột này."
    assert p.suggestion == "Nhập số từ 0 đến 45."
    (p,) = _at(data, 3, "V")
    assert p.value == "1e+308" and "0–45" in p.message
    (p,) = _at(data, 4, "T")
    assert p.message == "'1e100000000' không phải là một số dùng được (quá lớn)."
    (p,) = _at(data, 5, "T")
    assert "1e5000" in p.message
    (p,) = _at(data, 6, "J")
    assert p.message == "Số tháng '13' nằm ngoài khoảng 0–12."
    (p,) = [p for p in data.problems if p.sheet == s.ROUNDS.name]
    assert (p.row, p.column, p.message) == (2, "E (Số phiếu phát ra)",
                                           "Giá trị '100000' nằm ngoài khoảng hợp lý 0–10000 của cột này.")
    assert len(data.problems) == 6, data.problems


@pytest.mark.parametrize("text", ["1e100000000", "9" * 100_000, "1" + "0" * 5000 + "e-99999999", "1/" + "7" * 9999])
def test_number_parsing_is_bounded_in_time(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(CellError):
        to_number(text)
    assert time.perf_counter() - start < 0.5
    assert to_number("2,5") == to_number("2.5") == to_number("5/2") and to_number("6 tháng") == 6


def _demo_with(tmp_path: Path, changes: dict[tuple[str, int], Any]) -> Path:
    """A copy of the demo workbook with some Cán bộ cells changed (keyed by header and Excel row)."""
    from openpyxl import load_workbook  # heavy: only to edit the demo copy

    path = tmp_path / "demo.xlsx"
    shutil.copy(DEMO, path)
    wb = load_workbook(path)
    ws = wb[s.STAFF.name]
    header = {c.value: c.column for c in ws[1] if c.value}
    for (col, row), value in changes.items():
        ws.cell(row, header[col], value)
    wb.save(path)
    return path


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_commands_give_a_located_error_never_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _demo_with(tmp_path, {
        ("Năm đi học, nghĩa vụ quân sự", 2): 2015, ("Năm đi học, nghĩa vụ quân sự", 3): 1e308,
        ("Số năm ở vùng ĐBKK", 4): "1e100000000", ("Ngày sinh", 5): "2015", ("Ngày vào ngành", 6): 2015,
    })
    before = _sha(path)
    for command in ("validate", "check", "tally", "report"):
        start = time.perf_counter()
        code = cli.main([command, str(path), "-o", str(tmp_path / f"out_{command}")] if command != "validate"
                        else [command, str(path)])
        out = capsys.readouterr()
        assert code == 2, (command, out)
        assert time.perf_counter() - start < 60
        assert "Traceback" not in out.err + out.out
        assert _sha(path) == before
    cli.main(["validate", str(path), "--json"])
    text = capsys.readouterr().out
    for needle in ("nằm ngoài khoảng hợp lý 0–45", "quá lớn", "chỉ có năm"):
        assert needle in text


# ---------------------------------------------------------------- 4. Excel error cells


def _with_cached_error(path: Path, sheet_part: str, ref: str, formula: str, error: str) -> None:
    """Give cell ``ref`` a formula whose cached result is an Excel error, as Excel saves it."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[sheet_part].decode()
    start = xml.index(f'<c r="{ref}"')
    end = xml.index("</c>", start) + 4 if xml.find("/>", start) > xml.find("</c>", start) else xml.index("/>", start) + 2
    xml = xml[:start] + f'<c r="{ref}" t="e"><f>{formula}</f><v>{error}</v></c>' + xml[end:]
    parts[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_excel_error_cells_are_located_errors(tmp_path: Path) -> None:
    d = sheets()
    _staff(d, 2, "birth_date", "#DIV/0!")  # openpyxl stores these as error cells (t="e")
    _staff(d, 3, "full_name", "#N/A")
    _staff(d, 4, "maternity_months", "#REF!")
    _staff(d, 5, "rating", "#VALUE!")
    d[s.BALLOTS.name][1][5] = "#NAME?"  # a ballot mark
    d[s.HISTORY.name][1][1] = "#N/A"  # a reference name
    path = write_xlsx(tmp_path / "loi.xlsx", d)
    staff_part = f"xl/worksheets/sheet{list(d).index(s.STAFF.name) + 1}.xml"
    _with_cached_error(path, staff_part, "G6", "1/0", "#DIV/0!")  # a formula that failed
    before = _sha(path)
    data = read_workbook(path)
    assert _sha(path) == before
    found = {(p.sheet, p.row, p.column.split(" ")[0]): p for p in data.problems if p.code == "BAD_VALUE"}
    expected = {("Cán bộ", 2, "D"): "#DIV/0!", ("Cán bộ", 3, "B"): "#N/A", ("Cán bộ", 4, "J"): "#REF!",
                ("Cán bộ", 5, "O"): "#VALUE!", ("Cán bộ", 6, "G"): "#DIV/0!", (s.BALLOTS.name, 2, "F"): "#NAME?",
                (s.HISTORY.name, 2, "B"): "#N/A"}
    assert set(expected) <= set(found), data.problems
    for key, code in expected.items():
        p = found[key]
        assert p.severity == "error" and p.value == code
        assert p.message.startswith(f"Ô hiện lỗi Excel {code} (")
    assert found[("Cán bộ", 2, "D")].message == ("Ô hiện lỗi Excel #DIV/0! (công thức chia cho 0); "
                                               "không đọc được giá trị.")
    assert "Sửa công thức" in found[("Cán bộ", 2, "D")].suggestion
    assert not any(p.code == "MISSING_VALUE" for p in data.problems)  # an error cell is not a blank
    assert not any(p.code == "NAME_MISMATCH" for p in data.problems)


def test_excel_errors_read_as_text_by_other_hosts() -> None:
    """openpyxl (the add-in's file book) and xlwings (err_to_str) give the error as its text."""
    from thidua_xl.workbook.reader import read_tables

    d = sheets()
    _staff(d, 2, "sick_months", "#N/A")
    data = read_tables(d)
    (p,) = [p for p in data.problems if p.code == "BAD_VALUE"]
    assert (p.row, p.column, p.value) == (2, "K (Nghỉ ốm (tháng))", "#N/A") and "#N/A" in p.message



def _rewritten(path: Path, out: Path, edit: Any) -> Path:
    """``path`` with its workbook part and that part's relationships passed through ``edit(name, xml)``."""
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
        for info in z.infolist():
            data = z.read(info)
            if info.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                data = edit(info.filename, data)
            o.writestr(info.filename, data)
    return out


def test_excel_error_cells_found_in_every_valid_shape_of_the_workbook_part(tmp_path: Path) -> None:
    """The error scan finds each sheet's part by the workbook's own XML: in a workbook a tool rewrote with other
    namespace prefixes (ElementTree writes ``ns0:sheet``, ``ns1:id``, ``ns0:Relationship``), or with single quotes
    and spaces around '=' (calamine reads both), the error cell is still a located error, not a blank."""
    import re
    import xml.etree.ElementTree as ET

    d = sheets()
    _staff(d, 2, "birth_date", "#DIV/0!")
    path = write_xlsx(tmp_path / "loi.xlsx", d)

    def element_tree(name: str, xml: bytes) -> bytes:
        return ET.tostring(ET.fromstring(xml), encoding="utf-8", xml_declaration=True)

    def quotes(name: str, xml: bytes) -> bytes:
        return re.sub(rb'\b(name|r:id|Id|Target)="([^"]*)"', rb"\1 = '\2'", xml)

    for edit in (element_tree, quotes):
        shaped = _rewritten(path, tmp_path / f"{edit.__name__}.xlsx", edit)
        found = [p for p in read_workbook(shaped).problems if p.code == "BAD_VALUE"]
        assert [(p.sheet, p.row, p.column[0], p.value) for p in found] == [("Cán bộ", 2, "D", "#DIV/0!")], edit

# ---------------------------------------------------------------- 5. ambiguous (month-first) dates


def test_month_first_dates_make_every_ambiguous_date_of_the_column_a_warning(tmp_path: Path) -> None:
    d = sheets()
    _staff(d, 2, "birth_date", "09/14/1978")  # only month-first
    _staff(d, 3, "birth_date", "03/04/1978")  # ambiguous
    _staff(d, 4, "birth_date", "25/12/1980")  # unambiguous
    _staff(d, 5, "birth_date", "05/05/1990")  # day = month: the same either way
    _staff(d, 3, "recruited_date", "03/04/2010")  # ambiguous, but its column shows no month-first date
    data, _ = _read(tmp_path, d)
    (p,) = _at(data, 2, "D")
    assert p.severity == "error" and "kiểu Mỹ tháng/ngày/năm" in p.message and "14/09/1978" in p.suggestion
    (p,) = _at(data, 3, "D")
    assert (p.severity, p.code, p.value) == ("warning", "AMBIGUOUS_DATE", "03/04/1978")
    assert p.message == ("Ngày '03/04/1978' đã được đọc là 03/04/1978 (ngày/tháng/năm), nhưng cột này có ngày "
                         "ghi theo kiểu tháng/ngày/năm ('09/14/1978'): có thể là 04/03/1978.")
    assert not _at(data, 4, "D") and not _at(data, 5, "D") and not _at(data, 3, "G")
    assert [p.code for p in _at(data, 6, "D")] == ["AMBIGUOUS_DATE"]  # the fixture's 12/03/1985 too
    assert len(data.problems) == 3, data.problems
    assert {p.id: p.birth_date for p in data.staff}["GV002"] == dt.date(1978, 4, 3)


@pytest.mark.xlwings_remote
def test_excel_errors_through_the_xlwings_book() -> None:
    """The Excel face reads a cell showing #DIV/0! as that text (err_to_str), not as a blank."""
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings PRO remote Book needs XLWINGS_LICENSE_KEY=noncommercial (make test sets it)")
    import xlwings as xw  # heavy: only this test drives the remote interpreter
    from test_excel import _payload

    from thidua_xl.excel.book import XlwingsBook
    from thidua_xl.workbook.reader import read_tables

    d = sheets()
    _staff(d, 2, "birth_date", "#DIV/0!")
    with xw.Book(json=_payload(d, "loi.xlsx")) as book:
        tables = XlwingsBook(book).read_tables()
    assert tables[s.STAFF.name][1][_COL["birth_date"]] == "#DIV/0!"
    (p,) = [p for p in read_tables(tables).problems if p.code == "BAD_VALUE"]
    assert (p.row, p.column, p.value) == (2, "D (Ngày sinh)", "#DIV/0!") and "chia cho 0" in p.message


def test_a_message_quotes_at_most_80_characters_of_a_bad_value(tmp_path: Path) -> None:
    """Issue 20 point 6: a very long bad value (a pasted paragraph in a date cell) is quoted cut short."""
    d = sheets()
    long_text = "ngày vào ngành: " + "không nhớ rõ, khoảng năm hai nghìn lẻ mấy " * 20
    _staff(d, 2, "recruited_date", long_text)
    data, _ = _read(tmp_path, d)
    letter = chr(ord("A") + _COL["recruited_date"])
    (p,) = _at(data, 2, letter)
    assert p.severity == "error"
    assert len(p.value) <= 80 and p.value.endswith("…")
    assert long_text[:60] in p.message and long_text not in p.message
    assert len(p.message) < 80 + 200
