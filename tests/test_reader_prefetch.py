"""A large workbook's sheets are parsed by a second thread while the first converts the others
(``reader._Prefetch``): the data read, the problems found and the errors raised are the same as reading
one sheet after another, and no thread outlives the read (a large check forks next)."""

from __future__ import annotations

import sys
import threading
import zipfile
from pathlib import Path

import pytest
from test_reader import sheets, write_xlsx

from thidua_xl.errors import InputError
from thidua_xl.workbook import reader
from thidua_xl.workbook import schema as s

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_workbook import generate  # noqa: E402


def _read(path: Path, prefetch: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(reader, "PREFETCH_MIN_BYTES", 0 if prefetch else 10**15)
    started: list[str] = []
    original = reader._Prefetch.__init__

    def spy(self: reader._Prefetch, path: Path, order: list[str]) -> None:
        started.extend(order)
        original(self, path, order)

    monkeypatch.setattr(reader._Prefetch, "__init__", spy)
    data = reader.read_workbook(path)
    assert bool(started) == prefetch
    assert threading.active_count() == 1, threading.enumerate()
    return data


def test_a_school_read_with_the_second_thread_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = generate(300, tmp_path / "truong.xlsx")
    alone = _read(path, False, monkeypatch)
    both = _read(path, True, monkeypatch)
    assert both == alone
    assert len(both.staff) == 300 and both.history and both.registrations  # type: ignore[attr-defined]


def test_error_cells_and_problems_are_the_same_with_the_second_thread(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = sheets()
    for row, col, code in ((2, 3, "#DIV/0!"), (3, 1, "#N/A")):
        d[s.STAFF.name][row - 1][col] = code
    path = write_xlsx(tmp_path / "loi.xlsx", d)
    alone = _read(path, False, monkeypatch)
    both = _read(path, True, monkeypatch)
    assert [(p.sheet, p.row, p.column, p.code, p.value) for p in both.problems] == [  # type: ignore[attr-defined]
        (p.sheet, p.row, p.column, p.code, p.value) for p in alone.problems]  # type: ignore[attr-defined]
    assert any(p.value == "#DIV/0!" for p in both.problems)  # type: ignore[attr-defined]


def test_a_damaged_sheet_parsed_by_the_second_thread_is_a_located_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = generate(50, tmp_path / "truong.xlsx")
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        name_of = {n: i.filename for n, i in reader._sheet_parts(z).items()}
    part = name_of[s.HISTORY.name]
    parts[part] = parts[part][: len(parts[part]) // 2]  # cut in the middle of a row
    damaged = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_DEFLATED) as z:
        for n, body in parts.items():
            z.writestr(n, body)
    messages = []
    for prefetch in (False, True):
        monkeypatch.setattr(reader, "PREFETCH_MIN_BYTES", 0 if prefetch else 10**15)
        with pytest.raises(InputError) as err:
            reader.read_workbook(damaged)
        messages.append(str(err.value))
        assert threading.active_count() == 1
    assert messages[0] == messages[1]
    assert s.HISTORY.name in messages[1]


def test_a_member_inflated_in_one_call_is_what_zipfile_reads(tmp_path: Path) -> None:
    """The error scan's own read of a sheet's XML (``reader._member``): byte for byte ``ZipFile.read``, for
    deflated and stored members, with an extra field in the local header."""
    path = generate(30, tmp_path / "truong.xlsx")
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(stored, "w") as out:
        for i, info in enumerate(z.infolist()):
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_STORED if i % 2 else zipfile.ZIP_DEFLATED
            copy.extra = b"\xfe\xca\x04\x00abcd" if i % 3 == 0 else b""
            out.writestr(copy, z.read(info))
    for package in (path, stored):
        with zipfile.ZipFile(package) as z:
            members = z.infolist()
            assert any(i.compress_type == zipfile.ZIP_DEFLATED for i in members)
            for info in members:
                assert reader._member(z, info) == z.read(info), info.filename


def test_the_header_search_stops_only_when_no_row_can_score_more() -> None:
    """``tables.find_header`` remembers each cell's column across calls and stops at a row naming every
    column: the row it finds is the one a full scan finds (the first best), with or without a school's own
    header map, and True is never taken for the number 1."""
    from thidua_xl.workbook.tables import find_header

    spec = s.STAFF
    every = [c.header for c in spec.columns]
    some = every[:3]
    rows = [["Danh sách cán bộ"], some, every, every, [1, True, "GV001"]]
    r, mapping, extra, dupes = find_header(rows, spec)
    assert r == 2 and len(mapping) == len(every) and not dupes  # the full header, not the partial one above
    r, mapping, _, _ = find_header([some, [*some, True]], spec)
    assert r == 0 and len(mapping) == 3  # a tie: the first row
    mine = {s.header_key("Số hiệu"): spec.column("id")}
    own = ["Số hiệu", *every[1:4]]
    r, mapping, _, _ = find_header([own, some], spec, mine)
    assert r == 0 and mapping[0].key == "id"  # the school's own header counts here...
    r, mapping, extra, _ = find_header([["Số hiệu", "Họ và tên"]], spec)
    assert 0 not in mapping and extra == {0: "Số hiệu"}  # ...and not in a later read without the map
    _, _, extra, _ = find_header([[*every, True, 1.0]], spec)
    assert extra == {len(every) + 1: 1.0}  # a boolean is never a header; the number 1 is an unknown one
