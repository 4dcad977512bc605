"""`thidua addin build` on Linux: the .xlam read back (zip, content types, ribbon XML from the actions list,
one VBA Sub per onAction, one wrapper per TDKT_ function, the xlwings runtime intact), and `install`."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest

from thidua_xl import cli
from thidua_xl.excel import addin, install, ovba
from thidua_xl.excel.actions import ACTIONS, GROUPS, TAB_LABEL
from thidua_xl.excel.udfspec import udf_specs

NS = {"c": addin.CUSTOMUI_NS}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("addin") / "ThiDua.xlam"
    assert cli.main(["addin", "build", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def vba(built: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(built))
    try:
        assert parser.detect_vba_macros()
        return {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def test_zip_is_sound_and_parts_are_declared(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        assert z.testzip() is None
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
        for part in ("xl/workbook.xml", "xl/vbaProject.bin", "xl/worksheets/sheet1.xml"):
            assert part in names and f'PartName="/{part}"' in types
        assert "addin.macroEnabled" in types
        rels = z.read("_rels/.rels").decode()
        assert 'Target="customUI/customUI.xml"' in rels and "customUI/customUI.xml" in names
        assert f'name="{addin.CONF_SHEET}"' in z.read("xl/workbook.xml").decode()
        ET.fromstring(z.read("xl/workbook.xml"))


def test_ribbon_comes_from_the_actions_list(built: Path) -> None:
    with zipfile.ZipFile(built) as z:
        root = ET.fromstring(z.read("customUI/customUI.xml"))
    tabs = root.findall(".//c:tab", NS)
    assert len(tabs) == 1 and tabs[0].get("label") == TAB_LABEL == "Thi đua"
    groups = tabs[0].findall("c:group", NS)
    assert [(g.get("id"), g.get("label")) for g in groups] == [(g.id, g.label) for g in GROUPS]
    buttons = [(g.get("id"), b) for g in groups for b in g.findall("c:button", NS)]
    assert [(gid, b.get("id"), b.get("label"), b.get("imageMso")) for gid, b in buttons] == [
        (a.group, a.id, a.label, a.image) for a in ACTIONS]
    assert all(b.get("onAction") == f"{addin.RIBBON_MODULE}.{a.vba_sub}" for (_, b), a in zip(buttons, ACTIONS))


def test_every_on_action_has_its_sub_calling_runpython(built: Path, vba: dict[str, str]) -> None:
    with zipfile.ZipFile(built) as z:
        root = ET.fromstring(z.read("customUI/customUI.xml"))
    ribbon = vba[addin.RIBBON_MODULE]
    for b in root.iter(f"{{{addin.CUSTOMUI_NS}}}button"):
        module, sub = b.get("onAction", "").split(".")
        assert module == addin.RIBBON_MODULE
        body = re.search(rf"Sub {sub}\(control As IRibbonControl\)\r?\n(.*?)End Sub", ribbon, re.S)
        assert body, sub
        assert f"on_ribbon('{b.get('id')}')" in body.group(1) and "RunPython" in body.group(1)


def test_every_udf_has_a_wrapper(vba: dict[str, str]) -> None:
    code = vba[addin.UDF_MODULE]
    for s in udf_specs():
        m = re.search(rf"^Function {s.name}\((.*?)\)\r?$", code, re.M)
        assert m, s.name
        params = [p.strip() for p in m.group(1).split(",") if p.strip()]
        expected = [("ParamArray " + a.name + "()") if a.vararg else ("Optional " if a.optional else "") + a.name
                    for a in s.args]
        assert params == expected
        assert f'XLPy.CallUDF("thidua_xl.excel.udfs", "{s.name}"' in code
        assert f'Macro:=q & "{s.name}"' in code  # function-wizard description registered
    assert "CVErr(xlErrNA)" in code and "CVErr(xlErrValue)" in code and "CVErr(xlErrNum)" in code
    assert "TDKT_RegisterFunctions" in vba["ThisWorkbook"] and "Workbook_Open" in vba["ThisWorkbook"]
    assert all(len(line) < 1000 for text in vba.values() for line in text.splitlines())


def test_xlwings_runtime_is_intact(vba: dict[str, str]) -> None:
    source = (addin.xlwings_dir() / "xlwings_custom_addin.bas").read_text(encoding="ascii")
    source = source.replace('PROJECT_NAME As String = "myaddin"', f'PROJECT_NAME As String = "{addin.PROJECT_NAME}"')
    body = "\n".join(x for x in source.replace("\r\n", "\n").split("\n") if not x.startswith("Attribute VB_"))
    got = "\n".join(x for x in vba["xlwings"].replace("\r\n", "\n").split("\n") if not x.startswith("Attribute VB_"))
    assert got.strip() == body.strip()
    import xlwings

    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in got
    assert "Function RunPython" in got or "Sub RunPython" in got
    assert "Class_Initialize" in vba["Dictionary"]


def test_vietnamese_text_survives_as_chrw() -> None:
    expr = addin.vba_string('Thi đua "2024"')
    assert expr == '"Thi " & ChrW(273) & "ua ""2024"""'
    assert addin.udf_vba().isascii() and addin.ribbon_vba().isascii()


