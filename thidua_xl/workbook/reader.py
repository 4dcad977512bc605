"""Read the standard workbook into core objects, collecting every problem (never only the first).

The entry point: it runs, in order, the sheet readers (:mod:`.sheets`), which find and convert each table
(:mod:`.tables`, :mod:`.cells`) and check references across sheets (:mod:`.crosscheck`).

``read_workbook(path)`` reads with python-calamine and never writes the input. ``read_tables(tables)``
is the host-independent core: ``{sheet name: rows of cell values}`` (the Excel face passes values read
through xlwings). Tolerated: header not on row 1 (title rows, merged cells above), extra columns,
header aliases in any case, stray spaces, NFD text, numbers stored as text, dates typed as text
(dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd, "ngày 5 tháng 9 năm 2024"), Excel serial dates, IDs read as 1.0,
empty trailing rows.

Speed: work is column-wise. Each column is converted once per *distinct* value (ratings, teams, dates
and titles repeat a lot), coded values become model enums during that conversion, and records are built
by zipping the converted columns. The cyclic garbage collector is paused while reading: the read only
allocates acyclic objects, and a collection pass over hundreds of thousands of fresh objects would
otherwise cost more than the conversion itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.perf import paused_gc
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import CellError, to_date, to_id, to_int, to_number, to_school_year
from thidua_xl.workbook.crosscheck import check_leaders
from thidua_xl.workbook.sheets import (
    read_ballots,
    read_council,
    read_discipline,
    read_history,
    read_info,
    read_initiatives,
    read_overrides,
    read_registrations,
    read_staff,
    read_teams,
)
from thidua_xl.workbook.tables import HEADER_SCAN_ROWS, Reading, Table, as_rows, col_letter, find_header

__all__ = [
    "HEADER_SCAN_ROWS", "CellError", "Table", "as_rows", "col_letter", "find_header", "read_tables",
    "read_workbook", "to_date", "to_id", "to_int", "to_number", "to_school_year",
]


def read_tables(tables: Mapping[str, list[list[Any]]], path: str = "") -> m.SchoolData:
    """Convert ``{sheet name: rows}`` into :class:`SchoolData`, collecting every problem."""
    with paused_gc():
        rd = Reading(tables, path)
        read_info(rd)
        read_teams(rd)
        read_staff(rd)
        check_leaders(rd)
        read_registrations(rd)
        read_initiatives(rd)
        read_history(rd)
        read_discipline(rd)
        read_council(rd)
        read_overrides(rd)
        read_ballots(rd)
        rd.data.problems = _ordered(rd.problems.problems, tables)
        return rd.data


def _ordered(problems: list[m.Problem], tables: Mapping[str, Any]) -> list[m.Problem]:
    """In the order a secretary reads the workbook: sheet (workbook order), row, column."""
    order = {name: i for i, name in enumerate(tables)}
    for i, spec in enumerate(s.INPUT_SHEETS):
        order.setdefault(spec.name, -len(s.INPUT_SHEETS) + i)  # missing sheets first

    def key(p: m.Problem) -> tuple[int, int, int, int]:
        letters = p.column.split(" ", 1)[0] if p.column[:1].isupper() and " (" in p.column else ""
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64 if "A" <= ch <= "Z" else col
        return order.get(p.sheet, 10_000), p.row or 0, col, 0 if p.severity == "error" else 1

    return sorted(problems, key=key)


# ---------------------------------------------------------------- files


def read_workbook(path: str | Path) -> m.SchoolData:
    """Read a .xlsx file (opened read-only, never written). Raises FileNotFoundError when it does not exist,
    :class:`thidua_xl.errors.InputError` when it is not a readable workbook."""
    from python_calamine import CalamineWorkbook  # heavy: the native reader only when a file is read

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for non-workbooks
        if type(exc).__name__ == "PasswordError":
            raise InputError(f"{t('reader.password', path=path)} {t('reader.password_hint')}") from exc
        raise InputError(t("common.not_xlsx", path=path)) from exc
    sheets = s.sheet_lookup()
    names = [n for n in wb.sheet_names if s.header_key(n) in sheets]
    return read_tables(_LazySheets(wb, names), path=str(path))


class _LazySheets(Mapping[str, list[list[Any]]]):
    """Sheets loaded on access and not kept: peak memory is one sheet plus the objects built."""

    def __init__(self, wb: Any, names: list[str]) -> None:
        self._wb, self._names = wb, names

    def __getitem__(self, name: str) -> list[list[Any]]:
        if name not in self._names:
            raise KeyError(name)
        return self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
