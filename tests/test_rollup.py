"""The roll-up of every school at the ward (issue 16): real generated workbooks (benchmarks/gen_schools.py), every
planted defect found where it was planted, counts equal to the sum of each school's own check/tally, the CLI's
workbook, JSON and exit codes, the inputs never changed."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from thidua_xl import api, cli
from thidua_xl.core.model import Title
from thidua_xl.core.rollup import Rollup

ROOT = Path(__file__).resolve().parents[1]


def _gen() -> Any:
    spec = importlib.util.spec_from_file_location("gen_schools", ROOT / "benchmarks" / "gen_schools.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["gen_schools"] = mod
    spec.loader.exec_module(mod)
    return mod


gen_schools = _gen()


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("ward")
    return gen_schools.generate(5, 12, out)


@pytest.fixture(scope="module")
def rolled(ward: Any) -> Rollup:
    return api.rollup([ward.folder], ward.ward, processes=1)


def _found(rolled: Rollup, code: str) -> list[Any]:
    return [p for p in rolled.problems if p.problem.code == code]


def test_every_school_is_read_and_matched_to_the_ward_list(ward: Any, rolled: Rollup) -> None:
    assert sorted(s.file for s in rolled.schools) == sorted(ward.files)
    assert all(s.code and s.group and not s.failed for s in rolled.schools)
    # half the schools met after 01/07/2025: each is re-checked under the regime of its own date
    assert {s.regime for s in rolled.schools} == {"2024", "2025"}
    assert all(s.considered_on is not None and s.regime_choice for s in rolled.schools)


def test_a_person_in_two_schools_is_found_in_both_files_at_the_staff_row(ward: Any, rolled: Rollup) -> None:
    found = _found(rolled, "DUPLICATE_PERSON")
    assert sorted(p.file for p in found) == sorted(ward.duplicate["files"])
    folder = Path(ward.folder)
    for p, subject in zip(sorted(found, key=lambda p: p.file), ward.duplicate["subjects"]):
        data = api.read(folder / p.file)
        person = data.staff_by_id()[subject]
        assert (p.problem.sheet, p.problem.row) == (person.source.sheet, person.source.row)
        assert p.problem.column and p.problem.suggestion
        assert ward.duplicate["name"] in p.problem.message


def test_an_uncertified_tally_flags_its_school_nominees(ward: Any, rolled: Rollup) -> None:
    found = _found(rolled, "UNCERTIFIED_TALLY")
    assert found and {p.file for p in found} == {ward.uncertified["file"]}
    school = next(s for s in rolled.schools if s.file == ward.uncertified["file"])
    assert school.certified is False and school.quorum_ok is False
    assert {p.problem.value for p in found} == {n.subject for n in school.nominees if n.voted}
    assert all(p.problem.sheet == "Danh sách bỏ phiếu" and p.problem.row for p in found)
    assert all("túc số" in p.problem.message for p in found)
    # each nominee at its own row of the list, not at the first row of its title
    data = api.read(Path(ward.folder) / ward.uncertified["file"])
    rows = {key: row for rnd in data.rounds for key, row in rnd.rows.items()}
    assert {p.problem.value: p.problem.row for p in found} == {p.problem.value: rows[p.problem.value] for p in found}
    assert len({p.problem.row for p in found}) == len(found) > 1


def test_a_late_registration_is_located_at_its_row(ward: Any, rolled: Rollup) -> None:
    found = _found(rolled, "LATE_REGISTRATION")
    assert [p.file for p in found] == [ward.late["file"]]
    data = api.read(Path(ward.folder) / ward.late["file"])
    reg = next(r for r in data.registrations if r.subject == ward.late["subject"] and r.date is not None
               and r.date.isoformat() == ward.late["date"])
    assert (found[0].problem.sheet, found[0].problem.row) == (reg.source.sheet, reg.source.row)
    assert "15/10/2024" in found[0].problem.message and "30/09/2024" in found[0].problem.message


def test_a_nominee_not_eligible_is_an_error_in_its_school(ward: Any, rolled: Rollup) -> None:
    found = _found(rolled, "NOT_ELIGIBLE_NOMINEE")
    assert [(p.file, p.problem.value) for p in found] == [(ward.not_eligible["file"], ward.not_eligible["subject"])]
    assert found[0].problem.severity == "error" and found[0].problem.sheet == "Danh sách bỏ phiếu"
    assert found[0].problem.row is not None


def test_a_school_that_sent_nothing_is_located_in_the_ward_list(ward: Any, rolled: Rollup) -> None:
    found = _found(rolled, "MISSING_SCHOOL")
    assert len(found) == 1
    p = found[0]
    assert (p.school, p.file, p.problem.sheet, p.problem.row) == (
        ward.missing["code"], Path(ward.ward).name, "Danh sách trường", ward.missing["row"])


def test_counts_equal_the_sum_of_each_schools_own_check_and_tally(ward: Any, rolled: Rollup) -> None:
    eligible: Counter[Title] = Counter()
    proposed: Counter[Title] = Counter()
    staff = 0
    hashes = {}
    for f in sorted(Path(ward.folder).glob("*.xlsx")):
        checked = api.check(f)
        tallied = api.tally(f)
        staff += len(api.read(f).staff)
        eligible.update(v.title for v in checked.verdicts if v.eligible)
        for tt in tallied.titles:
            proposed[tt.title] += sum(c.proposed for c in tt.candidates)
        for a in tallied.approvals:
            if a.approved:
                proposed[a.title] += len(checked.eligible(a.title))
        hashes[f.name] = (tallied.hash, tallied.certified)
    assert sum(s.staff for s in rolled.schools) == staff
    for title in Title:
        assert rolled.total_eligible(title) == eligible[title], title
        assert rolled.total_proposed(title) == proposed[title], title
    assert {s.file: (s.hash, s.certified) for s in rolled.schools} == hashes
    assert eligible[Title.LDTT] > 0 and proposed[Title.CSTDCS] > 0


def test_two_processes_give_the_same_roll_up(ward: Any, rolled: Rollup) -> None:
    from thidua_xl.views import rollup as view

    two = api.rollup([ward.folder], ward.ward, processes=2)
    assert view.to_json(two) == view.to_json(rolled)


@pytest.mark.parametrize("processes", [1, 2])
def test_the_scoring_done_while_the_schools_are_read_is_the_one_done_after(
        ward: Any, rolled: Rollup, processes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ward's workbook dates its decision and names its school year: its scoring needs no school and is done
    while the schools are read; the same scores, rule and problems as when it is done after them."""
    from thidua_xl.views import rollup as view

    real = api._rollup_schools
    used: list[bool] = []

    def spy(*a: Any) -> Any:
        used.append(a[4] is not None)
        return real(*a)

    monkeypatch.setattr(api, "_rollup_schools", spy)
    early = api.rollup([ward.folder], ward.ward, processes=processes)
    monkeypatch.setattr(api, "_rollup_schools", lambda *a: real(*a[:4]))  # no work beside the schools: after
    late = api.rollup([ward.folder], ward.ward, processes=processes)
    assert used == [True] and early.scores
    assert view.to_json(early) == view.to_json(late) == view.to_json(rolled)
    assert early.scores == late.scores and early.scoring_rule == late.scoring_rule
    assert [p.problem for p in early.problems] == [p.problem for p in late.problems]


