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

import io
import os
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.perf import paused_gc
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import CellError, to_date, to_id, to_int, to_number, to_school_year
from thidua_xl.workbook.crosscheck import check_leaders
from thidua_xl.workbook.fonts import FontCells, font_cells, legacy_fonts_in
from thidua_xl.workbook.mapping import WithSidecar, read_column_map, sidecar_rows
from thidua_xl.workbook.scoring import read_scoring
from thidua_xl.workbook.sheets import (
    read_achievements,
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


def read_tables(tables: Mapping[str, list[list[Any]]], path: str = "", fonts: FontCells | None = None
                ) -> m.SchoolData:
    """Convert ``{sheet name: rows}`` into :class:`SchoolData`, collecting every problem. ``fonts``: the cells
    typed in a legacy Vietnamese font (:func:`.fonts.font_cells`); without it, character statistics decide."""
    with paused_gc():
        rd = Reading(tables, path, fonts)
        read_column_map(rd)  # first: the school's own headers for every other sheet
        read_info(rd)
        read_teams(rd)
        read_staff(rd)
        check_leaders(rd)
        read_registrations(rd)
        read_initiatives(rd)
        read_achievements(rd)
        read_history(rd)
        read_discipline(rd)
        read_council(rd)
        read_overrides(rd)
        read_ballots(rd)
        read_scoring(rd)  # the optional sheets of the year's emulation (issue 17)
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


def open_workbook(path: Path) -> Any:
    """The calamine workbook of ``path``; :class:`InputError` (Vietnamese) when it has a password or is not a
    readable workbook."""
    from python_calamine import CalamineWorkbook  # heavy: the native reader only when a file is read

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for non-workbooks
        if type(exc).__name__ == "PasswordError":
            raise InputError(f"{t('reader.password', path=path)} {t('reader.password_hint')}") from exc
        raise InputError(t("common.not_xlsx", path=path)) from exc


def all_sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook that is not a school's (the ward's, a higher council's) as rows of values,
    loaded as a school's sheets are: a cell showing an Excel error holds its code (a located bad value, not a
    blank); a password or a damaged sheet is an :class:`InputError` that says so."""
    wb = open_workbook(path)
    names = list(wb.sheet_names)
    return dict(_LazySheets(wb, names, _ErrorScan(path, names, background=False)))


def read_workbook(path: str | Path) -> m.SchoolData:
    """Read a .xlsx file (opened read-only, never written). Raises FileNotFoundError when it does not exist,
    :class:`thidua_xl.errors.InputError` when it is not a readable workbook."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(2, "No such file", str(path))
    wb = open_workbook(path)
    sheets = s.sheet_lookup()
    names = [n for n in wb.sheet_names if s.header_key(n) in sheets]
    # one opening of the package: the sheets' sizes, whether a legacy font is used, a small workbook's error cells
    sizes: dict[str, int] = {}
    legacy_fonts = False
    package: tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]] | None = None
    try:
        z = zipfile.ZipFile(_small_file(path) or path)
    except (OSError, zipfile.BadZipFile, ValueError, RuntimeError):
        z = None  # calamine has opened it: it reads alone
    try:
        if z is not None:
            try:
                package = (z, _sheet_parts(z))
            except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError, RuntimeError):
                package = None  # not readable this way: calamine reads it alone
            else:
                sizes = {n: i.file_size for n, i in package[1].items() if n in names}
            legacy_fonts = legacy_fonts_in(z)
        large = sum(sizes.values()) >= PREFETCH_MIN_BYTES
        errors = _ErrorScan(path, names, background=large, package=package)
    finally:
        if z is not None:
            z.close()
    prefetch = _Prefetch(path, sorted(sizes, key=lambda n: -sizes[n])) if large else None
    lazy = _LazySheets(wb, names, errors, prefetch)
    tables: Mapping[str, list[list[Any]]] = lazy
    if not any(sheets[s.header_key(n)] is s.COLUMN_MAP for n in names):
        rows = sidecar_rows(path)  # the mapping `thidua map` wrote beside the workbook
        if rows is not None:
            tables = WithSidecar(tables, s.COLUMN_MAP.name, rows)
    try:
        return read_tables(tables, path=str(path), fonts=font_cells(path, names, legacy_fonts))
    finally:
        lazy.close()  # no thread outlives the read (a large check forks next: it must be alone)


# Up to this size a workbook file is read into memory in one call and its package opened there: the error scan's
# members are then sliced from memory, not sought and read one by one (a performance setting, not law; a
# school's workbook of a few hundred staff is far smaller; a larger one is scanned from the file in a thread).
SMALL_FILE_BYTES = 2_000_000


