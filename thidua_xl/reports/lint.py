"""``thidua templates check``: find what breaks a .docx template before the meeting.

For every template of the dossier (``to_trinh.docx`` …) in a folder:

- **split tags** (warning) — a ``{{ … }}``/``{% … %}``/``{# … #}`` tag whose characters lie in more than one
  Word run (``<w:r>``): Word splits runs after an edit, a spell-check or a partial format. docxtpl joins the
  runs when it renders (the text takes the first run's format), so the document comes out right: a warning,
  fixed by ``thidua templates fix`` (:func:`fix_template`);
- **curly quotes inside a tag** (warning) — Word's AutoFormat turns ``"`` into ``“ ”``; docxtpl straightens
  them when it renders, so the tag is checked as rendered; fixed by ``thidua templates fix`` too;
- **unclosed tags** — a tag opened in a paragraph and not closed in it;
- **undefined variables** — every variable, attribute and loop variable is resolved against the documented
  context (:data:`thidua_xl.reports.context.VARIABLES`; ``nominee`` only in ``bao_cao_ca_nhan.docx``);
- **Jinja syntax errors**;
- and, as warnings (not counted as errors), **hard-coded legal references**: a decree/circular number typed
  into the template text that does not belong to every regime (e.g. "98/2023/NĐ-CP", superseded from
  07/2025) — the "Căn cứ" lines should come from ``to_trinh.can_cu`` / ``regime.basis``. Given a
  consideration date (``on``, as ``report`` does), the check is exact instead: a legal text the template
  names that is not in force on that date (dates of force: ``core/rules/data/instruments.yaml``).

Only errors make ``templates check`` fail; ``report`` runs the same checks on a school's own templates and
turns every finding into a warning (CLI, ribbon message, the manifest ``.thidua_hoso.json``).

Each finding names the template file, the part (body, header, footer), the paragraph number (1-based,
counting every paragraph of the part in document order, table cells included) and the paragraph text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from thidua_xl.core.rules import available_regimes, instruments, load_ruleset
from thidua_xl.messages import t
from thidua_xl.reports.context import NOMINEE_VARIABLES, VARIABLES
from thidua_xl.reports.render import Template, TemplateRenderError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OPEN = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPEN_RE = re.compile(r"\{[{%#]")
_STMT_RE = re.compile(r"^\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)\s*(.*?)\s*-?%\}$", re.DOTALL)
_EXPR_RE = re.compile(r"^\{\{-?\s*(?:r\s+)?(.*?)\s*-?\}\}$", re.DOTALL)
_DOC_NUMBER_RE = re.compile(r"\d{1,4}/\d{4}/(?:NĐ-CP|TT-[A-ZĐ]+|QH\d+)")
JINJA_GLOBALS = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "true", "false", "none",
                 "True", "False", "None", "super", "caller", "varargs", "kwargs"}
ANY = object()  # a value whose shape is unknown (set variables, loop over scalars …)
# docxtpl's own replacements inside a tag (DocxTemplate.patch_xml, clean_tags): Word's typographic quotes
_CURLY = {"“": '"', "”": '"', "‘": "'", "’": "'"}
FIXABLE = ("split", "quotes")  # the kinds ``thidua templates fix`` repairs


def straight_quotes(tag: str) -> str:
    """The tag as docxtpl renders it: typographic quotes straightened."""
    for a, b in _CURLY.items():
        tag = tag.replace(a, b)
    return tag


@dataclass(frozen=True, slots=True)
class Finding:
    template: str
    kind: str  # split | quotes | unclosed | undefined | syntax | unreadable | superseded | not_in_force
    part: str  # "" (body) | "header1.xml" …
    paragraph: int | None
    text: str  # paragraph text (shortened)
    detail: str  # the tag or the variable path
    message: str  # Vietnamese, ready to print
    severity: str = "error"  # error | warning


@dataclass(slots=True)
class _Para:
    part: str
    index: int
    text: str
    run_of_char: list[int]  # for each character of ``text``, the index of its run


# ---------------------------------------------------------------- reading the XML


def _parts(zf: zipfile.ZipFile) -> list[str]:
    names = zf.namelist()
    heads = sorted(n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
    return ["word/document.xml", *heads]


def _paragraphs(xml: bytes, part: str) -> list[_Para]:
    from lxml import etree  # heavy: lxml only when a template is checked (the CLI imports this module)

    root = etree.fromstring(xml)
    out: list[_Para] = []
    for i, p in enumerate(root.iter(f"{W}p"), start=1):
        chars: list[str] = []
        runs: list[int] = []
        for k, r in enumerate(p.iter(f"{W}r")):
            for el in r:
                if el.tag == f"{W}t" and el.text:
                    chars.append(el.text)
                    runs.extend([k] * len(el.text))
                elif el.tag == f"{W}tab":
                    chars.append("\t")
                    runs.append(k)
        out.append(_Para(part, i, "".join(chars), runs))
    return out


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _tags(para: _Para) -> list[tuple[str, int, int, bool]]:
    """(tag text, start, end, closed) for every tag in the paragraph."""
    out = []
    pos = 0
    text = para.text
    while True:
        m = _OPEN_RE.search(text, pos)
        if m is None:
            break
        start = m.start()
        close = _OPEN[m.group(0)]
        end = text.find(close, start + 2)
        if end < 0:
            out.append((text[start:], start, len(text), False))
            break
        out.append((text[start:end + 2], start, end + 2, True))
        pos = end + 2
    return out


# ---------------------------------------------------------------- variables


class _Scope:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.frames: list[dict[str, Any]] = [dict(schema)]

    def lookup(self, name: str) -> Any:
        for frame in reversed(self.frames):
            if name in frame:
                return frame[name]
        return None

    def push(self, names: dict[str, Any]) -> None:
        self.frames.append(names)

    def pop(self) -> None:
        if len(self.frames) > 1:
            self.frames.pop()

    def define(self, name: str, shape: Any) -> None:
        self.frames[-1][name] = shape


def _chain(node: Any) -> tuple[str, list[str]] | None:
    """``a.b.c`` / ``a['b']`` → ("a", ["b", "c"]); None when the chain does not start at a name."""
    from jinja2 import nodes  # heavy: Jinja2 only when a template is checked

    attrs: list[str] = []
    while True:
        if isinstance(node, nodes.Getattr):
            attrs.append(node.attr)
            node = node.node
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(
                node.arg.value, str):
            attrs.append(node.arg.value)
            node = node.node
        elif isinstance(node, nodes.Name):
            return node.name, list(reversed(attrs))
        else:
            return None


def _resolve(scope: _Scope, name: str, attrs: list[str]) -> tuple[Any, str | None]:
    """(shape, the first undefined path or None)."""
    if name in JINJA_GLOBALS:
        return ANY, None
    shape = scope.lookup(name)
    if shape is None:
        return None, name
    path = name
    for a in attrs:
        if shape is ANY or isinstance(shape, str):
            return ANY, None  # scalar methods (upper, …) or unknown shapes
        if isinstance(shape, list):
            return ANY, None
        if isinstance(shape, dict):
            if a not in shape:
                return None, f"{path}.{a}"
            shape = shape[a]
            path = f"{path}.{a}"
    return shape, None


def _expr_refs(expr: str, scope: _Scope, env: Any) -> tuple[list[str], Any]:
    """Undefined paths in a Jinja expression, and the shape of the expression when it is a plain chain."""
    from jinja2 import nodes  # heavy: Jinja2 only when a template is checked

    tree = env.parse("{{ " + expr + " }}")
    out: list[str] = []
    shape: Any = ANY
    output = tree.body[0]
    top = output.nodes[0] if isinstance(output, nodes.Output) and output.nodes else None
    seen: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        if id(node) in seen:
            continue
        chain = _chain(node)
        if chain is None:
            continue
        # mark inner nodes of this chain as handled
        inner = node
        while isinstance(inner, (nodes.Getattr, nodes.Getitem)):
            seen.add(id(inner.node))
            inner = inner.node
        name, attrs = chain
        s, missing = _resolve(scope, name, attrs)
        if missing:
            out.append(missing)
        if node is top:
            shape = s if s is not None else ANY
    return out, shape


def _loop_targets(target: str, item_shape: Any) -> dict[str, Any]:
    names = [n.strip() for n in target.split(",") if n.strip()]
    if len(names) == 1:
        return {names[0]: item_shape}
    return dict.fromkeys(names, ANY)


# ---------------------------------------------------------------- one template


def template_schema(nominee: bool) -> dict[str, Any]:
    """The variables a template may use (``nominee`` only in the achievement report)."""
    schema = dict(VARIABLES)
    if nominee:
        schema.update(NOMINEE_VARIABLES)
    return schema


def _superseded() -> dict[str, list[str]]:
    """Document number → regimes whose "Căn cứ" lines do NOT contain it (for every number any regime cites)."""
    cited: dict[str, set[str]] = {}
    regimes = available_regimes()
    for r in regimes:
        rs = load_ruleset(r)
        for line in rs.get("basis.lines", ()) or ():
            for num in _DOC_NUMBER_RE.findall(str(line)):
                cited.setdefault(num, set()).add(r)
    return {num: [r for r in regimes if r not in have] for num, have in cited.items() if len(have) < len(regimes)}


def _not_in_force(text: str, on: dt.date) -> list[tuple[str, str]]:
    """(the spelling found, a Vietnamese description of its dates) for each legal text ``text`` names that is
    not in force on ``on``."""
    out: list[tuple[str, str]] = []
    for inst in instruments():
        if inst.in_force(on):
            continue
        hit = next((m for m in inst.match if m in text), None)
        if hit is None:
            continue
        if on < inst.start:
            when = t("reports.check.force_from", start=f"{inst.start:%d/%m/%Y}")
        else:
            when = t("reports.check.force_until", until=f"{inst.until:%d/%m/%Y}" if inst.until else "")
            if inst.replaced_by:
                when += t("reports.check.replaced_by", doc=inst.replaced_by)
        out.append((hit, when))
    return out


def check_template(name: str, data: bytes, display: str | None = None, *, nominee: bool = False,
                   on: dt.date | None = None) -> list[Finding]:
    """Every finding for one template (``name`` is its file name; ``display`` how to name it in messages;
    ``nominee``: the achievement report, which also has ``nominee``). With ``on`` (the consideration date),
    legal texts named in the template's own text are checked against their dates of force on that day;
    without it, against the regimes that cite them."""
    from jinja2 import Environment, TemplateSyntaxError  # heavy: Jinja2 only when a template is checked

    shown = display or name
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        parts = [(p, zf.read(p)) for p in _parts(zf) if p in zf.namelist()]
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        return [Finding(shown, "unreadable", "", None, "", "", t("reports.check.unreadable", template=shown,
                                                                  error=exc))]
    env = Environment()
    findings: list[Finding] = []
    scope = _Scope(template_schema(nominee))
    superseded = _superseded() if on is None else {}

    def where(para: _Para) -> str:
        return str(para.index) if para.part == "word/document.xml" else f"{para.index} ({para.part[5:]})"

    for part, xml in parts:
        try:
            paras = _paragraphs(xml, part)
        except Exception as exc:  # noqa: BLE001 - malformed XML part
            findings.append(Finding(shown, "unreadable", part, None, "", "",
                                    t("reports.check.unreadable", template=shown, error=exc)))
            continue
        for para in paras:
            tags = _tags(para)
            literal = para.text
            for tag, start, end, closed in tags:
                literal = literal.replace(tag, " ")
                if not closed:
                    findings.append(Finding(shown, "unclosed", part, para.index, _short(para.text), tag,
                                            t("reports.check.unclosed", template=shown, para=where(para),
                                              text=_short(para.text), tag=_short(tag, 30))))
                    continue
                runs = {para.run_of_char[i] for i in range(start, end)}
                if len(runs) > 1:
                    findings.append(Finding(shown, "split", part, para.index, _short(para.text), tag,
                                            t("reports.check.split", template=shown, para=where(para),
                                              text=_short(para.text), tag=_short(tag, 40), runs=len(runs)),
                                            severity="warning"))
                clean = straight_quotes(tag)
                if clean != tag:
                    findings.append(Finding(shown, "quotes", part, para.index, _short(para.text), tag,
                                            t("reports.check.quotes", template=shown, para=where(para),
                                              text=_short(para.text), tag=_short(tag, 40)),
                                            severity="warning"))
                findings.extend(_check_tag(clean, scope, env, shown, para, where(para)))
            for num in sorted(set(_DOC_NUMBER_RE.findall(literal))):
                if num in superseded:
                    findings.append(Finding(shown, "superseded", part, para.index, _short(para.text), num,
                                            t("reports.check.superseded", template=shown, para=where(para),
                                              text=_short(para.text), doc=num,
                                              regimes=", ".join(superseded[num])), severity="warning"))
            if on is not None:
                for hit, when in _not_in_force(literal, on):
                    findings.append(Finding(shown, "not_in_force", part, para.index, _short(para.text), hit,
                                            t("reports.check.not_in_force", template=shown, para=where(para),
                                              text=_short(para.text), doc=hit, date=f"{on:%d/%m/%Y}",
                                              when=when), severity="warning"))
    # Jinja syntax of the whole template, exactly as it will be rendered
    if not any(f.kind in ("unclosed", "syntax") for f in findings):
        try:
            Template(shown, data)._compile()
        except TemplateRenderError as exc:
            findings.append(Finding(shown, "syntax", "", None, "", "", str(exc)))
        except TemplateSyntaxError as exc:  # pragma: no cover - wrapped above
            findings.append(Finding(shown, "syntax", "", None, "", "", str(exc)))
    return findings


def _check_tag(tag: str, scope: _Scope, env: Any, shown: str, para: _Para, where: str) -> list[Finding]:
    from jinja2 import TemplateSyntaxError  # heavy: Jinja2 only when a template is checked

    out: list[Finding] = []

    def undefined(paths: list[str]) -> None:
        for path in paths:
            out.append(Finding(shown, "undefined", para.part, para.index, _short(para.text), path,
                               t("reports.check.undefined", template=shown, para=where, text=_short(para.text),
                                 name=path)))

    def syntax(exc: Exception) -> None:
        out.append(Finding(shown, "syntax", para.part, para.index, _short(para.text), tag,
                           t("reports.check.syntax", template=shown, error=f"{tag}: {exc}",
                             text=_short(para.text))))

    if tag.startswith("{#"):
        return out
    try:
        m = _EXPR_RE.match(tag)
        if m is not None:
            undefined(_expr_refs(m.group(1), scope, env)[0])
            return out
        m = _STMT_RE.match(tag)
        if m is None:
            return out
        kw, rest = m.group(1), m.group(2)
        if kw == "for":
            fm = re.match(r"(.+?)\s+in\s+(.+?)(?:\s+if\s+(.+?))?(?:\s+recursive)?$", rest, re.DOTALL)
            if fm is None:
                return out
            paths, shape = _expr_refs(fm.group(2), scope, env)
            undefined(paths)
            item = shape[0] if isinstance(shape, list) and shape else ANY
            scope.push({**_loop_targets(fm.group(1), item), "loop": ANY})
            if fm.group(3):
                undefined(_expr_refs(fm.group(3), scope, env)[0])
        elif kw == "endfor":
            scope.pop()
        elif kw in ("if", "elif"):
            undefined(_expr_refs(rest, scope, env)[0])
        elif kw == "set":
            sm = re.match(r"(\w+)\s*=\s*(.+)$", rest, re.DOTALL)
            if sm:
                paths, shape = _expr_refs(sm.group(2), scope, env)
                undefined(paths)
                scope.define(sm.group(1), shape)
        elif kw == "with":
            scope.push({})
            for assign in rest.split(","):
                if "=" in assign:
                    k, v = assign.split("=", 1)
                    paths, shape = _expr_refs(v.strip(), scope, env)
                    undefined(paths)
                    scope.define(k.strip(), shape)
        elif kw == "endwith":
            scope.pop()
    except TemplateSyntaxError as exc:
        syntax(exc)
    return out


# ---------------------------------------------------------------- the fix


def _fix_paragraph(p: Any) -> int:
    """Join every split tag of paragraph ``p`` into its first run and straighten the quotes in its tags;
    returns the number of tags changed. Text outside the tags is left exactly as it was."""
    fixed = 0
    done: set[int] = set()  # start offsets of tags already fixed (a fixed tag is not split any more)
    while True:
        texts = [el for r in p.iter(f"{W}r") for el in r if el.tag == f"{W}t"]
        owner: list[tuple[int, int]] = []  # for each character: (w:t index, offset in it)
        for k, el in enumerate(texts):
            owner.extend((k, j) for j in range(len(el.text or "")))
        text = "".join(el.text or "" for el in texts)
        para = _Para("", 0, text, [k for k, _ in owner])
        todo = None
        for tag, start, end, closed in _tags(para):
            if not closed or start in done:
                continue
            if len({owner[i][0] for i in range(start, end)}) > 1 or straight_quotes(tag) != tag:
                todo = (tag, start, end)
                break
        if todo is None:
            return fixed
        tag, start, end = todo
        (i0, a), (i1, b) = owner[start], owner[end - 1]
        first, last = texts[i0], texts[i1]
        tail = (last.text or "")[b + 1:]
        if i1 > i0:
            for k in range(i0 + 1, i1):
                texts[k].text = ""
            last.text = tail
            tail = ""
        first.text = (first.text or "")[:a] + straight_quotes(tag) + tail
        for el in (first, last):
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        done.add(start)
        fixed += 1


def fix_template(data: bytes) -> tuple[bytes, int]:
    """The template with every split tag joined into one run and the quotes in its tags straightened (what
    docxtpl does at each render, done once in the file), and the number of tags changed. Other parts of the
    .docx are copied unchanged."""
    from lxml import etree  # heavy: lxml only when a template is fixed

    src = zipfile.ZipFile(io.BytesIO(data))
    replaced: dict[str, bytes] = {}
    total = 0
    for part in _parts(src):
        if part not in src.namelist():
            continue
        root = etree.fromstring(src.read(part))
        n = sum(_fix_paragraph(p) for p in root.iter(f"{W}p"))
        if n:
            total += n
            replaced[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if not total:
        return data, 0
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, replaced.get(info.filename, src.read(info.filename)))
    return out.getvalue(), total
