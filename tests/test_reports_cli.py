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
