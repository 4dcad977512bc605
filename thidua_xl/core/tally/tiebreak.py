"""The tie-break chain (``vote.tiebreak``) for candidates tied exactly at a quota's cut-off.

Each key of the chain compares one fact of the tied candidates (higher is better); a key that does not
separate them passes to the next; whatever the chain cannot separate goes to a new vote (``REVOTE``),
never to chance. The team share of women for ``WOMEN_FIRST`` is the rule set's
``vote.tiebreak.women_team_share``.

Citations are per key: a tie decided by ``WOMEN_FIRST`` cites the decree's priority to women (the citation of
``vote.tiebreak.women_team_share``: khoản 6 Điều 4 NĐ 152/2025, Điều 4 NĐ 98/2023); a tie decided by any other
key cites the chain ``vote.tiebreak`` itself — the order of the keys and the keys other than the women's
priority are the unit's rule (tag GAP), not the decree's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from thidua_xl.core.model import CandidateTally, Gender, Initiative, SchoolData
from thidua_xl.core.rules import Param, RuleSet, RuleSetError
from thidua_xl.messages import t

TIEBREAK_KEYS = ("WOMEN_FIRST", "MORE_INITIATIVES", "HIGHER_INITIATIVE_LEVEL", "HIGHER_RATING", "OLDER_FIRST",
                 "REVOTE")
WOMEN_TEAM_SHARE_PARAM = "vote.tiebreak.women_team_share"


@dataclass(frozen=True, slots=True)
class TieBreak:
    """The chain of a rule set, its parameter (for the citation) and the share of women that makes a team
    rank first under ``WOMEN_FIRST`` (``None`` when the chain does not use that key), with its parameter."""

    chain: tuple[str, ...]
    param: Param | None
    women_team_share: Fraction | None
    women_param: Param | None = None

    def cite(self, code: str) -> str:
        """"citation [tag]" of the rule a key applies: the decree's priority to women for ``WOMEN_FIRST``, the
        chain's own citation (the unit's rule) for every other key; "" when the rule set has no citation."""
        p = self.women_param if code == "WOMEN_FIRST" and self.women_param is not None else self.param
        return f"{p.citation_text} [{p.tag_text}]" if p is not None else ""

    def chain_cite(self) -> str:
        """The citations of the whole chain: the chain's own, then the women's priority when it is in the chain."""
        parts = [self.cite("")]
        if "WOMEN_FIRST" in self.chain and self.women_param is not None:
            parts.append(self.cite("WOMEN_FIRST"))
        return "; ".join(p for p in parts if p)


def tiebreak_of(rules: RuleSet) -> TieBreak:
    """Read and check ``vote.tiebreak`` (default: revote only) and the parameters its keys need."""
    tp = rules.params.get("vote.tiebreak")
    chain = tuple(str(c).strip().upper() for c in (tp.value if tp is not None else ("REVOTE",)))
    unknown = [c for c in chain if c not in TIEBREAK_KEYS]
    if unknown:
        raise RuleSetError(t("tally.bad_tiebreak", codes=", ".join(unknown), known=", ".join(TIEBREAK_KEYS)))
    women = rules.params.get(WOMEN_TEAM_SHARE_PARAM) if "WOMEN_FIRST" in chain else None
    share = rules.value(WOMEN_TEAM_SHARE_PARAM) if "WOMEN_FIRST" in chain else None
    return TieBreak(chain, tp, share, women)


class TieFacts:
    """Per-subject facts for the tie-break keys (people by staff ID, teams by name)."""

    def __init__(self, data: SchoolData, women_team_share: Fraction | None) -> None:
        self.women_team_share = women_team_share
        self.staff = data.staff_by_id()
        self.teams = {tm.name: tm for tm in data.teams}
        self.members: dict[str, list[str]] = defaultdict(list)
        for s in data.staff:
            if s.team:
                self.members[s.team].append(s.id)
        year = data.info.school_year
        self.initiatives: dict[str, list[Initiative]] = defaultdict(list)
        for ini in data.initiatives:
            if not year or not ini.school_year or ini.school_year == year:
                self.initiatives[ini.staff_id].append(ini)

    def _people(self, subject: str, is_team: bool) -> list[str]:
        return self.members.get(subject, []) if is_team else [subject]

    def value(self, code: str, subject: str, is_team: bool) -> tuple[Any, str]:
        """(sortable value, higher is better; readable fact) for one tie-break key."""
        if code == "WOMEN_FIRST":
            if is_team:
                ids = self.members.get(subject, [])
                women = sum(1 for i in ids if self.staff[i].gender is Gender.NU)
                share = Fraction(women, len(ids)) if ids else Fraction(0)
                assert self.women_team_share is not None  # read by tiebreak_of whenever the chain has WOMEN_FIRST
                ok = bool(ids) and share >= self.women_team_share
                return (1 if ok else 0), t("tally.fact.team_women", women=women, n=len(ids))
            s = self.staff.get(subject)
            gender = s.gender if s else None
            return (1 if gender is Gender.NU else 0), t(f"tally.fact.gender.{gender.value if gender else 'UNKNOWN'}")
        if code == "MORE_INITIATIVES":
            n = sum(len(self.initiatives.get(p, [])) for p in self._people(subject, is_team))
            return n, t("tally.fact.initiatives", n=n)
        if code == "HIGHER_INITIATIVE_LEVEL":
            levels = [i.level for p in self._people(subject, is_team) for i in self.initiatives.get(p, [])]
            best = max(levels, key=lambda lv: lv.rank) if levels else None
            return (best.rank if best else 0), t(f"tally.fact.level.{best.value if best else 'NONE'}")
        if code == "HIGHER_RATING":
            rating = (self.teams[subject].rating if subject in self.teams else None) if is_team else (
                self.staff[subject].rating if subject in self.staff else None)
            return (rating.rank if rating else 0), (rating.value if rating else t("tally.fact.unknown"))
        if code == "OLDER_FIRST":
            s = None if is_team else self.staff.get(subject)
            born = s.birth_date if s else None
            if born is None:
                return (0, 0), t("tally.fact.unknown_birth")
            return (1, -born.toordinal()), t("tally.fact.born", date=born.strftime("%d/%m/%Y"))
        raise RuleSetError(t("tally.bad_tiebreak", codes=code, known=", ".join(TIEBREAK_KEYS)))


def resolve_tie(group: list[CandidateTally], slots: int, chain: tuple[str, ...], facts: TieFacts,
                is_team: bool) -> tuple[list[CandidateTally], list[CandidateTally], list[CandidateTally],
                                        dict[str, tuple[str, str]]]:
    """Split a tied group for ``slots`` places: (inside, outside, revote, {subject: (rule, fact)})."""
    inside: list[CandidateTally] = []
    outside: list[CandidateTally] = []
    decided: dict[str, tuple[str, str]] = {}
    pending = sorted(group, key=lambda c: c.subject)
    for code in chain:
        if code == "REVOTE" or not pending:
            break
        vals = {c.subject: facts.value(code, c.subject, is_team) for c in pending}
        classes: dict[Any, list[CandidateTally]] = defaultdict(list)
        for c in pending:
            classes[vals[c.subject][0]].append(c)
        if len(classes) == 1:
            continue  # this key does not separate them
        straddle: list[CandidateTally] = []
        for value in sorted(classes, reverse=True):
            cls = classes[value]
            if straddle or slots == 0:
                outside += cls
                decided.update({c.subject: (code, vals[c.subject][1]) for c in cls})
            elif len(cls) <= slots:
                inside += cls
                slots -= len(cls)
                decided.update({c.subject: (code, vals[c.subject][1]) for c in cls})
            else:
                straddle = cls
        pending = straddle
    return inside, outside, pending, decided
