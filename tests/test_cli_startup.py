"""The command line imports only the command it runs (every ``thidua`` call is a fresh Python)."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import pytest

from thidua_xl import cli, commands


def test_each_command_module_is_named_as_its_command() -> None:
    """The lazy path imports ``commands/<word>.py`` for ``thidua <word>``: a module named otherwise would
    be unreachable by its own name."""
    for info in pkgutil.iter_modules(commands.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"thidua_xl.commands.{info.name}")
        if hasattr(mod, "run"):
            assert mod.NAME == info.name, f"commands/{info.name}.py is the command '{mod.NAME}'"


def test_a_command_imports_no_other_command() -> None:
    code = ("import sys; from thidua_xl import cli; cli.build_parser(cli._chosen(['check', '--help'])); "
            "print(sorted(m for m in sys.modules if m.startswith('thidua_xl.commands.') "
            "and not m.endswith('_common')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['thidua_xl.commands.check']"


def test_without_a_command_every_command_is_listed() -> None:
    parser = cli.build_parser(cli._chosen(["--help"]))
    help_text = parser.format_help()
    for name in ("check", "tally", "report", "gop", "diem", "lich", "addin", "validate"):
        assert f"    {name} " in help_text, name


def test_an_unknown_word_still_gets_the_full_list(capsys) -> None:  # noqa: ANN001
    with pytest.raises(SystemExit) as stop:
        cli.main(["kiemtra"])
    err = capsys.readouterr().err
    assert stop.value.code == cli.EXIT_INPUT
    assert "'kiemtra'" in err and "'check'" in err and "'tally'" in err