def _small_file(path: Path) -> io.BytesIO | None:
    """The bytes of ``path`` when it is a small file (:data:`SMALL_FILE_BYTES`), else None."""
    try:
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > SMALL_FILE_BYTES:
                return None
            return io.BytesIO(f.read())
    except OSError:
        return None


# a tag's attributes, then each attribute (two plain patterns: one pattern per attribute order took 0.25 ms of a
# small workbook's read); any namespace prefix (a tool that rewrote the part with ElementTree writes ns0:sheet,
# ns1:id), either quote, spaces around '='
_SHEET = re.compile(r'<(?:\w+:)?sheet\b([^>]*)')
_REL = re.compile(r'<(?:\w+:)?Relationship\b([^>]*)')
_ATTR = re.compile(r'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?\bt="e"[^>/]*)>(.*?)</(?:\w+:)?c>', re.S)
_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


class _ErrorScan:
    """Cells showing an Excel error (#DIV/0!, #N/A, ...) per sheet, by 0-based (row, column): calamine reads
    them as blank, so they are found in the sheet's XML (t="e"); none when the package cannot be read that way
    (calamine has read it: the values stand). For a large workbook in a background thread, one sheet at a time
    in workbook order: inflating the sheet XML releases the GIL, so the scan overlaps calamine's read and the conversion;
    reading a sheet waits only for that sheet's scan. A small workbook is scanned here and now (a thread would
    cost more in waiting for the GIL than the scan itself)."""

    def __init__(self, path: Path, names: list[str], background: bool = True,
                 package: tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]] | None = None) -> None:
        self._cells: dict[str, dict[tuple[int, int], str]] = {}
        self._done: dict[str, threading.Event] = {}  # a background scan's progress, per sheet
        self._thread: threading.Thread | None = None
        if background:
            self._done = {name: threading.Event() for name in names}
            self._thread = threading.Thread(target=self._run, args=(path, names), daemon=True)
            self._thread.start()
        else:  # here, in the package already open (with its sheets' parts) when there is one
            self._run(package or path, names)

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def _run(self, path: Path | tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]], names: list[str]) -> None:
        try:
            for name, cells in _iter_error_cells(path, names, every=self._thread is not None):
                self._cells[name] = cells
                if self._done:
                    self._done[name].set()
        finally:
            for event in self._done.values():
                event.set()

    def get(self, name: str) -> dict[tuple[int, int], str]:
        event = self._done.get(name)
        if event is not None:
            event.wait()
        return self._cells.get(name, {})


def _iter_error_cells(path: Path | tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]], names: list[str],
                      every: bool = False) -> Iterator[tuple[str, dict[tuple[int, int], str]]]:
    """(sheet name, its error cells) in workbook order; ``every``: also the sheets without any. ``path`` may
    be the package already open with its sheets' parts (it stays open)."""
    try:
        with nullcontext(path[0]) if isinstance(path, tuple) else zipfile.ZipFile(path) as z:
            parts = path[1] if isinstance(path, tuple) else _sheet_parts(z)
            for name, info in parts.items():
                if name not in names:
                    continue
                xml = _member(z, info)
                if b't="e"' not in xml:
                    if every:
                        yield name, {}
                    continue
                cells: dict[tuple[int, int], str] = {}
                for attrs, body in _ERROR_CELL.findall(xml):
                    ref, value = _REF.search(attrs), _VALUE.search(body)
                    if ref is None or value is None:
                        continue
                    col = 0
                    for ch in ref.group(1).decode():
                        col = col * 26 + ord(ch) - 64
                    cells[(int(ref.group(2)) - 1, col - 1)] = _unescape(value.group(1).decode("utf-8"))
                if cells or every:
                    yield name, cells
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError, ValueError, RuntimeError, zlib.error,
            struct.error):
        return  # not readable this way (calamine has read it: the values stand)


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip member's local header: its name and extra field follow


