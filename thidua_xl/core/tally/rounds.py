"""The candidate list of each ballot round: the one place that decides who is on a title's ballot.

A title's list is the list declared for it (sheet "Danh sách bỏ phiếu"; several declarations of one
title are merged, in order, without repeats). A title voted on without any declared list takes the
candidates marked (not blank) on its ballots, in the order they first appear — the sheet's column
order — and the audit trail says so, since a name outside the list cannot then be detected.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua_xl.core.model import BallotRound, Mark, SchoolData, Title


@dataclass(slots=True)
class RoundLists:
    """Every title voted on with its round, in title order, and how each list was obtained."""

    rounds: dict[Title, BallotRound] = field(default_factory=dict)
    merged: list[Title] = field(default_factory=list)  # one entry per repeated declaration, in data order
    inferred: set[Title] = field(default_factory=set)  # no declared list: taken from the ballots


def round_candidates(data: SchoolData) -> RoundLists:
    """The round (candidate list, ballots issued, choices allowed) of every title that has a declared
    list or ballots. The rounds returned are new objects: ``data`` is not changed."""
    declared: dict[Title, BallotRound] = {}
    merged: list[Title] = []
    for r in data.rounds:
        prev = declared.get(r.title)
        if prev is None:
            declared[r.title] = BallotRound(r.title, list(dict.fromkeys(r.candidates)), r.issued, r.max_choices,
                                            r.source)
            continue
        prev.candidates = list(dict.fromkeys([*prev.candidates, *r.candidates]))
        prev.issued = prev.issued if prev.issued is not None else r.issued
        prev.max_choices = prev.max_choices if prev.max_choices is not None else r.max_choices
        merged.append(r.title)
    marked: dict[Title, dict[str, None]] = {}
    for b in data.ballots:
        if b.title in declared:
            continue
        seen = marked.setdefault(b.title, {})
        for cand, mark in b.marks.items():
            if mark != Mark.BLANK:
                seen.setdefault(cand)
    out = RoundLists(merged=merged, inferred=set(marked))
    for title in Title:
        if title in declared:
            out.rounds[title] = declared[title]
        elif title in marked:
            out.rounds[title] = BallotRound(title, list(marked[title]))
    return out
