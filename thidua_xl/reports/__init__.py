"""The nomination dossier (hồ sơ đề nghị) as editable Word documents, in the format of NĐ 30/2020/NĐ-CP.

:func:`build_dossier` renders the core results (eligibility :class:`~thidua_xl.core.model.CheckResult`, tally
:class:`~thidua_xl.core.model.TallyResult`) through .docx templates (docxtpl/Jinja2):

========================  =============================================  ==========================
template                  document                                       output file
========================  =============================================  ==========================
to_trinh.docx             Tờ trình đề nghị công nhận danh hiệu             01_to_trinh.docx
danh_sach.docx            Danh sách đề nghị (một bảng mỗi danh hiệu)      02_danh_sach_de_nghi.docx
bien_ban_hop.docx         Biên bản họp Hội đồng TĐKT                      03_bien_ban_hop_hoi_dong.docx
bien_ban_kiem_phieu.docx  Biên bản kiểm phiếu                             04_bien_ban_kiem_phieu.docx
bao_cao_ca_nhan.docx      Báo cáo thành tích cá nhân (mỗi người đề nghị)  05_bao_cao_thanh_tich/*.docx
dang_ky.docx              Bảng tổng hợp đăng ký thi đua                   06_tong_hop_dang_ky_thi_dua.docx
========================  =============================================  ==========================

plus ``ho_so_de_nghi_<năm học>.docx``, the whole dossier in one file (docxcompose). A school may pass its
own template folder; a file missing there falls back to the default in the repository's ``templates/``
(or, in an installation without it, to the same template generated in memory by
:mod:`~thidua_xl.reports.build_templates`).

Reruns replace only the files this function wrote before (listed in ``.thidua_hoso.json`` in the output
folder). The dossier is written as a whole: into a temporary folder first, swapped in at the end; on any
failure the previous dossier is left as it was.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import os
import re
import zipfile
import zlib
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from thidua_xl.core.model import CheckResult, SchoolData, TallyResult
from thidua_xl.core.rules import RuleSet
from thidua_xl.errors import InputError
from thidua_xl.fileio import display_path, replace_files, write_atomic
from thidua_xl.messages import t
from thidua_xl.reports import context as ctx
from thidua_xl.reports import lint
from thidua_xl.reports import pdf as pdf_mod
from thidua_xl.reports.paths import REPO_TEMPLATES
from thidua_xl.reports.render import Template, TemplateRenderError, normalize_docx

MANIFEST = ".thidua_hoso.json"

# template name -> output file name (the achievement reports go into a folder, one file per nominee)
DOCUMENTS: dict[str, str] = {
    "to_trinh.docx": "01_to_trinh.docx",
    "danh_sach.docx": "02_danh_sach_de_nghi.docx",
    "bien_ban_hop.docx": "03_bien_ban_hop_hoi_dong.docx",
    "bien_ban_kiem_phieu.docx": "04_bien_ban_kiem_phieu.docx",
    "bao_cao_ca_nhan.docx": "05_bao_cao_thanh_tich",
    "dang_ky.docx": "06_tong_hop_dang_ky_thi_dua.docx",
}
TEMPLATE_NAMES: tuple[str, ...] = tuple(DOCUMENTS)
NOMINEE_TEMPLATE = "bao_cao_ca_nhan.docx"


@dataclass
class DossierResult:
    """What :func:`build_dossier` wrote."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)  # every .docx written (bundle last)
    bundle: Path | None = None
    pdfs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    regime: str = ""
    authority: str = ""
    reports: int = 0  # number of achievement reports
    pdf_missing: bool = False  # PDF asked for but LibreOffice not found
    certified: bool | None = None  # the tally's certification (None: no ballots)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{escape(str(p))}</li>" for p in self.files)
        warns = "".join(f"<li>{escape(w)}</li>" for w in self.warnings)
        return (f"<b>Hồ sơ đề nghị</b> — chế độ {escape(self.regime)}, gửi {escape(self.authority)}"
                f"<ul>{items}</ul>" + (f"<b>Cảnh báo</b><ul>{warns}</ul>" if warns else ""))


# ---------------------------------------------------------------- templates


