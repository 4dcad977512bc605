"""The ballots as data: normalised numbers, the canonical form of a ballot, its SHA-256 and double entry.

The hash lets anyone check later that the ballots counted are the ballots entered; the double-entry
reconciliation lists every cell where two independent entries of the same papers differ.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from operator import getitem, itemgetter
from typing import Any

from thidua_xl.core.model import Ballot, BallotSource, Discrepancy, Mark, Title
from thidua_xl.core.tally.wording import mark_text
from thidua_xl.messages import t

HASH_SCHEME = "thidua_xl/phieu/v1"

_B = Mark.BLANK
_TITLE_ORDER = {title: i for i, title in enumerate(Title)}


def norm_number(number: object) -> str:
    """Ballot number as compared: trimmed, "007" → "7", "5.0" → "5"."""
    text = str(number).strip()
    if text.isdigit():
        return str(int(text))
    m = re.fullmatch(r"(\d+)(?:\.0+)?", text)
    return str(int(m[1])) if m else text


def number_key(number: str) -> tuple[int, int, str]:
    """Sort key of a ballot number: numbers in numeric order, then other labels."""
    n = norm_number(number)
    return (0, int(n), "") if n.isdigit() else (1, 0, n)


def canonical_ballot(ballot: Ballot) -> str:
    """Canonical JSON of one ballot: [number, title, source, declared, reason, {candidate: mark}].

    Numbers are normalised (:func:`norm_number`); blank cells are left out (a missing cell is blank), so
    the form does not depend on the sheet's column layout; keys are sorted. Raw text is not included. (A mark
    is a str enum: a plain string equal to its value, "BLANK", is that mark here as in the count.)
    """
    marks = ballot.marks  # str enums encode as their value
    if _B in marks.values():
        marks = {k: m for k, m in marks.items() if m != _B}
    return json.dumps(
        [norm_number(ballot.number), ballot.title.value, ballot.source_kind.value, bool(ballot.declared_invalid),
         ballot.declared_reason.strip() if ballot.declared_invalid else "", marks],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )


def tuple_getter(keys: Sequence[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """``f(marks)``: the values at ``keys``, in that order, as a tuple (``operator.itemgetter`` in C for two
    keys or more; it gives the bare value for one)."""
    if len(keys) > 1:
        return itemgetter(*keys)
    keys = tuple(keys)
    return lambda marks: tuple([marks[k] for k in keys])


_ENC = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class Layout:
    """One set of ballot cells (every ballot read from one sheet has the same): its keys sorted, each key's
    position, a getter for a ballot's marks as a tuple in that order, and (made on first use) each
    (candidate, mark) pair as the canonical JSON writes it, a blank as "" (it is left out)."""

    __slots__ = ("_pairs", "get", "index", "keys")

    def __init__(self, keys: list[str]) -> None:
        self.keys = tuple(keys)
        self.index = {k: i for i, k in enumerate(keys)}
        self.get = tuple_getter(keys)
        self._pairs: list[dict[Mark, str]] | None = None

    def pairs(self) -> list[dict[Mark, str]]:
        if self._pairs is None:
            self._pairs = [{mark: f"{_ENC(k)}:{_ENC(mark.value)}" for mark in Mark} for k in self.keys]
            for pair in self._pairs:
                pair[_B] = ""
        return self._pairs


Cells = list[tuple[Layout, tuple[Mark, ...]]]


def ballot_cells(ballots: Iterable[Ballot]) -> Cells:
    """Each ballot's (layout, marks in the layout's key order): computed once per ballot and shared by the
    validity check, the count and the hash."""
    layouts: dict[tuple[str, ...], Layout] = {}
    out: Cells = []
    append = out.append
    for b in ballots:
        marks = b.marks
        layout = layouts.get(names := tuple(marks))
        if layout is None:
            layout = layouts[names] = Layout(sorted(names))
        append((layout, layout.get(marks)))
    return out


def _canonical_lines(ballots: Iterable[Ballot], cells: Cells | None = None) -> Iterable[str]:
    """:func:`canonical_ballot` of each ballot, the same strings, made faster for many ballots: the marks in
    sorted key order and the encoded pairs come from the ballot's :class:`Layout`, so a ballot's marks are
    written with C-level look-ups only; an ordinary ballot's head (a plain number, not declared invalid) is
    written directly."""
    ballots = list(ballots)
    heads: dict[tuple[Title, BallotSource], str] = {}
    for b, (layout, values) in zip(ballots, ballot_cells(ballots) if cells is None else cells):
        body = ",".join(filter(None, map(getitem, layout.pairs(), values)))
        number = norm_number(b.number)
        if not b.declared_invalid and number.isascii() and number.isdigit():
            rest = heads.get((b.title, b.source_kind))
            if rest is None:
                rest = heads[(b.title, b.source_kind)] = _ENC([b.title.value, b.source_kind.value, False, ""])[1:-1]
            yield f'["{number}",{rest},{{{body}}}]'
        else:
            head = _ENC([number, b.title.value, b.source_kind.value, bool(b.declared_invalid),
                         b.declared_reason.strip() if b.declared_invalid else ""])
            yield f"{head[:-1]},{{{body}}}]"


def ballots_hash(ballots: Iterable[Ballot], cells: Cells | None = None) -> str:
    """SHA-256 (hex) of ``HASH_SCHEME`` + one line per ballot (canonical JSON), lines sorted, UTF-8.

    Independent of ballot order; any changed mark, number, title, source or declaration changes it.
    ``cells``: :func:`ballot_cells` of ``ballots`` when the caller has them already.
    """
    lines = sorted(_canonical_lines(ballots, cells))
    h = hashlib.sha256(HASH_SCHEME.encode("utf-8"))
    for line in lines:
        h.update(b"\n")
        h.update(line.encode("utf-8"))
    return h.hexdigest()


def _group(ballots: Iterable[Ballot]) -> dict[tuple[Title, str], list[Ballot]]:
    out: dict[tuple[Title, str], list[Ballot]] = defaultdict(list)
    for b in ballots:
        out[(b.title, norm_number(b.number))].append(b)
    for copies in out.values():
        if len(copies) > 1:
            copies.sort(key=canonical_ballot)
    return out


def _declared_text(b: Ballot) -> str:
    if not b.declared_invalid:
        return t("tally.de.not_declared")
    return t("tally.de.declared", reason=b.declared_reason.strip() or t("tally.no_reason"))


def reconcile(first: Sequence[Ballot], second: Sequence[Ballot]) -> list[Discrepancy]:
    """Every differing cell between two independent entries of the same ballots (order-independent).

    Ballots are matched by (title, number); a ballot present in one entry only is one discrepancy with
    candidate "". Ballot-level fields are reported with the field name in brackets as candidate.
    """
    g1, g2 = _group(first), _group(second)
    out: list[Discrepancy] = []
    absent, present = t("tally.de.absent"), t("tally.de.present")
    for key in sorted(g1.keys() | g2.keys(), key=lambda k: (_TITLE_ORDER[k[0]], number_key(k[1]))):
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
                    out.append(Discrepancy(number, title, cand, mark_text(m1, b1.raw.get(cand, "")),
                                           mark_text(m2, b2.raw.get(cand, ""))))
    return out
