"""Write result sheets into their own workbook, atomically; a rerun replaces only what it wrote.

Results go to ``<input stem>_ketqua.xlsx`` beside the input (or a path given), never into the input.
The file is written to a temporary file in the same folder and renamed over the target, so a crash or a
full disk never leaves a half-written workbook. Sheets not named in the call are kept as they are
(a secretary's own notes, results of another command).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from enum import Enum
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua_xl.core.model import Problem
from thidua_xl.fileio import atomic_path
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.schema import INPUT_SHEETS, RESULT_SHEETS, header_key

FILLS = {"ok": "E2F0D9", "bad": "F8D7DA", "warn": "FFF3CD"}  # light green, light red, light yellow
HEADER_FILL = "D9E1F2"
WRAP_OVER = 30  # text longer than this wraps (reasons, suggestions)
# Sheets that only an input workbook has: a target holding one of them is the data, not a results file.
_INPUT_ONLY = frozenset(header_key(n) for spec in INPUT_SHEETS if spec.required
                        for n in (spec.name, *spec.aliases))


def default_results_path(input_path: str | os.PathLike[str]) -> Path:
    """``truong.xlsx`` → ``truong_ketqua.xlsx`` in the same folder."""
    p = Path(input_path)
    return p.with_name(f"{p.stem}_ketqua.xlsx")


def problems_table(problems: Sequence[Problem]) -> ResultTable:
    """The "Kiểm tra dữ liệu" sheet: one row per problem, errors red, warnings yellow."""
    from thidua_xl.messages import t

    rows: list[list[object]] = []
    highlight: dict[int, str] = {}
    for i, p in enumerate(problems):
        rows.append(["Lỗi" if p.severity == "error" else "Cảnh báo", p.sheet, p.row, p.column, p.value, p.message,
                     p.suggestion, p.code])
        highlight[i] = "bad" if p.severity == "error" else "warn"
    errors = sum(p.severity == "error" for p in problems)
    return ResultTable(
        RESULT_SHEETS["validation"],
        ["Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý", "Mã"],
        rows,
        widths=[10, 18, 7, 24, 18, 50, 50, 20],
        title=t("writer.validation_title", errors=errors, warnings=len(problems) - errors),
        notes=[] if problems else [t("writer.validation_clean")],
        highlight=highlight,
    )


def cell_value(value: Any) -> Any:
    """A value openpyxl can store: enums by value, exact fractions as numbers, lists joined."""
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.datetime)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(cell_value(v)) for v in value)
    if isinstance(value, str):
        if value.isprintable():  # no control characters at all: nothing to remove (the common case)
            return value
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return str(value)


def fill_sheet(ws: Any, table: ResultTable) -> None:
    """Write one ResultTable into an openpyxl worksheet: optional title line, bold frozen header,
    widths, wrapped long text, row fills (ok/bad/warn), notes below the table."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    r = 1
    if table.title:
        ws.cell(row=1, column=1, value=cell_value(table.title)).font = Font(bold=True, size=13)
        r = 3
    header_row = r
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    header_align = Alignment(wrap_text=True, vertical="center")
    for c, h in enumerate(table.headers, start=1):
        cell = ws.cell(row=r, column=c, value=cell_value(h))
        cell.font, cell.fill, cell.alignment = header_font, header_fill, header_align
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    for i, row in enumerate(table.rows):
        r += 1
        fill = fills.get(table.highlight.get(i, ""))
        for c, v in enumerate(row, start=1):
            value = cell_value(v)
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str) and (len(value) > WRAP_OVER or "\n" in value):
                cell.alignment = wrap
            elif isinstance(value, (dt.date, dt.datetime)):
                cell.number_format = "DD/MM/YYYY"
            if fill is not None:
                cell.fill = fill
    for k, note in enumerate(table.notes):
        r += 2 if k == 0 else 1
        ws.cell(row=r, column=1, value=cell_value(note)).font = Font(italic=True)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    widths = list(table.widths) or [min(60, max(10, len(str(h)) + 2)) for h in table.headers]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width


def _input_error(message: str) -> Exception:
    from thidua_xl.errors import InputError

    return InputError(message)


def write_results(tables: Sequence[ResultTable], path: str | os.PathLike[str],
                  input_path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``tables`` as sheets of the results workbook at ``path``, replacing only those sheets.

    Raises :class:`thidua_xl.api.InputError` (Vietnamese) when ``path`` is the input workbook, looks like
    an input workbook, cannot be opened to update, or cannot be written (e.g. open in Excel).
    """
    from openpyxl import Workbook, load_workbook

    from thidua_xl.messages import t

    target = Path(path)
    if input_path is not None and target.resolve() == Path(input_path).resolve():
        raise _input_error(f"{t('writer.same_as_input', path=target)} {t('writer.same_as_input_hint')}")
    if target.exists():
        try:
            wb = load_workbook(target)
        except PermissionError:
            raise _input_error(t("common.file_locked", path=target)) from None
        except Exception as exc:  # not a workbook, corrupted, wrong format
            raise _input_error(f"{t('writer.bad_target', path=target, error=type(exc).__name__)} "
                               f"{t('writer.bad_target_hint')}") from exc
        data_sheet = next((n for n in wb.sheetnames if header_key(n) in _INPUT_ONLY), None)
        if data_sheet is not None:
            raise _input_error(f"{t('writer.target_is_input', path=target, sheet=data_sheet)} "
                               f"{t('writer.same_as_input_hint')}")
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
        if tables:
            wb.remove(first)
    for table in tables:
        fill_sheet(wb[table.name], table)
    if tables:
        wb.active = wb.sheetnames.index(tables[0].name)
        for ws in wb.worksheets:  # one selected tab only, or Excel groups the sheets
            ws.sheet_view.tabSelected = ws.title == tables[0].name
    try:
        with atomic_path(target) as tmp:
            wb.save(tmp)
    except PermissionError:
        raise _input_error(t("common.file_locked", path=target)) from None
    return target


