"""``thidua templates check``: split tags, undefined variables, unclosed tags, syntax, hard-coded decrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from thidua_xl import cli
from thidua_xl.reports import blocks as b
from thidua_xl.reports import check_templates, lint
from thidua_xl.reports.build_templates import bao_cao_ca_nhan, to_trinh


def _save(doc: object, folder: Path, name: str = "to_trinh.docx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    doc.save(str(path))  # type: ignore[attr-defined]
    return path


def test_default_templates_are_clean(capsys: pytest.CaptureFixture[str]) -> None:
    findings, checked = check_templates(None)
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
    findings, _ = check_templates(tmp_path / "mau")
    (split,) = [f for f in findings if f.kind == "split"]
    assert split.template == "mau/to_trinh.docx"
    assert split.detail == "{{ regime.authority }}"
    assert split.paragraph is not None and split.paragraph > 1
    assert "Kính gửi: {{ regime.authority }}" in split.text
    assert f"đoạn {split.paragraph}" in split.message and "2 đoạn chữ (run)" in split.message
    # docxtpl joins the runs when rendering: a warning with the fix offered, not an error
    assert split.severity == "warning"
    assert cli.main(["templates", "check", str(tmp_path / "mau")]) == 0
    out = capsys.readouterr().out
    assert "Cảnh báo: mau/to_trinh.docx: đoạn" in out and "bị tách" in out
    assert "thidua templates fix" in out and "không có lỗi, 1 cảnh báo" in out


def test_undefined_variables_are_caught(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = to_trinh()
    b.body(doc, "Hiệu phó: {{ school.vice_principal }}; {{ khong_co }}")
    b.control(doc, "for t in titles")
    b.body(doc, "{{ t.label }}: {% for n in t.nominees %}{{ n.nam }}{% endfor %} {{ loop.index }}")
    b.control(doc, "endfor")
    b.body(doc, "{{ nominee.name }}")  # only the achievement report has nominee
    _save(doc, tmp_path / "mau")
    findings, _ = check_templates(tmp_path / "mau")
    undefined = sorted(f.detail for f in findings if f.kind == "undefined")
    assert undefined == ["khong_co", "n.nam", "nominee", "school.vice_principal"]
    assert all(f.paragraph for f in findings)
    assert cli.main(["templates", "check", str(tmp_path / "mau")]) == 1
    assert "biến chưa định nghĩa 'school.vice_principal'" in capsys.readouterr().out


def test_nominee_is_defined_in_the_achievement_report(tmp_path: Path) -> None:
    doc = bao_cao_ca_nhan()
    b.body(doc, "{{ nominee.name_upper }} {{ nominee.shoe_size }}")
    _save(doc, tmp_path / "mau", "bao_cao_ca_nhan.docx")
    findings, _ = check_templates(tmp_path / "mau")
    assert [f.detail for f in findings] == ["nominee.shoe_size"]


def test_unclosed_tag_and_syntax_error(tmp_path: Path) -> None:
    doc = to_trinh()
    b.body(doc, "Tên: {{ school.name ")
    _save(doc, tmp_path / "a")
    findings, _ = check_templates(tmp_path / "a")
    assert [f.kind for f in findings] == ["unclosed"]

    doc = to_trinh()
    b.body(doc, "{% if titles %}mở mà không đóng")
    _save(doc, tmp_path / "b")
    findings, _ = check_templates(tmp_path / "b")
    assert [f.kind for f in findings] == ["syntax"]
    assert "to_trinh.docx" in findings[0].message


def test_hard_coded_decree_is_a_warning_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = to_trinh()
    b.body(doc, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;")
    _save(doc, tmp_path / "mau")
    findings, _ = check_templates(tmp_path / "mau")
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
    findings, _ = check_templates(folder)
    assert [f.kind for f in findings] == ["unreadable"]


def _render_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    return "\n".join(p.text for p in d.paragraphs)


def test_curly_quotes_and_split_tags_render_warn_and_are_fixed(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from thidua_xl.reports import load_templates

    doc = to_trinh()
    p = b.paragraph(doc)
    b.run(p, "Nơi gửi: {{ regime.")
    b.run(p, "authority }} hết.", bold=True)
    b.body(doc, "Kiểu: {{ “có” if titles else ‘không’ }}.")  # Word's AutoFormat turned the quotes curly
    src = _save(doc, tmp_path / "mau")
    original = src.read_bytes()
    findings, _ = check_templates(tmp_path / "mau")
    assert sorted(f.kind for f in findings) == ["quotes", "split"]
    assert all(f.severity == "warning" for f in findings)
    # what `check` accepts, `report` renders: the tag with curly quotes is read as docxtpl reads it
    blob, _ = load_templates(tmp_path / "mau")["to_trinh.docx"].render(
        {"regime": {"authority": "UBND phường X"}, "titles": [1]})
    (tmp_path / "r.docx").write_bytes(blob)
    text = _render_text(tmp_path / "r.docx")
    assert "Nơi gửi: UBND phường X hết." in text and "Kiểu: có." in text

    assert cli.main(["templates", "fix", str(tmp_path / "mau")]) == 0
    out = capsys.readouterr().out
    assert "đã sửa 2 thẻ" in out and "to_trinh.ban_goc.docx" in out
    assert (tmp_path / "mau" / "to_trinh.ban_goc.docx").read_bytes() == original  # the original kept
    assert check_templates(tmp_path / "mau")[0] == []
    fixed = _render_text(src)
    assert "Nơi gửi: {{ regime.authority }} hết." in fixed and "Kiểu: {{ \"có\" if titles else 'không' }}." in fixed
    # the text outside the tags and the bold run are kept; a second fix changes nothing and keeps no backup
    assert cli.main(["templates", "fix", str(src)]) == 0
    assert "không có gì cần sửa" in capsys.readouterr().out
    assert not (tmp_path / "mau" / "to_trinh.ban_goc_2.docx").exists()


def test_fix_needs_an_existing_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["templates", "fix", str(tmp_path / "khong_co")]) == 2
    (tmp_path / "trong").mkdir()
    assert cli.main(["templates", "fix", str(tmp_path / "trong")]) == 2
    assert "Không có mẫu nào" in capsys.readouterr().err


def test_not_in_force_on_the_consideration_date() -> None:
    import datetime as dt

    doc = to_trinh()
    b.body(doc, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;")
    import io

    buf = io.BytesIO()
    doc.save(buf)
    late = lint.check_template("to_trinh.docx", buf.getvalue(), on=dt.date(2025, 9, 1))
    (f,) = late
    assert f.kind == "not_in_force" and f.severity == "warning" and f.detail == "98/2023/NĐ-CP"
    assert "01/09/2025" in f.message and "hết hiệu lực từ 01/07/2025" in f.message and "152/2025" in f.message
    early = lint.check_template("to_trinh.docx", buf.getvalue(), on=dt.date(2023, 9, 1))
    assert [x.kind for x in early] == ["not_in_force"] and "có hiệu lực từ 01/01/2024" in early[0].message
    assert lint.check_template("to_trinh.docx", buf.getvalue(), on=dt.date(2024, 9, 1)) == []
