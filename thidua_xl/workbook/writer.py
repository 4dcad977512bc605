"""Write result sheets into their own workbook, atomically; a rerun replaces only what it wrote.

Results go to ``<input stem>_ketqua.xlsx`` beside the input (or a path given), never into the input.
The file is written to a temporary file in the same folder and renamed over the target, so a crash or a
full disk never leaves a half-written workbook. Sheets not named in the call are kept as they are
(a secretary's own notes, results of another command). The sheets are streamed into the package by the one
writer of result sheets (:mod:`thidua_xl.workbook.xlsx_parts`); a rerun replaces their parts in the zip
without opening the rest of the workbook.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

from thidua_xl.errors import InputError
from thidua_xl.fileio import display_path, os_error_message
from thidua_xl.messages import t
from thidua_xl.views.problems import problems_table
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.schema import INPUT_SHEETS, header_key
from thidua_xl.workbook.xlsx_parts import write_sheets_into

# problems_table lives in views/problems; re-exported because the commands and the ribbon import it from here.
__all__ = ["default_results_path", "problems_table", "write_results"]

# Sheets that only an input workbook has: a target holding one of them is the data, not a results file.
_INPUT_ONLY = frozenset(header_key(n) for spec in INPUT_SHEETS if spec.required
                        for n in (spec.name, *spec.aliases))


def default_results_path(input_path: str | os.PathLike[str]) -> Path:
    """``truong.xlsx`` → ``truong_ketqua.xlsx`` in the same folder."""
    p = Path(input_path)
    return p.with_name(f"{p.stem}_ketqua.xlsx")


def write_results(tables: Sequence[ResultTable], path: str | os.PathLike[str],
                  input_path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``tables`` as sheets of the results workbook at ``path``, replacing only those sheets; the first
    becomes the open tab.

    Raises :class:`thidua_xl.errors.InputError` (Vietnamese) when ``path`` is the input workbook, looks like
    an input workbook, cannot be opened to update, or cannot be written (e.g. open in Excel).
    """
    target = Path(path)
    if input_path is not None and target.resolve() == Path(input_path).resolve():
        raise InputError(f"{t('writer.same_as_input', path=display_path(target))} {t('writer.same_as_input_hint')}")
    try:
        # read, change and write back under the lock: two runs at once cannot lose each other's sheets
        write_sheets_into(target, tables, create=True, activate=True, guard=_not_an_input(target),
                          shared_strings=True)
    except InputError:
        raise
    except OSError as exc:  # read-only folder, file open in Excel, name too long, disk full
        raise InputError(os_error_message(exc, target)) from None
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError, EOFError) as exc:
        # not a workbook, corrupted, wrong format
        raise InputError(f"{t('writer.bad_target', path=display_path(target), error=type(exc).__name__)} "
                         f"{t('writer.bad_target_hint')}") from exc
    return target


def _not_an_input(target: Path) -> Callable[[list[str]], None]:
    """A guard for :func:`write_sheets_into`: refuse a target that holds a sheet only an input workbook has."""
    def guard(names: list[str]) -> None:
        data_sheet = next((n for n in names if header_key(n) in _INPUT_ONLY), None)
        if data_sheet is not None:
            raise InputError(f"{t('writer.target_is_input', path=display_path(target), sheet=data_sheet)} "
                             f"{t('writer.same_as_input_hint')}")
    return guard
