"""Write result sheets into their own workbook, atomically; a rerun replaces only what it wrote.

Results go to ``<input stem>_ketqua.xlsx`` beside the input (or a path given), never into the input.
The file is written to a temporary file in the same folder and renamed over the target, so a crash or a
full disk never leaves a half-written workbook. Sheets not named in the call are kept as they are
(a secretary's own notes, results of another command).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thidua_xl.errors import InputError
from thidua_xl.fileio import atomic_path, display_path, file_lock, os_error_message
from thidua_xl.messages import t
from thidua_xl.views.problems import problems_table
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.results import CellStyle, layout
from thidua_xl.workbook.schema import INPUT_SHEETS, header_key

# problems_table lives in views/problems; re-exported because the commands and the ribbon import it from here.
__all__ = ["default_results_path", "fill_sheet", "problems_table", "write_results"]

# Sheets that only an input workbook has: a target holding one of them is the data, not a results file.
_INPUT_ONLY = frozenset(header_key(n) for spec in INPUT_SHEETS if spec.required
                        for n in (spec.name, *spec.aliases))


def default_results_path(input_path: str | os.PathLike[str]) -> Path:
    """``truong.xlsx`` → ``truong_ketqua.xlsx`` in the same folder."""
    p = Path(input_path)
    return p.with_name(f"{p.stem}_ketqua.xlsx")


class _OpenpyxlStyles:
    """Each :class:`CellStyle` of the layout as the openpyxl cell attributes it sets, built once per sheet."""

    def __init__(self) -> None:
        self.cache: dict[CellStyle, dict[str, Any]] = {}

    def apply(self, cell: Any, style: CellStyle) -> None:
        attrs = self.cache.get(style)
        if attrs is None:
            attrs = self.cache[style] = self._attributes(style)
        for name, value in attrs.items():
            setattr(cell, name, value)

    @staticmethod
    def _attributes(style: CellStyle) -> dict[str, Any]:
        from openpyxl.styles import Alignment, Font, PatternFill  # heavy: openpyxl only when writing

        attrs: dict[str, Any] = {}
        if style.bold or style.italic or style.size:
            attrs["font"] = Font(bold=style.bold, italic=style.italic, size=style.size)
        if style.fill:
            attrs["fill"] = PatternFill("solid", fgColor=style.fill)
        if style.wrap or style.valign:
            attrs["alignment"] = Alignment(wrap_text=style.wrap or None, vertical=style.valign or None)
        if style.date:
            attrs["number_format"] = "DD/MM/YYYY"
        return attrs


def fill_sheet(ws: Any, table: ResultTable) -> None:
    """Write one ResultTable into an openpyxl worksheet: its layout (:func:`thidua_xl.workbook.results.layout`)
    with openpyxl styles, frozen panes below the header, column widths."""
    from openpyxl.utils import get_column_letter  # heavy: openpyxl only when writing

    sheet = layout(table)
    styles = _OpenpyxlStyles()
    for r, row in enumerate(sheet.grid, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):  # text stays text: "=…" would be a live formula, "#N/A" an error
                cell.data_type = "s"
            style = sheet.style(r - 1, value)
            if style is not None:
                styles.apply(cell, style)
    ws.freeze_panes = ws.cell(row=sheet.header + 2, column=1)
    for c, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width


def write_results(tables: Sequence[ResultTable], path: str | os.PathLike[str],
                  input_path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``tables`` as sheets of the results workbook at ``path``, replacing only those sheets.

    Raises :class:`thidua_xl.errors.InputError` (Vietnamese) when ``path`` is the input workbook, looks like
    an input workbook, cannot be opened to update, or cannot be written (e.g. open in Excel).
    """
    target = Path(path)
    if input_path is not None and target.resolve() == Path(input_path).resolve():
        raise InputError(f"{t('writer.same_as_input', path=display_path(target))} {t('writer.same_as_input_hint')}")
    try:
        # read, change and write back under the lock: two runs at once cannot lose each other's sheets
        with file_lock(target):
            wb = _open_or_new(target, tables)
            for table in tables:
                fill_sheet(wb[table.name], table)
            if tables:
                wb.active = wb.sheetnames.index(tables[0].name)
                for ws in wb.worksheets:  # one selected tab only, or Excel groups the sheets
                    ws.sheet_view.tabSelected = ws.title == tables[0].name
            with atomic_path(target, keep_mode=True) as tmp:  # an existing file keeps its mode
                wb.save(tmp)
    except OSError as exc:  # read-only folder, file open in Excel, name too long, disk full
        raise InputError(os_error_message(exc, target)) from None
    return target


def _open_or_new(target: Path, tables: Sequence[ResultTable]) -> Any:
    """The results workbook at ``target`` with an empty sheet for each table (in place of its old one), or a
    new workbook holding only those sheets."""
    from openpyxl import Workbook, load_workbook  # heavy: openpyxl only when writing

    if not target.exists():
        wb = Workbook()
        first = wb.active
        for table in tables:
            wb.create_sheet(table.name)
        if tables:
            wb.remove(first)
        return wb
    try:
        wb = load_workbook(target)
    except OSError:
        raise
    except Exception as exc:  # not a workbook, corrupted, wrong format
        raise InputError(f"{t('writer.bad_target', path=display_path(target), error=type(exc).__name__)} "
                         f"{t('writer.bad_target_hint')}") from exc
    data_sheet = next((n for n in wb.sheetnames if header_key(n) in _INPUT_ONLY), None)
    if data_sheet is not None:
        raise InputError(f"{t('writer.target_is_input', path=display_path(target), sheet=data_sheet)} "
                         f"{t('writer.same_as_input_hint')}")
    for table in tables:
        if table.name in wb.sheetnames:
            idx = wb.sheetnames.index(table.name)
            del wb[table.name]
            wb.create_sheet(table.name, idx)
        else:
            wb.create_sheet(table.name)
    return wb
