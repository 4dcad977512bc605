"""Build ``ThiDua.xlam`` on any machine (Linux included) from the xlwings custom add-in template.

* The ribbon (``customUI/customUI.xml``) is generated from :data:`thidua_xl.excel.actions.ACTIONS`.
* The VBA project (``xl/vbaProject.bin``) is compiled with the ``ms-ovba`` package from text sources:
  the xlwings VBA runtime that ships in the xlwings wheel (``xlwings_custom_addin.bas``, with
  ``PROJECT_NAME = "thidua"``), its ``Dictionary`` class (used on macOS), one ribbon callback per action
  (each calls ``RunPython``), and one VBA wrapper per TDKT_ function (what xlwings' "Import functions"
  would generate), plus the function-wizard descriptions. So the secretary needs neither "Import
  functions" nor "Trust access to the VBA project".
* The hidden configuration sheet is ``thidua.conf`` (the name xlwings' VBA reads), holding only
  :data:`SHEET_CONFIG`; the machine's settings (interpreter, UDF server) are in the user's config file
  that ``thidua addin install`` writes (:mod:`thidua_xl.excel.install`).

VBA modules are stored in code page 1252, so every non-ASCII character (Vietnamese labels and
descriptions) is written as ``ChrW(n)`` by :func:`vba_string`.

What only Excel can confirm (loading, the ribbon firing, the functions calculating) is listed in
docs/excel.md; everything that can be read back is checked by tests/test_addin.py.
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
import uuid
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from thidua_xl.excel import ovba
from thidua_xl.excel.actions import ACTIONS, GROUPS, TAB_ID, TAB_LABEL
from thidua_xl.excel.udfspec import UdfSpec, udf_specs
from thidua_xl.fileio import atomic_path
from thidua_xl.messages import t

PROJECT_NAME = "thidua"
# The name xlwings' VBA reads (GetConfig: sheet PROJECT_NAME & ".conf"). It holds only what is the same on
# every machine; a key present here, even empty, would hide the user's file (%USERPROFILE%\.thidua\thidua.conf,
# written by ``thidua addin install``), so the interpreter and the UDF-server switch are not in it.
CONF_SHEET = f"{PROJECT_NAME}.conf"
SHEET_CONFIG: dict[str, str] = {"UDF Modules": "thidua_xl.excel.udfs"}
RIBBON_MODULE = "RibbonThiDua"
UDF_MODULE = "TDKT_Functions"
CATEGORY = "Thi đua"
DEFAULT_OUT = Path("dist") / "ThiDua.xlam"
TEMPLATE = "quickstart_addin_ribbon.xlam"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
_WORKSHEET_GUID = uuid.UUID("00020820-0000-0000-C000-000000000046")
_WORKBOOK_GUID = uuid.UUID("00020819-0000-0000-C000-000000000046")
# VB_Base of a class module (the VBE's "class" type library), as in the template's Dictionary class
CLASS_BASE_GUID = uuid.UUID("FCFB3D2A-A0FA-1068-A738-08002B3371B5")
_ERRORS = {"#N/A": "xlErrNA", "#VALUE!": "xlErrValue", "#NUM!": "xlErrNum"}


class AddinError(Exception):
    """A Vietnamese message for the user (no traceback)."""


def xlwings_dir() -> Path:
    spec = importlib.util.find_spec("xlwings")
    if spec is None or spec.origin is None:
        raise AddinError(t("addin.no_xlwings"))
    return Path(spec.origin).parent


def xlwings_version() -> str:
    text = (xlwings_dir() / "xlwings_custom_addin.bas").read_text(encoding="ascii", errors="replace")
    m = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', text)
    return m.group(1) if m else ""


def vba_string(text: str) -> str:
    """A VBA string expression for any Unicode text: ASCII runs quoted, other characters ``ChrW(n)``."""
    parts: list[str] = []
    run = ""
    for ch in text:
        if 32 <= ord(ch) < 127:
            run += '""' if ch == '"' else ch
        else:
            if run:
                parts.append(f'"{run}"')
                run = ""
            parts.append(f"ChrW({ord(ch)})")
    if run or not parts:
        parts.append(f'"{run}"')
    return " & ".join(parts)


# ----------------------------------------------------------------------------- ribbon


def ribbon_xml() -> str:
    """The customUI of the "Thi đua" tab: one group per GROUPS entry, one large button per action."""
    q = {'"': "&quot;"}
    lines = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
             f'<customUI xmlns="{CUSTOMUI_NS}">', "  <ribbon>", "    <tabs>",
             f'      <tab id="{TAB_ID}" label="{escape(TAB_LABEL, q)}">']
    for g in GROUPS:
        lines.append(f'        <group id="{g.id}" label="{escape(g.label, q)}">')
        for a in ACTIONS:
            if a.group != g.id:
                continue
            lines.append(f'          <button id="{a.id}" label="{escape(a.label, q)}" size="large" '
                         f'imageMso="{a.image}" screentip="{escape(a.screentip, q)}" '
                         f'supertip="{escape(a.supertip, q)}" onAction="{RIBBON_MODULE}.{a.vba_sub}" />')
        lines.append("        </group>")
    lines += ["      </tab>", "    </tabs>", "  </ribbon>", "</customUI>"]
    return "\n".join(lines) + "\n"


def ribbon_vba() -> str:
    """One callback Sub per ribbon button, each running the action in Python through RunPython."""
    out = [f'Attribute VB_Name = "{RIBBON_MODULE}"',
           "' Generated by thidua_xl (thidua addin build) from thidua_xl/excel/actions.py - do not edit.",
           "Option Explicit", ""]
    for a in ACTIONS:
        out += [f"Sub {a.vba_sub}(control As IRibbonControl)",
                "    On Error GoTo failed",
                f'    RunPython "{a.python_call.replace(chr(34), chr(34) * 2)}"',
                "    Exit Sub",
                "failed:",
                "    TDKT_CannotStart Err.Description",
                "End Sub", ""]
    out += ["Private Sub TDKT_CannotStart(reason As String)",
            "    ' Python could not be started: say so in Vietnamese and name the doctor command.",
            "    Dim m As String"]
    out += _assign("m", t("addin.vba.cannot_start"))
    out += ['    MsgBox m & vbCrLf & vbCrLf & reason, vbCritical, "Thi " & ChrW(273) & "ua"',
            "End Sub", ""]
    return "\r\n".join(out) + "\r\n"


# ----------------------------------------------------------------------------- worksheet functions


def _wrapper(s: UdfSpec) -> list[str]:
    names = [a.name for a in s.args]
    sig = []
    for a in s.args:
        sig.append(("ParamArray " + a.name + "()") if a.vararg else ("Optional " if a.optional else "") + a.name)
    lines = [f"Function {s.name}({', '.join(sig)})",
             "    Dim r As Variant"]
    vararg = next((a.name for a in s.args if a.vararg), "")
    fixed = [n for n, a in zip(names, s.args) if not a.vararg]
    if vararg:
        lines += ["    Dim argsArray() As Variant", "    Dim k As Long",
                  f"    argsArray = Array({', '.join(fixed)})",
                  f"    ReDim Preserve argsArray(0 To UBound({vararg}) - LBound({vararg}) + {len(fixed)})",
                  f"    For k = LBound({vararg}) To UBound({vararg})",
                  f"        argsArray({len(fixed)} + k - LBound({vararg})) = {vararg}(k)",
                  "    Next k"]
        args = "argsArray"
    else:
        args = f"Array({', '.join(fixed)})"
    lines += ['    #If App = "Microsoft Excel" Then',
              "        If TypeOf Application.Caller Is Range Then On Error GoTo failed",
              f'        r = XLPy.CallUDF("{s.module}", "{s.name}", {args}, ActiveWorkbook, Application.Caller)',
              "    #Else",
              f'        r = XLPy.CallUDF("{s.module}", "{s.name}", {args})',
              "    #End If",
              f"    {s.name} = TDKT_ErrorValue(r)",
              "    Exit Function",
              "failed:",
              f"    {s.name} = Err.Description",
              "End Function", ""]
    return lines


def udf_vba(specs: list[UdfSpec] | None = None) -> str:
    """The VBA wrappers of the TDKT_ functions (as xlwings' "Import functions" makes them), the error
    mapping ("#N/A ..." from Python becomes a real #N/A) and the function-wizard descriptions."""
    specs = udf_specs() if specs is None else specs
    out = [f'Attribute VB_Name = "{UDF_MODULE}"',
           "' Generated by thidua_xl (thidua addin build) from thidua_xl/excel/udfs.py - do not edit.",
           '#Const App = "Microsoft Excel"', ""]
    for s in specs:
        out += _wrapper(s)
    out += ["Private Function TDKT_ErrorValue(r As Variant) As Variant",
            "    TDKT_ErrorValue = r",
            "    If VarType(r) <> vbString Then Exit Function"]
    for code, const in _ERRORS.items():
        out += [f'    If r = "{code}" Or Left(r, {len(code) + 1}) = "{code} " Then TDKT_ErrorValue = CVErr({const})']
    out += ["End Function", "",
            "Sub TDKT_RegisterFunctions()",
            "    ' Descriptions for the Insert Function (fx) dialog; Vietnamese text as ChrW codes.",
            "    Dim d As String, c As String, q As String, a() As Variant",
            "    On Error Resume Next",
            "    ' qualified with the add-in's name, as xlwings' Import functions does",
            "    q = \"'\" & ThisWorkbook.Name & \"'!\""]
    out += _assign("c", CATEGORY)
    for s in specs:
        out += _assign("d", s.doc[:250])
        if s.args:
            out.append(f"    ReDim a(0 To {len(s.args) - 1})")
            for i, arg in enumerate(s.args):
                out += _assign(f"a({i})", arg.doc[:250])
            out.append(f'    Application.MacroOptions Macro:=q & "{s.name}", Description:=d, Category:=c, '
                       "ArgumentDescriptions:=a")
        else:
            out.append(f'    Application.MacroOptions Macro:=q & "{s.name}", Description:=d, Category:=c')
    out += ["End Sub", ""]
    return "\r\n".join(out) + "\r\n"


def _assign(var: str, text: str, width: int = 180) -> list[str]:
    """VBA lines assigning ``text`` to ``var`` in pieces (VBA lines must stay under 1,023 characters)."""
    parts = vba_string(text).split(" & ")
    lines: list[str] = []
    current: list[str] = []
    for part in parts:
        current.append(part)
        if sum(len(p) + 3 for p in current) > width:
            lines.append(" & ".join(current))
            current = []
    if current:
        lines.append(" & ".join(current))
    out = [f"    {var} = {lines[0]}"]
    out += [f"    {var} = {var} & {line}" for line in lines[1:]]
    return out


def runtime_vba() -> str:
    """xlwings' VBA runtime for custom add-ins, renamed to this project."""
    text = (xlwings_dir() / "xlwings_custom_addin.bas").read_text(encoding="ascii")
    text, n = re.subn(r'(Public Const PROJECT_NAME As String = )"[^"]*"', rf'\1"{PROJECT_NAME}"', text)
    if n != 1:
        raise AddinError(t("addin.bad_template", what="PROJECT_NAME"))
    return text


def this_workbook_vba() -> str:
    """Code of the ThisWorkbook module: register the function descriptions when the add-in opens."""
    return ("Option Explicit\r\n\r\nPrivate Sub Workbook_Open()\r\n    On Error Resume Next\r\n"
            f"    {UDF_MODULE}.TDKT_RegisterFunctions\r\nEnd Sub\r\n")


# ----------------------------------------------------------------------------- VBA project


def _compile_project(modules: dict[str, str], classes: dict[str, str],
                     documents: dict[str, tuple[uuid.UUID, str]]) -> bytes:
    """vbaProject.bin from module sources, with ms-ovba (which works on files in the current folder)."""
    # heavy: ms-ovba only when the add-in is built (the CLI imports this module at start)
    import ms_ovba.Models.Entities.doc_module as doc_mod
    import ms_ovba.Models.Entities.module_base as base_mod
    import ms_ovba.Views.dirStream as dir_mod
    from ms_ovba.Models.Entities.doc_module import DocModule
    from ms_ovba.Models.Entities.reference import Reference
    from ms_ovba.Models.Entities.reference_registered import ReferenceRegistered
    from ms_ovba.Models.Entities.std_module import StdModule
    from ms_ovba.Models.Fields.libid_reference import LibidReference
    from ms_ovba.vbaProject import VbaProject
    from ms_ovba.Views.project_ole_file import ProjectOleFile

    class ClassModule(DocModule):
        """A class module: stored like a document module, listed as ``Class=`` in the PROJECT stream."""

        def to_project_module_string(self) -> str:
            return "Class=" + self.modName.value

        def normalize_file(self) -> None:
            """The header as the VBE writes it (and the xlwings template carries): ``VB_Base`` after the
            name, ``VB_TemplateDerived``/``VB_Customizable`` after ``VB_Exposed``."""
            with open(self._file_path, encoding="ascii", newline="") as f:
                lines = f.read().replace("\r\n", "\n").split("\n")
            body = lines[4:] if lines and lines[0].startswith("VERSION") else lines
            body = [x for x in body if not x.startswith(("Attribute VB_Base", "Attribute VB_TemplateDerived",
                                                         "Attribute VB_Customizable"))]
            at = next(i for i, x in enumerate(body) if x.startswith("Attribute VB_Name"))
            body.insert(at + 1, f'Attribute VB_Base = "0{{{str(CLASS_BASE_GUID).upper()}}}"')
            at = next(i for i, x in enumerate(body) if x.startswith("Attribute VB_Exposed"))
            body[at + 1:at + 1] = ["Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
            with open(self._file_path + ".new", "w", encoding="ascii", newline="\r\n") as out:
                out.write("\n".join(body).rstrip("\n") + "\n")

    # ms-ovba's own compressor corrupts longer modules (see thidua_xl.excel.ovba): use ours.
    saved = [(m, m.MsOvba) for m in (doc_mod, base_mod, dir_mod)]
    class DocumentModule(DocModule):
        """A workbook/sheet module whose attributes all come before its code (ms-ovba appends two after)."""

        def normalize_file(self) -> None:
            with open(self._file_path, encoding="ascii") as f:
                lines = f.read().split("\n")[4:]
            attrs = [x for x in lines if x.startswith("Attribute ")]
            code = [x for x in lines if not x.startswith("Attribute ")]
            guid = "".join("{" + str(g).upper() + "}" for g in self._guids)
            head = [attrs[0], f'Attribute VB_Base = "0{guid}"', *attrs[1:],
                    "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = True"]
            with open(self._file_path + ".new", "w", encoding="ascii", newline="\r\n") as out:
                out.write("\n".join(head + code).rstrip("\n") + "\n")

    old = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="thidua_vba_") as tmp:
        os.chdir(tmp)
        for m, _ in saved:
            m.MsOvba = ovba.MsOvba  # type: ignore[attr-defined]
        try:
            project = VbaProject()
            project.project_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "thidua_xl")).upper() + "}"
            project.include_projectwm()  # module names in Unicode, as Excel writes them
            for name, (guid, code) in documents.items():
                path = Path(tmp) / f"{name}.cls"
                path.write_text("VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\nEND\n"
                                f'Attribute VB_Name = "{name}"\nAttribute VB_GlobalNameSpace = False\n'
                                "Attribute VB_Creatable = False\nAttribute VB_PredeclaredId = True\n"
                                "Attribute VB_Exposed = True\n" + code.replace("\r\n", "\n"), encoding="ascii")
                doc = DocumentModule(name)
                doc.add_file(str(path))
                doc.add_guid(guid)
                doc.normalize_file()
                project.add_module(doc)
            for name, text in classes.items():
                path = Path(tmp) / f"{name}.cls"
                path.write_text(text, encoding="ascii", newline="")
                cls = ClassModule(name)
                cls.add_file(str(path))
                cls.normalize_file()
                project.add_module(cls)
            for name, text in modules.items():
                path = Path(tmp) / f"{name}.bas"
                path.write_text(text.replace("\r\n", "\n"), encoding="ascii")
                mod = StdModule(name)
                mod.add_file(str(path))
                mod.normalize_file()
                project.add_module(mod)
            stdole = LibidReference(uuid.UUID("00020430-0000-0000-C000-000000000046"), "2.0", "0",
                                    "C:\\Windows\\System32\\stdole2.tlb", "OLE Automation")
            office = LibidReference(uuid.UUID("2DF8D04C-5BFA-101B-BDE5-00AA0044DE52"), "2.0", "0",
                                    r"C:\Program Files\Common Files\Microsoft Shared\OFFICE16\MSO.DLL",
                                    "Microsoft Office 16.0 Object Library")
            project.add_reference(Reference(ReferenceRegistered(stdole), "stdole"))
            project.add_reference(Reference(ReferenceRegistered(office), "Office"))
            ProjectOleFile.write_file(project)
            return (Path(tmp) / "vbaProject.bin").read_bytes()
        finally:
            os.chdir(old)
            for m, original in saved:
                m.MsOvba = original  # type: ignore[attr-defined]


