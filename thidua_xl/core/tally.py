"""Kiểm phiếu: the council's secret-ballot tally.

Pure core: takes a :class:`~thidua_xl.core.model.SchoolData` and a rule set, returns a
:class:`~thidua_xl.core.model.TallyResult` carrying every figure, the reason of every invalid ballot, the
audit facts, a SHA-256 of the normalised ballot data and an ordered audit trail (``log``). No file
I/O, no pandas. The steps, in the order the counting committee (Ban kiểm phiếu) follows them:

1. **Council and quorum** (``vote.quorum``, ``vote.quorum.counts_written``): required =
   ⌈ratio × total members⌉; by default only members present count towards it. Without quorum the
   figures are still computed but the tally is not certified and nobody is proposed.
2. **Ballot validity**, per title, one reason code per invalid ballot (the first in this order; the
   reason text names every problem found): ``DECLARED_INVALID`` (the committee's declaration, with its
   reason), ``DUPLICATE_NUMBER`` (the same ballot number twice for a title: *every* copy is invalid —
   the committee cannot tell which paper is genuine, so both are suspect), ``UNREADABLE_MARK``,
   ``NOT_ON_LIST`` (an approve/disapprove mark for a name not on that title's list; a blank cell in
   another title's column is fine), ``OVER_LIMIT`` (more approvals than ``BallotRound.max_choices``).
   Invalid ballots are listed, never dropped.
3. **Counting** of valid ballots: approvals, disapprovals, blanks (a missing cell is blank); written
   opinions of absent members (``BallotSource.WRITTEN``) count as votes and are kept apart.
4. **Thresholds** (``vote.threshold.<TITLE>``): exact fractions against the stated base.
5. **Eligibility**: with a :class:`~thidua_xl.core.model.CheckResult`, a candidate who is not eligible for
   the title is flagged and never proposed (nor ranked for a quota).
6. **Quotas** (``vote.quota.<TITLE>``): passers are ranked by approvals; a tie exactly at the cut-off
   goes through the ``vote.tiebreak`` chain, and whatever the chain cannot separate is marked
   "cần bỏ phiếu lại" (``revote``), never settled silently.
7. **Double entry**: every differing cell between the two entries is a :class:`Discrepancy`; the count
   from the first entry is shown but not certified until they agree.
8. **Audit facts** and **hash**; certification = quorum ∧ entries agree ∧ every audit fact holds.

Percentages are displayed with :func:`format_percent` (2 decimals, round half up, decimal comma).
See ``docs/tally.md``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    BallotSource,
    CandidateTally,
    CheckResult,
    Discrepancy,
    Gender,
    InvalidBallot,
    Mark,
    SchoolData,
    TallyResult,
    Title,
    TitleTally,
    Verdict,
)
from thidua_xl.core.rules import Param, RuleSet, RuleSetError, Threshold, parse_fraction
from thidua_xl.messages import t
from thidua_xl.messages.tally import LABELS
from thidua_xl.text import format_percent
from thidua_xl.vocabulary import title_label

__all__ = [
    "HASH_SCHEME",
    "title_label",
    "vocab",
    "INVALID_CODES",
    "TIEBREAK_KEYS",
    "Quota",
    "ballots_hash",
    "canonical_ballot",
    "parse_quota",
    "reconcile",
    "tally_school",
]

HASH_SCHEME = "thidua_xl/phieu/v1"
# Priority order: an invalid ballot is reported under the first code that applies.
INVALID_CODES = ("DECLARED_INVALID", "DUPLICATE_NUMBER", "UNREADABLE_MARK", "NOT_ON_LIST", "OVER_LIMIT")
TIEBREAK_KEYS = ("WOMEN_FIRST", "MORE_INITIATIVES", "HIGHER_INITIATIVE_LEVEL", "HIGHER_RATING", "OLDER_FIRST",
                 "REVOTE")
WOMEN_TEAM_SHARE = Fraction(7, 10)  # tập thể có tỷ lệ nữ từ 70% trở lên (NĐ 98/2023 Điều 4)

_A, _D, _B, _U = Mark.APPROVE, Mark.DISAPPROVE, Mark.BLANK, Mark.UNREADABLE
_WRITTEN = BallotSource.WRITTEN


# ---------------------------------------------------------------- labels


def vocab(key: str) -> str:
    """A vocabulary label: ``vocab("title.LDTT") == "Lao động tiên tiến"``, ``vocab("base.valid_ballots")``."""
    kind, _, code = key.partition(".")
    if kind == "title":
        return title_label(Title(code))
    return LABELS[key]


def ratio_text(ratio: Fraction) -> str:
    """A rule ratio as written in a regulation: 4/5 → "80%", 2/3 → "2/3", 0.6667 → "66,67%"."""
    pct = ratio * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    if (pct * 100).denominator == 1:
        return format_percent(ratio)
    return f"{ratio.numerator}/{ratio.denominator}"


def threshold_text(th: Threshold) -> str:
    """"≥ 80% tổng số thành viên Hội đồng"."""
    comp = "≥" if th.comparator == ">=" else ">"
    return f"{comp} {ratio_text(th.ratio)} {vocab('base.' + th.base)}"


# ---------------------------------------------------------------- quotas and configuration


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


@dataclass(slots=True)
class _Config:
    rules: RuleSet
    quorum: Fraction
    quorum_param: Param | None
    counts_written: bool
    tiebreak: tuple[str, ...]
    tiebreak_param: Param | None

    def threshold(self, title: Title) -> tuple[Threshold, Param]:
        param = self.rules[f"vote.threshold.{title.value}"]
        if not isinstance(param.value, Threshold):
            raise RuleSetError(t("tally.bad_threshold", param=param.key))
        return param.value, param

    def quota(self, title: Title) -> tuple[Quota | None, Param | None]:
        param = self.rules.params.get(f"vote.quota.{title.value}")
        if param is None:
            return None, None
        return parse_quota(param.value, param.key), param


def _config(rules: RuleSet) -> _Config:
    qp = rules.params.get("vote.quorum")
    quorum = parse_fraction(qp.value) if qp is not None else Fraction(2, 3)
    tp = rules.params.get("vote.tiebreak")
    chain = tuple(str(c).strip().upper() for c in (tp.value if tp is not None else ("REVOTE",)))
    unknown = [c for c in chain if c not in TIEBREAK_KEYS]
    if unknown:
        raise RuleSetError(t("tally.bad_tiebreak", codes=", ".join(unknown), known=", ".join(TIEBREAK_KEYS)))
    return _Config(rules, quorum, qp, bool(rules.get("vote.quorum.counts_written", False)), chain, tp)


# ---------------------------------------------------------------- normalisation, hash, double entry


def norm_number(number: object) -> str:
    """Ballot number as compared: trimmed, "007" → "7", "5.0" → "5"."""
    text = str(number).strip()
    if text.isdigit():
        return str(int(text))
    m = re.fullmatch(r"(\d+)(?:\.0+)?", text)
    return str(int(m[1])) if m else text


def _number_key(number: str) -> tuple[int, int, str]:
    n = norm_number(number)
    return (0, int(n), "") if n.isdigit() else (1, 0, n)


def canonical_ballot(ballot: Ballot) -> str:
    """Canonical JSON of one ballot: [number, title, source, declared, reason, {candidate: mark}].

    Numbers are normalised (:func:`norm_number`); blank cells are left out (a missing cell is blank), so
    the form does not depend on the sheet's column layout; keys are sorted. Raw text is not included.
    """
    marks = ballot.marks  # str enums encode as their value
    if _B in marks.values():
        marks = {k: m for k, m in marks.items() if m is not _B}
    return json.dumps(
        [norm_number(ballot.number), ballot.title.value, ballot.source_kind.value, bool(ballot.declared_invalid),
         ballot.declared_reason.strip() if ballot.declared_invalid else "", marks],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )


def ballots_hash(ballots: Iterable[Ballot]) -> str:
    """SHA-256 (hex) of ``HASH_SCHEME`` + one line per ballot (canonical JSON), lines sorted, UTF-8.

    Independent of ballot order; any changed mark, number, title, source or declaration changes it.
    """
    lines = sorted(canonical_ballot(b) for b in ballots)
    h = hashlib.sha256(HASH_SCHEME.encode("utf-8"))
    for line in lines:
        h.update(b"\n")
        h.update(line.encode("utf-8"))
    return h.hexdigest()


def _mark_text(mark: Mark | None, raw: str = "") -> str:
    text = vocab(f"mark.{(mark or _B).value}")
    raw = raw.strip()
    return f"{text} ({raw})" if raw and raw.casefold() != text.casefold() else text


def _group(ballots: Iterable[Ballot]) -> dict[tuple[Title, str], list[Ballot]]:
    out: dict[tuple[Title, str], list[Ballot]] = defaultdict(list)
    for b in ballots:
        out[(b.title, norm_number(b.number))].append(b)
    for copies in out.values():
        if len(copies) > 1:
            copies.sort(key=canonical_ballot)
    return out


def reconcile(first: Sequence[Ballot], second: Sequence[Ballot]) -> list[Discrepancy]:
    """Every differing cell between two independent entries of the same ballots (order-independent).

    Ballots are matched by (title, number); a ballot present in one entry only is one discrepancy with
    candidate "". Ballot-level fields are reported with the field name in brackets as candidate.
    """
    g1, g2 = _group(first), _group(second)
    out: list[Discrepancy] = []
    absent, present = t("tally.de.absent"), t("tally.de.present")
    for key in sorted(g1.keys() | g2.keys(), key=lambda k: (list(Title).index(k[0]), _number_key(k[1]))):
        title, number = key
        l1, l2 = g1.get(key, []), g2.get(key, [])
        for i in range(max(len(l1), len(l2))):
            b1 = l1[i] if i < len(l1) else None
            b2 = l2[i] if i < len(l2) else None
            if b1 is None or b2 is None:
                out.append(Discrepancy(number, title, "", present if b1 else absent, present if b2 else absent))
                continue
            if b1.source_kind != b2.source_kind:
                out.append(Discrepancy(number, title, t("tally.de.field_source"),
                                       t(f"tally.source.{b1.source_kind.value}"),
                                       t(f"tally.source.{b2.source_kind.value}")))
            if bool(b1.declared_invalid) != bool(b2.declared_invalid) or (
                    b1.declared_invalid and b1.declared_reason.strip() != b2.declared_reason.strip()):
                out.append(Discrepancy(number, title, t("tally.de.field_declared"),
                                       _declared_text(b1), _declared_text(b2)))
            if b1.marks == b2.marks:
                continue
            for cand in sorted(b1.marks.keys() | b2.marks.keys()):
                m1, m2 = b1.marks.get(cand, _B), b2.marks.get(cand, _B)
                if m1 is not m2:
                    out.append(Discrepancy(number, title, cand, _mark_text(m1, b1.raw.get(cand, "")),
                                           _mark_text(m2, b2.raw.get(cand, ""))))
    return out


def _declared_text(b: Ballot) -> str:
    if not b.declared_invalid:
        return t("tally.de.not_declared")
    return t("tally.de.declared", reason=b.declared_reason.strip() or t("tally.no_reason"))


# ---------------------------------------------------------------- facts used by the tie-break chain


class _Facts:
    """Per-subject facts for the tie-break keys (people by staff ID, teams by name)."""

    def __init__(self, data: SchoolData) -> None:
        self.staff = data.staff_by_id()
        self.teams = {tm.name: tm for tm in data.teams}
        self.members: dict[str, list[str]] = defaultdict(list)
        for s in data.staff:
            if s.team:
                self.members[s.team].append(s.id)
        year = data.info.school_year
        self.initiatives: dict[str, list[Any]] = defaultdict(list)
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
                ok = bool(ids) and share >= WOMEN_TEAM_SHARE
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


# ---------------------------------------------------------------- counting one title


def _ballot_problems(b: Ballot, cand_set: set[str], max_choices: int | None,
                     duplicates: dict[str, int]) -> list[tuple[str, str]]:
    """Every problem of one ballot as (code, Vietnamese reason), in INVALID_CODES order."""
    out: list[tuple[str, str]] = []
    marks = b.marks
    if b.declared_invalid:
        out.append(("DECLARED_INVALID", t("tally.invalid.DECLARED_INVALID",
                                          reason=b.declared_reason.strip() or t("tally.no_reason"))))
    n = duplicates.get(norm_number(b.number), 0)
    if n > 1:
        out.append(("DUPLICATE_NUMBER", t("tally.invalid.DUPLICATE_NUMBER", number=b.number, n=n,
                                          title=title_label(b.title.value))))
    values = list(marks.values())
    if _U in values:
        bad = sorted(k for k, m in marks.items() if m is _U)
        raw = ", ".join(f"{k} «{b.raw.get(k, '')}»" if b.raw.get(k) else k for k in bad)
        out.append(("UNREADABLE_MARK", t("tally.invalid.UNREADABLE_MARK", cells=raw)))
    extra = marks.keys() - cand_set
    if extra:
        bad = sorted(k for k in extra if marks[k] is _A or marks[k] is _D)
        if bad:
            out.append(("NOT_ON_LIST", t("tally.invalid.NOT_ON_LIST", names=", ".join(bad))))
    if max_choices is not None:
        approvals = values.count(_A)
        if approvals > max_choices:
            out.append(("OVER_LIMIT", t("tally.invalid.OVER_LIMIT", n=approvals, max=max_choices)))
    return out


def _count(ballots: list[Ballot], cands: list[str], cand_set: set[str]) -> tuple[dict[str, int], ...]:
    """Approvals, disapprovals and blanks per candidate over valid ballots (missing cell = blank)."""
    ap = dict.fromkeys(cands, 0)
    dis = dict.fromkeys(cands, 0)
    bl = dict.fromkeys(cands, 0)
    for b in ballots:
        marks = b.marks
        for k, m in marks.items():
            if m is _A:
                ap[k] += 1
            elif m is _D:
                dis[k] += 1
            elif m is _B:
                if k in bl:
                    bl[k] += 1
            else:
                raise TypeError(f"Ballot {b.number}: mark {m!r} for {k!r} is not a thidua_xl.core.model.Mark")
        if not marks.keys() >= cand_set:
            for k in cand_set - marks.keys():
                bl[k] += 1
    return ap, dis, bl


@dataclass(slots=True)
class _Counts:
    total: int
    present: int
    written: int


def _count_title(title: Title, rnd: BallotRound | None, ballots: list[Ballot], cfg: _Config,
                 counts: _Counts, names: dict[str, str], log: list[str]) -> TitleTally:
    th, tparam = cfg.threshold(title)
    label = title_label(title.value)
    if rnd is None:
        keys = sorted({k for b in ballots for k, m in b.marks.items() if m is not _B})
        rnd = BallotRound(title, keys)
        log.append(t("tally.log.no_round", title=label, n=len(keys)))
    cands = list(dict.fromkeys(rnd.candidates))
    cand_set = set(cands)
    issued = rnd.issued if rnd.issued is not None else counts.present + counts.written
    numbers = Counter(norm_number(b.number) for b in ballots)
    duplicates = {n: c for n, c in numbers.items() if c > 1}

    valid: list[Ballot] = []
    invalid: list[tuple[tuple[Any, ...], InvalidBallot]] = []
    for b in ballots:
        problems = _ballot_problems(b, cand_set, rnd.max_choices, duplicates)
        if problems:
            reason = problems[0][1]
            if len(problems) > 1:
                reason += "; " + t("tally.invalid.also", more="; ".join(p[1] for p in problems[1:]))
            ib = InvalidBallot(str(b.number).strip(), title, problems[0][0], reason, b.source)
            key = (_number_key(b.number), canonical_ballot(b), b.source.row if b.source else 0)
            invalid.append((key, ib))
        else:
            valid.append(b)
    invalid.sort(key=lambda x: x[0])
    written_ballots = sum(1 for b in ballots if b.source_kind is _WRITTEN)

    meeting = [b for b in valid if b.source_kind is not _WRITTEN]
    by_letter = [b for b in valid if b.source_kind is _WRITTEN]
    ap, dis, bl = _count(meeting, cands, cand_set)
    wap, wdis, wbl = _count(by_letter, cands, cand_set)

    base_count = {"total_members": counts.total, "present_plus_written": counts.present + counts.written,
                  "valid_ballots": len(valid)}[th.base]
    tt = TitleTally(
        title=title, threshold_text=threshold_text(th), threshold_citation=tparam.citation_text,
        threshold_tag=tparam.tag_text, issued=issued, returned=len(ballots), valid=len(valid),
        invalid=len(invalid), invalid_ballots=[ib for _, ib in invalid], written=written_ballots,
    )
    log.append(t("tally.log.title", title=label, issued=issued, returned=tt.returned, valid=tt.valid,
                 invalid=tt.invalid, written=written_ballots))
    if rnd.max_choices is not None:
        log.append(t("tally.log.max_choices", n=rnd.max_choices))
    for ib in tt.invalid_ballots:
        log.append(t("tally.log.invalid", number=ib.number, code=ib.code, reason=ib.reason))
    log.append(t("tally.log.threshold", title=label, threshold=tt.threshold_text, cite=tt.threshold_citation,
                 tag=tt.threshold_tag, base=base_count))
    for k in cands:
        a = ap[k] + wap[k]
        c = CandidateTally(
            title=title, subject=k, name=names.get(k, k), approvals=a, disapprovals=dis[k] + wdis[k],
            blanks=bl[k] + wbl[k], base=th.base, base_count=base_count,
            share=Fraction(a, base_count) if base_count > 0 else Fraction(0),
            threshold_passed=th.passes(a, base_count), written_approvals=wap[k],
        )
        pct = format_percent(c.share)
        if not c.threshold_passed:
            c.notes.append(t("tally.note.below_threshold", approvals=a, base=base_count, pct=pct,
                             threshold=tt.threshold_text))
        log.append(t("tally.log.candidate", id=k, name=c.name, approvals=a, written=c.written_approvals,
                     disapprovals=c.disapprovals, blanks=c.blanks, base=base_count, pct=pct,
                     verdict=t("tally.word.pass" if c.threshold_passed else "tally.word.fail")))
        tt.candidates.append(c)
    return tt


# ---------------------------------------------------------------- quota and tie-break


def _resolve_tie(group: list[CandidateTally], slots: int, chain: tuple[str, ...], facts: _Facts,
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


def _apply_quota(tt: TitleTally, cfg: _Config, obtained: Callable[[Title], tuple[int, str] | None],
                 facts: _Facts, log: list[str]) -> None:
    quota, qparam = cfg.quota(tt.title)
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
    names = ", ".join(f"{c.subject} {c.name}" for c in sorted(at, key=lambda c: c.subject))
    log.append(t("tally.log.tie", n=len(at), votes=cutoff, slots=slots, names=names,
                 chain=" → ".join(cfg.tiebreak), cite=cfg.tiebreak_param.citation_text if cfg.tiebreak_param else ""))
    inside, outside, revote, decided = _resolve_tie(at, slots, cfg.tiebreak, facts, tt.title.is_team)
    chain_cite = (f"{cfg.tiebreak_param.citation_text} [{cfg.tiebreak_param.tag_text}]"
                  if cfg.tiebreak_param else "")
    for c in inside + outside:
        code, fact = decided[c.subject]
        c.within_quota = c in inside
        word = t("tally.word.inside" if c.within_quota else "tally.word.outside")
        rule = t(f"tally.tiebreak.{code}")
        c.notes.append(t("tally.note.tie_decided", votes=cutoff, where=word, rule=rule, fact=fact, cite=chain_cite))
        log.append(t("tally.log.tie_decided", id=c.subject, name=c.name, where=word, rule=rule, fact=fact))
    if revote:
        left = slots - len(inside)
        others = ", ".join(f"{c.subject} {c.name}" for c in revote)
        for c in revote:
            c.revote = True
            c.within_quota = False
            c.notes.append(t("tally.note.revote", votes=cutoff, n=len(revote), slots=left, names=others))
        log.append(t("tally.log.revote", n=len(revote), slots=left, names=others))


def _obtained_counter(done: dict[Title, TitleTally], verdicts: CheckResult | None) -> Callable[
        [Title], tuple[int, str] | None]:
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


# ---------------------------------------------------------------- the whole tally


def _merge_rounds(rounds: Iterable[BallotRound], log: list[str]) -> dict[Title, BallotRound]:
    out: dict[Title, BallotRound] = {}
    for r in rounds:
        prev = out.get(r.title)
        if prev is None:
            out[r.title] = BallotRound(r.title, list(dict.fromkeys(r.candidates)), r.issued, r.max_choices, r.source)
            continue
        prev.candidates = list(dict.fromkeys([*prev.candidates, *r.candidates]))
        prev.issued = prev.issued if prev.issued is not None else r.issued
        prev.max_choices = prev.max_choices if prev.max_choices is not None else r.max_choices
        log.append(t("tally.log.rounds_merged", title=title_label(r.title.value)))
    return out


def _eligibility(tt: TitleTally, verdicts: dict[tuple[str, Title], Verdict], log: list[str]) -> None:
    for c in tt.candidates:
        v = verdicts.get((c.subject, tt.title))
        if v is None:
            c.eligible = None
            c.notes.append(t("tally.note.no_verdict"))
            continue
        c.eligible = bool(v.eligible)
        if not v.eligible:
            reasons = "; ".join(r.message for r in v.reasons) or t("tally.no_reason")
            c.notes.append(t("tally.note.not_eligible", reasons=reasons))
            if c.threshold_passed:
                log.append(t("tally.log.not_eligible", id=c.subject, name=c.name, reasons=reasons))


def _audit(result: TallyResult, council_written: int) -> list[tuple[str, bool]]:
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


def tally_school(data: SchoolData, rules: RuleSet, verdicts: CheckResult | None = None) -> TallyResult:
    """Count the council's ballots for every title voted on (see the module docstring for the steps).

    Raises :class:`~thidua_xl.core.rules.RuleSetError` (Vietnamese message) when a vote parameter is malformed.
    """
    cfg = _config(rules)
    log: list[str] = []
    total = len(data.council)
    present = sum(1 for m in data.council if m.present)
    written = sum(1 for m in data.council if not m.present and m.written_opinion)
    required = math.ceil(cfg.quorum * total)
    attending = present + (written if cfg.counts_written else 0)
    quorum_ok = total > 0 and attending >= required
    result = TallyResult(
        school_year=data.info.school_year, regime=rules.regime, council_total=total, present=present,
        written_opinions=written, quorum_required=required, quorum_ok=quorum_ok,
        double_entry=data.ballots_second is not None,
    )
    log.append(t("tally.log.regime", regime=rules.regime, label=rules.label, year=data.info.school_year or "—"))
    log.append(t("tally.log.council", total=total, present=present, written=written,
                 absent=total - present - written))
    qcite = cfg.quorum_param.citation_text if cfg.quorum_param else ""
    log.append(t("tally.log.quorum", ratio=ratio_text(cfg.quorum), total=total, required=required,
                 attending=attending, cite=qcite,
                 who=t("tally.quorum.with_written" if cfg.counts_written else "tally.quorum.present_only"),
                 verdict=t("tally.word.enough" if quorum_ok else "tally.word.not_enough")))

    rounds = _merge_rounds(data.rounds, log)
    by_title: dict[Title, list[Ballot]] = defaultdict(list)
    for b in data.ballots:
        by_title[b.title].append(b)
    names = {s.id: s.full_name for s in data.staff}
    counts = _Counts(total, present, written)
    vmap: dict[tuple[str, Title], Verdict] = {}
    if verdicts is not None:
        for v in verdicts.verdicts:
            vmap.setdefault((v.subject, v.title), v)
    facts = _Facts(data)
    done: dict[Title, TitleTally] = {}
    obtained = _obtained_counter(done, verdicts)
    for title in Title:  # enum order: LĐTT is counted before the CSTĐCS quota that depends on it
        if title not in rounds and title not in by_title:
            continue
        tt = _count_title(title, rounds.get(title), by_title.get(title, []), cfg, counts, names, log)
        if verdicts is not None:
            _eligibility(tt, vmap, log)
        _apply_quota(tt, cfg, obtained, facts, log)
        done[title] = tt
        result.titles.append(tt)
    if not result.titles:
        log.append(t("tally.log.no_ballots"))

    if data.ballots_second is not None:
        result.discrepancies = reconcile(data.ballots, data.ballots_second)
        log.append(t("tally.log.double_entry_ok") if not result.discrepancies
                   else t("tally.log.double_entry_bad", n=len(result.discrepancies)))
        for d in result.discrepancies[:50]:
            log.append(t("tally.log.discrepancy", number=d.ballot, title=d.title.value if d.title else "—",
                         cand=d.candidate or "—", first=d.first, second=d.second))
        if len(result.discrepancies) > 50:
            log.append(t("tally.log.discrepancy_more", n=len(result.discrepancies) - 50))

    result.hash = ballots_hash(data.ballots)
    result.audit = _audit(result, written)
    audit_ok = all(ok for _, ok in result.audit)
    result.certified = quorum_ok and not result.discrepancies and audit_ok

    for tt in result.titles:
        for c in tt.candidates:
            would = c.threshold_passed and c.within_quota is not False and not c.revote and c.eligible is not False
            c.proposed = would and result.certified
            if would and not result.certified:
                if not quorum_ok:
                    c.notes.append(t("tally.note.no_quorum"))
                elif result.discrepancies:
                    c.notes.append(t("tally.note.entries_differ"))
                else:
                    c.notes.append(t("tally.note.audit_failed"))
            if c.proposed:
                log.append(t("tally.log.proposed", id=c.subject, name=c.name, title=title_label(tt.title.value)))

    for fact, ok in result.audit:
        if not ok:
            log.append(t("tally.log.audit_failed", fact=fact))
    log.append(t("tally.log.hash", hash=result.hash, scheme=HASH_SCHEME))
    if result.certified:
        log.append(t("tally.log.certified"))
    else:
        why = [t("tally.why.no_quorum")] if not quorum_ok else []
        if result.discrepancies:
            why.append(t("tally.why.entries_differ", n=len(result.discrepancies)))
        if not audit_ok:
            why.append(t("tally.why.audit"))
        log.append(t("tally.log.not_certified", why="; ".join(why)))
    result.log = log
    return result


# ---------------------------------------------------------------- faces: JSON and result sheets