def default_template(name: str, family: str = "build_templates") -> bytes:
    """The default template ``name``: the repository's file, else generated in memory by the builder module
    ``family`` of :mod:`thidua_xl.reports` (the dossier's; ``build_ward_templates``, ``build_scoring_templates``)."""
    path = REPO_TEMPLATES / name
    if path.is_file():
        return path.read_bytes()
    # heavy: a builder loads python-docx, needed only in an installation without templates/
    builder = importlib.import_module(f"thidua_xl.reports.{family}")
    return bytes(builder.template_bytes(name))


def load_templates(folder: str | os.PathLike[str] | None, warnings: list[str] | None = None) -> dict[str, Any]:
    """Every dossier template as a compiled :class:`~thidua_xl.reports.render.Template`.

    Files missing from ``folder`` fall back to the defaults (with a warning naming them).
    """
    out: dict[str, Any] = {}
    base = Path(folder) if folder is not None else None
    if base is not None and not base.is_dir():
        raise InputError(t("reports.err.templates_dir", path=base))
    for name in TEMPLATE_NAMES:
        own = base / name if base is not None else None
        if own is not None and own.is_file():
            out[name] = Template(f"{base.name}/{name}", own.read_bytes())
        else:
            if base is not None and warnings is not None:
                warnings.append(t("reports.warn.template_fallback", folder=base, name=name))
            out[name] = Template(name, default_template(name))
    return out


def check_templates(folder: str | os.PathLike[str] | None = None, on: dt.date | None = None
                    ) -> tuple[list[lint.Finding], list[str]]:
    """(findings, names of the files checked) for a template folder (default: the built-in templates), by
    :func:`thidua_xl.reports.lint.check_template`; ``on``: the consideration date (legal texts not in force
    on it are warned about). Only the dossier's templates are checked; other .docx files are ignored."""
    findings: list[lint.Finding] = []
    checked: list[str] = []
    base = Path(folder) if folder is not None else None
    for name in TEMPLATE_NAMES:
        if base is None:
            data, shown = default_template(name), name
        elif (base / name).is_file():
            data, shown = (base / name).read_bytes(), f"{base.name}/{name}"
        else:
            continue
        findings.extend(lint.check_template(name, data, shown, nominee=name == NOMINEE_TEMPLATE, on=on))
        checked.append(name)
    return findings, checked


def backup_path(path: Path) -> Path:
    """A free name beside ``path`` for its original: ``to_trinh.ban_goc.docx`` (``.ban_goc_2`` … when taken)."""
    k = 1
    while True:
        cand = path.with_name(f"{path.stem}.ban_goc{'' if k == 1 else f'_{k}'}{path.suffix}")
        if not cand.exists():
            return cand
        k += 1


def fix_templates(target: str | os.PathLike[str]) -> list[tuple[Path, int, Path | None]]:
    """``thidua templates fix``: rewrite each template of ``target`` (a .docx, or a folder: its dossier
    templates) with split tags joined and quotes in tags straightened (:func:`lint.fix_template`). The
    original is first copied to :func:`backup_path`; a file that needs nothing is not touched. Returns
    (file, number of tags fixed, backup or None) for each file looked at."""
    base = Path(target)
    files = [base] if base.is_file() else [base / n for n in TEMPLATE_NAMES if (base / n).is_file()]
    out: list[tuple[Path, int, Path | None]] = []
    for path in files:
        data = path.read_bytes()
        try:
            fixed, n = lint.fix_template(data)
        except Exception as exc:  # noqa: BLE001 - not a .docx, broken XML: said to the user, file untouched
            raise InputError(t("reports.check.unreadable", template=display_path(path), error=exc)) from None
        backup = None
        if n:
            backup = backup_path(path)
            write_atomic(backup, data)
            write_atomic(path, fixed)
        out.append((path, n, backup))
    return out


# ---------------------------------------------------------------- the dossier


_FIXED_DOCUMENTS = ("to_trinh.docx", "danh_sach.docx", "bien_ban_hop.docx", "bien_ban_kiem_phieu.docx")


