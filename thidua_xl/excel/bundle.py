"""The offline installer for a school's IT: ``thidua addin bundle -o DIR``.

On a machine with network access, the bundle gathers every wheel the product needs on Windows and writes what
a secretary double-clicks on a PC without network (or without rights to reach PyPI):

* ``wheels/``: the project's own wheel and, for each supported Python version and target platform
  (``win_amd64``), every runtime dependency, downloaded by the running interpreter's pip
  (``pip download --platform win_amd64 --only-binary=:all: --python-version X --implementation cp``);
* ``cai_dat.bat``: installs from ``wheels`` only (``--no-index``), then runs ``thidua addin install`` and
  the doctor;
* ``HUONG_DAN.docx`` (and ``HUONG_DAN.pdf`` when LibreOffice is present): a one-page guide in Vietnamese;
* ``DANH_SACH.txt``: each wheel with its sha256, its size and the Python versions that use it.

Decisions:

* **The project's wheel** comes from where the running package comes from (:func:`find_source`): an editable
  install or a repository checkout is built with ``pip wheel --no-deps`` from a copy of its source (so the
  build leaves nothing in the checkout); a package installed from a wheel or an sdist is packed back into a
  wheel from its installed files (its RECORD), since what is installed is what runs; ``--wheel FILE`` takes a
  release wheel as it is. The project is never downloaded from an index (a package of the same name there
  would be someone else's).
* **Requires-Python and the dependencies** are read from that wheel's metadata (``importlib.metadata``), not
  from a copied list, so the bundle matches the wheel it ships.
* **Environment markers**: ``pip download --platform`` still evaluates markers for the machine it runs on, so a
  Linux machine would leave out ``pywin32`` (xlwings: ``platform_system == "Windows"``). After each download
  the set is resolved offline from ``wheels/`` (``pip install --dry-run --no-index --report``) and every
  ``Requires-Dist`` is evaluated for the *target* (Windows) environment; what is missing is downloaded too,
  until nothing is missing. That offline resolution is also the proof that ``cai_dat.bat`` can install.
* **A dependency without a wheel**: none has one today (every runtime dependency publishes wheels for
  win_amd64, for CPython 3.10 to 3.14). Should one appear with an sdist only, its sdist is fetched and built
  into a wheel here with ``pip wheel``; that is accepted only when the result is pure Python
  (``*-none-any.whl``), otherwise the bundle stops and says which package needs a Windows wheel. A package
  that has wheels for other targets but none for this one (numpy for a Python too new) is not built here:
  the bundle says so and names the Python version to leave out.
* **Python versions**: by default the :data:`CANDIDATE_PYTHONS` that the wheel's Requires-Python allows.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

from thidua_xl.fileio import replace_files
from thidua_xl.messages import t

PROJECT = "thidua_xl"
WHEELS = "wheels"
SCRIPT = "cai_dat.bat"
GUIDE = "HUONG_DAN.docx"
GUIDE_PDF = "HUONG_DAN.pdf"
MANIFEST = "DANH_SACH.txt"
OUTPUTS = (SCRIPT, GUIDE, GUIDE_PDF, MANIFEST)

# CPython feature releases that have a Windows installer on python.org (December 2026); the default bundle
# takes those the package's Requires-Python allows. A product choice, not a rule of law.
CANDIDATE_PYTHONS = ("3.10", "3.11", "3.12", "3.13", "3.14")
DEFAULT_PLATFORMS = ("win_amd64",)
# The environment markers of each target platform (PEP 508), as a Windows Python reports them.
PLATFORM_MARKERS: dict[str, dict[str, str]] = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    "win32": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "x86"},
    "win_arm64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "ARM64"},
}
PLATFORM_LABELS = {"win_amd64": "Windows 64-bit", "win32": "Windows 32-bit", "win_arm64": "Windows ARM64"}
# What pip prints when it cannot reach the index (urllib3/requests wording, several systems).
NETWORK_SIGNS = ("NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
                 "Name or service not known", "getaddrinfo failed", "nodename nor servname", "ConnectTimeoutError",
                 "ProxyError", "Network is unreachable", "No route to host", "Connection refused",
                 "Read timed out", "ConnectionResetError")
WHEEL_NAME = re.compile(r"[^-]+-[^-]+(-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl")  # name-version[-build]-py-abi-platform
TAIL_LINES = 15  # lines of pip's output quoted when it fails
MAX_ROUNDS = 6  # download → resolve rounds per Python version (markers, sdists); two are enough today


class BundleError(Exception):
    """A Vietnamese message for the user (no traceback)."""


class NetworkError(BundleError):
    """pip could not reach the package index."""


# ----------------------------------------------------------------------------- running pip

# (command, environment or None for ours, a callback for each line of output) -> (exit code, output)
Runner = Callable[[list[str], "Mapping[str, str] | None", "Callable[[str], None] | None"], tuple[int, str]]


def run_process(cmd: list[str], env: Mapping[str, str] | None = None,
                on_line: Callable[[str], None] | None = None) -> tuple[int, str]:
    """Run ``cmd`` (stderr into stdout), passing each line to ``on_line`` as it comes; the exit code and the
    whole output."""
    lines: list[str] = []
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                          errors="replace", env=dict(env) if env is not None else None) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            if on_line is not None:
                on_line(line.rstrip("\n"))
    return proc.returncode, "".join(lines)


def pip(*args: str) -> list[str]:
    """A pip command of the running interpreter."""
    return [sys.executable, "-m", "pip", *args]


def offline_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for an offline check: no pip configuration file and no PIP_* variable, so nothing but
    the bundle's folder can satisfy a requirement."""
    env = {k: v for k, v in (os.environ if base is None else base).items() if not k.upper().startswith("PIP_")}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def index_url(run: Runner | None = None) -> str:
    """The index pip uses (PIP_INDEX_URL, else pip's configuration, else PyPI)."""
    if os.environ.get("PIP_INDEX_URL"):
        return os.environ["PIP_INDEX_URL"].split()[0]
    code, output = (run or run_process)(pip("config", "list"), None, None)
    found = [value.strip("'\"").split()[0] for key, _, value in (line.partition("=") for line in output.splitlines())
             if code == 0 and key.rsplit(".", 1)[-1] == "index-url" and value.strip("'\"")]
    return found[-1] if found else "https://pypi.org/simple/"