def test_ovba_compression_round_trips_with_oletools() -> None:
    from oletools.olevba import decompress_stream

    text = (addin.xlwings_dir() / "xlwings_custom_addin.bas").read_bytes()
    assert decompress_stream(bytearray(ovba.compress(text))) == text
    rng = random.Random(5)
    for n in (0, 1, 4095, 4096, 4097, 8192):
        data = bytes(rng.choice(b"ab \r\nSubEnd") for _ in range(n))
        assert decompress_stream(bytearray(ovba.compress(data))) == data
    incompressible = bytes(rng.randrange(256) for _ in range(4096))
    assert decompress_stream(bytearray(ovba.compress(incompressible))) == incompressible  # raw chunk


def test_project_streams_and_class_attributes_as_the_template_has_them(built: Path, vba: dict[str, str]) -> None:
    """Issue 14 point 7: PROJECTwm, the Dictionary class header, the error text from the wrappers, the
    qualified MacroOptions names, a config sheet named as xlwings' VBA reads it."""
    import io

    import olefile

    with zipfile.ZipFile(built) as z:
        ole = olefile.OleFileIO(io.BytesIO(z.read("xl/vbaProject.bin")))
    try:
        assert ole.exists("PROJECTwm")
        wm = ole.openstream("PROJECTwm").read()
        project = ole.openstream("PROJECT").read().decode("latin-1")
    finally:
        ole.close()
    modules = re.findall(r"^(?:Module|Class|Document)=(\w+)", project, re.M)
    for name in modules:  # each module: its MBCS name, NUL, its UTF-16 name, two NULs
        assert name.encode("ascii") + b"\x00" + name.encode("utf-16-le") + b"\x00\x00" in wm
    assert wm.endswith(b"\x00\x00") and "Class=Dictionary" in project
    header = [x for x in vba["Dictionary"].splitlines() if x.startswith("Attribute VB_")]
    assert header[:8] == [
        'Attribute VB_Name = "Dictionary"', 'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
        "Attribute VB_GlobalNameSpace = False", "Attribute VB_Creatable = False",
        "Attribute VB_PredeclaredId = False", "Attribute VB_Exposed = True",
        "Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
    code = vba[addin.UDF_MODULE]
    assert code.count("= Err.Description") == len(udf_specs())  # the error text, as xlwings generates it
    assert "q = \"'\" & ThisWorkbook.Name & \"'!\"" in code
    assert not re.search(r'Macro:="TDKT_', code)
    assert addin.read_conf_sheet(built) == {k.upper(): v for k, v in addin.SHEET_CONFIG.items()}
    assert addin.CONF_SHEET == "thidua.conf"  # GetConfigFromSheet: PROJECT_NAME & ".conf"
    runtime = vba["xlwings"]
    assert 'Sheets(PROJECT_NAME & ".conf")' in runtime and 'PROJECT_NAME As String = "thidua"' in runtime
    ribbon = vba[addin.RIBBON_MODULE]
    assert ribbon.count("TDKT_CannotStart Err.Description") == len(ACTIONS)
    assert "addin doctor" in ribbon and "ChrW(" in ribbon  # the Vietnamese message box names the doctor


def test_install_on_linux_says_why(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["addin", "install", str(built)]) == 2
    err = capsys.readouterr().err
    assert "Windows hoặc macOS" in err and "Traceback" not in err


def test_build_into_an_unwritable_place_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    assert cli.main(["addin", "build", "-o", str(blocker / "ThiDua.xlam")]) == 2
    assert "Lỗi" in capsys.readouterr().err


# ----------------------------------------------------------------------------- install, uninstall, doctor


def _python_wrapper(folder: Path, name: str) -> Path:
    """A fake interpreter file that runs this test's Python (so the package really is importable by it)."""
    import os
    import sys

    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / name
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="ascii")
    os.chmod(exe, 0o755)
    return exe


