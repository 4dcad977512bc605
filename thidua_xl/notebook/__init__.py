"""The Jupyter face: rich displays and DataFrames of the result objects.

The result objects know nothing of Jupyter: this package registers their HTML displays with IPython's
formatters (:func:`register_displays`) — automatically when ``thidua_xl`` is imported inside IPython, or
with ``%load_ext thidua_xl.notebook``. Importing it is cheap: the renderers load on the first display,
pandas on the first :func:`to_dataframe`, matplotlib with :mod:`thidua_xl.charts`.

>>> import thidua_xl
>>> data = thidua_xl.read("workbooks/demo_thcs.xlsx")                    # doctest: +SKIP
>>> result = thidua_xl.check(data); result                               # doctest: +SKIP
>>> thidua_xl.explain(data, "GV005", "CSTDCS")                            # doctest: +SKIP
>>> thidua_xl.to_dataframe(thidua_xl.compare_regimes(data, "2017", "2024"))  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Explanation",
    "ParamChange",
    "RegimeChange",
    "RegimeComparison",
    "compare_regimes",
    "explain",
    "load_ipython_extension",
    "register_displays",
    "resolve_title",
    "to_dataframe",
    "to_html",
]

# (module, class) of every object with a rich display; named, so registering imports none of them.
DISPLAYED: tuple[tuple[str, str], ...] = (
    ("thidua_xl.core.model", "SchoolData"),
    ("thidua_xl.core.model", "CheckResult"),
    ("thidua_xl.core.model", "TallyResult"),
    ("thidua_xl.views.explain", "Explanation"),
    ("thidua_xl.views.compare", "RegimeComparison"),
    ("thidua_xl.core.scoring.result", "ScoringResult"),
)

# names offered here for convenience, loaded on first use (the operations are those of thidua_xl.api)
_LAZY = {
    "explain": "thidua_xl.api",
    "compare_regimes": "thidua_xl.api",
    "resolve_title": "thidua_xl.views.explain",
    "Explanation": "thidua_xl.views.explain",
    "ParamChange": "thidua_xl.views.compare",
    "RegimeChange": "thidua_xl.views.compare",
    "RegimeComparison": "thidua_xl.views.compare",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'thidua_xl.notebook' has no attribute '{name}'")
    return getattr(importlib.import_module(module), name)


def to_html(obj: object, max_rows: int | None = None) -> str:
    """Rich HTML for a result object (what Jupyter shows); every value is HTML-escaped."""
    from thidua_xl.notebook import html  # start-up: the renderers load on the first display

    return html.to_html(obj, html.MAX_ROWS if max_rows is None else max_rows)


def to_dataframe(obj: object) -> Any:
    """A pandas DataFrame with Vietnamese column names (see :func:`thidua_xl.notebook.frames.to_dataframe`)."""
    from thidua_xl.notebook import frames  # start-up: frames (and pandas) load on first use

    return frames.to_dataframe(obj)


def _html_display(obj: object) -> str:
    return to_html(obj)


def register_displays(shell: Any) -> None:
    """Give every result object its rich HTML display in this IPython ``shell`` (by class name: nothing
    is imported until an object is shown)."""
    formatter = shell.display_formatter.formatters["text/html"]
    for module, name in DISPLAYED:
        formatter.for_type_by_name(module, name, _html_display)


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext thidua_xl.notebook``."""
    register_displays(shell)
