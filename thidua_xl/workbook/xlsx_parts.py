"""The raw-XML fast path: result sheets written straight into an .xlsx package, other parts untouched.

Package surgery rather than an openpyxl round trip: the parts of every other sheet (and their styles) stay
byte-for-byte as they were; a result sheet is added as a new part, or its own part is replaced on a rerun;
the few styles it uses are appended to the style table. The sheet is the one layout of
:mod:`thidua_xl.workbook.results` in SpreadsheetML. Standard library only: the add-in's ribbon clicks
(:class:`thidua_xl.excel.book.FileBook`) stay fast.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thidua_xl.fileio import atomic_path, file_lock
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.results import HEADER, NOTE, TITLE, CellStyle, col_letter, layout

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WS_TYPE = _REL + "/worksheet"
_WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_EPOCH = dt.date(1899, 12, 30)


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
    text = escape(str(value)).replace("\r", "&#13;")
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(table: ResultTable, styles: _Styles) -> str:
    """SpreadsheetML of one result sheet: its layout (title, bold frozen header, row colours, wrapped long
    text, notes) with the styles added to ``styles``."""
    sheet = layout(table)
    for style in (TITLE, HEADER, NOTE):  # registered first, in this order, as before (stable styles.xml)
        styles.xf(style)
    rows_xml: list[str] = []
    for r, row in enumerate(sheet.grid):
        cells = [cell for c, v in enumerate(row)
                 if (cell := _cell(f"{col_letter(c)}{r + 1}", v, styles.xf(sheet.style(r, v))))]
        if cells:
            rows_xml.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
                   for c, w in enumerate(sheet.widths, 1))
    top = f"A{sheet.header + 2}"
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheetViews><sheetView workbookViewId="0"><pane ySplit="{sheet.header + 1}" topLeftCell="{top}" '
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


def write_sheets_into(path: Path, tables: Sequence[ResultTable]) -> None:
    """Add or replace the result sheets ``tables`` inside the .xlsx at ``path`` (one atomic replace of the
    file, its mode kept, under the file's lock: see :func:`thidua_xl.fileio.file_lock`); every other part
    is kept as it was."""
    with file_lock(path):
        _write_sheets_into(Path(path), tables)


def _write_sheets_into(path: Path, tables: Sequence[ResultTable]) -> None:
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
