"""Installing the add-in for one user, without admin rights, and checking the installation (the doctor).

Where things go is computed per operating system from the user's home and environment (:func:`layout`),
so the Windows and macOS layouts are tested on any machine against a fake home:

* Windows: the add-in in ``%APPDATA%\\Microsoft\\Excel\\XLSTART``; the user config that xlwings' VBA reads
  (``GetConfigFilePath``: ``%USERPROFILE%\\.thidua\\thidua.conf``) with ``Interpreter_Win`` = the
  ``pythonw.exe`` of the Python running the command and ``Use UDF Server``.
* macOS: the add-in in Excel's ``Startup/Excel`` folder of the Office group container; the config in
  Excel's sandbox home (``~/Library/Containers/com.microsoft.Excel/Data/thidua.conf``) with
  ``Interpreter_Mac``; the ``xlwings-<version>.applescript`` that every RunPython call needs in
  ``~/Library/Application Scripts/com.microsoft.Excel``.

The config file has the format of VBA's ``Write #`` (``"key","value"`` per line), which ``GetConfigFromFile``
reads back with ``Input #``. The key ``THIDUA_INSTALLED`` lists the files this command created, so
``--uninstall`` removes exactly those (an AppleScript that was there before stays).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from thidua_xl.excel import addin
from thidua_xl.fileio import write_atomic
from thidua_xl.messages import t

ADDIN_NAME = "ThiDua.xlam"
INSTALLED_KEY = "THIDUA_INSTALLED"
MAC_GROUP = "UBF8T346G9.Office"  # Microsoft Office's group container on macOS
MAC_EXCEL = "com.microsoft.Excel"
WINDOWS, MACOS = "windows", "macos"


class InstallError(Exception):
    """A Vietnamese message for the user (no traceback)."""


def current_system() -> str:
    if sys.platform.startswith("win"):
        return WINDOWS
    if sys.platform == "darwin":
        return MACOS
    return sys.platform


@dataclass(frozen=True)
class Layout:
    system: str  # WINDOWS or MACOS
    home: Path
    startup_dir: Path  # Excel opens every add-in in it at start
    config_file: Path  # the user config xlwings' VBA reads for PROJECT_NAME
    applescript_dir: Path | None  # macOS: where AppleScriptTask finds its scripts
    env: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def addin_path(self) -> Path:
        return self.startup_dir / ADDIN_NAME

    @property
    def interpreter_key(self) -> str:
        return "Interpreter_Win" if self.system == WINDOWS else "Interpreter_Mac"

    @property
    def applescript(self) -> Path | None:
        if self.applescript_dir is None:
            return None
        return self.applescript_dir / f"xlwings-{addin.xlwings_version()}.applescript"


def layout(system: str | None = None, home: str | os.PathLike[str] | None = None,
           env: Mapping[str, str] | None = None) -> Layout:
    """Where the add-in, its config and (macOS) the AppleScript go for this user."""
    system = system or current_system()
    env = dict(os.environ if env is None else env)
    if system == WINDOWS:
        profile = Path(home) if home is not None else Path(env.get("USERPROFILE") or Path.home())
        appdata = Path(env.get("APPDATA") or profile / "AppData" / "Roaming")
        if home is not None:  # a fake home: the variables the VBA expands point into it
            appdata = profile / "AppData" / "Roaming"
            env.update(USERPROFILE=str(profile), APPDATA=str(appdata),
                       LOCALAPPDATA=str(profile / "AppData" / "Local"))
        return Layout(WINDOWS, profile, appdata / "Microsoft" / "Excel" / "XLSTART",
                      profile / f".{addin.PROJECT_NAME}" / f"{addin.PROJECT_NAME}.conf", None, env)
    if system == MACOS:
        base = Path(home) if home is not None else Path.home()
        library = base / "Library"
        return Layout(MACOS, base,
                      library / "Group Containers" / MAC_GROUP / "User Content" / "Startup" / "Excel",
                      library / "Containers" / MAC_EXCEL / "Data" / f"{addin.PROJECT_NAME}.conf",
                      library / "Application Scripts" / MAC_EXCEL, env)
    raise InstallError(t("addin.install_unsupported", platform=system, path=ADDIN_NAME))


def interpreter_for(lay: Layout, python: str | os.PathLike[str] | None = None) -> Path:
    """The interpreter Excel should start: ``pythonw.exe`` next to this Python on Windows (no console
    window), this Python itself on macOS."""
    exe = Path(python or sys.executable)
    if lay.system == WINDOWS and exe.name.lower() == "python.exe":
        windowed = exe.with_name("pythonw.exe")
        if windowed.exists():
            return windowed
    return exe


def _vba_path(lay: Layout, path: Path) -> str:
    """A path as the config holds it: on Windows under %USERPROFILE% written with the variable (GetConfig
    expands it), so a user name with Vietnamese letters stays out of the ANSI file."""
    text = str(path)
    if lay.system == WINDOWS:
        for var in ("LOCALAPPDATA", "APPDATA", "USERPROFILE"):
            value = lay.env.get(var)
            root = value.rstrip("\\/")
            if value and text.lower().startswith(root.lower()) and text[len(root):len(root) + 1] in ("\\", "/"):
                return f"%{var}%" + text[len(root):]
    return text


def config_text(settings: Mapping[str, str], system: str) -> str:
    """Lines as VBA's ``Write #`` makes them."""
    newline = "\r\n" if system == WINDOWS else "\n"
    for key, value in settings.items():
        if '"' in key or '"' in value:
            raise InstallError(t("addin.config_quote", name=key, value=value))
    return "".join(f'"{k}","{v}"{newline}' for k, v in settings.items())


