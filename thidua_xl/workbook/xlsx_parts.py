"""The one writer of result sheets into an .xlsx file: SpreadsheetML streamed straight into the package.

Package surgery rather than an openpyxl round trip, for the results workbook (:mod:`thidua_xl.workbook.writer`,
a new file starts from a minimal package) and for the add-in's workbook on disk
(:class:`thidua_xl.excel.book.FileBook`) alike: the parts of every other sheet (and their styles) keep their
content as it was, copied member by member, never parsed; a result sheet is added as a new part, or its own
part is replaced on a rerun; the few styles it uses are appended to the style table. A sheet's XML is
written row by row into the compressed member as it is made, so a large sheet is never held whole. The sheet
is the one layout of :mod:`thidua_xl.workbook.results` in SpreadsheetML. Standard library only: the add-in's
ribbon clicks stay fast.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import shutil
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from thidua_xl.fileio import atomic_path, file_lock
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.results import (
    HEADER,
    NOTE,
    TITLE,
    WRAP_OVER,
    CellStyle,
    SheetLayout,
    body_style,
    col_letter,
    layout,
)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WS_TYPE = _REL + "/worksheet"
_WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SST = "xl/sharedStrings.xml"
_SST_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_EPOCH = dt.date(1899, 12, 30)
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_ROWS_PER_WRITE = 2000  # rows joined before one write into the compressed member
# zlib's level for every member written: 4 compresses a 23 MB results sheet 2.7x faster than the default 6 for a
# file about 10 % larger (2.7 MB instead of 2.5 MB for 50,000 staff); what a user waits for, not what a disk holds
DEFLATE_LEVEL = 4
_SWITCH_INTERVAL = 0.0005  # seconds: the GIL's switch interval while a sheet is compressed by a second thread

# A new results workbook: the smallest package Excel, LibreOffice, openpyxl and calamine open (no sheet yet).
_NEW_PACKAGE = {
    "[Content_Types].xml": _XML_HEAD + (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
    "_rels/.rels": _XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
        '</Relationships>'),
    "docProps/app.xml": _XML_HEAD + (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        '<Application>thidua_xl</Application></Properties>'),
    "xl/workbook.xml": _XML_HEAD + (
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/></bookViews>'
        '<sheets></sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'),
    "xl/_rels/workbook.xml.rels": _XML_HEAD + (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'),
    "xl/styles.xml": _XML_HEAD + (
        f'<styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}


def escape(text: str, quote: bool = False) -> str:
    """XML text (``quote``: also for a double-quoted attribute). Not xml.sax.saxutils: importing that
    pulls in urllib and http (30 ms on every ribbon click)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&#13;", "\r"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


