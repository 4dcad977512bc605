"""The school's own column headers: the "Ánh xạ cột" sheet ("Trang", "Tiêu đề của trường", "Cột chuẩn").

A school that keeps its own headers maps them once; every later read finds the columns under those headers.
The sheet is read from the workbook itself, else from ``<name>_anhxa.xlsx`` beside it (what ``thidua map``
writes, so the workbook is never altered). :func:`suggest` proposes the mapping: for each sheet, the headers
that match no standard column, each with the closest standard column still missing.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_xl.fileio import atomic_path
from thidua_xl.text import clean, header_key, strip_diacritics
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.tables import Reading, as_rows, find_header

SIDECAR_SUFFIX = "_anhxa"


def sidecar_path(path: str | Path) -> Path:
    """Where ``thidua map`` writes the mapping of ``path``: ``<name>_anhxa.xlsx`` beside it."""
    path = Path(path)
    return path.with_name(path.stem + SIDECAR_SUFFIX + ".xlsx")


def read_column_map(rd: Reading) -> None:
    """Fill ``rd.column_maps`` from the "Ánh xạ cột" sheet; a located error for each row that names an unknown
    sheet or standard column, or maps one header to two columns."""
    table = rd.table(s.COLUMN_MAP)
    if table is None:
        return
    sheets = s.sheet_lookup()
    seen: dict[tuple[str, str], tuple[s.Column, int]] = {}
    for row, sheet, header, standard in zip(table.rows, table.get("sheet"), table.get("school_header"),
                                            table.get("standard")):
        if not sheet or not header or not standard:
            continue  # a blank cell is reported by the table reader; a suggestion left empty is skipped
        spec = sheets.get(header_key(sheet))
        if spec is None or spec.output or spec is s.COLUMN_MAP:
            rd.add("error", "BAD_VALUE", table.name, row, table.column_label("sheet"), sheet,
                   "reader.map_bad_sheet", "reader.map_bad_sheet_hint", value=sheet,
                   sheets=", ".join(x.name for x in s.INPUT_SHEETS if x is not s.COLUMN_MAP))
            continue
        col = s.column_lookup(spec).get(header_key(standard))
        if col is None:
            rd.add("error", "BAD_VALUE", table.name, row, table.column_label("standard"), standard,
                   "reader.map_bad_column", "reader.map_bad_column_hint", value=standard, sheet=spec.name,
                   columns=", ".join(c.header for c in spec.columns))
            continue
        key = header_key(header)
        first = seen.get((spec.key, key))
        if first is not None and first[0] is not col:
            rd.add("error", "BAD_VALUE", table.name, row, table.column_label("school_header"), header,
                   "reader.map_twice", "reader.map_twice_hint", value=header, first=first[1],
                   column=first[0].header)
            continue
        seen[(spec.key, key)] = (col, row)
        rd.column_maps.setdefault(spec.key, {})[key] = col


class WithSidecar(Mapping[str, list[list[Any]]]):
    """The workbook's sheets plus the "Ánh xạ cột" sheet of ``<name>_anhxa.xlsx`` (when the workbook has
    none of its own)."""

    def __init__(self, tables: Mapping[str, list[list[Any]]], name: str, rows: list[list[Any]]) -> None:
        self._tables, self._name, self._rows = tables, name, rows

    def __getitem__(self, name: str) -> list[list[Any]]:
        return self._rows if name == self._name else self._tables[name]

    def __iter__(self) -> Iterator[str]:
        yield from self._tables
        yield self._name

    def __len__(self) -> int:
        return len(self._tables) + 1


def sidecar_rows(path: Path) -> list[list[Any]] | None:
    """The rows of the "Ánh xạ cột" sheet in ``<name>_anhxa.xlsx``, or None when there is none."""
    side = sidecar_path(path)
    if not side.is_file():
        return None
    from python_calamine import CalamineWorkbook  # heavy: the native reader only when a file is read

    try:
        wb = CalamineWorkbook.from_path(str(side))
    except Exception:  # noqa: BLE001 — not a workbook: as if there were no mapping (the map command rewrites it)
        return None
    for name in wb.sheet_names:
        if s.sheet_lookup().get(header_key(name)) is s.COLUMN_MAP:
            return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return None


# ---------------------------------------------------------------- suggestions (thidua map)


@dataclass
class Suggestion:
    sheet: str  # the standard sheet's name
    header: str  # the school's header as typed
    standard: str  # the suggested standard column's header ("" when none is close)
    required: bool  # whether that standard column is required


def _fold(text: str) -> str:
    return strip_diacritics(header_key(text)).replace(" ", "")


# Cells of a header row or label column that are never a column of data.
_NOT_LABELS = frozenset({"stt", "tt", "số tt", "số thứ tự", "mục", "muc", "nội dung", "giá trị", "hướng dẫn"})
# Words too common in headers to tell two columns apart (accents removed).
_COMMON_WORDS = frozenset({"va", "cua", "cac", "la", "ngay", "so", "ma", "ten", "nam", "thang", "hoac", "co"})


def _words(text: str) -> set[str]:
    return {w for w in strip_diacritics(header_key(text)).replace("/", " ").replace("(", " ").replace(")", " ")
            .split() if len(w) >= 2 and w not in _COMMON_WORDS}


def suggest(tables: Mapping[str, list[list[Any]]], known: Mapping[str, Mapping[str, s.Column]] | None = None
            ) -> tuple[list[Suggestion], list[tuple[str, str]]]:
    """For each table sheet, the headers matching no standard column, each with the closest standard column
    still missing (by spelling, accents and case ignored; "" when nothing is close); and the required
    columns still missing with no header to map (sheet, column)."""
    known = known or {}
    lookup = s.sheet_lookup()
    out: list[Suggestion] = []
    unmatched: list[tuple[str, str]] = []
    for name in tables:
        spec = lookup.get(header_key(name))
        if spec is None or spec is s.COLUMN_MAP or spec.layout == "ballots":
            continue
        rows = as_rows(tables[name])
        if spec.layout == "keyvalue":  # labels in column A, one per row
            header_row = [row[0] if row else None for row in rows]
            labels = {**s.column_lookup(spec), **known.get(spec.key, {})}
            mapping = {i: labels[k] for i, v in enumerate(header_row) if (k := header_key(v)) in labels}
        else:
            hr, mapping, _extra, _dupes = find_header(rows, spec, known.get(spec.key))
            header_row = rows[hr] if 0 <= hr < len(rows) else (rows[0] if rows else [])
        present = {c.key for c in mapping.values()}
        missing = [c for c in spec.columns if c.key not in present]
        taken: set[str] = set()
        for ci, cell in enumerate(header_row):
            if ci in mapping or cell is None or not clean(cell) or header_key(cell) in _NOT_LABELS:
                continue
            text = clean(cell)
            best, best_score = None, 0.0
            for col in missing:
                if col.key in taken:
                    continue
                for cand in (col.header, *col.aliases):
                    a, b = _fold(text), _fold(cand)
                    score = difflib.SequenceMatcher(None, a, b).ratio()
                    if a and b and (a in b or b in a):
                        score = max(score, 0.8)
                    elif _words(text) & _words(cand):  # "Số hiệu GV" ~ "Mã GV": a telling word in common
                        score = max(score, 0.6)
                    if score > best_score:
                        best, best_score = col, score
            if best is not None and best_score >= 0.6:
                taken.add(best.key)
                out.append(Suggestion(spec.name, text, best.header, best.required))
            elif spec.layout != "keyvalue":  # an unknown label of Thông tin chung is an extra item, kept as is
                out.append(Suggestion(spec.name, text, "", False))
        unmatched += [(spec.name, c.header) for c in missing if c.required and c.key not in taken]
    return out, unmatched


# ---------------------------------------------------------------- the mapping file


def write_column_map(rows: list[tuple[str, str, str]], path: Path) -> None:
    """Write ``<name>_anhxa.xlsx``: the "Ánh xạ cột" sheet (Trang, Tiêu đề của trường, Cột chuẩn) with a
    drop-down of the standard sheets; every value stored as text (never a formula); atomically."""
    # heavy: openpyxl only when writing
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = s.COLUMN_MAP.name
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c, col in enumerate(s.COLUMN_MAP.columns, start=1):
        cell = ws.cell(row=1, column=c, value=col.header)
        cell.font, cell.fill = Font(bold=True), fill
        ws.column_dimensions[get_column_letter(c)].width = col.width
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            if value:
                ws.cell(row=r, column=c, value=value).data_type = "s"  # text stays text ("=…" is no formula)
    names = ",".join(x.name for x in s.INPUT_SHEETS if x is not s.COLUMN_MAP and "," not in x.name)
    if len(names) < 250:  # Excel's limit for a list typed in the validation
        dv = DataValidation(type="list", formula1=f'"{names}"', allow_blank=True)
        dv.add(f"A2:A{max(len(rows) + 200, 300)}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    with atomic_path(path) as tmp:
        wb.save(tmp)


def current_rows(tables: Mapping[str, list[list[Any]]]) -> list[tuple[str, str, str]]:
    """The rows of an existing "Ánh xạ cột" sheet (as typed, blanks as ""), to keep when suggesting more."""
    for name in tables:
        if s.sheet_lookup().get(header_key(name)) is not s.COLUMN_MAP:
            continue
        rows = as_rows(tables[name])
        hr, mapping, _extra, _dupes = find_header(rows, s.COLUMN_MAP)
        if not mapping:
            return []
        idx = {col.key: ci for ci, col in mapping.items()}
        out = []
        for row in rows[hr + 1:]:
            vals = tuple(clean(row[idx[k]]) if k in idx and idx[k] < len(row) and row[idx[k]] is not None else ""
                         for k in ("sheet", "school_header", "standard"))
            if any(vals):
                out.append(vals)
        return out
    return []
