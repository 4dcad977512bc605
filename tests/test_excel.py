"""The Excel face on Linux: TDKT_ functions called directly, the ribbon actions run end to end through
the book interface over a real .xlsx (and through xlwings' remote Book), compared with the CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from thidua_xl import cli
from thidua_xl.excel import udfs
from thidua_xl.excel.actions import ACTIONS, BY_ID, GROUPS, run_action
from thidua_xl.excel.book import FileBook
from thidua_xl.excel.udfspec import udf_specs
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook import schema
from thidua_xl.workbook.demo import write_demo
from thidua_xl.workbook.schema import RESULT_SHEETS

DATA_SHEETS = ("Thông tin chung", "Tổ", "Cán bộ", "Đăng ký thi đua", "Sáng kiến - Đề tài", "Thành tích",
               "Lịch sử thi đua", "Kỷ luật")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.xlsx")


@pytest.fixture(scope="module")
def ranges(demo: Path) -> list[list[list[Any]]]:
    tables = FileBook(demo).read_tables()
    return [tables[n] for n in DATA_SHEETS]


@pytest.fixture(scope="module")
def cli_check(demo: Path) -> dict[str, Any]:
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert cli.main(["check", str(demo), "--json", "--khong-ghi"]) == 0
    return json.loads(buf.getvalue())


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _sheet_values(path: Path, name: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
    finally:
        wb.close()
    for r in rows:
        while r and r[-1] is None:
            r.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


# ----------------------------------------------------------------------------- worksheet functions


def test_per_person_functions_agree_with_the_cli(ranges: list[Any], cli_check: dict[str, Any]) -> None:
    rows = cli_check["ca_nhan"]
    assert rows
    for r in rows:
        got = udfs.TDKT_XET(r["ma"], r["danh_hieu"], "", *ranges)
        assert got is r["du_dieu_kien"], (r["ma"], r["danh_hieu"])
        text = udfs.TDKT_GIAI_THICH(r["ma"], r["danh_hieu"], "", *ranges)
        if r["du_dieu_kien"]:
            assert text == "Đủ điều kiện"
        else:
            for reason in r["ly_do"]:
                assert reason["noi_dung"] in text and reason["can_cu"] in text


def test_planted_refusals_say_why(ranges: list[Any]) -> None:
    assert udfs.TDKT_XET("GV050", "LDTT", "", *ranges) is False
    assert "tháng" in udfs.TDKT_GIAI_THICH("GV050", "LDTT", "", *ranges)  # new hire: months of service
    assert udfs.TDKT_XET("GV005", "Chiến sĩ thi đua cơ sở", "", *ranges) is False  # by Vietnamese name
    assert "đăng ký" in udfs.TDKT_GIAI_THICH("GV005", "CSTDCS", "", *ranges).lower()


def test_table_function_equals_single_calls(ranges: list[Any], cli_check: dict[str, Any]) -> None:
    table = udfs.TDKT_XET_BANG("", "", *ranges)
    header, body = table[0], table[1:]
    assert header[:3] == ["Mã CB", "Họ và tên", "Tổ"] and header[-1] == "Lý do"
    codes = header[3:-1]
    assert len(body) == len({r["ma"] for r in cli_check["ca_nhan"]})
    expected = {(r["ma"], r["danh_hieu"]): r["du_dieu_kien"] for r in cli_check["ca_nhan"]}
    for row in body:
        for code, value in zip(codes, row[3:-1]):
            assert value is expected[(row[0], code)]
    one = udfs.TDKT_XET_BANG("LDTT", "", *ranges)
    assert one[0][3:] == ["Đủ điều kiện", "Lý do"]
    assert [r[3] for r in one[1:]] == [expected[(r[0], "LDTT")] for r in one[1:]]
    # sorted by team, then the Vietnamese way inside a team
    from thidua_xl.text import name_key

    for a, b in zip(one[1:], one[2:]):
        if a[2] == b[2]:
            assert name_key(a[1]) <= name_key(b[1])


def test_one_title_table_reads_only_its_sheets_and_agrees_with_the_cli(
        ranges: list[Any], cli_check: dict[str, Any]) -> None:
    """TDKT_XET_BANG for one title reads only the sheets that title uses (schema.sheets_for); for
    every title its verdicts and reasons are still those of the full check."""
    from thidua_xl.core.model import INDIVIDUAL_TITLES

    full = {(r["ma"], r["danh_hieu"]): r for r in cli_check["ca_nhan"]}
    skipped = set()
    for title in INDIVIDUAL_TITLES:
        skipped |= {"history", "initiatives"} - schema.sheets_for({title})
        udfs._CACHE.clear()
        table = udfs.TDKT_XET_BANG(title.value, "", *ranges)
        assert len(table) - 1 == len({r["ma"] for r in cli_check["ca_nhan"]})
        for sid, _name, _team, ok, reasons in table[1:]:
            want = full[(sid, title.value)]
            assert ok is want["du_dieu_kien"], (sid, title)
            assert reasons == "\n".join(f"{r['noi_dung']} ({r['can_cu']})" for r in want["ly_do"]) or (
                ok and reasons == "")
    assert skipped == {"history", "initiatives"}  # some titles do skip sheets
    # a broken row in a sheet LĐTT does not read does not stop the LĐTT table
    history = [list(r) for r in ranges[DATA_SHEETS.index("Lịch sử thi đua")]]
    history[1][0] = "GV999"  # unknown staff ID
    broken = [history if n == "Lịch sử thi đua" else r for n, r in zip(DATA_SHEETS, ranges)]
    [[cell]] = udfs.TDKT_XET_BANG("CSTD_TINH", "", *broken)  # one cell: the error value and its reason
    assert cell.startswith("#VALUE! ") and "Lịch sử thi đua, dòng 2" in cell
    assert udfs.TDKT_XET_BANG("LDTT", "", *broken)[1:] == udfs.TDKT_XET_BANG("LDTT", "", *ranges)[1:]


def test_bad_input_gives_real_error_values(ranges: list[Any]) -> None:
    assert udfs.TDKT_XET("GV999", "LDTT", "", *ranges) == "#N/A"
    assert "GV999" in udfs.TDKT_GIAI_THICH("GV999", "LDTT", "", *ranges)
    assert udfs.TDKT_XET("GV001", "HUY_CHUONG", "", *ranges) == "#N/A"
    assert udfs.TDKT_XET("GV001", "LDTT", "", [["x", "y"], [1, 2]], *ranges) == "#VALUE!"  # not a standard table
    assert udfs.TDKT_XET("GV001", "LDTT", "", *ranges[3:]) == "#VALUE!"  # no staff table
    assert "Cán bộ" in udfs.TDKT_GIAI_THICH("GV001", "LDTT", "", *ranges[3:])
    no_info = [r for r in ranges if udfs.classify(r) != "Thông tin chung"]
    assert udfs.TDKT_XET("GV001", "LDTT", "", *no_info) == "#VALUE!"  # no school year anywhere
    assert udfs.TDKT_XET("GV001", "LDTT", "2024-2025", *no_info) in (True, False)
    staff = [list(r) for r in ranges[2]]
    staff.append(list(staff[1]))  # duplicate staff ID: data error, with sheet/row/column
    assert udfs.TDKT_XET("GV001", "LDTT", "", ranges[0], staff) == "#VALUE!"
    text = udfs.TDKT_GIAI_THICH("GV001", "LDTT", "", ranges[0], staff)
    assert text.startswith("#VALUE!") and "Cán bộ" in text and "dòng" in text
    assert udfs.TDKT_TINH_TY_LE(12, 11) == "#NUM!"
    assert udfs.TDKT_TINH_TY_LE(1, 0) == "#NUM!"
    assert udfs.TDKT_TINH_TY_LE("mười", 11) == "#VALUE!"
    assert udfs.TDKT_DAT_NGUONG(5, 10, "KHONG_CO", "2024-2025") == "#N/A"


def test_percentages_round_half_up_and_thresholds_are_exact() -> None:
    assert udfs.TDKT_TINH_TY_LE(9, 11) == 81.82
    assert udfs.TDKT_TINH_TY_LE(1, 8, 0) == 13.0  # 12.5 → 13 (half up), not 12 (half even)
    assert udfs.TDKT_TINH_TY_LE(1, 8, 1) == 12.5
    assert udfs.TDKT_TINH_TY_LE("7", "10") == 70.0
    # CSTĐCS (2024): ≥ 80% of the council; 8/10 passes, 7999/10000 does not
    assert udfs.TDKT_DAT_NGUONG(8, 10, "CSTDCS", "2024-2025") is True
    assert udfs.TDKT_DAT_NGUONG(7999, 10000, "CSTDCS", "2024-2025") is False
    text = udfs.TDKT_NGUONG("CSTDCS", "2024-2025")
    assert "80%" in text and "NĐ 98/2023" in text
    assert "2017" not in udfs.TDKT_NGUONG("CSTDCS", "2024-2025") or "91/2017" not in text


def test_name_helpers() -> None:
    assert udfs.TDKT_CHUAN_HOA_TEN("  nguyễn   thị  hồng ") == "Nguyễn Thị Hồng"
    decomposed = "Nguye\u0302\u0303n"  # NFD input becomes NFC
    assert udfs.TDKT_CHUAN_HOA_TEN(decomposed) == "Nguyễn"
    out = udfs.TDKT_SAP_XEP_TEN([["Trần Văn Bình", 1], ["Nguyễn Thị Anh", 2], ["Lê An", 3], ["Đỗ Thị An", 4]])
    assert [r[0] for r in out] == ["Lê An", "Đỗ Thị An", "Nguyễn Thị Anh", "Trần Văn Bình"]
    assert [r[1] for r in out] == [3, 4, 2, 1]  # other columns follow their name


def test_tally_function(demo: Path) -> None:
    tables = FileBook(demo).read_tables()
    spilled = udfs.TDKT_KIEM_PHIEU("", *[tables[n] for n in (*DATA_SHEETS, "Hội đồng TĐKT", "Danh sách bỏ phiếu",
                                                                  "Phiếu bầu")])
    import thidua_xl

    res = thidua_xl.tally(demo)
    expected = [(tt.title.value, c.subject, c.approvals, c.threshold_passed, c.proposed)
                for tt in res.titles for c in tt.candidates]
    assert [(r[0], r[1], r[3], r[6], r[9]) for r in spilled[1:]] == expected


def test_udf_metadata() -> None:
    specs = udf_specs()
    names = [s.name for s in specs]
    for required in ("TDKT_XET", "TDKT_GIAI_THICH", "TDKT_XET_BANG", "TDKT_TINH_TY_LE", "TDKT_DAT_NGUONG",
                     "TDKT_KIEM_PHIEU", "TDKT_CHUAN_HOA_TEN", "TDKT_SAP_XEP_TEN"):
        assert required in names
    for s in specs:
        assert s.name.isascii() and re.fullmatch(r"TDKT_[A-Z_]+", s.name)
        assert not re.fullmatch(r"[A-Z]{1,3}[0-9]+|R[0-9]*C[0-9]*", s.name)  # not a cell reference
        assert s.doc and any(ord(ch) > 127 for ch in s.doc), s.name  # Vietnamese description
        for a in s.args:
            assert a.doc, (s.name, a.name)
        assert callable(getattr(udfs, s.name))
    by = {s.name: s for s in specs}
    assert [a.vararg for a in by["TDKT_XET"].args] == [False, False, False, True]
    assert by["TDKT_TINH_TY_LE"].args[2].optional
    assert by["TDKT_XET_BANG"].array and not by["TDKT_XET"].array
    # xlwings reads the same metadata: varargs ask for 2-D ranges
    from typing import get_type_hints

    hint = get_type_hints(udfs.TDKT_XET, include_extras=True)["bang"]
    assert hint.__metadata__[0]["ndim"] == 2
    # a cell showing an Excel error reaches the function as its text (xlwings' err_to_str), not as a blank
    for s in specs:
        for a in s.args:
            if a.vararg:
                assert get_type_hints(getattr(udfs, s.name), include_extras=True)[a.name].__metadata__[0][
                    "err_to_str"] is True, (s.name, a.name)


def test_a_cell_showing_an_excel_error_is_a_located_error_not_a_blank(ranges: list[Any]) -> None:
    staff = [list(r) for r in ranges[2]]
    sid, col = staff[1][0], staff[0].index("Xếp loại")
    assert udfs.TDKT_XET(sid, "LDTT", "", *ranges) is True
    staff[1][col] = "#N/A"  # what xlwings passes for the cell with err_to_str
    broken = [ranges[0], ranges[1], staff, *ranges[3:]]
    assert udfs.TDKT_XET(sid, "LDTT", "", *broken) == "#VALUE!"
    text = udfs.TDKT_GIAI_THICH(sid, "LDTT", "", *broken)
    assert "Cán bộ, dòng 2, cột O (Xếp loại)" in text and "#N/A" in text


# ----------------------------------------------------------------------------- ribbon actions


def test_actions_list_is_complete() -> None:
    assert [g.label for g in GROUPS] == ["Dữ liệu", "Xét", "Kiểm phiếu", "Hồ sơ", "Cài đặt"]
    assert [a.group for a in ACTIONS] == sorted((a.group for a in ACTIONS), key=[g.id for g in GROUPS].index)
    assert len({a.id for a in ACTIONS}) == len(ACTIONS) and len({a.vba_sub for a in ACTIONS}) == len(ACTIONS)
    for a in ACTIONS:
        assert a.id.isascii() and a.vba_sub.isascii() and a.python_call.isascii()
        assert f"on_ribbon('{a.id}')" in a.python_call


def test_ribbon_actions_match_cli_and_leave_input_sheets_alone(demo: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_NO_OPEN", "1")
    book_path = tmp_path / "truong.xlsx"
    shutil.copy(demo, book_path)
    before = _parts(book_path)
    book = FileBook(book_path)
    for a in ACTIONS:
        text = run_action(a.id, book)
        assert book.messages[-1] == text and text and not text.startswith(a.label + ":"), (a.id, text)
    after = _parts(book_path)
    input_parts = [n for n in before if n.startswith("xl/worksheets/")]
    assert input_parts and all(before[n] == after[n] for n in input_parts)  # byte for byte
    assert before["xl/sharedStrings.xml" if "xl/sharedStrings.xml" in before else input_parts[0]] == after[
        "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in before else input_parts[0]]
    # the CLI's results workbook holds the same result sheets
    cli_out = tmp_path / "cli_ketqua.xlsx"
    assert cli.main(["check", str(demo), "-o", str(cli_out)]) == 0
    assert cli.main(["tally", str(demo), "-o", str(cli_out)]) == 0
    for name in (RESULT_SHEETS["eligibility"], RESULT_SHEETS["teams"], RESULT_SHEETS["tally"]):
        assert _sheet_values(book_path, name) == _sheet_values(cli_out, name), name
    # dossier next to the workbook, new workbook created and "opened"
    assert sorted((tmp_path / "truong_hoso").rglob("*.docx"))
    assert book.opened and book.opened[0].name.startswith("mau_thidua") and book.opened[0].exists()
    # a rerun replaces its own sheets: same sheet list, same bytes for every other part, styles do not grow
    run_action("check", book)
    again = _parts(book_path)
    assert set(again) == set(after)
    assert len(again["xl/styles.xml"]) == len(after["xl/styles.xml"])
    from openpyxl import load_workbook

    names = load_workbook(book_path, read_only=True).sheetnames
    assert len(names) == len(set(names))
    assert names[:len(DATA_SHEETS)] != []  # the user's sheets keep their order
    assert [n for n in names if n in RESULT_SHEETS.values()] == [
        RESULT_SHEETS["validation"], RESULT_SHEETS["eligibility"], RESULT_SHEETS["teams"], RESULT_SHEETS["tally"]]


def test_action_on_bad_data_says_why_and_writes_nothing(demo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    bad = tmp_path / "loi.xlsx"
    wb = load_workbook(demo)
    ws = wb["Cán bộ"]
    ws.cell(row=3, column=1, value=ws.cell(row=2, column=1).value)  # duplicate staff ID
    wb.save(bad)
    before = _parts(bad)
    book = FileBook(bad)
    text = run_action("check", book)
    assert text.startswith("Xét điều kiện:") and "lỗi" in text
    assert _parts(bad) == before  # nothing written
    text = run_action("validate", book)  # the validation sheet is where the errors are listed
    rows = _sheet_values(bad, RESULT_SHEETS["validation"])
    assert any("Cán bộ" in [str(c) for c in r] for r in rows)
    assert run_action("khong_co", book).startswith("Nút")


def test_book_refuses_to_write_a_user_sheet(demo: Path, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    shutil.copy(demo, path)
    with pytest.raises(ValueError):
        FileBook(path).replace_sheet(ResultTable("Cán bộ", ["a"], [[1]]))


def test_unexpected_failure_is_a_message_not_a_traceback(demo: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.xlsx"
    shutil.copy(demo, path)
    from thidua_xl.core import eligibility

    def boom(*a: Any, **k: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(eligibility, "check_school", boom)
    book = FileBook(path)
    text = run_action("check", book)
    assert "ngoài dự kiến" in text and "RuntimeError" in text
    assert BY_ID["check"].label in text


# ----------------------------------------------------------------------------- xlwings remote Book


def _payload(tables: dict[str, list[list[Any]]], name: str) -> dict[str, Any]:
    import datetime as dt

    import xlwings as xw

    def enc(v: Any) -> Any:
        if isinstance(v, (dt.date, dt.datetime)):
            return dt.datetime(v.year, v.month, v.day).isoformat() + ".000Z"
        return "" if v is None else v

    sheets = []
    for sheet, rows in tables.items():
        width = max((len(r) for r in rows), default=1)
        values = [[enc(v) for v in r] + [""] * (width - len(r)) for r in rows] or [[""]]
        sheets.append({"name": sheet, "values": values, "pictures": [], "tables": []})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


@pytest.mark.xlwings_remote
def test_xlwings_book_through_the_remote_interpreter(demo: Path) -> None:
    if not os.environ.get("XLWINGS_LICENSE_KEY"):
        pytest.skip("xlwings PRO remote Book needs XLWINGS_LICENSE_KEY=noncommercial (make test sets it)")
    import xlwings as xw

    from thidua_xl.excel.book import XlwingsBook
    from thidua_xl.workbook.results import layout, typed_text

    tables = FileBook(demo).read_tables()
    with xw.Book(json=_payload(tables, "demo.xlsx")) as book:
        xb = XlwingsBook(book)
        read = xb.read_tables()
        assert list(read) == list(tables)
        assert read["Cán bộ"][1][:2] == tables["Cán bộ"][1][:2]
        text = run_action("check", xb)
        actions = book.json()["actions"]
    import thidua_xl
    from thidua_xl.views import check as check_view

    expected = check_view.to_tables(thidua_xl.check(demo))
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    assert added == [t.name for t in expected]
    grids = [a["values"] for a in actions if a["func"] == "setValues"]
    for table, grid in zip(expected, grids):
        want = layout(table).grid
        width = len(grid[0])
        # every text goes with Excel's text prefix where Excel would parse it (no formula, no number)
        assert grid == [["" if v is None else typed_text(v) for v in r + [None] * (width - len(r))] for r in want]
    alerts = [a for a in actions if a["func"] == "alert"]
    assert alerts and alerts[-1]["args"][0] == text and "Đã xét điều kiện" in text


def test_docs_excel_md_is_current() -> None:
    from thidua_xl.excel import doc

    text = (Path(__file__).resolve().parents[1] / "docs" / "excel.md").read_text(encoding="utf-8")
    assert text == doc.render(), "regenerate: python -m thidua_xl.excel.doc > docs/excel.md"
    for s in udf_specs():
        assert f"`{s.name}(" in text
    for a in ACTIONS:
        assert f"**{a.label}**" in text


@pytest.mark.parametrize("year", ["abc", -1, -1.0, 2024, "2024-2026", "1800-1801"])
def test_a_malformed_school_year_is_a_value_error_with_its_reason(ranges: list[Any], year: Any) -> None:
    """Issue 14 point 4: "abc", or an unquoted 2024-2025 (Excel computes -1), never raises."""
    assert udfs.TDKT_XET("GV001", "LDTT", year, *ranges) == "#VALUE!"
    reason = udfs.TDKT_GIAI_THICH("GV001", "LDTT", year, *ranges)
    assert reason.startswith("#VALUE! Năm học") and "2024-2025" in reason
    if year == -1:
        assert "ngoặc kép" in reason
    assert udfs.TDKT_DAT_NGUONG(9, 11, "CSTDCS", year) == "#VALUE!"
    assert udfs.TDKT_NGUONG("CSTDCS", year).startswith("#VALUE! Năm học")
    for table in (udfs.TDKT_KIEM_PHIEU(year, *ranges), udfs.TDKT_XET_BANG("LDTT", year, *ranges)):
        assert len(table) == 1 and table[0][0].startswith("#VALUE! Năm học")
    assert udfs.TDKT_XET("GV001", "LDTT", "2024-2025", *ranges) in (True, False)  # the right form still works


def test_xlwings_import_functions_wraps_each_function_once(tmp_path: Path) -> None:
    """xlwings' own generator (what "Import functions" runs) over the module: every wrapper name once.
    Run in a child process with the Windows-only modules stubbed so that xlwings' real decorator applies."""
    script = tmp_path / "gen.py"
    script.write_text("""
import io, sys, types
for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["pythoncom"].CoInitialize = lambda: None
sys.modules["win32com.client"].Dispatch = object
import xlwings, xlwings.udfs as U
xlwings.func = U.xlfunc
import thidua_xl.excel.udfs as mod

class Book:
    Name = "ThiDua.xlam"

out = io.StringIO()
U.generate_vba_wrapper("thidua_xl.excel.udfs", mod, out, Book())
print(out.getvalue())
""", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    names = re.findall(r"^Function (\w+)\(", done.stdout, re.M)
    assert names and len(names) == len(set(names)), names
    assert sorted(names) == sorted(s.name for s in udf_specs())


def test_ribbon_doctor_shows_the_commands_report(demo: Path, tmp_path: Path) -> None:
    """"Kiểm tra cài đặt" runs `thidua addin doctor` with the Python Excel started and shows its words."""
    book = FileBook(shutil.copy(demo, tmp_path / "truong.xlsx"))
    text = run_action("doctor", book)
    assert book.messages[-1] == text and "Traceback" not in text
    if sys.platform.startswith(("win", "darwin")):
        assert "Kiểm tra cài đặt add-in Thi đua" in text
    else:  # no Excel here: the doctor says where it can run
        assert "Windows hoặc macOS" in text
    assert BY_ID["doctor"].label == "Kiểm tra cài đặt"

