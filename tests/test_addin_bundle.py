"""`thidua addin bundle`: the offline installer for Windows, made on this (Linux) machine with real pip.

One real bundle for Python 3.11 (downloads from the package index; pip's cache makes reruns quick) is then
resolved offline exactly as the school PC will (``pip install --dry-run --no-index --find-links wheels
--platform win_amd64``); its script, guide and manifest are read back. The unreachable index gives exit 2 and a
Vietnamese message. The logic pip cannot show on Linux (Windows-only markers, an sdist-only dependency) is
checked with pip replaced at the subprocess boundary.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from thidua_xl import cli
from thidua_xl.excel import bundle
from thidua_xl.reports import pdf

PYTHON = "3.11"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A real bundle for one Python version: (folder, stdout, stderr) of the CLI."""
    out = tmp_path_factory.mktemp("bundle") / "bo_cai"
    done = subprocess.run([sys.executable, "-m", "thidua_xl.cli", "addin", "bundle", "-o", str(out),
                           "--python", PYTHON], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    return out, done.stdout, done.stderr


def _dry_run(wheels: Path, target: Path, *requirements: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(wheels),
           "--platform", "win_amd64", "--only-binary=:all:", "--python-version", PYTHON, "--implementation", "cp",
           "--target", str(target), *requirements]
    return subprocess.run(cmd, capture_output=True, text=True, env=bundle.offline_env(), check=False)


def test_bundle_resolves_offline_for_windows(made: tuple[Path, str, str], tmp_path: Path) -> None:
    folder, stdout, stderr = made
    done = _dry_run(folder / "wheels", tmp_path / "t", "thidua_xl")
    assert done.returncode == 0, done.stdout + done.stderr
    would = re.search(r"Would install (.*)", done.stdout)
    assert would, done.stdout
    names = {re.sub(r"-[^-]+$", "", item).lower().replace("_", "-") for item in would.group(1).split()}
    for name in ("thidua-xl", "xlwings", "openpyxl", "pandas", "numpy", "python-calamine", "python-docx",
                 "docxtpl", "jinja2", "pyyaml", "rich", "matplotlib", "ms-ovba"):
        assert name in names, (name, sorted(names))
    # pip on Linux leaves out xlwings' Windows-only dependency: the bundle adds it, and it installs offline too
    assert any(p.name.startswith("pywin32-") and "cp311-win_amd64" in p.name for p in (folder / "wheels").iterdir())
    assert _dry_run(folder / "wheels", tmp_path / "t2", "thidua_xl", "pywin32").returncode == 0
    # progress: one line per step, then the files pip saved
    assert "Bước 1" in stderr and "Bước 2 (1/1)" in stderr and "Bước 3" in stderr
    assert "xlwings-" in stderr
    assert "Đã tạo bộ cài ngoại tuyến" in stdout


def test_nothing_else_can_satisfy_the_offline_resolution(made: tuple[Path, str, str], tmp_path: Path) -> None:
    """The check can fail: without the bundle's wheels the same resolution does not go through."""
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _dry_run(empty, tmp_path / "t", "thidua_xl").returncode != 0


def test_manifest_lists_every_wheel_with_its_sha256(made: tuple[Path, str, str]) -> None:
    folder = made[0]
    entries = bundle.read_manifest(folder / "DANH_SACH.txt")
    on_disk = sorted(p.name for p in (folder / "wheels").glob("*.whl"))
    assert sorted(e.name for e in entries) == on_disk
    for e in entries:
        data = (folder / "wheels" / e.name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == e.sha256, e.name
        assert len(data) == e.size and e.targets == (PYTHON,)
    header = (folder / "DANH_SACH.txt").read_text(encoding="utf-8")
    assert "Python: 3.11" in header and "win_amd64" in header and "certutil" in header


def test_install_script(made: tuple[Path, str, str]) -> None:
    raw = (made[0] / "cai_dat.bat").read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"") and raw.endswith(b"\r\n")  # CRLF only
    assert not raw.startswith(b"\xef\xbb\xbf")  # no BOM: cmd would read it as part of the first command
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == "@echo off" and lines[1] == "chcp 65001 >nul"
    assert all(line.isascii() for line in lines[:2])
    text = "\n".join(lines)
    assert re.search(r'-m pip install --no-index --find-links "%~dp0wheels" .*thidua_xl$', text, re.M)
    assert "--user" not in text  # a --user install puts xlwings' DLL where Excel does not look
    finders = ["for %%v in (3.11) do call :try_python py -%%v", "call :try_python py -3", "call :try_python python"]
    assert [line for line in lines if ":try_python " in line] == finders
    assert 'call %* -c "import sys" >nul 2>nul' in lines and 'if not errorlevel 1 set "PY=%*"' in lines
    assert "for %%v in (3.14 3.12 3.10) do" in bundle.install_script(["3.10", "3.12", "3.14"])  # newest first
    assert "call %PY% -m thidua_xl.cli addin install" in text and "call %PY% -m thidua_xl.cli addin doctor" in text
    assert "sys.version_info[:2] not in [(3, 11)]" in text
    # every command that can fail is followed by an errorlevel check going to a label that exists
    cli_cmd = "call %PY% -m thidua_xl.cli addin"
    for cmd in ("call %PY% -m pip install", f"{cli_cmd} install", f"{cli_cmd} doctor"):
        i = next(n for n, line in enumerate(lines) if line.startswith(cmd))
        assert lines[i + 1].startswith("if errorlevel 1 goto "), lines[i + 1]
    labels = {line[1:] for line in lines if line.startswith(":")}
    assert {m for m in re.findall(r"goto (\w+)", text)} <= labels
    assert "thidua addin doctor" in text and "pause" in lines
    assert "Đã cài xong" in text and unicodedata.is_normalized("NFC", text)


def test_the_scripts_python_checks_run(tmp_path: Path) -> None:
    """The one-line checks of cai_dat.bat, run by this Python: the version check passes for a bundle that
    covers it and fails for one that does not; the per-user check passes where site-packages is writable."""
    import sysconfig

    here = f"{sys.version_info[0]}.{sys.version_info[1]}"
    platform = sysconfig.get_platform().replace("-", "_")

    def checks(pythons: list[str], platforms: list[str]) -> list[str]:
        script = bundle.install_script(pythons, platforms=platforms)
        return [m.group(1) for m in re.finditer(r'^call %PY% -c "(.*?)"(?: >nul 2>nul)?\r?$', script, re.M)]

    def rc(code: str) -> int:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode

    ours = checks([here], [platform])
    assert len(ours) == 4 and [rc(c) for c in ours] == [0] * 4, ours
    assert "tempfile" in ours[2]  # site-packages writable
    other_version, other_platform = checks(["3.99"], ["win_amd64"])[0:2]
    assert rc(other_version) == 1 and rc(other_platform) == 1


FAKE_PY = ('@echo off\r\nset /a PYCALLS+=1\r\necho [{name} %PYCALLS%] %*\r\n'
           'if "%PYCALLS%"=="%FAIL_AT%" exit /b 1\r\nexit /b 0\r\n')


@pytest.mark.skipif(shutil.which("wine") is None, reason="Wine is not installed: no cmd.exe to run the script")
def test_the_script_runs_in_cmd(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """cai_dat.bat in Wine's cmd.exe, with fake ``py``/``python`` (.bat: each call counted and echoed; call
    number FAIL_AT fails): the newest covered Python is used, an older one when it is missing, ``python`` when
    there is no launcher; a failing pip stops with its message; every run ends in ``pause``."""
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "cai_dat.bat").write_bytes(bundle.install_script(["3.11", "3.12"]).encode("utf-8"))
    for folder, name in (("launcher", "py"), ("path", "python")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{name}.bat").write_bytes(FAKE_PY.format(name=name).encode())
    prefix = tmp_path_factory.getbasetemp().parent / "wineprefix"  # kept between runs (~8 s to create)

    def run(folder: str, fail_at: str = "") -> tuple[int, list[str]]:
        env = {**os.environ, "WINEDEBUG": "-all", "WINEPREFIX": str(prefix), "FAIL_AT": fail_at,
               "WINEPATH": f"Z:{tmp_path / folder}".replace("/", "\\")}
        done = subprocess.run(["wine", "cmd", "/c", f"Z:{tmp_path / 'b' / 'cai_dat.bat'}".replace("/", "\\")],
                              input=b"\n", capture_output=True, env=env, timeout=120, check=False)
        text = done.stdout.decode("utf-8", "replace")
        return done.returncode, [line for line in text.splitlines() if line.startswith("[")]

    code, calls = run("launcher")
    assert code == 0 and calls[-1].endswith("-3.12 -m thidua_xl.cli addin doctor"), calls
    assert any("-3.12 -m pip install --no-index --find-links" in c for c in calls)
    code, calls = run("launcher", fail_at="1")  # no 3.12: the launcher's 3.11
    assert code == 0 and calls[-1].endswith("-3.11 -m thidua_xl.cli addin doctor"), calls
    code, calls = run("path")  # no launcher
    assert code == 0 and calls[-1].startswith("[python") and calls[-1].endswith("addin doctor"), calls
    code, calls = run("launcher", fail_at="5")  # pip fails: nothing after it
    assert code == 1 and "-m pip install" in calls[-1], calls


def test_echo_escapes_what_cmd_would_read_as_syntax() -> None:
    assert bundle._echo("a & b | c > d < e ^ 50%") == ["echo a ^& b ^| c ^> d ^< e ^^ 50%%"]
    assert bundle._echo("x\n\ny") == ["echo x", "echo.", "echo y"]


def _docx_text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_guide_in_vietnamese_on_one_page(made: tuple[Path, str, str]) -> None:
    folder = made[0]
    text = _docx_text(folder / "HUONG_DAN.docx")
    for words in ("HƯỚNG DẪN CÀI ĐẶT", "cai_dat.bat", "python.org", "cho riêng người dùng", "Thi đua",
                  "Kiểm tra cài đặt", "wheels", "DANH_SACH.txt", "Python 3.11"):
        assert words in text, words
    assert unicodedata.is_normalized("NFC", text)
    if not pdf.available():
        pytest.skip("LibreOffice is not installed: no PDF to count pages of")
    from pypdf import PdfReader

    reader = PdfReader(str(folder / "HUONG_DAN.pdf"))
    assert len(reader.pages) == 1
    assert "Kiểm tra cài đặt" in unicodedata.normalize("NFC", reader.pages[0].extract_text())


def test_rerun_replaces_only_its_own_files(made: tuple[Path, str, str], tmp_path: Path) -> None:
    folder = tmp_path / "bo_cai"
    shutil.copytree(made[0], folder)  # the module's bundle stays as made for the other tests
    stale = folder / "wheels" / "old_thing-1.0-py3-none-any.whl"
    stale.write_bytes(b"old")
    mine = folder / "ghi_chu.txt"
    mine.write_text("của tổ tin học", encoding="utf-8")
    before = (folder / "DANH_SACH.txt").read_text(encoding="utf-8")
    assert cli.main(["addin", "bundle", "-o", str(folder), "--python", PYTHON, "--no-pdf"]) == 0
    assert not stale.exists()  # a wheel no covered Python uses
    assert mine.read_text(encoding="utf-8") == "của tổ tin học"
    assert not (folder / "HUONG_DAN.pdf").exists()  # asked for none: an old one would not match the guide
    after = [e.name for e in bundle.read_manifest(folder / "DANH_SACH.txt")]
    assert after == [line.split()[-1].split("/", 1)[1] for line in before.splitlines() if not line.startswith("#")]


def test_a_folder_with_other_files_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bao_cao.docx").write_bytes(b"x")
    assert cli.main(["addin", "bundle", "-o", str(tmp_path), "--python", PYTHON]) == 2
    err = capsys.readouterr().err
    assert "không phải bộ cài cũ" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao_cao.docx"]


def test_a_half_made_bundle_can_be_made_again_and_a_renamed_wheel_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bo_cai"
    (folder / "wheels").mkdir(parents=True)
    (folder / "wheels" / "numpy-2.0-cp311-cp311-win_amd64.whl").write_bytes(b"partial")  # stopped half-way
    bundle._prepare_folder(folder)  # no complaint: only the bundle's own names are there
    renamed = tmp_path / "thidua.whl"
    renamed.write_bytes(b"PK")
    with pytest.raises(bundle.BundleError, match="không phải một tệp wheel"):
        bundle.make_bundle(folder, pythons=[PYTHON], wheel=renamed, pdf=False)


def test_no_network_is_exit_2_with_a_vietnamese_message(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_INDEX_URL="http://127.0.0.1:9/", PIP_CONFIG_FILE=os.devnull, PIP_RETRIES="0")
    out = tmp_path / "bo_cai"
    done = subprocess.run([sys.executable, "-m", "thidua_xl.cli", "addin", "bundle", "-o", str(out), "--python",
                           PYTHON, "--no-pdf"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 2, done.stderr
    assert "Không kết nối được kho gói Python" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert not out.exists()  # nothing left behind


def test_python_versions_from_requires_python() -> None:
    assert bundle.supported_pythons(">=3.10", None) == [v for v in bundle.CANDIDATE_PYTHONS if v >= "3.10"]
    assert bundle.supported_pythons(">=3.10", ["3.12", "3.11", "3.12"]) == ["3.11", "3.12"]
    with pytest.raises(bundle.BundleError, match="không chạy trên Python 3.9"):
        bundle.supported_pythons(">=3.10", ["3.9"])
    with pytest.raises(bundle.BundleError, match="không đúng dạng"):
        bundle.supported_pythons(">=3.10", ["python3"])


def test_requirements_come_from_the_wheel_metadata(made: tuple[Path, str, str]) -> None:
    project = next((made[0] / "wheels").glob("thidua_xl-*.whl"))
    dist = bundle.wheel_distribution(project)
    reqs = bundle.runtime_requirements(dist, PYTHON, "win_amd64")
    from importlib.metadata import requires

    declared = [r for r in requires("thidua_xl") or [] if "extra ==" not in r]
    assert {re.split(r"[<>=!~ ;\[]", r)[0] for r in declared} <= {re.split(r"[<>=!~ ;\[]", r)[0] for r in reqs}
    assert not any("pytest" in r for r in reqs)  # the test extra is not shipped


# ----------------------------------------------------------------------------- markers and sdists, pip mocked


def _item(name: str, requires: list[str], extras: list[str] | None = None) -> dict[str, object]:
    return {"metadata": {"name": name, "version": "1.0", "requires_dist": requires},
            "requested_extras": extras or [], "download_info": {"url": f"file:///w/{name}-1.0-py3-none-any.whl"}}


def test_windows_markers_are_evaluated_for_the_target() -> None:
    items = [_item("xlwings", ['pywin32>=224; platform_system == "Windows"', 'appscript; platform_system == "Darwin"',
                               'pytest; extra == "test"']),
             _item("pandas", ['tzdata; sys_platform == "win32"', 'numpy>=2; python_version >= "3.11"']),
             _item("numpy", []),
             _item("rich", ['colorama; extra == "win"']),
             _item("app", ["rich[win]"])]
    assert bundle.missing_for_target(items, "3.11", "win_amd64") == ["colorama", "pywin32>=224", "tzdata"]
    assert bundle.missing_for_target(items[:1], "3.11", "win_amd64") == ["pywin32>=224"]
    assert "pywin32>=224" not in bundle.missing_for_target(
        [_item("x", ['pywin32>=224; platform_system == "Linux"'])], "3.11", "win_amd64")


NO_MATCH = ("ERROR: Could not find a version that satisfies the requirement purelib>=1 (from versions: none)\n"
            "ERROR: No matching distribution found for purelib>=1\n")


class FakePip:
    """pip at the subprocess boundary: ``download`` for the target fails once (no wheel for it), the probe for
    this machine finds a wheel or not (``compiled``), ``wheel`` builds ``built`` from the sdist."""

    def __init__(self, built: str = "purelib-1.0-py3-none-any.whl", compiled: bool = False) -> None:
        self.built, self.compiled = built, compiled
        self.calls: list[list[str]] = []
        self.downloads = 0

    def __call__(self, cmd: list[str], env: Mapping[str, str] | None,
                 on_line: Callable[[str], None] | None) -> tuple[int, str]:
        self.calls.append(cmd)
        verb = cmd[3]
        if verb == "download" and "--platform" not in cmd:  # the probe: a wheel for this machine?
            return (0, "Saved\n") if self.compiled else (1, NO_MATCH)
        if verb == "download":
            self.downloads += 1
            return (1, NO_MATCH) if self.downloads == 1 else (0, "Successfully downloaded\n")
        if verb == "wheel":
            out = Path(cmd[cmd.index("--wheel-dir") + 1])
            (out / self.built).write_bytes(b"built")
            return 0, ""
        if verb == "install":
            report = Path(cmd[cmd.index("--report") + 1])
            report.write_text(json.dumps({"install": [_item("purelib", [])]}), encoding="utf-8")
            return 0, ""
        raise AssertionError(cmd)


def _project_wheel(folder: Path, requires: list[str]) -> Path:
    wheel = folder / "demo-1.0-py3-none-any.whl"
    meta = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Python: >=3.10\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(wheel, "w") as z:
        z.writestr("demo-1.0.dist-info/METADATA", meta)
    return wheel


def test_a_pure_python_sdist_is_built_into_a_wheel(tmp_path: Path) -> None:
    project = _project_wheel(tmp_path, ["purelib>=1"])
    fake = FakePip()
    files = bundle.gather(tmp_path, project, PYTHON, "win_amd64", fake)
    assert [f.name for f in files] == ["purelib-1.0-py3-none-any.whl"]
    assert (tmp_path / "purelib-1.0-py3-none-any.whl").is_file()
    verbs = [c[3] for c in fake.calls]
    assert verbs == ["download", "download", "wheel", "download", "install"]
    assert "--no-binary" in fake.calls[2] and "purelib>=1" in fake.calls[2]


def test_a_compiled_sdist_is_refused_with_the_reason(tmp_path: Path) -> None:
    project = _project_wheel(tmp_path, ["purelib>=1"])
    with pytest.raises(bundle.BundleError, match="không có bản dựng sẵn"):
        bundle.gather(tmp_path, project, PYTHON, "win_amd64", FakePip("purelib-1.0-cp311-cp311-linux_x86_64.whl"))


def test_a_compiled_package_without_a_wheel_for_the_target_is_not_built_here(tmp_path: Path) -> None:
    project = _project_wheel(tmp_path, ["purelib>=1"])
    fake = FakePip(compiled=True)
    with pytest.raises(bundle.BundleError, match="chưa có bản dựng sẵn .* cho Python 3.11 trên win_amd64"):
        bundle.gather(tmp_path, project, PYTHON, "win_amd64", fake)
    assert "wheel" not in [c[3] for c in fake.calls]


def test_pip_failure_shows_its_tail_and_the_command(tmp_path: Path) -> None:
    def failing(cmd: list[str], env: Mapping[str, str] | None, on_line: Callable[[str], None] | None) -> tuple[int, str]:
        return 1, "\n".join(f"line {i}" for i in range(40)) + "\nERROR: ResolutionImpossible\n"

    project = _project_wheel(tmp_path, ["xlwings"])
    with pytest.raises(bundle.BundleError) as caught:
        bundle.gather(tmp_path, project, PYTHON, "win_amd64", failing)
    message = str(caught.value)
    assert "ResolutionImpossible" in message and "line 39" in message and "line 10" not in message
    assert "pip download" in message and "--platform win_amd64" in message


# ----------------------------------------------------------------------------- an installed (non-editable) package


def test_an_installed_package_is_packed_back_into_the_same_wheel(made: tuple[Path, str, str], tmp_path: Path) -> None:
    project = next((made[0] / "wheels").glob("thidua_xl-*.whl"))
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target",
                           str(target), str(project)], capture_output=True, text=True, env=bundle.offline_env(),
                          check=False)
    assert done.returncode == 0, done.stderr
    from importlib.metadata import PathDistribution

    info = next(target.glob("thidua_xl-*.dist-info"))
    again = bundle.repack(PathDistribution(info), tmp_path / "out")
    assert again.name == project.name
    with zipfile.ZipFile(project) as a, zipfile.ZipFile(again) as b:
        skip = ("RECORD", "WHEEL")
        left = {n: a.read(n) for n in a.namelist() if n.rsplit("/", 1)[-1] not in skip}
        right = {n: b.read(n) for n in b.namelist() if n.rsplit("/", 1)[-1] not in skip}
        assert left == right
    assert _dry_run(tmp_path / "out", tmp_path / "t", "--no-deps", "thidua_xl").returncode == 0
