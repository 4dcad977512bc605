"""thidua_xl — thi đua, khen thưởng cho trường học.

Importing this package is cheap (no pandas, openpyxl, docx or xlwings): the operations below are
loaded on first use. Every face (Excel, Jupyter, command line) calls the same functions in
:mod:`thidua_xl.api`.

>>> import thidua_xl
>>> data = thidua_xl.read("workbooks/demo_thcs.xlsx")      # doctest: +SKIP
>>> verdicts = thidua_xl.check(data)                        # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["read", "validate", "check", "tally", "report", "explain", "compare_regimes", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("read", "validate", "check", "tally", "report", "explain", "compare_regimes"):
        from thidua_xl import api

        return getattr(api, name)
    raise AttributeError(f"module 'thidua_xl' has no attribute '{name}'")