def test_a_school_sent_back_by_a_second_process_arrives_whole(rolled: Rollup) -> None:
    """Schools travel between processes pickled compactly (fields as tuples): every field, nominee and
    registration (with and without its row) arrives equal."""
    import dataclasses
    import pickle

    from thidua_xl.core.model import Registration

    schools = [dataclasses.replace(s) for s in rolled.schools]
    schools[0].registrations = [*schools[0].registrations, Registration(False, "GV999", Title.CSTDCS)]
    assert any(s.nominees for s in schools) and any(s.registrations for s in schools)
    back = pickle.loads(pickle.dumps(schools, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == schools
    assert [type(r.source) for r in back[0].registrations] == [type(r.source) for r in schools[0].registrations]


def test_schools_not_shareable_through_a_pipe_go_to_fresh_processes(ward: Any, rolled: Rollup,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The list of schools to share is a pipe written before forking; one it cannot hold (never blocking) means
    fresh processes instead, with the same roll-up."""
    import os

    from thidua_xl.views import rollup as view

    assert api._task_pipe(list(range(300_000))) is None  # 1.2 MB: more than a pipe holds
    r = api._task_pipe([3, 0, 2])
    assert r is not None and os.read(r, 100) == b"".join(i.to_bytes(4, sys.byteorder) for i in (3, 0, 2))
    os.close(r)
    monkeypatch.setattr(api, "_task_pipe", lambda order: None)
    assert view.to_json(api.rollup([ward.folder], ward.ward, processes=2)) == view.to_json(rolled)


@pytest.mark.parametrize("dies_at", [1, 2])
def test_a_second_process_that_dies_loses_no_school(ward: Any, rolled: Rollup, dies_at: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """This process and a forked one share the schools; when the forked one dies (here at its first or second
    school), this process does the school it was on and what is left: the same roll-up, every school once."""
    import os

    from thidua_xl.perf import can_fork
    from thidua_xl.views import rollup as view

    assert can_fork()  # the test runs the forked road
    parent, real, seen = os.getpid(), api._rollup_school, [0]

    def dying(path: str, entries: list[Any]) -> Any:
        if os.getpid() != parent:
            seen[0] += 1  # the child's own copy
            if seen[0] == dies_at:
                os._exit(1)
        return real(path, entries)

    monkeypatch.setattr(api, "_rollup_school", dying)
    done: list[int] = []
    two = api.rollup([ward.folder], ward.ward, processes=2, on_progress=lambda k, n: done.append(k))
    assert view.to_json(two) == view.to_json(rolled)
    assert done == list(range(1, len(ward.files) + 1))


def test_a_system_that_refuses_a_process_gets_the_roll_up_from_this_one(ward: Any, rolled: Rollup,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """os.fork failing (a limit on processes) is not an internal error: this process does every school."""
    import os

    from thidua_xl.views import rollup as view

    def refuse() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refuse)
    assert view.to_json(api.rollup([ward.folder], ward.ward, processes=2)) == view.to_json(rolled)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_cli_writes_the_roll_up_workbook_and_never_changes_the_inputs(ward: Any, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "in"
    shutil.copytree(ward.folder, folder)
    (folder / "~$T001_dang_mo.xlsx").write_bytes(b"lock")  # Excel's lock file: skipped
    shutil.copy(folder / ward.files[0], folder / "T001_cu_ketqua.xlsx")  # a results file: skipped
    out = folder / "tong_hop.xlsx"  # the output in the same folder: never read as a school on a rerun
    before = _digest(folder)
    code = cli.main(["gop", str(folder), "--cau-hinh", ward.ward, "-o", str(out), "--json", "--mot-tien-trinh"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["so_truong"] == 5
    assert {p["ma"] for p in doc["kiem_tra_cheo"]} >= {"DUPLICATE_PERSON", "UNCERTIFIED_TALLY", "LATE_REGISTRATION",
                                                       "NOT_ELIGIBLE_NOMINEE", "MISSING_SCHOOL"}
    assert {k: v for k, v in _digest(folder).items() if k != out.name} == before
    assert cli.main(["gop", str(folder), "--cau-hinh", ward.ward, "-o", str(out), "--json", "--mot-tien-trinh"]) == 0
    assert json.loads(capsys.readouterr().out)["so_truong"] == 5  # the rerun did not read its own output
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["Tổng hợp trường", "Chấm điểm trường", "Theo danh hiệu", "Kiểm tra chéo",
                             "Kiểm tra dữ liệu các trường"]
    rows = list(wb["Tổng hợp trường"].values)
    header = rows[2]
    total = rows[-3]
    assert total[2] == "Cộng"
    col = header.index("Đủ ĐK LĐTT")
    assert total[col] == doc["tong"]["du_dieu_kien"]["LDTT"] == sum(r[col] for r in rows[3:-3])
    # --strict: problems → 1; a folder without school workbooks → 2
    assert cli.main(["gop", str(folder), "--cau-hinh", ward.ward, "-o", str(out), "--strict",
                     "--mot-tien-trinh"]) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["gop", str(empty), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "Không tìm thấy sổ tính" in capsys.readouterr().err


def test_cli_tables_and_the_workbook_written_by_a_second_process(ward: Any, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """The roll-up workbook is written by a forked process while the terminal prints (where forking is safe): the
    line saying it is written comes after the tables, once it is; a target the writer refuses (a school's own
    workbook) is exit 2 with the reason, and that file is left as it was."""
    from openpyxl import load_workbook

    out = tmp_path / "tong_hop.xlsx"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(out), "--mot-tien-trinh"]) == 0
    text = capsys.readouterr().out
    assert text.index("Các trường") < text.index("Đã ghi sổ tính tổng hợp") and str(out.name) in text
    assert load_workbook(out, read_only=True).sheetnames[0] == "Tổng hợp trường"
    school = tmp_path / "truong_khac.xlsx"
    shutil.copy(Path(ward.folder) / ward.files[0], school)
    before = school.read_bytes()
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(school), "--mot-tien-trinh"]) == 2
    captured = capsys.readouterr()
    assert "Lỗi" in captured.err and "Đã ghi sổ tính tổng hợp" not in captured.out
    assert school.read_bytes() == before


def _forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked from now on (their ids)."""
    import os

    pids: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return pids


def _waited_for(pids: list[int]) -> bool:
    """Every one of ``pids`` has ended and been waited for (none is left behind)."""
    import os

    for pid in pids:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def test_the_writer_started_with_the_schools_writes_nothing_when_the_roll_up_then_fails(
        ward: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook's process starts as soon as the schools are done: a bad council workbook found afterwards is
    exit 2, no workbook is written and the process is waited for (none is left behind)."""
    out = tmp_path / "tong_hop.xlsx"
    bad = tmp_path / "hoi_dong_hong.xlsx"
    bad.write_bytes(b"not a workbook")
    pids = _forks(monkeypatch)
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "--hoi-dong", str(bad), "-o", str(out)]) == 2
    assert "Lỗi" in capsys.readouterr().err
    assert not out.exists()
    assert pids and _waited_for(pids)


@pytest.mark.parametrize("stop", ["cross_checks", "tally_council"])
def test_ctrl_c_after_the_writer_started_leaves_the_previous_workbook_and_no_process(
        ward: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stop: str) -> None:
    """Ctrl-C (this process only) while the checks across schools or the council's tally run, after the workbook's
    process started: exit 130 without a traceback, the previous run's workbook as it was, no temporary file, and
    the process waited for."""
    out = tmp_path / "tong_hop.xlsx"
    out.write_bytes(b"the previous run's workbook")
    council = tmp_path / "hoi_dong.xlsx"
    council.write_bytes(b"read after the interruption: never")

    def interrupted(*a: Any, **k: Any) -> Any:
        raise KeyboardInterrupt

    if stop == "cross_checks":
        from thidua_xl.core import rollup as rollup_core

        monkeypatch.setattr(rollup_core, "cross_checks", interrupted)
    else:
        monkeypatch.setattr(api, "tally_council", interrupted)
    pids = _forks(monkeypatch)
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "--hoi-dong", str(council), "-o", str(out)]) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert out.read_bytes() == b"the previous run's workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hoi_dong.xlsx", "tong_hop.xlsx"]
    assert pids and _waited_for(pids)


def test_the_workbook_is_the_same_when_its_process_cannot_be_sent_the_checks(
        ward: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks across schools and the scores go to the workbook's process pickled; when they cannot be, this
    process writes the workbook itself: the same cells."""
    import pickle

    from openpyxl import load_workbook

    def cells(path: Path) -> list[Any]:
        wb = load_workbook(path, read_only=True)
        return [(ws.title, list(ws.values)) for ws in wb.worksheets]

    sent = tmp_path / "sent.xlsx"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(sent)]) == 0
    real = pickle.dumps

    def refuse_the_rest(obj: Any, *a: Any, **k: Any) -> bytes:
        if isinstance(obj, tuple) and len(obj) == 4:  # (problems, scores, scoring rule, council)
            raise pickle.PicklingError("refused")
        return real(obj, *a, **k)

    monkeypatch.setattr(pickle, "dumps", refuse_the_rest)
    pids = _forks(monkeypatch)
    here = tmp_path / "here.xlsx"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(here)]) == 0
    assert cells(here) == cells(sent)
    assert pids and _waited_for(pids)


