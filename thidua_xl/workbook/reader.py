"""Read the standard workbook into core objects, collecting every problem (never only the first).

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

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.messages import t
from thidua_xl.perf import paused_gc
from thidua_xl.text import clean, normalize_name, strip_diacritics
from thidua_xl.workbook import schema as s

HEADER_SCAN_ROWS = 15
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ZERO = Fraction(0)
_TWELVE = Fraction(12)

# Coded vocabularies that become model enums while reading.
_ENUMS: dict[str, type] = {
    "rating": m.Rating,
    "title": m.Title,
    "discipline": m.DisciplineLevel,
    "initiative_kind": m.InitiativeKind,
    "level": m.Level,
    "gender": m.Gender,
    "contract": m.ContractType,
    "role": m.CouncilRole,
    "ballot_source": m.BallotSource,
}
# Titles a team can never receive, and titles a person can never receive.
_PERSON_ONLY = frozenset({m.Title.LDTT, m.Title.CSTDCS, m.Title.CSTD_TINH, m.Title.CSTD_TQ, m.Title.KNC})
_TEAM_ONLY = frozenset(m.TEAM_TITLES)
# Headers on a ballot sheet that are not candidates.
_BALLOT_IGNORED = frozenset({"stt", "tt", "ghi chú", "ghi chu", "người nhập", "nguoi nhap", "tổng", "ghi chú phiếu"})
# Reference-only columns never converted (read for the name cross-check only, as clean text).
_REFERENCE_KEYS = frozenset({"name_ref"})
# Staff dates that cannot lie after the consideration date.
_PAST_DATES = ("birth_date", "recruited_date", "sector_entry_date", "discipline_date")


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class _Collector:
    """Collects problems for one read."""

    def __init__(self) -> None:
        self.problems: list[m.Problem] = []

    def add(self, severity: str, code: str, sheet: str, row: int | None, column: str, found: object,
            key: str, hint: str, /, **kw: object) -> None:
        self.problems.append(m.Problem(severity, code, sheet, row, column, _shown(found), t(key, **kw),
                                       t(hint, **kw)))


def _shown(value: object) -> str:
    """A cell value as the user sees it in messages."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def _fmt_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


# ---------------------------------------------------------------- cell converters


class CellError(ValueError):
    """A cell value that cannot be converted: (message key, hint key, format kwargs)."""

    def __init__(self, key: str, hint: str, **kw: object) -> None:
        super().__init__(key)
        self.key, self.hint, self.kw = key, hint, kw


_VI_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{2,4})", re.IGNORECASE)


def to_date(value: object) -> dt.date | None:
    """Excel date/datetime, Excel serial number, or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, dd.mm.yyyy."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, value)
    if not isinstance(value, str):
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=_shown(value))
    text = clean(value)
    if not text:
        return None
    head = text.split(" ")[0]
    sep = "/" if "/" in head else ("-" if "-" in head else ("." if "." in head else ""))
    parts = head.split(sep) if sep else []
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        vi = _VI_DATE.search(text)
        if vi:
            parts = [vi.group(1), vi.group(2), vi.group(3)]
        elif text.isdigit() and 4 <= len(text) <= 5:  # an Excel serial stored as text
            return _serial(int(text), text)
        else:
            raise CellError("reader.bad_date", "reader.bad_date_hint", value=text)
    a, b, c = (int(p) for p in parts)
    y, mth, d = (a, b, c) if len(parts[0]) == 4 else (c, b, a)
    if len(parts[2]) == 2 and len(parts[0]) != 4:
        y += 2000 if y < 70 else 1900
    if not 1900 <= y <= 2100:
        raise CellError("reader.bad_date_year", "reader.bad_date_hint", value=text)
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise CellError("reader.impossible_date", "reader.bad_date_hint", value=text) from None


def _serial(n: float, shown: object) -> dt.date:
    if 1 <= n < 73051:  # 1900-01-01 … 2099-12-31
        return _EXCEL_EPOCH + dt.timedelta(days=int(n))
    raise CellError("reader.bad_date", "reader.bad_date_hint", value=_shown(shown))


_NUMBER_UNIT = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*(?:tháng|thang|năm|nam|th|n)\.?$", re.IGNORECASE)


def to_number(value: object) -> Fraction | None:
    """Exact number; text "2,5", "2.5", "6 tháng" accepted."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    text = clean(value)
    if not text:
        return None
    unit = _NUMBER_UNIT.match(text)
    if unit:
        text = unit.group(1)
    text = text.replace(" ", "").replace(",", ".")
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=clean(value)) from None