def index_reachable(url: str | None = None, timeout: float = 10) -> bool:
    """Whether the index answers at all (any HTTP status counts): told apart from "no such package" when
    pip, without retries, says only "from versions: none"."""
    # urllib.request loads http.client and ssl: only when pip has failed, not at the CLI's start
    import urllib.error
    import urllib.request

    try:
        request = urllib.request.Request(url or index_url(), method="HEAD")
        with urllib.request.urlopen(request, timeout=timeout):  # noqa: S310 - the index pip uses
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError, ValueError):
        return False


def command_text(cmd: Sequence[str]) -> str:
    return subprocess.list2cmdline(cmd) if sys.platform.startswith("win") else shlex.join(cmd)


def _tail(output: str) -> str:
    """The last lines pip printed, indented under the message."""
    return "\n".join(f"    {line}" for line in deque(output.rstrip().splitlines(), maxlen=TAIL_LINES))


def _check(cmd: list[str], code: int, output: str) -> None:
    """Raise the right message for a failed pip run: no network, or pip's own failure with its tail and the
    command that does that step again."""
    if code == 0:
        return
    if any(sign in output for sign in NETWORK_SIGNS) or ("(from versions: none)" in output and not index_reachable()):
        raise NetworkError(t("addin_bundle.no_network"))
    raise BundleError(t("addin_bundle.pip_failed", code=code, tail=_tail(output),
                                command=command_text(cmd)))


# ----------------------------------------------------------------------------- the project's own wheel


@dataclass(frozen=True)
class Source:
    """Where the project's wheel comes from: ``checkout`` (a source tree: editable install or no install),
    ``installed`` (installed from a wheel or sdist: packed back from its files) or ``wheel`` (a given file)."""

    kind: str
    path: Path | None = None
    dist: metadata.Distribution | None = None

    def describe(self) -> str:
        if self.kind == "checkout":
            return t("addin_bundle.source_checkout", path=self.path)
        if self.kind == "wheel":
            return t("addin_bundle.source_wheel", path=self.path)
        return t("addin_bundle.source_installed", path=self.dist.locate_file("") if self.dist else "")


def _source_tree(path: Path) -> bool:
    return (path / "pyproject.toml").is_file() or (path / "setup.py").is_file()


def find_source(name: str = PROJECT) -> Source:
    """Where the running package comes from (see the module's notes): a source tree around it (an editable
    install or a checkout), else the distribution installed in the folder that holds it."""
    package_dir = Path(__file__).resolve().parents[1]
    root = package_dir.parent
    if _source_tree(root):
        return Source("checkout", root)
    for dist in metadata.distributions(name=name, path=[str(root)]):
        if dist.read_text("RECORD"):
            return Source("installed", dist=dist)
    raise BundleError(t("addin_bundle.no_source", name=name))


