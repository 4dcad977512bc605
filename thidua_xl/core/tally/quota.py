"""Quotas (``vote.quota.<TITLE>``): how many of those who pass the threshold may be proposed.

A quota is a fixed number ("3") or a share of those who obtain another title ("15% LDTT", rounded
down). Passers who are eligible are ranked by approvals; a tie exactly at the cut-off goes through the
tie-break chain (:mod:`thidua_xl.core.tally.tiebreak`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from thidua_xl.core.model import CandidateTally, CheckResult, Title, TitleTally
from thidua_xl.core.rules import Param, RuleSet, RuleSetError, parse_fraction
from thidua_xl.core.tally.tiebreak import TieBreak, TieFacts, resolve_tie
from thidua_xl.core.tally.wording import ratio_text
from thidua_xl.messages import t
from thidua_xl.vocabulary import title_label

# How many obtain a title, and from where that figure comes (this vote, or the eligibility check).
Obtained = Callable[[Title], tuple[int, str] | None]


@dataclass(frozen=True, slots=True)
class Quota:
    """At most ``fixed`` people, or at most ⌊ratio × (number who obtain ``of_title``)⌋."""

    fixed: int | None = None
    ratio: Fraction | None = None
    of_title: Title | None = None


_QUOTA_RE = re.compile(
    r"^(?P<num>\d+(?:[.,]\d+)?\s*%|\d+\s*/\s*\d+|0?[.,]\d+)\s*(?:(?:của|cua|of)\s+)?(?:(?:số|so)\s+)?(?P<title>.*)$",
    re.IGNORECASE,
)
_NONE_WORDS = {"", "không", "khong", "none", "-", "không có", "khong co"}


def _title_from_text(text: str) -> Title | None:
    key = re.sub(r"[\s_.\-]", "", text.upper().replace("Đ", "D"))
    for title in Title:
        if title.value.replace("_", "") == key:
            return title
    return None


def parse_quota(raw: Any, key: str = "") -> Quota | None:
    """Parse a quota parameter: "" → None; "3" → at most 3; "15% LDTT" → at most ⌊15% × #LĐTT⌋."""
    text = " ".join(str(raw or "").split())
    if text.casefold() in _NONE_WORDS:
        return None
    if text.isdigit():
        return Quota(fixed=int(text))
    m = _QUOTA_RE.match(text)
    title = _title_from_text(m["title"]) if m else None
    if m is None or title is None:
        raise RuleSetError(t("tally.bad_quota", param=key, value=raw))
    return Quota(ratio=parse_fraction(m["num"]), of_title=title)


def quota_of(rules: RuleSet, title: Title) -> tuple[Quota | None, Param | None]:
    """The title's quota and its parameter; (None, None) when the rule set has none."""
    param = rules.params.get(f"vote.quota.{title.value}")
    if param is None:
        return None, None
    return parse_quota(param.value, param.key), param


def obtained_counter(done: dict[Title, TitleTally], verdicts: CheckResult | None) -> Obtained:
    """How many obtain a title: those proposed by this vote when it was voted on (counted earlier, in
    title order), else those eligible for it, else unknown."""
    def obtained(title: Title) -> tuple[int, str] | None:
        tt = done.get(title)
        if tt is not None:
            n = sum(1 for c in tt.candidates if c.threshold_passed and c.eligible is not False
                    and c.within_quota is not False and not c.revote)
            return n, t("tally.quota.source_vote")
        if verdicts is not None:
            return len(verdicts.eligible(title)), t("tally.quota.source_eligibility")
        return None

    return obtained