def to_int(value: object) -> int | None:
    n = to_number(value)
    if n is None:
        return None
    if n.denominator != 1:
        raise CellError("reader.bad_int", "reader.bad_number_hint", value=_shown(value))
    return int(n)


def to_id(value: object) -> str:
    """IDs: 12.0 → "12"; text cleaned."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
            return value  # already clean (the common case: "GV001"); clean() would return it unchanged
        return clean(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return clean(value)


def to_school_year(value: object) -> str | None:
    """"2024-2025" (also "2024 - 2025", "2024–2025", "2024/2025") → "2024-2025"."""
    text = clean(value)
    if not text:
        return None
    parts = text.replace(" ", "").replace("–", "-").replace("—", "-").replace("/", "-").split("-")
    if len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and int(parts[1]) == int(parts[0]) + 1:
        return f"{parts[0]}-{parts[1]}"
    raise CellError("reader.bad_school_year", "reader.bad_school_year_hint", value=text)


def _vocab_converter(vocab: str, fallback: str = "") -> Callable[[object], Any]:
    lookup = s.VOCABULARIES[vocab].lookup()
    if fallback:
        lookup = {**s.VOCABULARIES[fallback].lookup(), **lookup}
    labels = ", ".join(s.VOCABULARIES[vocab].labels)
    enum = _ENUMS.get(vocab)

    def convert(value: object) -> Any:
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = s.header_key(value)
        if key == "":
            return None
        code = lookup.get(key)
        if code is None:
            raise CellError("reader.bad_choice", "reader.bad_choice_hint", value=clean(value), labels=labels)
        return enum(code) if enum is not None else code

    return convert


def _months_value(value: object) -> Fraction | None:
    n = to_number(value)
    if n is not None and not 0 <= n <= 12:
        raise CellError("reader.months_range", "reader.months_range_hint", value=_shown(value))
    return n


def _non_negative(value: object) -> Fraction | None:
    n = to_number(value)
    if n is not None and n < 0:
        raise CellError("reader.negative", "reader.negative_hint", value=_shown(value))
    return n


def _non_negative_int(value: object) -> int | None:
    n = to_int(value)
    if n is not None and n < 0:
        raise CellError("reader.negative", "reader.negative_hint", value=_shown(value))
    return n


def _converter(col: s.Column) -> Callable[[object], Any]:
    """The converter for one column, chosen once per column (never per cell)."""
    if col.key.endswith("_months"):
        return _months_value
    if col.key == "school_year":
        return to_school_year
    if col.kind == "date":
        return to_date
    if col.kind == "number":
        return _non_negative
    if col.kind == "int":
        return _non_negative_int
    if col.kind == "id":
        return to_id
    if col.kind == "name":
        return normalize_name
    if col.kind == "code":
        return _vocab_converter(col.vocab)
    if col.kind == "bool":
        conv = _vocab_converter(col.vocab, fallback="yes_no" if col.vocab != "yes_no" else "")
        return lambda v: (None if (c := conv(v)) is None else c == "1")
    return to_id  # text: cleaned; a number typed in a text column reads "45", not "45.0"


# ---------------------------------------------------------------- table reading


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


def _find_header(rows: list[list[Any]], spec: s.SheetSpec
                 ) -> tuple[int, dict[int, s.Column], dict[int, Any], list[tuple[s.Column, int, int]]]:
    """The header row among the first rows: the one matching most known headers (required ones count twice)."""
    lookup = s.column_lookup(spec)
    required = {c.key for c in spec.columns if c.required}
    best: tuple[int, int, dict[int, s.Column], dict[int, Any], list[tuple[s.Column, int, int]]] = (
        -1, 0, {}, {}, [])
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[int, s.Column] = {}
        extra: dict[int, Any] = {}
        seen: dict[str, int] = {}
        dupes: list[tuple[s.Column, int, int]] = []
        for ci, cell in enumerate(row):
            if cell is None or cell == "" or isinstance(cell, (dt.date, bool)):
                continue
            key = s.header_key(to_id(cell))
            if not key:
                continue
            col = lookup.get(key)
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


def _is_blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


def _read_table(tables: Mapping[str, list[list[Any]]], names: dict[str, str], spec: s.SheetSpec,
                pc: _Collector) -> Table | None:
    name = names.get(spec.key)
    if name is None:
        if spec.required:
            pc.add("error", "MISSING_SHEET", spec.name, None, "", "", "reader.missing_sheet",
                   "reader.missing_sheet_hint", sheet=spec.name)
        return None
    rows = as_rows(tables[name])
    hr, mapping, extra, dupes = _find_header(rows, spec)
    if not mapping:
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

    converted: dict[str, list[Any]] = {}
    bad: set[tuple[int, str]] = set()
    for idx, col in mapping.items():
        raw_col = columns[idx] if idx < width else blank_col
        if col.key in _REFERENCE_KEYS:
            converted[col.key] = [clean(v) if v else "" for v in raw_col]
            continue
        conv = _converter(col)
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
        if all(_is_blank(vals[i]) for vals in converted.values()) and all(
                _is_blank(cells[i]) for cells in extra_cells.values()):
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


# ---------------------------------------------------------------- the information sheet


def _read_info(tables: Mapping[str, list[list[Any]]], names: dict[str, str], pc: _Collector) -> m.SchoolInfo:
    info = m.SchoolInfo()
    name = names.get("info")
    if name is None:
        pc.add("error", "MISSING_SHEET", s.INFO.name, None, "", "", "reader.missing_sheet",
               "reader.missing_sheet_hint", sheet=s.INFO.name)
        return info
    lookup = s.column_lookup(s.INFO)
    label_rows: dict[str, int] = {}
    bad_keys: set[str] = set()
    for r, row in enumerate(as_rows(tables[name])):
        if not row:
            continue
        label = s.header_key(row[0])
        col = lookup.get(label)
        raw = row[1] if len(row) > 1 else None
        if col is None:
            if label and label not in ("mục", "muc", "nội dung") and not _is_blank(raw):
                info.extra[clean(row[0])] = _shown(raw)
            continue
        if col.key in label_rows and getattr(info, col.key) not in (None, ""):
            continue  # the first filled occurrence wins
        label_rows[col.key] = r + 1
        try:
            val = _converter(col)(raw)
        except CellError as exc:
            bad_keys.add(col.key)
            pc.add("error", "BAD_SCHOOL_YEAR" if col.key == "school_year" else "BAD_VALUE", name, r + 1,
                   f"B ({col.header})", raw, exc.key, exc.hint, **exc.kw)
            continue
        if val is None or val == "":
            continue
        setattr(info, col.key, val)
    for col in s.INFO.columns:
        if col.required and getattr(info, col.key) in (None, ""):
            if col.key in bad_keys:
                continue  # already reported as a bad value
            pc.add("error", "MISSING_VALUE", name, label_rows.get(col.key), f"B ({col.header})", "",
                   "reader.missing_info", "reader.missing_info_hint", item=col.header)
    if info.consideration_date is None:
        info.consideration_date = info.meeting_date
    return info


# ---------------------------------------------------------------- the whole workbook


def read_tables(tables: Mapping[str, list[list[Any]]], path: str = "") -> m.SchoolData:
    """Convert ``{sheet name: rows}`` into :class:`SchoolData`, collecting every problem."""
    with paused_gc():
        return _Reader(tables, path).run()


class _Reader:
    def __init__(self, tables: Mapping[str, list[list[Any]]], path: str) -> None:
        self.tables = tables
        self.pc = _Collector()
        self.data = m.SchoolData(path=path)
        sheets = s.sheet_lookup()
        self.names: dict[str, str] = {}
        for name in tables:
            spec = sheets.get(s.header_key(name))
            if spec is not None and spec.key not in self.names:
                self.names[spec.key] = name
        self.by_id: dict[str, m.Staff] = {}
        self._by_id_fold: dict[str, str] | None = None
        self.team_names: dict[str, str] = {}  # header_key(team) → team name as on the Tổ sheet
        self.teams_sheet: str = s.TEAMS.name
        self.teams_read = False
        self._fold_names: dict[str, str] = {}
        self._name_index: dict[str, list[str]] | None = None

    def table(self, spec: s.SheetSpec) -> Table | None:
        return _read_table(self.tables, self.names, spec, self.pc)

    def add(self, *args: Any, **kw: Any) -> None:
        self.pc.add(*args, **kw)

    def run(self) -> m.SchoolData:
        data = self.data
        data.info = _read_info(self.tables, self.names, self.pc)
        self.ref_date = data.info.consideration_date or data.info.meeting_date or dt.date.today()
        self.read_teams()
        self.read_staff()
        self.check_leaders()
        self.read_registrations()
        self.read_initiatives()
        self.read_history()
        self.read_discipline()
        self.read_council()
        self.read_overrides()
        self.read_ballots()
        data.problems = self._ordered(self.pc.problems)
        return data

    def _ordered(self, problems: list[m.Problem]) -> list[m.Problem]:
        """In the order a secretary reads the workbook: sheet (workbook order), row, column."""
        order = {name: i for i, name in enumerate(self.tables)}
        for i, spec in enumerate(s.INPUT_SHEETS):
            order.setdefault(spec.name, -len(s.INPUT_SHEETS) + i)  # missing sheets first

        def key(p: m.Problem) -> tuple[int, int, int, int]:
            letters = p.column.split(" ", 1)[0] if p.column[:1].isupper() and " (" in p.column else ""
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64 if "A" <= ch <= "Z" else col
            return order.get(p.sheet, 10_000), p.row or 0, col, 0 if p.severity == "error" else 1

        return sorted(problems, key=key)

    # ------------------------------------------------ lookups shared by the sheets

    def person(self, sid: str) -> str | None:
        """The staff ID as on the Cán bộ sheet (exact, else case-insensitive), or None."""
        if sid in self.by_id:
            return sid
        if self._by_id_fold is None:
            self._by_id_fold = {}
            for k in self.by_id:
                self._by_id_fold.setdefault(k.casefold(), k)
        return self._by_id_fold.get(sid.casefold())

    def team(self, name: str) -> str | None:
        return self.team_names.get(s.header_key(name))

    def known_person(self, table: Table, row: int, key: str, sid: str) -> str | None:
        found = self.person(sid)
        if found is None:
            self.add("error", "UNKNOWN_PERSON", table.name, row, table.column_label(key), sid,
                     "reader.unknown_person", "reader.unknown_person_hint", id=sid)
        return found

    def known_team(self, table: Table, row: int, key: str, name: str) -> str | None:
        found = self.team(name)
        if found is None and self.teams_read:
            self.add("error", "UNKNOWN_TEAM", table.name, row, table.column_label(key), name, "reader.unknown_team",
                     "reader.unknown_team_hint", team=name, sheet=self.teams_sheet)
        return found if found is not None else (None if self.teams_read else name)

    def _fold(self, name: str) -> str:
        key = self._fold_names.get(name)
        if key is None:
            key = self._fold_names[name] = strip_diacritics(name).casefold().replace(" ", "")
        return key

    def check_name(self, table: Table, rows: list[int], ids: list[Any], refs: list[Any],
                   key: str = "name_ref") -> None:
        """Warn when the reference name typed beside an ID is not that person's name (a mistyped ID)."""
        if not any(refs):
            return
        fold = self._fold
        for row, sid, ref in zip(rows, ids, refs):
            if not ref or not sid:
                continue
            person = self.by_id.get(sid)
            if person is None or ref == person.full_name or not person.full_name or fold(ref) == fold(
                    person.full_name):
                continue
            self.add("warning", "NAME_MISMATCH", table.name, row, table.column_label(key), ref,
                     "reader.name_mismatch", "reader.name_mismatch_hint", name=ref, id=sid,
                     expected=person.full_name)

    # ------------------------------------------------ sheets

    def read_teams(self) -> None:
        tt = self.table(s.TEAMS)
        if tt is None:
            return
        self.teams_read, self.teams_sheet = True, tt.name
        first: dict[str, int] = {}
        for row, name, leader, rating, note in zip(tt.rows, tt.get("name"), tt.get("leader_id"), tt.get("rating"),
                                                   tt.get("note")):
            if not name:
                continue
            key = s.header_key(name)
            if key in first:
                self.add("error", "DUPLICATE_TEAM", tt.name, row, tt.column_label("name"), name,
                         "reader.duplicate_team", "reader.duplicate_team_hint", team=name, first=first[key])
                continue
            first[key] = row
            self.team_names[key] = name
            self.data.teams.append(m.Team(name, leader or "", rating, note or "", m.SourceRef(tt.name, row)))
        self.teams_table = tt

    def read_staff(self) -> None:
        st = self.table(s.STAFF)
        if st is None:
            return
        sheet = st.name
        g = st.get
        ids: dict[str, int] = {}
        team_cache: dict[str, str | None] = {}
        staff = self.data.staff
        add = self.add
        for (row, sid, full_name, gender, birth, position, team, recruited, entry, contract, mat, sick, study,
             unpaid, study_ok, rating, d_level, d_date, d_end, pending, dbkk, dbkk_now, mil, achievement,
             note) in zip(st.rows, g("id"), g("full_name"), g("gender"), g("birth_date"), g("position"), g("team"),
                          g("recruited_date"), g("sector_entry_date"), g("contract_type"), g("maternity_months"),
                          g("sick_months"), g("study_months"), g("unpaid_months"), g("study_result_ok"), g("rating"),
                          g("discipline_level"), g("discipline_date"), g("discipline_end"),
                          g("pending_discipline"), g("difficult_area_years"), g("in_difficult_area_now"),
                          g("study_military_years"), g("outstanding_achievement"), g("note")):
            if not sid:
                continue
            if sid in ids:
                add("error", "DUPLICATE_ID", sheet, row, st.column_label("id"), sid, "reader.duplicate_id",
                    "reader.duplicate_id_hint", id=sid, first=ids[sid])
                continue
            ids[sid] = row
            if team:
                canonical = team_cache.get(team, "")
                if canonical == "":
                    canonical = team_cache[team] = self.team(team)
                if canonical is None:
                    if self.teams_read:
                        add("error", "UNKNOWN_TEAM", sheet, row, st.column_label("team"), team,
                            "reader.unknown_team", "reader.unknown_team_hint", team=team, sheet=self.teams_sheet)
                else:
                    team = canonical
            src = m.SourceRef(sheet, row)
            if (mat is not None or sick is not None or study is not None or unpaid is not None) and (
                    mat or sick or study or unpaid):
                total = (mat or _ZERO) + (sick or _ZERO) + (study or _ZERO) + (unpaid or _ZERO)
                if total > _TWELVE:
                    add("warning", "ABSENCE_TOTAL", sheet, row, st.column_label("maternity_months"),
                        _fraction_text(total), "reader.absence_total", "reader.absence_total_hint",
                        total=_fraction_text(total))
            person = m.Staff(
                id=sid, full_name=full_name or "", gender=gender, birth_date=birth, position=position or "",
                team=team or "", recruited_date=recruited, sector_entry_date=entry, contract_type=contract,
                absence=m.Absence(_ZERO if mat is None else mat, _ZERO if sick is None else sick,
                                  _ZERO if study is None else study, _ZERO if unpaid is None else unpaid, study_ok),
                rating=rating, disciplines=[], pending_discipline=bool(pending),
                difficult_area_years=_ZERO if dbkk is None else dbkk, in_difficult_area_now=bool(dbkk_now),
                study_military_years=_ZERO if mil is None else mil, outstanding_achievement=bool(achievement), note=note or "",
                source=src,
            )
            if d_level is not None:
                person.disciplines.append(m.Discipline(d_level, d_date, d_end, source=src))
                if d_date and d_end and d_end < d_date:
                    add("warning", "END_BEFORE_START", sheet, row, st.column_label("discipline_end"),
                        _fmt_date(d_end), "reader.end_before_start", "reader.end_before_start_hint",
                        end=_fmt_date(d_end), start=_fmt_date(d_date))
            staff.append(person)
        self.by_id = {p.id: p for p in staff}
        self._future_dates(st, _PAST_DATES)

    def _future_dates(self, table: Table, keys: tuple[str, ...]) -> None:
        """Warn on dates after the consideration date, checked on distinct values only."""
        ref = self.ref_date
        for key in keys:
            if key not in table.cols:
                continue
            vals = table.cols[key]
            late = {d for d in set(vals) if d is not None and d > ref}
            if not late:
                continue
            label = table.column_label(key)
            for row, d in zip(table.rows, vals):
                if d in late:
                    self.add("warning", "FUTURE_DATE", table.name, row, label, _fmt_date(d), "reader.future_date",
                             "reader.future_date_hint", value=_fmt_date(d), ref=_fmt_date(ref))

    def check_leaders(self) -> None:
        tt = getattr(self, "teams_table", None)
        if tt is None or not self.by_id:
            return
        for team in self.data.teams:
            if team.leader_id and self.person(team.leader_id) is None:
                row = team.source.row if team.source else None
                self.add("warning", "UNKNOWN_PERSON", tt.name, row, tt.column_label("leader_id"), team.leader_id,
                         "reader.unknown_leader", "reader.unknown_leader_hint", id=team.leader_id)

    def read_registrations(self) -> None:
        rt = self.table(s.REGISTRATIONS)
        if rt is None:
            return
        regs = self.data.registrations
        first: dict[tuple[str, m.Title], int] = {}
        person_word, team_word = t("reader.word_person"), t("reader.word_team")
        for row, kind, subject, title, date in zip(rt.rows, rt.get("kind"), rt.get("subject"), rt.get("title"),
                                                   rt.get("date")):
            if not subject or title is None:
                continue
            if kind is None:
                is_team = title in _TEAM_ONLY or (self.person(subject) is None and self.team(subject) is not None)
            else:
                is_team = kind == "TEAM"
            if (is_team and title in _PERSON_ONLY) or (not is_team and title in _TEAM_ONLY):
                self.add("error", "TITLE_KIND_MISMATCH", rt.name, row, rt.column_label("title"),
                         _title_label(title), "reader.title_kind_mismatch", "reader.title_kind_mismatch_hint",
                         title=_title_label(title), expected=person_word if is_team else team_word,
                         kind=team_word if is_team else person_word)
            found = (self.known_team(rt, row, "subject", subject) if is_team
                     else self.known_person(rt, row, "subject", subject))
            if found is None:
                continue
            key = (found, title)
            if key in first:
                self.add("warning", "DUPLICATE_REGISTRATION", rt.name, row, rt.column_label("subject"), subject,
                         "reader.duplicate_registration", "reader.duplicate_registration_hint", subject=found,
                         title=_title_label(title), first=first[key])
                continue
            first[key] = row
            regs.append(m.Registration(is_team, found, title, date, m.SourceRef(rt.name, row)))
        if "name" in rt.cols:
            self.check_name(rt, rt.rows, rt.get("subject"), rt.get("name"), key="name")

    def read_initiatives(self) -> None:
        it = self.table(s.INITIATIVES)
        if it is None:
            return
        out = self.data.initiatives
        for row, sid, name, kind, level, no, date, year in zip(
                it.rows, it.get("staff_id"), it.get("name"), it.get("kind"), it.get("level"), it.get("decision_no"),
                it.get("decision_date"), it.get("school_year")):
            if not sid:
                continue
            found = self.known_person(it, row, "staff_id", sid)
            if found is None or kind is None or level is None:
                continue
            out.append(m.Initiative(found, name or "", kind, level, no or "", date, year or "",
                                    m.SourceRef(it.name, row)))
        self.check_name(it, it.rows, it.get("staff_id"), it.get("name_ref"))

    def read_history(self) -> None:
        ht = self.table(s.HISTORY)
        if ht is None:
            return
        out = self.data.history
        sheet = ht.name
        label = ht.column_label("subject")
        by_id = self.by_id
        bad = ht.bad
        for i, (row, subject, year, rating, title, no, date, issuer) in enumerate(zip(
                ht.rows, ht.get("subject"), ht.get("school_year"), ht.get("rating"), ht.get("title"),
                ht.get("decision_no"), ht.get("decision_date"), ht.get("issuer"))):
            if not subject:
                continue
            is_team = False
            if subject not in by_id:
                found = self.person(subject)
                if found is None:
                    found = self.team(subject)
                    if found is None:
                        self.add("error", "UNKNOWN_PERSON", sheet, row, label, subject, "reader.unknown_subject",
                                 "reader.unknown_subject_hint", value=subject)
                        continue
                    is_team = True
                subject = found
            if rating is None and title is None and (i, "rating") not in bad and (i, "title") not in bad:
                self.add("warning", "HISTORY_EMPTY", sheet, row, ht.column_label("rating"), "",
                         "reader.history_empty", "reader.history_empty_hint")
            out.append(m.HistoryRecord(subject, year or "", rating, title, no or "", date, issuer or "", is_team,
                                       m.SourceRef(sheet, row)))
        self.check_name(ht, ht.rows, ht.get("subject"), ht.get("name_ref"))

    def read_discipline(self) -> None:
        dtab = self.table(s.DISCIPLINE)
        if dtab is None:
            return
        for row, sid, level, no, start, end in zip(dtab.rows, dtab.get("staff_id"), dtab.get("level"),
                                                   dtab.get("decision_no"), dtab.get("decision_date"),
                                                   dtab.get("end_date")):
            if not sid:
                continue
            found = self.known_person(dtab, row, "staff_id", sid)
            if found is None or level is None:
                continue
            if start and end and end < start:
                self.add("warning", "END_BEFORE_START", dtab.name, row, dtab.column_label("end_date"),
                         _fmt_date(end), "reader.end_before_start", "reader.end_before_start_hint",
                         end=_fmt_date(end), start=_fmt_date(start))
            self.by_id[found].disciplines.append(m.Discipline(level, start, end, no or "",
                                                              m.SourceRef(dtab.name, row)))
        self.check_name(dtab, dtab.rows, dtab.get("staff_id"), dtab.get("name_ref"))
        self._future_dates(dtab, ("decision_date",))

    def read_council(self) -> None:
        ct = self.table(s.COUNCIL)
        if ct is None:
            return
        for row, name, sid, role, present, reason, written in zip(
                ct.rows, ct.get("name"), ct.get("staff_id"), ct.get("role"), ct.get("present"),
                ct.get("absence_reason"), ct.get("written_opinion")):
            if not name:
                continue
            if sid:
                found = self.person(sid)
                if found is None:
                    self.add("warning", "UNKNOWN_PERSON", ct.name, row, ct.column_label("staff_id"), sid,
                             "reader.unknown_member", "reader.unknown_member_hint", id=sid)
                else:
                    sid = found
            self.data.council.append(m.CouncilMember(name, role or m.CouncilRole.UY_VIEN, sid or "",
                                                     True if present is None else present, reason or "",
                                                     bool(written), m.SourceRef(ct.name, row)))

    def read_overrides(self) -> None:
        ot = self.table(s.OVERRIDES)
        if ot is None:
            return
        for row, key, value, level, citation, note in zip(ot.rows, ot.get("key"), ot.get("value"), ot.get("level"),
                                                          ot.get("citation"), ot.get("note")):
            if not key:
                continue
            self.data.overrides.append(m.Override(key, value or "", level or "trường", citation or "", note or "",
                                                  m.SourceRef(ot.name, row)))

    # ------------------------------------------------ ballots

    @property
    def name_index(self) -> dict[str, list[str]]:
        """Folded full name → staff IDs (built on first use: most ballot headers are IDs)."""
        if self._name_index is None:
            self._name_index = {}
            for p in self.data.staff:
                self._name_index.setdefault(s.header_key(p.full_name), []).append(p.id)
        return self._name_index

    def resolve_candidate(self, header: str) -> str | list[str] | None:
        """Staff ID, else team name, else full name, else "ID - name"; a list when a name is ambiguous."""
        if header in self.by_id:
            return header
        key = s.header_key(header)
        team = self.team_names.get(key)
        if team is not None:
            return team
        found = self.person(header)  # ID typed in another case
        if found is not None:
            return found
        ids = self.name_index.get(key)
        if ids:
            return ids[0] if len(ids) == 1 else ids
        head = re.split(r"[\s\-–:(]+", header, maxsplit=1)[0]
        return self.person(head) if head and head != header else None

    def read_ballots(self) -> None:
        rounds: dict[m.Title, m.BallotRound] = {}
        bt = self.table(s.ROUNDS)
        if bt is not None:
            for row, title, cand, max_choices, issued in zip(bt.rows, bt.get("title"), bt.get("candidate"),
                                                             bt.get("max_choices"), bt.get("issued")):
                if title is None or not cand:
                    continue
                key = self._candidate(bt, row, bt.column_label("candidate"), cand)
                if key is None:
                    continue
                rnd = rounds.get(title)
                if rnd is None:
                    rnd = rounds[title] = m.BallotRound(title, source=m.SourceRef(bt.name, row))
                if key not in rnd.candidates:
                    rnd.candidates.append(key)
                if rnd.max_choices is None and max_choices is not None:
                    rnd.max_choices = max_choices
                if rnd.issued is None and issued is not None:
                    rnd.issued = issued
            self.check_name(bt, bt.rows, bt.get("candidate"), bt.get("name_ref"))
        self.data.ballots = self._ballots(s.BALLOTS) or []
        second = self._ballots(s.BALLOTS_SECOND)
        self.data.ballots_second = second or None  # an empty second-entry sheet means: no second entry
        for ballot in self.data.ballots:
            rnd = rounds.get(ballot.title)
            if rnd is None:
                rnd = rounds[ballot.title] = m.BallotRound(ballot.title)
            if rnd.source is None:  # no list rows for this title: the candidates marked on its ballots
                for cand, mark in ballot.marks.items():
                    if mark is not m.Mark.BLANK and cand not in rnd.candidates:
                        rnd.candidates.append(cand)
        self.data.rounds = list(rounds.values())

    def _candidate(self, table: Table, row: int, column: str, header: str) -> str | None:
        found = self.resolve_candidate(header)
        if isinstance(found, list):
            self.add("error", "AMBIGUOUS_CANDIDATE", table.name, row, column, header, "reader.ambiguous_candidate",
                     "reader.ambiguous_candidate_hint", value=header, n=len(found), ids=", ".join(found))
            return None
        if found is None:
            self.add("error", "UNKNOWN_CANDIDATE", table.name, row, column, header, "reader.unknown_candidate",
                     "reader.unknown_candidate_hint", value=header)
        return found

    def _ballots(self, spec: s.SheetSpec) -> list[m.Ballot] | None:
        table = self.table(spec)
        if table is None:
            return None
        cand_cols: dict[int, str] = {}
        first_col: dict[str, int] = {}
        for idx, cell in table.extra.items():
            header = to_id(cell)
            if s.header_key(header) in _BALLOT_IGNORED:
                continue
            key = self._candidate(table, table.header_row, f"{col_letter(idx)} ({header})", header)
            if key is None:
                continue
            if key in first_col:
                self.add("error", "DUPLICATE_CANDIDATE", table.name, table.header_row,
                         f"{col_letter(idx)} ({header})", header, "reader.duplicate_candidate",
                         "reader.duplicate_candidate_hint", value=header, first=col_letter(first_col[key]),
                         second=col_letter(idx))
                continue
            first_col[key] = idx
            cand_cols[idx] = key
        # Marks: converted once per distinct cell value.
        marks_cache: dict[Any, tuple[m.Mark, str]] = {None: (m.Mark.BLANK, ""), "": (m.Mark.BLANK, "")}
        for cells in (table.extra_cells[i] for i in cand_cols):
            for v in set(cells):
                if v not in marks_cache:
                    text = clean(to_id(v))
                    code = s.MARK_ALIASES.get(text.casefold())
                    marks_cache[v] = (m.Mark(code) if code is not None else m.Mark.UNREADABLE, text)
        ballots: list[m.Ballot] = []
        cols = [(idx, cand, table.extra_cells[idx], f"{col_letter(idx)} ({to_id(table.extra[idx])})")
                for idx, cand in cand_cols.items()]
        for i, (row, number, title, kind, declared, reason) in enumerate(zip(
                table.rows, table.get("number"), table.get("title"), table.get("source_kind"),
                table.get("declared_invalid"), table.get("declared_reason"))):
            if title is None or not number:
                continue
            marks: dict[str, m.Mark] = {}
            raw: dict[str, str] = {}
            for _idx, cand, cells, label in cols:
                mark, text = marks_cache[cells[i]]
                if mark is m.Mark.UNREADABLE:
                    self.add("warning", "UNREADABLE_MARK", table.name, row, label, text, "reader.unreadable_mark",
                             "reader.unreadable_mark_hint", value=text)
                marks[cand] = mark
                if text:
                    raw[cand] = text
            ballots.append(m.Ballot(number, title, marks, kind or m.BallotSource.MEETING, bool(declared),
                                    reason or "", raw, m.SourceRef(table.name, row)))
        return ballots


def _title_label(title: m.Title) -> str:
    return next(c.label for c in s.VOCABULARIES["title"].choices if c.code == title.value)


def _fraction_text(x: Fraction) -> str:
    return str(int(x)) if x.denominator == 1 else f"{float(x):g}".replace(".", ",")


# ---------------------------------------------------------------- files


def read_workbook(path: str | Path) -> m.SchoolData:
    """Read a .xlsx file (opened read-only, never written). Raises FileNotFoundError when it does not exist,
    :class:`thidua_xl.api.InputError` when it is not a readable workbook."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for non-workbooks
        from thidua_xl.errors import InputError

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
