"""``perf.forked``: a step run in a second process while this one goes on (``thidua check`` writes its
results workbook while it prints). The value, an error, a child that dies and a process with a thread all
end the same way as running the step here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from thidua_xl import cli, perf
from thidua_xl.errors import InputError

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
needs_fork = pytest.mark.skipif(not perf.can_fork(), reason="forks only on Linux with no other thread")


def _pid_and(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


@needs_fork
def test_the_value_comes_from_another_process() -> None:
    pid, value = perf.forked(_pid_and, 21).result()
    assert value == 42
    assert pid != os.getpid()


def _refuse(path: str) -> None:
    raise InputError(f"Không ghi được '{path}'.")


@needs_fork
def test_an_error_in_the_child_is_raised_here_with_its_message() -> None:
    pending = perf.forked(_refuse, "kq.xlsx")
    with pytest.raises(InputError, match="Không ghi được 'kq.xlsx'"):
        pending.result()


@needs_fork
def test_a_child_that_dies_leaves_the_work_to_this_process() -> None:
    parent = os.getpid()

    def die_in_child() -> int:
        if os.getpid() != parent:
            os._exit(9)  # killed, out of memory: nothing is sent back
        return os.getpid()

    assert perf.forked(die_in_child).result() == parent


def test_with_another_thread_running_the_step_runs_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not perf.can_fork()
        pid, value = perf.forked(_pid_and, 5).result()
    finally:
        stop.set()
        other.join()
    assert (pid, value) == (os.getpid(), 10)


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_check_refusing_to_write_into_its_input_exits_2_and_leaves_it_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "truong.xlsx"
    shutil.copy(DEMO, src)
    before = src.read_bytes()
    code = cli.main(["check", str(src), "-o", str(src)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Không ghi kết quả vào chính sổ tính dữ liệu" in err
    assert "Traceback" not in err
    assert src.read_bytes() == before


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_check_writes_its_results_while_printing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "kq.xlsx"
    assert cli.main(["check", str(DEMO), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Đã ghi" in printed and out.name in printed
    wb = load_workbook(out, read_only=True)
    try:
        rows = list(wb["Kết quả xét"].iter_rows(values_only=True))
    finally:
        wb.close()
    assert any(r and r[0] == "GV001" for r in rows)


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_check_leaves_the_collector_on_and_no_thread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gc

    assert gc.isenabled()
    assert cli.main(["check", str(DEMO), "-o", str(tmp_path / "kq.xlsx"), "--json"]) == 0
    capsys.readouterr()
    assert gc.isenabled() and threading.active_count() == 1


def _program(*args: str, stdout: int | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "thidua_xl.cli", *args], stdout=stdout or subprocess.PIPE,
                            stderr=subprocess.PIPE)


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_the_program_leaving_at_once_loses_no_output_and_keeps_its_exit_code(tmp_path: Path) -> None:
    """`thidua check` ends its process at once (cli.program): the JSON through a pipe is whole, the results
    workbook is written, the exit codes are the documented ones."""
    out = tmp_path / "kq.xlsx"
    proc = _program("check", str(DEMO), "-o", str(out), "--json")
    text, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    data = json.loads(text)
    assert len(data["ca_nhan"]) > 100 and data["tap_the"]
    assert zipfile.is_zipfile(out)
    proc = _program("check", str(tmp_path / "khong_co.xlsx"))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "Không tìm thấy tệp" in err.decode()


@pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")
def test_the_program_with_its_reader_gone_still_writes_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "kq.xlsx"
    proc = _program("check", str(DEMO), "-o", str(out))
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()  # `| head -1`
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert "Traceback" not in err.decode()
    assert zipfile.is_zipfile(out)
