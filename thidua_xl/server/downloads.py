"""Files from a server: what the classic ribbon writes next to the workbook, returned as a download.

The action runs with a temporary folder as the workbook's folder (the same code as the classic button:
:data:`thidua_xl.excel.actions.ACTIONS`); its file(s) are read back as bytes (the dossier zipped) and the
folder is removed before the response leaves. Nothing stays on the server's disk, and the message names
the file, never a server path.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.excel.actions import BY_ID, _results_dir
from thidua_xl.messages import t
from thidua_xl.server.scripts import ALL_INPUT, ServerBook, sheet_names
from thidua_xl.views import check as check_view
from thidua_xl.views import tally as tally_view
from thidua_xl.workbook import writer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"
TEMP_PREFIX = "thidua_tai_ve_"  # one temporary folder per download, removed before the response


@dataclass(frozen=True)
class File:
    name: str  # file name offered to the user
    data: bytes
    media_type: str
    message: str  # Vietnamese, names the file only


class _Folder:
    """The book interface for an action that only needs a folder (the new standard workbook)."""

    name = ""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.opened: list[Path] = []

    def read_tables(self) -> dict[str, list[list[Any]]]:
        return {}

    def replace_sheet(self, table: Any) -> None:  # pragma: no cover - never called by new_workbook
        raise NotImplementedError

    def message(self, text: str, error: bool = False) -> None:
        pass

    def open_file(self, path: Path) -> None:
        self.opened.append(path)


def _stem(book: Any) -> str:
    return Path(str(getattr(book, "name", "") or "")).stem or "thidua"


def new_workbook(book: Any, folder: Path) -> File:
    target = _Folder(folder)
    BY_ID["new_workbook"].run(target)
    path = target.opened[-1]
    return File(path.name, path.read_bytes(), XLSX, t("server.download.new_workbook", name=path.name))


def dossier(book: Any, folder: Path) -> File:
    server_book = ServerBook(book, sheet_names(ALL_INPUT), folder=folder)
    BY_ID["dossier"].run(server_book)
    out = _results_dir(server_book, "hoso")  # where the action wrote (the classic button's folder)
    name = out.name
    files = sorted(p for p in out.rglob("*") if p.is_file())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for p in files:
            z.write(p, p.relative_to(folder).as_posix())
    words = sum(1 for p in files if p.suffix == ".docx")
    return File(f"{name}.zip", buf.getvalue(), ZIP, t("server.download.dossier", n=words, name=f"{name}.zip"))


def results(book: Any, folder: Path) -> File:
    """The results workbook of ``thidua check -o`` then ``thidua tally -o``: the same sheets, same writer."""
    server_book = ServerBook(book, sheet_names(ALL_INPUT), folder=folder)
    checked, tallied = api.check_and_tally(server_book)
    target = writer.default_results_path(folder / f"{_stem(book)}.xlsx")
    writer.write_results(check_view.to_tables(checked), target)
    writer.write_results(tally_view.to_tables(tallied), target)
    return File(target.name, target.read_bytes(), XLSX, t("server.download.results", name=target.name))


@dataclass(frozen=True)
class Download:
    id: str  # URL part: /thidua/tai-ve/<id>
    action: str  # the ACTIONS id it stands for ("" for the results workbook, which has no classic button)
    needs_book: bool
    make: Callable[[Any, Path], File]

    @property
    def label(self) -> str:
        return BY_ID[self.action].label if self.action else t("server.label.results")

    @property
    def tip(self) -> str:
        return BY_ID[self.action].supertip if self.action else t("server.tip.results")

    @property
    def include_text(self) -> str:
        return ",".join(sorted(sheet_names(ALL_INPUT))) if self.needs_book else ""


DOWNLOADS: list[Download] = [
    Download("new_workbook", "new_workbook", False, new_workbook),
    Download("dossier", "dossier", True, dossier),
    Download("results", "", True, results),
]
BY_KIND: dict[str, Download] = {d.id: d for d in DOWNLOADS}


def make(kind: str, book: Any) -> File:
    """Run one download in a temporary folder removed before returning."""
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        return BY_KIND[kind].make(book, Path(tmp))
