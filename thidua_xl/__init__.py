"""thidua_xl — thi đua, khen thưởng cho trường học.

Importing this package is cheap (no pandas, openpyxl, docx, xlwings or IPython): the operations below are
loaded on first use. Every face (Excel, Jupyter, command line) calls the same functions in
:mod:`thidua_xl.api`. Inside IPython/Jupyter, importing it also registers the rich displays of the result
objects (see :mod:`thidua_xl.notebook`).

>>> import thidua_xl
>>> data = thidua_xl.read("workbooks/demo_thcs.xlsx")      # doctest: +SKIP
>>> verdicts = thidua_xl.check(data)                        # doctest: +SKIP
>>> thidua_xl.to_dataframe(verdicts)                        # doctest: +SKIP
"""

from __future__ import annotations

import sys
from typing import Any

__version__ = "0.1.0"
__all__ = ["read", "validate", "check", "tally", "report", "explain", "compare_regimes", "for_school_year",
           "to_dataframe", "__version__"]

_API = ("read", "validate", "check", "tally", "report", "explain", "compare_regimes", "for_school_year")


def __getattr__(name: str) -> Any:
    if name in _API:
        from thidua_xl import api  # start-up: the operations load on first use

        return getattr(api, name)
    raise AttributeError(f"module 'thidua_xl' has no attribute '{name}'")


def to_dataframe(obj: object) -> Any:
    """A pandas DataFrame (Vietnamese column names) of a result object: ``CheckResult`` (one row per person or
    team and title), ``TallyResult`` (per candidate), ``SchoolData`` (per problem), an explanation (per
    criterion), a regime comparison (per change)."""
    from thidua_xl import notebook  # start-up: pandas loads only here

    return notebook.to_dataframe(obj)


def _register_displays() -> None:
    """Inside a running IPython (Jupyter), show result objects as rich tables; elsewhere nothing happens."""
    ipython = sys.modules.get("IPython")
    get_shell = getattr(ipython, "get_ipython", None)
    shell = get_shell() if callable(get_shell) else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    from thidua_xl import notebook  # start-up: only inside a running IPython

    notebook.register_displays(shell)


_register_displays()
