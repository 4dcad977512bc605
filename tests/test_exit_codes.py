"""Issue 20 (points 3, 6, 7, 11): hostile names stay text, the user's mistakes get exit 2 and a Vietnamese
message, the dossier and the results workbook are written as a whole, a closed pipe loses nothing.

Every test runs on a real .xlsx and checks that the input is byte-identical afterwards (sha256)."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from wbfactory import write

from thidua_xl import api, cli, fileio
from thidua_xl.errors import InputError
from thidua_xl.excel.actions import run_action
from thidua_xl.excel.book import FileBook, XlwingsBook
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.results import is_formula_like, typed_text
from thidua_xl.workbook.writer import write_results

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "workbooks" / "demo_thcs.xlsx"

HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "=cmd|' /C calc'!A0"
HOSTILE = [HYPERLINK, DDE, "+1+2", "-3+4", "@SUM(A1)", "\t=1+1", "\r=2+2", "#N/A"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*args: str) -> int:
    return cli.main([str(a) for a in args])


# ----------------------------------------------------------------------------- 3. formula injection


def _hostile_workbook(path: Path, bad_team: bool = False) -> Path:
    """The small standard workbook with formula-like names typed as text (as a secretary's cell would hold
    them): two staff names, and a team that does not exist (so it reaches the 'Kiểm tra dữ liệu' sheet)."""
    write(path)
    wb = load_workbook(path)
    ws = wb[s.STAFF.name]
    for row, text in ((2, HYPERLINK), (3, DDE)):
        cell = ws.cell(row=row, column=2, value=text)
        cell.data_type = "s"  # typed as text, not a formula
    if bad_team:
        team = ws.cell(row=5, column=6, value="@SUM(A1)")
        team.data_type = "s"
    wb.save(path)
    return path


def _all_cells(path: Path) -> list[Any]:
    wb = load_workbook(path)
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]


def _no_formula_part(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def test_formula_like_names_are_written_as_text_by_every_command(tmp_path: Path) -> None:
    src = _hostile_workbook(tmp_path / "truong.xlsx")
    before = sha(src)
    out = tmp_path / "kq.xlsx"
    assert _run("check", src, "-o", out) == 0
    assert _run("tally", src, "-o", out) in (0, 1)
    bad = _hostile_workbook(tmp_path / "truong_loi.xlsx", bad_team=True)
    bad_before = sha(bad)
    assert _run("validate", bad, "-o", out) == 2  # the unknown team is an error
    assert sha(src) == before and sha(bad) == bad_before
    cells = _all_cells(out)
    assert {c.parent.title for c in cells} >= {s.RESULT_SHEETS["eligibility"], s.RESULT_SHEETS["tally"],
                                               s.RESULT_SHEETS["validation"]}
    found = {c.value.casefold() for c in cells if isinstance(c.value, str)}  # the reader recases names
    assert HYPERLINK.casefold() in found and DDE.casefold() in found and "@sum(a1)" in found
    by_sheet: dict[str, set[str]] = {}
    for c in cells:
        assert c.data_type != "f", (c.parent.title, c.coordinate, c.value)
        if isinstance(c.value, str) and is_formula_like(c.value):
            assert c.data_type == "s"
            by_sheet.setdefault(c.parent.title, set()).add(c.value)
    folded = {sheet: {v.casefold() for v in values} for sheet, values in by_sheet.items()}
    assert {HYPERLINK.casefold(), DDE.casefold()} <= folded[s.RESULT_SHEETS["eligibility"]]
    assert HYPERLINK.casefold() in folded[s.RESULT_SHEETS["tally"]]  # GV001 is a candidate on the ballot
    assert "@SUM(A1)" in by_sheet[s.RESULT_SHEETS["validation"]]
    _no_formula_part(out)


def test_every_hostile_text_reads_back_identical_from_both_writers(tmp_path: Path) -> None:
    table = ResultTable(s.RESULT_SHEETS["eligibility"], ["Mã", "Tên"], [[f"X{i}", v] for i, v in enumerate(HOSTILE)])
    path = write_results([table], tmp_path / "kq.xlsx")
    ws = load_workbook(path)[table.name]
    assert [(c.value, c.data_type) for c in ws["B"][1:]] == [(v, "s") for v in HOSTILE]
    # the raw-XML path of the add-in (FileBook → xlsx_parts), into a real standard workbook
    book = tmp_path / "book.xlsx"
    shutil.copy(DEMO, book)
    FileBook(book).replace_sheet(table)
    ws = load_workbook(book)[table.name]
    assert [(c.value, c.data_type) for c in ws["B"][1:]] == [(v, "s") for v in HOSTILE]
    _no_formula_part(book)


def test_the_ribbon_on_a_file_writes_hostile_names_as_text(tmp_path: Path) -> None:
    src = _hostile_workbook(tmp_path / "truong.xlsx")
    run_action("check", FileBook(src))
    ws = load_workbook(src)[s.RESULT_SHEETS["eligibility"]]
    names = [(c.value.casefold(), c.data_type) for c in ws["B"] if isinstance(c.value, str) and c.value[:1] == "="]
    assert sorted(names) == sorted([(HYPERLINK.casefold(), "s"), (DDE.casefold(), "s")])
    _no_formula_part(src)


class _FakeRange:
    def __init__(self, log: list[Any]) -> None:
        self.log = log

    @property
    def value(self) -> Any:
        return None

    @value.setter
    def value(self, grid: Any) -> None:
        self.log.append(grid)


class _FakeSheet:
    def __init__(self, name: str, log: list[Any]) -> None:
        self.name, self.log = name, log

    def clear(self) -> None:
        pass

    def __getitem__(self, ref: str) -> _FakeRange:
        return _FakeRange(self.log)


class _FakeSheets(list):  # type: ignore[type-arg]
    def __init__(self, log: list[Any]) -> None:
        super().__init__([_FakeSheet("Cán bộ", log)])
        self.log = log

    def add(self, name: str, after: Any = None) -> _FakeSheet:
        sheet = _FakeSheet(name, self.log)
        self.append(sheet)
        return sheet


class _FakeBook:
    """An xlwings Book recording the grids set on it (what Excel would be asked to type)."""

    def __init__(self) -> None:
        self.log: list[Any] = []
        self.sheets = _FakeSheets(self.log)
        self.name = "truong.xlsx"


def test_xlwings_book_sends_every_text_with_its_text_prefix() -> None:
    fake = _FakeBook()
    table = ResultTable(s.RESULT_SHEETS["eligibility"], ["Mã", "Tên"],
                        [["GV001", v] for v in HOSTILE] + [["00123", "TRUE"], ["GV002", "Nguyễn Thị Hồng"]])
    XlwingsBook(fake).replace_sheet(table)
    grid = fake.log[-1]
    names = [row[1] for row in grid[1:]]
    assert names[:len(HOSTILE)] == ["'" + v for v in HOSTILE]  # Excel stores the text, not a formula
    assert grid[-2] == ["'00123", "'TRUE"] and grid[-1] == ["GV002", "Nguyễn Thị Hồng"]
    assert typed_text(3) == 3 and typed_text(None) is None


# ----------------------------------------------------------------------------- 6. the user's mistakes: exit 2


def _corrupt(src: Path, dst: Path, sheet: str) -> Path:
    with zipfile.ZipFile(src) as z:
        wb_xml = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        import re

        rid = re.search(rf'name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb_xml).group(1)  # type: ignore[union-attr]
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        part = "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")  # type: ignore[union-attr]
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
            for info in z.infolist():
                data = z.read(info.filename)
                if info.filename == part:
                    data = data[: len(data) // 2] + b'<c r="Z9" t="s"><v>1'  # cut in the middle of an element
                out.writestr(info, data)
    return dst


@pytest.mark.parametrize("command", ["validate", "check", "tally", "report"])
def test_corrupt_sheet_xml_names_the_sheet(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    src = _corrupt(DEMO, tmp_path / "hong.xlsx", s.STAFF.name)
    before = sha(src)
    extra = ["-o", str(tmp_path / "out")] if command == "report" else []
    assert _run(command, src, *extra) == 2
    err = capsys.readouterr().err
    assert f"'{s.STAFF.name}'" in err and "bị hỏng" in err and "hỗ trợ" not in err
    assert sha(src) == before


def test_corrupt_sheet_xml_on_the_ribbon_names_the_sheet(tmp_path: Path) -> None:
    src = _corrupt(DEMO, tmp_path / "hong.xlsx", s.STAFF.name)
    before = sha(src)
    text = run_action("check", FileBook(src))
    assert f"'{s.STAFF.name}'" in text and "bị hỏng" in text and "hỗ trợ" not in text
    assert sha(src) == before


def _deny_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder: chmod, and (for root, whom chmod does not stop) the calls that create files
    refused there as the system would."""
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        real_open, real_mkdir = os.open, os.mkdir

        def inside(path: Any) -> bool:
            return Path(os.fsdecode(path)).resolve().parent == folder.resolve() or \
                folder.resolve() in Path(os.fsdecode(path)).resolve().parents

        def deny_open(path: Any, flags: int, *a: Any, **k: Any) -> int:
            if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and inside(path):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            return real_open(path, flags, *a, **k)

        def deny_mkdir(path: Any, *a: Any, **k: Any) -> None:
            if inside(path):
                raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
            real_mkdir(path, *a, **k)

        monkeypatch.setattr(os, "open", deny_open)
        monkeypatch.setattr(os, "mkdir", deny_mkdir)
        monkeypatch.setattr(os, "access", lambda p, mode, **k: not (mode & os.W_OK and inside(Path(p) / "x")))


