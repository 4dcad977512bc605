"""``thidua report`` and ``api.report`` end to end on the demo workbook (real reader, eligibility and tally)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from thidua_xl import api, cli

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
pytestmark = pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")


def _text(path: Path) -> str:
    doc = Document(str(path))
    return "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells)


def test_api_report_on_demo(tmp_path: Path) -> None:
    result = api.report(DEMO, tmp_path / "ho_so")
    assert result.regime == "2024" and result.certified is True
    assert result.authority == "Chủ tịch Ủy ban nhân dân quận Long Biên"
    assert result.bundle is not None and result.bundle.is_file()
    to_trinh = _text(result.files[0])
    assert "Trường THCS Ngọc Lâm" in to_trinh and "Nghị định số 98/2023/NĐ-CP" in to_trinh
    assert result.reports >= 1
    kiem_phieu = _text(result.files[3])
    data = api.read(DEMO)
    tallied = api.tally(data)
    assert tallied.hash in kiem_phieu


def test_cli_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o"
    assert cli.main(["report", str(DEMO), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "chế độ 2024" in printed and "Tệp gộp toàn bộ hồ sơ" in printed
    assert (out / "01_to_trinh.docx").is_file()


def test_cli_pdf_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    out = tmp_path / "o"
    assert cli.main(["report", str(DEMO), "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "Lỗi: Không tìm thấy LibreOffice" in err and "vẫn được tạo" in err
    assert (out / "01_to_trinh.docx").is_file()  # the Word files are written anyway


def test_cli_report_missing_file(tmp_path: Path) -> None:
    assert cli.main(["report", str(tmp_path / "khong_co.xlsx")]) == 2


def test_cli_report_bad_templates_folder(tmp_path: Path) -> None:
    assert cli.main(["report", str(DEMO), "-o", str(tmp_path / "o"), "--templates", str(tmp_path / "x")]) == 2


def test_progress_hook_counts_every_document(tmp_path: Path) -> None:
    """The progress bar's hook: one call per document made, ending at done == total == files written."""

    calls: list[tuple[int, int]] = []
    result = api.report(DEMO, tmp_path / "o", on_progress=lambda d, n: calls.append((d, n)))
    total = len(result.files)
    assert result.bundle in result.files and total == 4 + result.reports + 2
    assert calls == [(k, total) for k in range(1, total + 1)]


def _school_templates(folder: Path, line: str) -> Path:
    """A school's template folder whose tờ trình hard-codes ``line`` (a "Căn cứ" typed into the template)."""
    from thidua_xl.reports import blocks as b
    from thidua_xl.reports.build_templates import to_trinh

    folder.mkdir(parents=True, exist_ok=True)
    doc = to_trinh()
    b.body(doc, line)
    doc.save(str(folder / "to_trinh.docx"))
    return folder


def test_report_warns_when_a_school_template_cites_a_text_not_in_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import shutil

    from thidua_xl.excel.actions import run_action
    from thidua_xl.excel.book import FileBook

    line = "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ;"
    mau = _school_templates(tmp_path / "mau", line)
    out = tmp_path / "o"
    # the demo is 2024-2025 (regime 2024): NĐ 91/2017 ceased on 01/01/2024 — rendered, exit 0, but warned
    assert cli.main(["report", str(DEMO), "-o", str(out), "--templates", str(mau)]) == 0
    err = capsys.readouterr().err
    assert "Cảnh báo: Mẫu của trường — mau/to_trinh.docx" in err
    assert "'91/2017/NĐ-CP'" in err and "hết hiệu lực từ 01/01/2024" in err and "98/2023/NĐ-CP" in err
    manifest = json.loads((out / ".thidua_hoso.json").read_text(encoding="utf-8"))
    assert any("91/2017/NĐ-CP" in w for w in manifest["warnings"])
    assert "01_to_trinh.docx" in manifest["files"]
    # a text in force for that date is not warned about; nor is anything with the built-in templates
    ok = _school_templates(tmp_path / "mau2", "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023;")
    assert cli.main(["report", str(DEMO), "-o", str(tmp_path / "o2"), "--templates", str(ok)]) == 0
    assert "Mẫu của trường" not in capsys.readouterr().err
    clean = json.loads((tmp_path / "o2" / ".thidua_hoso.json").read_text(encoding="utf-8"))
    assert not any("Mẫu của trường" in w for w in clean["warnings"])
    # the ribbon: a "mau_ho_so" folder next to the workbook is the school's templates; the message warns
    book_dir = tmp_path / "excel"
    book_dir.mkdir()
    shutil.copy(DEMO, book_dir / "truong.xlsx")
    shutil.copytree(mau, book_dir / "mau_ho_so")
    message = run_action("dossier", FileBook(book_dir / "truong.xlsx"))
    assert "Cảnh báo về mẫu của trường" in message and "91/2017/NĐ-CP" in message
