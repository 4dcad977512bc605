"""Scoring through the year (docs/scoring.md has the rule in Vietnamese).

- A month's score: the council's score when present, else the team's, else the self-score (the source is
  kept), minus the deductions plus the bonuses, brought within [0, ceiling]. The ceiling is the sum over
  the "Tiêu chí" sheet of maximum points × weight, else ``scoring.max_points`` of the rule set. A month
  scored per criterion: the sum of (criterion score × weight), each criterion's score chosen the same way;
  a total row of the same month (no criterion code) wins over its criteria.
- A phase's score: the phase's own row on the "Điểm" sheet (Đợt column) when there is one, else the mean
  of the scores of its months. A month counts for the phase holding more of its days (so a boundary on
  20/10 puts October in the phase that ends on 20/10; a tie goes to the earlier phase); a month outside
  every phase counts for the year only.
- The year: the mean of the months scored (of the phases' own scores when no month is scored).
- A missing month: one the school scored (someone has a score in it) for which a person on staff that
  month (recruited on or before its last day, or no recruitment date) has none.
- Ranks: within the team and the school, higher first; equal scores share a rank (1, 1, 3); the order
  among them is the Vietnamese name order.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any

from thidua_xl.core.model import ZERO_POINTS, Phase, SchoolData, ScoreCriterion, ScoreEntry
from thidua_xl.core.scoring.bands import Bands, band_of
from thidua_xl.core.scoring.result import MonthScore, PersonScores, PhaseScore, ScoringResult, TeamScores
from thidua_xl.perf import without_gc
from thidua_xl.text import name_key, vi_key

_ZERO = Fraction(0)
_ONE = Fraction(1)


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=_calendar.monthrange(month.year, month.month)[1])


def month_phases(months: Iterable[dt.date], phases: Sequence[Phase]) -> dict[dt.date, int | None]:
    """The phase each month counts for: the one holding more of its days (a tie: the earlier phase)."""
    out: dict[dt.date, int | None] = {}
    ordered = sorted(phases, key=lambda p: (p.start, p.number))
    for m in months:
        first, last = m, month_end(m)
        best, best_days = None, 0
        for ph in ordered:
            days = (min(last, ph.end) - max(first, ph.start)).days + 1
            if days > best_days:
                best, best_days = ph.number, days
        out[m] = best
    return out


def _chosen(e: ScoreEntry) -> tuple[Fraction | None, str]:
    if e.council_score is not None:
        return e.council_score, "council"
    if e.team_score is not None:
        return e.team_score, "team"
    if e.self_score is not None:
        return e.self_score, "self"
    return None, ""


def _combine(entries: list[ScoreEntry], weights: dict[str, Fraction]
             ) -> tuple[Fraction, str, Fraction, Fraction, str] | None:
    """(raw score, source, deductions, bonuses, notes) of one person's month (or phase); None: no score."""
    if len(entries) == 1:  # the common case: one total row
        e = entries[0]
        value, source = _chosen(e)
        if value is None:
            return None
        if e.criterion:
            value = value * weights.get(e.criterion, _ONE)
        return value, source, e.deduction, e.bonus, e.note
    total_row = next((e for e in entries if not e.criterion and _chosen(e)[0] is not None), None)
    sources: set[str] = set()
    if total_row is not None:
        value, source = _chosen(total_row)
        raw, sources = value, {source}  # type: ignore[assignment]
    else:
        raw = _ZERO
        for e in entries:
            value, source = _chosen(e)
            if value is None or not e.criterion:
                continue
            raw += value * weights.get(e.criterion, _ONE)
            sources.add(source)
        if not sources:
            return None
    deduction = sum((e.deduction for e in entries), _ZERO)
    bonus = sum((e.bonus for e in entries), _ZERO)
    notes = "; ".join(e.note for e in entries if e.note)
    return raw, (sources.pop() if len(sources) == 1 else "mixed"), deduction, bonus, notes