def vba_modules() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[uuid.UUID, str]]]:
    """(standard modules, class modules, document modules) of the add-in's VBA project."""
    modules = {"xlwings": runtime_vba(), RIBBON_MODULE: ribbon_vba(), UDF_MODULE: udf_vba()}
    for name, text in modules.items():
        if not text.isascii():
            raise AddinError(t("addin.not_ascii", module=name))
    classes = {"Dictionary": (xlwings_dir() / "addin" / "Dictionary.cls").read_text(encoding="ascii")}
    documents = {"ThisWorkbook": (_WORKBOOK_GUID, this_workbook_vba()), "Sheet2": (_WORKSHEET_GUID, "")}
    return modules, classes, documents


# ----------------------------------------------------------------------------- the file


def build_addin(out_path: str | os.PathLike[str] = DEFAULT_OUT) -> Path:
    """Write ThiDua.xlam (atomically) and return its path."""
    template = xlwings_dir() / TEMPLATE
    if not template.exists():
        raise AddinError(t("addin.no_template", path=template))
    vba = _compile_project(*vba_modules())
    out = Path(out_path)
    with atomic_path(out) as tmp, zipfile.ZipFile(template) as zin, \
            zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "customUI/customUI.xml":
                data = ribbon_xml().encode("utf-8")
            elif item.filename == "xl/vbaProject.bin":
                data = vba
            elif item.filename == "xl/workbook.xml":
                data = data.replace(b'name="_myaddin.conf"', f'name="{CONF_SHEET}"'.encode())
            elif item.filename == "xl/worksheets/sheet1.xml":
                data = _conf_sheet_xml(data.decode("utf-8")).encode("utf-8")
            elif item.filename == "xl/sharedStrings.xml":
                data = _shared_strings_xml().encode("utf-8")
            zout.writestr(item, data)
    return out


