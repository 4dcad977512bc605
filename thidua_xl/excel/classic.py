"""Entry point of the classic add-in's ribbon buttons (Windows/macOS, xlwings' BSD part).

Each VBA callback of ``ThiDua.xlam`` runs ``RunPython "import thidua_xl.excel.classic as m;
m.on_ribbon('<action id>')"``; the action runs on the workbook that called it and ends with a message box.
"""

from __future__ import annotations

import sys

from thidua_xl.excel.actions import run_action
from thidua_xl.excel.book import XlwingsBook
from thidua_xl.messages import t


def on_ribbon(action_id: str) -> str:
    """Run one ribbon action (see :data:`thidua_xl.excel.actions.ACTIONS`) on the calling workbook."""
    import xlwings as xw  # heavy: xlwings only inside Excel

    try:
        book = xw.Book.caller()
    except Exception as exc:  # noqa: BLE001 - no Excel: say so in words, never a traceback
        text = t("excel.error.no_excel", error=exc)
        print(text, file=sys.stderr)
        return text
    return run_action(action_id, XlwingsBook(book))
