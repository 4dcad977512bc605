"""The ``thidua`` command. Subcommands live in :mod:`thidua_xl.commands` (one module each, discovered).

Exit codes (stable, for scripts):
  0  success (and, for ``validate``, no problem; for ``tally``, a certified count)
  1  warnings only with ``--strict``; a tally that cannot be certified (no quorum, double-entry mismatch)
  2  bad input: missing file, errors in the workbook, bad options
  3  unexpected internal error (message printed, no traceback unless THIDUA_DEBUG=1)
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import pkgutil
import sys
from types import ModuleType
from typing import Any

from thidua_xl import __version__, commands, perf
from thidua_xl.errors import InputError
from thidua_xl.fileio import display_path, os_error_message, too_long
from thidua_xl.messages import t

EXIT_OK, EXIT_WARN, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

# argparse's own words, in Vietnamese with the English kept alongside.
_ARGPARSE_VI = {
    "usage: ": "Cách dùng (usage): ",
    "positional arguments": "tham số (arguments)",
    "options": "tùy chọn (options)",
    "optional arguments": "tùy chọn (options)",
    "show this help message and exit": "hiện trợ giúp này rồi thoát (show this help and exit)",
    "the following arguments are required: %s": "thiếu tham số bắt buộc (required): %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)",
    "unrecognized arguments: %s": "tham số không nhận ra (unrecognized): %s",
    "expected one argument": "cần đúng một giá trị (expected one argument)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi (error): %(message)s\n",
}


def _translate(text: str) -> str:
    return _ARGPARSE_VI.get(text, text)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2 with a Vietnamese hint, never a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: lỗi (error): {message}\nXem thêm (see): {self.prog} --help\n")


def _commands(only: str | None = None) -> list[ModuleType]:
    """The command modules (each module is named as its command: ``commands/check.py`` is ``thidua check``).
    With ``only`` naming one of them, only that one is imported: a command's start-up does not pay for the
    imports of every other command (the add-in's builder, the server, the reports)."""
    names = [m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    if only in names:
        names = [only]
    mods = [importlib.import_module(f"thidua_xl.commands.{name}") for name in names]
    mods = [m for m in mods if hasattr(m, "run")]
    return sorted(mods, key=lambda m: getattr(m, "ORDER", 100))


def _chosen(argv: list[str] | None) -> str | None:
    """The command named on the command line (the first word that is not an option), if any."""
    words = sys.argv[1:] if argv is None else argv
    return next((w for w in words if not w.startswith("-")), None)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    argparse._ = _translate  # type: ignore[attr-defined]
    parser = _Parser(
        prog="thidua",
        description=(
            "thidua_xl — thi đua, khen thưởng cho trường học: kiểm tra dữ liệu, xét điều kiện danh hiệu, "
            "kiểm phiếu, lập hồ sơ đề nghị.\n"
            "Emulation & commendation toolkit for Vietnamese schools: validate the workbook, check "
            "eligibility, tally the council ballot, produce the dossier."
        ),
        epilog=(
            "Mã thoát (exit codes): 0 = thành công (success); 1 = chỉ có cảnh báo với --strict, hoặc kết quả "
            "kiểm phiếu chưa thể chứng nhận (warnings / not certified); 2 = dữ liệu hoặc tham số sai (bad input); "
            "3 = lỗi nội bộ (internal error)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"thidua_xl {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH (COMMAND)", parser_class=_Parser)
    for mod in _commands(only):
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def _version() -> str:
    return __version__


class _ClosedPipeGuard:
    """stdout that ends quietly when its reader goes away (``thidua check FILE | head``): the first write
    on a closed pipe sends the rest of the output to the null device, the command runs to its end (the
    results workbook is written) and keeps its exit code; no traceback, no "Exception ignored"."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.closed_pipe = False

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                return int(self._stream.write(text))
            except BrokenPipeError:
                self._silence()
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._silence()

    def _silence(self) -> None:
        self.closed_pipe = True
        try:  # what is still buffered, and Python's own flush at exit, go to the null device
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_chosen(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_INPUT
    stdout = sys.stdout
    sys.stdout = _ClosedPipeGuard(stdout)  # type: ignore[assignment]
    try:
        return _run(args)
    finally:
        sys.stdout = stdout


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args._run(args) or 0)
    except KeyboardInterrupt:
        print("\nĐã dừng theo yêu cầu (interrupted).", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches a user
        if os.environ.get("THIDUA_DEBUG"):
            raise
        if isinstance(exc, InputError):
            print(f"Lỗi: {exc}", file=sys.stderr)
            return EXIT_INPUT
        if isinstance(exc, FileNotFoundError):
            path = exc.filename or getattr(args, "file", None) or exc
            message = (t("common.name_too_long", n=len(str(path)), path=display_path(path)) if too_long(path)
                       else t("common.file_not_found", path=display_path(path)))
            print(f"Lỗi: {message}", file=sys.stderr)
            return EXIT_INPUT
        if isinstance(exc, OSError):  # a folder or file the user chose: read-only, name too long, disk full
            print(f"Lỗi: {os_error_message(exc)}", file=sys.stderr)
            return EXIT_INPUT
        print(f"Lỗi: {t('common.unexpected', error=f'{type(exc).__name__}: {exc}')}", file=sys.stderr)
        return EXIT_INTERNAL


def program() -> None:
    """The ``thidua`` program (its console script, and ``python -m thidua_xl.cli``): :func:`main`, then the
    process ends with its exit code. A command module that declares ``LEAVE_AT_ONCE = True`` has written,
    closed and waited for everything when it returns; for it the process ends at once after the standard
    streams are flushed (``os._exit``), without tearing down what it built (:func:`perf.leave_at_once`)."""
    chosen = _commands(_chosen(None))  # the command's module only (main imports the same, already loaded)
    if len(chosen) == 1 and getattr(chosen[0], "LEAVE_AT_ONCE", False):
        perf.leave_at_once()
    code = main()
    if perf.leaving():
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    program()