def apply_quota(tt: TitleTally, rules: RuleSet, tiebreak: TieBreak, obtained: Obtained, facts: TieFacts,
                log: list[str]) -> None:
    """Mark who is within the title's quota (``within_quota``), who is outside and who must vote again."""
    quota, qparam = quota_of(rules, tt.title)
    if quota is None or qparam is None:
        return
    label = title_label(tt.title.value)
    cite = qparam.citation_text
    ranked = [c for c in tt.candidates if c.threshold_passed and c.eligible is not False]
    for c in tt.candidates:
        c.within_quota = False
        if not c.threshold_passed:
            continue
        if c.eligible is False:
            c.notes.append(t("tally.note.quota_skipped_ineligible"))
    if quota.fixed is not None:
        limit = quota.fixed
        tt.quota_text = t("tally.quota.fixed", n=limit, cite=cite, tag=qparam.tag_text)
    else:
        assert quota.ratio is not None and quota.of_title is not None
        base = obtained(quota.of_title)
        of_label = title_label(quota.of_title.value)
        if base is None:
            tt.quota_text = t("tally.quota.unknown_base", ratio=ratio_text(quota.ratio), of=of_label, cite=cite)
            for c in ranked:
                c.notes.append(tt.quota_text)
            log.append(t("tally.log.quota", title=label, text=tt.quota_text))
            return
        n_base, source = base
        limit = math.floor(quota.ratio * n_base)
        tt.quota_text = t("tally.quota.ratio", ratio=ratio_text(quota.ratio), of=of_label, base=n_base,
                          source=source, n=limit, cite=cite, tag=qparam.tag_text)
    tt.quota = limit
    log.append(t("tally.log.quota", title=label, text=tt.quota_text))
    ordered = sorted(ranked, key=lambda c: (-c.approvals, c.subject))
    if len(ordered) <= limit:
        for c in ordered:
            c.within_quota = True
        log.append(t("tally.log.quota_all_in", n=len(ordered), limit=limit))
        return
    if limit <= 0:
        for c in ordered:
            c.notes.append(t("tally.note.outside_quota", rank=ordered.index(c) + 1, limit=limit))
        log.append(t("tally.log.quota_zero", title=label))
        return
    cutoff = ordered[limit - 1].approvals
    above = [c for c in ordered if c.approvals > cutoff]
    at = [c for c in ordered if c.approvals == cutoff]
    below = [c for c in ordered if c.approvals < cutoff]
    for c in above:
        c.within_quota = True
    for c in below:
        c.notes.append(t("tally.note.outside_quota", rank=ordered.index(c) + 1, limit=limit))
    slots = limit - len(above)
    if len(at) <= slots:  # the cut falls between two vote counts
        for c in at:
            c.within_quota = True
        log.append(t("tally.log.quota_cut", limit=limit, votes=cutoff))
        return
    _break_tie(tt, at, cutoff, slots, tiebreak, facts, log)


def _break_tie(tt: TitleTally, at: list[CandidateTally], cutoff: int, slots: int, tiebreak: TieBreak,
               facts: TieFacts, log: list[str]) -> None:
    """More candidates at the cut-off than places left: the chain decides, or a new vote."""
    names = ", ".join(f"{c.subject} {c.name}" for c in sorted(at, key=lambda c: c.subject))
    log.append(t("tally.log.tie", n=len(at), votes=cutoff, slots=slots, names=names,
                 chain=" → ".join(tiebreak.chain), cite=tiebreak.chain_cite()))
    inside, outside, revote, decided = resolve_tie(at, slots, tiebreak.chain, facts, tt.title.is_team)
    for c in inside + outside:
        code, fact = decided[c.subject]
        c.within_quota = c in inside
        word = t("tally.word.inside" if c.within_quota else "tally.word.outside")
        rule = t(f"tally.tiebreak.{code}")
        c.notes.append(t("tally.note.tie_decided", votes=cutoff, where=word, rule=rule, fact=fact,
                         cite=tiebreak.cite(code)))
        log.append(t("tally.log.tie_decided", id=c.subject, name=c.name, where=word, rule=rule, fact=fact))
    if revote:
        left = slots - len(inside)
        others = ", ".join(f"{c.subject} {c.name}" for c in revote)
        for c in revote:
            c.revote = True
            c.within_quota = False
            c.notes.append(t("tally.note.revote", votes=cutoff, n=len(revote), slots=left, names=others))
        log.append(t("tally.log.revote", n=len(revote), slots=left, names=others))