def build_dossier(data: SchoolData, rules: RuleSet, checked: CheckResult, tallied: TallyResult | None,
                  out_dir: str | os.PathLike[str], pdf: bool = False,
                  templates: str | os.PathLike[str] | None = None, *, bundle: bool = True,
                  soffice_lookup: Any = None, on_progress: Callable[[int, int], None] | None = None) -> DossierResult:
    """Render the whole dossier for ``data`` into ``out_dir``: only rendering — the rule set, the eligibility
    result and the tally are computed by the caller (:func:`thidua_xl.api.report` runs the chain).

    ``pdf=True`` also converts every file with LibreOffice when installed; when not, ``pdf_missing`` is set
    and a Vietnamese warning added. ``soffice_lookup`` replaces :func:`shutil.which` for finding LibreOffice
    (tests). ``on_progress(done, total)`` is called after each document is made (a progress bar's hook).
    """
    out = Path(out_dir)
    warnings: list[str] = []
    noms = ctx.nominations(data, rules, checked, tallied)
    warnings.extend(noms.warnings)
    common = ctx.build_context(data, rules, checked, tallied, noms, warnings)
    if not noms.by_title:
        warnings.append(t("reports.warn.no_nominees"))
    if tallied is not None and tallied.titles and not tallied.certified:
        warnings.append(t("reports.warn.not_certified"))
    unverified = sorted(k for k, p in rules.params.items() if p.tag == "UNVERIFIED"
                        and k.split(".")[0] in ("basis", "authority", "forms", "vote"))
    if unverified:
        warnings.append(t("reports.warn.unverified", regime=rules.regime, keys=", ".join(unverified)))

    tpls = load_templates(templates, warnings)
    if templates is not None:  # a school's own templates: the checks of `thidua templates check`, as warnings
        on = rules.on or rules.applies_from
        for f in check_templates(templates, on=on)[0]:
            if f.kind not in ("undefined", "syntax"):  # undefined: warned after rendering; syntax: an error
                warnings.append(t("reports.warn.template_check", text=f.message))
    outputs: list[tuple[str, bytes]] = []  # (relative path, bytes) in dossier order
    undefined: dict[str, set[str]] = {}
    report_titles = ctx.report_titles(rules, warnings)
    planned = len(_FIXED_DOCUMENTS) + 1 + int(bundle) + sum(
        len(items) for title, items in noms.by_title.items() if title in report_titles)

    def tick() -> None:
        if on_progress is not None:
            on_progress(len(outputs), planned)

    def render(name: str, context: dict[str, Any]) -> bytes:
        try:
            blob, missing = tpls[name].render(context)
        except TemplateRenderError as exc:
            raise InputError(str(exc)) from None
        if missing:
            undefined.setdefault(tpls[name].name, set()).update(missing)
        return blob

    for name in _FIXED_DOCUMENTS:
        outputs.append((DOCUMENTS[name], render(name, common)))
        tick()
    history = ctx.history_index(data)
    labels: dict[str, str] = {}  # output path -> name in the bundle's index
    inits = ctx._initiatives_by_staff(data)
    staff = data.staff_by_id()
    k = 0
    for title, items in noms.by_title.items():
        if title not in report_titles:
            continue
        for n in items:
            k += 1
            nctx = ctx.nominee_context(n, data, rules, history, inits, staff)
            rel = f"{DOCUMENTS[NOMINEE_TEMPLATE]}/{k:03d}_{nctx['nominee']['file_stem']}.docx"
            outputs.append((rel, render(NOMINEE_TEMPLATE, {**common, **nctx})))
            labels[rel] = t("reports.bundle.doc.bao_cao_ca_nhan", name=nctx["nominee"]["name"],
                            title=nctx["nominee"]["title_label"])
            tick()
    outputs.append((DOCUMENTS["dang_ky.docx"], render("dang_ky.docx", common)))
    tick()
    for tname, names in sorted(undefined.items()):
        warnings.append(t("reports.warn.undefined", template=tname, names=", ".join(sorted(names))))

    bundle_rel = None
    if bundle:
        year = (data.info.school_year or "").replace("/", "-") or "x"
        bundle_rel = f"ho_so_de_nghi_{year}.docx"
        cover = {"school": common["school"]["name"], "year": data.info.school_year,
                 "labels": [labels.get(rel) or document_label(rel) for rel, _ in outputs]}
        outputs.append((bundle_rel, compose([blob for _, blob in outputs], cover=cover)))
        tick()

    result = DossierResult(out_dir=out, warnings=warnings, regime=rules.regime,
                           authority=common["regime"]["authority"], reports=k,
                           certified=tallied.certified if tallied is not None and tallied.titles else None)
    _write_all(out, outputs, result)
    if bundle_rel:
        result.bundle = out / bundle_rel
    if pdf:
        try:
            result.pdfs = pdf_mod.convert(result.files, lookup=soffice_lookup)
        except pdf_mod.PdfUnavailable:
            result.pdf_missing = True
            result.warnings.append(t("reports.pdf.missing"))
        except pdf_mod.PdfFailed as exc:
            result.warnings.append(t("reports.pdf.failed", error=exc))
    return result


