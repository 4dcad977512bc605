"""The notebook view of scoring through the year (issue 17): a :class:`~thidua_xl.core.scoring.ScoringResult`
shows itself as the people's table (months, year, suggested rating, ranks, missing months in yellow) and the
teams' table (:func:`thidua_xl.notebook.html.scoring_html`); ``to_dataframe`` gives one row per person, or per
phase, team or month (:func:`thidua_xl.notebook.frames.scoring_frame`); :func:`charts` draws the heat map
person × month of the bands and one line per team.

>>> r = thidua_xl.api.score("workbooks/demo_diem.xlsx"); r          # doctest: +SKIP
>>> thidua_xl.to_dataframe(r)                                       # doctest: +SKIP
>>> thidua_xl.notebook.scoring.charts(r)[0]                         # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from thidua_xl.core.scoring.result import ScoringResult
from thidua_xl.notebook.frames import scoring_frame
from thidua_xl.notebook.html import scoring_html

__all__ = ["charts", "scoring_frame", "scoring_html"]


def charts(result: ScoringResult) -> list[Any]:
    """The heat map person × month of the bands and one line per team (each shows itself in Jupyter)."""
    from thidua_xl import charts as charts_mod  # start-up time: matplotlib loads with the charts

    return charts_mod.scoring_charts(result)
