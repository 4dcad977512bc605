"""Lists the council approves without a secret ballot (``dossier.titles_without_vote``, default LĐTT and TTLĐTT).

The council still approves them: by a show of hands (biểu quyết giơ tay, the default) or by voting slips
(phiếu biểu quyết), recorded in "Thông tin chung" (``SchoolInfo.approval_method``, ``approvals_ldtt``,
``approvals_ttldtt``). The number in favour is compared with the title's ``vote.threshold.<TITLE>`` (2024 and
2025 default: more than half of all members, the unit's rule); a ``valid_ballots`` base counts the members
voting (present + written opinions). Without the number the list is neither approved nor rejected
(``approved=None``): the biên bản leaves the figure for the secretary to write. Without quorum nothing is
approved. A title put to a secret ballot is counted by the ballots instead, never here.
"""

from __future__ import annotations

from thidua_xl.core.model import CheckResult, ListApproval, SchoolData, Title
from thidua_xl.core.rules import RuleSet
from thidua_xl.core.tally.ballots import Council, threshold_of
from thidua_xl.core.tally.wording import threshold_text
from thidua_xl.messages import t
from thidua_xl.text import format_percent
from thidua_xl.vocabulary import title_label

WITHOUT_VOTE_PARAM = "dossier.titles_without_vote"
METHODS = ("HANDS", "SLIPS")


def titles_without_vote(rules: RuleSet) -> list[Title]:
    """The titles of ``dossier.titles_without_vote``, in title order (unknown codes are left to the dossier's
    warning)."""
    codes = {str(c).strip().upper() for c in (rules.get(WITHOUT_VOTE_PARAM, ()) or ())}
    return [title for title in Title if title.value in codes]


def approve_lists(data: SchoolData, rules: RuleSet, verdicts: CheckResult | None, voted: set[Title],
                  council: Council, quorum_ok: bool, log: list[str]) -> list[ListApproval]:
    """One :class:`ListApproval` per title approved without a ballot that has a list (eligible subjects) or a
    recorded number in favour."""
    method = data.info.approval_method.strip().upper() or "HANDS"
    if method not in METHODS:
        method = "HANDS"
    voting = council.present + council.written
    out: list[ListApproval] = []
    for title in titles_without_vote(rules):
        if title in voted:
            continue
        listed = None if verdicts is None else sum(1 for v in verdicts.verdicts if v.title == title and v.eligible)
        approvals = data.info.approvals_for(title)
        if not listed and approvals is None:
            continue
        th, tparam = threshold_of(rules, title)
        base_count = council.total if th.base == "total_members" else voting
        passed = None if approvals is None else th.passes(approvals, base_count)
        approved = False if not quorum_ok else passed
        a = ListApproval(title=title, method=method, listed=listed, approvals=approvals, base=th.base,
                         base_count=base_count, threshold_text=threshold_text(th),
                         threshold_citation=tparam.citation_text, threshold_tag=tparam.tag_text,
                         threshold_passed=passed, approved=approved)
        out.append(a)
        label = title_label(title.value)
        how = t(f"tally.method.{method}")
        if approvals is None:
            log.append(t("tally.log.approval_unrecorded", title=label, method=how, threshold=a.threshold_text,
                         cite=a.threshold_citation, tag=a.threshold_tag))
        else:
            share = a.share
            log.append(t("tally.log.approval", title=label, method=how, approvals=approvals, base=base_count,
                         pct=format_percent(share) if share is not None else "—", threshold=a.threshold_text,
                         cite=a.threshold_citation, tag=a.threshold_tag,
                         verdict=t("tally.word.pass" if passed else "tally.word.fail")))
        if not quorum_ok:
            log.append(t("tally.log.approval_no_quorum", title=label))
    return out


def approval_facts(approvals: list[ListApproval], council: Council) -> list[tuple[str, bool]]:
    """Audit facts of the approvals: nobody counted in favour who did not vote."""
    voting = council.present + council.written
    return [(t("tally.audit.approval", title=title_label(a.title.value), approvals=a.approvals, voting=voting),
             a.approvals <= voting) for a in approvals if a.approvals is not None]
