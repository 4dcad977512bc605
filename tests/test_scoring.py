"""Scoring through the year (issue 17): the hand-computed cases of tests/cases/scoring.yaml, each written as a
real .xlsx and read back by the real reader; the reader's located errors; the results sheets and `thidua diem`."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import wbfactory
from thidua_xl import api
from thidua_xl.cli import main
from thidua_xl.workbook import schema as s

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "scoring.yaml").read_text(encoding="utf-8"))["cases"]
SCORE_HEADER = ["Mã CB", "Tháng", "Đợt", "Mã tiêu chí", "Tự chấm", "Tổ chấm", "Hội đồng chấm", "Điểm trừ", "Điểm cộng"]


def month(text: str) -> dt.date:
    mm, yyyy = text.split("/")
    return dt.date(int(yyyy), int(mm), 1)


def case_sheets(case: dict[str, Any]) -> dict[str, list[list[Any]]]:
    sheets = wbfactory.base_sheets()
    staff = sheets[s.STAFF.name]
    col = staff[0].index("Ngày tuyển dụng")
    for row in staff[1:]:
        if row[0] in (case.get("recruited") or {}):
            row[col] = case["recruited"][row[0]]
    sheets[s.SCORES.name] = [SCORE_HEADER] + [list(r) for r in case["scores"]]
    if case.get("criteria"):
        sheets[s.CRITERIA.name] = [["Mã tiêu chí", "Tiêu chí", "Nhóm", "Điểm tối đa", "Trọng số"], *case["criteria"]]
    if case.get("phases"):
        sheets[s.PHASES.name] = [["Đợt", "Từ ngày", "Đến ngày", "Chủ đề"], *case["phases"]]
    if case.get("bands"):
        sheets[s.BANDS.name] = [["Từ điểm", "Xếp loại"], *case["bands"]]
    return sheets


def frac(text: Any) -> Fraction | None:
    return None if text is None else Fraction(str(text))


@pytest.mark.parametrize("case", CASES, ids=[c["name"][:60] for c in CASES])
def test_scoring_case(case: dict[str, Any], tmp_path: Path) -> None:
    path = wbfactory.write(tmp_path / "truong.xlsx", case_sheets(case))
    data = api.read(path)
    assert data.errors == []
    result = api.score(data)
    exp = case["expect"]
    if "bands_origin" in exp:
        assert result.bands.origin == exp["bands_origin"]
    if "ceiling" in exp:
        assert result.ceiling == exp["ceiling"]
    for text, n in (exp.get("month_phase") or {}).items():
        assert result.month_phase[month(text)] == n
    for sid, want in exp["people"].items():
        p = result.person(sid)
        assert p is not None, sid
        if "months" in want:
            got = {f"{m:%m/%Y}": [ms.total, ms.source] for m, ms in p.months.items()}
            assert got == {k: [Fraction(v[0]), v[1]] for k, v in want["months"].items()}, sid
        if "year" in want:
            assert p.year == frac(want["year"]), sid
        for key in ("suggested", "rank_team", "rank_school"):
            if key in want:
                assert getattr(p, key) == want[key], (sid, key)
        if "missing" in want:
            assert [f"{m:%m/%Y}" for m in p.missing] == want["missing"], sid
        if "not_council" in want:
            assert [f"{m:%m/%Y}" for m in p.not_council] == want["not_council"], sid
        for n, total in (want.get("phases") or {}).items():
            assert p.phases[int(n)].total == frac(total), (sid, n)
    if "order" in exp:
        assert [p.staff_id for p in result.people] == exp["order"]
    for text, ranks in (exp.get("month_ranks") or {}).items():
        assert {sid: result.person(sid).months[month(text)].rank_school for sid in ranks} == ranks
    for text, order in (exp.get("month_order") or {}).items():
        from thidua_xl.views.scoring import month_rows

        assert [p.staff_id for p, ms in month_rows(result, month(text)) if ms is not None] == order
    for n, ids in (exp.get("phase_lists") or {}).items():
        assert [p.staff_id for p in result.phase_list(int(n))] == ids
    for sid, bands in (exp.get("phase_bands") or {}).items():
        assert {n: result.person(sid).phases[int(n)].band for n in bands} == {n: b for n, b in bands.items()}
    for team, want in (exp.get("teams") or {}).items():
        ts = next(x for x in result.teams if x.team == team)
        assert ts.year == frac(want["year"]) and ts.rank == want["rank"], team


def test_a_workbook_without_the_new_sheets_reads_as_before(tmp_path: Path) -> None:
    path = wbfactory.write(tmp_path / "truong.xlsx")
    data = api.read(path)
    assert data.errors == [] and data.scores == [] and data.calendar == [] and data.phases == []
    assert main(["diem", str(path), "--khong-ghi"]) == 2


def test_reader_locates_bad_score_rows(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    sheets[s.CRITERIA.name] = [["Mã tiêu chí", "Tiêu chí", "Điểm tối đa"], ["TC1", "Chuyên môn", 40]]
    sheets[s.PHASES.name] = [["Đợt", "Từ ngày", "Đến ngày"], [1, "01/08/2024", "20/10/2024"]]
    sheets[s.SCORES.name] = [
        SCORE_HEADER,
        ["GV999", "09/2024", None, None, None, None, 90, None, None],  # row 2: unknown person
        ["GV001", "13/2024", None, None, None, None, 90, None, None],  # row 3: no such month
        ["GV001", None, None, None, None, None, 90, None, None],  # row 4: neither month nor phase
        ["GV001", "09/2024", None, "TC9", None, None, 30, None, None],  # row 5: unknown criterion
        ["GV001", "09/2024", None, "TC1", None, None, 45, None, None],  # row 6: above the criterion's maximum
        ["GV001", "09/2024", None, "TC1", None, None, 35, None, None],  # row 7: duplicate of row 6
        ["GV001", None, 3, None, None, None, 80, None, None],  # row 8: no phase 3
        ["GV002", "09/2024", None, None, None, None, "chín", None, None],  # row 9: not a number
        ["GV002", "09/2025", None, None, None, None, 90, None, None],  # row 10: outside the school year
    ]
    data = api.read(wbfactory.write(tmp_path / "x.xlsx", sheets))
    found = {(p.row, p.code, p.severity) for p in data.problems if p.sheet == s.SCORES.name}
    assert {(2, "UNKNOWN_PERSON", "error"), (3, "BAD_VALUE", "error"), (4, "MISSING_VALUE", "error"),
            (5, "UNKNOWN_CRITERION", "error"), (6, "OVER_MAX", "warning"), (7, "DUPLICATE_SCORE", "error"),
            (8, "UNKNOWN_PHASE", "error"), (9, "BAD_VALUE", "error"), (10, "MONTH_OUTSIDE_YEAR", "warning")} <= found
    bad = next(p for p in data.problems if p.row == 3 and p.sheet == s.SCORES.name)
    assert bad.column.startswith("B (Tháng") and "13/2024" in bad.message and bad.suggestion


def test_months_typed_many_ways(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    sheets[s.SCORES.name] = [SCORE_HEADER,
                             ["GV001", 9, None, None, None, None, 90, None, None],
                             ["GV002", "T10", None, None, None, None, 90, None, None],
                             ["GV003", dt.date(2024, 11, 5), None, None, None, None, 90, None, None],
                             ["GV004", "tháng 12 năm 2024", None, None, None, None, 90, None, None],
                             ["GV001", "01/2025", None, None, None, None, 90, None, None]]
    data = api.read(wbfactory.write(tmp_path / "x.xlsx", sheets))
    assert data.errors == []
    assert [e.month for e in data.scores] == [dt.date(2024, 9, 1), dt.date(2024, 10, 1), dt.date(2024, 11, 1),
                                              dt.date(2024, 12, 1), dt.date(2025, 1, 1)]


def test_thidua_diem_writes_the_results_and_never_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    from openpyxl import load_workbook

    case = CASES[0]
    path = wbfactory.write(tmp_path / "truong.xlsx", case_sheets(case))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "kq.xlsx"
    assert main(["diem", str(path), "-o", str(out), "--thang", "9"]) == 0
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    wb = load_workbook(out)
    assert {"Kết quả chấm điểm", "Chấm điểm theo tổ", "Điểm tháng 09-2024"} <= set(wb.sheetnames)
    ws = wb["Kết quả chấm điểm"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    header = rows[2]
    body = {r[0]: dict(zip(header, r)) for r in rows[3:] if r and r[0] and str(r[0]).startswith("GV")}
    assert body["GV001"]["Điểm TB năm"] == pytest.approx(92.33)
    assert body["GV001"]["Xếp loại gợi ý (Hội đồng xác nhận)"] == "Hoàn thành xuất sắc"
    assert body["GV003"]["Tháng thiếu điểm"] == "11/2024"
    assert body["GV002"]["T09/2024"] == 100
    # the rating column of the user's Cán bộ sheet is never written: the input is byte-identical (above)
    capsys.readouterr()
    assert main(["diem", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    people = {p["ma"]: p for p in doc["ca_nhan"]}
    assert people["GV001"]["xep_loai_goi_y"] == "Hoàn thành xuất sắc"
    assert people["GV001"]["thang"]["2024-10"]["nguon"] == "team"
    assert people["GV003"]["thang_thieu_diem"] == ["2024-11"]


def test_thidua_diem_one_phase(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = wbfactory.write(tmp_path / "truong.xlsx", case_sheets(CASES[2]))
    assert main(["diem", str(path), "--dot", "2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [d["dot"] for d in doc["dot"]] == [2] and doc["dot"][0]["danh_sach_khen"] == ["GV001", "GV003"]
    assert main(["diem", str(path), "--dot", "7", "--khong-ghi"]) == 2