class _Styles:
    """Appends the styles a result sheet needs to ``xl/styles.xml`` (as text, keeping everything else),
    reusing identical entries already there so reruns do not grow the file."""

    def __init__(self, xml: str) -> None:
        self.xml = xml
        self.cache: dict[CellStyle, int] = {}

    def _section(self, tag: str) -> re.Match[str] | None:
        return re.search(rf"<{tag}\b([^>]*?)(/>|>(.*?)</{tag}>)", self.xml, re.S)

    def _add(self, tag: str, item: str, item_tag: str) -> int:
        m = self._section(tag)
        if m is None:  # no such section: create it before cellStyleXfs / cellXfs
            anchor = re.search(r"<(cellStyleXfs|cellXfs)\b", self.xml)
            pos = anchor.start() if anchor else self.xml.rindex("</styleSheet>")
            self.xml = self.xml[:pos] + f'<{tag} count="1">{item}</{tag}>' + self.xml[pos:]
            return 0
        body = m.group(3) or ""
        items = re.findall(rf"<{item_tag}\b(?:[^>]*?/>|.*?</{item_tag}>)", body, re.S)
        if item in items:
            return items.index(item)
        attrs = re.sub(r'\s*count="\d+"', "", m.group(1))
        new = f'<{tag} count="{len(items) + 1}"{attrs}>{body}{item}</{tag}>'
        self.xml = self.xml[:m.start()] + new + self.xml[m.end():]
        return len(items)

    def _numfmt(self, code: str) -> int:
        m = self._section("numFmts")
        if m is not None:
            found = re.search(rf'<numFmt numFmtId="(\d+)" formatCode="{re.escape(escape(code))}"/>', m.group(0))
            if found:
                return int(found.group(1))
        ids = [int(x) for x in re.findall(r'numFmtId="(\d+)"', self.xml)]
        new_id = max([163, *ids]) + 1
        item = f'<numFmt numFmtId="{new_id}" formatCode="{escape(code)}"/>'
        if m is None:
            pos = re.search(r"<fonts\b", self.xml)
            at = pos.start() if pos else self.xml.index(">", self.xml.index("<styleSheet")) + 1
            self.xml = self.xml[:at] + f'<numFmts count="1">{item}</numFmts>' + self.xml[at:]
        else:
            self._add("numFmts", item, "numFmt")
        return new_id

    def xf(self, style: CellStyle | None) -> int:
        """The index of ``style`` in the cell formats, added on first use (0: no style)."""
        if style is None:
            return 0
        if style in self.cache:
            return self.cache[style]
        size = style.size or 11
        font = 0
        if style.bold or style.italic or size != 11:
            font = self._add("fonts", "<font>" + ("<b/>" if style.bold else "") + ("<i/>" if style.italic else "")
                             + f'<sz val="{size}"/><name val="Calibri"/><family val="2"/></font>', "font")
        fill_id = 0
        if style.fill:
            fill_id = self._add("fills", f'<fill><patternFill patternType="solid"><fgColor rgb="FF{style.fill}"/>'
                                         '<bgColor indexed="64"/></patternFill></fill>', "fill")
        numfmt = self._numfmt("dd/mm/yyyy") if style.date else 0
        align = ""
        if style.wrap or style.valign:
            align = ("<alignment" + (f' vertical="{style.valign}"' if style.valign else "")
                     + (' wrapText="1"' if style.wrap else "") + "/>")
        item = (f'<xf numFmtId="{numfmt}" fontId="{font}" fillId="{fill_id}" borderId="0" xfId="0"'
                + (' applyNumberFormat="1"' if style.date else "") + (' applyFont="1"' if font else "")
                + (' applyFill="1"' if fill_id else "") + (' applyAlignment="1">' + align + "</xf>" if align else "/>"))
        idx = self._add("cellXfs", item, "xf")
        self.cache[style] = idx
        return idx


class _SharedStrings:
    """The shared string table of the package: the texts of a results sheet's body go there once each (a
    results sheet repeats the same reasons on thousands of rows: the sheet's XML is a tenth of the size).
    An existing table is kept and appended to while another sheet may use it; a text already in it (plain, as
    this writer writes them) is reused, so a rerun does not grow it. When every sheet is rewritten, it starts
    afresh."""

    _SI = re.compile(r"<si>(?:<t(?: xml:space=\"preserve\")?>([^<]*)</t>)?</si>|<si\b[^>]*?/>|<si\b.*?</si>", re.S)

    def __init__(self, xml: str | None) -> None:
        self.xml = xml or (_XML_HEAD + f'<sst xmlns="{_MAIN}" count="0" uniqueCount="0"></sst>')
        self.index: dict[str, int] = {}
        self.total = 0
        for m in self._SI.finditer(self.xml):
            if m.group(1) is not None:
                self.index.setdefault(_unescape(m.group(1)), self.total)
            self.total += 1
        self.new: list[str] = []

    @classmethod
    def usable(cls, xml: str | None) -> bool:
        """Whether this writer can append to ``xml`` (the table in the default namespace, as Excel writes it)."""
        return xml is None or re.search(rf'<sst\b[^>]*\bxmlns="{re.escape(_MAIN)}"', xml) is not None

    def of(self, text: str) -> int:
        """The index of ``text`` in the table, appended on first use."""
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = self.total
            self.total += 1
            self.new.append(f'<si><t xml:space="preserve">{_text(text)}</t></si>')
        return i

    def result(self) -> str:
        """The table's XML with the new texts appended and its counts updated."""
        head = re.search(r"<sst\b[^>]*>", self.xml)
        if head is None:
            raise ValueError("shared strings part without its sst element")
        tag = re.sub(r'\s(?:count|uniqueCount)="\d*"', "", head.group(0))
        tag = tag[:-1].rstrip("/") + f' count="{self.total}" uniqueCount="{self.total}">'
        if head.group(0).endswith("/>"):  # <sst .../>: an empty table
            body, after = "", self.xml[head.end():]
        else:
            end = self.xml.rindex("</sst>")
            body, after = self.xml[head.end():end], self.xml[end + len("</sst>"):]
        return self.xml[:head.start()] + tag + body + "".join(self.new) + "</sst>" + after


