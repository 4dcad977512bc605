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

import datetime as dt
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from thidua_xl.fileio import atomic_path
from thidua_xl.views.table import ResultTable

FILLS = {"ok": "E2F0D9", "bad": "F8D7DA", "warn": "FFF3CD"}  # same colours as workbook.writer
HEADER_FILL = "D9E1F2"
WRAP_OVER = 30


class Book(Protocol):
    """What an action needs from a workbook."""

    name: str  # file name ("truong.xlsx"); "" when unknown
    folder: Path | None  # folder of the file; None when the workbook was never saved

    def read_tables(self) -> dict[str, list[list[Any]]]: ...

    def replace_sheet(self, table: ResultTable) -> None: ...

    def message(self, text: str, error: bool = False) -> None: ...

    def open_file(self, path: Path) -> None: ...


def table_grid(table: ResultTable) -> tuple[list[list[Any]], int]:
    """The sheet as rows of plain values (title, blank line, header, rows, notes) and the header's row
    index (0-based). Values are what a cell can hold: text, number, bool, date."""
    from thidua_xl.workbook.writer import cell_value

    grid: list[list[Any]] = []
    if table.title:
        grid += [[cell_value(table.title)], []]
    header = len(grid)
    grid.append([cell_value(h) for h in table.headers])
    grid += [[cell_value(v) for v in row] for row in table.rows]
    for k, note in enumerate(table.notes):
        if k == 0:
            grid.append([])
        grid.append([cell_value(note)])
    return grid, header


def _assert_result_sheet(name: str) -> None:
    """Refuse to write any sheet that is not one of ours (the user's sheets are never replaced)."""
    from thidua_xl.workbook.schema import RESULT_SHEETS

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
        from thidua_xl.workbook.schema import RESULT_SHEETS

        ours = set(RESULT_SHEETS.values())
        out: dict[str, list[list[Any]]] = {}
        for sheet in self.book.sheets:
            if sheet.name in ours:
                continue
            last = sheet.used_range.last_cell
            rng = sheet.range((1, 1), (max(1, last.row), max(1, last.column)))
            out[sheet.name] = rng.options(ndim=2).value or []
        return out

    def replace_sheet(self, table: ResultTable) -> None:
        _assert_result_sheet(table.name)
        names = [s.name for s in self.book.sheets]
        if table.name in names:
            sheet = self.book.sheets[table.name]
            sheet.clear()
        else:
            sheet = self.book.sheets.add(table.name, after=self.book.sheets[len(names) - 1])
        grid, header = table_grid(table)
        width = max((len(r) for r in grid), default=1)
        sheet["A1"].value = [r + [None] * (width - len(r)) for r in grid]
        self._format(sheet, table, header, width)

    def _format(self, sheet: Any, table: ResultTable, header: int, width: int) -> None:
        """Bold coloured header, row colours, widths; skipped where the host cannot do it."""
        try:
            head = sheet.range((header + 1, 1), (header + 1, len(table.headers)))
            head.color = "#" + HEADER_FILL
            head.font.bold = True
            for i, kind in table.highlight.items():
                if kind in FILLS:
                    r = header + 2 + i
                    sheet.range((r, 1), (r, width)).color = "#" + FILLS[kind]
            for c, w in enumerate(table.widths, start=1):
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
        import xlwings as xw

        try:
            xw.Book(str(path))
        except Exception:  # noqa: BLE001 - the remote engine cannot open files; the message names the path
            pass


# ----------------------------------------------------------------------------- a file on disk


class FileBook:
    """A real ``.xlsx`` on disk, read with openpyxl; result sheets are written into the file atomically.

    Writing does package surgery rather than an openpyxl round trip: the parts of every other sheet
    (and their styles) stay byte-for-byte as they were; a result sheet is added as a new part, or its
    own part is replaced on a rerun. The few styles it uses are appended to the style table.
    """

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
        from openpyxl import load_workbook

        from thidua_xl.workbook.schema import RESULT_SHEETS

        ours = set(RESULT_SHEETS.values())
        wb = load_workbook(self.path, read_only=True, data_only=True)
        try:
            return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                    for ws in wb.worksheets if ws.title not in ours}
        finally:
            wb.close()

    def replace_sheet(self, table: ResultTable) -> None:
        _assert_result_sheet(table.name)
        write_sheet_into(self.path, table)

    def message(self, text: str, error: bool = False) -> None:
        self.messages.append(text)

    def open_file(self, path: Path) -> None:
        self.opened.append(path)