def _copy_source(src: Path, dest: Path, package: str) -> None:
    """The files a build needs: the files at the top of the tree and the package's folder (no caches, no
    build leftovers): the checkout itself is left as it is."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in src.iterdir():
        if item.is_file() and not item.name.startswith("."):
            shutil.copy2(item, dest / item.name)
    shutil.copytree(src / package, dest / package,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info"))


def build_wheel(src: Path, out_dir: Path, run: Runner, on_line: Callable[[str], None] | None = None,
                package: str = PROJECT) -> Path:
    """``pip wheel --no-deps`` of a source tree (copied to a temporary folder first) into ``out_dir``."""
    with tempfile.TemporaryDirectory(prefix="thidua_build_") as tmp:
        copy, built = Path(tmp) / "src", Path(tmp) / "out"
        _copy_source(src, copy, package)
        cmd = pip("wheel", "--no-deps", "--wheel-dir", str(built), str(copy))
        code, output = run(cmd, None, on_line)
        _check(pip("wheel", "--no-deps", "--wheel-dir", str(out_dir), str(src)), code, output)  # one that lasts
        wheels = sorted(built.glob("*.whl"))
        if len(wheels) != 1:
            raise BundleError(t("addin_bundle.build_no_wheel", path=src))
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / wheels[0].name
        shutil.copyfile(wheels[0], target)
        return target


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def repack(dist: metadata.Distribution, out_dir: Path) -> Path:
    """A wheel made back from an installed distribution's files (as listed in its RECORD): the package's
    files and its metadata, without caches, the installer's marks (INSTALLER, REQUESTED, direct_url.json) or
    scripts outside site-packages (pip makes them again from entry_points.txt)."""
    name, version = dist.metadata["Name"], dist.version
    norm = re.sub(r"[-_.]+", "_", name).lower()
    info = f"{norm}-{version}.dist-info"
    tags = [line.split(":", 1)[1].strip() for line in (dist.read_text("WHEEL") or "").splitlines()
            if line.startswith("Tag:")] or ["py3-none-any"]
    skip_meta = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json", "WHEEL"}
    entries: list[tuple[str, bytes]] = []
    for f in dist.files or []:
        parts = f.parts
        if not parts or parts[0] == ".." or "__pycache__" in parts or f.suffix == ".pyc":
            continue
        if parts[0].endswith(".dist-info"):
            if parts[-1] in skip_meta:
                continue
            parts = (info, *parts[1:])
        source = Path(str(dist.locate_file(f)))
        if not source.is_file():
            raise BundleError(t("addin_bundle.repack_missing", path=source))
        entries.append(("/".join(parts), source.read_bytes()))
    wheel_meta = ("Wheel-Version: 1.0\nGenerator: thidua_xl (addin bundle)\nRoot-Is-Purelib: "
                  f"{'true' if tags[0].endswith('-none-any') else 'false'}\n"
                  + "".join(f"Tag: {tag}\n" for tag in tags)).encode()
    entries.append((f"{info}/WHEEL", wheel_meta))
    record = "".join(f"{arc},{_record_hash(data)},{len(data)}\n" for arc, data in entries) + f"{info}/RECORD,,\n"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{norm}-{version}-{tags[0]}.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in entries:
            z.writestr(arc, data)
        z.writestr(f"{info}/RECORD", record)
    return target


def wheel_distribution(wheel: Path) -> metadata.Distribution:
    """The metadata of a wheel file, read through ``importlib.metadata``."""
    with zipfile.ZipFile(wheel) as z:
        infos = sorted({n.split("/", 1)[0] for n in z.namelist() if n.split("/", 1)[0].endswith(".dist-info")})
    if len(infos) != 1:
        raise BundleError(t("addin_bundle.bad_wheel", path=wheel))
    return metadata.PathDistribution(zipfile.Path(wheel, at=f"{infos[0]}/"))  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- markers of the target


def target_environment(python: str, platform: str, extra: str = "") -> dict[str, str]:
    """PEP 508 marker values as a CPython ``python`` on ``platform`` reports them."""
    return {**PLATFORM_MARKERS[platform], "python_version": python, "python_full_version": f"{python}.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": f"{python}.0", "platform_release": "", "platform_version": "",
            "extra": extra}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_requirements(dist: metadata.Distribution, python: str, platform: str) -> list[str]:
    """The distribution's Requires-Dist that apply on the target (no extra), marker removed."""
    # packaging: a dependency of matplotlib (so always installed with thidua_xl) and of pip; loaded here only
    from packaging.requirements import Requirement

    out = []
    env = target_environment(python, platform)
    for text in dist.requires or []:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(env):
            req.marker = None
            out.append(str(req))
    return out


