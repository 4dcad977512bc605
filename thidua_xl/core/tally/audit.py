"""Audit facts (the arithmetic every certified tally satisfies) and the Vietnamese audit trail's fixed parts:
the opening (regime, council, quorum), the double-entry lines and the closing (hash, certification)."""

from __future__ import annotations

from fractions import Fraction

from thidua_xl.core.model import TallyResult
from thidua_xl.core.rules import Param, RuleSet
from thidua_xl.core.tally.hashing import HASH_SCHEME
from thidua_xl.core.tally.wording import ratio_text
from thidua_xl.messages import t
from thidua_xl.vocabulary import title_label

MAX_DISCREPANCY_LINES = 50  # the trail lists this many differing cells, then how many more


def audit_facts(result: TallyResult, council_written: int) -> list[tuple[str, bool]]:
    """Every (fact, holds) the committee checks: ballots issued ≥ returned = valid + invalid, written
    opinions ≤ absent members who gave one, each candidate's marks add up, the two entries agree."""
    facts: list[tuple[str, bool]] = []
    for tt in result.titles:
        label = title_label(tt.title.value)
        facts.append((t("tally.audit.issued", title=label, issued=tt.issued, returned=tt.returned,
                         not_returned=tt.not_returned), tt.not_returned >= 0))
        facts.append((t("tally.audit.returned", title=label, returned=tt.returned, valid=tt.valid,
                         invalid=tt.invalid),
                      tt.returned == tt.valid + tt.invalid and tt.invalid == len(tt.invalid_ballots)))
        facts.append((t("tally.audit.written", title=label, written=tt.written, members=council_written),
                      tt.written <= council_written))
        for c in tt.candidates:
            facts.append((t("tally.audit.candidate", title=label, id=c.subject, approvals=c.approvals,
                             disapprovals=c.disapprovals, blanks=c.blanks, valid=tt.valid),
                          c.approvals + c.disapprovals + c.blanks == tt.valid and c.written_approvals <= c.approvals))
    if result.double_entry:
        facts.append((t("tally.audit.double_entry", n=len(result.discrepancies)), not result.discrepancies))
    return facts


def opening_lines(result: TallyResult, rules: RuleSet, school_year: str, quorum: Fraction,
                  quorum_param: Param | None, counts_written: bool, attending: int) -> list[str]:
    """Regime, council and quorum: the first lines of the trail."""
    total, present, written = result.council_total, result.present, result.written_opinions
    return [
        t("tally.log.regime", regime=rules.regime, label=rules.label, year=school_year or "—"),
        t("tally.log.council", total=total, present=present, written=written, absent=total - present - written),
        t("tally.log.quorum", ratio=ratio_text(quorum), total=total, required=result.quorum_required,
          attending=attending, cite=quorum_param.citation_text if quorum_param else "",
          who=t("tally.quorum.with_written" if counts_written else "tally.quorum.present_only"),
          verdict=t("tally.word.enough" if result.quorum_ok else "tally.word.not_enough")),
    ]


def double_entry_lines(result: TallyResult) -> list[str]:
    """Whether the two entries agree, and the first differing cells."""
    found = result.discrepancies
    lines = [t("tally.log.double_entry_ok") if not found else t("tally.log.double_entry_bad", n=len(found))]
    for d in found[:MAX_DISCREPANCY_LINES]:
        lines.append(t("tally.log.discrepancy", number=d.ballot, title=d.title.value if d.title else "—",
                       cand=d.candidate or "—", first=d.first, second=d.second))
    if len(found) > MAX_DISCREPANCY_LINES:
        lines.append(t("tally.log.discrepancy_more", n=len(found) - MAX_DISCREPANCY_LINES))
    return lines


def closing_lines(result: TallyResult, audit_ok: bool) -> list[str]:
    """Failed audit facts, the hash, and whether the tally is certified (and if not, why)."""
    lines = [t("tally.log.audit_failed", fact=fact) for fact, ok in result.audit if not ok]
    lines.append(t("tally.log.hash", hash=result.hash, scheme=HASH_SCHEME))
    if result.certified:
        lines.append(t("tally.log.certified"))
        return lines
    why = [t("tally.why.no_quorum")] if not result.quorum_ok else []
    if result.discrepancies:
        why.append(t("tally.why.entries_differ", n=len(result.discrepancies)))
    if not audit_ok:
        why.append(t("tally.why.audit"))
    lines.append(t("tally.log.not_certified", why="; ".join(why)))
    return lines
