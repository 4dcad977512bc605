"""Finding an input sheet's table and converting it column-wise, every problem located (sheet, row, column).

The header row is the one among the first rows that matches most known headers (any alias, any case);
each column is converted once per *distinct* value by the converter of its kind (:mod:`.cells`), and
records are the zipped converted columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.subjects import Subjects
from thidua_xl.legacy import to_unicode
from thidua_xl.messages import t
from thidua_xl.text import clean, clip
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import (
    CellError,
    ambiguous,
    converter,
    excel_error,
    fmt_date,
    shown,
    to_id,
    us_order,
)
from thidua_xl.workbook.fonts import TEXT_KINDS, FontCells, unlegacy
from thidua_xl.workbook.results import col_letter  # the one column-letter function (readers and writers)

HEADER_SCAN_ROWS = 15
# Reference-only columns never converted (read for the name cross-check only, as clean text).
_REFERENCE_KEYS = frozenset({"name_ref"})


class Collector:
    """Collects problems for one read."""

    def __init__(self) -> None:
        self.problems: list[m.Problem] = []
        # Sheets (schema keys) missing or lacking a required column: references to them are not checked,
        # so one missing column gives one error, not one per row of every sheet that refers to it.
        self.unchecked: set[str] = set()

    def add(self, severity: str, code: str, sheet: str, row: int | None, column: str, found: object,
            key: str, hint: str, /, **kw: object) -> None:
        if isinstance(kw.get("value"), str):  # a message quotes at most QUOTE_MAX characters of a bad value
            kw["value"] = clip(kw["value"])  # type: ignore[arg-type]
        self.problems.append(m.Problem(severity, code, sheet, row, column, clip(shown(found)), t(key, **kw),
                                       t(hint, **kw)))


@dataclass
class Table:
    """One input sheet located, mapped and converted column-wise.

    ``rows[i]`` is the Excel row of record ``i``; ``get(key)[i]`` its converted value (None when blank or
    not convertible — the problem is already recorded); ``extra_cells[col][i]`` raw unmapped cells.
    """

    spec: s.SheetSpec
    name: str
    header_row: int  # 1-based Excel row of the header
    mapping: dict[int, s.Column]
    extra: dict[int, Any]  # unmapped header cells by 0-based column index
    rows: list[int] = field(default_factory=list)
    cols: dict[str, list[Any]] = field(default_factory=dict)
    bad: set[tuple[int, str]] = field(default_factory=set)  # (record index, column key) not convertible
    extra_cells: dict[int, list[Any]] = field(default_factory=dict)

    def get(self, key: str) -> list[Any]:
        col = self.cols.get(key)
        if col is None:
            col = self.cols[key] = [None] * len(self.rows)
        return col

    def column_label(self, key: str) -> str:
        """"C (Họ và tên)": letter where the column was found + canonical header."""
        for idx, col in self.mapping.items():
            if col.key == key:
                return f"{col_letter(idx)} ({col.header})"
        return self.spec.column(key).header


# Per sheet: each cell value met in the rows scanned for the header → the standard column it names, None (a value
# that names none: an extra column if on the header row) or _NOT_HEADER (blank, a date, an empty key). The first rows
# of every sheet are scanned, and their values recur (ratings, teams; the same headers in every school's file of a
# roll-up). Bounded: emptied when full.
_COLUMNS: dict[str, dict[Any, Any]] = {}
_HEADER_KEYS_MAX = 50_000
_UNSEEN, _NOT_HEADER = object(), object()


def _header_column(cell: Any, lookup: Mapping[str, s.Column]) -> Any:
    """The column ``cell`` names as a header (also typed in TCVN3/VNI), None, or _NOT_HEADER."""
    if cell is None or cell == "" or isinstance(cell, dt.date):
        return _NOT_HEADER
    key = s.header_key(to_id(cell))
    if not key:
        return _NOT_HEADER
    col = lookup.get(key)
    if col is None and isinstance(cell, str) and not cell.isascii():  # a header typed in TCVN3/VNI
        col = lookup.get(s.header_key(to_unicode(cell)[0]))
    return col


def find_header(rows: list[list[Any]], spec: s.SheetSpec, column_map: Mapping[str, s.Column] | None = None
                 ) -> tuple[int, dict[int, s.Column], dict[int, Any], list[tuple[s.Column, int, int]]]:
    """The header row among the first rows: the one matching most known headers (required ones count twice).
    ``column_map``: the school's own headers (folded) → standard column, from the "Ánh xạ cột" sheet."""
    lookup = {**s.column_lookup(spec), **column_map} if column_map else s.column_lookup(spec)
    required = {c.key for c in spec.columns if c.required}
    ceiling = len({c.key for c in spec.columns}) + len(required)  # the score of a row naming every column
    best: tuple[int, int, dict[int, s.Column], dict[int, Any], list[tuple[s.Column, int, int]]] = (
        -1, 0, {}, {}, [])
    # each distinct cell's column, kept across calls for the standard headers (not with a school's own map)
    memo: dict[Any, Any] = _COLUMNS.setdefault(spec.key, {}) if not column_map else {}
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[int, s.Column] = {}
        extra: dict[int, Any] = {}
        seen: dict[str, int] = {}
        dupes: list[tuple[s.Column, int, int]] = []
        for ci, cell in enumerate(row):
            if cell.__class__ is bool:  # before the memo: True and 1 are equal keys
                continue
            try:
                col = memo.get(cell, _UNSEEN)
            except TypeError:  # an unhashable value (a host's odd cell): not a header
                continue
            if col is _UNSEEN:
                col = _header_column(cell, lookup)
                if len(memo) >= _HEADER_KEYS_MAX:
                    memo.clear()
                memo[cell] = col
            if col is _NOT_HEADER:
                continue
            if col is None:
                extra[ci] = cell
            elif col.key in seen:
                dupes.append((col, seen[col.key], ci))
            else:
                seen[col.key] = ci
                mapping[ci] = col
        score = len(mapping) + len(required & seen.keys())
        if score > best[1]:
            best = (r, score, mapping, extra, dupes)
            if score >= ceiling:  # every column named: no row below can score more (the first best row wins)
                break
    return best[0], best[2], best[3], best[4]