def missing_for_target(items: Sequence[Mapping[str, object]], python: str, platform: str) -> list[str]:
    """Requirements of the resolved ``items`` (pip's installation report) that apply on the target but were
    left out because pip evaluated the markers for this machine; marker removed."""
    # packaging: a dependency of matplotlib and of pip; loaded here only
    from packaging.requirements import Requirement

    meta = {canonical(str(i["metadata"]["name"])): i["metadata"] for i in items}  # type: ignore[index]
    extras: dict[str, set[str]] = {name: {""} for name in meta}
    for item in items:
        extras[canonical(str(item["metadata"]["name"]))].update(item.get("requested_extras") or [])  # type: ignore[index,arg-type]
    missing: dict[str, str] = {}
    changed = True
    while changed:  # an extra asked for by one package may switch on requirements of another
        changed = False
        for name, m in meta.items():
            for text in m.get("requires_dist") or []:  # type: ignore[union-attr]
                req = Requirement(text)
                wanted = req.marker is None or any(
                    req.marker.evaluate(target_environment(python, platform, extra)) for extra in extras[name])
                if not wanted:
                    continue
                dep = canonical(req.name)
                if dep in meta:
                    if not set(req.extras) <= extras[dep]:
                        extras[dep].update(req.extras)
                        changed = True
                    continue
                req.marker = None
                missing.setdefault(dep, str(req))
    return sorted(missing.values())


# ----------------------------------------------------------------------------- download and resolve


def platform_args(python: str, platform: str) -> list[str]:
    return ["--platform", platform, "--python-version", python, "--implementation", "cp", "--only-binary=:all:"]


def resolve_offline(wheels: Path, requirements: Sequence[str], python: str, platform: str, run: Runner,
                    on_line: Callable[[str], None] | None = None) -> list[dict[str, object]]:
    """What ``pip install --no-index --find-links wheels`` would install for that Python and platform
    (pip's installation report); raises when it cannot resolve."""
    with tempfile.TemporaryDirectory(prefix="thidua_resolve_") as tmp:
        report = Path(tmp) / "report.json"
        cmd = pip("install", "--dry-run", "--ignore-installed", "--no-index", "--find-links", str(wheels),
                  *platform_args(python, platform), "--target", str(Path(tmp) / "target"),
                  "--report", str(report), "--quiet", *requirements)
        code, output = run(cmd, offline_env(), on_line)
        if code != 0:
            raise BundleError(t("addin_bundle.unresolved", python=python, platform=platform, tail=_tail(output),
                                command=command_text(cmd)))
        return list(json.loads(report.read_text(encoding="utf-8")).get("install", []))


def download(wheels: Path, requirements: Sequence[str], python: str, platform: str, run: Runner,
             on_line: Callable[[str], None] | None = None) -> None:
    """``pip download`` of the requirements (and their dependencies) for that Python and platform; the
    folder is also a place to find wheels (those built here from an sdist)."""
    cmd = pip("download", "--dest", str(wheels), "--find-links", str(wheels), *platform_args(python, platform),
              "--progress-bar", "off", *requirements)
    code, output = run(cmd, None, on_line)
    if code != 0 and not any(sign in output for sign in NETWORK_SIGNS):
        lacking = re.findall(r"No matching distribution found for (\S+)", output)
        if lacking and has_some_wheel(lacking[0], run):  # compiled, just not for this target: no local build
            raise BundleError(t("addin_bundle.no_target_wheel", requirement=lacking[0], python=python,
                                platform=platform))
        if lacking:
            build_pure_wheel(wheels, lacking[0], run, on_line)
            raise _Retry()
    _check(cmd, code, output)


def has_some_wheel(requirement: str, run: Runner) -> bool:
    """Whether ``requirement`` publishes a wheel for this machine: a package that does is built for each
    platform (numpy without a wheel for a new Python), one that does not ships only its sdist."""
    with tempfile.TemporaryDirectory(prefix="thidua_probe_") as tmp:
        code, _ = run(pip("download", "--no-deps", "--only-binary=:all:", "--dest", tmp, requirement), None, None)
    return code == 0


class _Retry(Exception):
    """A wheel was built from an sdist: download again."""


def build_pure_wheel(wheels: Path, requirement: str, run: Runner,
                     on_line: Callable[[str], None] | None = None) -> Path:
    """A wheel built here from the sdist of ``requirement``; only a pure-Python one (``*-none-any``) will do
    on Windows."""
    with tempfile.TemporaryDirectory(prefix="thidua_sdist_") as tmp:
        cmd = pip("wheel", "--no-deps", "--no-binary", ":all:", "--wheel-dir", tmp, requirement)
        code, output = run(cmd, None, on_line)
        _check(cmd, code, output)
        built = sorted(Path(tmp).glob("*.whl"))
        if not built or not built[0].name.endswith("-none-any.whl"):
            raise BundleError(t("addin_bundle.needs_windows_wheel", requirement=requirement,
                                wheel=built[0].name if built else "—"))
        target = wheels / built[0].name
        shutil.copyfile(built[0], target)
        return target


