"""Rendering .docx templates with docxtpl, deterministic output and atomic writes.

A :class:`Template` is loaded once and rendered many times (one achievement report per nominee): the
docxtpl-patched XML of the body and headers is compiled by Jinja2 once, then each render only runs the
compiled template and writes the zip. The steps are docxtpl's own (``patch_xml``, ``fix_tables``, header
and footer parts), so any template docxtpl accepts renders the same way here.

Output is deterministic: zip entries carry a fixed timestamp and the core properties a fixed date, so the
same data gives byte-identical files.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from thidua_xl.messages import t

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_CORE_DATE = "2020-01-01T00:00:00Z"
_CORE_DATE_RE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
_DOC_PART = "word/document.xml"


class TemplateRenderError(Exception):
    """A template cannot be rendered (Jinja syntax error, bad expression); message in Vietnamese."""


# ---------------------------------------------------------------- files


CANONICAL_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:creator>thidua_xl</dc:creator><cp:lastModifiedBy>thidua_xl</cp:lastModifiedBy>"
    "<cp:revision>1</cp:revision>"
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_CORE_DATE}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_CORE_DATE}</dcterms:modified>'
    "</cp:coreProperties>"
)


def normalize_docx(data: bytes, core_xml: str | None = None, parts: dict[str, bytes] | None = None) -> bytes:
    """Rewrite a .docx zip with fixed entry timestamps and fixed core-property dates (byte-stable).

    ``core_xml`` replaces ``docProps/core.xml`` entirely (the default templates use :data:`CANONICAL_CORE`);
    ``parts`` replaces those parts (name → bytes).
    """
    replaced = dict(parts or {})
    if core_xml is not None:
        replaced["docProps/core.xml"] = core_xml.encode("utf-8")
    return _rezip(data, replaced)


def _rezip(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The .docx ``data`` rewritten byte-stably: the parts in ``replaced`` swapped in, the others kept (the core
    properties with fixed dates), every entry with a fixed timestamp."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = replaced.get(info.filename)
            if blob is None:
                blob = src.read(info.filename)
                if info.filename == "docProps/core.xml":
                    blob = _CORE_DATE_RE.sub(lambda m: m.group(1) + FIXED_CORE_DATE + m.group(3),
                                             blob.decode("utf-8")).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


# ---------------------------------------------------------------- undefined tracking


def _recording_undefined(sink: set[str]) -> type:
    # heavy: Jinja2 only when a template is compiled (the CLI and the ribbon import this module at start)
    from jinja2 import ChainableUndefined
    from jinja2.exceptions import UndefinedError
    from jinja2.utils import missing

    class Recording(ChainableUndefined):
        """Renders as empty text (like docxtpl's default) and remembers the missing name."""

        __slots__ = ()

        def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                     exc: type = Exception) -> None:
            super().__init__(hint, obj, name, UndefinedError)
            if name is not None and not name.startswith("_"):
                sink.add(name)

    return Recording


# ---------------------------------------------------------------- templates


@dataclass
class Template:
    """One .docx template, compiled once."""

    name: str
    data: bytes
    _parts: dict[str, Any] = field(default_factory=dict, repr=False)  # zip part name -> compiled template
    _prefix: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)  # part -> (head, tail)
    _undefined: set[str] = field(default_factory=set, repr=False)
    _env: Any = None

    def _compile(self) -> None:
        if self._env is not None:
            return
        # heavy: docxtpl, Jinja2 and lxml only when a template is first rendered
        from docxtpl import DocxTemplate
        from jinja2 import Environment, TemplateSyntaxError
        from lxml import etree

        self._env = Environment(autoescape=True, undefined=_recording_undefined(self._undefined))
        tpl = DocxTemplate(io.BytesIO(self.data))
        tpl.init_docx()
        self._tpl = tpl
        zf = zipfile.ZipFile(io.BytesIO(self.data))
        names = set(zf.namelist())
        parts: list[str] = [_DOC_PART]
        for rel in tpl.docx.part.rels.values():
            if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI):
                pn = str(rel.target_part.partname).lstrip("/")
                if pn in names:
                    parts.append(pn)
        for pn in parts:
            raw = zf.read(pn).decode("utf-8")
            if "{{" not in raw and "{%" not in raw and "{#" not in raw:
                continue
            root = etree.fromstring(raw.encode("utf-8"))
            if pn == _DOC_PART:
                body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
                xml = etree.tostring(body, encoding="unicode")
                full = etree.tostring(root, encoding="unicode")
                # split the document around its body so only the body is rendered (as docxtpl does)
                head, _, rest = full.partition("<w:body")
                tail = rest[rest.rfind("</w:body>") + len("</w:body>"):]
                self._prefix[pn] = (head, tail)
            else:
                xml = etree.tostring(root, encoding="unicode")
                self._prefix[pn] = ("", "")
            xml = tpl.patch_xml(xml)
            xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
            try:
                self._parts[pn] = self._env.from_string(xml)
            except TemplateSyntaxError as exc:
                text = ""
                if exc.lineno:
                    lines = xml.splitlines()
                    text = re.sub(r"<[^>]+>", "", lines[exc.lineno - 1] if exc.lineno <= len(lines) else "")
                raise TemplateRenderError(t("reports.err.template_syntax", template=self.name,
                                            line=exc.lineno, error=f"{exc.message} — \"{text[:80]}\"")) from None

    def render(self, context: dict[str, Any]) -> tuple[bytes, set[str]]:
        """The rendered .docx bytes and the undefined names met while rendering."""
        from jinja2 import TemplateError  # heavy: Jinja2 only when rendering

        self._compile()
        self._undefined.clear()
        rendered: dict[str, bytes] = {}
        tpl = self._tpl
        for pn, compiled in self._parts.items():
            try:
                xml = compiled.render(context)
            except TemplateError as exc:
                raise TemplateRenderError(t("reports.err.template_render", template=self.name,
                                            error=str(exc))) from None
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = (xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}"))
            xml = tpl.resolve_listing(xml)
            head, tail = self._prefix[pn]
            if pn == _DOC_PART:
                from lxml import etree  # heavy: lxml only when rendering

                tree = tpl.fix_tables(xml)
                tpl.docx_ids_index = 1000
                tpl.fix_docpr_ids(tree)
                body = etree.tostring(tree, encoding="unicode")
                # tostring re-declares namespaces on the body element: harmless and valid
                xml = head + body + tail
            rendered[pn] = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml).encode("utf-8")
        return self._write(rendered), set(self._undefined)

    def _write(self, rendered: dict[str, bytes]) -> bytes:
        return _rezip(self.data, rendered)


def render_docxtpl(data: bytes, context: dict[str, Any]) -> bytes:
    """Reference path: docxtpl's own ``render``/``save`` (used by the tests to check :class:`Template`)."""
    from docxtpl import DocxTemplate  # heavy: docxtpl only on this reference path

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return normalize_docx(buf.getvalue())
