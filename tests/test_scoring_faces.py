"""Scoring through the year on every face (issue 17, point 2): the TDKT_ functions agree with api.score, the
ribbon button "Chấm điểm" writes its sheets and only them, the notebook view and the charts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import wbfactory
from tests.test_scoring import CASES, case_sheets
from tests.test_scoring_calendar import calendar_rows
from thidua_xl import api
from thidua_xl.cli import main
from thidua_xl.excel import udfs
from thidua_xl.excel.actions import run_action
from thidua_xl.excel.book import FileBook
from thidua_xl.views.scoring import points
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.schema import RESULT_SHEETS

USED = (s.INFO.name, s.TEAMS.name, s.STAFF.name, s.SCORES.name, s.CRITERIA.name, s.PHASES.name, s.BANDS.name)


@pytest.fixture
def sheets() -> dict[str, list[list[object]]]:
    return case_sheets(CASES[2])  # criteria with weights, the school's bands, two phases


def test_worksheet_functions_agree_with_api(sheets: dict[str, list[list[object]]]) -> None:
    ranges = [rows for name, rows in sheets.items() if name in USED]
    result = api.score(api.read(sheets))
    for p in result.people:
        for m, ms in p.months.items():
            assert udfs.TDKT_DIEM(p.staff_id, m.strftime("%m/%Y"), "", *ranges) == points(ms.total)
            assert udfs.TDKT_XEP_LOAI_DIEM(p.staff_id, m.month, "", *ranges) == ms.band
        for n, ps in p.phases.items():
            assert udfs.TDKT_DIEM(p.staff_id, f"Đợt {n}", "", *ranges) == points(ps.total)
            assert udfs.TDKT_XEP_LOAI_DIEM(p.staff_id, f"D{n}", "", *ranges) == ps.band
        if p.year is not None:
            assert udfs.TDKT_DIEM(p.staff_id, "", "", *ranges) == points(p.year)
            assert udfs.TDKT_XEP_LOAI_DIEM(p.staff_id, None, "", *ranges) == p.suggested
    assert udfs.TDKT_DIEM("GV003", "", "", *ranges) == 77.67  # 233/3, half up
    assert udfs.TDKT_DIEM("GV002", "09/2024", "", *ranges) == "#N/A"  # no score that month
    assert udfs.TDKT_DIEM("GV999", "", "", *ranges) == "#N/A"
    assert udfs.TDKT_DIEM("GV001", "tháng mười ba", "", *ranges) == "#VALUE!"


def test_ribbon_button_writes_its_sheets_and_leaves_the_input_alone(sheets: dict[str, list[list[object]]],
                                                                    tmp_path: Path) -> None:
    sheets[s.CALENDAR.name] = calendar_rows()
    path = wbfactory.write(tmp_path / "truong.xlsx", sheets)
    book = FileBook(path)
    before = book.read_tables()
    text = run_action("score", book)
    assert text.startswith("Đã chấm điểm 4 người, 3 tháng") and "Lịch thi đua:" in text
    from openpyxl import load_workbook

    names = load_workbook(path, read_only=True).sheetnames
    for key in ("scoring", "scoring_phases", "scoring_lists", "scoring_teams", "calendar"):
        assert RESULT_SHEETS[key] in names
    assert FileBook(path).read_tables() == before  # the input sheets are unchanged
    plain = wbfactory.write(tmp_path / "khong_diem.xlsx")
    text = run_action("score", FileBook(plain))
    assert "chưa có trang Điểm" in text
    assert RESULT_SHEETS["scoring"] not in load_workbook(plain, read_only=True).sheetnames


def test_notebook_view_and_dataframe(sheets: dict[str, list[list[object]]]) -> None:
    import thidua_xl
    from thidua_xl.notebook import to_html

    result = api.score(api.read(sheets))
    html = to_html(result)
    assert "Nguyễn Thị Hồng" in html and "Xếp loại gợi ý" in html and "Tổ Toán" in html
    df = thidua_xl.to_dataframe(result)
    assert list(df["Mã CB"]) == [p.staff_id for p in result.people]
    assert df.loc[df["Mã CB"] == "GV001", "Điểm TB năm"].item() == 88
    from thidua_xl.notebook.scoring import scoring_frame

    months = scoring_frame(result, "months")
    assert len(months) == sum(len(p.months) for p in result.people)


def test_charts_carry_their_numbers(sheets: dict[str, list[list[object]]], tmp_path: Path) -> None:
    from thidua_xl.charts import read_png_data

    path = wbfactory.write(tmp_path / "truong.xlsx", sheets)
    out = tmp_path / "bieu_do"
    assert main(["diem", str(path), "--khong-ghi", "--chart", str(out)]) == 0
    heat = read_png_data(out / "diem_xep_loai_theo_thang.png")
    assert heat["bands"] == ["Tốt", "Khá", "Cần cố gắng"] and heat["months"] == ["09/2024", "10/2024", "11/2024"]
    rows = dict(zip(heat["people"], heat["cells"]))
    assert rows["GV001 Nguyễn Thị Hồng"] == [0, 1, 0]  # 94 Tốt, 80 Khá, 90 Tốt
    assert rows["GV002 Phạm Văn An"] == [-1, -1, -1]  # no score
    lines = read_png_data(out / "diem_binh_quan_to.png")
    assert lines["teams"]["Tổ Toán"] == [94.0, 80.0, 90.0]
    json.dumps(lines)


def test_a_month_under_every_band_has_its_own_colour_in_the_heat_map(sheets: dict[str, list[list[object]]]) -> None:
    """A school's bands without a 0 floor: a month scored under the lowest floor is not drawn as that band."""
    from thidua_xl.charts import bands_heatmap_data

    bands = sheets[s.BANDS.name]
    sheets[s.BANDS.name] = [bands[0], max(bands[1:], key=lambda row: float(row[0]))]  # only "from 85: Tốt"
    result = api.score(api.read(sheets))
    data = bands_heatmap_data(result)
    under = len(data.bands) - 1
    assert data.bands[-1] == "Dưới mọi mức xếp loại"
    assert any(under in row for row in data.cells)
    for p, row in zip(result.people, data.cells):
        for m, cell in zip(result.months, row):
            if m in p.months and p.months[m].band == "":
                assert cell == under