def gather(wheels: Path, project: Path, python: str, platform: str, run: Runner,
           on_line: Callable[[str], None] | None = None) -> list[Path]:
    """Every wheel the project needs for one Python version and platform, in ``wheels``; the files that an
    offline install for that target would use."""
    dist = wheel_distribution(project)
    name = dist.metadata["Name"]
    wanted = runtime_requirements(dist, python, platform)
    extra: list[str] = []
    for _ in range(MAX_ROUNDS):
        try:
            download(wheels, [*wanted, *extra], python, platform, run, on_line)
        except _Retry:
            continue
        items = resolve_offline(wheels, [f"{name}=={dist.version}", *extra], python, platform, run)
        missing = missing_for_target(items, python, platform)
        if not missing:
            files = []
            for item in items:
                url = str(item.get("download_info", {}).get("url", ""))  # type: ignore[union-attr]
                files.append(Path(unquote(urlparse(url).path)).name)
            return [wheels / f for f in files]
        extra.extend(m for m in missing if m not in extra)
    raise BundleError(t("addin_bundle.no_fixpoint", python=python, platform=platform))


# ----------------------------------------------------------------------------- the bundle


@dataclass(frozen=True)
class WheelEntry:
    name: str
    sha256: str
    size: int
    targets: tuple[str, ...]  # "3.11" (one platform) or "3.11/win_amd64"


@dataclass
class BundleReport:
    folder: Path
    project: str
    version: str
    pythons: list[str]
    platforms: list[str]
    source: str
    wheels: list[WheelEntry] = field(default_factory=list)
    pdf: Path | None = None
    pdf_note: str = ""

    @property
    def size(self) -> int:
        return sum(w.size for w in self.wheels)


def supported_pythons(requires_python: str | None, asked: Sequence[str] | None) -> list[str]:
    """The Python versions to cover: those asked for (each must satisfy Requires-Python), or by default the
    :data:`CANDIDATE_PYTHONS` that satisfy it."""
    # packaging: a dependency of matplotlib and of pip; loaded here only
    from packaging.specifiers import SpecifierSet

    spec = SpecifierSet(requires_python or "")
    if asked:
        for v in asked:
            if not re.fullmatch(r"3\.\d{1,2}", v):
                raise BundleError(t("addin_bundle.bad_python", version=v))
            if not spec.contains(f"{v}.0", prereleases=True):
                raise BundleError(t("addin_bundle.python_not_supported", version=v, spec=requires_python))
        return sorted(dict.fromkeys(asked), key=lambda v: tuple(int(p) for p in v.split(".")))
    found = [v for v in CANDIDATE_PYTHONS if spec.contains(f"{v}.0", prereleases=True)]
    if not found:
        raise BundleError(t("addin_bundle.python_not_supported", version=", ".join(CANDIDATE_PYTHONS),
                            spec=requires_python))
    return found


def _prepare_folder(folder: Path) -> None:
    """The bundle's folder: new, empty, or an earlier bundle (its manifest is there); never someone's other
    files."""
    if folder.exists() and not folder.is_dir():
        raise BundleError(t("addin_bundle.not_a_folder", path=folder))
    if not folder.is_dir() or (folder / MANIFEST).is_file():
        return
    ours = {WHEELS, *OUTPUTS}  # what a run that stopped half-way leaves: it may be run again
    if any(item.name not in ours and not item.name.startswith(".~") for item in folder.iterdir()):
        raise BundleError(t("addin_bundle.folder_not_empty", path=folder, manifest=MANIFEST))


def make_bundle(folder: str | os.PathLike[str], pythons: Sequence[str] | None = None,
                platforms: Sequence[str] = DEFAULT_PLATFORMS, wheel: str | os.PathLike[str] | None = None,
                run: Runner = run_process, step: Callable[[str], None] | None = None,
                on_line: Callable[[str], None] | None = None, pdf: bool = True) -> BundleReport:
    """Write the offline bundle into ``folder`` (see the module's notes). ``step`` is told each step as it
    starts; ``on_line`` gets pip's output lines."""
    folder = Path(folder)
    for p in platforms:
        if p not in PLATFORM_MARKERS:
            raise BundleError(t("addin_bundle.bad_platform", platform=p, known=", ".join(PLATFORM_MARKERS)))
    _prepare_folder(folder)
    new = not folder.exists()
    wheels = folder / WHEELS
    wheels.mkdir(parents=True, exist_ok=True)
    try:
        return _make(folder, wheels, pythons, platforms, wheel, run, step or (lambda _text: None), on_line, pdf)
    except BaseException:
        if new and not any(wheels.iterdir()):  # a failed first run leaves no empty folder behind
            shutil.rmtree(folder, ignore_errors=True)
        raise


