"""Kiểm phiếu: the council's secret-ballot tally.

Pure core: takes a :class:`~thidua_xl.core.model.SchoolData` and a rule set, returns a
:class:`~thidua_xl.core.model.TallyResult` carrying every figure, the reason of every invalid ballot, the
audit facts, a SHA-256 of the normalised ballot data and an ordered audit trail (``log``). No file
I/O, no pandas. The steps, in the order the counting committee (Ban kiểm phiếu) follows them
(:mod:`.engine`):

1. **Council and quorum** (``vote.quorum``, ``vote.quorum.counts_written``): required =
   ⌈ratio × total members⌉; by default only members present count towards it. Without quorum the
   figures are still computed but the tally is not certified and nobody is proposed.
2. **The round of each title** (:mod:`.rounds`, :func:`round_candidates`): the declared candidate list,
   or, without one, the candidates marked on the title's ballots.
3. **Ballot validity** (:mod:`.ballots`), per title, one reason code per invalid ballot (the first in this
   order; the reason text names every problem found): ``DECLARED_INVALID`` (the committee's declaration,
   with its reason), ``DUPLICATE_NUMBER`` (the same ballot number twice for a title: *every* copy is
   invalid — the committee cannot tell which paper is genuine, so both are suspect), ``UNREADABLE_MARK``,
   ``NOT_ON_LIST`` (an approve/disapprove mark for a name not on that title's list; a blank cell in
   another title's column is fine), ``OVER_LIMIT`` (more approvals than ``BallotRound.max_choices``).
   Invalid ballots are listed, never dropped.
4. **Counting** of valid ballots: approvals, disapprovals, blanks (a missing cell is blank); written
   opinions of absent members (``BallotSource.WRITTEN``) count as votes and are kept apart.
5. **Thresholds** (``vote.threshold.<TITLE>``, the school council's vote to propose; the 90% of the
   higher council, ``vote.higher_council.<TITLE>``, is not used here): exact fractions against the stated base.
6. **Eligibility**: with a :class:`~thidua_xl.core.model.CheckResult`, a candidate who is not eligible for
   the title is flagged and never proposed (nor ranked for a quota).
7. **Quotas** (``vote.quota.<TITLE>``, :mod:`.quota`): passers are ranked by approvals; a tie exactly at
   the cut-off goes through the ``vote.tiebreak`` chain (:mod:`.tiebreak`), and whatever the chain cannot
   separate is marked "cần bỏ phiếu lại" (``revote``), never settled silently.
8. **Double entry** (:mod:`.hashing`): every differing cell between the two entries is a
   :class:`~thidua_xl.core.model.Discrepancy`; the count from the first entry is shown but not certified
   until they agree.
9. **Lists approved without a ballot** (:mod:`.approval`): the titles of ``dossier.titles_without_vote``
   (LĐTT, TTLĐTT) not put to a secret ballot, approved by a show of hands: the number in favour recorded in
   "Thông tin chung" against ``vote.threshold.<TITLE>`` (``TallyResult.approvals``).
10. **Audit facts** (:mod:`.audit`) and **hash**; certification = quorum ∧ entries agree ∧ every audit
   fact holds.

Percentages are displayed with :func:`thidua_xl.text.format_percent` (2 decimals, round half up, decimal
comma). The JSON and the result sheets are in :mod:`thidua_xl.views.tally`. See ``docs/tally.md``.
"""

from __future__ import annotations

from thidua_xl.core.tally.ballots import INVALID_CODES
from thidua_xl.core.tally.engine import tally_school
from thidua_xl.core.tally.hashing import HASH_SCHEME, ballots_hash, canonical_ballot, norm_number, reconcile
from thidua_xl.core.tally.quota import Quota, parse_quota
from thidua_xl.core.tally.rounds import RoundLists, round_candidates
from thidua_xl.core.tally.tiebreak import TIEBREAK_KEYS
from thidua_xl.core.tally.wording import ratio_text, threshold_text, vocab
from thidua_xl.text import format_percent  # re-exported for older callers
from thidua_xl.vocabulary import title_label  # re-exported for older callers

__all__ = [
    "HASH_SCHEME",
    "INVALID_CODES",
    "TIEBREAK_KEYS",
    "Quota",
    "RoundLists",
    "ballots_hash",
    "canonical_ballot",
    "format_percent",
    "norm_number",
    "parse_quota",
    "ratio_text",
    "reconcile",
    "round_candidates",
    "tally_school",
    "threshold_text",
    "title_label",
    "vocab",
]
