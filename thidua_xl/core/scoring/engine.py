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
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from thidua_xl.core.model import Phase, SchoolData, ScoreCriterion, ScoreEntry
from thidua_xl.core.scoring.bands import Bands, band_of
from thidua_xl.core.scoring.result import MonthScore, PersonScores, PhaseScore, ScoringResult, TeamScores
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


def competition_ranks(items: Sequence[tuple[str, Fraction]], names: dict[str, tuple[object, ...]]
                      ) -> list[tuple[str, int]]:
    """``(key, value)`` → ``(key, rank)`` in order: higher first, equal values share a rank (1, 1, 3), then
    the Vietnamese name order. Sorted on the value as a float: scores are sums and means of numbers with a
    few decimals (denominators far below 10⁶), so two different values never meet in one float and equal
    values always do — the same order as the exact fractions, several times faster."""
    keyed = sorted(((-float(v), names.get(k, ()), k, v) for k, v in items), key=lambda x: (x[0], x[1]))
    out: list[tuple[str, int]] = []
    prev: Fraction | None = None
    rank = 0
    for i, (_, _, k, v) in enumerate(keyed, start=1):
        if v != prev:
            rank, prev = i, v
        out.append((k, rank))
    return out


def _mean(values: list[Fraction]) -> Fraction | None:
    return sum(values, _ZERO) / len(values) if values else None


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
    months_seen: set[dt.date] = set()
    for (sid, month), entries in by_month.items():
        person = people.get(sid)
        if person is None:
            continue
        got = _combine(entries, weights)
        if got is None:
            continue
        raw, source, deduction, bonus, text = got
        total = raw - deduction + bonus if (deduction or bonus) else raw
        capped = False
        if total > ceiling:
            total, capped = ceiling, True
        elif total < 0:
            total, capped = _ZERO, True
        person.months[month] = MonthScore(sid, month, total, raw, source, deduction, bonus, capped,
                                          band_of(bands, total), note=text, ref=entries[0].source)
        months_seen.add(month)
    months = sorted(months_seen)
    phases = sorted(data.phases, key=lambda ph: (ph.start, ph.number))
    month_phase = month_phases(months, phases)

    note("phases")
    for person in people.values():
        ms = person.months
        if ms:
            person.months = dict(sorted(ms.items()))
            person.not_council = [m for m, s in person.months.items() if s.source != "council"]
        for ph in phases:
            own = by_phase.get((person.staff_id, ph.number))
            got = _combine(own, weights) if own else None
            if got is not None:
                raw, source, deduction, bonus, _ = got
                total = min(max(raw - deduction + bonus, _ZERO), ceiling)
                person.phases[ph.number] = PhaseScore(person.staff_id, ph.number, total, 0, True, source,
                                                      band_of(bands, total))
                continue
            values = [s.total for m, s in ms.items() if month_phase.get(m) == ph.number]
            if values:
                total = _mean(values)
                person.phases[ph.number] = PhaseScore(person.staff_id, ph.number, total, len(values), False,
                                                      "", band_of(bands, total))
        if ms:
            person.year = _mean([s.total for s in ms.values()])
        elif person.phases:
            person.year = _mean([ps.total for ps in person.phases.values() if ps.total is not None])
        person.suggested = band_of(bands, person.year)

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
    _rank_people(list(people.values()), teams_of, months, [ph.number for ph in phases], names)

    team_results = _teams(teams_of, months, [ph.number for ph in phases], bands)
    ordered = sorted(people.values(), key=lambda p: (p.rank_school or 10**9, names.get(p.staff_id, ())))
    return ScoringResult(data.info.school_year, months, phases, month_phase, bands, ceiling, ceiling_origin,
                         ordered, team_results)


def _set_ranks(items: Sequence[tuple[str, Fraction]], names: dict[str, tuple[object, ...]],
               holder: Callable[[str], MonthScore | PhaseScore | PersonScores], team: bool) -> None:
    """Rank ``items`` and store each rank on the object ``holder(key)`` returns (team or school rank)."""
    for key, rank in competition_ranks(items, names):
        obj = holder(key)
        if team:
            obj.rank_team = rank
        else:
            obj.rank_school = rank


def _rank_people(people: list[PersonScores], teams_of: dict[str, list[PersonScores]], months: list[dt.date],
                 phases: list[int], names: dict[str, tuple[object, ...]]) -> None:
    by_id = {p.staff_id: p for p in people}

    def apply(group: list[PersonScores], team: bool) -> None:
        for m in months:
            _set_ranks([(p.staff_id, p.months[m].total) for p in group if m in p.months], names,
                       lambda sid, m=m: by_id[sid].months[m], team)
        for n in phases:
            _set_ranks([(p.staff_id, ps.total) for p in group if (ps := p.phases.get(n)) is not None
                        and ps.total is not None], names, lambda sid, n=n: by_id[sid].phases[n], team)
        _set_ranks([(p.staff_id, p.year) for p in group if p.year is not None], names,  # type: ignore[misc]
                   by_id.__getitem__, team)

    apply(people, team=False)
    for group in teams_of.values():
        apply(group, team=True)


def _teams(teams_of: dict[str, list[PersonScores]], months: list[dt.date], phases: list[int], bands: Bands
           ) -> list[TeamScores]:
    out = {name: TeamScores(name, len(group)) for name, group in teams_of.items() if name}
    for name, ts in out.items():
        group = teams_of[name]
        for m in months:
            mean = _mean([p.months[m].total for p in group if m in p.months])
            if mean is not None:
                ts.months[m] = mean
        for n in phases:
            mean = _mean([ps.total for p in group if (ps := p.phases.get(n)) is not None and ps.total is not None])
            if mean is not None:
                ts.phases[n] = mean
        ts.year = _mean([p.year for p in group if p.year is not None])  # type: ignore[misc]
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