def _make(folder: Path, wheels: Path, pythons: Sequence[str] | None, platforms: Sequence[str],
          wheel: str | os.PathLike[str] | None, run: Runner, say: Callable[[str], None],
          on_line: Callable[[str], None] | None, pdf: bool) -> BundleReport:
    # 1. the project's own wheel
    if wheel is not None:
        given = Path(wheel)
        if not given.is_file() or not WHEEL_NAME.fullmatch(given.name):
            raise BundleError(t("addin_bundle.bad_wheel", path=given))
        source = Source("wheel", given)
        say(t("addin_bundle.step_project", source=source.describe()))
        project = wheels / given.name
        if given.resolve() != project.resolve():
            shutil.copyfile(given, project)
    else:
        source = find_source()
        say(t("addin_bundle.step_project", source=source.describe()))
        if source.kind == "checkout":
            assert source.path is not None
            project = build_wheel(source.path, wheels, run, on_line)
        else:
            assert source.dist is not None
            project = repack(source.dist, wheels)
    dist = wheel_distribution(project)
    name, version = dist.metadata["Name"], dist.version
    covered = supported_pythons(dist.metadata["Requires-Python"], pythons)
    # 2. every dependency, per Python version and platform
    used: dict[str, list[str]] = {}
    targets = [(py, plat) for plat in platforms for py in covered]
    for n, (py, plat) in enumerate(targets, start=1):
        say(t("addin_bundle.step_download", n=n, total=len(targets), python=py, platform=plat))
        for f in gather(wheels, project, py, plat, run, on_line):
            used.setdefault(f.name, []).append(py if len(platforms) == 1 else f"{py}/{plat}")
    # 3. the manifest, the script, the guide; wheels no target uses (an earlier bundle's) go
    say(t("addin_bundle.step_files"))
    entries = []
    for fname in sorted(used, key=str.lower):
        data = (wheels / fname).read_bytes()
        entries.append(WheelEntry(fname, hashlib.sha256(data).hexdigest(), len(data), tuple(used[fname])))
    report = BundleReport(folder, name, version, covered, list(platforms), source.describe(), entries)
    stale = [f"{WHEELS}/{p.name}" for p in wheels.glob("*.whl") if p.name not in used]
    files = {SCRIPT: install_script(covered, name, platforms).encode("utf-8"),
             GUIDE: guide_docx(report),
             MANIFEST: manifest_text(report, dt.date.today()).encode("utf-8")}
    replace_files(folder, files, remove=[*stale, GUIDE_PDF])
    # 4. the guide as PDF, when LibreOffice is here
    if pdf:
        say(t("addin_bundle.step_pdf"))
        report.pdf, report.pdf_note = _guide_pdf(folder / GUIDE)
    return report


def _guide_pdf(docx: Path) -> tuple[Path | None, str]:
    # the PDF converter of the dossier (LibreOffice headless); loaded only when a PDF is made
    from thidua_xl.reports import pdf

    try:
        return pdf.convert([docx])[0], ""
    except pdf.PdfUnavailable:
        return None, t("addin_bundle.pdf_no_libreoffice")
    except pdf.PdfFailed as exc:
        return None, t("addin_bundle.pdf_failed", error=exc)


# ----------------------------------------------------------------------------- the files written


def manifest_text(report: BundleReport, day: dt.date) -> str:
    """DANH_SACH.txt: a header (``#`` lines) and one line per wheel: ``sha256  size  pythons  wheels/name``."""
    lines = [
        t("addin_bundle.manifest.title", project=report.project, version=report.version, day=day.isoformat()),
        t("addin_bundle.manifest.targets", platforms=", ".join(report.platforms), pythons=", ".join(report.pythons)),
        t("addin_bundle.manifest.count", n=len(report.wheels), mb=f"{report.size / 1e6:.1f}"),
        t("addin_bundle.manifest.verify", folder=WHEELS),
        t("addin_bundle.manifest.columns"),
    ]
    lines = [f"# {line}" for line in lines]
    for w in report.wheels:
        lines.append(f"{w.sha256}  {w.size}  {','.join(w.targets)}  {WHEELS}/{w.name}")
    return "\n".join(lines) + "\n"