@pytest.mark.parametrize("command", [["check"], ["validate", "-o"], ["tally"], ["report", "-o", "{ro}/ho_so"]])
def test_read_only_folder_suggests_another_place(tmp_path: Path, command: list[str],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ro = tmp_path / "chi_doc"
    ro.mkdir()
    src = ro / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    _deny_writes_in(ro, monkeypatch)
    try:
        code = _run(command[0], src, *[a.replace("{ro}", str(ro)) for a in command[1:]])
        err = capsys.readouterr().err
    finally:
        monkeypatch.undo()
        ro.chmod(0o755)
    assert code == 2, err
    assert "chỉ đọc" in err and "-o" in err
    assert ".~" not in err and ".lock" not in err and "hỗ trợ" not in err
    assert sha(src) == before and sorted(p.name for p in ro.iterdir()) == ["truong.xlsx"]


def test_file_name_too_long_is_exit_2_with_a_short_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    long_name = "a" * 300 + ".xlsx"
    assert _run("check", tmp_path / long_name) == 2
    err = capsys.readouterr().err
    assert "quá dài" in err and "a" * 81 not in err
    assert _run("check", src, "-o", tmp_path / long_name) == 2
    err = capsys.readouterr().err
    assert "quá dài" in err and "a" * 81 not in err and ".~" not in err
    assert _run("report", src, "-o", tmp_path / ("d" * 300)) == 2
    err = capsys.readouterr().err
    assert "quá dài" in err and "d" * 81 not in err
    assert sha(src) == before


def test_report_into_the_input_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    assert _run("report", src, "-o", src) == 2
    assert "chính là sổ tính dữ liệu" in capsys.readouterr().err
    other = tmp_path / "ghi_chu.txt"
    other.write_text("của trường")
    assert _run("report", src, "-o", other) == 2
    assert "không phải thư mục" in capsys.readouterr().err
    assert sha(src) == before and other.read_text() == "của trường"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ghi_chu.txt", "truong.xlsx"]


def test_disk_full_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)

    def full(*a: Any, **k: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("thidua_xl.workbook.xlsx_parts._write_sheet", full)
    assert _run("check", src) == 2
    err = capsys.readouterr().err
    assert "ổ đĩa đã đầy" in err and ".~" not in err
    assert sha(src) == before and sorted(p.name for p in tmp_path.iterdir()) == ["truong.xlsx"]


def test_display_path_keeps_both_ends() -> None:
    text = fileio.display_path("/x/" + "b" * 200 + "/truong_ketqua.xlsx")
    assert len(text) == fileio.QUOTE_MAX and text.startswith("/x/bbb") and text.endswith("truong_ketqua.xlsx")
    assert fileio.display_path("ngắn.xlsx") == "ngắn.xlsx"


# ----------------------------------------------------------------------------- 7. written as a whole


@pytest.fixture(scope="module")
def dossier_inputs() -> tuple[Any, ...]:
    data = api.read(DEMO)
    return (data,)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _old_dossier(tmp_path: Path, data: Any) -> tuple[Path, dict[str, bytes]]:
    """A dossier written once, then each of its files marked so that any replacement shows."""
    out = tmp_path / "ho_so"
    api.report(data, out)
    (out / "cua_truong.txt").write_text("tệp riêng của trường")
    files = json.loads((out / ".thidua_hoso.json").read_text(encoding="utf-8"))["files"]
    for rel in files:
        (out / rel).write_bytes(b"old " + rel.encode())
    return out, _tree(out)


def test_dossier_failure_while_swapping_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               dossier_inputs: tuple[Any, ...]) -> None:
    out, before = _old_dossier(tmp_path, dossier_inputs[0])
    real = os.replace
    placed = []

    def flaky(a: Any, b: Any) -> None:
        if ".~moi-" in str(a):
            placed.append(a)
            if len(placed) == 3:  # half-way through moving the new documents in (e.g. one open in Word)
                raise PermissionError(errno.EACCES, "Permission denied", str(b))
        real(a, b)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError):
        api.report(dossier_inputs[0], out)
    monkeypatch.undo()
    assert len(placed) == 3
    assert _tree(out) == before  # every previous document, the manifest and the school's own file
    assert not [p for p in out.iterdir() if p.name.startswith(".~")]