@pytest.mark.parametrize("system", [install.WINDOWS, install.MACOS])
def test_install_writes_what_the_vba_reads_and_uninstall_removes_it(
        system: str, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    lay = install.layout(system, home)
    if system == install.WINDOWS:  # computed from the (fake) profile: %APPDATA% and %USERPROFILE%
        assert lay.startup_dir == home / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART"
        assert lay.config_file == home / ".thidua" / "thidua.conf"  # GetConfigFilePath on Windows
        assert lay.applescript is None
    else:
        assert lay.startup_dir == (home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content"
                                   / "Startup" / "Excel")
        assert lay.config_file == home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "thidua.conf"
        assert lay.applescript == (home / "Library" / "Application Scripts" / "com.microsoft.Excel"
                                   / f"xlwings-{addin.xlwings_version()}.applescript")
    # from the installed package, whatever the current folder holds
    code = cli.main(["addin", "install", "--he-dieu-hanh", system, "--home", str(home)])
    out = capsys.readouterr().out
    assert code == 0 and "thidua addin doctor" in out
    assert lay.addin_path.is_file() and addin.read_conf_sheet(lay.addin_path)
    raw = lay.config_file.read_bytes()
    assert raw.isascii() and (b"\r\n" in raw) == (system == install.WINDOWS)
    config = install.read_config(lay.config_file)
    key = "INTERPRETER_WIN" if system == install.WINDOWS else "INTERPRETER_MAC"
    assert Path(install.expand(lay, config[key])) == install.interpreter_for(lay)
    assert config["USE UDF SERVER"] == ("True" if system == install.WINDOWS else "False")
    if system == install.WINDOWS:
        assert config["THIDUA_INSTALLED"].startswith("%APPDATA%")  # no user name in the ANSI file
        assert lay.applescript is None
    else:
        assert lay.applescript is not None and lay.applescript.read_bytes() == (
            addin.xlwings_dir() / lay.applescript.name).read_bytes()
    # the doctor is content (the interpreter is this Python; no DLL on Linux, so Windows has one ✗)
    checks = {c.label: c for c in install.doctor(lay, excel=install.ExcelInfo("O365ProPlusRetail", True))}
    assert checks["Tệp cấu hình của người dùng"].status == install.OK
    assert checks["Gói thidua_xl và xlwings cùng phiên bản với add-in"].status == install.OK
    # an add-in file given explicitly is copied as it is
    assert cli.main(["addin", "install", str(built), "--he-dieu-hanh", system, "--home", str(home)]) == 0
    assert lay.addin_path.read_bytes() == built.read_bytes()
    # uninstall reverses it
    assert cli.main(["addin", "install", "--uninstall", "--he-dieu-hanh", system, "--home", str(home)]) == 0
    assert not lay.addin_path.exists() and not lay.config_file.exists()
    assert not (home / ".thidua").exists()
    if lay.applescript is not None:
        assert not lay.applescript.exists()
    assert cli.main(["addin", "install", "--uninstall", "--he-dieu-hanh", system, "--home", str(home)]) == 0
    assert "Không thấy" in capsys.readouterr().out


def test_uninstall_keeps_an_applescript_that_was_there_before(tmp_path: Path) -> None:
    lay = install.layout(install.MACOS, tmp_path)
    assert lay.applescript is not None
    lay.applescript.parent.mkdir(parents=True)
    lay.applescript.write_text("someone else's")
    install.install(lay, python=_python_wrapper(tmp_path / "py", "python3"))
    install.uninstall(lay)
    assert lay.applescript.read_text() == "someone else's" and not lay.addin_path.exists()


def test_windows_config_uses_pythonw_and_environment_variables(tmp_path: Path) -> None:
    lay = install.layout(install.WINDOWS, tmp_path)
    folder = tmp_path / "AppData" / "Local" / "Programs" / "Python" / "Python312"
    python = _python_wrapper(folder, "python.exe")
    _python_wrapper(folder, "pythonw.exe")
    report = install.install(lay, python=python)
    assert report.interpreter == folder / "pythonw.exe"  # no console window
    config = install.read_config(lay.config_file)
    assert config["INTERPRETER_WIN"] == "%LOCALAPPDATA%/Programs/Python/Python312/pythonw.exe"
    assert install.interpreter_for(lay, folder / "pythonw.exe") == folder / "pythonw.exe"
    assert install._console_python(folder / "pythonw.exe") == folder / "python.exe"


def _healthy_windows(tmp_path: Path) -> install.Layout:
    """A fake Windows user where every check passes: Python with the xlwings DLL one folder up (a venv)."""
    lay = install.layout(install.WINDOWS, tmp_path / "home")
    venv = tmp_path / "home" / "venv"
    _python_wrapper(venv / "Scripts", "python.exe")
    pythonw = _python_wrapper(venv / "Scripts", "pythonw.exe")
    (venv / f"xlwings64-{addin.xlwings_version()}.dll").write_bytes(b"MZ")
    install.install(lay, python=pythonw)
    return lay


DYNAMIC = install.ExcelInfo("O365ProPlusRetail", True)


def test_doctor_all_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lay = _healthy_windows(tmp_path)
    checks = install.doctor(lay, excel=DYNAMIC)
    assert [c.status for c in checks] == [install.OK] * len(checks) and len(checks) == 6
    text = install.report_text(checks)
    assert text.count("✓") == 6 and "✗" not in text and "sẵn sàng" in text


def _break_addin(lay: install.Layout) -> None:
    lay.addin_path.unlink()


def _break_sheet(lay: install.Layout) -> None:
    """An add-in whose config sheet names an interpreter (it would hide the user's config file)."""
    with zipfile.ZipFile(lay.addin_path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(lay.addin_path, "w") as z:
        for info, data in items:
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"UDF Modules", b"Interpreter_Win")
            z.writestr(info, data)


def _break_config(lay: install.Layout) -> None:
    lay.config_file.write_text("Interpreter_Win = C:\\Python\\pythonw.exe\n")  # not VBA's Write # format


def _break_python(lay: install.Layout) -> None:
    install.read_config(lay.config_file)  # readable before
    exe = Path(install.expand(lay, install.read_config(lay.config_file)["INTERPRETER_WIN"]))
    exe.unlink()


def _break_dll(lay: install.Layout) -> None:
    for dll in lay.home.rglob("xlwings64-*.dll"):
        dll.unlink()


def _break_package(lay: install.Layout) -> None:
    exe = Path(install.expand(lay, install.read_config(lay.config_file)["INTERPRETER_WIN"]))
    exe.with_name("python.exe").write_text('#!/bin/sh\necho "ModuleNotFoundError: thidua_xl" >&2\nexit 1\n')


def _break_addin_file(lay: install.Layout) -> None:
    lay.addin_path.write_bytes(b"not a workbook")  # damaged, or cut short by a copy


def _break_config_key(lay: install.Layout) -> None:
    lay.config_file.write_text('"Use UDF Server","True"\r\n')  # readable, but names no interpreter


def _break_version(lay: install.Layout) -> None:
    """The interpreter imports the package but has another xlwings than the add-in was built for."""
    exe = Path(install.expand(lay, install.read_config(lay.config_file)["INTERPRETER_WIN"]))
    exe.with_name("python.exe").write_text('#!/bin/sh\necho 0.0.1\n')


@pytest.mark.parametrize("breaker, label, fix", [
    (_break_addin, "Add-in trong thư mục khởi động của Excel", "thidua addin install"),
    (_break_addin_file, "Add-in trong thư mục khởi động của Excel", "pip install -U thidua_xl"),
    (_break_config_key, "Tệp cấu hình của người dùng", "thidua addin install"),
    (_break_version, "Gói thidua_xl và xlwings cùng phiên bản với add-in", "pip install -U thidua_xl"),
    (_break_sheet, "Trang cấu hình của add-in không được ghi đè đường dẫn Python", "thidua addin install"),
    (_break_config, "Tệp cấu hình của người dùng", "thidua addin install"),
    (_break_python, "Python mà Excel sẽ chạy", "thidua addin install"),
    (_break_dll, "Thư viện xlwings (DLL) cạnh Python", "pip install --force-reinstall xlwings"),
    (_break_package, "Gói thidua_xl và xlwings cùng phiên bản với add-in", "pip install thidua_xl"),
])
def test_doctor_finds_each_failure_and_says_the_fix(tmp_path: Path, breaker: Any, label: str, fix: str) -> None:
    lay = _healthy_windows(tmp_path)
    breaker(lay)
    checks = install.doctor(lay, excel=DYNAMIC)
    failed = [c for c in checks if c.status == install.FAIL]
    assert [c.label for c in failed] == [label]
    assert fix in failed[0].fix and not install.healthy(checks)
    text = install.report_text(checks)
    assert f"✗ {label}" in text and f"→ {failed[0].fix}" in text and "Còn 1 mục cần sửa" in text


def test_doctor_on_macos_checks_the_applescript(tmp_path: Path) -> None:
    lay = install.layout(install.MACOS, tmp_path)
    install.install(lay, python=_python_wrapper(tmp_path / "py", "python3"))
    assert install.healthy(install.doctor(lay, excel=DYNAMIC))
    assert lay.applescript is not None
    lay.applescript.unlink()
    failed = [c.label for c in install.doctor(lay, excel=DYNAMIC) if c.status == install.FAIL]
    assert failed == ["AppleScript của xlwings (macOS)"]


def test_doctor_explains_excel_without_dynamic_arrays(tmp_path: Path) -> None:
    lay = _healthy_windows(tmp_path)
    assert install.classify_product("ProPlus2019Volume") is False
    assert install.classify_product("HomeBusiness2016Retail") is False
    assert install.classify_product("O365ProPlusRetail,VisioProRetail") is True
    assert install.classify_product("ProPlus2021Volume") is True
    assert install.classify_product("") is None
    checks = install.doctor(lay, excel=install.ExcelInfo("ProPlus2019Volume", False))
    excel = checks[-1]
    assert excel.status == install.WARN and "Ctrl+Shift+Enter" in excel.fix
    assert install.healthy(checks)  # a warning, not something to fix
    assert install.doctor(lay, excel=install.ExcelInfo())[-1].status == install.UNKNOWN


def test_doctor_command_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    assert cli.main(["addin", "doctor", "--he-dieu-hanh", "macos", "--home", str(home)]) == 1
    out = capsys.readouterr().out
    assert "✗ Add-in trong thư mục khởi động của Excel" in out and "thidua addin install" in out
    assert cli.main(["addin", "install", "--he-dieu-hanh", "macos", "--home", str(home)]) == 0
    capsys.readouterr()
    assert cli.main(["addin", "doctor", "--he-dieu-hanh", "macos", "--home", str(home)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out and out.count("✓") >= 5 and "Traceback" not in out



def _procedures(code: str) -> list[tuple[str, str, dict[int, int]]]:
    """(scope, name, conditional-compilation branch: #If id -> branch number) of each Function and Sub."""
    proc = re.compile(r"^(Private |Public |Friend )?(?:Static )?(?:Function|Sub) (\w+)")
    out, stack, ids = [], [], 0
    for line in code.splitlines():
        head = line.strip()
        if re.match(r"#If\b", head, re.I):
            ids += 1
            stack.append([ids, 0])
        elif re.match(r"#(Else|ElseIf)\b", head, re.I):
            stack[-1][1] += 1
        elif re.match(r"#End If\b", head, re.I):
            stack.pop()
        elif m := proc.match(line):
            out.append((m.group(1) or "", m.group(2), {i: b for i, b in stack}))
    return out


def test_every_procedure_name_is_unique_in_the_built_addin(vba: dict[str, str]) -> None:
    """Issue 14, done when: no "Ambiguous name detected" — within each module every Function/Sub name once
    (in each branch of a #If), and the public ones once across the standard modules (the TDKT_ wrappers, the
    ribbon callbacks, xlwings' runtime)."""

    def clash(a: dict[int, int], b: dict[int, int]) -> bool:  # both compiled in some configuration
        return all(a[k] == b[k] for k in a.keys() & b.keys())

    public: dict[str, str] = {}
    for module, code in vba.items():
        procs = _procedures(code)
        for i, (_, name, branch) in enumerate(procs):
            twins = [other for _, n, other in procs[i + 1:] if n == name and clash(branch, other)]
            assert not twins, (module, name)
        if module == "ThisWorkbook" or "Attribute VB_Base" in code:
            continue  # document and class modules: their names are qualified by the object
        for scope, name, _ in procs:
            if scope != "Private ":
                assert public.setdefault(name, module) == module, (name, module, public[name])
    assert {s.name for s in udf_specs()} <= set(public)


def test_a_path_with_a_double_quote_is_a_message_not_a_crash(tmp_path: Path) -> None:
    """VBA's Input # cannot read a value holding '"' (a macOS folder may have one in its name)."""
    with pytest.raises(install.InstallError, match="dấu ngoặc kép"):
        install.config_text({"Interpreter_Mac": '/Users/an/"py"/bin/python3'}, install.MACOS)
