"""The higher council's own vote (the ward's or the province's Hội đồng TĐKT), counted by the same tally engine.

The ward's council uses the rule set's thresholds (``vote.threshold.<TITLE>``). The provincial council voting on
CSTĐ tỉnh and toàn quốc uses ``vote.higher_council.<TITLE>`` (90% of all its members, NĐ 98/2023 Điều 30 khoản 7
while in force: the rule set loaded for the meeting date prints the citation only then). Its candidates'
eligibility is the roll-up's re-check of each school, so the council cannot propose someone not eligible.
"""

from __future__ import annotations

from dataclasses import replace

from thidua_xl.core.model import CheckResult, Verdict
from thidua_xl.core.rollup.model import Nominee
from thidua_xl.core.rules import RuleSet

LEVELS = ("ward", "province")
HIGHER_PREFIX = "vote.higher_council."


def council_rules(rules: RuleSet, level: str) -> RuleSet:
    """The rule set the council's tally uses: as it is for the ward; for the province, each
    ``vote.higher_council.<TITLE>`` in place of ``vote.threshold.<TITLE>`` (keeping its own key, label and
    citation, so the result says which rule counted)."""
    if level != "province":
        return rules
    params = dict(rules.params)
    for key, p in rules.params.items():
        if key.startswith(HIGHER_PREFIX):
            params[f"vote.threshold.{key[len(HIGHER_PREFIX):]}"] = p
    return replace(rules, params=params)


def council_verdicts(nominees: list[Nominee], school_year: str, regime: str) -> CheckResult:
    """The roll-up's verdicts under the council's keys (``<mã trường>.<mã CB>``), for the tally's eligibility step.
    A nominee the roll-up could not judge is left out (the tally then does not flag them)."""
    verdicts = [Verdict(n.council_key, n.name, n.title, bool(n.eligible), is_team=n.is_team)
                for n in nominees if n.eligible is not None]
    return CheckResult(school_year, regime, verdicts)