def test_dossier_failure_while_writing_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              dossier_inputs: tuple[Any, ...],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    out, before = _old_dossier(tmp_path, dossier_inputs[0])
    real = Path.write_bytes
    calls = []

    def disk_full(self: Path, data: bytes) -> int:
        if ".~moi-" in str(self):
            calls.append(self)
            if len(calls) == 4:
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    sum_before = sha(src)
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    assert _run("report", src, "-o", out) == 2
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "ổ đĩa đã đầy" in err and ".~" not in err
    assert _tree(out) == before and not [p for p in out.iterdir() if p.name.startswith(".~")]
    assert sha(src) == sum_before


def test_dossier_rerun_replaces_the_previous_one_whole(tmp_path: Path, dossier_inputs: tuple[Any, ...]) -> None:
    out, before = _old_dossier(tmp_path, dossier_inputs[0])
    (out / "05_bao_cao_thanh_tich" / "999_cu.docx").write_bytes(b"stale")
    manifest = json.loads((out / ".thidua_hoso.json").read_text(encoding="utf-8"))
    manifest["files"].append("05_bao_cao_thanh_tich/999_cu.docx")
    (out / ".thidua_hoso.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = api.report(dossier_inputs[0], out)
    after = _tree(out)
    assert "05_bao_cao_thanh_tich/999_cu.docx" not in after  # the previous run's file it no longer makes
    assert after["cua_truong.txt"] == before["cua_truong.txt"]
    assert all(not after[p.relative_to(out).as_posix()].startswith(b"old ") for p in result.files)
    assert not [p for p in out.iterdir() if p.name.startswith(".~")]


def _busy_lock(target: Path) -> Path:
    """A lock held by a live process (this one)."""
    lock = fileio.lock_path(target)
    lock.write_text(f"{os.getpid()} {__import__('socket').gethostname()}\n")
    return lock


def test_a_second_run_waits_then_fails_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    results = tmp_path / "truong_ketqua.xlsx"
    lock = _busy_lock(results)
    monkeypatch.setattr(fileio, "LOCK_WAIT", 0.5)
    start = time.monotonic()
    assert _run("check", src) == 2
    assert time.monotonic() - start < 10
    err = capsys.readouterr().err
    assert "đang được một lần chạy khác ghi" in err and lock.name in err and "0.5 giây" in err
    assert not results.exists() and lock.exists()
    lock.unlink()
    assert _run("check", src) == 0 and results.exists() and not lock.exists()
    assert sha(src) == before


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(proc.stdout)
    target = tmp_path / "kq.xlsx"
    lock = fileio.lock_path(target)
    lock.write_text(f"{dead} {__import__('socket').gethostname()}\n")
    table = ResultTable(s.RESULT_SHEETS["eligibility"], ["Mã"], [["GV001"]])
    write_results([table], target)
    assert load_workbook(target).sheetnames == [table.name] and not lock.exists()


def test_two_runs_at_once_keep_each_others_sheets(tmp_path: Path) -> None:
    target = tmp_path / "kq.xlsx"
    names = [s.RESULT_SHEETS["eligibility"], s.RESULT_SHEETS["tally"], s.RESULT_SHEETS["validation"]]
    tables = [ResultTable(n, ["Mã", "Tên"], [[f"GV{i:03d}", "Nguyễn Văn A"] for i in range(300)]) for n in names]
    errors: list[BaseException] = []

    def work(table: ResultTable) -> None:
        try:
            for _ in range(3):
                write_results([table], target)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in tables]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(load_workbook(target).sheetnames) == sorted(names)
    assert not fileio.lock_path(target).exists()