def read_config(path: str | os.PathLike[str]) -> dict[str, str]:
    """The user config as ``GetConfigFromFile`` reads it (keys upper-cased). Raises OSError/ValueError."""
    out: dict[str, str] = {}
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split('","')]
        if len(parts) != 2 or not parts[0].startswith('"') or not parts[1].endswith('"'):
            raise ValueError(t("addin.config_bad_line", n=n, line=line[:80]))
        out[parts[0][1:].upper()] = parts[1][:-1]
    return out


def expand(lay: Layout, value: str) -> str:
    """%VAR% expanded the way the VBA's ExpandEnvironmentStrings would on that machine."""
    for var, text in lay.env.items():
        value = value.replace(f"%{var}%", text)
    return value


@dataclass
class InstallReport:
    addin: Path
    config: Path
    interpreter: Path
    udf_server: bool
    applescript: Path | None = None
    created: list[Path] = field(default_factory=list)


def install(lay: Layout | None = None, source: str | os.PathLike[str] | None = None,
            python: str | os.PathLike[str] | None = None, udf_server: bool | None = None) -> InstallReport:
    """Put the add-in where Excel opens it, and tell it which Python to start.

    Without ``source`` the add-in is built from the installed package (so its VBA matches the installed
    xlwings version, which the DLL requires), straight into the start-up folder."""
    lay = lay or layout()
    if lay.system not in (WINDOWS, MACOS):
        raise InstallError(t("addin.install_unsupported", platform=lay.system, path=ADDIN_NAME))
    earlier = installed_files(lay)  # a reinstall keeps what the first install created on the list
    created: list[Path] = []
    lay.startup_dir.mkdir(parents=True, exist_ok=True)
    if source is None:
        addin.build_addin(lay.addin_path)
    else:
        src = Path(source)
        if not src.is_file():
            raise InstallError(t("addin.missing", path=src))
        shutil.copyfile(src, lay.addin_path)
    created.append(lay.addin_path)
    interpreter = interpreter_for(lay, python)
    # The UDF server keeps one Python warm for the ribbon too (xlwings' "Use UDF Server"); Windows only.
    server = (lay.system == WINDOWS) if udf_server is None else (udf_server and lay.system == WINDOWS)
    script = lay.applescript
    if script is not None:
        script.parent.mkdir(parents=True, exist_ok=True)
        if not script.exists():
            shutil.copyfile(addin.xlwings_dir() / script.name, script)
            created.append(script)
        elif script in earlier:
            created.append(script)
    settings = {lay.interpreter_key: _vba_path(lay, interpreter), "Use UDF Server": str(server)}
    created.append(lay.config_file)
    settings[INSTALLED_KEY] = ";".join(_vba_path(lay, p) for p in created)
    lay.config_file.parent.mkdir(parents=True, exist_ok=True)
    data = config_text(settings, lay.system)
    encoding = "ascii" if data.isascii() else ("mbcs" if sys.platform.startswith("win") else "utf-8")
    write_atomic(lay.config_file, data.encode(encoding, errors="replace"))
    return InstallReport(lay.addin_path, lay.config_file, interpreter, server, script, created)