def _cell(ref: str, value: Any, style: int) -> str:
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c r="{ref}"{s}><v>{(value - _EPOCH).days}</v></c>'
    # Already a cell value (no illegal characters). An inline string is text whatever it starts with ("=…"
    # is never a formula); a CR is written as a character reference, which XML would otherwise turn into LF.
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _text(value: Any) -> str:
    return escape(str(value)).replace("\r", "&#13;")


def _rows(sheet: SheetLayout, styles: _Styles, shared: _SharedStrings | None = None) -> Iterator[str]:
    """The ``<row>`` elements of ``sheet``, one by one. The body, most of a large sheet, takes a faster road:
    a text cell's XML after its reference (style, escaped text) is made once per row colour and text (a
    results sheet repeats the same reasons on thousands of rows); other values go through :func:`_cell`."""
    width = sheet.width
    letters = [col_letter(c) for c in range(width)]
    by_fill: dict[str, _FillCells] = {}  # row fill -> the cells made on rows of that colour
    for r, row in enumerate(sheet.grid):
        n = r + 1
        if r not in sheet.body:
            cells = [cell for c, v in enumerate(row) if (cell := _cell(f"{letters[c]}{n}", v, styles.xf(sheet.style(r, v))))]
            if cells:
                yield f'<row r="{n}">{"".join(cells)}</row>'
            continue
        fill = sheet.row_fills.get(r, "")
        made = by_fill.get(fill)
        if made is None:
            made = by_fill[fill] = _FillCells(fill, styles, shared)
        vals = row if len(row) <= width else row[:width]
        try:  # each cell's XML after its reference, made in cell order (the order of the shared strings)
            tl = [made[v] for v in vals]
        except TypeError:  # an unhashable value: made apart
            tl = [made[v] if type(v) is str else made.tail(v) for v in vals]
        if "" in tl:  # a cell not written (an unstyled blank)
            cells = "".join([f'<c r="{letter}{n}"{tail}' for letter, tail in zip(letters, tl) if tail])
            if cells:
                yield f'<row r="{n}">{cells}</row>'
        elif tl:
            yield _row_template(len(tl)).format(n, *tl)


class _FillCells(dict[Any, str]):
    """The cells of the body rows of one colour, each made once: ``self[value]`` is the XML of a cell holding it
    after its reference, kept for a text (its style depends on the fill and whether it wraps), and for a value
    that is not text by type and value (1, 1.0 and True are equal keys but different cells; at most
    _OTHER_TAILS of them)."""

    __slots__ = ("fill", "styles", "shared", "text_styles", "kinds", "others")

    def __init__(self, fill: str, styles: _Styles, shared: _SharedStrings | None) -> None:
        super().__init__()
        self.fill, self.styles, self.shared = fill, styles, shared
        self.text_styles: dict[bool, int] = {}  # whether a text wraps -> its style's index
        self.kinds: dict[type, int] = {}  # type of a value that is not text -> its style's index
        self.others: dict[tuple[type, Any], str] = {}

    def __missing__(self, v: Any) -> str:  # a text met first, or a value that is not text (kept in ``others``)
        return self.tail(v)

    def tail(self, v: Any) -> str:
        """The XML of a cell holding ``v`` after ``<c r="A1"`` ("" for an unstyled blank: not written)."""
        kind = type(v)
        if kind is str:
            wraps = len(v) > WRAP_OVER or "\n" in v
            style = self.text_styles.get(wraps)
            if style is None:
                style = self.text_styles[wraps] = self.styles.xf(body_style(v, self.fill))
            tail = self[v] = _text_tail(v, style, self.shared)
            return tail
        try:
            found = self.others.get((kind, v))
        except TypeError:  # unhashable: made each time
            found = None
        if found is not None:
            return found
        style = self.kinds.get(kind)
        if style is None:
            style = self.kinds[kind] = self.styles.xf(body_style(v, self.fill))
        cell = _cell("", v, style) if v is not None or style else ""
        tail = cell[len('<c r=""'):] if cell else ""
        if len(self.others) < _OTHER_TAILS:
            try:
                self.others[(kind, v)] = tail
            except TypeError:
                pass
        return tail


