"""`thidua addin build` on Linux: the .xlam read back (zip, content types, ribbon XML from the actions list,
one VBA Sub per onAction, one wrapper per TDKT_ function, the xlwings runtime intact), and `install`."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from thidua_xl import cli
from thidua_xl.excel import addin, ovba
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
        assert f'Macro:="{s.name}"' in code  # function-wizard description registered
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


def test_install_on_linux_says_why(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["addin", "install", str(built)]) == 2
    err = capsys.readouterr().err
    assert "Windows hoặc macOS" in err and "Traceback" not in err


def test_build_into_an_unwritable_place_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("x")
    assert cli.main(["addin", "build", "-o", str(blocker / "ThiDua.xlam")]) == 2
    assert "Lỗi" in capsys.readouterr().err
