"""Issue 18 (1, 2, 6): the dossier's layout at its source, the bundle as sections, less left blank.

Real .docx files are rendered from hand-made data and opened with python-docx; the XML that decides the
layout (widths, sections, language, highlight) is read back.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from tests.test_reports import (
    build,
    doc_path,
    make_checked,
    make_data,
    make_tallied,
    reports_of,
    tables,
    text,
)
from thidua_xl import reports
from thidua_xl.core.model import Achievement, AchievementKind, Level
from thidua_xl.core.rules import ruleset_for
from thidua_xl.reports import blocks as b
from thidua_xl.reports import build_templates as bt
from thidua_xl.reports.context import count_text, running_case, time_text


def _dossier(tmp_path: Path, data=None):  # type: ignore[no-untyped-def]
    data = data or make_data()
    rules = ruleset_for(data.info.school_year)
    return reports.build_dossier(data, rules, make_checked(data), make_tallied(data), tmp_path / "o"), data


# ---------------------------------------------------------------- 1. column widths from the content


def test_dates_percentages_and_header_words_fit_their_columns() -> None:
    for columns, size in ((bt.PERSON_COLUMNS, 11), (bt.CANDIDATE_COLUMNS, 11), (bt.REG_PEOPLE_COLUMNS, 11),
                          (bt.TEAM_COLUMNS, 12), (bt.HISTORY_COLUMNS, 12), (bt.INITIATIVE_COLUMNS, 11)):
        widths = b.fit_widths(columns, size)
        assert widths is not None, columns  # fits the portrait page
        assert abs(sum(widths) - b.CONTENT_WIDTH_MM) < 0.5
        for col, w in zip(columns, widths):
            inner = w - b.CELL_PADDING_MM
            assert b.text_width_mm(col.sample, size) <= inner, (col.header, w)
            for word in col.header.split():
                assert b.text_width_mm(word, size, bold=True) <= inner, (word, w)
    # the estimate is an upper bound of real widths: "10/12/1984" at 11 pt is about 17 mm in Times New Roman
    assert 16 < b.text_width_mm("10/12/1984", 11) < 19


def test_a_table_too_wide_for_portrait_gets_a_landscape_section() -> None:
    doc = b.new_document()
    wide = [b.Column(f"Cột số {i}", "{{ x }}", 10, sample="00/00/0000") for i in range(9)]
    b.loop_table(doc, wide, "x in xs", size=11)
    sections = doc.sections
    assert len(sections) == 3
    assert sections[1].page_width > sections[1].page_height  # landscape
    assert sections[2].page_width < sections[2].page_height  # back to portrait


def test_candidate_remarks_are_a_row_across_the_table(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    table = next(tb for tb in tables(doc_path(result, "04_")) if tb[0][:2] == ["STT", "Họ và tên"])
    assert "Ghi chú" not in table[0]
    notes = [row for row in table if row[0].startswith("Ghi chú: ")]
    assert notes and all(len(set(row)) == 1 for row in notes)  # one merged cell


def test_styles_are_vietnamese_for_spelling(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    with zipfile.ZipFile(doc_path(result, "01_")) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert 'w:lang w:val="vi-VN"' in styles and "en-US" not in styles


def test_last_paragraph_is_kept_with_the_signature(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    for prefix in ("01_", "06_"):
        doc = Document(str(doc_path(result, prefix)))
        body = doc.element.body
        last_table = body.findall(qn("w:tbl"))[-1]
        before = [el for el in last_table.itersiblings(preceding=True) if el.tag == qn("w:p")][:2]
        texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in before]
        assert any(texts), prefix  # body text right before the signature
        for p in before:
            assert p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None, prefix


def test_counts_have_one_format_and_recipients_ordinary_casing(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    assert count_text(5) == "05" and count_text(51) == "51"
    assert "(04 cá nhân)" in text(doc_path(result, "02_"))
    assert "04 cá nhân" in text(doc_path(result, "01_"))
    reg = text(doc_path(result, "06_"))
    assert "(03 người)" in reg and "(01 tập thể)" in reg and "Tổng cộng: 03 cá nhân và 01 tập thể" in reg
    assert "- UBND phường Long Biên (để báo cáo);" in reg or "- UBND quận Long Biên (để báo cáo);" in reg
    assert running_case("UBND QUẬN LONG BIÊN") == "UBND quận Long Biên"
    assert running_case("Phòng GDĐT quận Long Biên") == "Phòng GDĐT quận Long Biên"  # typed: kept


def test_signers_names_on_one_line(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    doc = Document(str(reports_of(result)[0]))
    left, right = doc.tables[-1].rows[0].cells
    lines = [[p.text for p in c.paragraphs] for c in (left, right)]
    assert lines[0][-1] == "Trần Văn Bình" and lines[1][-1]  # the principal; the nominee
    assert len(lines[0]) == len(lines[1])  # as many lines above each name: the names share a line


def test_emulation_titles_table_only_from_the_report_period(tmp_path: Path) -> None:
    data = make_data()
    from thidua_xl.core.model import HistoryRecord, Rating, Title

    data.history.append(HistoryRecord("GV01", "2015-2016", Rating.HTXSNV, Title.LDTT, "9/QĐ-UBND", None, "UBND"))
    result, _ = _dossier(tmp_path, data)
    report = next(p for p in reports_of(result) if "Nguyen_Thi_Hong" in p.name)
    assert "2015-2016" not in text(report)


# ---------------------------------------------------------------- 2. the bundle as sections


def test_bundle_one_section_per_document_numbers_restart_with_a_cover_index(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    doc = Document(str(result.bundle))
    documents = len(result.files) - 1
    sections = doc.element.body.findall(f".//{qn('w:sectPr')}")
    assert len(sections) == documents + 1  # the cover, then one per document
    for sect in sections:
        assert sect.find(qn("w:titlePg")) is not None  # no number on a first page
        assert sect.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert sect.find(qn("w:headerReference")) is not None
    index = doc.tables[0]
    assert [c.text for c in index.rows[0].cells] == ["STT", "Văn bản", "Số trang"]
    assert len(index.rows) == documents + 1
    assert index.rows[1].cells[1].text == "Tờ trình đề nghị công nhận danh hiệu thi đua"
    assert any("Báo cáo thành tích – Nguyễn Thị Hồng" in r.cells[1].text for r in index.rows)
    xml = index._tbl.xml
    assert xml.count("PAGEREF thidua_doc_") == documents
    names = {el.get(qn("w:name")) for el in doc.element.body.iter(qn("w:bookmarkStart"))}
    assert {f"thidua_doc_{i}_end" for i in range(documents)} <= names


# ---------------------------------------------------------------- 6. less left blank


def _highlighted(path: Path) -> list[str]:
    doc = Document(str(path))
    return [p.text for p in doc.paragraphs if any(r.font.highlight_color is not None for r in p.runs)]


def test_report_fills_personal_facts_and_achievements_when_recorded(tmp_path: Path) -> None:
    data = make_data()
    p = data.staff_by_id()["GV01"]
    p.hometown, p.residence = "Xã Đông Hội, Đông Anh, Hà Nội", "Phường Ngọc Lâm, Hà Nội"
    p.qualification, p.political_theory, p.academic_titles = "Đại học Sư phạm Toán", "Trung cấp", "Thạc sĩ"
    data.achievements.append(Achievement("GV01", "Giải Nhì Hội thi giáo viên dạy giỏi cấp quận",
                                         AchievementKind.PHONG_TRAO, Level.HUYEN, "88/QĐ-UBND", None,
                                         "UBND quận Long Biên", data.info.school_year))
    result, _ = _dossier(tmp_path, data)
    filled = next(p for p in reports_of(result) if "Nguyen_Thi_Hong" in p.name)
    body = text(filled)
    assert "- Quê quán: Xã Đông Hội, Đông Anh, Hà Nội; nơi thường trú: Phường Ngọc Lâm, Hà Nội." in body
    assert "trình độ lý luận chính trị: Trung cấp." in body and "giải thưởng: Thạc sĩ." in body
    assert "- Giải Nhì Hội thi giáo viên dạy giỏi cấp quận (cấp huyện/xã, Số 88/QĐ-UBND, UBND quận Long Biên)." \
        in body
    marked = _highlighted(filled)
    assert not any(x.startswith(("- Quê quán", "- Trình độ", "- Học hàm", "[Nêu kết quả")) for x in marked)
    # another nominee without them keeps the highlighted places
    other = next(p for p in reports_of(result) if "Nguyen_Thi_Hong" not in p.name)
    marked = _highlighted(other)
    assert "- Quê quán: …; nơi thường trú: …." in marked and any(x.startswith("[Nêu kết quả") for x in marked)


def test_minutes_fill_counting_board_and_times_when_recorded(tmp_path: Path) -> None:
    data = make_data()
    data.info.meeting_start, data.info.meeting_end, data.info.counting_end = "8:00", "10h30", "9 giờ 45"
    data.council[2].counting_role = "Trưởng ban"
    data.council[3].counting_role = "Thành viên"
    result, _ = _dossier(tmp_path, data)
    kp = text(doc_path(result, "04_"))
    assert "- Nguyễn Thị Hồng – Trưởng ban;\n- Phạm Văn An – Thành viên." in kp
    assert "lập xong lúc 9 giờ 45 phút" in kp and "[Ghi họ tên" not in kp
    assert kp.rstrip().endswith("Nguyễn Thị Hồng") and "Phạm Văn An\nTRƯỞNG BAN" in kp
    hop = text(doc_path(result, "03_"))
    assert "Thời gian: 8 giờ 00 phút," in hop and "kết thúc vào 10 giờ 30 phút" in hop
    # absent: the blanks stay
    result, _ = _dossier(tmp_path / "b")
    kp = text(doc_path(result, "04_"))
    assert "[Ghi họ tên, chức vụ của Trưởng ban" in kp and "lập xong lúc … giờ … phút" in kp
    assert time_text("0.3541666") == "8 giờ 30 phút" and time_text("sáng") == "sáng"


def test_workbook_columns_round_trip(tmp_path: Path) -> None:
    """The optional columns are written by the template generator and read back from a real .xlsx."""
    from thidua_xl.workbook.demo import build_demo
    from thidua_xl.workbook.reader import read_workbook
    from thidua_xl.workbook.template import write_template

    path = write_template(tmp_path / "demo.xlsx", build_demo())
    data = read_workbook(path)
    p = data.staff_by_id()["GV001"]
    assert p.hometown.startswith("Xã Đông Hội") and p.political_theory == "Trung cấp"
    assert data.staff_by_id()["GV040"].qualification == ""
    assert [m.counting_role for m in data.council if m.counting_role] == ["Trưởng ban", "Thành viên", "Thành viên"]
    assert (data.info.meeting_start, data.info.meeting_end, data.info.counting_end) == ("8:00", "10:30", "9:45")
