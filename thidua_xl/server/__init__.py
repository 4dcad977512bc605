"""The ward's server face: the "Thi đua" ribbon, task pane and ``THIDUA.TDKT_`` functions as an Office.js
add-in served by xlwings Server (``pip install thidua_xl[server]``, ``thidua serve``).

Nothing here is new logic: the custom functions are the classic ``TDKT_`` functions
(:mod:`thidua_xl.excel.udfs`, listed by :mod:`thidua_xl.excel.udfspec`), the scripts and the ribbon are the
actions of :mod:`thidua_xl.excel.actions` run on the open workbook through the same book interface, and the
files they would write next to the workbook are returned as downloads instead.

xlwings Server and xlwings' remote Book are source-available under the PolyForm Noncommercial licence (or a
commercial one) and need ``XLWINGS_LICENSE_KEY``: only this package and ``thidua serve`` import them; the
classic add-in and the core never do. Importing this package loads nothing heavy.
"""

from __future__ import annotations

from pathlib import Path

NAMESPACE = "THIDUA"  # =THIDUA.TDKT_XET(...) in Excel
MANIFEST_ID = "18334a04-8358-4b4e-ab54-7a72103ed43c"  # the project's own add-in id (never xlwings' sample id)
PROJECT_NAME = "Thi đua"
SITE = Path(__file__).resolve().parent / "site"  # templates and static files served by the app
DEFAULT_MAX_MB = 64  # request size limit (a 5,000-staff workbook sends about 10 MB): `thidua serve --gioi-han-mb`
LICENSE_ENV = "XLWINGS_LICENSE_KEY"
MAX_MB_ENV = "THIDUA_SERVER_MAX_MB"  # the request size limit `thidua serve` hands to the app