def _member(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, a deflated one inflated in one call (``ZipFile.read`` inflates in small pieces, with
    Python around each: the most of the error scan of a small workbook). Anything unusual (encryption, another
    compression, a damaged header) goes through ``ZipFile.read``."""
    fp = z.fp
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1 or fp is None:
        return z.read(info)
    fp.seek(info.header_offset)
    head = fp.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
        return z.read(info)
    name_len, extra_len = _LOCAL_HEADER.unpack(head)[-2:]
    fp.seek(info.header_offset + _LOCAL_HEADER.size + name_len + extra_len)
    data = zlib.decompress(fp.read(info.compress_size), -15)
    if len(data) != info.file_size:
        return z.read(info)
    return data


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Each sheet's part in the package, by sheet name, in workbook order."""
    wb = _member(z, z.getinfo("xl/workbook.xml")).decode("utf-8")
    rels = _member(z, z.getinfo("xl/_rels/workbook.xml.rels")).decode("utf-8")
    targets: dict[str, str] = {}
    for tag in _REL.findall(rels):
        attrs = {k: a or b for k, a, b in _ATTR.findall(tag)}
        if attrs.get("Id") and attrs.get("Target"):
            targets[attrs["Id"]] = attrs["Target"]
    members = {i.filename: i for i in z.infolist()}
    parts: dict[str, zipfile.ZipInfo] = {}
    for tag in _SHEET.findall(wb):
        attrs = {k: a or b for k, a, b in _ATTR.findall(tag)}
        name = attrs.get("name")
        rid = attrs.get("r:id") or next((v for k, v in attrs.items() if k.endswith(":id")), "")  # any prefix
        if name is None or not rid:
            continue
        target = targets.get(rid, "")
        info = members.get(target.lstrip("/") if target.startswith("/") else "xl/" + target)
        if info is not None:
            parts[_unescape(name)] = info
    return parts


# Below this much sheet XML (uncompressed) a second parsing thread costs more than it saves: a performance
# setting, not law. A school's workbook of a few hundred staff stays under it; the roll-up's many small files too.
PREFETCH_MIN_BYTES = 4_000_000


class _Prefetch:
    """calamine's parse of a large workbook's sheets in a background thread, the largest sheet first, on a
    workbook handle of its own: ``get_sheet_by_name`` releases the GIL, so the parsing runs beside the
    conversion of the sheets already read. The reader takes a sheet from here when the thread has claimed it
    (waiting for it if need be) and parses the others itself; either way each sheet is parsed once."""

    def __init__(self, path: Path, order: list[str]) -> None:
        self._path, self._order = path, order
        self._lock = threading.Lock()
        self._claimed: dict[str, threading.Event] = {}
        self._parsed: dict[str, Any] = {}  # sheet name -> calamine sheet, or the exception raised
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from python_calamine import CalamineWorkbook  # imported already by read_workbook

        try:
            wb = CalamineWorkbook.from_path(str(self._path))
            for name in self._order:
                with self._lock:
                    if name in self._claimed:
                        continue
                    done = self._claimed[name] = threading.Event()
                try:
                    self._parsed[name] = wb.get_sheet_by_name(name)
                except Exception as exc:  # the reader reports it as it would its own
                    self._parsed[name] = exc
                done.set()
        except Exception:  # noqa: S110 - the reader parses whatever this thread has not claimed
            pass

    def take(self, name: str) -> Any:
        """The parsed sheet (or the exception its parse raised) when the thread has claimed ``name``; None when
        the caller is to parse it (the thread will not)."""
        with self._lock:
            done = self._claimed.get(name)
            if done is None:
                self._claimed[name] = threading.Event()
                return None
        done.wait()
        return self._parsed.pop(name, None)

    def close(self) -> None:
        with self._lock:
            for name in self._order:  # nothing more to start
                self._claimed.setdefault(name, threading.Event())
        self._thread.join()
        self._parsed.clear()


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


class _LazySheets(Mapping[str, list[list[Any]]]):
    """Sheets loaded on access and not kept: peak memory is one sheet plus the objects built."""

    def __init__(self, wb: Any, names: list[str], errors: _ErrorScan | None = None,
                 prefetch: _Prefetch | None = None) -> None:
        self._wb, self._names, self._errors, self._prefetch = wb, names, errors, prefetch

    def close(self) -> None:
        """Wait for the background threads (none outlives the read)."""
        if self._prefetch is not None:
            self._prefetch.close()
        if self._errors is not None:
            self._errors.close()

    def __getitem__(self, name: str) -> list[list[Any]]:
        if name not in self._names:
            raise KeyError(name)
        try:
            sheet = self._prefetch.take(name) if self._prefetch is not None else None
            if isinstance(sheet, Exception):
                raise sheet
            rows = (sheet or self._wb.get_sheet_by_name(name)).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine's own error types: the sheet's XML inside the zip is damaged
            raise InputError(t("common.sheet_corrupt", sheet=name, error=str(exc)[:80] or type(exc).__name__)
                             ) from exc
        errors = self._errors.get(name) if self._errors is not None else {}
        for (r, c), code in errors.items():  # calamine reads them as blank
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            if len(row) <= c:
                row.extend([""] * (c + 1 - len(row)))
            row[c] = code
        return rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
