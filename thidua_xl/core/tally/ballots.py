"""One title's ballots: which are valid (and why not), and the count of the valid ones against the threshold.

Invalid ballots get one reason code each, the first of :data:`INVALID_CODES` that applies; the reason
text names every problem found. They are listed, never dropped. Valid ballots are counted per
candidate (a missing cell is blank); written opinions of absent members count and are kept apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from operator import countOf
from typing import Any

from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    BallotSource,
    CandidateTally,
    InvalidBallot,
    Mark,
    Title,
    TitleTally,
)
from thidua_xl.core.rules import Param, RuleSet, RuleSetError, Threshold
from thidua_xl.core.tally.hashing import (
    Cells,
    Layout,
    ballot_cells,
    canonical_ballot,
    norm_number,
    number_key,
    tuple_getter,
)
from thidua_xl.core.tally.wording import threshold_text
from thidua_xl.messages import t
from thidua_xl.text import format_percent
from thidua_xl.vocabulary import title_label

# Priority order: an invalid ballot is reported under the first code that applies.
INVALID_CODES = ("DECLARED_INVALID", "DUPLICATE_NUMBER", "UNREADABLE_MARK", "NOT_ON_LIST", "OVER_LIMIT")

_A, _D, _B, _U = Mark.APPROVE, Mark.DISAPPROVE, Mark.BLANK, Mark.UNREADABLE
_WRITTEN = BallotSource.WRITTEN


@dataclass(slots=True)
class Council:
    """The council's figures a title's count needs: members, present, absent with a written opinion."""

    total: int
    present: int
    written: int


def threshold_of(rules: RuleSet, title: Title) -> tuple[Threshold, Param]:
    """The council's threshold for ``title`` (``vote.threshold.<TITLE>``) and its parameter."""
    param = rules[f"vote.threshold.{title.value}"]
    if not isinstance(param.value, Threshold):
        raise RuleSetError(t("tally.bad_threshold", param=param.key))
    return param.value, param


