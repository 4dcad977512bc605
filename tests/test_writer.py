"""The results writer: its own workbook, atomic replace, reruns keep other sheets, formatting."""

from __future__ import annotations

import datetime as dt
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from test_reader import write_xlsx

from thidua_xl.core import model as m
from thidua_xl.errors import InputError
from thidua_xl.views.problems import problems_table
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook import xlsx_parts
from thidua_xl.workbook.results import FILLS, HEADER_FILL
from thidua_xl.workbook.writer import default_results_path, write_results
from thidua_xl.workbook.xlsx_parts import write_sheets_into


def _table(name: str = "Kết quả xét", rows: list[list[object]] | None = None, **kw: object) -> ResultTable:
    return ResultTable(name, ["Mã CB", "Kết quả", "Lý do"],
                         rows if rows is not None else [["GV001", "Đủ", ""], ["GV002", "Không đủ", "x" * 80]], **kw)


def test_default_path_is_beside_the_input() -> None:
    assert default_results_path(Path("/a/b/truong.xlsx")) == Path("/a/b/truong_ketqua.xlsx")
    assert default_results_path("demo_thcs.xlsx") == Path("demo_thcs_ketqua.xlsx")


def test_new_results_workbook_is_formatted(tmp_path: Path) -> None:
    t = _table(title="Kết quả xét năm học 2024-2025", notes=["Ghi chú 1", "Ghi chú 2"],
               highlight={0: "ok", 1: "bad"}, widths=[10, 14, 60])
    target = write_results([t, _table("Khác", [["GV003", "?", ""]], highlight={0: "warn"})], tmp_path / "kq.xlsx")
    wb = load_workbook(target)
    assert wb.sheetnames == ["Kết quả xét", "Khác"] and wb.active.title == "Kết quả xét"
    ws = wb["Kết quả xét"]
    assert ws["A1"].value == "Kết quả xét năm học 2024-2025" and ws["A1"].font.b
    assert [c.value for c in ws[3]] == ["Mã CB", "Kết quả", "Lý do"] and all(c.font.b for c in ws[3])
    assert ws.freeze_panes == "A4"
    assert ws.column_dimensions["A"].width == 10 and ws.column_dimensions["C"].width == 60
    assert ws["A4"].fill.fgColor.rgb.endswith(FILLS["ok"])
    assert ws["B5"].fill.fgColor.rgb.endswith(FILLS["bad"])
    assert ws["C5"].alignment.wrap_text  # long reason text wraps
    assert ws["A7"].value == "Ghi chú 1" and ws["A8"].value == "Ghi chú 2"
    assert wb["Khác"]["A2"].fill.fgColor.rgb.endswith(FILLS["warn"]) and wb["Khác"].freeze_panes == "A2"


def test_core_values_are_written_as_excel_values(tmp_path: Path) -> None:
    t = ResultTable("Giá trị", ["a", "b", "c", "d", "e", "f"],
                      [[m.Title.CSTDCS, Fraction(5, 2), Fraction(4), dt.date(2025, 5, 25), ["x", "y"], "a\x07b"]])
    ws = load_workbook(write_results([t], tmp_path / "kq.xlsx"))["Giá trị"]
    assert [c.value for c in ws[2]][:3] == ["CSTDCS", 2.5, 4]
    assert ws["D2"].value.date() == dt.date(2025, 5, 25) and ws["D2"].number_format.lower() == "dd/mm/yyyy"
    assert ws["E2"].value == "x; y" and ws["F2"].value == "ab"


