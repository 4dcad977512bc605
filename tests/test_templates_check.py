"""``thidua templates check``: split tags, undefined variables, unclosed tags, syntax, hard-coded decrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_xl import cli
from thidua_xl.reports import blocks as b
from thidua_xl.reports import lint
from thidua_xl.reports.build_templates import bao_cao_ca_nhan, to_trinh


def _save(doc: object, folder: Path, name: str = "to_trinh.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def test_default_templates_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    findings, checked = lint.check_folder(None)
    assert findings == []
    assert len(checked) == 6
    assert cli.main(["templates", "check"]) == 0
    assert "không phát hiện lỗi (6 tệp)" in capsys.readouterr().out


def test_split_tag_is_caught_with_file_and_paragraph(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = to_trinh()
    p = b.paragraph(doc)
    b.run(p, "Kính gửi: {{ regime.")
    b.run(p, "authority }}", bold=True)  # Word split the tag when half of it was made bold
    _save(doc, tmp_path / "mau")
    findings, _ = lint.check_folder(tmp_path / "mau")
    (split,) = [f for f in findings if f.kind == "split"]
    assert split.template == "mau/to_trinh.docx"
    assert split.detail == "{{ regime.authority }}"
    assert split.paragraph is not None and split.paragraph > 1
    assert "Kính gửi: {{ regime.authority }}" in split.text
    assert f"đoạn {split.paragraph}" in split.message and "2 đoạn chữ (run)" in split.message
    assert cli.main(["templates", "check", str(tmp_path / "mau")]) == 1
    out = capsys.readouterr().out
    assert "mau/to_trinh.docx: đoạn" in out and "bị tách" in out and "1 lỗi" in out


def test_undefined_variables_are_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = to_trinh()
    b.body(doc, "Hiệu phó: {{ school.vice_principal }}; {{ khong_co }}")
    b.control(doc, "for t in titles")
    b.body(doc, "{{ t.label }}: {% for n in t.nominees %}{{ n.nam }}{% endfor %} {{ loop.index }}")
    b.control(doc, "endfor")
    b.body(doc, "{{ nominee.name }}")  # only the achievement report has nominee
    _save(doc, tmp_path / "mau")
    findings, _ = lint.check_folder(tmp_path / "mau")
    undefined = sorted(f.detail for f in findings if f.kind == "undefined")
    assert undefined == ["khong_co", "n.nam", "nominee", "school.vice_principal"]
    assert all(f.paragraph for f in findings)
    assert cli.main(["templates", "check", str(tmp_path / "mau")]) == 1
    assert "biến chưa định nghĩa 'school.vice_principal'" in capsys.readouterr().out


def test_nominee_is_defined_in_the_achievement_report(tmp_path: Path) -> None:
    doc = bao_cao_ca_nhan()
    b.body(doc, "{{ nominee.name_upper }} {{ nominee.hometown }}")
    _save(doc, tmp_path / "mau", "bao_cao_ca_nhan.docx")
    findings, _ = lint.check_folder(tmp_path / "mau")
    assert [f.detail for f in findings] == ["nominee.hometown"]


def test_unclosed_tag_and_syntax_error(tmp_path: Path) -> None:
    doc = to_trinh()
    b.body(doc, "Tên: {{ school.name ")
    _save(doc, tmp_path / "a")
    findings, _ = lint.check_folder(tmp_path / "a")
    assert [f.kind for f in findings] == ["unclosed"]

    doc = to_trinh()
    b.body(doc, "{% if titles %}mở mà không đóng")
    _save(doc, tmp_path / "b")
    findings, _ = lint.check_folder(tmp_path / "b")
    assert [f.kind for f in findings] == ["syntax"]
    assert "to_trinh.docx" in findings[0].message


def test_hard_coded_decree_is_a_warning_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = to_trinh()
    b.body(doc, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;")
    _save(doc, tmp_path / "mau")
    findings, _ = lint.check_folder(tmp_path / "mau")
    (f,) = findings
    assert f.kind == "superseded" and f.severity == "warning" and f.detail == "98/2023/NĐ-CP"
    assert "2017, 2025" in f.message
    assert cli.main(["templates", "check", str(tmp_path / "mau")]) == 0
    assert "Cảnh báo:" in capsys.readouterr().out


def test_missing_folder_exit_2(tmp_path: Path) -> None:
    assert cli.main(["templates", "check", str(tmp_path / "khong_co")]) == 2


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "mau"
    folder.mkdir()
    (folder / "danh_sach.docx").write_bytes(b"not a zip")
    findings, _ = lint.check_folder(folder)
    assert [f.kind for f in findings] == ["unreadable"]