def document_label(rel: str) -> str:
    """The name of a dossier document for the bundle's index ("Tờ trình", "Báo cáo thành tích – Ngô Phương
    Nga", …), from its output path."""
    for name, out_name in DOCUMENTS.items():
        if rel == out_name:
            return t(f"reports.bundle.doc.{name.removesuffix('.docx')}", name="", title="")
    return rel


def compose(blobs: list[bytes], cover: dict[str, Any] | None = None, fast: bool = True) -> bytes:
    """One .docx holding every document in order (docxcompose), each document a section of its own: it
    starts on a new page, its page numbers restart at 1, its first page carries no number, and it has its
    own header references. With ``cover`` (``school``, ``year``, ``labels``: one per blob) the bundle opens
    with an index page listing the documents and their page counts.

    The page counts are PAGEREF fields to a bookmark at the end of each document (the page number there is
    the document's page count, numbering restarting per section); Word and LibreOffice compute them when
    the file is printed or converted to PDF (``--pdf``); the value stored in the file is "—" until then.

    ``fast``: a document rendered from the same template as one docxcompose already appended (the 200
    reports of 200 nominees) has its body copied in directly when docxcompose would copy it unchanged
    (:func:`_plain_body`): its body is copied in as text in the saved bundle, with no package parsed and no
    per-element merging. The bundle is byte-identical either way (tested); ``fast=False`` appends every document
    through docxcompose.
    """
    # heavy: python-docx and docxcompose only when the bundle is made
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docxcompose.composer import Composer

    from thidua_xl.reports import blocks as b  # heavy: blocks imports python-docx at its top

    class DeferredComposer(Composer):
        """docxcompose's Composer, with its whole-document renumbering passes (bookmarks, drawing ids) run
        once at the end instead of after every append. They only renumber sequentially, so the result is
        the same; the cost drops from quadratic to linear in the number of documents."""

        deferred = True

        def renumber_bookmarks(self) -> None:
            if not self.deferred:
                super().renumber_bookmarks()

        def renumber_docpr_ids(self) -> None:
            if not self.deferred:
                super().renumber_docpr_ids()

        def renumber_nvpicpr_ids(self) -> None:
            if not self.deferred:
                super().renumber_nvpicpr_ids()

        def fix_section_types(self, doc: Any) -> None:
            if len(doc.sections) == 1:  # same early exit as docxcompose, testing the small document first
                return
            super().fix_section_types(doc)

        def finish(self) -> None:
            self.deferred = False
            self.renumber_bookmarks()
            self.renumber_docpr_ids()
            self.renumber_nvpicpr_ids()

    def restart(sect: Any) -> Any:
        """The section properties: numbers restart at 1, none on the first page (titlePg)."""
        b.child(sect, "w:pgNumType", before="w:cols").set(qn("w:start"), "1")
        b.child(sect, "w:titlePg", after="w:docGrid")
        return sect

    def end_section(doc: Any, sect: Any, mark: str | None) -> None:
        """A small paragraph closing the current section (its pPr holds ``sect``), bookmarked ``mark``."""
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        spacing = OxmlElement("w:spacing")
        for k, v in (("w:before", "0"), ("w:after", "0"), ("w:line", "20"), ("w:lineRule", "exact")):
            spacing.set(qn(k), v)
        ppr.append(spacing)
        ppr.append(deepcopy(sect))
        p.append(ppr)
        if mark:
            for kind in ("w:bookmarkStart", "w:bookmarkEnd"):
                el = OxmlElement(kind)
                el.set(qn("w:id"), str(zlib.crc32(mark.encode()) % 100000))  # the same id on every run
                if kind == "w:bookmarkStart":
                    el.set(qn("w:name"), mark)
                p.append(el)
        body = doc.element.body
        body.sectPr.addprevious(p)

    first = Document(io.BytesIO(blobs[0]))
    sect = restart(first.element.body.sectPr)
    if cover is not None:
        master = Document(io.BytesIO(blobs[0]))
        body = master.element.body
        for el in list(body):
            if el.tag != qn("w:sectPr"):
                body.remove(el)
        restart(body.sectPr)
        _cover_page(master, cover)
        end_section(master, sect, None)
        composer = DeferredComposer(master)
        composer.append(first)
        rest = blobs[1:]
        k = 0
    else:
        master = first
        composer = DeferredComposer(master)
        rest = blobs[1:]
        k = 0
    merged = {_package_key(blobs[0])}  # packages (all but the body) whose parts docxcompose has merged
    bodies: list[bytes] = []  # bodies copied in as text, in the place of their stand-in paragraphs
    for blob in rest:
        end_section(master, sect, f"thidua_doc_{k}_end")
        k += 1
        body = _plain_body(blob, merged, master) if fast else None
        if body is None:
            composer.append(Document(io.BytesIO(blob)))
            merged.add(_package_key(blob))
            continue
        master.add_paragraph().add_run(_HOLE.format(len(bodies)))  # before the body's section properties
        bodies.append(body)
    # the last document's end: a bookmark in a last empty paragraph
    p = master.add_paragraph()
    for kind in ("w:bookmarkStart", "w:bookmarkEnd"):
        el = OxmlElement(kind)
        el.set(qn("w:id"), "99999")
        if kind == "w:bookmarkStart":
            el.set(qn("w:name"), f"thidua_doc_{k}_end")
        p._p.append(el)
    composer.finish()
    buf = io.BytesIO()
    composer.save(buf)
    return _fill_holes(buf.getvalue(), bodies) if bodies else normalize_docx(buf.getvalue())


