"""Small helpers shared by the notebook renderers: colours, escaping, short title headers.

The value formats (percentages, numbers, marks, rule values) live in :mod:`thidua_xl.views.values`, shared
with the plain-text views; they are re-exported here for the notebook modules.
"""

from __future__ import annotations

import html

from thidua_xl.core.model import Title
from thidua_xl.messages import t
from thidua_xl.text import percent_value  # noqa: F401  (re-exported for the frames)
from thidua_xl.views.values import (  # noqa: F401  (re-exported for the notebook modules)
    MARK_BAD,
    MARK_OK,
    NONE,
    base_label,
    mark,
    value_text,
    vi_number,
    vi_percent,
    yes_no,
)
from thidua_xl.vocabulary import title_label  # noqa: F401  (re-exported for the notebook modules)

OK_BG = "#d9f2d9"  # light green
OK_FG = "#145214"
BAD_BG = "#f9d6d5"  # light red
BAD_FG = "#7a1712"
WARN_BG = "#fff2c2"
WARN_FG = "#6b5200"


def esc(value: object) -> str:
    """HTML-escaped text of any value (``None`` → "")."""
    return html.escape("" if value is None else str(value), quote=True)


def title_code(title: Title | str) -> str:
    return title.value if isinstance(title, Title) else str(title)


def title_short(title: Title | str) -> str:
    """Short header for a title ("LĐTT", "CSTĐCS", …)."""
    code = title_code(title)
    try:
        return t(f"nb.short.{code}")
    except KeyError:
        return code
