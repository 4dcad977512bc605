"""The one layout of a result sheet: where its title, header, rows and notes go, their widths and styles,
and how a value is made safe for a cell.

Every host renders this layout and nothing else: the openpyxl writer of the results workbook
(:mod:`thidua_xl.workbook.writer`), the raw-XML fast path of the add-in (:mod:`thidua_xl.workbook.xlsx_parts`)
and the open workbook in Excel (:class:`thidua_xl.excel.book.XlwingsBook`). A sheet reads, from the top:
an optional title line in bold and a blank line, the bold coloured header (frozen panes below it), one
line per row (coloured by its highlight; long text wrapped; dates as dd/mm/yyyy), a blank line and the
notes in italics.

Pure Python: no spreadsheet library is imported here, so the add-in's ribbon clicks stay fast.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any

from thidua_xl.views.table import ResultTable

FILLS = {"ok": "E2F0D9", "bad": "F8D7DA", "warn": "FFF3CD"}  # light green, light red, light yellow
HEADER_FILL = "D9E1F2"
WRAP_OVER = 30  # text longer than this wraps (reasons, suggestions)
DEFAULT_WIDTH = (10, 60)  # a column without a given width: its header's length + 2, within these bounds
# Characters a worksheet cannot hold (the same set as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class CellStyle:
    """How one cell looks; each host turns it into its own objects. ``size`` None: the host's default."""

    bold: bool = False
    italic: bool = False
    size: int | None = None
    fill: str = ""  # RRGGBB, "" for none
    wrap: bool = False
    valign: str = ""  # "top" | "center" | "" (the host's default)
    date: bool = False  # shown as dd/mm/yyyy


TITLE = CellStyle(bold=True, size=13)
HEADER = CellStyle(bold=True, fill=HEADER_FILL, wrap=True, valign="center")
NOTE = CellStyle(italic=True)


# Text that a spreadsheet would take for a formula (OWASP "CSV injection"): a name typed as
# =HYPERLINK(...) or =cmd|' /C calc'!A0 must reach a result sheet as text, never as a live formula.
FORMULA_START = frozenset("=+-@\t\r")
# What Excel turns into something else when a host sets a cell's value as if typed (xlwings): a number,
# a date, a boolean or an error literal ("00123", "01/09/2008", "TRUE", "#N/A").
_EXCEL_COERCES = re.compile(r"[\s(.0-9#$]|(?i:true|false)\s*$")


def is_formula_like(text: str) -> bool:
    """Whether ``text`` starts as a formula would (``=``, ``+``, ``-``, ``@``, tab or CR)."""
    return text[:1] in FORMULA_START


def typed_text(value: Any) -> Any:
    """A cell value as a host that *types* values (xlwings: Excel parses what it is given) must set it so
    that a text stays text: with Excel's text prefix ``'`` (not stored, not shown in the cell) where Excel
    would otherwise make it a formula, a number, a date, a boolean or an error. Other values unchanged."""
    if isinstance(value, str) and value and (is_formula_like(value) or _EXCEL_COERCES.match(value)):
        return "'" + value
    return value


def cell_value(value: Any) -> Any:
    """A value a cell can store: enums by value, exact fractions as numbers, lists joined, text without
    the control characters a worksheet refuses. A text is data, never a formula: every host writes a
    ``str`` as a text cell (openpyxl: ``data_type "s"``; raw XML: an inline string; xlwings:
    :func:`typed_text`), whatever it starts with (see :func:`is_formula_like`)."""
    if type(value) is str:  # the common case first
        return value if value.isprintable() else _ILLEGAL.sub("", value)
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.datetime)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(cell_value(v)) for v in value)
    text = value if isinstance(value, str) else str(value)
    if text.isprintable():  # no control characters at all: nothing to remove (the common case)
        return text
    return _ILLEGAL.sub("", text)


def body_style(value: Any, fill: str) -> CellStyle | None:
    """The style of a table cell holding ``value`` (already a cell value) on a row coloured ``fill``;
    None when the cell needs no style at all."""
    long = isinstance(value, str) and (len(value) > WRAP_OVER or "\n" in value)
    is_date = not long and isinstance(value, dt.date)
    if not (fill or long or is_date):
        return None
    return CellStyle(fill=fill, wrap=long, valign="top" if long else "", date=is_date)


@dataclass(slots=True)
class SheetLayout:
    """A result sheet placed on the grid. Row and column indexes are 0-based."""

    grid: list[list[Any]]  # cell values row by row: title, blank, header, rows, blank, notes
    header: int  # the header's row; panes are frozen below it
    title: int | None  # the title's row, None without a title
    body: range  # the rows of the table
    row_fills: dict[int, str]  # grid row -> fill colour of a highlighted table row
    widths: list[int]  # column widths, left to right

    @property
    def width(self) -> int:
        """The number of columns the grid spans (at least 1)."""
        return max((len(r) for r in self.grid), default=1)

    def style(self, row: int, value: Any) -> CellStyle | None:
        """The style of a cell holding ``value`` on grid row ``row``; None for an unstyled cell."""
        if row == self.header:
            return HEADER
        if row == self.title:
            return TITLE
        if row in self.body:
            return body_style(value, self.row_fills.get(row, ""))
        return NOTE if row > self.header else None


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def column_widths(table: ResultTable) -> list[int]:
    """The table's widths, or one per header from the header's length."""
    low, high = DEFAULT_WIDTH
    return list(table.widths) or [min(high, max(low, len(str(h)) + 2)) for h in table.headers]


class _CellTexts(dict[str, str]):
    """Text → its cell value (:func:`cell_value`), made on the first look-up of each distinct text."""

    def __missing__(self, text: str) -> str:
        value = self[text] = cell_value(text)
        return value


def layout(table: ResultTable) -> SheetLayout:
    """Place ``table`` on the grid: the one layout every host renders."""
    grid: list[list[Any]] = []
    title: int | None = None
    if table.title:
        title = 0
        grid += [[cell_value(table.title)], []]
    header = len(grid)
    grid.append([cell_value(h) for h in table.headers])
    texts = _CellTexts()  # a results sheet repeats the same reason on many rows: each text checked once
    grid += [[texts[v] if type(v) is str else cell_value(v) for v in row] for row in table.rows]
    if table.notes:
        grid.append([])
        grid += [[cell_value(note)] for note in table.notes]
    fills = {header + 1 + i: FILLS[kind] for i, kind in table.highlight.items()
             if kind in FILLS and 0 <= i < len(table.rows)}
    return SheetLayout(grid, header, title, range(header + 1, header + 1 + len(table.rows)), fills,
                       column_widths(table))