def installed_files(lay: Layout) -> list[Path]:
    """The files an earlier install listed in the config (none when there is no readable config)."""
    try:
        listed = read_config(lay.config_file).get(INSTALLED_KEY, "")
    except (OSError, ValueError):
        return []
    return [Path(expand(lay, p)) for p in listed.split(";") if p]


def uninstall(lay: Layout | None = None) -> list[Path]:
    """Remove what :func:`install` created (the add-in and the config in any case); returns what was removed."""
    lay = lay or layout()
    targets = [lay.addin_path, lay.config_file, *installed_files(lay)]
    removed: list[Path] = []
    for path in dict.fromkeys(targets):
        if path.is_file():
            path.unlink()
            removed.append(path)
    folder = lay.config_file.parent
    if folder.name == f".{addin.PROJECT_NAME}" and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return removed


# ----------------------------------------------------------------------------- the doctor

OK, FAIL, WARN, UNKNOWN = "ok", "fail", "warn", "unknown"
MARKS = {OK: "✓", FAIL: "✗", WARN: "!", UNKNOWN: "?"}


@dataclass(frozen=True)
class Check:
    label: str
    status: str
    detail: str = ""
    fix: str = ""


@dataclass(frozen=True)
class ExcelInfo:
    """What could be read about the installed Excel: its product name and whether it has dynamic arrays
    (None: unknown)."""

    product: str = ""
    dynamic_arrays: bool | None = None


def excel_info(lay: Layout) -> ExcelInfo:
    """Excel's product from the Click-to-Run configuration in the registry (Windows); unknown elsewhere.
    Microsoft 365 and Office 2021/2024 spill; Office 2016/2019 (and MSI installs, no Click-to-Run) do not."""
    if lay.system != WINDOWS or not sys.platform.startswith("win"):
        return ExcelInfo()
    import winreg  # Windows only

    try:
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE,
                            r"SOFTWARE\Microsoft\Office\ClickToRun\Configuration") as key:
            products = str(winreg.QueryValueEx(key, "ProductReleaseIds")[0])
    except OSError:
        return ExcelInfo()
    return ExcelInfo(products, classify_product(products))


def classify_product(products: str) -> bool | None:
    """Dynamic arrays from Click-to-Run product ids ("O365ProPlusRetail", "ProPlus2019Volume", ...)."""
    ids = products.replace(" ", "").split(",")
    if any(p.startswith(("O365", "Microsoft365")) or "2021" in p or "2024" in p for p in ids):
        return True
    if any("2016" in p or "2019" in p for p in ids):
        return False
    return None


Runner = Callable[[list[str]], "subprocess.CompletedProcess[str]"]


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


def _console_python(exe: Path) -> Path:
    """``python.exe`` beside ``pythonw.exe``: the same Python, but its output can be read."""
    if exe.name.lower() == "pythonw.exe" and exe.with_name("python.exe").exists():
        return exe.with_name("python.exe")
    return exe