_BODY = "word/document.xml"
# What docxcompose changes in an appended body besides copying it (references to other parts: images,
# hyperlinks, notes, numbering, property fields; ids it renumbers: bookmarks, drawings) or a section inside
# it: such a body takes docxcompose's road.
_NOT_PLAIN = (b"r:id=", b"r:embed=", b"r:link=", b"r:pict=", b"<w:numPr", b"Reference ", b"DOCPROPERTY",
              b"<w:altChunk", b"<w:subDoc", b"<w:bookmark", b"<wp:docPr", b"<pic:cNvPr", b"<w:sectPr")
_STYLE_REF = re.compile(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]*)"')
_NS_DECL = re.compile(rb'xmlns:(\w+)="([^"]*)"')
_BODY_TAG = re.compile(rb"<w:body\b[^>]*>")
_HOLE = "THIDUA_BODY_{}"  # the text of the paragraph standing for a body copied in as text


def _package_key(blob: bytes) -> tuple[Any, ...]:
    """A fingerprint of a .docx's parts other than its body and document properties (styles, numbering,
    settings, headers, footers, relationships), from the zip's directory (names, CRCs, sizes): equal for
    two renders of one template."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return tuple(sorted((i.filename, i.CRC, i.file_size) for i in z.infolist()
                            if i.filename != _BODY and not i.filename.startswith("docProps/")))


def _plain_body(blob: bytes, merged: set[tuple[Any, ...]], master: Any) -> bytes | None:
    """The body of the rendered document ``blob`` as XML text (without its final section properties, which
    docxcompose leaves out too) when docxcompose would append it unchanged, else None: a package whose
    other parts docxcompose has already merged into ``master`` (``merged``), the namespaces of ``master``,
    nothing of :data:`_NOT_PLAIN` in the body, and only styles ``master`` already has (docxcompose, not
    preserving styles, copies a missing style and changes nothing else)."""
    from docx.oxml.ns import qn  # heavy: python-docx only when the bundle is made

    if _package_key(blob) not in merged:
        return None
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        xml = z.read(_BODY)
    body = _BODY_TAG.search(xml)
    end = xml.rfind(b"<w:sectPr")
    if body is None or end < body.end() or xml.count(b"<w:sectPr") != 1:
        return None
    content = xml[body.end():end]
    if any(mark in content for mark in _NOT_PLAIN):
        return None
    # the prefixes the body inherits (declared on the root and the body) mean the same in the bundle
    nsmap = {k.encode(): v.encode() for k, v in master.element.nsmap.items() if k}
    if any(nsmap.get(prefix) != uri for prefix, uri in _NS_DECL.findall(xml[:body.end()])):
        return None
    styles = {v.decode() for v in _STYLE_REF.findall(content)}
    if not styles <= {s.get(qn("w:styleId")) for s in master.styles.element.iter(qn("w:style"))}:
        return None
    return content


def _fill_holes(docx: bytes, bodies: list[bytes]) -> bytes:
    """The bundle ``docx`` with each stand-in paragraph replaced by the body it stands for."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        xml = z.read(_BODY)
    parts = re.split(rb"<w:p><w:r><w:t>THIDUA_BODY_(\d+)</w:t></w:r></w:p>", xml)
    if len(parts) != 2 * len(bodies) + 1:
        raise RuntimeError("bundle: a stand-in paragraph is missing")  # never expected: tested
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        out += [bodies[int(parts[i])], parts[i + 1]]
    return normalize_docx(docx, parts={_BODY: b"".join(out)})


