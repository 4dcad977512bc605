"""The dossier read as a reviewer reads it: the pages, not the XML (issue 18, point 4).

The demo workbook's dossier is made under each regime (2017, 2024, 2025: "Chế độ áp dụng" forced) with
``--pdf`` — the conversion of ``thidua report --pdf`` (:mod:`thidua_xl.reports.pdf`, one LibreOffice run per
folder) — and the text of every PDF page is read back with pypdf. A word of the page that is not a word of
the document (its .docx paragraphs) is a word the layout broke: "Khôn|g", "ST|T", "10/12/198|4",
"100,00|%". Skipped, with the reason, only when LibreOffice (``soffice``) or pypdf is not installed; CI
installs both (``.ci/run``).
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from thidua_xl import api
from thidua_xl.reports import pdf as pdf_mod

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
REGIMES = ("2017", "2024", "2025")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PUNCT = ".,;:()“”\"'[]!?…"
DATE_PART = re.compile(r"^\d{1,2}/\d{1,2}(/\d{0,3})?$|^/\d")
ENGLISH = re.compile(r"\b(?:SECONDARY|PRIMARY|UNVERIFIED|GAP|OVERRIDDEN|None|True|False)\b|\{\{|\{%|%\}|\}\}")
# where the closing block starts: "Nơi nhận", a signer's title, "(Ký, ghi rõ họ tên)"
CLOSING = re.compile(r"^(?:Nơi nhận|TM\.|KT\.|HIỆU TRƯỞNG|CHỦ TỊCH|THƯ KÝ|TRƯỞNG BAN|THÀNH VIÊN|NGƯỜI |"
                     r"CHỦ TỌA|XÁC NHẬN|\(Ký)")

pytestmark = [
    pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built (workbooks/make_workbooks.py)"),
    pytest.mark.skipif(not pdf_mod.available(),
                       reason="LibreOffice (soffice) không có trên máy: bỏ qua kiểm tra trang PDF — cài "
                              "'apt-get install libreoffice-writer-nogui' (CI: .ci/run)"),
]


@pytest.fixture(scope="module")
def dossiers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    pytest.importorskip("pypdf", reason="pypdf không có: pip install -e '.[test]'")
    data = api.read(DEMO)
    out: dict[str, Any] = {}
    for regime in REGIMES:
        forced = dataclasses.replace(data, info=dataclasses.replace(data.info, regime=regime))
        result = api.report(forced, tmp_path_factory.mktemp(f"ho_so_{regime}"), pdf=True)
        assert result.regime == regime and not result.pdf_missing, result.warnings
        out[regime] = result
    return out


def _pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]


def _vocabulary(docx: Path) -> set[str]:
    """Every word of the document as written: body, tables, headers and footers, paragraph by paragraph."""
    from lxml import etree

    words: set[str] = set()
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            for p in etree.fromstring(z.read(name)).iter(f"{W}p"):
                text = "".join(e.text or "" if e.tag == f"{W}t" else " "
                               for e in p.iter(f"{W}t", f"{W}tab", f"{W}br"))
                for tok in text.split():
                    words.update((tok, tok.strip(PUNCT)))
    return words


def _broken(pages: list[str], words: set[str]) -> list[tuple[int, str]]:
    """(page, token) for each token of the pages that is no word of the document: a word, date or percentage
    cut by a line break. A bare number is never flagged (page numbers); a word cut after its hyphen
    ("2024-|2025") is allowed, as Word does."""
    bad: list[tuple[int, str]] = []
    for page, text in enumerate(pages, start=1):
        toks = text.split()
        j = 0
        while j < len(toks):
            tok = toks[j].strip(PUNCT)
            if tok and not tok.isdigit() and tok not in words and toks[j] not in words:
                if toks[j].endswith(("-", "–")) and j + 1 < len(toks) and (toks[j] + toks[j + 1]).strip(
                        PUNCT) in words:
                    j += 2
                    continue
                bad.append((page, toks[j]))
            j += 1
    return bad


def _documents(result: Any) -> list[Path]:
    return [p for p in result.files if p != result.bundle]


def test_a_pdf_next_to_every_docx_and_one_for_the_bundle(dossiers: dict[str, Any]) -> None:
    for regime, result in dossiers.items():
        assert sorted(result.pdfs) == sorted(p.with_suffix(".pdf") for p in result.files), regime
        assert result.bundle.with_suffix(".pdf").is_file()
        assert all(p.stat().st_size > 1000 for p in result.pdfs)


@pytest.mark.parametrize("regime", REGIMES)
def test_no_word_date_or_percentage_is_split_across_lines(dossiers: dict[str, Any], regime: str) -> None:
    problems = []
    for docx in _documents(dossiers[regime]):
        bad = _broken(_pages(docx.with_suffix(".pdf")), _vocabulary(docx))
        dates = sorted({tok for _, tok in bad if DATE_PART.search(tok)})
        percents = sorted({tok for _, tok in bad if "%" in tok or re.fullmatch(r"\d+,\d*", tok)})
        words = sorted({tok for _, tok in bad if tok not in dates and tok not in percents})
        if bad:
            problems.append(f"{docx.name}: trang {sorted({p for p, _ in bad})}; ngày bị ngắt {dates[:6]}; "
                            f"tỷ lệ bị ngắt {percents[:6]}; chữ bị ngắt {words[:12]}")
    assert not problems, f"chế độ {regime}:\n" + "\n".join(problems)


@pytest.mark.parametrize("regime", REGIMES)
def test_no_english_tag_none_or_template_tag(dossiers: dict[str, Any], regime: str) -> None:
    problems = []
    for pdf in dossiers[regime].pdfs:
        for page, text in enumerate(_pages(pdf), start=1):
            found = sorted(set(ENGLISH.findall(text)))
            if found:
                problems.append(f"{pdf.name} trang {page}: {found}")
    assert not problems, f"chế độ {regime}:\n" + "\n".join(problems)


def _closing_alone(last: str) -> bool:
    """The last page holds only the closing block (Nơi nhận, signature): no body line before it."""
    lines = [ln.strip() for ln in last.splitlines() if ln.strip() and not ln.strip().isdigit()]
    for ln in lines:
        if CLOSING.match(ln):
            return True
        if len(ln) >= 15:  # a line of body text comes first
            return False
    return True


@pytest.mark.parametrize("regime", REGIMES)
def test_the_last_page_holds_body_text_before_the_signature(dossiers: dict[str, Any], regime: str) -> None:
    alone = []
    for docx in _documents(dossiers[regime]):
        pages = _pages(docx.with_suffix(".pdf"))
        if len(pages) > 1 and _closing_alone(pages[-1]):
            alone.append(f"{docx.name} (trang {len(pages)}: {' / '.join(pages[-1].split(chr(10))[:4])})")
    assert not alone, f"chế độ {regime}: trang cuối chỉ có Nơi nhận và chữ ký:\n" + "\n".join(alone)


def _page_number(text: str) -> int | None:
    """The number printed at the top (NĐ 30: centred in the header) or foot of a page; None when none."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in (lines[:1] + lines[-1:]) if lines else []:
        if ln.isdigit() and len(ln) <= 3:
            return int(ln)
    return None