def as_rows(value: Any) -> list[list[Any]]:
    """Sheet values as a list of rows, whatever the host gave (xlwings returns a scalar for one cell and a
    flat list for one row unless asked for ndim=2)."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        return [[value]]
    if value and not isinstance(value[0], (list, tuple)):
        return [list(value)]
    return value if isinstance(value, list) else list(value)


def is_blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def read_table(tables: Mapping[str, list[list[Any]]], names: dict[str, str], spec: s.SheetSpec,
                pc: Collector, fonts: FontCells | None = None, column_map: Mapping[str, s.Column] | None = None
                ) -> Table | None:
    name = names.get(spec.key)
    if name is None:
        if spec.required:
            pc.unchecked.add(spec.key)
            pc.add("error", "MISSING_SHEET", spec.name, None, "", "", "reader.missing_sheet",
                   "reader.missing_sheet_hint", sheet=spec.name)
        return None
    rows = as_rows(tables[name])
    hr, mapping, extra, dupes = find_header(rows, spec, column_map)
    if not mapping:
        pc.unchecked.add(spec.key)
        pc.add("error", "NO_HEADER", name, None, "", "", "reader.no_header", "reader.no_header_hint",
               sheet=name, rows=HEADER_SCAN_ROWS, headers=", ".join(c.header for c in spec.columns if c.required))
        return None
    table = Table(spec, name, hr + 1, mapping, extra if spec.layout == "ballots" else {})
    for col, first, second in dupes:
        pc.add("warning", "DUPLICATE_COLUMN", name, hr + 1, f"{col_letter(second)} ({col.header})", col.header,
               "reader.duplicate_column", "reader.duplicate_column_hint", column=col.header,
               first=col_letter(first), second=col_letter(second))
    present = {c.key for c in mapping.values()}
    for col in spec.columns:
        if col.required and col.key not in present:
            pc.unchecked.add(spec.key)
            pc.add("error", "MISSING_COLUMN", name, hr + 1, col.header, "", "reader.missing_column",
                   "reader.missing_column_hint", column=col.header, aliases=", ".join(col.aliases) or "—")

    body = rows[hr + 1:]
    keep = [i for i, row in enumerate(body) if any(row)]  # C-level test; whitespace-only rows go below
    if len(keep) != len(body):
        body = [body[i] for i in keep]
    lengths = set(map(len, body))
    width = max(lengths, default=0)
    if len(lengths) > 1:  # ragged rows (xlwings, hand-made tables): pad with blanks
        body = [list(r) + [None] * (width - len(r)) for r in body]
    columns = list(zip(*body)) if body else []
    n = len(body)
    blank_col: tuple[Any, ...] = (None,) * n
    _legacy_text(columns, mapping, width, name, hr, keep, (fonts or {}).get(name), pc)

    converted: dict[str, list[Any]] = {}
    bad: set[tuple[int, str]] = set()
    for idx, col in mapping.items():
        raw_col = columns[idx] if idx < width else blank_col
        if col.key in _REFERENCE_KEYS:
            converted[col.key] = [clean(v) if v else "" for v in raw_col]
            for i, raw in enumerate(raw_col):
                exc = excel_error(raw)
                if exc is not None:
                    converted[col.key][i] = ""
                    pc.add("error", "BAD_VALUE", name, hr + 2 + keep[i], f"{col_letter(idx)} ({col.header})", raw,
                           exc.key, exc.hint, **exc.kw)
            continue
        conv = converter(col)
        cache: dict[Any, Any] = {None: None, "": None}
        errors: dict[Any, CellError] = {}
        for v in set(raw_col):
            if v in cache:
                continue
            try:
                cache[v] = conv(v)
            except CellError as exc:
                cache[v] = None
                errors[v] = exc
        converted[col.key] = list(map(cache.__getitem__, raw_col))
        if errors:
            label = f"{col_letter(idx)} ({col.header})"
            for i, raw in enumerate(raw_col):
                exc = errors.get(raw)
                if exc is not None:
                    pc.add("error", "BAD_VALUE", name, hr + 2 + keep[i], label, raw, exc.key, exc.hint, **exc.kw)
                    bad.add((i, col.key))
        if col.kind == "date":
            _ambiguous_dates(pc, name, f"{col_letter(idx)} ({col.header})", raw_col, converted[col.key],
                             [hr + 2 + k for k in keep])
    extra_cells = {j: list(columns[j]) if j < width else [None] * n for j in table.extra}

    # Rows with a required value missing; rows of blanks/spaces only are dropped (they are not records).
    required_here = [col for col in spec.columns if col.required and col.key in present]
    missing: dict[int, list[s.Column]] = {}
    for col in required_here:
        vals = converted[col.key]
        if None in vals or "" in vals:
            for i, v in enumerate(vals):
                if (v is None or v == "") and (i, col.key) not in bad:
                    missing.setdefault(i, []).append(col)
    drop: set[int] = set()
    for i in missing:
        if any((i, k) in bad for k in converted):
            continue
        if all(is_blank(vals[i]) for vals in converted.values()) and all(
                is_blank(cells[i]) for cells in extra_cells.values()):
            drop.add(i)
    for i, cols in missing.items():
        if i in drop:
            continue
        for col in cols:
            pc.add("error", "MISSING_VALUE", name, hr + 2 + keep[i], table.column_label(col.key), "",
                   "reader.missing_value", "reader.missing_value_hint", column=col.header)
    excel_rows = [hr + 2 + k for k in keep]
    if drop:
        sel = [i for i in range(n) if i not in drop]
        remap = {old: new for new, old in enumerate(sel)}
        excel_rows = [excel_rows[i] for i in sel]
        converted = {k: [v[i] for i in sel] for k, v in converted.items()}
        extra_cells = {k: [v[i] for i in sel] for k, v in extra_cells.items()}
        bad = {(remap[i], k) for i, k in bad if i in remap}
    table.rows, table.cols, table.bad, table.extra_cells = excel_rows, converted, bad, extra_cells
    return table


def _ambiguous_dates(pc: Collector, sheet: str, label: str, raw_col: tuple[Any, ...], values: list[Any],
                     rows: list[int]) -> None:
    """When a date column shows month-first order anywhere (09/14/1978), warn on every date of that column
    whose day and month could be swapped (03/04/1978), each at its row."""
    us = us_order(set(raw_col))
    if us is None:
        return
    for row, raw, d in zip(rows, raw_col, values):
        if d is not None and ambiguous(raw):
            other = dt.date(d.year, d.day, d.month)
            pc.add("warning", "AMBIGUOUS_DATE", sheet, row, label, raw, "reader.ambiguous_date",
                   "reader.ambiguous_date_hint", value=clean(raw), read=fmt_date(d), us=us, other=fmt_date(other))


def _legacy_text(columns: list[Any], mapping: dict[int, s.Column], width: int, sheet: str, hr: int,
                 keep: list[int], fonts: dict[tuple[int, int], str] | None, pc: Collector) -> None:
    """Text typed in TCVN3 or VNI (by the cell's font, else by character statistics) → Unicode, in place in
    ``columns`` (the input is never touched); a warning per converted cell with the text before and after."""
    rows0 = [hr + 1 + k for k in keep]
    for idx, col in mapping.items():
        if idx >= width or col.kind not in TEXT_KINDS:
            continue
        new, notes = unlegacy(columns[idx], rows0, idx, fonts)
        if new is None:
            continue
        columns[idx] = tuple(new)
        label = f"{col_letter(idx)} ({col.header})"
        for i, before, after, enc in notes:
            pc.add("warning", "LEGACY_ENCODING", sheet, hr + 2 + keep[i], label, before, "reader.legacy_text",
                   "reader.legacy_text_hint", before=before, after=after, encoding=t(f"reader.encoding_{enc}"))


class Reading:
    """One read in progress: the sheets, the problems found so far, the data built so far, and the lookups
    that later sheets check their references against (filled as the Tổ and Cán bộ sheets are read)."""

    def __init__(self, tables: Mapping[str, list[list[Any]]], path: str, fonts: FontCells | None = None) -> None:
        self.tables = tables
        self.fonts = fonts or {}  # cells typed in a legacy Vietnamese font, per sheet
        # the school's own headers per sheet key (folded header → standard column), from "Ánh xạ cột"
        self.column_maps: dict[str, dict[str, s.Column]] = {}
        self.problems = Collector()
        self.data = m.SchoolData(path=path)
        sheets = s.sheet_lookup()
        self.names: dict[str, str] = {}  # sheet key → the sheet's name in this workbook
        for name in tables:
            spec = sheets.get(s.header_key(name))
            if spec is not None and spec.key not in self.names:
                self.names[spec.key] = name
        self.ref_date: dt.date = dt.date.today()  # the consideration date, once the information sheet is read
        self.subjects = Subjects()  # who a staff ID or team name refers to
        self.by_id: dict[str, m.Staff] = {}
        self.teams_read = False
        self.teams_sheet: str = s.TEAMS.name
        self.teams_table: Table | None = None
        self.folded_names: dict[str, str] = {}  # name → accent-, case- and space-free form (name cross-check)

    def table(self, spec: s.SheetSpec) -> Table | None:
        return read_table(self.tables, self.names, spec, self.problems, self.fonts, self.column_maps.get(spec.key))

    def unchecked(self, *keys: str) -> bool:
        """Whether references to these sheets cannot be checked (a sheet or required column is missing)."""
        return not self.problems.unchecked.isdisjoint(keys)

    def add(self, severity: str, code: str, sheet: str, row: int | None, column: str, found: object,
            key: str, hint: str, /, **kw: object) -> None:
        self.problems.add(severity, code, sheet, row, column, found, key, hint, **kw)
