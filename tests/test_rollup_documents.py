"""The ward's documents (issue 16, point 3): the Quyết định công nhận, its attached list, the tờ trình to the level
above and the summary per school, for generated schools, opened with python-docx and put through the dossier's
checks: the NĐ 30/2020 format, every legal text named in force on the decision date, each title in the document of
the level that decides it (core/authority.py), nobody held back by a cross-school error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Pt
from test_rollup import gen_schools

from thidua_xl import api, cli
from thidua_xl.core import authority as auth
from thidua_xl.core import rules as rules_mod
from thidua_xl.core.rollup import Rollup
from thidua_xl.reports import ward as ward_mod

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return gen_schools.generate(5, 10, tmp_path_factory.mktemp("docs"))


@pytest.fixture(scope="module")
def rolled(ward: Any) -> Rollup:
    return api.rollup([ward.folder], ward.ward, processes=1)


@pytest.fixture(scope="module")
def docs(ward: Any, rolled: Rollup, tmp_path_factory: pytest.TempPathFactory) -> Any:
    council = api.tally_council(ward.council, rolled)
    return api.ward_documents(rolled, tmp_path_factory.mktemp("hoso"), council)


def _text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for tb in doc.tables for row in tb.rows for c in row.cells]
    return "\n".join(parts)


def _runs(doc: Any, needle: str) -> list[Any]:
    from docx.text.paragraph import Paragraph

    return [r for p in doc.element.body.iter(f"{W}p") for r in Paragraph(p, doc).runs if needle in r.text]


def test_four_documents_are_written(docs: Any) -> None:
    assert [p.name for p in docs.files] == list(ward_mod.DOCUMENTS.values())
    assert all(p.stat().st_size > 0 for p in docs.files)


@pytest.mark.parametrize("index", range(4))
def test_nd30_format(docs: Any, index: int) -> None:
    doc = Document(str(docs.files[index]))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert 20 <= round(sec.top_margin.mm) <= 25 and 30 <= round(sec.left_margin.mm) <= 35
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    (national,) = _runs(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    (motto,) = _runs(doc, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline
    (agency,) = _runs(doc, "UBND PHƯỜNG LONG BIÊN")
    assert agency.bold
    (date,) = _runs(doc, "Long Biên, ngày 25 tháng 7 năm 2025")
    assert date.italic
    doc_type = next(r for r in _runs(doc, "") if r.text in ("QUYẾT ĐỊNH", "DANH SÁCH", "TỜ TRÌNH", "BẢNG TỔNG HỢP"))
    assert doc_type.bold and Pt(13) <= doc_type.font.size <= Pt(14)
    sig = doc.tables[-1]
    runs = [r for c in sig.rows[0].cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert any(r.text == "CHỦ TỊCH" and r.bold for r in runs)
    assert any(r.text == "Nguyễn Văn Hùng" and r.bold for r in runs)
    assert sec.different_first_page_header_footer and "PAGE" in sec.header._element.xml
    assert "{{" not in _text(docs.files[index]) and "None" not in _text(docs.files[index])


def test_quyet_dinh_numbers_and_articles(docs: Any) -> None:
    text = _text(docs.files[0])
    assert "Số: …/QĐ-UBND" in text
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG BIÊN" in text
    for article in ("Điều 1.", "Điều 2.", "Điều 3.", "QUYẾT ĐỊNH:", "Nơi nhận:", "- Như Điều 3;"):
        assert article in text
    assert "Số: …/TTr-UBND" in _text(docs.files[2])


def _named_instruments(text: str) -> list[rules_mod.Instrument]:
    return [i for i in rules_mod.instruments() if i.position(text) >= 0]


def test_every_legal_text_named_is_in_force_on_the_decision_date(docs: Any) -> None:
    on = dt.date(2025, 7, 25)
    assert docs.on == on and docs.regime == "2025"
    for path in docs.files:
        named = _named_instruments(_text(path))
        assert all(i.in_force(on) for i in named), (path.name, [i.id for i in named if not i.in_force(on)])
    assert "152/2025/NĐ-CP" in _text(docs.files[0]) and "98/2023" not in _text(docs.files[0])
    assert "15/2025/TT-BNV" not in _text(docs.files[0])  # issued 04/08/2025: not yet in force on 25/07/2025


def test_a_decision_before_july_2025_cites_nd98_and_not_nd152(ward: Any, rolled: Rollup, tmp_path: Path) -> None:
    from dataclasses import replace

    earlier = Rollup(rolled.schools, replace(rolled.config, decision_date=dt.date(2025, 6, 20)), rolled.problems)
    out = api.ward_documents(earlier, tmp_path)
    assert out.regime == "2024"
    text = _text(out.files[0])
    assert "98/2023/NĐ-CP" in text and "152/2025" not in text
    assert all(i.in_force(dt.date(2025, 6, 20)) for i in _named_instruments(text))


def test_each_title_is_in_the_document_of_the_level_that_decides_it(docs: Any, rolled: Rollup) -> None:
    rules = rules_mod.ruleset_for("2024-2025", consideration_date=docs.on)
    info = ward_mod.ward_info(rolled)
    assert docs.decided and docs.proposed
    assert all(auth.level_of(rules, title) == "local" for title in docs.decided)
    assert all(auth.level_of(rules, title) != "local" for title in docs.proposed)
    _, ds, tt = (_text(p) for p in docs.files[:3])
    for items in docs.decided.values():
        assert all(n.name in ds for n in items)
    for title, items in docs.proposed.items():
        a = auth.deciding(info, rules, title)
        assert f"Kính gửi: {a.name}." in tt and all(n.name in tt for n in items)
        assert a.name.startswith("Chủ tịch Ủy ban nhân dân thành phố Hà Nội")


def test_nobody_held_back_by_a_cross_school_error_is_decided(ward: Any, docs: Any, rolled: Rollup) -> None:
    decided = {(n.file, n.subject) for items in docs.decided.values() for n in items}
    proposed = {(n.file, n.subject) for items in docs.proposed.values() for n in items}
    assert (ward.not_eligible["file"], ward.not_eligible["subject"]) not in decided
    for f, s in zip(ward.duplicate["files"], ward.duplicate["subjects"]):
        assert (f, s) not in decided
    assert not any(f == ward.uncertified["file"] for f, _ in decided | proposed)
    assert (ward.higher["file"], ward.higher["subject"]) in proposed
    assert {(n.file, n.subject) for n in docs.held} >= {(ward.not_eligible["file"], ward.not_eligible["subject"])}


def test_committed_ward_templates_are_up_to_date() -> None:
    from thidua_xl.reports.build_ward_templates import BUILDERS, template_bytes
    from thidua_xl.reports.paths import REPO_TEMPLATES

    for name in BUILDERS:
        committed = REPO_TEMPLATES / name
        assert committed.is_file() and committed.read_bytes() == template_bytes(name), (
            f"templates/{name}: run python -m thidua_xl.reports.build_ward_templates")


def test_cli_writes_the_documents(ward: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "hs"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "--hoi-dong", ward.council, "--ho-so", str(out),
                     "-o", str(tmp_path / "th.xlsx"), "--json", "--mot-tien-trinh"]) == 0
    json.loads(capsys.readouterr().out)
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(ward_mod.DOCUMENTS.values())


def test_the_ward_templates_pass_the_template_checks() -> None:
    """``thidua templates check``'s checks that do not depend on the school's variables: no split tag, no curly
    quote in a tag, no unclosed tag, no Jinja syntax error, no hard-coded legal text of one regime only."""
    from thidua_xl.reports import lint
    from thidua_xl.reports.build_ward_templates import BUILDERS

    for name in BUILDERS:
        findings = [f for f in lint.check_template(name, ward_mod.ward_template(name)) if f.kind != "undefined"]
        assert findings == [], (name, [f.message for f in findings])


def test_the_pages_read_as_a_reviewer_reads_them(docs: Any) -> None:
    """The documents through LibreOffice (as ``thidua report --pdf``): no word, date or percentage split across
    lines, no English tag or template tag, no last page holding only the signature (tests/test_pages.py)."""
    from thidua_xl.reports import pdf as pdf_mod

    if not pdf_mod.available():
        pytest.skip("LibreOffice (soffice) không có trên máy: bỏ qua kiểm tra trang PDF")
    pytest.importorskip("pypdf", reason="pypdf không có: pip install -e '.[test]'")
    import test_pages as tp

    pdfs = pdf_mod.convert(docs.files)
    assert len(pdfs) == len(docs.files)
    for docx, pdf in zip(docs.files, pdfs):
        pages = tp._pages(pdf)
        assert tp._broken(pages, tp._vocabulary(docx)) == [], docx.name
        assert not [p for p in pages if tp.ENGLISH.search(p)], docx.name
        assert len(pages) == 1 or not tp._closing_alone(pages[-1]), docx.name


def test_the_department_signs_as_its_director(rolled: Rollup, tmp_path: Path) -> None:
    from dataclasses import replace

    department = replace(rolled.config, level="department", unit_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI", doc_code="SGDĐT")
    out = api.ward_documents(Rollup(rolled.schools, department, rolled.problems, rolled.scores), tmp_path)
    text = _text(out.files[0])
    assert "GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI" in text and "Số: …/QĐ-SGDĐT" in text
    # the body above the Sở heads every document (NĐ 30/2020), above the Sở's own name; none above a ward's UBND
    rules = rules_mod.ruleset_for("2024-2025", consideration_date=out.on)
    above = f"UBND {auth.province_name(rolled.config.province, rules)}".upper()
    assert rolled.config.province and above.startswith(("UBND TỈNH ", "UBND THÀNH PHỐ "))
    for path in out.files:
        top = Document(str(path)).tables[0].rows[0].cells[0].text.split("\n")
        assert top[0].strip() == above, path.name
        assert top[1].strip().startswith("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), path.name
    ward = api.ward_documents(rolled, tmp_path / "ward")
    assert not Document(str(ward.files[0])).tables[0].rows[0].cells[0].text.strip().startswith(above)
    doc = Document(str(out.files[0]))
    runs = [r for c in doc.tables[-1].rows[0].cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert any(r.text == "GIÁM ĐỐC" and r.bold for r in runs)
    assert all(auth.level_of(rules, title) == "local" for title in out.decided)
