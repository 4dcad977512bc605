"""Issue 15: a column of single-person formulas over the same ranges reuses one computation, and any edit
of any cell is seen: the call equal to the last one is recognised by comparing the cells (no fingerprint
of every cell per call); a different call is computed again."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from thidua_xl.excel import udfs
from thidua_xl.excel.book import FileBook
from thidua_xl.workbook.demo import write_demo

SHEETS = ("Thông tin chung", "Tổ", "Cán bộ", "Đăng ký thi đua", "Sáng kiến - Đề tài", "Thành tích",
          "Lịch sử thi đua", "Kỷ luật")


@pytest.fixture(scope="module")
def ranges(tmp_path_factory: pytest.TempPathFactory) -> list[list[list[Any]]]:
    tables = FileBook(write_demo(tmp_path_factory.mktemp("demo") / "demo.xlsx")).read_tables()
    return [tables[n] for n in SHEETS]


def _eligible(ranges: list[Any]) -> str:
    staff = ranges[2]
    return next(str(r[0]) for r in staff[1:] if r and r[0] and udfs.TDKT_XET(r[0], "LDTT", "", *ranges) is True)


def test_an_equal_call_reuses_the_key_and_an_edit_is_seen(ranges: list[Any]) -> None:
    sid = _eligible(ranges)
    assert udfs.TDKT_XET(sid, "LDTT", "", *ranges) is True
    key = udfs._LAST[1]
    fresh = copy.deepcopy(ranges)  # new objects, the same values: what xlwings hands the next formula
    assert udfs._key("", tuple(fresh)) is key
    # an edit of one cell: this person's rating on the staff sheet
    edited = copy.deepcopy(ranges)
    staff = edited[2]
    header = [str(h) for h in staff[0]]
    row = next(r for r in staff[1:] if str(r[0]) == sid)
    row[header.index(next(h for h in header if h.startswith("Xếp loại")))] = "Không hoàn thành nhiệm vụ"
    assert udfs._key("", tuple(edited)) != key
    assert udfs.TDKT_XET(sid, "LDTT", "", *edited) is False
    assert udfs.TDKT_XET(sid, "LDTT", "", *copy.deepcopy(ranges)) is True  # back as it was
    assert udfs._key("2023-2024", tuple(ranges)) != key  # another school year: another key


def test_the_remembered_call_is_a_copy(ranges: list[Any]) -> None:
    """Changing the lists handed to the last call in place does not make a later call look equal."""
    mine = copy.deepcopy(ranges)
    key = udfs._key("", tuple(mine))
    mine[2][1][1] = "Tên đã sửa"
    assert udfs._key("", tuple(mine)) != key
