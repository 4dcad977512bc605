"""A school's own column headers: one error per missing column (no follow-on errors in other sheets), the
"Ánh xạ cột" sheet (in the workbook or in <name>_anhxa.xlsx beside it) and ``thidua map FILE``."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests import wbfactory
from thidua_xl import cli
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.mapping import sidecar_path
from thidua_xl.workbook.reader import read_workbook


def _own_headers() -> dict[str, list[list[Any]]]:
    sheets = wbfactory.base_sheets()
    header = sheets[s.STAFF.name][0]
    header[header.index("Mã CB")] = "Số hiệu GV"
    header[header.index("Xếp loại")] = "Kết quả đánh giá"
    sheets[s.INFO.name][0][0] = "Tên cơ sở giáo dục"
    return sheets


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_missing_column_is_one_error_not_one_per_row(tmp_path: Path) -> None:
    data = read_workbook(wbfactory.write(tmp_path / "a.xlsx", _own_headers()))
    assert Counter((p.sheet, p.code) for p in data.errors) == {
        ("Cán bộ", "MISSING_COLUMN"): 2, ("Thông tin chung", "MISSING_VALUE"): 1}
    p = next(p for p in data.errors if p.column == "Mã CB")
    assert "Ánh xạ cột" in p.suggestion and "thidua map" in p.suggestion


def test_a_team_sheet_that_matches_nothing_is_one_error(tmp_path: Path) -> None:
    sheets = wbfactory.base_sheets()
    sheets[s.TEAMS.name][0] = ["Đơn vị", "Người phụ trách", "Kết quả"]
    data = read_workbook(wbfactory.write(tmp_path / "b.xlsx", sheets))
    assert [(p.sheet, p.code) for p in data.errors] == [("Tổ", "NO_HEADER")]


def test_the_mapping_sheet_in_the_workbook(tmp_path: Path) -> None:
    sheets = _own_headers()
    sheets[s.COLUMN_MAP.name] = [
        ["Trang", "Tiêu đề của trường", "Cột chuẩn"],
        ["Cán bộ", "Số hiệu GV", "Mã CB"],
        ["can bo", "KẾT QUẢ ĐÁNH GIÁ", "Đánh giá"],  # any case, accents kept, an alias of the standard column
        ["Thông tin chung", "Tên cơ sở giáo dục", "Tên trường"],
        ["Cán bộ", "Cột không dùng", ""],  # left empty: not used
    ]
    data = read_workbook(wbfactory.write(tmp_path / "c.xlsx", sheets))
    assert data.errors == []
    plain = read_workbook(wbfactory.write(tmp_path / "plain.xlsx"))
    assert [(p.id, p.full_name, p.rating) for p in data.staff] == [
        (p.id, p.full_name, p.rating) for p in plain.staff]
    assert data.info.school_name == plain.info.school_name


def test_bad_mapping_rows_are_located(tmp_path: Path) -> None:
    sheets = _own_headers()
    sheets[s.COLUMN_MAP.name] = [
        ["Trang", "Tiêu đề của trường", "Cột chuẩn"],
        ["Giáo viên", "Số hiệu GV", "Mã CB"],
        ["Cán bộ", "Số hiệu GV", "Mã tổ"],
        ["Cán bộ", "Kết quả đánh giá", "Xếp loại"],
        ["Cán bộ", "Kết quả đánh giá", "Giới tính"],
    ]
    data = read_workbook(wbfactory.write(tmp_path / "d.xlsx", sheets))
    bad = {(p.row, p.column): p for p in data.errors if p.sheet == s.COLUMN_MAP.name}
    assert set(bad) == {(2, "A (Trang)"), (3, "C (Cột chuẩn)"), (5, "B (Tiêu đề của trường)")}
    assert "Cán bộ" in bad[(2, "A (Trang)")].suggestion
    assert "Mã CB" in bad[(3, "C (Cột chuẩn)")].suggestion
    assert "dòng 4" in bad[(5, "B (Tiêu đề của trường)")].message


def test_thidua_map_writes_the_mapping_beside_the_workbook_and_every_run_uses_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook  # heavy: only the tests that open a real .xlsx

    monkeypatch.setenv("COLUMNS", "120")
    path = wbfactory.write(tmp_path / "truong.xlsx", _own_headers())
    before = _sha(path)
    assert cli.main(["validate", str(path)]) == 2
    capsys.readouterr()

    assert cli.main(["map", str(path)]) == 0
    out = capsys.readouterr().out
    side = sidecar_path(path)
    assert side == tmp_path / "truong_anhxa.xlsx" and side.is_file() and str(side) in out
    ws = load_workbook(side)[s.COLUMN_MAP.name]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["Trang", "Tiêu đề của trường", "Cột chuẩn"]
    assert ["Cán bộ", "Số hiệu GV", "Mã CB"] in rows and ["Cán bộ", "Kết quả đánh giá", "Xếp loại"] in rows
    assert ["Thông tin chung", "Tên cơ sở giáo dục", "Tên trường"] not in rows  # the key-value sheet: by hand
    assert _sha(path) == before  # the workbook is never altered

    # the secretary fills in what was not suggested, in Excel; every later run uses the file
    ws.append(["Thông tin chung", "Tên cơ sở giáo dục", "Tên trường"])
    ws.parent.save(side)
    assert cli.main(["validate", str(path)]) == 0
    capsys.readouterr()
    assert cli.main(["check", str(path), "--json", "--khong-ghi"]) == 0
    mine = json.loads(capsys.readouterr().out)
    plain = wbfactory.write(tmp_path / "plain.xlsx")
    assert cli.main(["check", str(plain), "--json", "--khong-ghi"]) == 0
    assert mine["ca_nhan"] == json.loads(capsys.readouterr().out)["ca_nhan"]

    # run again: nothing new to map, the file (with the secretary's row) is kept as it is
    kept = _sha(side)
    assert cli.main(["map", str(path)]) == 0
    assert "không cần ghi thêm" in capsys.readouterr().out
    assert _sha(side) == kept and _sha(path) == before


def test_thidua_map_on_the_standard_workbook_writes_nothing(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = wbfactory.write(tmp_path / "chuan.xlsx")
    assert cli.main(["map", str(path)]) == 0
    assert "không cần ghi thêm" in capsys.readouterr().out
    assert not sidecar_path(path).exists()


def test_a_mapping_value_is_never_written_as_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook  # heavy: only the tests that open a real .xlsx

    from thidua_xl.workbook.mapping import write_column_map

    target = tmp_path / "x_anhxa.xlsx"
    write_column_map([("Cán bộ", '=HYPERLINK("http://x","y")', "Mã CB")], target)
    cell = load_workbook(target)[s.COLUMN_MAP.name]["B2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","y")'


def test_thidua_map_suggests_labels_of_the_information_sheet(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook  # heavy: only the tests that open a real .xlsx

    sheets = wbfactory.base_sheets()
    sheets[s.INFO.name][2][0] = "Năm học xét duyệt"  # the school's label for "Năm học"
    path = wbfactory.write(tmp_path / "tt.xlsx", sheets)
    assert {p.code for p in read_workbook(path).errors} == {"MISSING_VALUE"}
    assert cli.main(["map", str(path)]) == 0
    capsys.readouterr()
    rows = [[c.value for c in r] for r in load_workbook(sidecar_path(path))[s.COLUMN_MAP.name].iter_rows()]
    assert rows[1:] == [["Thông tin chung", "Năm học xét duyệt", "Năm học"]]
    data = read_workbook(path)
    assert data.errors == [] and data.info.school_year == "2024-2025"
