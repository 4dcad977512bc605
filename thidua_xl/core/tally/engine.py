"""The order of the count (:func:`tally_school`): council and quorum, each title's round (validity,
counting, threshold, eligibility, quota), double entry, audit facts and hash, certification, proposals."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from fractions import Fraction

from thidua_xl.core.model import Ballot, CheckResult, SchoolData, TallyResult, Title, TitleTally, Verdict
from thidua_xl.core.rules import RuleSet, parse_fraction
from thidua_xl.core.tally.approval import approval_facts, approve_lists
from thidua_xl.core.tally.audit import audit_facts, closing_lines, double_entry_lines, opening_lines
from thidua_xl.core.tally.ballots import Council, count_title, threshold_of
from thidua_xl.core.tally.hashing import Cells, ballot_cells, ballots_hash, reconcile
from thidua_xl.core.tally.quota import apply_quota, obtained_counter
from thidua_xl.core.tally.rounds import round_candidates
from thidua_xl.core.tally.tiebreak import TieFacts, tiebreak_of
from thidua_xl.messages import t
from thidua_xl.vocabulary import title_label


def not_eligible_note(words: Iterable[str]) -> str:
    """The note of a candidate found not eligible, naming its reasons (``words``: one text per reason)."""
    return t("tally.note.not_eligible", reasons="; ".join(words) or t("tally.no_reason"))


def _apply_eligibility(tt: TitleTally, verdicts: dict[tuple[str, Title], Verdict], log: list[str]) -> None:
    for c in tt.candidates:
        v = verdicts.get((c.subject, tt.title))
        if v is None:
            c.eligible = None
            c.notes.append(t("tally.note.no_verdict"))
            continue
        c.eligible = bool(v.eligible)
        if not v.eligible:
            c.notes.append(not_eligible_note(r.message for r in v.reasons))
            if c.threshold_passed:
                reasons = "; ".join(r.message for r in v.reasons) or t("tally.no_reason")
                log.append(t("tally.log.not_eligible", id=c.subject, name=c.name, reasons=reasons))


def _propose(result: TallyResult, log: list[str]) -> None:
    """Who is proposed: passed, within the quota, no revote, not found ineligible — and the tally certified."""
    for tt in result.titles:
        for c in tt.candidates:
            would = c.threshold_passed and c.within_quota is not False and not c.revote and c.eligible is not False
            c.proposed = would and result.certified
            if would and not result.certified:
                if not result.quorum_ok:
                    c.notes.append(t("tally.note.no_quorum"))
                elif result.discrepancies:
                    c.notes.append(t("tally.note.entries_differ"))
                else:
                    c.notes.append(t("tally.note.audit_failed"))
            if c.proposed:
                log.append(t("tally.log.proposed", id=c.subject, name=c.name, title=title_label(tt.title.value)))


def tally_school(data: SchoolData, rules: RuleSet, verdicts: CheckResult | None = None) -> TallyResult:
    """Count the council's ballots for every title voted on (see :mod:`thidua_xl.core.tally` for the steps).

    Raises :class:`~thidua_xl.core.rules.RuleSetError` (Vietnamese message) when a vote parameter is malformed.
    """
    qp = rules.params.get("vote.quorum")
    quorum = parse_fraction(qp.value) if qp is not None else Fraction(2, 3)
    tiebreak = tiebreak_of(rules)
    counts_written = bool(rules.get("vote.quorum.counts_written", False))

    # 1. council and quorum
    total = len(data.council)
    present = sum(1 for m in data.council if m.present)
    written = sum(1 for m in data.council if not m.present and m.written_opinion)
    required = math.ceil(quorum * total)
    attending = present + (written if counts_written else 0)
    quorum_ok = total > 0 and attending >= required
    result = TallyResult(
        school_year=data.info.school_year, regime=rules.regime, council_total=total, present=present,
        written_opinions=written, quorum_required=required, quorum_ok=quorum_ok,
        double_entry=data.ballots_second is not None,
    )
    log = opening_lines(result, rules, data.info.school_year, quorum, qp, counts_written, attending)

    # 2-6. each title's round, in title order: LĐTT is counted before the CSTĐCS quota that depends on it
    lists = round_candidates(data)
    for title in lists.merged:
        log.append(t("tally.log.rounds_merged", title=title_label(title.value)))
    by_title: dict[Title, list[Ballot]] = defaultdict(list)
    cells_of: dict[Title, Cells] = defaultdict(list)
    cells = ballot_cells(data.ballots)  # each ballot's marks as a tuple: for validity, counts and hash alike
    for b, cell in zip(data.ballots, cells):
        by_title[b.title].append(b)
        cells_of[b.title].append(cell)
    names = {s.id: s.full_name for s in data.staff}
    council = Council(total, present, written)
    vmap: dict[tuple[str, Title], Verdict] = {}
    if verdicts is not None:
        for v in verdicts.verdicts:
            vmap.setdefault((v.subject, v.title), v)
    facts = TieFacts(data, tiebreak.women_team_share)
    done: dict[Title, TitleTally] = {}
    obtained = obtained_counter(done, verdicts)
    for title, rnd in lists.rounds.items():
        th, tparam = threshold_of(rules, title)
        if title in lists.inferred:
            log.append(t("tally.log.no_round", title=title_label(title.value), n=len(rnd.candidates)))
        tt = count_title(rnd, by_title.get(title, []), th, tparam, council, names, log, cells_of.get(title, []))
        if verdicts is not None:
            _apply_eligibility(tt, vmap, log)
        apply_quota(tt, rules, tiebreak, obtained, facts, log)
        done[title] = tt
        result.titles.append(tt)
    if not result.titles:
        log.append(t("tally.log.no_ballots"))

    # 7. double entry
    if data.ballots_second is not None:
        result.discrepancies = reconcile(data.ballots, data.ballots_second)
        log += double_entry_lines(result)

    # 8. hash, audit facts, certification
    result.hash = ballots_hash(data.ballots, cells)
    result.approvals = approve_lists(data, rules, verdicts, set(lists.rounds), council, quorum_ok, log)
    result.audit = audit_facts(result, written) + approval_facts(result.approvals, council)
    audit_ok = all(ok for _, ok in result.audit)
    result.certified = quorum_ok and not result.discrepancies and audit_ok
    _propose(result, log)
    log += closing_lines(result, audit_ok)
    result.log = log
    return result


