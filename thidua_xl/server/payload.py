"""What Excel's Office.js client sends, built from a real workbook: for the tests, the benchmark and a
ward's own smoke test of a deployed server (no Excel needed).

* A script call carries the book as xlwings' client builds it (``getBookData``): every sheet by name, the
  values of the included sheets only (others ``[[]]``), blanks as ``""``, date cells as ISO text.
* A custom-function call carries each argument as a 2-D list, blanks as ``null`` and dates as Excel serial
  numbers (days since 1899-12-30), as Excel passes a range to a custom function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

EPOCH = dt.datetime(1899, 12, 30)
CLIENT_VERSION = "0.37.8"  # the xlwings client version in the payload (Office.js skips the version check)


def serial(value: dt.date | dt.datetime) -> float | int:
    """An Excel serial number (1900 date system)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    delta = value - EPOCH
    days = delta.days + delta.seconds / 86400
    return int(days) if float(days).is_integer() else days


def script_cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        d = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
        return d.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return "" if value is None else value


def function_cell(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return serial(value)
    return value


def _rectangle(rows: list[list[Any]], cell: Any) -> list[list[Any]]:
    width = max((len(r) for r in rows), default=1) or 1
    blank = cell(None)
    return [[cell(v) for v in r] + [blank] * (width - len(r)) for r in rows] or [[blank]]


def book_payload(tables: Mapping[str, list[list[Any]]], name: str,
                 include: Iterable[str] | None = None) -> dict[str, Any]:
    """The JSON body of ``POST /xlwings/custom-scripts-call/<script>`` for a workbook of these sheets."""
    wanted = None if include is None else set(include)
    sheets = []
    for sheet, rows in tables.items():
        sent = wanted is None or sheet in wanted
        values = _rectangle(rows, script_cell) if sent else [[]]
        sheets.append({"name": sheet, "values": values, "pictures": [], "tables": []})
    return {"client": "Office.js", "version": CLIENT_VERSION,
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def function_call(func_name: str, *args: Any, ranges: Iterable[list[list[Any]]] | None = None) -> dict[str, Any]:
    """The JSON body of ``POST /xlwings/custom-functions-call``: a scalar argument as ``[[value]]``, a range
    (list of rows) as its 2-D list; ``ranges`` fills the repeating last parameter (``*bang``), which Excel
    sends as one list of 2-D ranges."""

    def arg(value: Any) -> Any:
        if isinstance(value, list):
            return _rectangle(value, function_cell)
        return [[function_cell(value)]]

    sent = [arg(a) for a in args]
    if ranges is not None:
        sent.append([_rectangle(r, function_cell) for r in ranges])
    return {"client": "Office.js", "func_name": func_name, "args": sent,
            "caller_address": "[Book1]Sheet1!A1", "culture_info_name": "vi-VN", "date_format": "dd/mm/yyyy",
            "version": CLIENT_VERSION, "runtime": "1.4"}
