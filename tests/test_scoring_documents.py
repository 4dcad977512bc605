"""The two documents of the year's emulation (issue 17, point 4), opened with python-docx: the per-phase summary
(sơ kết đợt) and the month's scoring table for the team meeting."""

from __future__ import annotations

from pathlib import Path

import docx

from tests import wbfactory
from tests.test_scoring import CASES, case_sheets
from thidua_xl.cli import main
from thidua_xl.reports.build_scoring_templates import BUILDERS, template_bytes

ROOT = Path(__file__).resolve().parents[1]


def _text(path: Path) -> tuple[str, list[list[str]]]:
    d = docx.Document(str(path))
    rows = [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    return "\n".join(p.text for p in d.paragraphs), rows


def test_committed_templates_are_generated() -> None:
    for name in BUILDERS:
        assert (ROOT / "templates" / name).read_bytes() == template_bytes(name), \
            "run: python -m thidua_xl.reports.build_scoring_templates"


def test_phase_summary_and_month_table(tmp_path: Path) -> None:
    path = wbfactory.write(tmp_path / "truong.xlsx", case_sheets(CASES[2]))
    out = tmp_path / "van_ban"
    assert main(["diem", str(path), "--khong-ghi", "--van-ban", str(out), "--dot", "2"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["bang_diem_thang_11-2024.docx", "so_ket_dot_2.docx"]
    text, rows = _text(out / "so_ket_dot_2.docx")
    assert "Sơ kết thi đua đợt 2 năm học 2024-2025" in text and "(từ 21/10/2024 đến 31/12/2024)" in text
    assert "Chủ đề đợt thi đua: Chào mừng 20/11." in text and "các tháng 11/2024" in text
    assert "XẾP LOẠI TỐT" in text and "{{" not in text and "None" not in text
    assert ["1", "Nguyễn Thị Hồng", "Tổ Toán", "90", "Tốt", "1"] in rows
    assert ["2", "Lê Thu Hà", "Tổ Văn", "88", "Tốt", "2"] in rows
    assert ["1", "Tổ Toán", "2", "90", "Tốt", "1"] in rows  # the team's mean of its members scored
    assert "Còn 02 lượt chưa có điểm tháng: Phạm Văn An (tháng 11/2024); Đỗ Minh Châu (tháng 11/2024)" in text
    text, rows = _text(out / "bang_diem_thang_11-2024.docx")
    assert "Tháng 11/2024, năm học 2024-2025" in text and "I. TỔ TOÁN" in text and "II. TỔ VĂN" in text
    assert ["1", "Nguyễn Thị Hồng", "100", "Hội đồng", "10", "", "90", "Tốt", "1"] in rows
    assert "Chưa có điểm: Phạm Văn An." in text and "Chưa có điểm: Đỗ Minh Châu." in text


def test_a_schools_own_template_is_used_first(tmp_path: Path) -> None:
    from thidua_xl.reports.build_scoring_templates import build_all

    own = tmp_path / "mau"
    build_all(own)
    d = docx.Document(str(own / "bang_diem_thang.docx"))
    d.add_paragraph("Mẫu riêng của trường {{ school.name }}")
    d.save(str(own / "bang_diem_thang.docx"))
    path = wbfactory.write(tmp_path / "truong.xlsx", case_sheets(CASES[0]))
    out = tmp_path / "vb"
    assert main(["diem", str(path), "--khong-ghi", "--van-ban", str(out), "--thang", "10", "--mau", str(own)]) == 0
    text, _ = _text(out / "bang_diem_thang_10-2024.docx")
    assert "Mẫu riêng của trường Trường THCS Thử Nghiệm" in text


def test_no_district_governing_body_after_july_2025(tmp_path: Path) -> None:
    """The governing body in the header is printed as the rule set of the document's date has it: a district's
    Phòng GD&ĐT until 30/06/2025, a blank to fill from 01/07/2025 (no district level), as in the dossier."""
    import dataclasses
    import datetime as dt

    from thidua_xl import api
    from thidua_xl.reports.scoring import build_scoring_documents

    data = api.read(wbfactory.write(tmp_path / "truong.xlsx", case_sheets(CASES[2])))
    data.info = dataclasses.replace(data.info, governing_body="Phòng GD&ĐT quận Long Biên")
    result = api.score(data)
    for day, expected in [(dt.date(2025, 6, 30), "PHÒNG GD&ĐT QUẬN LONG BIÊN"),
                          (dt.date(2025, 7, 25), "UBND XÃ/PHƯỜNG …")]:
        out = build_scoring_documents(data, result, tmp_path / day.isoformat(), phases=[2], today=day)
        header = docx.Document(str(out.files[0])).tables[0].rows[0].cells[0].text
        assert header.splitlines()[0] == expected, header