def doctor(lay: Layout | None = None, run: Runner | None = None,
           excel: ExcelInfo | None = None) -> list[Check]:
    """Every check of the installation, in the order a fix should be made."""
    lay = lay or layout()
    run = run or _run
    checks: list[Check] = []
    version = addin.xlwings_version()
    # 1. the add-in where Excel opens it, and its config sheet
    if lay.addin_path.is_file():
        try:
            sheet = addin.read_conf_sheet(lay.addin_path)
        except Exception:  # noqa: BLE001 - a damaged add-in file is a finding, not a crash
            sheet = None
        if sheet is None:
            checks.append(Check(t("doctor.addin"), FAIL, str(lay.addin_path), t("doctor.fix.reinstall")))
        else:
            checks.append(Check(t("doctor.addin"), OK, str(lay.addin_path)))
            shadow = [k for k in sheet if k in ("INTERPRETER_WIN", "INTERPRETER_MAC", "INTERPRETER")]
            if shadow:
                checks.append(Check(t("doctor.sheet"), FAIL, ", ".join(shadow), t("doctor.fix.reinstall")))
    else:
        checks.append(Check(t("doctor.addin"), FAIL, t("doctor.missing", path=lay.addin_path),
                            t("doctor.fix.install")))
    # 2. the user config, readable, naming an interpreter that exists
    interpreter: Path | None = None
    try:
        config = read_config(lay.config_file)
    except FileNotFoundError:
        checks.append(Check(t("doctor.config"), FAIL, t("doctor.missing", path=lay.config_file),
                            t("doctor.fix.install")))
        config = None
    except (OSError, ValueError) as exc:
        checks.append(Check(t("doctor.config"), FAIL, f"{lay.config_file}: {exc}", t("doctor.fix.install")))
        config = None
    if config is not None:
        value = config.get(lay.interpreter_key.upper(), "")
        if not value:
            checks.append(Check(t("doctor.config"), FAIL, t("doctor.no_key", name=lay.interpreter_key,
                                                              path=lay.config_file), t("doctor.fix.install")))
        else:
            checks.append(Check(t("doctor.config"), OK, str(lay.config_file)))
            path = Path(expand(lay, value))
            if path.is_file():
                interpreter = path
                checks.append(Check(t("doctor.python"), OK, str(path)))
            else:
                checks.append(Check(t("doctor.python"), FAIL, t("doctor.missing", path=path),
                                    t("doctor.fix.python")))
    # 3. Windows: the xlwings DLL where the VBA loads it (next to python.exe, or one folder up: a venv)
    if lay.system == WINDOWS and interpreter is not None:
        dll = f"xlwings64-{version}.dll"
        places = [interpreter.parent / dll, interpreter.parent.parent / dll]
        found = next((p for p in places if p.is_file()), None)
        if found:
            checks.append(Check(t("doctor.dll"), OK, str(found)))
        else:
            checks.append(Check(t("doctor.dll"), FAIL, t("doctor.dll_missing", dll=dll, where=interpreter.parent),
                                t("doctor.fix.dll")))
    # 4. the package (and the same xlwings) importable by that interpreter
    if interpreter is not None:
        code = "import thidua_xl.excel.udfs, xlwings; print(xlwings.__version__)"
        try:
            done = run([str(_console_python(interpreter)), "-c", code])
            got = (done.stdout or "").strip().splitlines()[-1:] or [""]
            if done.returncode != 0:
                tail = (done.stderr or "").strip().splitlines()[-1:] or [""]
                checks.append(Check(t("doctor.package"), FAIL, tail[0][:200], t("doctor.fix.package")))
            elif got[0] != version:
                checks.append(Check(t("doctor.package"), FAIL, t("doctor.version", got=got[0], want=version),
                                    t("doctor.fix.reinstall")))
            else:
                checks.append(Check(t("doctor.package"), OK, f"xlwings {version}"))
        except (OSError, subprocess.SubprocessError) as exc:
            checks.append(Check(t("doctor.package"), FAIL, str(exc)[:200], t("doctor.fix.python")))
    # 5. macOS: the AppleScript RunPython calls
    script = lay.applescript
    if script is not None:
        if script.is_file():
            checks.append(Check(t("doctor.applescript"), OK, str(script)))
        else:
            checks.append(Check(t("doctor.applescript"), FAIL, t("doctor.missing", path=script),
                                t("doctor.fix.install")))
    # 6. Excel: spilled tables need dynamic arrays
    info = excel if excel is not None else excel_info(lay)
    if info.dynamic_arrays is None:
        checks.append(Check(t("doctor.excel"), UNKNOWN, info.product or t("doctor.excel_unknown"),
                            t("doctor.fix.excel_unknown")))
    elif info.dynamic_arrays:
        checks.append(Check(t("doctor.excel"), OK, t("doctor.excel_dynamic", product=info.product)))
    else:
        checks.append(Check(t("doctor.excel"), WARN, t("doctor.excel_legacy", product=info.product),
                            t("doctor.fix.legacy_arrays")))
    return checks


def report_text(checks: list[Check]) -> str:
    """The doctor's report: one line per check (✓/✗), the fix under each ✗, a closing line."""
    lines = []
    for c in checks:
        lines.append(f"{MARKS[c.status]} {c.label}" + (f": {c.detail}" if c.detail else ""))
        if c.fix and c.status != OK:
            lines.append(f"    → {c.fix}")
    failed = sum(1 for c in checks if c.status == FAIL)
    lines.append(t("doctor.all_good") if not failed else t("doctor.to_fix", n=failed))
    return "\n".join(lines)


def healthy(checks: list[Check]) -> bool:
    return not any(c.status == FAIL for c in checks)