def test_on_a_terminal_a_counter_and_no_thread_while_the_schools_are_read(ward: Any, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A progress bar's thread would keep the schools from being shared with a forked process: on a terminal the
    command counts the schools on its notice line instead, and no other thread runs during the roll-up."""
    import io
    import threading

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    threads: list[int] = []
    real = api.rollup

    def rollup(*a: Any, **k: Any) -> Any:
        threads.append(threading.active_count())
        return real(*a, **k)

    monkeypatch.setattr(api, "rollup", rollup)
    n = len(ward.files)
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(tmp_path / "th.xlsx")]) == 0
    assert threads == [1]
    text = err.getvalue()
    assert f"Đang xét các trường {n}/{n}" in text and text.endswith("\r\033[K")


def test_a_damaged_school_file_is_a_located_problem_not_a_crash(ward: Any, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(Path(ward.folder) / ward.files[0], folder / ward.files[0])
    (folder / "T002_hong.xlsx").write_bytes(b"not a workbook")
    result = api.rollup([folder], ward.ward, processes=1)
    failed = [p for p in result.problems if p.problem.code == "SCHOOL_NOT_CHECKED"]
    assert [p.file for p in failed] == ["T002_hong.xlsx"] and failed[0].school == "T002"
    missing = {p.school for p in result.problems if p.problem.code == "MISSING_SCHOOL"}
    assert missing == {"T003", "T004", "T005", "T999"}


def test_the_ribbon_button_rolls_up_the_folder_next_to_the_wards_workbook(ward: Any, tmp_path: Path) -> None:
    from thidua_xl.excel.actions import BY_ID, ROLLUP_FOLDER, run_action
    from thidua_xl.excel.book import FileBook

    assert BY_ID["rollup"].label == "Tổng hợp các trường"
    own = tmp_path / "phuong.xlsx"
    shutil.copy(ward.ward, own)
    book = FileBook(own)
    text = run_action("rollup", book)
    assert ROLLUP_FOLDER in text and not (tmp_path / "tong_hop_ketqua.xlsx").exists()  # no folder yet: says where
    shutil.copytree(ward.folder, tmp_path / ROLLUP_FOLDER)
    before = hashlib.sha256(own.read_bytes()).hexdigest()
    text = run_action("rollup", book)
    assert "Đã tổng hợp 5 trường" in text, text
    assert book.opened == [tmp_path / "tong_hop_ketqua.xlsx"]
    assert len(list((tmp_path / "tong_hop_hoso").glob("*.docx"))) == 4
    assert hashlib.sha256(own.read_bytes()).hexdigest() == before  # the ward's workbook is never written


def test_without_the_wards_workbook_the_deadline_comes_from_the_command_line(
        ward: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "th.xlsx"
    assert cli.main(["gop", ward.folder, "-o", str(out), "--han-dang-ky", "01/10/2024", "--json",
                     "--mot-tien-trinh"]) == 0
    doc = json.loads(capsys.readouterr().out)
    late = [p for p in doc["kiem_tra_cheo"] if p["ma"] == "LATE_REGISTRATION"]
    assert [(p["tep"], p["doi_tuong"]) for p in late] == [(ward.late["file"], ward.late["subject"])]
    assert not [p for p in doc["kiem_tra_cheo"] if p["ma"] in ("MISSING_SCHOOL", "UNKNOWN_SCHOOL")]
    with pytest.raises(SystemExit) as stop:  # not a date: argparse's usage error
        cli.main(["gop", ward.folder, "-o", str(out), "--han-dang-ky", "31/02/2024"])
    assert stop.value.code == 2


def test_uncertified_reasons_double_entry_and_missing_hash_are_named() -> None:
    from thidua_xl.core.rollup import Nominee, SchoolResult, WardConfig, cross_checks

    n = Nominee("T1", "Trường A", "T1_a.xlsx", "GV001", "Lê Thu Hà", Title.CSTDCS, voted=True, threshold_passed=True,
                eligible=True, sheet="Danh sách bỏ phiếu", row=2)
    school = SchoolResult("T1_a.xlsx", "T1", "Trường A", has_ballots=True, certified=False, quorum_ok=True,
                          discrepancies=3, hash="", nominees=[n])
    (p,) = [p for p in cross_checks([school], WardConfig()) if p.problem.code == "UNCERTIFIED_TALLY"]
    assert "lệch nhau 3 ô" in p.problem.message and "mã băm" in p.problem.message
    assert (p.file, p.subject, p.problem.sheet, p.problem.row) == ("T1_a.xlsx", "GV001", "Danh sách bỏ phiếu", 2)


def test_a_school_sent_twice_is_an_error_not_a_flood_of_duplicates(ward: Any, tmp_path: Path) -> None:
    from thidua_xl.reports import ward as ward_mod

    folder = tmp_path / "in"
    shutil.copytree(ward.folder, folder)
    shutil.copy(folder / ward.files[2], folder / ward.files[2].replace(".xlsx", "_gui_lai.xlsx"))
    result = api.rollup([folder], ward.ward, processes=1)
    twice = [p for p in result.problems if p.problem.code == "SCHOOL_SENT_TWICE"]
    assert len(twice) == 2 and {p.school for p in twice} == {ward.uncertified["code"]}
    dup = [p for p in result.problems if p.problem.code == "DUPLICATE_PERSON"]
    assert sorted(p.file for p in dup) == sorted(ward.duplicate["files"])  # only the planted pair
    chosen, _ = ward_mod.selected(result)
    assert not [n for items in chosen.values() for n in items if n.school_code == ward.uncertified["code"]]


def test_a_school_year_other_than_the_wards_is_located_at_the_schools_row(ward: Any, rolled: Rollup) -> None:
    from thidua_xl.core.rollup import WardConfig, cross_checks

    found = [p for p in cross_checks(rolled.schools, WardConfig(school_year="2019-2020"))
             if p.problem.code == "OTHER_SCHOOL_YEAR"]
    assert len(found) == len(rolled.schools)
    for p in found:
        info = api.read(Path(ward.folder) / p.file).info
        assert (p.problem.sheet, p.problem.row) == (info.source_sheet, info.source_rows["school_year"])


def test_a_staff_sheet_under_another_name_is_named_as_the_school_named_it(ward: Any, tmp_path: Path) -> None:
    import openpyxl

    for name in ward.duplicate["files"]:
        wb = openpyxl.load_workbook(Path(ward.folder) / name)
        wb["Cán bộ"].title = "Danh sách cán bộ"  # an alias the reader knows
        wb.save(tmp_path / name)
    found = _found(api.rollup([tmp_path], processes=1), "DUPLICATE_PERSON")
    assert len(found) == 2 and {p.problem.sheet for p in found} == {"Danh sách cán bộ"}


def test_the_wards_workbook_is_loaded_as_the_standard_reader_loads_a_school(tmp_path: Path) -> None:
    """An Excel error cell in the ward's workbook is a located bad value (calamine alone reads it as blank)."""
    from openpyxl import Workbook

    from thidua_xl.workbook.rollup import read_ward

    wb = Workbook()
    info = wb.active
    info.title = "Thông tin chung"
    for row in (["Mục", "Nội dung"], ["Tên đơn vị", "UBND phường Long Biên"], ["Hạn đăng ký thi đua", "#N/A"]):
        info.append(row)  # openpyxl stores "#N/A" as an error cell (t="e")
    wb.create_sheet("Danh sách trường").append(["Mã trường", "Tên trường"])
    wb["Danh sách trường"].append(["T01", "Trường THCS Ngọc Lâm"])
    path = tmp_path / "phuong.xlsx"
    wb.save(path)
    config, _ = read_ward(path)
    assert config.unit_name == "UBND phường Long Biên" and config.deadline is None
    (bad,) = config.problems
    assert (bad.code, bad.sheet, bad.row, bad.column, bad.value) == (
        "BAD_VALUE", "Thông tin chung", 3, "B (Hạn đăng ký thi đua)", "#N/A")