def test_results_file_keeps_its_mode(tmp_path: Path) -> None:
    if os.name != "posix":
        pytest.skip("file modes are POSIX")
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    results = tmp_path / "truong_ketqua.xlsx"
    assert _run("check", src) == 0
    results.chmod(0o640)
    assert _run("validate", src, "-o") == 0
    assert results.stat().st_mode & 0o777 == 0o640
    assert set(load_workbook(results).sheetnames) >= {s.RESULT_SHEETS["eligibility"], s.RESULT_SHEETS["validation"]}
    book = tmp_path / "book.xlsx"
    shutil.copy(DEMO, book)
    book.chmod(0o604)
    FileBook(book).replace_sheet(ResultTable(s.RESULT_SHEETS["eligibility"], ["Mã"], [["GV001"]]))
    assert book.stat().st_mode & 0o777 == 0o604
    assert sha(src) == before


def test_lock_in_a_missing_folder_is_created_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "moi" / "kq.xlsx"
    with fileio.file_lock(target) as lock:
        assert lock.exists() and lock.read_text().split()[0] == str(os.getpid())
        with pytest.raises(InputError):
            with fileio.file_lock(target, timeout=0.2):
                pass
    assert not lock.exists()


# ----------------------------------------------------------------------------- 11. a closed pipe


@pytest.mark.parametrize("command", [["check"], ["validate", "-o"], ["tally"]])
def test_a_closed_pipe_loses_nothing(tmp_path: Path, command: list[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = sha(src)
    args = [sys.executable, "-m", "thidua_xl.cli", command[0], str(src), *command[1:]]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    normal = subprocess.run(args, capture_output=True, env=env, timeout=300)
    results = tmp_path / "truong_ketqua.xlsx"
    sheets = load_workbook(results).sheetnames
    results.unlink()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head` that has already gone: every write meets a closed pipe
    err = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=300)
    assert code == normal.returncode, err
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err
    assert load_workbook(results).sheetnames == sheets  # the results were written all the same
    assert sha(src) == before


def test_closed_pipe_guard_silences_only_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    guard = cli._ClosedPipeGuard(Closed())
    assert guard.write("xin chào") == len("xin chào")
    guard.flush()
    assert guard.closed_pipe
