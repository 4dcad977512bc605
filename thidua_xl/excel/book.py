"""The small "book" interface every ribbon action works through, and its two implementations.

A book can: read every sheet as a table of values (:meth:`Book.read_tables`), replace one result sheet
(:meth:`Book.replace_sheet`), show a message (:meth:`Book.message`) and open a file. The actions in
:mod:`thidua_xl.excel.actions` use nothing else, so the same code runs:

* in Excel, on the open workbook, through :class:`XlwingsBook` (an ``xlwings.Book``: the classic COM
  engine on Windows/macOS, or the remote engine of xlwings Server/Lite);
* on a real ``.xlsx`` file through :class:`FileBook` (openpyxl reads it; result sheets are written into
  the file's package as new parts), which is how the actions are tested on Linux and how a script can
  drive them without Excel.

Both write only sheets whose names are result-sheet names; the user's sheets are never touched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Protocol

from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.results import HEADER, SheetLayout, layout, typed_text
from thidua_xl.workbook.schema import RESULT_SHEETS
from thidua_xl.workbook.xlsx_parts import write_sheets_into


class Book(Protocol):
    """What an action needs from a workbook."""

    name: str  # file name ("truong.xlsx"); "" when unknown
    folder: Path | None  # folder of the file; None when the workbook was never saved

    def read_tables(self) -> dict[str, list[list[Any]]]: ...

    def replace_sheet(self, table: ResultTable) -> None: ...

    def message(self, text: str, error: bool = False) -> None: ...

    def open_file(self, path: Path) -> None: ...


def _assert_result_sheet(name: str) -> None:
    """Refuse to write any sheet that is not one of ours (the user's sheets are never replaced)."""
    if name not in RESULT_SHEETS.values():
        raise ValueError(f"'{name}' is not a thidua_xl result sheet")


# ----------------------------------------------------------------------------- xlwings


class XlwingsBook:
    """The open workbook in Excel (or an ``xw.Book(json=...)`` of xlwings Server/Lite)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        full = str(getattr(book, "fullname", "") or "")
        self.name = str(getattr(book, "name", "") or Path(full).name)
        parent = Path(full).parent if full and os.path.isabs(full) else None
        self.folder = parent if parent is not None and parent.is_dir() else None
        self.messages: list[str] = []

    @property
    def fullname(self) -> str:
        return str(getattr(self.book, "fullname", "") or self.name)

    def read_tables(self) -> dict[str, list[list[Any]]]:
        ours = set(RESULT_SHEETS.values())
        out: dict[str, list[list[Any]]] = {}
        for sheet in self.book.sheets:
            if sheet.name in ours:
                continue
            last = sheet.used_range.last_cell
            rng = sheet.range((1, 1), (max(1, last.row), max(1, last.column)))
            # err_to_str: a cell showing #DIV/0!, #N/A, ... arrives as that text (the reader's located error),
            # not as a blank
            out[sheet.name] = rng.options(ndim=2, err_to_str=True).value or []
        return out

    def replace_sheet(self, table: ResultTable) -> None:
        _assert_result_sheet(table.name)
        names = [s.name for s in self.book.sheets]
        if table.name in names:
            sheet = self.book.sheets[table.name]
            sheet.clear()
        else:
            sheet = self.book.sheets.add(table.name, after=self.book.sheets[len(names) - 1])
        sheet_layout = layout(table)
        width = sheet_layout.width
        # Excel parses what it is given: every text goes with its text prefix where needed (no formula)
        sheet["A1"].value = [[typed_text(v) for v in r] + [None] * (width - len(r)) for r in sheet_layout.grid]
        self._format(sheet, sheet_layout, len(table.headers))

    @staticmethod
    def _format(sheet: Any, sheet_layout: SheetLayout, columns: int) -> None:
        """The layout's header style and row colours over whole ranges, and its widths (one call per range,
        not per cell: each is a round trip to Excel); skipped where the host cannot do it."""
        try:
            head = sheet.range((sheet_layout.header + 1, 1), (sheet_layout.header + 1, columns))
            head.color = "#" + HEADER.fill
            head.font.bold = HEADER.bold
            for r, fill in sheet_layout.row_fills.items():
                sheet.range((r + 1, 1), (r + 1, sheet_layout.width)).color = "#" + fill
            for c, w in enumerate(sheet_layout.widths, start=1):
                sheet.range((1, c)).column_width = w
        except (NotImplementedError, AttributeError):
            pass

    def message(self, text: str, error: bool = False) -> None:
        self.messages.append(text)
        try:
            self.book.app.alert(text, title="Thi đua", buttons="ok", mode="critical" if error else "info")
        except (NotImplementedError, AttributeError, TypeError):
            pass

    def open_file(self, path: Path) -> None:
        import xlwings as xw  # heavy: xlwings only when Excel is asked to open a file

        try:
            xw.Book(str(path))
        except Exception:  # noqa: BLE001 - the remote engine cannot open files; the message names the path
            pass


# ----------------------------------------------------------------------------- a file on disk


class FileBook:
    """A real ``.xlsx`` on disk, read with openpyxl; result sheets are written into the file atomically by
    package surgery (:mod:`thidua_xl.workbook.xlsx_parts`): every other part stays byte-for-byte."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.folder: Path | None = self.path.resolve().parent
        self.messages: list[str] = []
        self.opened: list[Path] = []

    @property
    def fullname(self) -> str:
        return str(self.path)

    def read_tables(self) -> dict[str, list[list[Any]]]:
        from openpyxl import load_workbook  # heavy: openpyxl only when a file is read

        ours = set(RESULT_SHEETS.values())
        wb = load_workbook(self.path, read_only=True, data_only=True)
        out: dict[str, list[list[Any]]] = {}
        try:
            for ws in wb.worksheets:
                if ws.title in ours:
                    continue
                try:
                    out[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]
                except Exception as exc:  # the sheet's XML inside the zip is damaged: name the sheet
                    raise InputError(t("common.sheet_corrupt", sheet=ws.title,
                                       error=str(exc)[:80] or type(exc).__name__)) from exc
            return out
        finally:
            wb.close()

    def replace_sheet(self, table: ResultTable) -> None:
        _assert_result_sheet(table.name)
        write_sheets_into(self.path, [table])

    def message(self, text: str, error: bool = False) -> None:
        self.messages.append(text)

    def open_file(self, path: Path) -> None:
        self.opened.append(path)