def _cover_page(doc: Any, cover: dict[str, Any]) -> None:
    """The bundle's index page: title, school, year and a table of the documents with their page counts
    (PAGEREF fields to each document's end bookmark; "—" until computed)."""
    # heavy: python-docx (also through the NĐ 30 blocks) only when the bundle is made
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    # heavy: blocks imports python-docx at its top
    from thidua_xl.reports import blocks as b

    b.paragraph(doc, t("reports.bundle.title"), size=b.SIZE["doc_type"], bold=True, align="center", after=0)
    b.paragraph(doc, t("reports.bundle.subtitle", school=cover["school"], year=cover["year"]),
                size=b.SIZE["summary"], bold=True, align="center", after=12)
    headers = [t("reports.bundle.col.stt"), t("reports.bundle.col.doc"), t("reports.bundle.col.pages")]
    rows = [[str(i), label, ""] for i, label in enumerate(cover["labels"], start=1)]
    # the first line built cell by cell, the others as copies of it with their own texts (200 lines of
    # python-docx formatting took a second): the same XML
    table = b.fixed_table(doc, headers, rows[:1], [14, 116, 30], aligns=["center", "left", "center"])
    for i, row in enumerate(table.rows[1:]):
        p = row.cells[2].paragraphs[0]

        def fld(kind: str, p: Any = p) -> None:
            r = p.add_run()
            b.set_run_font(r, size=b.SIZE["table"])
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            r._r.append(el)

        fld("begin")
        r = p.add_run()
        b.set_run_font(r, size=b.SIZE["table"])
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" PAGEREF thidua_doc_{i}_end \\h "
        r._r.append(instr)
        fld("separate")
        b.run(p, "—", size=b.SIZE["table"])
        fld("end")
    first = table.rows[1]._tr if rows else None
    for i, (number, label, _) in enumerate(rows[1:], start=1):
        tr = deepcopy(first)
        texts = [list(tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
        texts[0][0].text = number
        texts[1][0].text = label
        if label != label.strip():  # as python-docx writes a text with spaces at an end
            texts[1][0].set(qn("xml:space"), "preserve")
        else:
            texts[1][0].attrib.pop(qn("xml:space"), None)
        next(tr.iter(qn("w:instrText"))).text = f" PAGEREF thidua_doc_{i}_end \\h "
        table._tbl.append(tr)
    b.paragraph(doc, t("reports.bundle.note"), size=b.SIZE["note"], italic=True, before=6)


def _write_all(out: Path, outputs: list[tuple[str, bytes]], result: DossierResult) -> None:
    """Write the dossier as a whole (:func:`thidua_xl.fileio.replace_files`): every document into a
    temporary folder, swapped in at the end with the manifest; the files of the previous run that this run
    does not make again (and their PDFs) go in the same swap. On any failure the previous dossier is left
    as it was. Other files of ``out`` are never touched."""
    if out.exists() and not out.is_dir():
        raise InputError(t("common.not_a_folder", path=display_path(out), example="ho_so"))
    manifest = out / MANIFEST
    previous: list[str] = []
    if manifest.is_file():
        try:
            previous = list(json.loads(manifest.read_text(encoding="utf-8")).get("files", []))
        except (ValueError, OSError):
            previous = []
    current = [rel for rel, _ in outputs]
    keep = set(current)
    stale: list[str] = []
    for rel in previous:
        if not isinstance(rel, str) or rel in keep or ".." in Path(rel).parts or Path(rel).is_absolute():
            continue
        stale += [rel, Path(rel).with_suffix(".pdf").as_posix()]
    files = dict(outputs)
    files[MANIFEST] = json.dumps({"files": current, "warnings": result.warnings}, ensure_ascii=False,
                                 indent=1).encode("utf-8")
    replace_files(out, files, remove=stale)
    result.files.extend(out / rel for rel in current)
