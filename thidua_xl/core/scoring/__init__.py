"""Through the year: monthly and per-phase scores, classification bands, ranks, missing months, the year's
suggested rating (:mod:`.engine`), and the plan's calendar — overdue and due-soon tasks, the registration
deadline (:mod:`.calendar`). Pure: dataclasses in, dataclasses out; the rule is documented in docs/scoring.md.
"""

from __future__ import annotations

from thidua_xl.core.scoring.bands import Bands, band_of, bands_from
from thidua_xl.core.scoring.engine import month_phases, score_school
from thidua_xl.core.scoring.result import MonthScore, PersonScores, PhaseScore, ScoringResult, TeamScores

__all__ = [
    "Bands", "MonthScore", "PersonScores", "PhaseScore", "ScoringResult", "TeamScores", "band_of", "bands_from",
    "month_phases", "score_school",
]