def test_rerun_replaces_only_its_own_sheets(tmp_path: Path) -> None:
    target = tmp_path / "truong_ketqua.xlsx"
    write_results([_table(), _table("Kết quả kiểm phiếu", [["GV001", "80%", ""]])], target)
    wb = load_workbook(target)  # the secretary adds her own sheet and saves
    wb.create_sheet("Ghi chú của tôi")["A1"] = "giữ nguyên"
    wb.save(target)
    write_results([_table(rows=[["GV009", "Đủ", ""]])], target)
    wb = load_workbook(target)
    assert wb.sheetnames == ["Kết quả xét", "Kết quả kiểm phiếu", "Ghi chú của tôi"]  # order kept
    ws = wb["Kết quả xét"]
    assert ws["A2"].value == "GV009" and ws["A3"].value is None  # old rows gone, not merged
    assert wb["Kết quả kiểm phiếu"]["B2"].value == "80%"
    assert wb["Ghi chú của tôi"]["A1"].value == "giữ nguyên"
    write_results([_table("Kiểm tra dữ liệu", [])], target)
    assert load_workbook(target).sheetnames[-1] == "Kiểm tra dữ liệu"  # a new sheet is appended


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = write_results([_table()], tmp_path / "kq.xlsx")
    before = target.read_bytes()

    def broken_sheet(out: Any, *args: Any, **kwargs: Any) -> None:
        out.write(b"<worksheet>half a sheet")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx_parts, "_write_sheet", broken_sheet)
    with pytest.raises(InputError, match="disk full"):  # a Vietnamese message naming the target, exit 2
        write_results([_table(rows=[])], target)
    assert target.read_bytes() == before  # the previous results are intact
    assert [p.name for p in tmp_path.iterdir()] == ["kq.xlsx"]  # and no temporary file is left


