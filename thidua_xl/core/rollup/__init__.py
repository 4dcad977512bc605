"""The level above the school (ward/commune or Sở GDĐT): every school's results rolled up, checked across schools,
and (:mod:`.scoring`) the schools scored and ranked. Pure core: dataclasses in, dataclasses out, no file.

:mod:`.model` the objects; :mod:`.aggregate` one school's own check/tally summarised; :mod:`.checks` the
cross-school checks; :mod:`.council` the higher council's thresholds; :mod:`.scoring` the ward's criteria.
"""

from __future__ import annotations

from thidua_xl.core.rollup.aggregate import eligible_counts, nominees, proposed_counts, summarize
from thidua_xl.core.rollup.checks import cross_checks, match_school, person_key
from thidua_xl.core.rollup.council import council_rules, council_verdicts
from thidua_xl.core.rollup.model import Nominee, Rollup, RollupProblem, SchoolEntry, SchoolResult, WardConfig
from thidua_xl.core.rollup.scoring import Criterion, SchoolScore, Score, ScoringRule, rank, score_schools

__all__ = [
    "Criterion", "SchoolScore", "Score", "ScoringRule", "rank", "score_schools",
    "Nominee", "Rollup", "RollupProblem", "SchoolEntry", "SchoolResult", "WardConfig", "council_rules",
    "council_verdicts", "cross_checks",
    "eligible_counts", "match_school", "nominees", "person_key", "proposed_counts", "summarize",
]