def read_manifest(path: str | os.PathLike[str]) -> list[WheelEntry]:
    """The wheel lines of DANH_SACH.txt."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sha, size, targets, rel = line.split()
        out.append(WheelEntry(rel.split("/", 1)[1], sha, int(size), tuple(targets.split(","))))
    return out


BAT_SPECIAL = str.maketrans({"^": "^^", "&": "^&", "|": "^|", "<": "^<", ">": "^>", "%": "%%"})


def _echo(text: str) -> list[str]:
    """``echo`` lines for a message (one per line of text; special characters escaped)."""
    return [f"echo {line.translate(BAT_SPECIAL)}" if line.strip() else "echo." for line in text.splitlines()]


def install_script(pythons: Sequence[str], package: str = PROJECT,
                   platforms: Sequence[str] = DEFAULT_PLATFORMS) -> str:
    """cai_dat.bat: Windows batch, CRLF, UTF-8 after ``chcp 65001`` (the first line is ASCII).

    Finds Python by running it (through the ``py`` launcher the newest version the bundle covers, then the
    launcher's default, then ``python``; each through ``call``, since either may be a .bat shim), checks that
    its version and platform are ones the bundle covers and that it can install next to itself, installs from
    ``wheels`` only, then ``addin install`` and the doctor through ``-m`` (the Scripts folder may not be on
    PATH). Every failure says what to do and names the doctor; pause at the end.

    No ``pip install --user``: a user install puts ``xlwings64-<version>.dll`` into the user base
    (``%APPDATA%\\Python``), and xlwings' VBA loads it only next to the interpreter or one folder up. A Python
    whose site-packages the user cannot write (installed for all users, or from the Microsoft Store) would get
    a user install from pip anyway, so the script stops there and says what to do instead.
    """
    versions = ", ".join(pythons)
    tuples = ", ".join(f"({v.split('.')[0]}, {v.split('.')[1]})" for v in pythons)
    tags = ", ".join(f"'{p}'" for p in platforms)
    newest_first = " ".join(sorted(pythons, key=lambda v: tuple(int(x) for x in v.split(".")), reverse=True))
    labels = ", ".join(PLATFORM_LABELS.get(p, p) for p in platforms)
    cli = f"{package}.cli"
    lines = [
        "@echo off",
        "chcp 65001 >nul",
        "setlocal",  # no "cd": the folder may be a network share (\\server\...), every path is from %~dp0
        # every Python command through "call": py/python may be .bat shims (pyenv-win), which would not return
        *_echo(t("addin_bundle.bat.title", versions=versions)),
        "echo.",
        'set "PY="',
        # the first Python that runs: through the py launcher the newest version the bundle covers, else the
        # launcher's default, else python on PATH (the version check then says why an uncovered one will not do)
        f"for %%v in ({newest_first}) do call :try_python py -%%v",
        "call :try_python py -3",
        "call :try_python python",
        "if not defined PY goto no_python",
        f'call %PY% -c "import sys; sys.exit(sys.version_info[:2] not in [{tuples}])"',
        "if errorlevel 1 goto wrong_python",
        f'call %PY% -c "import sys, sysconfig; sys.exit(sysconfig.get_platform().replace(\'-\', \'_\') not in [{tags}])"',
        "if errorlevel 1 goto wrong_platform",
        'call %PY% -c "import sysconfig, tempfile; tempfile.TemporaryFile(dir=sysconfig.get_paths()[\'purelib\']).close()"'
        " >nul 2>nul",
        "if errorlevel 1 goto shared_python",
        *_echo(t("addin_bundle.bat.step_pip")),
        f'call %PY% -m pip install --no-index --find-links "%~dp0{WHEELS}" --upgrade --disable-pip-version-check '
        f"--no-warn-script-location {package}",
        "if errorlevel 1 goto pip_failed",
        "echo.",
        *_echo(t("addin_bundle.bat.step_addin")),
        f"call %PY% -m {cli} addin install",
        "if errorlevel 1 goto addin_failed",
        "echo.",
        *_echo(t("addin_bundle.bat.step_doctor")),
        f"call %PY% -m {cli} addin doctor",
        "if errorlevel 1 goto doctor_failed",
        "echo.",
        *_echo(t("addin_bundle.bat.done")),
        "goto end",
        ":no_python",
        *_echo(t("addin_bundle.bat.no_python", versions=versions)),
        "goto failed",
        ":wrong_python",
        "call %PY% --version",
        *_echo(t("addin_bundle.bat.wrong_python", versions=versions)),
        "goto failed",
        ":wrong_platform",
        "call %PY% -c \"import sysconfig; print(sysconfig.get_platform())\"",
        *_echo(t("addin_bundle.bat.wrong_platform", platforms=labels)),
        "goto failed",
        ":shared_python",
        *_echo(t("addin_bundle.bat.shared_python")),
        "goto failed",
        ":pip_failed",
        *_echo(t("addin_bundle.bat.pip_failed")),
        "goto failed",
        ":addin_failed",
        *_echo(t("addin_bundle.bat.addin_failed")),
        "goto failed",
        ":doctor_failed",
        *_echo(t("addin_bundle.bat.doctor_failed")),
        "goto failed",
        ":failed",
        "echo.",
        *_echo(t("addin_bundle.bat.doctor_hint", cli=cli)),
        "pause",
        "exit /b 1",
        ":end",
        "pause",
        "exit /b 0",
        ":try_python",
        "if defined PY exit /b 0",
        'call %* -c "import sys" >nul 2>nul',
        'if not errorlevel 1 set "PY=%*"',
        "exit /b 0",
    ]
    return "\r\n".join(lines) + "\r\n"


def guide_paragraphs(report: BundleReport) -> list[tuple[str, str]]:
    """The guide as (kind, text): kinds ``title``, ``subtitle``, ``heading``, ``bullet``, ``step``."""
    platforms = ", ".join(PLATFORM_LABELS.get(p, p) for p in report.platforms)
    versions = ", ".join(report.pythons)
    cli = f"{report.project}.cli"
    return [
        ("title", t("addin_bundle.guide.title")),
        ("subtitle", t("addin_bundle.guide.subtitle", project=report.project, version=report.version,
                       platforms=platforms, versions=versions)),
        ("heading", t("addin_bundle.guide.contents")),
        ("bullet", t("addin_bundle.guide.item_wheels", folder=WHEELS, n=len(report.wheels), versions=versions)),
        ("bullet", t("addin_bundle.guide.item_script", script=SCRIPT)),
        ("bullet", t("addin_bundle.guide.item_guide", guide=GUIDE, pdf=GUIDE_PDF)),
        ("bullet", t("addin_bundle.guide.item_manifest", manifest=MANIFEST)),
        ("heading", t("addin_bundle.guide.steps")),
        ("step", t("addin_bundle.guide.step1", versions=versions)),
        ("step", t("addin_bundle.guide.step2", script=SCRIPT)),
        ("step", t("addin_bundle.guide.step3")),
        ("step", t("addin_bundle.guide.step4", cli=cli)),
        ("heading", t("addin_bundle.guide.trouble")),
        ("bullet", t("addin_bundle.guide.trouble_doctor", cli=cli)),
        ("bullet", t("addin_bundle.guide.trouble_store")),
        ("bullet", t("addin_bundle.guide.upgrade", script=SCRIPT)),
        ("bullet", t("addin_bundle.guide.uninstall", cli=cli, project=report.project)),
    ]


def guide_docx(report: BundleReport) -> bytes:
    """HUONG_DAN.docx: one A4 page, in the dossier's house style (Times New Roman, NĐ 30/2020 margins)."""
    # heavy: blocks imports python-docx at its top
    from thidua_xl.reports import blocks as b

    doc = b.new_document()
    number = 0
    for kind, text in guide_paragraphs(report):
        if kind == "title":
            b.paragraph(doc, text, size=14, bold=True, align="center", after=2)
        elif kind == "subtitle":
            b.paragraph(doc, text, size=11, italic=True, align="center", after=4)
        elif kind == "heading":
            b.paragraph(doc, text, size=12.5, bold=True, align="left", before=6, after=2, keep_next=True)
        else:
            number = number + 1 if kind == "step" else 0
            p = b.paragraph(doc, "", align="justify", after=2, line=1.1)
            p.paragraph_format.left_indent = b.Cm(0.6)
            p.paragraph_format.first_line_indent = b.Cm(-0.6)
            b.run(p, f"{number}.\t" if kind == "step" else "–\t", size=12)
            for i, part in enumerate(text.split("**")):  # **…** is bold: file names, buttons, commands
                if part:
                    b.run(p, part, size=12, bold=bool(i % 2))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def summary(report: BundleReport) -> str:
    """What the command prints at the end."""
    lines = [t("addin_bundle.done", folder=report.folder, n=len(report.wheels), mb=f"{report.size / 1e6:.1f}",
               versions=", ".join(report.pythons), platforms=", ".join(report.platforms)),
             t("addin_bundle.done_source", source=report.source)]
    written = [SCRIPT, GUIDE, MANIFEST] + ([GUIDE_PDF] if report.pdf else [])
    lines.append(t("addin_bundle.done_files", files=", ".join(written)))
    if report.pdf_note:
        lines.append(report.pdf_note)
    lines.append(t("addin_bundle.done_next", script=SCRIPT))
    return "\n".join(lines)