def test_results_file_has_ordinary_permissions(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    target = write_results([_table()], tmp_path / "kq.xlsx")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_never_writes_into_the_input(tmp_path: Path) -> None:
    src = write_xlsx(tmp_path / "truong.xlsx")
    before = src.read_bytes()
    with pytest.raises(InputError, match="Không ghi kết quả vào chính sổ tính dữ liệu"):
        write_results([_table()], src, input_path=src)
    with pytest.raises(InputError, match="đây là sổ tính dữ liệu"):  # even without input_path
        write_results([_table()], src)
    assert src.read_bytes() == before


def test_unreadable_existing_target_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "kq.xlsx"
    target.write_text("rác", encoding="utf-8")
    with pytest.raises(InputError, match="Không mở được sổ kết quả"):
        write_results([_table()], target)


def test_problems_table() -> None:
    problems = [m.Problem("error", "DUPLICATE_ID", "Cán bộ", 7, "A (Mã CB)", "GV002", "Trùng.", "Sửa."),
                m.Problem("warning", "UNREADABLE_MARK", "Phiếu bầu", 3, "F (GV001)", "x?", "Không đọc được.", "Ghi x.")]
    t = problems_table(problems)
    assert t.name == "Kiểm tra dữ liệu" and t.headers[:4] == ["Mức độ", "Trang tính", "Dòng", "Cột"]
    assert t.rows[0][:5] == ["Lỗi", "Cán bộ", 7, "A (Mã CB)", "GV002"] and t.rows[1][0] == "Cảnh báo"
    assert t.highlight == {0: "bad", 1: "warn"} and t.title == "Kiểm tra dữ liệu: 1 lỗi, 1 cảnh báo"
    clean = problems_table([])
    assert clean.rows == [] and clean.notes == ["Không có lỗi hay cảnh báo nào."]


def _cells(ws: Any) -> dict[str, tuple[Any, str, bool, bool, bool, str, bool, float]]:
    """Every written cell: value, fill, bold, italic, wrap, vertical alignment, a dd/mm/yyyy format, size."""
    out = {}
    for row in ws.iter_rows():
        for c in row:
            fill = c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else ""
            out[c.coordinate] = (c.value, fill, bool(c.font.b), bool(c.font.i), bool(c.alignment.wrap_text),
                                 c.alignment.vertical or "", c.number_format.lower() == "dd/mm/yyyy",
                                 float(c.font.sz or 11))
    return {k: v for k, v in out.items() if v[0] is not None or v[1]}


def test_the_one_writer_renders_the_same_layout_in_a_new_file_and_into_a_workbook(tmp_path: Path) -> None:
    """The results workbook (a new package) and the add-in's workbook (sheets added beside the ones there)
    get the one layout from the one writer: the same cell values, fills, fonts, wrapping, date format,
    frozen panes and widths."""
    tables = [
        ResultTable("Kết quả xét", ["Mã CB", "Ngày", "Lý do", "Số"],
                    [["GV001", dt.date(2025, 5, 25), "x" * 80, Fraction(5, 2)], ["GV002", None, "dòng 1\ndòng 2", 3],
                     [m.Title.CSTDCS, "", ["a", "b"], True]],
                    widths=[9, 12, 60], title="Kết quả xét năm học 2024-2025", notes=["Ghi chú 1", "Ghi chú 2"],
                    highlight={0: "ok", 1: "bad", 2: "warn"}),
        ResultTable("Kiểm tra dữ liệu", ["Mức độ", "Nội dung dài hơn mười ký tự"], [["Lỗi", "a\x07b"]],
                    highlight={0: "bad"}),
    ]
    by_openpyxl = load_workbook(write_results(tables, tmp_path / "kq.xlsx"))  # read back by openpyxl
    host = Workbook()  # any workbook: the raw-XML path adds its sheets beside the ones there
    host.active.title = "Ghi chú"
    host.save(tmp_path / "book.xlsx")
    write_sheets_into(tmp_path / "book.xlsx", tables)
    by_xml = load_workbook(tmp_path / "book.xlsx")
    assert by_xml.sheetnames == ["Ghi chú", *by_openpyxl.sheetnames]
    for table in tables:
        a, b = by_openpyxl[table.name], by_xml[table.name]
        assert _cells(a) == _cells(b) and _cells(a)
        assert a.freeze_panes == b.freeze_panes
        assert {k: d.width for k, d in a.column_dimensions.items() if d.customWidth} == \
            {k: d.width for k, d in b.column_dimensions.items() if d.customWidth}
    ws = by_xml["Kết quả xét"]
    assert ws["A3"].fill.fgColor.rgb.endswith(HEADER_FILL) and ws["A4"].fill.fgColor.rgb.endswith(FILLS["ok"])
    assert ws["B4"].number_format.lower() == "dd/mm/yyyy" and ws["C4"].alignment.wrap_text
    assert ws["A6"].value == "CSTDCS" and ws["C6"].value == "a; b" and by_xml["Kiểm tra dữ liệu"]["B2"].value == "ab"


def test_rerun_replaces_parts_in_the_zip_and_keeps_the_others_as_they_were(tmp_path: Path) -> None:
    """A rerun swaps the result sheets' parts inside the package: a sheet the secretary added keeps its
    XML and its relationships (here a comment) exactly; the sheets' order, the open tab and the selection
    follow the run."""
    import zipfile

    target = tmp_path / "kq.xlsx"
    write_results([_table(), _table("Kết quả kiểm phiếu", [["GV001", "80%", ""]])], target)
    wb = load_workbook(target)
    from openpyxl.comments import Comment

    mine = wb.create_sheet("Ghi chú của tôi")
    mine["A1"] = "giữ nguyên"
    mine["A1"].comment = Comment("ghi chú", "cô thư ký")
    wb.active = 2
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = ws.title == "Ghi chú của tôi"
    wb.save(target)
    with zipfile.ZipFile(target) as z:
        before = {n: z.read(n) for n in z.namelist() if "sheet3" in n or "comment" in n.lower()}
    assert any("comment" in n.lower() for n in before)
    write_results([_table("Kết quả kiểm phiếu", [["GV002", "90%", ""]])], target)
    with zipfile.ZipFile(target) as z:
        after = {n: z.read(n) for n in z.namelist() if "sheet3" in n or "comment" in n.lower()}
    changed = {n for n in before if before[n] != after.get(n)}
    assert changed == {"xl/worksheets/sheet3.xml"}  # only its selection is cleared, nothing else
    assert before["xl/worksheets/sheet3.xml"].replace(b' tabSelected="1"', b"") == after["xl/worksheets/sheet3.xml"]
    wb = load_workbook(target)
    assert wb.sheetnames == ["Kết quả xét", "Kết quả kiểm phiếu", "Ghi chú của tôi"]
    assert wb.active.title == "Kết quả kiểm phiếu"
    assert [bool(ws.sheet_view.tabSelected) for ws in wb.worksheets] == [False, True, False]
    assert wb["Kết quả kiểm phiếu"]["B2"].value == "90%" and wb["Kết quả xét"]["A2"].value == "GV001"
    assert wb["Ghi chú của tôi"]["A1"].comment.text == "ghi chú"


def test_the_writer_needs_no_spreadsheet_library(tmp_path: Path) -> None:
    """The results workbook is written by the standard library alone (no openpyxl imported, no workbook
    loaded), first run and rerun alike."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from thidua_xl.views.table import ResultTable\n"
        "from thidua_xl.workbook.writer import write_results\n"
        f"path = {str(tmp_path / 'kq.xlsx')!r}\n"
        "for rows in ([['GV001', 'Đủ']], [['GV002', 'Không đủ']]):\n"
        "    write_results([ResultTable('Kết quả xét', ['Mã', 'Kết quả'], rows)], path)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'lxml', 'xml')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    assert load_workbook(tmp_path / "kq.xlsx")["Kết quả xét"]["A2"].value == "GV002"


def test_texts_are_shared_once_and_a_rerun_does_not_grow_the_table(tmp_path: Path) -> None:
    """The results workbook keeps each text of a body once in the shared string table (the same reason on
    every row); a rerun reuses the entries already there, and a table someone else wrote (openpyxl, Excel)
    is appended to with its own entries left in place."""
    import re
    import zipfile

    reason = "Không đủ: chưa đăng ký danh hiệu (khoản 1 Điều 4)"
    table = _table(rows=[[f"GV{i:03d}", "Không đủ", reason] for i in range(49)] + [["GV049", "a\rb & <c>", reason]])
    target = write_results([table], tmp_path / "kq.xlsx")

    def sst() -> str:
        with zipfile.ZipFile(target) as z:
            return z.read("xl/sharedStrings.xml").decode("utf-8")

    first = sst()
    assert first.count(f"<t xml:space=\"preserve\">{reason}</t>") == 1 and 'uniqueCount="53"' in first
    write_results([table], target)
    assert sst() == first  # the same texts (a CR, "&", "<" included): the same table
    assert load_workbook(target)["Kết quả xét"]["B51"].value == "a\rb & <c>"
    wb = load_workbook(target)
    wb.create_sheet("Của tôi")["A1"] = "chữ của tôi"
    wb.save(target)  # openpyxl writes its own table
    write_results([_table(rows=[["GV999", "Đủ", "mới"]])], target)
    wb = load_workbook(target)
    assert wb["Của tôi"]["A1"].value == "chữ của tôi" and wb["Kết quả xét"]["C2"].value == "mới"
    total = len(re.findall(r"<si>", sst()))
    assert f'uniqueCount="{total}"' in sst()


def test_a_rerun_rewriting_every_sheet_starts_the_text_table_afresh(tmp_path: Path) -> None:
    """When the results workbook holds only the sheets being written, the rerun's text table holds only the
    texts its cells use (no stale reasons carried from earlier runs); with another sheet kept, the old texts
    stay for it."""
    import zipfile

    target = write_results([_table(rows=[["GV001", "Không đủ", "lý do cũ"]])], tmp_path / "kq.xlsx")

    def sst() -> str:
        with zipfile.ZipFile(target) as z:
            return z.read("xl/sharedStrings.xml").decode("utf-8")

    assert "lý do cũ" in sst()
    write_results([_table(rows=[["GV001", "Không đủ", "lý do mới"]])], target)
    assert "lý do mới" in sst() and "lý do cũ" not in sst()
    assert load_workbook(target)["Kết quả xét"]["C2"].value == "lý do mới"
    wb = load_workbook(target)
    wb.create_sheet("Của tôi")["A1"] = "chữ của tôi"
    wb.save(target)
    write_results([_table(rows=[["GV001", "Đủ", "lần ba"]])], target)
    wb = load_workbook(target)
    assert wb["Của tôi"]["A1"].value == "chữ của tôi" and wb["Kết quả xét"]["C2"].value == "lần ba"
