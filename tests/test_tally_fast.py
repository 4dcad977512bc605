"""The tally's column-wise paths (issue 15) give what the cell-by-cell rules give: the ballot sheet read into
the same ballots (cell texts looked up on demand), the same counts, validity and hash for any mix of ballots."""

from __future__ import annotations

import copy
import pickle
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from wbfactory import base_sheets, write

import thidua_xl.core.tally as tally
from thidua_xl.core import model as m
from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    BallotSource,
    CouncilMember,
    Mark,
    SchoolData,
    SchoolInfo,
    Title,
)
from thidua_xl.core.rules import ruleset_for
from thidua_xl.core.tally import ballots as ballots_mod
from thidua_xl.core.tally import hashing
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import read_workbook
from thidua_xl.workbook.sheets import CellTexts

A, D, B, U = Mark.APPROVE, Mark.DISAPPROVE, Mark.BLANK, Mark.UNREADABLE


def _ballot_book(tmp_path: Path, second: list[list[object]] | None = None) -> Path:
    sheets = base_sheets()
    sheets[s.BALLOTS.name] = [
        ["Số phiếu", "Danh hiệu", "Loại phiếu", "Ban kiểm phiếu tuyên bố không hợp lệ", "Lý do không hợp lệ", "GV001",
         "GV002", "GV003"],
        [1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None, "không"],
        [2, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "1", "0", None],
        [3, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x?", "x", " "],
    ]
    if second is not None:
        sheets[s.BALLOTS_SECOND.name] = second
    return write(tmp_path / "phieu.xlsx", sheets)


def test_cell_texts_read_from_the_sheet_behave_as_the_dict_they_stand_for(tmp_path: Path) -> None:
    data = read_workbook(_ballot_book(tmp_path))
    b1, b2, b3 = data.ballots
    assert isinstance(b1.raw, CellTexts)
    assert b1.raw == {"GV001": "x", "GV003": "không"} and {"GV001": "x", "GV003": "không"} == b1.raw
    assert b2.raw == {"GV001": "1", "GV002": "0"} and b2.raw != {"GV001": "1"}
    assert list(b1.raw) == ["GV001", "GV003"] and len(b1.raw) == 2 and "GV002" not in b1.raw
    assert b1.raw.get("GV002", "") == "" and b1.raw.get("GV999") is None and b1.raw["GV003"] == "không"
    assert dict(b1.raw.items()) == {"GV001": "x", "GV003": "không"} and repr(b1.raw) == repr(dict(b1.raw))
    assert b3.marks["GV001"] is U and b3.raw["GV001"] == "x?" and "GV003" not in b3.raw  # a blank cell: no text
    for copied in (pickle.loads(pickle.dumps(b1.raw)), copy.copy(b1.raw), copy.deepcopy(b1.raw)):
        assert type(copied) is dict and copied == {"GV001": "x", "GV003": "không"}
    assert b1 == copy.deepcopy(b1)  # a ballot still equals its copy
    unreadable = [p for p in data.problems if p.code == "UNREADABLE_MARK"]
    assert [(p.row, p.column, p.value) for p in unreadable] == [(4, "F (GV001)", "x?")]


def test_the_texts_quoted_by_the_tally_come_from_the_cells(tmp_path: Path) -> None:
    second = [list(r) for r in base_sheets()[s.BALLOTS.name][:1]]
    second[0] += ["GV003"]
    second += [[1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None, "1"],
               [2, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "1", "0", None],
               [3, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x?", "x", None]]
    data = read_workbook(_ballot_book(tmp_path, second))
    assert data.ballots_second is not None
    diffs = hashing.reconcile(data.ballots, data.ballots_second)
    assert [(d.ballot, d.candidate, d.first, d.second) for d in diffs] == [
        ("1", "GV003", "không đồng ý (không)", "đồng ý (1)")]
    rnd = BallotRound(Title.CSTDCS, ["GV001", "GV002", "GV003"])
    valid, invalid, _ = ballots_mod._sort_validity(rnd, data.ballots, {"GV001", "GV002", "GV003"})
    assert [b.number for b in valid] == ["1", "2"] and invalid[0].code == "UNREADABLE_MARK"
    assert "GV001 «x?»" in invalid[0].reason


# ---------------------------------------------------------------- the core: any mix of ballots

CANDS = ["GV1", "GV2", "GV3", "GV4", "TEAM"]


def _reference_counts(ballots: list[Ballot], cands: list[str]) -> dict[str, tuple[int, int, int]]:
    """Counted cell by cell, as the rules say: a missing cell is blank, cells off the list are not counted."""
    out = {}
    for k in cands:
        marks = [b.marks.get(k, B) for b in ballots]
        out[k] = (marks.count(A), marks.count(D), marks.count(B))
    return out


def _reference_valid(b: Ballot, cand_set: set[str], max_choices: int | None, numbers: Counter[str]) -> bool:
    values = list(b.marks.values())
    return not (b.declared_invalid or numbers[hashing.norm_number(b.number)] > 1 or U in values
                or any(v in (A, D) for k, v in b.marks.items() if k not in cand_set)
                or (max_choices is not None and values.count(A) > max_choices))


@st.composite
def rounds(draw: st.DrawFn) -> tuple[BallotRound, list[Ballot]]:
    cands = draw(st.lists(st.sampled_from(CANDS[:4]), min_size=1, max_size=4, unique=True))
    layouts = draw(st.lists(st.lists(st.sampled_from(CANDS), unique=True, max_size=5), min_size=1, max_size=3))
    # most ballots share one layout (one sheet); a few have their own (typed by hand, an API caller)
    ballots = []
    for i in range(draw(st.integers(0, 25))):
        keys = layouts[0] if draw(st.integers(0, 3)) else draw(st.sampled_from(layouts))
        marks = {k: draw(st.sampled_from([A, A, D, B, B] + ([U] if draw(st.integers(0, 12)) == 0 else [])))
                 for k in keys}
        number = draw(st.sampled_from([str(i + 1)] * 6 + [str(draw(st.integers(1, 30))), f"00{i + 1}", f"{i + 1}.0",
                                                           f"A{i}", "số \"5\"", "٣"]))
        ballots.append(Ballot(number, Title.CSTDCS, marks,
                              BallotSource.WRITTEN if draw(st.integers(0, 5)) == 0 else BallotSource.MEETING,
                              declared_invalid=draw(st.integers(0, 15)) == 0, declared_reason="rách"))
    return BallotRound(Title.CSTDCS, cands, max_choices=draw(st.none() | st.integers(0, 4))), ballots


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_counts_validity_and_hash_are_those_of_the_cell_by_cell_rules(spec: tuple[BallotRound, list[Ballot]]) -> None:
    rnd, ballots = spec
    cand_set = set(rnd.candidates)
    numbers = Counter(hashing.norm_number(b.number) for b in ballots)
    valid, invalid, valid_cells = ballots_mod._sort_validity(rnd, ballots, cand_set)
    kept = {id(b) for b in valid}
    assert [(layout.keys, values) for layout, values in valid_cells] == [
        (layout.keys, values) for b, (layout, values) in zip(ballots, hashing.ballot_cells(ballots)) if id(b) in kept]
    assert valid == [b for b in ballots if _reference_valid(b, cand_set, rnd.max_choices, numbers)]
    assert len(valid) + len(invalid) == len(ballots)
    ap, dis, bl = ballots_mod._count(valid, rnd.candidates, cand_set)
    assert {k: (ap[k], dis[k], bl[k]) for k in rnd.candidates} == _reference_counts(valid, rnd.candidates)
    expected = hashing.hashlib.sha256(hashing.HASH_SCHEME.encode("utf-8"))
    for line in sorted(tally.canonical_ballot(b) for b in ballots):
        expected.update(b"\n" + line.encode("utf-8"))
    assert tally.ballots_hash(ballots) == expected.hexdigest()


def test_a_value_that_is_not_a_mark_is_still_refused_on_the_column_wise_path() -> None:
    good = [Ballot(str(i), Title.LDTT, {"GV1": A, "GV2": B}) for i in range(1, 5)]
    bad = Ballot("5", Title.LDTT, {"GV1": "x", "GV2": B})  # type: ignore[dict-item]
    data = SchoolData(info=SchoolInfo(school_year="2024-2025"),
                      council=[CouncilMember(f"TV{i}") for i in range(5)],
                      rounds=[BallotRound(Title.LDTT, ["GV1", "GV2"])], ballots=[*good, bad])
    try:
        tally.tally_school(data, ruleset_for("2024-2025"))
    except TypeError as exc:
        assert "'x'" in str(exc) and "Ballot 5" in str(exc)
    else:
        raise AssertionError("a plain string mark was counted")


def test_the_hash_of_the_benchmark_layout_is_pinned() -> None:
    """Two titles on one sheet (a team's column blank on the individuals' ballots): the lines, and so the hash,
    are those of canonical_ballot."""
    ballots = [Ballot(str(i), Title.CSTDCS, {"GV1": [A, D, B][i % 3], "GV2": A, "Tổ Toán": B},
                      source=m.SourceRef("Phiếu bầu", i + 1)) for i in range(1, 7)]
    ballots.append(Ballot("7", Title.TTLDXS, {"GV1": B, "GV2": B, "Tổ Toán": A}))
    assert sorted(hashing._canonical_lines(ballots)) == sorted(tally.canonical_ballot(b) for b in ballots)
    assert sorted(hashing._canonical_lines(ballots))[0] == '["1","CSTDCS","MEETING",false,"",{"GV1":"DISAPPROVE","GV2":"APPROVE"}]'


def test_a_plain_string_equal_to_a_marks_value_is_that_mark_everywhere() -> None:
    """Mark is a str enum ("APPROVE" == Mark.APPROVE): counts, validity and hash take such a string as the mark,
    on the column-wise paths and the cell-by-cell ones alike."""
    def school(plain: bool) -> SchoolData:
        def mk(mark: Mark) -> Mark:
            return str(mark.value) if plain else mark  # type: ignore[return-value]
        ballots = [Ballot(str(i), Title.LDTT, {"GV1": mk([A, D, B][i % 3]), "GV2": mk(A), "GV3": mk(B)})
                   for i in range(1, 7)]
        ballots.append(Ballot("7", Title.LDTT, {"GV1": mk(A)}))  # a layout of its own: counted cell by cell
        ballots.append(Ballot("8", Title.LDTT, {"GV1": mk(A), "GV9": mk(A)}))  # off the list: invalid
        return SchoolData(info=SchoolInfo(school_year="2024-2025"), council=[CouncilMember(f"TV{i}") for i in range(8)],
                          rounds=[BallotRound(Title.LDTT, ["GV1", "GV2"])], ballots=ballots)

    rules = ruleset_for("2024-2025")
    with_marks, with_text = tally.tally_school(school(False), rules), tally.tally_school(school(True), rules)
    assert with_text.hash == with_marks.hash
    for a, b in zip(with_marks.titles[0].candidates, with_text.titles[0].candidates):
        assert (a.approvals, a.disapprovals, a.blanks) == (b.approvals, b.disapprovals, b.blanks)
    assert [ib.code for ib in with_text.titles[0].invalid_ballots] == ["NOT_ON_LIST"]


def test_the_command_leaves_no_thread_and_the_collector_on(tmp_path: Path, capsys: object) -> None:
    """thidua tally loads its printing modules beside the read and pauses the collector while it works: neither
    outlives the command (a check in the same process may fork; Jupyter keeps running)."""
    import gc
    import threading

    from thidua_xl import cli

    assert gc.isenabled()
    code = cli.main(["tally", str(_ballot_book(tmp_path)), "-o", str(tmp_path / "kq.xlsx")])
    assert code in (0, 1) and threading.active_count() == 1 and gc.isenabled()
    assert (tmp_path / "kq.xlsx").exists()
