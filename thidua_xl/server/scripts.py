"""The scripts: the ribbon actions that work on the open workbook (validate, check, score, tally, reconcile),
run by xlwings Server.

Each script is one action of :data:`thidua_xl.excel.actions.ACTIONS` (not a copy of it) run through the same
book interface (:class:`thidua_xl.excel.book.XlwingsBook` over xlwings' remote Book): it reads the sheets the
client sent, writes its result sheets as actions the Office.js client replays, and ends with the action's
Vietnamese message as an alert. Each sends only the sheets it needs (``include=``): the input sheets the
operation reads, by their standard names and accepted aliases; never the result sheets.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_xl.excel.actions import BY_ID, run_action
from thidua_xl.excel.book import XlwingsBook
from thidua_xl.workbook import schema

MODULE_NAME = "custom_scripts"  # the module name xlwings Server's router imports


def sheet_names(keys: frozenset[str] | set[str]) -> frozenset[str]:
    """The names a school may give these input sheets (standard name and aliases), for ``include=``."""
    out: set[str] = set()
    for key in keys:
        spec = schema.SHEETS[key]
        out.update(n for n in (spec.name, *spec.aliases) if "," not in n)  # the client splits on ","
    return frozenset(out)


ALL_INPUT = frozenset(schema.SHEETS)
# eligibility reads what the titles' verdicts read, the required sheets (their absence is an input error,
# as in `thidua check`) and the school's own column mapping
CHECK_INPUT = frozenset(schema.sheets_for(set(schema.TITLE_SHEETS)) | {k for k, s in schema.SHEETS.items()
                                                                        if s.required} | {"column_map"})


@dataclass(frozen=True)
class ServerScript:
    action: str  # an id of ACTIONS
    include: frozenset[str]  # sheet names sent by the client

    @property
    def label(self) -> str:
        return BY_ID[self.action].label

    @property
    def include_text(self) -> str:
        return ",".join(sorted(self.include))


SCRIPTS: list[ServerScript] = [
    ServerScript("validate", sheet_names(ALL_INPUT)),
    ServerScript("check", sheet_names(CHECK_INPUT)),
    ServerScript("score", sheet_names(ALL_INPUT)),
    ServerScript("tally", sheet_names(ALL_INPUT)),
    ServerScript("reconcile", sheet_names(ALL_INPUT)),
]


class ServerBook(XlwingsBook):
    """The open workbook as sent by the Office.js client: only the included sheets are read (the others
    arrive as names without values); no folder on the server unless one is given (a temporary one, for the
    downloads)."""

    def __init__(self, book: Any, include: frozenset[str], folder: Path | None = None) -> None:
        super().__init__(book)
        self.include = include
        self.folder = folder

    def read_tables(self) -> dict[str, list[list[Any]]]:
        sent = types.SimpleNamespace(name=self.name, fullname="",
                                     sheets=[s for s in self.book.sheets if s.name in self.include])
        return XlwingsBook(sent).read_tables()


def _script(spec: ServerScript) -> Any:
    import xlwings as xw  # heavy: xlwings only when the server starts
    import xlwings.server  # heavy: the licence-gated server part

    def body(book: Any) -> None:
        run_action(spec.action, ServerBook(book, spec.include))

    body.__name__ = body.__qualname__ = spec.action
    body.__doc__ = BY_ID[spec.action].supertip
    body.__annotations__ = {"book": xw.Book, "return": None}
    return xlwings.server.script(include=sorted(spec.include))(body)


def build_module() -> types.ModuleType:
    """The ``custom_scripts`` module xlwings Server serves: one script per action in :data:`SCRIPTS`."""
    module = types.ModuleType(MODULE_NAME, "Các nút Thi đua chạy trên sổ tính đang mở (xlwings Server).")
    for spec in SCRIPTS:
        setattr(module, spec.action, _script(spec))
    return module
