"""The Jupyter face: rich displays, DataFrames, "explain one case", regime comparison.

Importing this package is cheap: pandas is imported by :func:`to_dataframe` on first use, matplotlib by
:mod:`thidua_xl.charts`. The result objects of the core (``CheckResult``, ``TallyResult``, ``SchoolData``)
call :func:`to_html` from their ``_repr_html_`` and :func:`to_dataframe` from their ``to_dataframe``.

>>> import thidua_xl
>>> data = thidua_xl.read("workbooks/demo_thcs.xlsx")                    # doctest: +SKIP
>>> result = thidua_xl.check(data); result                               # doctest: +SKIP
>>> thidua_xl.explain(data, "GV005", "CSTDCS")                            # doctest: +SKIP
>>> thidua_xl.compare_regimes(data, "2017", "2024").to_dataframe()        # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from thidua_xl.notebook._compare import ParamChange, RegimeChange, RegimeComparison, compare_regimes
from thidua_xl.notebook._explain import Explanation, explain, resolve_title
from thidua_xl.notebook.html import MAX_ROWS

__all__ = [
    "Explanation",
    "ParamChange",
    "RegimeChange",
    "RegimeComparison",
    "compare_regimes",
    "explain",
    "resolve_title",
    "to_dataframe",
    "to_html",
]


def to_html(obj: object, max_rows: int = MAX_ROWS) -> str:
    """Rich HTML for a result object (what Jupyter shows); every value is HTML-escaped."""
    from thidua_xl.notebook import html

    return html.to_html(obj, max_rows)


def to_dataframe(obj: object) -> Any:
    """A pandas DataFrame with Vietnamese column names (see :func:`thidua_xl.notebook.frames.to_dataframe`)."""
    from thidua_xl.notebook import frames

    return frames.to_dataframe(obj)