def ballot_problems(b: Ballot, cand_set: set[str], max_choices: int | None,
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
        bad = sorted(k for k, m in marks.items() if m == _U)
        raw = ", ".join(f"{k} «{b.raw.get(k, '')}»" if b.raw.get(k) else k for k in bad)
        out.append(("UNREADABLE_MARK", t("tally.invalid.UNREADABLE_MARK", cells=raw)))
    extra = marks.keys() - cand_set
    if extra:
        bad = sorted(k for k in extra if marks[k] in (_A, _D))
        if bad:
            out.append(("NOT_ON_LIST", t("tally.invalid.NOT_ON_LIST", names=", ".join(bad))))
    if max_choices is not None:
        approvals = values.count(_A)
        if approvals > max_choices:
            out.append(("OVER_LIMIT", t("tally.invalid.OVER_LIMIT", n=approvals, max=max_choices)))
    return out


def _count(ballots: list[Ballot], cands: list[str], cand_set: set[str],
           cells: Cells | None = None) -> tuple[dict[str, int], ...]:
    """Approvals, disapprovals and blanks per candidate over valid ballots (missing cell = blank).

    Ballots with the same cells (every ballot read from one sheet) are counted column by column with
    ``tuple.count``, no Python step per cell, when each cell holds a mark and the cells off the list are blank;
    other ballots are counted cell by cell (which names a value that is not a mark). ``cells``:
    :func:`~thidua_xl.core.tally.hashing.ballot_cells` of ``ballots``."""
    ap = dict.fromkeys(cands, 0)
    dis = dict.fromkeys(cands, 0)
    bl = dict.fromkeys(cands, 0)
    by_layout: dict[Layout, tuple[list[Ballot], list[tuple[Mark, ...]]]] = {}
    for b, (layout, values) in zip(ballots, ballot_cells(ballots) if cells is None else cells):
        group = by_layout.get(layout)
        if group is None:
            group = by_layout[layout] = ([], [])
        group[0].append(b)
        group[1].append(values)
    rest: list[Ballot] = []
    for layout, (group, rows) in by_layout.items():
        index = layout.index
        if not cands or not all(k in index for k in cands):  # a candidate's cell missing: cell by cell
            rest += group
            continue
        n = len(rows)
        columns = list(zip(*rows))
        counted = [(col.count(_A), col.count(_D), col.count(_B)) for col in (columns[index[k]] for k in cands)]
        if any(a + d + b != n for a, d, b in counted) or any(
                columns[i].count(_B) != n for i, k in enumerate(layout.keys) if k not in cand_set):
            rest += group
            continue
        for k, (a, d, b) in zip(cands, counted):
            ap[k] += a
            dis[k] += d
            bl[k] += b
    for b in rest:
        marks = b.marks
        for k, m in marks.items():
            if m == _A:  # a str enum: a plain string equal to a mark's value is that mark, as in the columns above
                ap[k] += 1
            elif m == _D:
                dis[k] += 1
            elif m == _B:
                if k in bl:
                    bl[k] += 1
            else:
                raise TypeError(f"Ballot {b.number}: mark {m!r} for {k!r} is not a thidua_xl.core.model.Mark")
        if not marks.keys() >= cand_set:
            for k in cand_set - marks.keys():
                bl[k] += 1
    return ap, dis, bl


def _sort_validity(rnd: BallotRound, ballots: list[Ballot], cand_set: set[str], cells: Cells | None = None
                   ) -> tuple[list[Ballot], list[InvalidBallot], Cells]:
    """(valid ballots in their order, invalid ballots sorted by number, the valid ballots' cells) of one title.

    A ballot with nothing to look at (not declared invalid, a number of its own, every cell readable, the
    cells off the list blank, within the choices allowed) is valid at once; the others get
    :func:`ballot_problems`."""
    cells = ballot_cells(ballots) if cells is None else cells
    numbers = [norm_number(b.number) for b in ballots]
    duplicates = {n: c for n, c in Counter(numbers).items() if c > 1}
    max_choices = rnd.max_choices
    off_list: dict[Layout, tuple[Callable[[tuple[Mark, ...]], tuple[Mark, ...]], int]] = {}
    valid: list[Ballot] = []
    valid_cells: Cells = []
    invalid: list[tuple[tuple[Any, ...], InvalidBallot]] = []
    for b, number, cell in zip(ballots, numbers, cells):
        layout, values = cell
        extra = off_list.get(layout)
        if extra is None:
            others = [i for i, k in enumerate(layout.keys) if k not in cand_set]
            extra = off_list[layout] = (tuple_getter(others), len(others))
        if not (b.declared_invalid or number in duplicates or _U in values
                or (extra[1] and countOf(extra[0](values), _B) != extra[1])
                or (max_choices is not None and countOf(values, _A) > max_choices)):
            valid.append(b)
            valid_cells.append(cell)
            continue
        problems = ballot_problems(b, cand_set, max_choices, duplicates)
        if problems:
            reason = problems[0][1]
            if len(problems) > 1:
                reason += "; " + t("tally.invalid.also", more="; ".join(p[1] for p in problems[1:]))
            ib = InvalidBallot(str(b.number).strip(), rnd.title, problems[0][0], reason, b.source)
            key = (number_key(b.number), canonical_ballot(b), b.source.row if b.source else 0)
            invalid.append((key, ib))
        else:
            valid.append(b)
            valid_cells.append(cell)
    invalid.sort(key=lambda x: x[0])
    return valid, [ib for _, ib in invalid], valid_cells


def count_title(rnd: BallotRound, ballots: list[Ballot], th: Threshold, tparam: Param, council: Council,
                names: dict[str, str], log: list[str], cells: Cells | None = None) -> TitleTally:
    """Validity, counts and threshold of one title's round (``rnd.candidates`` in ballot order). ``cells``:
    :func:`~thidua_xl.core.tally.hashing.ballot_cells` of ``ballots`` when the caller has them already."""
    title = rnd.title
    label = title_label(title.value)
    cands = list(dict.fromkeys(rnd.candidates))
    cand_set = set(cands)
    issued = rnd.issued if rnd.issued is not None else council.present + council.written
    valid, invalid, valid_cells = _sort_validity(rnd, ballots, cand_set, cells)
    written_ballots = sum(1 for b in ballots if b.source_kind is _WRITTEN)

    meeting = [i for i, b in enumerate(valid) if b.source_kind is not _WRITTEN]
    by_letter = [i for i, b in enumerate(valid) if b.source_kind is _WRITTEN]
    ap, dis, bl = _count([valid[i] for i in meeting], cands, cand_set, [valid_cells[i] for i in meeting])
    wap, wdis, wbl = _count([valid[i] for i in by_letter], cands, cand_set, [valid_cells[i] for i in by_letter])

    base_count = {"total_members": council.total, "present_plus_written": council.present + council.written,
                  "valid_ballots": len(valid)}[th.base]
    tt = TitleTally(
        title=title, threshold_text=threshold_text(th), threshold_citation=tparam.citation_text,
        threshold_tag=tparam.tag_text, issued=issued, returned=len(ballots), valid=len(valid),
        invalid=len(invalid), invalid_ballots=invalid, written=written_ballots,
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