# ----------------------------------------------------------------------------- package surgery

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WS_TYPE = _REL + "/worksheet"
_WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = dt.date(1899, 12, 30)


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def escape(text: str, quote: bool = False) -> str:
    """XML text (``quote``: also for a double-quoted attribute). Not xml.sax.saxutils: importing that
    pulls in urllib and http (30 ms on every ribbon click)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


class _Styles:
    """Appends the styles a result sheet needs to ``xl/styles.xml`` (as text, keeping everything else),
    reusing identical entries already there so reruns do not grow the file."""

    def __init__(self, xml: str) -> None:
        self.xml = xml
        self.cache: dict[tuple[Any, ...], int] = {}

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

    def xf(self, bold: bool = False, italic: bool = False, size: int = 11, fill: str = "", wrap: bool = False,
           date: bool = False, valign: str = "") -> int:
        key = (bold, italic, size, fill, wrap, date, valign)
        if key in self.cache:
            return self.cache[key]
        font = 0
        if bold or italic or size != 11:
            font = self._add("fonts", "<font>" + ("<b/>" if bold else "") + ("<i/>" if italic else "")
                             + f'<sz val="{size}"/><name val="Calibri"/><family val="2"/></font>', "font")
        fill_id = 0
        if fill:
            fill_id = self._add("fills", f'<fill><patternFill patternType="solid"><fgColor rgb="FF{fill}"/>'
                                         '<bgColor indexed="64"/></patternFill></fill>', "fill")
        numfmt = self._numfmt("dd/mm/yyyy") if date else 0
        align = ""
        if wrap or valign:
            align = "<alignment" + (f' vertical="{valign}"' if valign else "") + (' wrapText="1"' if wrap else "") + "/>"
        item = (f'<xf numFmtId="{numfmt}" fontId="{font}" fillId="{fill_id}" borderId="0" xfId="0"'
                + (' applyNumberFormat="1"' if date else "") + (' applyFont="1"' if font else "")
                + (' applyFill="1"' if fill_id else "") + (' applyAlignment="1">' + align + "</xf>" if align else "/>"))
        idx = self._add("cellXfs", item, "xf")
        self.cache[key] = idx
        return idx


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
    text = escape(_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(table: ResultTable, styles: _Styles) -> str:
    """SpreadsheetML of one result sheet: title, bold frozen header, row colours, wrapped long text."""
    grid, header = table_grid(table)
    title_s = styles.xf(bold=True, size=13)
    head_s = styles.xf(bold=True, fill=HEADER_FILL, wrap=True, valign="center")
    note_s = styles.xf(italic=True)
    rows_xml: list[str] = []
    for r, row in enumerate(grid):
        i = r - header - 1
        kind = table.highlight.get(i, "") if 0 <= i < len(table.rows) else ""
        fill = FILLS.get(kind, "")
        cells = []
        for c, v in enumerate(row, start=1):
            if r == header:
                st = head_s
            elif table.title and r == 0:
                st = title_s
            elif r > header + len(table.rows):
                st = note_s
            else:
                long = isinstance(v, str) and (len(v) > WRAP_OVER or "\n" in v)
                is_date = isinstance(v, dt.date)
                st = styles.xf(fill=fill, wrap=long, valign="top" if long else "",
                               date=is_date) if (fill or long or is_date) else 0
            cell = _cell(f"{_col(c)}{r + 1}", v, st)
            if cell:
                cells.append(cell)
        if cells:
            rows_xml.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    widths = list(table.widths) or [min(60, max(10, len(str(h)) + 2)) for h in table.headers]
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in enumerate(widths, 1))
    top = f"A{header + 2}"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{header + 1}" topLeftCell="{top}" '
            'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData>{"".join(rows_xml)}</sheetData></worksheet>')


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


def write_sheet_into(path: Path, table: ResultTable) -> None:
    """Add or replace the result sheet ``table.name`` inside the .xlsx at ``path``, atomically."""
    write_sheets_into(path, [table])


def write_sheets_into(path: Path, tables: Sequence[ResultTable]) -> None:
    with zipfile.ZipFile(path) as zin:
        members = {i.filename: i for i in zin.infolist()}
        data = {n: zin.read(n) for n in members}
    wb_xml = data["xl/workbook.xml"].decode("utf-8")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels_xml = data[rels_name].decode("utf-8")
    ct_xml = data["[Content_Types].xml"].decode("utf-8")
    styles = _Styles(data["xl/styles.xml"].decode("utf-8")) if "xl/styles.xml" in data else None
    if styles is None:
        raise ValueError("workbook has no styles part")
    rel_targets = {m.group(1): _unescape(m.group(2)) for m in re.finditer(
        r'<Relationship\b[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels_xml)}
    rel_targets.update({m.group(2): _unescape(m.group(1)) for m in re.finditer(
        r'<Relationship\b[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels_xml)})
    sheets = {_unescape(m.group(1)): m.group(3) for m in re.finditer(
        r'<(?:\w+:)?sheet\b[^>]*?name="([^"]*)"[^>]*?(\w+):id="([^"]+)"', wb_xml)}
    replaced = False
    for table in tables:
        xml = sheet_xml(table, styles).encode("utf-8")
        if table.name in sheets:
            part = _part_path(rel_targets[sheets[table.name]])
            data[part] = xml
            data.pop(part.rsplit("/", 1)[0] + "/_rels/" + part.rsplit("/", 1)[1] + ".rels", None)
            replaced = True
            continue
        k = 1
        while f"xl/worksheets/sheet{k}.xml" in data:
            k += 1
        part = f"xl/worksheets/sheet{k}.xml"
        data[part] = xml
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
    if replaced and "xl/calcChain.xml" in data:  # formulas of a replaced sheet may be listed there
        del data["xl/calcChain.xml"]
        rels_xml = re.sub(r'<Relationship\b[^>]*?Target="[^"]*calcChain\.xml"[^>]*/>', "", rels_xml)
        ct_xml = re.sub(r'<Override\b[^>]*?PartName="/xl/calcChain\.xml"[^>]*/>', "", ct_xml)
    data["xl/workbook.xml"] = wb_xml.encode("utf-8")
    data[rels_name] = rels_xml.encode("utf-8")
    data["[Content_Types].xml"] = ct_xml.encode("utf-8")
    data["xl/styles.xml"] = styles.xml.encode("utf-8")
    order = [n for n in members if n in data] + [n for n in data if n not in members]
    with atomic_path(path, keep_mode=True) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in order:
            info = members.get(name)
            if info is not None:
                zout.writestr(info, data[name], compress_type=info.compress_type)
            else:
                zout.writestr(name, data[name])