_OTHER_TAILS = 100_000


@lru_cache(maxsize=64)
def _row_template(width: int) -> str:
    """``<row r="{0}"><c r="A{0}"{1}<c r="B{0}"{2}…</row>``: a body row whose every cell is written, filled with
    its number and its cells' XML after their references in one call."""
    return ('<row r="{0}">' + "".join(f'<c r="{col_letter(c)}{{0}}"{{{c + 1}}}' for c in range(width))
            + "</row>")


def _text_tail(value: str, style: int, shared: _SharedStrings | None = None) -> str:
    """What follows ``<c r="…"`` in the XML of a text cell (see :func:`_cell`; with ``shared``, a reference
    into the shared string table); "" for an unstyled empty one."""
    if shared is not None and value:
        return (f' s="{style}"' if style else "") + f' t="s"><v>{shared.of(value)}</v></c>'
    cell = _cell("", value, style)
    return cell[len('<c r=""'):] if cell else ""


def _write_sheet(out: IO[bytes], table: ResultTable, styles: _Styles, selected: bool,
                 shared: _SharedStrings | None = None) -> None:
    """SpreadsheetML of one result sheet into ``out``, row by row: its layout (title, bold frozen header, row
    colours, wrapped long text, notes) with the styles added to ``styles``."""
    sheet = layout(table)
    for style in (TITLE, HEADER, NOTE):  # registered first, in this order, as before (stable styles.xml)
        styles.xf(style)
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
                   for c, w in enumerate(sheet.widths, 1))
    top = f"A{sheet.header + 2}"
    out.write((_XML_HEAD + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
               '<sheetViews><sheetView' + (' tabSelected="1"' if selected else "") + ' workbookViewId="0">'
               f'<pane ySplit="{sheet.header + 1}" topLeftCell="{top}" activePane="bottomLeft" state="frozen"/>'
               '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
               + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>").encode("utf-8"))
    with _Behind(out) as write:
        batch: list[str] = []
        for row in _rows(sheet, styles, shared):
            batch.append(row)
            if len(batch) >= _ROWS_PER_WRITE:
                write("".join(batch).encode("utf-8"))
                batch = []
        write(("".join(batch) + "</sheetData></worksheet>").encode("utf-8"))


class _Behind:
    """Writes into a compressed member from a second thread while the caller makes the next rows: zlib and
    the CRC release the GIL, so compressing a large sheet costs little beyond making its XML (two cores).
    A few pieces wait at most; an error in the writer is raised in the caller."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.pieces: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="xlsx-writer", daemon=True)

    def _run(self) -> None:
        while (piece := self.pieces.get()) is not None:
            if self.error is None:
                try:
                    self.out.write(piece)
                except BaseException as exc:  # noqa: BLE001 - raised again in the caller
                    self.error = exc

    def __enter__(self) -> Callable[[bytes], None]:
        # the caller holds the GIL while it makes rows: the writer would wait up to the switch interval (5 ms) for
        # it before each call into zlib; a shorter one while both run lets the compression keep up
        self.interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self.interval, _SWITCH_INTERVAL))
        self.thread.start()
        return self.write

    def write(self, piece: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.pieces.put(piece)

    def __exit__(self, *exc: object) -> None:
        self.pieces.put(None)
        self.thread.join()
        sys.setswitchinterval(self.interval)
        if self.error is not None and exc[0] is None:
            raise self.error


def _part_path(target: str) -> str:
    """A relationship target of xl/workbook.xml as a zip member name."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = ["xl"]
    for seg in target.split("/"):
        if seg == "..":
            parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


def sheet_names(workbook_xml: str) -> list[str]:
    """The sheet names listed in ``xl/workbook.xml``, in order."""
    return [_unescape(m.group(1)) for m in re.finditer(r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"', workbook_xml)]


def write_sheets_into(path: Path, tables: Sequence[ResultTable], *, create: bool = False, activate: bool = False,
                      guard: Callable[[list[str]], None] | None = None, shared_strings: bool = False) -> None:
    """Add or replace the result sheets ``tables`` inside the .xlsx at ``path`` (one atomic replace of the
    file, its mode kept, under the file's lock: see :func:`thidua_xl.fileio.file_lock`); every other part
    keeps its content. ``create``: a missing file is started from a minimal package. ``activate``: the first
    table's sheet becomes the one open and selected tab. ``guard`` sees the sheet names already in the file
    (under the lock, before anything is written) and may raise to refuse the file. ``shared_strings``: the
    texts of the sheets' bodies go to the shared string table (the results workbook: a smaller file, written
    faster); without it every text is an inline string and no other part changes (the add-in's workbook,
    whose table may be large)."""
    with file_lock(path):
        _write_sheets_into(Path(path), tables, create=create, activate=activate, guard=guard,
                           shared_strings=shared_strings)


_SMALL_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml")


def _write_sheets_into(path: Path, tables: Sequence[ResultTable], create: bool = False, activate: bool = False,
                       guard: Callable[[list[str]], None] | None = None, shared_strings: bool = False) -> None:
    zin = zipfile.ZipFile(path) if not (create and not path.exists()) else None
    if zin is None and not tables:  # a new workbook needs a sheet: an empty one, as Excel's own
        tables = [ResultTable("Sheet", [], [])]
    try:
        members = {i.filename: i for i in zin.infolist()} if zin is not None else {}
        small = ({n: zin.read(n).decode("utf-8") for n in _SMALL_PARTS if n in members} if zin is not None
                 else dict(_NEW_PACKAGE))
        for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            if name not in small:
                raise KeyError(name)
        if guard is not None:
            guard(sheet_names(small["xl/workbook.xml"]))
        sst = None
        if shared_strings:
            target = re.search(r'<Relationship\b[^>]*?Type="[^"]*/sharedStrings"[^>]*?/>',
                               small["xl/_rels/workbook.xml.rels"])
            found = re.search(r'Target="([^"]+)"', target.group(0)) if target else None
            sst = _part_path(_unescape(found.group(1))) if found else _SST
            if sst in members and zin is not None:
                small[sst] = zin.read(sst).decode("utf-8")
            if not _SharedStrings.usable(small.get(sst)):
                small.pop(sst, None)
                sst = None
        _write_package(path, zin, members, small, tables, activate, sst)
    finally:
        if zin is not None:
            zin.close()


def _write_package(path: Path, zin: zipfile.ZipFile | None, members: dict[str, zipfile.ZipInfo],
                   small: dict[str, str], tables: Sequence[ResultTable], activate: bool,
                   sst: str | None = None) -> None:
    wb_xml, rels_xml, ct_xml = small["xl/workbook.xml"], small["xl/_rels/workbook.xml.rels"], small["[Content_Types].xml"]
    if "xl/styles.xml" not in small:
        raise ValueError("workbook has no styles part")
    styles = _Styles(small["xl/styles.xml"])
    sheets = {_unescape(m.group(1)): m.group(3) for m in re.finditer(
        r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?(\w+):id="([^"]+)"', wb_xml)}
    # when every sheet is rewritten (a rerun over a results workbook holding only its own sheets) no cell refers
    # to the old texts any more: the table starts afresh instead of being read and carried along
    fresh = sheets.keys() <= {table.name for table in tables}
    shared = _SharedStrings(None if fresh else small.get(sst)) if sst is not None else None
    deferred = ["xl/styles.xml"] + ([sst] if sst is not None else [])  # written last: the sheets add to them
    if sst is not None and sst not in members:
        rels_xml = rels_xml.replace("</Relationships>", f'<Relationship Id="rIdTdktSst" Type="{_REL}/sharedStrings" '
                                                         f'Target="{sst.removeprefix("xl/")}"/></Relationships>')
        ct_xml = ct_xml.replace("</Types>", f'<Override PartName="/{sst}" ContentType="{_SST_CT}"/></Types>')
    rel_targets = {m.group(1): _unescape(m.group(2)) for m in re.finditer(
        r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels_xml)}
    rel_targets.update({m.group(2): _unescape(m.group(1)) for m in re.finditer(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels_xml)})
    replaced = False
    names = set(members) | set(small)
    parts: dict[str, ResultTable] = {}  # zip member -> the table written into it
    dropped: set[str] = set()  # members not copied (a replaced sheet's own relationships, the calc chain)
    for table in tables:
        if table.name in sheets:
            part = _part_path(rel_targets[sheets[table.name]])
            parts[part] = table
            folder, base = part.rsplit("/", 1)
            dropped.add(f"{folder}/_rels/{base}.rels")
            replaced = True
            continue
        k = 1
        while f"xl/worksheets/sheet{k}.xml" in names:
            k += 1
        part = f"xl/worksheets/sheet{k}.xml"
        names.add(part)
        parts[part] = table
        rid = f"rIdTdkt{k}"
        while f'Id="{rid}"' in rels_xml:
            rid += "x"
        rels_xml = rels_xml.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{_WS_TYPE}" '
                                                         f'Target="worksheets/sheet{k}.xml"/></Relationships>')
        ct_xml = ct_xml.replace("</Types>", f'<Override PartName="/{part}" ContentType="{_WS_CT}"/></Types>')
        ids = [int(x) for x in re.findall(r'<(?:\w+:)?sheet\b[^>]*?sheetId="(\d+)"', wb_xml)]
        entry = (f'<sheet xmlns:r="{_REL}" name="{escape(table.name, quote=True)}" '
                 f'sheetId="{max(ids, default=0) + 1}" r:id="{rid}"/>')
        wb_xml = re.sub(r"</((?:\w+:)?sheets)>", lambda m, e=entry: e + f"</{m.group(1)}>", wb_xml, count=1)
        sheets[table.name] = rid
        rel_targets[rid] = f"worksheets/sheet{k}.xml"
    if replaced and "xl/calcChain.xml" in members:  # formulas of a replaced sheet may be listed there
        dropped.add("xl/calcChain.xml")
        rels_xml = re.sub(r'<Relationship\b[^>]*?Target="[^"]*calcChain\.xml"[^>]*/>', "", rels_xml)
        ct_xml = re.sub(r'<Override\b[^>]*?PartName="/xl/calcChain\.xml"[^>]*/>', "", ct_xml)
    first = tables[0].name if activate and tables else None
    others: set[str] = set()  # the parts of the sheets that lose their selection
    if first is not None:
        order = sheet_names(wb_xml)
        wb_xml = _active_tab(wb_xml, order.index(first))
        others = {_part_path(rel_targets[rid]) for name, rid in sheets.items() if name != first and rid in rel_targets}
    small.update({"xl/workbook.xml": wb_xml, "xl/_rels/workbook.xml.rels": rels_xml, "[Content_Types].xml": ct_xml})
    stamp = time.localtime(time.time())[:6]
    with atomic_path(path, keep_mode=True) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        def member(name: str) -> zipfile.ZipInfo:
            old = members.get(name)
            info = zipfile.ZipInfo(name, old.date_time if old is not None else stamp)
            info.compress_type = old.compress_type if old is not None else zipfile.ZIP_DEFLATED
            # the level of a member opened by its ZipInfo: zipfile reads this attribute (an alias of compress_level
            # from Python 3.13); the ZipFile's own compresslevel applies only to members opened by name
            info._compresslevel = DEFLATE_LEVEL  # type: ignore[attr-defined]
            if old is not None:
                info.external_attr = old.external_attr
            return info

        order_ = [n for n in members if n not in dropped] + [n for n in (*small, *parts) if n not in members]
        for name in order_:
            if name in deferred:
                continue  # last: the sheets add the styles and texts they use
            if name in parts:
                with zout.open(member(name), "w") as out:
                    _write_sheet(out, parts[name], styles, selected=parts[name].name == first, shared=shared)
            elif name in small:
                zout.writestr(member(name), small[name].encode("utf-8"))
            elif zin is not None:
                with zin.open(members[name]) as src, zout.open(member(name), "w") as out:
                    if name in others:
                        head = src.read(1 << 16)
                        out.write(re.sub(rb'(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"', rb"\1",
                                         head, count=1))
                    shutil.copyfileobj(src, out, 1 << 20)
        zout.writestr(member("xl/styles.xml"), styles.xml.encode("utf-8"))
        if shared is not None and sst is not None:
            zout.writestr(member(sst), shared.result().encode("utf-8"))


def _active_tab(wb_xml: str, index: int) -> str:
    """``xl/workbook.xml`` with the sheet at ``index`` as the tab open in the window."""
    view = re.search(r"<(?:\w+:)?workbookView\b[^>]*?/?>", wb_xml)
    if view is None:
        return wb_xml
    tag = re.sub(r'\s+activeTab="\d+"', "", view.group(0))
    tag = re.sub(r"(<(?:\w+:)?workbookView\b)", rf'\1 activeTab="{index}"', tag, count=1)
    return wb_xml[:view.start()] + tag + wb_xml[view.end():]
