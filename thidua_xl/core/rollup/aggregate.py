"""One school's own results (its read data, its check, its tally) summarised for the roll-up.

Every count here is read off the school's :class:`~thidua_xl.core.model.CheckResult` and
:class:`~thidua_xl.core.model.TallyResult` as ``thidua check`` / ``thidua tally`` compute them, so the roll-up's
totals are the sums of the schools' own results.
"""

from __future__ import annotations

from collections import Counter

from thidua_xl.core.model import CheckResult, SchoolData, TallyResult, Title
from thidua_xl.core.rollup.model import Nominee, SchoolEntry, SchoolResult

# How many reasons of a non-eligible nominee the roll-up quotes (the school's own results hold them all).
_REASONS_SHOWN = 3


def eligible_counts(checked: CheckResult) -> dict[Title, int]:
    """Eligible people/teams per title, as ``thidua check`` counts them."""
    counts: Counter[Title] = Counter(v.title for v in checked.verdicts if v.eligible)
    return {t: counts[t] for t in Title if counts[t]}


def proposed_counts(tallied: TallyResult | None, checked: CheckResult) -> dict[Title, int]:
    """Proposed per title: the tally's proposals, and the eligible list of a title the council approved
    without a ballot (LĐTT, TTLĐTT) when the approval passed."""
    counts: Counter[Title] = Counter()
    if tallied is not None:
        for tt in tallied.titles:
            counts[tt.title] += sum(c.proposed for c in tt.candidates)
        for a in tallied.approvals:
            if a.approved:
                counts[a.title] += sum(1 for v in checked.verdicts if v.title is a.title and v.eligible)
    return {t: counts[t] for t in Title if counts[t]}


def _reasons(v: object) -> str:
    reasons = getattr(v, "reasons", ()) or ()
    text = "; ".join(r.message for r in reasons[:_REASONS_SHOWN])
    return text + (" …" if len(reasons) > _REASONS_SHOWN else "")


def nominees(data: SchoolData, checked: CheckResult, tallied: TallyResult | None, code: str, name: str,
             file: str) -> list[Nominee]:
    """Every subject the school puts forward: each candidate of its ballots (with the votes), and each eligible
    subject of a list approved without a ballot."""
    staff = data.staff_by_id()
    rounds = {r.title: r for r in data.rounds}
    verdicts = {(v.subject, v.title): v for v in checked.verdicts}
    out: list[Nominee] = []

    def make(subject: str, title: Title) -> Nominee:
        person = staff.get(subject)
        v = verdicts.get((subject, title))
        return Nominee(
            code, name, file, subject, person.full_name if person else subject, title, is_team=title.is_team,
            birth_date=person.birth_date if person else None,
            id_number=str(getattr(person, "id_number", "") or "") if person else "",
            eligible=v.eligible if v is not None else None, reasons=_reasons(v) if v is not None else "",
            staff_row=person.source.row if person and person.source else None,
            staff_sheet=person.source.sheet if person and person.source else "")

    if tallied is not None:
        for tt in tallied.titles:
            rnd = rounds.get(tt.title)
            for c in tt.candidates:
                n = make(c.subject, tt.title)
                n.name = c.name or n.name
                n.voted, n.proposed = True, c.proposed
                n.approvals, n.base_count, n.share = c.approvals, c.base_count, c.share
                n.threshold_passed, n.certified = c.threshold_passed, tallied.certified
                if rnd is not None and rnd.source is not None:
                    n.sheet, n.row = rnd.source.sheet, rnd.rows.get(c.subject, rnd.source.row)
                out.append(n)
        for a in tallied.approvals:
            if a.approved is False:
                continue
            for v in checked.verdicts:
                if v.title is a.title and v.eligible:
                    n = make(v.subject, v.title)
                    n.proposed = bool(a.approved)
                    person = staff.get(v.subject)
                    if person is not None and person.source is not None:
                        n.sheet, n.row = person.source.sheet, person.source.row
                    out.append(n)
    return out


def summarize(data: SchoolData, checked: CheckResult, tallied: TallyResult | None, file: str,
              entry: SchoolEntry | None = None) -> SchoolResult:
    """The school's :class:`SchoolResult` from its own data, check and tally."""
    code = entry.code if entry is not None else ""
    name = data.info.school_name or (entry.name if entry is not None else file)
    rules = checked.rules
    choice = getattr(rules, "choice", None)
    has_ballots = bool(data.ballots)
    return SchoolResult(
        file=file, code=code, name=name, group=entry.group if entry is not None else "",
        school_year=data.info.school_year, info_sheet=data.info.source_sheet, info_rows=dict(data.info.source_rows),
        regime=checked.regime,
        regime_choice=getattr(choice, "text", "") if choice is not None else "",
        considered_on=getattr(rules, "on", None), staff=len(data.staff), teams=len(data.teams),
        registrations=list(data.registrations), eligible=eligible_counts(checked),
        proposed=proposed_counts(tallied, checked), has_ballots=has_ballots,
        certified=tallied.certified if tallied is not None and has_ballots else None,
        quorum_ok=tallied.quorum_ok if tallied is not None else None,
        discrepancies=len(tallied.discrepancies) if tallied is not None else 0,
        hash=tallied.hash if tallied is not None and has_ballots else "",
        nominees=nominees(data, checked, tallied, code, name, file),
        problems=list(data.problems),
    )
