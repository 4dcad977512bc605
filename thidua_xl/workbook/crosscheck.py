"""Checks across sheets: references to the Cán bộ and Tổ sheets, reference names beside IDs, team leaders,
dates after the consideration date (Thông tin chung), ballot candidates.

Each check records its problems in the read in progress (:class:`~thidua_xl.workbook.tables.Reading`);
the lookups return the canonical key (staff ID or team name as listed) or None.
"""

from __future__ import annotations

from typing import Any

from thidua_xl.legacy import to_unicode
from thidua_xl.messages import t
from thidua_xl.text import strip_diacritics
from thidua_xl.workbook.cells import fmt_date
from thidua_xl.workbook.tables import Reading, Table


def known_person(rd: Reading, table: Table, row: int, key: str, sid: str) -> str | None:
    """The staff ID as on the Cán bộ sheet; an error when it is not there."""
    found = rd.subjects.person(sid)
    if found is None and not rd.unchecked("staff"):
        rd.add("error", "UNKNOWN_PERSON", table.name, row, table.column_label(key), sid,
               "reader.unknown_person", "reader.unknown_person_hint", id=sid)
    return found


def known_team(rd: Reading, table: Table, row: int, key: str, name: str) -> str | None:
    """The team name as on the Tổ sheet; an error when it is not there (no Tổ sheet: the name as typed)."""
    found = rd.subjects.team(name)
    checked = rd.teams_read and not rd.unchecked("teams")  # a Tổ sheet without its name column: not checked
    if found is None and checked:
        rd.add("error", "UNKNOWN_TEAM", table.name, row, table.column_label(key), name, "reader.unknown_team",
               "reader.unknown_team_hint", team=name, sheet=rd.teams_sheet)
    return found if found is not None else (None if checked else name)


def candidate(rd: Reading, table: Table, row: int, column: str, header: str) -> str | None:
    """The staff ID or team name that a candidate cell or ballot header names; an error when unknown or
    ambiguous."""
    found = rd.subjects.find(header)
    if found is None and not header.isascii():  # a name typed in TCVN3/VNI (e.g. a ballot column's header)
        text, enc = to_unicode(header)
        found = rd.subjects.find(text) if enc else None
        if found is not None:
            rd.add("warning", "LEGACY_ENCODING", table.name, row, column, header, "reader.legacy_text",
                   "reader.legacy_text_hint", before=header, after=text, encoding=t(f"reader.encoding_{enc}"))
    if isinstance(found, list):
        rd.add("error", "AMBIGUOUS_CANDIDATE", table.name, row, column, header, "reader.ambiguous_candidate",
               "reader.ambiguous_candidate_hint", value=header, n=len(found), ids=", ".join(found))
        return None
    if found is None and rd.unchecked("staff", "teams", table.spec.key):
        return None  # the Cán bộ or Tổ sheet (or this sheet's header) could not be read: that error comes first
    if found is None:
        rd.add("error", "UNKNOWN_CANDIDATE", table.name, row, column, header, "reader.unknown_candidate",
               "reader.unknown_candidate_hint", value=header)
        return None
    return found[0]


def check_name(rd: Reading, table: Table, rows: list[int], ids: list[Any], refs: list[Any],
               key: str = "name_ref") -> None:
    """Warn when the reference name typed beside an ID is not that person's name (a mistyped ID)."""
    if not any(refs):
        return
    folded = rd.folded_names
    by_id = rd.by_id

    def fold(name: str) -> str:
        out = folded.get(name)
        if out is None:
            out = folded[name] = strip_diacritics(name).casefold().replace(" ", "")
        return out

    for row, sid, ref in zip(rows, ids, refs):
        if not ref or not sid:
            continue
        person = by_id.get(sid)
        if person is None or ref == person.full_name or not person.full_name or fold(ref) == fold(
                person.full_name):
            continue
        rd.add("warning", "NAME_MISMATCH", table.name, row, table.column_label(key), ref,
               "reader.name_mismatch", "reader.name_mismatch_hint", name=ref, id=sid,
               expected=person.full_name)


def check_leaders(rd: Reading) -> None:
    """Warn on team leaders that are not on the Cán bộ sheet."""
    tt = rd.teams_table
    if tt is None or not rd.by_id:
        return
    for team in rd.data.teams:
        if team.leader_id and rd.subjects.person(team.leader_id) is None:
            row = team.source.row if team.source else None
            rd.add("warning", "UNKNOWN_PERSON", tt.name, row, tt.column_label("leader_id"), team.leader_id,
                   "reader.unknown_leader", "reader.unknown_leader_hint", id=team.leader_id)


def future_dates(rd: Reading, table: Table, keys: tuple[str, ...]) -> None:
    """Warn on dates after the consideration date, checked on distinct values only."""
    ref = rd.ref_date
    for key in keys:
        if key not in table.cols:
            continue
        vals = table.cols[key]
        late = {d for d in set(vals) if d is not None and d > ref}
        if not late:
            continue
        label = table.column_label(key)
        for row, d in zip(table.rows, vals):
            if d in late:
                rd.add("warning", "FUTURE_DATE", table.name, row, label, fmt_date(d), "reader.future_date",
                       "reader.future_date_hint", value=fmt_date(d), ref=fmt_date(ref))