@pytest.mark.parametrize("regime", REGIMES)
def test_bundle_page_numbers_restart_per_document(dossiers: dict[str, Any], regime: str) -> None:
    result = dossiers[regime]
    counts = [len(_pages(p.with_suffix(".pdf"))) for p in _documents(result)]
    numbers = [_page_number(text) for text in _pages(result.bundle.with_suffix(".pdf"))]
    assert len(numbers) >= sum(counts)
    unnumbered = sum(n is None for n in numbers)
    assert unnumbered >= len(counts), (
        f"chế độ {regime}: {unnumbered} trang không số cho {len(counts)} văn bản (trang đầu mỗi văn bản không "
        f"đánh số); số trang: {numbers}")
    assert max(n or 0 for n in numbers) <= max(counts), (
        f"chế độ {regime}: số trang chạy liền cả tệp gộp thay vì đánh lại từ 1 ở mỗi văn bản: {numbers}")
    for prev, cur in zip(numbers, numbers[1:]):
        if cur is not None:
            assert cur == (prev or 1) + 1, f"chế độ {regime}: số trang {numbers}"


def test_cli_report_pdf_writes_a_pdf_beside_each_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from thidua_xl import cli

    out = tmp_path / "ho_so"
    assert cli.main(["report", str(DEMO), "-o", str(out), "--pdf"]) == 0
    docx = sorted(out.rglob("*.docx"))
    pdfs = sorted(out.rglob("*.pdf"))
    assert docx and pdfs == sorted(p.with_suffix(".pdf") for p in docx)
    assert any(p.name.startswith("ho_so_de_nghi_") for p in pdfs)  # the whole dossier in one PDF
    assert f"Đã tạo {len(pdfs)} tệp PDF." in capsys.readouterr().out
