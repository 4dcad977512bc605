"""Write result sheets into their own workbook, atomically; a rerun replaces only what it wrote.

Results go to ``<input stem>_ketqua.xlsx`` beside the input (or a path given), never into the input.
The file is written to a temporary file in the same folder and renamed over the target, so a crash
never leaves a half-written workbook. Sheets not named in the call are kept as they are.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from thidua_xl.model import Problem, ResultTable
from thidua_xl.workbook.schema import RESULT_SHEETS

FILLS = {"ok": "E2F0D9", "bad": "F8D7DA", "warn": "FFF3CD"}
HEADER_FILL = "D9E1F2"


def default_results_path(input_path: str | os.PathLike[str]) -> Path:
    p = Path(input_path)
    return p.with_name(f"{p.stem}_ketqua.xlsx")


def problems_table(problems: list[Problem]) -> ResultTable:
    """The "Kiểm tra dữ liệu" sheet: one row per problem."""
    rows: list[list[object]] = []
    highlight: dict[int, str] = {}
    for i, p in enumerate(problems):
        rows.append(["Lỗi" if p.severity == "error" else "Cảnh báo", p.sheet, p.row, p.column, p.value, p.message,
                     p.suggestion, p.code])
        highlight[i] = "bad" if p.severity == "error" else "warn"
    notes = [] if problems else ["Không có lỗi hay cảnh báo nào."]
    return ResultTable(
        RESULT_SHEETS["validation"],
        ["Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý", "Mã"],
        rows,
        widths=[10, 18, 7, 22, 18, 50, 50, 18],
        title=f"Kiểm tra dữ liệu: {sum(p.severity == 'error' for p in problems)} lỗi, "
        f"{sum(p.severity == 'warning' for p in problems)} cảnh báo",
        notes=notes,
        highlight=highlight,
    )


def fill_sheet(ws: object, table: ResultTable) -> None:
    """Write one ResultTable into an openpyxl worksheet (bold header, frozen, widths, wrap, fills)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    r = 1
    if table.title:
        ws.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=13)  # type: ignore[attr-defined]
        r = 3
    header_row = r
    for c, h in enumerate(table.headers, start=1):
        cell = ws.cell(row=r, column=c, value=h)  # type: ignore[attr-defined]
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(table.rows):
        r += 1
        fill = FILLS.get(table.highlight.get(i, ""))
        for c, v in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=v)  # type: ignore[attr-defined]
            if isinstance(v, str) and len(v) > 30:
                cell.alignment = wrap
            if fill:
                cell.fill = PatternFill("solid", fgColor=fill)
    for note in table.notes:
        r += 2 if note is table.notes[0] else 1
        ws.cell(row=r, column=1, value=note).font = Font(italic=True)  # type: ignore[attr-defined]
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)  # type: ignore[attr-defined]
    for c, width in enumerate(table.widths or [], start=1):
        ws.column_dimensions[get_column_letter(c)].width = width  # type: ignore[attr-defined]


def write_results(tables: list[ResultTable], path: str | os.PathLike[str],
                  input_path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``tables`` as sheets of the results workbook at ``path``, replacing only those sheets."""
    from openpyxl import Workbook, load_workbook

    target = Path(path)
    if input_path is not None and target.resolve() == Path(input_path).resolve():
        from thidua_xl.api import InputError
        from thidua_xl.messages import t

        raise InputError(f"{t('writer.same_as_input', path=target)} {t('writer.same_as_input_hint')}")
    if target.exists():
        wb = load_workbook(target)
        for table in tables:
            if table.name in wb.sheetnames:
                idx = wb.sheetnames.index(table.name)
                del wb[table.name]
                wb.create_sheet(table.name, idx)
            else:
                wb.create_sheet(table.name)
    else:
        wb = Workbook()
        first = wb.active
        for table in tables:
            wb.create_sheet(table.name)
        wb.remove(first)
    for table in tables:
        fill_sheet(wb[table.name], table)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".xlsx", dir=target.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