def _shared_strings_xml() -> str:
    strings = [x for pair in SHEET_CONFIG.items() for x in pair]
    items = "".join(f"<si><t>{escape(x)}</t></si>" for x in strings)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>')


def _conf_sheet_xml(template: str) -> str:
    """The template's config sheet with :data:`SHEET_CONFIG` as its rows (key in A, value in B)."""
    rows = "".join(f'<row r="{r}" spans="1:2"><c r="A{r}" s="1" t="s"><v>{2 * (r - 1)}</v></c>'
                   f'<c r="B{r}" s="1" t="s"><v>{2 * (r - 1) + 1}</v></c></row>'
                   for r in range(1, len(SHEET_CONFIG) + 1))
    out = re.sub(r"<sheetData>.*</sheetData>", f"<sheetData>{rows}</sheetData>", template, flags=re.S)
    out = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:B{len(SHEET_CONFIG)}"', out)
    if rows not in out:
        raise AddinError(t("addin.bad_template", what="sheetData"))
    return out


def read_conf_sheet(path: str | os.PathLike[str]) -> dict[str, str]:
    """The config sheet of a built add-in, as xlwings' VBA reads it (keys upper-cased); {} without it."""
    import xml.etree.ElementTree as ET  # noqa: N817 - only when an add-in is read back (doctor, tests)

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as z:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rid = next((sh.get(rel_ns + "id") for sh in book.iter(main + "sheet") if sh.get("name") == CONF_SHEET), None)
        if rid is None:
            return {}
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target", "") for r in rels if r.get("Id") == rid)
        sheet = ET.fromstring(z.read("xl/" + target.lstrip("/").removeprefix("xl/")))
        strings = ["".join(x.itertext()) for x in ET.fromstring(z.read("xl/sharedStrings.xml"))]
    cells: dict[str, str] = {}
    for c in sheet.iter(main + "c"):
        v = c.find(main + "v")
        text = "" if v is None or v.text is None else v.text
        cells[c.get("r", "")] = strings[int(text)] if c.get("t") == "s" and text else text
    out: dict[str, str] = {}
    row = 1
    while cells.get(f"A{row}"):
        out[cells[f"A{row}"].upper()] = cells.get(f"B{row}", "")
        row += 1
    return out
