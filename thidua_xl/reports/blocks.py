"""Administrative blocks of Nghị định 30/2020/NĐ-CP, built once with python-docx and reused.

Every default template (``build_templates``) is assembled from these functions, so the quốc hiệu, tiêu ngữ,
agency block, số/ký hiệu, date line, document type and summary, signature and nơi nhận look the same in
every document. Text passed in may contain Jinja2/docxtpl tags (``{{ school.name_upper }}``); each call to
:func:`run` makes exactly one Word run, so a tag is never split across runs.

Format (NĐ 30/2020 Phụ lục I; see docs/reports.md):

- A4 210 × 297 mm, portrait; margins top/bottom 20 mm, left 30 mm, right 20 mm;
- Times New Roman (ASCII, hAnsi, East-Asian and complex-script slots), black; body 13 pt, justified,
  first-line indent 1,27 cm, 6 pt after, line spacing 1,15;
- quốc hiệu upper bold 12; tiêu ngữ bold 13 underlined; cơ quan chủ quản upper regular 12, cơ quan ban
  hành upper bold 12 with a short rule below; "Số:" 13; place and date italic 13; document type upper
  bold 14; trích yếu bold 13; signer's position upper bold 13, name bold 13; "Nơi nhận:" bold italic 12,
  entries 11;
- page numbers centred in the header from page 2 (different first page + PAGE field), 13 pt.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from lxml import etree

FONT = "Times New Roman"

# page geometry (mm)
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 20
CONTENT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 160

# sizes (pt)
SIZE = {
    "body": 13,
    "national": 12,  # quốc hiệu
    "motto": 13,  # tiêu ngữ
    "agency": 12,  # cơ quan chủ quản / ban hành
    "number": 13,  # Số: …
    "date": 13,  # địa danh, ngày tháng
    "doc_type": 14,  # TỜ TRÌNH, BIÊN BẢN …
    "summary": 13,  # trích yếu
    "signer_title": 13,
    "signer_name": 13,
    "recipients_label": 12,
    "recipients": 11,
    "page_number": 13,
    "table": 12,
    "note": 11,
}

HEADER_LEFT_MM = 66
HEADER_RIGHT_MM = CONTENT_WIDTH_MM - HEADER_LEFT_MM  # 94
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_NOTE = "(Ký, ghi rõ họ tên)"
SIGN_STAMP_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"


# ---------------------------------------------------------------- low-level helpers


def child(parent: Any, tag: str, *, after: str | None = None, before: str | None = None, first: bool = False) -> Any:
    """The child ``tag`` (e.g. "w:szCs") of ``parent``, created when missing: placed just after the child
    ``after`` or just before the child ``before`` when that one exists (Word's schema orders children),
    at the front when ``first``, else at the end."""
    el = parent.find(qn(tag))
    if el is not None:
        return el
    el = OxmlElement(tag)
    anchor = parent.find(qn(after or before)) if (after or before) else None
    if anchor is not None:
        anchor.addnext(el) if after else anchor.addprevious(el)
    elif first:
        parent.insert(0, el)
    else:
        parent.append(el)
    return el


def set_run_font(run: Any, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
                 underline: bool | None = None, highlight: bool = False) -> Any:
    """Times New Roman in every font slot (East-Asian too, so Vietnamese renders), with the given style."""
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = child(rpr, "w:rFonts", first=True)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    if size is not None:
        run.font.size = Pt(size)
        _set_cs_size(rpr, size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic
    if underline is not None:
        run.underline = underline
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def _set_cs_size(rpr: Any, size: float) -> None:
    el = child(rpr, "w:szCs", after="w:sz")
    el.set(qn("w:val"), str(int(round(size * 2))))


def run(paragraph: Any, text: str, size: float | None = None, bold: bool | None = None,
        italic: bool | None = None, underline: bool | None = None, highlight: bool = False) -> Any:
    """Add one run (one Word run: a Jinja tag inside ``text`` stays whole)."""
    r = paragraph.add_run(text)
    return set_run_font(r, size=size, bold=bold, italic=italic, underline=underline, highlight=highlight)


def _align(name: str) -> Any:
    return {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
            "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[name]


def paragraph(container: Any, text: str = "", *, size: float | None = None, bold: bool | None = None,
              italic: bool | None = None, underline: bool | None = None, align: str = "justify",
              indent: bool = False, before: float = 0, after: float = 6, line: float | None = 1.15,
              keep_next: bool = False, highlight: bool = False) -> Any:
    """A paragraph with one run of ``text`` (omit ``text`` for an empty paragraph to fill with :func:`run`)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = _align(align)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if keep_next:
        fmt.keep_with_next = True
    if text:
        run(p, text, size=size if size is not None else SIZE["body"], bold=bold, italic=italic,
            underline=underline, highlight=highlight)
    return p


def control(container: Any, statement: str) -> Any:
    """A docxtpl paragraph-level statement: ``control(doc, "for t in titles")`` → ``{%p for t in titles %}``.

    docxtpl removes the whole paragraph and keeps the statement, so loops and conditions leave no empty
    lines in the output.
    """
    return paragraph(container, "{%p " + statement + " %}", size=SIZE["body"], after=0, line=None)


def bottom_rule(container: Any, width_mm: float, container_mm: float) -> Any:
    """A short centred rule (paragraph bottom border) ``width_mm`` long inside a ``container_mm`` cell."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    side = max(0.0, (container_mm - width_mm) / 2)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    # pBdr must come before spacing/ind/jc in CT_PPr order: insert at the front after pStyle/keepNext.
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        spacing.addprevious(bdr)
    else:
        ppr.append(bdr)
    return p


def _set_cell_width(cell: Any, width_mm: float) -> None:
    cell.width = Mm(width_mm)


def _fix_table(table: Any, widths_mm: Sequence[float], borders: bool) -> None:
    """Fixed layout with tblGrid widths (LibreOffice reads tblGrid), explicit cell widths, no autofit."""
    table.autofit = False
    tbl = table._tbl
    tblPr = tbl.tblPr
    child(tblPr, "w:tblLayout").set(qn("w:type"), "fixed")
    tblW = child(tblPr, "w:tblW")
    tblW.set(qn("w:type"), "dxa")
    tblW.set(qn("w:w"), str(int(Mm(sum(widths_mm)).twips)))
    grid = tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths_mm):
        gc.set(qn("w:w"), str(int(Mm(w).twips)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            _set_cell_width(cell, w)
    if not borders:
        borders_el = tblPr.find(qn("w:tblBorders"))
        if borders_el is not None:
            tblPr.remove(borders_el)
        borders_el = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:val"), "nil")
            borders_el.append(el)
        tblPr.append(borders_el)


def _cant_split(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    trPr.append(el)


def _header_row(row: Any) -> None:
    trPr = row._tr.get_or_add_trPr()
    trPr.append(OxmlElement("w:tblHeader"))


def _cell_paragraph(cell: Any) -> Any:
    """The cell's first (empty) paragraph, formatted as a compact table paragraph."""
    p = cell.paragraphs[0]
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = 1.0
    return p


def _cell_text(cell: Any, text: str, size: float, bold: bool = False, italic: bool = False,
               align: str = "center", underline: bool | None = None, first: bool = True) -> Any:
    if first:
        p = _cell_paragraph(cell)
    else:
        p = cell.add_paragraph()
        p.paragraph_format.space_before = Pt(0)
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.line_spacing = 1.0
    p.paragraph_format.alignment = _align(align)
    if text:
        run(p, text, size=size, bold=bold, italic=italic, underline=underline)
    return p


# ---------------------------------------------------------------- the document and page


def new_document() -> Any:
    """An empty document set up for NĐ 30/2020: A4, margins, Times New Roman, page numbers from page 2."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)

    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(SIZE["body"])
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    proofing_language(doc)
    for style_name in ("Table Grid",):
        try:
            st = doc.styles[style_name]
        except KeyError:  # pragma: no cover - python-docx default template has it
            continue
        st.font.name = FONT

    page_numbers(section)
    prune_styles(doc)

    # Core properties: only dc:/dcterms: fields here (docxcompose re-registers the "cp" prefix globally);
    # build_templates replaces docProps/core.xml with a canonical one anyway.
    props = doc.core_properties
    props.author = "thidua_xl"
    fixed = dt.datetime(2020, 1, 1)
    props.created = fixed
    props.modified = fixed
    return doc


LANGUAGE = "vi-VN"


def proofing_language(doc: Any) -> None:
    """Vietnamese (vi-VN) as the proofing language of the document defaults and of every style, so Word
    checks the spelling in Vietnamese instead of underlining every word."""
    styles_el = doc.styles.element
    targets = []
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            targets.append(child(rpr_default, "w:rPr"))
    for st in doc.styles:
        if st.type is not None and hasattr(st, "font"):
            targets.append(st.element.get_or_add_rPr())
    for rpr in targets:
        lang = child(rpr, "w:lang")
        for k in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(qn(k), LANGUAGE)


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "HeaderChar",
               "Footer", "FooterChar"}


def prune_styles(doc: Any) -> None:
    """Drop the ~150 unused styles of python-docx's default template (keeps those used, linked or based on).

    A lean styles part keeps the templates small and makes docxcompose's per-paragraph style lookups cheap
    when the dossier is bundled.
    """
    keep = set(KEEP_STYLES)
    numbering = getattr(doc.part, "numbering_part", None)
    if numbering is not None:
        keep |= set(re.findall(r'w:pStyle w:val="([^"]+)"', etree.tostring(numbering.element, encoding="unicode")))
    styles_el = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles_el.findall(qn("w:style"))}
    todo = list(keep)
    while todo:
        sid = todo.pop()
        el = by_id.get(sid)
        if el is None:
            continue
        for ref in ("w:basedOn", "w:link", "w:next"):
            r = el.find(qn(ref))
            if r is not None:
                target = r.get(qn("w:val"))
                if target not in keep:
                    keep.add(target)
                    todo.append(target)
    for sid, el in by_id.items():
        if sid not in keep:
            styles_el.remove(el)


def page_numbers(section: Any) -> None:
    """Page number centred in the top margin, not on the first page (different first page + PAGE field)."""
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    if not first.paragraphs:
        first.add_paragraph()
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    p.paragraph_format.alignment = _align("center")

    def fld(kind: str) -> Any:
        r = p.add_run()
        set_run_font(r, size=SIZE["page_number"])
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)
        return r

    fld("begin")
    r = p.add_run()
    set_run_font(r, size=SIZE["page_number"])
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    r._r.append(instr)
    fld("separate")
    run(p, "2", size=SIZE["page_number"])
    fld("end")


# ---------------------------------------------------------------- NĐ 30 blocks


def national_header(doc: Any, *, governing_body: str, agency: str, number: str | None, place_date: str) -> Any:
    """The two-column head: agency block (left) beside quốc hiệu and tiêu ngữ (right); số/ký hiệu and date.

    ``governing_body``/``agency`` are upper-case texts (or tags yielding them); ``number`` is the text after
    "Số: " (``None``: no number line, e.g. a list attached to a tờ trình); ``place_date`` the italic line.
    """
    table = doc.add_table(rows=2, cols=2)
    _fix_table(table, (HEADER_LEFT_MM, HEADER_RIGHT_MM), borders=False)
    left, right = table.rows[0].cells
    if governing_body:
        _cell_text(left, governing_body, SIZE["agency"])
        _cell_text(left, agency, SIZE["agency"], bold=True, first=False)
    else:
        _cell_text(left, agency, SIZE["agency"], bold=True)
    bottom_rule(left, HEADER_LEFT_MM / 3, HEADER_LEFT_MM)
    _cell_text(right, NATIONAL, SIZE["national"], bold=True)
    _cell_text(right, MOTTO, SIZE["motto"], bold=True, underline=True, first=False)
    num_cell, date_cell = table.rows[1].cells
    p = _cell_text(num_cell, "", SIZE["number"])
    p.paragraph_format.space_before = Pt(6)
    if number is not None:
        run(p, "Số: " + number, size=SIZE["number"])
    p = _cell_text(date_cell, place_date, SIZE["date"], italic=True)
    p.paragraph_format.space_before = Pt(6)
    for row in table.rows:
        _cant_split(row)
    return table


def form_label(doc: Any, text: str) -> Any:
    """The form reference printed above the head ("Mẫu số 03 – Nghị định số 98/2023/NĐ-CP"), right, italic."""
    return paragraph(doc, text, size=SIZE["note"], italic=True, align="right", after=0, line=1.0)


def document_title(doc: Any, doc_type: str, summary_lines: Iterable[str] = (), *, rule: bool = True,
                   before: float = 12) -> None:
    """Tên loại văn bản (upper bold 14) and trích yếu (bold 13, one paragraph per line), a short rule below."""
    paragraph(doc, doc_type, size=SIZE["doc_type"], bold=True, align="center", before=before, after=0,
              keep_next=True)
    for line in summary_lines:
        paragraph(doc, line, size=SIZE["summary"], bold=True, align="center", after=0, keep_next=True)
    if rule:
        bottom_rule(doc, CONTENT_WIDTH_MM / 4, CONTENT_WIDTH_MM)
    paragraph(doc, "", after=0, line=1.0)


def addressee(doc: Any, text: str) -> Any:
    """"Kính gửi: …" centred."""
    p = paragraph(doc, align="center", before=6, after=6)
    run(p, "Kính gửi: ", size=SIZE["body"])
    run(p, text, size=SIZE["body"])
    return p


def body(doc: Any, text: str = "", *, bold: bool | None = None, italic: bool | None = None,
         indent: bool = True, keep_next: bool = False, highlight: bool = False, align: str = "justify") -> Any:
    """A body paragraph: 13 pt, justified, first-line indent, 6 pt after."""
    return paragraph(doc, text, size=SIZE["body"], bold=bold, italic=italic, indent=indent, keep_next=keep_next,
                     highlight=highlight, align=align)


def heading(doc: Any, text: str) -> Any:
    """A section heading inside the body (bold, kept with the next paragraph)."""
    return paragraph(doc, text, size=SIZE["body"], bold=True, indent=True, keep_next=True, before=6)


def narrative(doc: Any, prompt: str) -> Any:
    """A clearly marked place for the narrative the person writes (italic, highlighted)."""
    return body(doc, prompt, italic=True, highlight=True)


@dataclass(frozen=True, slots=True)
class Signer:
    title: str  # "HIỆU TRƯỞNG" (upper, bold), may contain tags
    name: str  # "{{ school.principal }}"
    authority: str = ""  # "TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" (line above the title)
    note: str = SIGN_NOTE


def signature_block(doc: Any, *, signers: Sequence[Signer], recipients: Sequence[str] | None = None) -> Any:
    """Nơi nhận (left, when given) and one or two signers; the row never splits across pages.

    With ``recipients`` the left column holds "Nơi nhận:" (bold italic 12) and its entries (11) and the
    right column one signer; without, one signer on the right or two signers side by side.
    """
    if recipients is not None:
        cols: list[tuple[str, Signer | None]] = [("recipients", None), ("signer", signers[0])]
    elif len(signers) == 1:
        cols = [("empty", None), ("signer", signers[0])]
    else:
        cols = [("signer", s) for s in signers[:2]]
    # the last body paragraph goes to the next page with the signature: never a page of only Nơi nhận and
    # the signature (the paragraph before may be a docxtpl control, removed at rendering: mark both)
    for prev in doc.paragraphs[-2:]:
        prev.paragraph_format.keep_with_next = True
    paragraph(doc, "", after=0, line=1.0, keep_next=True)
    table = doc.add_table(rows=1, cols=2)
    _fix_table(table, (CONTENT_WIDTH_MM / 2, CONTENT_WIDTH_MM / 2), borders=False)
    _cant_split(table.rows[0])
    # names on one line: every signer gets as many lines above the name as the tallest
    height = max(int(bool(s.authority)) + 1 + int(bool(s.note)) for _, s in cols if s is not None)
    for cell, (kind, signer) in zip(table.rows[0].cells, cols):
        if kind == "recipients":
            p = _cell_text(cell, "Nơi nhận:", SIZE["recipients_label"], bold=True, italic=True, align="left")
            p.paragraph_format.keep_with_next = True
            for entry in recipients or ():
                _cell_text(cell, entry, SIZE["recipients"], align="left", first=False)
        elif kind == "signer" and signer is not None:
            first = True
            if signer.authority:
                _cell_text(cell, signer.authority, SIZE["signer_title"], bold=True, first=True)
                first = False
            _cell_text(cell, signer.title, SIZE["signer_title"], bold=True, first=first)
            if signer.note:
                _cell_text(cell, signer.note, SIZE["note"], italic=True, first=False)
            lines = int(bool(signer.authority)) + 1 + int(bool(signer.note))
            for _ in range(4 + height - lines):
                _cell_text(cell, "", SIZE["body"], first=False)
            p = _cell_text(cell, signer.name, SIZE["signer_name"], bold=True, first=False)
            p.paragraph_format.space_after = Pt(0)
        else:
            _cell_paragraph(cell)
    return table


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    cell: str  # template text of the cell, e.g. "{{ n.name }}"
    width_mm: float  # preferred width (a weight: :func:`fit_widths` scales it to the page)
    align: str = "left"
    sample: str = ""  # the widest value that must stay on one line ("00/00/0000", "100,00%")


# Advance widths of Times New Roman (per 1000 units of the em), regular and bold, for the characters that
# decide a column's width; a letter with diacritics has its base letter's width (ư, ơ: +10 %).
_NARROW = {" ": 250, ",": 250, ".": 250, "/": 278, "-": 333, "(": 333, ")": 333, ":": 278, ";": 278,
           "i": 278, "j": 278, "l": 278, "t": 278, "f": 333, "r": 333, "s": 389, "I": 333, "J": 389}
_WIDE = {"m": 778, "w": 722, "%": 833, "M": 889, "W": 944, "—": 1000, "…": 1000}
CELL_PADDING_MM = 3.8 + 1.2  # Word's default cell margins (2 × 1,9 mm) and a margin for rounding
LANDSCAPE_CONTENT_WIDTH_MM = PAGE_HEIGHT_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 247


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """The printed width of ``text`` on one line in Times New Roman at ``size`` pt (an upper estimate)."""
    units = 0.0
    for ch in text:
        base = unicodedata.normalize("NFD", ch)[0]
        if base in _NARROW:
            w = _NARROW[base]
        elif base in _WIDE:
            w = _WIDE[base]
        elif base.isdigit():
            w = 500
        elif base.isupper():
            w = 722
        else:
            w = 500
        if "\u031b" in unicodedata.normalize("NFD", ch):  # horn: ư, ơ
            w *= 1.1
        units += w * (1.08 if bold else 1.0)
    return units / 1000 * size * 25.4 / 72


def min_width_mm(col: Column, size: float) -> float:
    """The narrowest width at which the header wraps only between words and the sample stays on one line."""
    words = [w for w in re.split(r"\s+", col.header) if w and "{" not in w]
    need = max([text_width_mm(w, size, bold=True) for w in words] + [text_width_mm(col.sample, size)])
    return math.ceil((need + CELL_PADDING_MM) * 10) / 10


def fit_widths(columns: Sequence[Column], size: float, total_mm: float = CONTENT_WIDTH_MM) -> list[float] | None:
    """Column widths filling ``total_mm``: the preferred widths scaled, each at least its :func:`min_width_mm`
    (the others shrink in proportion). ``None`` when even the minimums do not fit."""
    mins = [min_width_mm(c, size) for c in columns]
    if sum(mins) > total_mm:
        return None
    pref = [c.width_mm for c in columns]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(columns)) if i not in fixed]
        room = total_mm - sum(fixed.values())
        weight = sum(pref[i] for i in free) or 1.0
        widths = {i: room * pref[i] / weight for i in free}
        short = [i for i in free if widths[i] < mins[i]]
        if not short:
            break
        for i in short:
            fixed[i] = mins[i]
    out = [fixed.get(i, widths.get(i, 0.0)) for i in range(len(columns))]
    return [round(w, 1) for w in out]


def loop_table(doc: Any, columns: Sequence[Column], loop: str, *, size: float | None = None,
               total_row: Sequence[str] | None = None, note: tuple[str, str] | None = None) -> Any:
    """A bordered table: header row, then one row per item of ``loop`` ("n in t.nominees") via ``{%tr %}``.

    docxtpl removes the rows holding ``{%tr for … %}`` and ``{%tr endfor %}`` and repeats the rows between.
    Column widths come from :func:`fit_widths` (dates and percentages never wrap, headers wrap only between
    words); a table whose columns cannot fit the portrait page gets a landscape section of its own.
    ``note=(condition, text)`` adds, under an item's row and only when ``condition`` holds, one row across
    the whole table with ``text`` (long remarks, instead of a tall thin column).
    """
    size = size if size is not None else SIZE["table"]
    widths = fit_widths(columns, size)
    turned = widths is None
    if turned:  # cannot fit portrait: the table gets a landscape section of its own
        widths = fit_widths(columns, size, LANDSCAPE_CONTENT_WIDTH_MM) or [c.width_mm for c in columns]
        landscape(doc, True)
    extra = 3 if note else 0
    rows = 4 + extra + (1 if total_row else 0)
    table = doc.add_table(rows=rows, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    _fix_table(table, widths, borders=True)
    hdr = table.rows[0]
    _header_row(hdr)
    for cell, col in zip(hdr.cells, columns):
        _cell_text(cell, col.header, size, bold=True, align="center")

    def control_row(r: int, text: str) -> None:
        _cell_text(table.rows[r].cells[0], text, size, align="left")
        for cell in table.rows[r].cells[1:]:
            _cell_paragraph(cell)

    control_row(1, "{%tr for " + loop + " %}")
    for cell, col in zip(table.rows[2].cells, columns):
        _cell_text(cell, col.cell, size, align=col.align)
    _cant_split(table.rows[2])
    r = 3
    if note:
        condition, text = note
        control_row(3, "{%tr if " + condition + " %}")
        row = table.rows[4]
        merged = row.cells[0].merge(row.cells[-1])
        _cell_text(merged, text, size, align="left")
        _cant_split(row)
        control_row(5, "{%tr endif %}")
        r = 6
    control_row(r, "{%tr endfor %}")
    if total_row:
        for cell, text, col in zip(table.rows[r + 1].cells, total_row, columns):
            _cell_text(cell, text, size, bold=True, align=col.align)
    if turned:
        landscape(doc, False)
    return table


def landscape(doc: Any, on: bool) -> None:
    """Start a new section (next page) in landscape (``on``) or back in portrait; page numbers go on."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT
    long_, short = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
    section.page_width, section.page_height = (long_, short) if on else (short, long_)
    section.different_first_page_header_footer = False


def fixed_table(doc: Any, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_mm: Sequence[float],
                *, size: float | None = None, aligns: Sequence[str] | None = None) -> Any:
    """A bordered table with fixed rows (cells may hold tags)."""
    size = size if size is not None else SIZE["table"]
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    _fix_table(table, widths_mm, borders=True)
    _header_row(table.rows[0])
    for cell, h in zip(table.rows[0].cells, headers):
        _cell_text(cell, h, size, bold=True, align="center")
    for r, values in enumerate(rows, start=1):
        for c, (cell, text) in enumerate(zip(table.rows[r].cells, values)):
            _cell_text(cell, text, size, align=(aligns[c] if aligns else "left"))
    return table


def page_break(doc: Any) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