def ceiling_of(criteria: Sequence[ScoreCriterion], default: Fraction) -> tuple[Fraction, str]:
    """The month's maximum: Σ maximum points × weight of the criteria, else the rule set's default."""
    given = [c for c in criteria if c.max_points is not None]
    if given:
        return sum((c.max_points * c.weight for c in given), _ZERO), "criteria"  # type: ignore[operator]
    return default, "rules"


def competition_ranks(items: Sequence[tuple[str, Any]], names: dict[str, tuple[object, ...]]
                      ) -> list[tuple[str, int]]:
    """``(key, value)`` → ``(key, rank)`` in order: higher first, equal values share a rank (1, 1, 3), then
    the Vietnamese name order. Values are exact: whole numbers (scores in a common unit) or fractions."""
    keyed = sorted(((-v, names.get(k, ()), k) for k, v in items), key=lambda x: (x[0], x[1]))
    out: list[tuple[str, int]] = []
    prev: Any = None
    rank = 0
    for i, (v, _, k) in enumerate(keyed, start=1):
        if v != prev:
            rank, prev = i, v
        out.append((k, rank))
    return out


class _Units:
    """Exact scores as whole numbers of a common unit 1/D (D: the least common multiple of every denominator
    met), so sums, comparisons and bands are integer operations; a mean of k months is s / (D·k), compared
    across people as s·(L/k) over D·L (L: the least common multiple of the month counts)."""

    def __init__(self, denominators: set[int], bands: Bands) -> None:
        self.d = math.lcm(1, *denominators, *(lo.denominator for lo, _ in bands.levels))
        self.bands = [(lo.numerator * (self.d // lo.denominator), label) for lo, label in bands.levels]
        self.l = 1

    def of(self, x: Fraction) -> int:
        return x.numerator * (self.d // x.denominator)

    def band(self, units: int) -> str:
        """The band of ``units``/D (score_school caches it per distinct value: scores repeat a lot)."""
        return next((label for lo, label in self.bands if units >= lo), "")

    def band_of_mean(self, s: int, k: int) -> str:
        for lo, label in self.bands:
            if s >= lo * k:
                return label
        return ""

    def fraction(self, s: int, k: int = 1) -> Fraction:
        return Fraction(s, self.d * k)

    def rank_value(self, s: int, k: int) -> int:
        """s/(D·k) as a whole number of 1/(D·L): exact order across different k."""
        return s * (self.l // k)


@without_gc  # hundreds of thousands of acyclic records: a collection in the middle would only walk them all
def score_school(data: SchoolData, bands: Bands, default_ceiling: Fraction,
                 on_progress: Callable[[str], None] | None = None) -> ScoringResult:
    """Every person's and team's scores per month, per phase and for the year, with bands and ranks."""
    note = on_progress or (lambda _step: None)
    weights = {c.code: c.weight for c in data.score_criteria}
    ceiling, ceiling_origin = ceiling_of(data.score_criteria, default_ceiling)
    by_month: dict[tuple[str, dt.date], list[ScoreEntry]] = {}
    by_phase: dict[tuple[str, int], list[ScoreEntry]] = {}
    for e in data.scores:
        if e.month is not None:
            key_m = (e.staff_id, e.month)
            got = by_month.get(key_m)
            if got is None:
                by_month[key_m] = [e]
            else:
                got.append(e)
        elif e.phase is not None:
            by_phase.setdefault((e.staff_id, e.phase), []).append(e)

    people: dict[str, PersonScores] = {}
    for p in data.staff:
        people[p.id] = PersonScores(p.id, p.full_name, p.team)
    names = {p.id: name_key(p.full_name, p.id) for p in data.staff}

    note("months")
    # chronological, so every person's months (and phases) come in order without sorting each person's
    ordered_keys = sorted(by_month, key=lambda k: k[1])
    combined: list[tuple[PersonScores, dt.date, tuple[Fraction, str, Fraction, Fraction, str], ScoreEntry]] = []
    dens: set[int] = {ceiling.denominator}
    add_den = dens.add
    for key_m in ordered_keys:
        person = people.get(key_m[0])
        if person is None:
            continue
        entries = by_month[key_m]
        got = _combine(entries, weights)
        if got is None:
            continue
        combined.append((person, key_m[1], got, entries[0]))
        add_den(got[0].denominator)
        if got[2] is not ZERO_POINTS or got[3] is not ZERO_POINTS:
            add_den(got[2].denominator)
            add_den(got[3].denominator)
    direct: dict[tuple[str, int], tuple[Fraction, str]] = {}
    for key_p, entries in by_phase.items():
        got = _combine(entries, weights)
        if got is not None and key_p[0] in people:
            total = min(max(got[0] - got[2] + got[3], _ZERO), ceiling)
            direct[key_p] = (total, got[1])
            add_den(total.denominator)
    u = _Units(dens, bands)
    top = u.of(ceiling)
    d = u.d
    band_cache: dict[int, str] = {}
    units: dict[str, dict[dt.date, int]] = {sid: {} for sid in people}
    months_seen: set[dt.date] = set()
    for person, month, (raw, source, deduction, bonus, text), first in combined:
        n = raw.numerator * (d // raw.denominator)
        if deduction is ZERO_POINTS and bonus is ZERO_POINTS:
            t = n
        else:
            t = n - u.of(deduction) + u.of(bonus)
        capped = t > top or t < 0
        if capped:
            t = top if t > top else 0
        band = band_cache.get(t)
        if band is None:
            band = band_cache[t] = u.band(t)
        person.months[month] = MonthScore(person.staff_id, month, raw if t == n else u.fraction(t), raw, source,
                                          deduction, bonus, capped, band, 0, 0, text, first.source)
        units[person.staff_id][month] = t
        months_seen.add(month)
    months = sorted(months_seen)
    phases = sorted(data.phases, key=lambda ph: (ph.start, ph.number))
    month_phase = month_phases(months, phases)

    note("phases")
    # (s, k): the sum of k months' units, per person and phase / for the year; L for exact comparisons
    sums: dict[str, dict[int | None, tuple[int, int]]] = {}
    counts: set[int] = {1}
    for sid, person in people.items():
        ms = person.months
        mine: dict[int | None, tuple[int, int]] = {}
        if ms:
            person.not_council = [m for m, x in ms.items() if x.source != "council"]
            us = units[sid]
            for m, t in us.items():
                n = month_phase.get(m)
                if n is not None:
                    s_, k = mine.get(n, (0, 0))
                    mine[n] = (s_ + t, k + 1)
            mine[None] = (sum(us.values()), len(us))
        for ph in phases:
            got_d = direct.get((sid, ph.number))
            if got_d is not None:
                mine[ph.number] = (u.of(got_d[0]), 1)
        if not ms and mine:  # only phases scored: the year is the mean of the phases' own scores
            mine[None] = (sum(u.of(direct[(sid, n)][0]) for n in mine), len(mine))
        counts.update(k for _, k in mine.values())
        sums[sid] = mine
    u.l = math.lcm(*counts)
    for sid, person in people.items():
        for n, (s_, k) in sums[sid].items():
            if n is None:
                person.year = u.fraction(s_, k)
                person.suggested = u.band_of_mean(s_, k)
                continue
            got_d = direct.get((sid, n))
            person.phases[n] = PhaseScore(sid, n, u.fraction(s_, k), 0 if got_d else k, got_d is not None,
                                          got_d[1] if got_d else "", u.band_of_mean(s_, k))
        if len(person.phases) > 1 and list(person.phases) != sorted(person.phases):
            person.phases = dict(sorted(person.phases.items()))

    note("missing")
    staff_start = {p.id: p.recruited_date for p in data.staff}
    for m in months:
        last = month_end(m)
        for sid, person in people.items():
            if m not in person.months:
                start = staff_start.get(sid)
                if start is None or start <= last:
                    person.missing.append(m)

    note("ranks")
    teams_of: dict[str, list[PersonScores]] = {}
    for person in people.values():
        teams_of.setdefault(person.team, []).append(person)
    _rank_people(list(people.values()), teams_of, months, [ph.number for ph in phases], names, units, sums, u)

    team_results = _teams(teams_of, months, [ph.number for ph in phases], bands, units, sums, u)
    ordered = sorted(people.values(), key=lambda p: (p.rank_school or 10**9, names.get(p.staff_id, ())))
    return ScoringResult(data.info.school_year, months, phases, month_phase, bands, ceiling, ceiling_origin,
                         ordered, team_results)


def _set_ranks(values: dict[str, Any], objs: dict[str, Any], names: dict[str, tuple[object, ...]], team: bool
               ) -> None:
    """Rank ``values`` (key → exact value) and store each rank on ``objs[key]`` (team or school rank)."""
    ranked = competition_ranks(list(values.items()), names)
    if team:
        for key, rank in ranked:
            objs[key].rank_team = rank
    else:
        for key, rank in ranked:
            objs[key].rank_school = rank


def _rank_people(people: list[PersonScores], teams_of: dict[str, list[PersonScores]], months: list[dt.date],
                 phases: list[int], names: dict[str, tuple[object, ...]], units: dict[str, dict[dt.date, int]],
                 sums: dict[str, dict[int | None, tuple[int, int]]], u: _Units) -> None:
    def apply(group: list[PersonScores], team: bool) -> None:
        for m in months:
            objs = {p.staff_id: ms for p in group if (ms := p.months.get(m)) is not None}
            _set_ranks({sid: units[sid][m] for sid in objs}, objs, names, team)
        for n in phases:
            objs = {p.staff_id: ps for p in group if (ps := p.phases.get(n)) is not None}
            _set_ranks({sid: u.rank_value(*sums[sid][n]) for sid in objs}, objs, names, team)
        objs = {p.staff_id: p for p in group if p.year is not None}
        _set_ranks({sid: u.rank_value(*sums[sid][None]) for sid in objs}, objs, names, team)

    apply(people, team=False)
    for group in teams_of.values():
        apply(group, team=True)


def _teams(teams_of: dict[str, list[PersonScores]], months: list[dt.date], phases: list[int], bands: Bands,
           units: dict[str, dict[dt.date, int]], sums: dict[str, dict[int | None, tuple[int, int]]], u: _Units
           ) -> list[TeamScores]:
    """Each team's mean of its members' scores (those scored) per month, per phase and for the year, exact."""
    out = {name: TeamScores(name, len(group)) for name, group in teams_of.items() if name}
    for name, ts in out.items():
        group = teams_of[name]
        for m in months:
            vals = [units[p.staff_id][m] for p in group if m in p.months]
            if vals:
                ts.months[m] = u.fraction(sum(vals), len(vals))
        for n in (*phases, None):
            vals = [u.rank_value(*got) for p in group if (got := sums[p.staff_id].get(n))]
            if not vals:
                continue
            mean = Fraction(sum(vals), u.d * u.l * len(vals))
            if n is None:
                ts.year = mean
            else:
                ts.phases[n] = mean
        ts.band = band_of(bands, ts.year)
    names = {n: (vi_key(n), n) for n in out}
    for m in months:
        for name, rank in competition_ranks([(n, ts.months[m]) for n, ts in out.items() if m in ts.months], names):
            out[name].month_ranks[m] = rank
    for k in phases:
        for name, rank in competition_ranks([(n, ts.phases[k]) for n, ts in out.items() if k in ts.phases], names):
            out[name].phase_ranks[k] = rank
    ranked = competition_ranks([(n, ts.year) for n, ts in out.items() if ts.year is not None], names)
    for name, rank in ranked:
        out[name].rank = rank
    return sorted(out.values(), key=lambda ts: (ts.rank or 10**9, names[ts.team]))
