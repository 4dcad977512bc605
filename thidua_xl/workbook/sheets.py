"""One ``read_<sheet>`` per input sheet: the sheet's table → model records, with the sheet's own checks.

They run in workbook order (:func:`thidua_xl.workbook.reader.read_tables`): the information sheet first (its
consideration date bounds every other date), then Tổ and Cán bộ (what later sheets refer to), then the rest.
References to other sheets are checked through :mod:`.crosscheck`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from fractions import Fraction
from itertools import repeat
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.subjects import Subjects
from thidua_xl.legacy import to_unicode
from thidua_xl.messages import t
from thidua_xl.text import clean, fraction_text
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import CellError, converter, excel_error, fmt_date, shown, to_id
from thidua_xl.workbook.crosscheck import candidate, check_name, future_dates, known_person, known_team
from thidua_xl.workbook.fonts import TEXT_KINDS
from thidua_xl.workbook.tables import Reading, as_rows, col_letter, is_blank

_ZERO = Fraction(0)
_TWELVE = Fraction(12)
# Titles a team can never receive, and titles a person can never receive.
_PERSON_ONLY = frozenset({m.Title.LDTT, m.Title.CSTDCS, m.Title.CSTD_TINH, m.Title.CSTD_TQ, m.Title.KNC})
_TEAM_ONLY = frozenset(m.TEAM_TITLES)
# Headers on a ballot sheet that are not candidates.
_BALLOT_IGNORED = frozenset({"stt", "tt", "ghi chú", "ghi chu", "người nhập", "nguoi nhap", "tổng", "ghi chú phiếu"})
# Staff dates that cannot lie after the consideration date.
_PAST_DATES = ("birth_date", "recruited_date", "sector_entry_date", "discipline_date")


def read_info(rd: Reading) -> None:
    """Thông tin chung (label in column A, value in column B); sets the date that later dates are checked
    against."""
    info = rd.data.info = _info(rd)
    rd.ref_date = info.consideration_date or info.meeting_date or dt.date.today()


def _info(rd: Reading) -> m.SchoolInfo:
    info = m.SchoolInfo()
    name = rd.names.get("info")
    if name is None:
        rd.add("error", "MISSING_SHEET", s.INFO.name, None, "", "", "reader.missing_sheet",
             "reader.missing_sheet_hint", sheet=s.INFO.name)
        return info
    lookup = {**s.column_lookup(s.INFO), **rd.column_maps.get("info", {})}  # the school's own labels too
    label_rows: dict[str, int] = {}
    bad_keys: set[str] = set()
    for r, row in enumerate(as_rows(rd.tables[name])):
        if not row:
            continue
        label = s.header_key(row[0])
        col = lookup.get(label)
        raw = row[1] if len(row) > 1 else None
        if col is None:
            if label and label not in ("mục", "muc", "nội dung") and not is_blank(raw):
                info.extra[clean(row[0])] = shown(raw)
            continue
        if col.key in label_rows and getattr(info, col.key) not in (None, ""):
            continue  # the first filled occurrence wins
        label_rows[col.key] = r + 1
        if col.kind in TEXT_KINDS and isinstance(raw, str):  # typed in TCVN3/VNI: read as Unicode
            raw = _unlegacy_info(rd, name, r, col, raw)
        try:
            val = converter(col)(raw)
        except CellError as exc:
            bad_keys.add(col.key)
            rd.add("error", "BAD_SCHOOL_YEAR" if col.key == "school_year" else "BAD_VALUE", name, r + 1,
                 f"B ({col.header})", raw, exc.key, exc.hint, **exc.kw)
            continue
        if val is None or val == "":
            continue
        setattr(info, col.key, val)
    for col in s.INFO.columns:
        if col.required and getattr(info, col.key) in (None, ""):
            if col.key in bad_keys:
                continue  # already reported as a bad value
            rd.add("error", "MISSING_VALUE", name, label_rows.get(col.key), f"B ({col.header})", "",
                 "reader.missing_info", "reader.missing_info_hint", item=col.header)
    if info.consideration_date is None:
        info.consideration_date = info.meeting_date
    info.source_rows, info.source_sheet = dict(label_rows), name
    return info


def _unlegacy_info(rd: Reading, sheet: str, r: int, col: s.Column, raw: str) -> str:
    new, enc = to_unicode(raw, rd.fonts.get(sheet, {}).get((r, 1), ""))
    if enc:
        rd.add("warning", "LEGACY_ENCODING", sheet, r + 1, f"B ({col.header})", raw, "reader.legacy_text",
               "reader.legacy_text_hint", before=raw, after=new, encoding=t(f"reader.encoding_{enc}"))
    return new


def read_teams(rd: Reading) -> None:
    """Tổ: one team per name (folded); later sheets resolve team names against it."""
    tt = rd.table(s.TEAMS)
    if tt is None:
        return
    # a Tổ sheet without its name column: team names elsewhere are taken as typed (its error comes first)
    rd.teams_read, rd.teams_sheet = not rd.unchecked("teams"), tt.name
    first: dict[str, int] = {}
    for row, name, leader, rating, note in zip(tt.rows, tt.get("name"), tt.get("leader_id"), tt.get("rating"),
                                               tt.get("note")):
        if not name:
            continue
        key = s.header_key(name)
        if key in first:
            rd.add("error", "DUPLICATE_TEAM", tt.name, row, tt.column_label("name"), name,
                   "reader.duplicate_team", "reader.duplicate_team_hint", team=name, first=first[key])
            continue
        first[key] = row
        rd.data.teams.append(m.Team(name, leader or "", rating, note or "", m.SourceRef(tt.name, row)))
    rd.teams_table = tt
    rd.subjects = Subjects.of((), rd.data.teams)


_REPORT_FACTS = ("hometown", "residence", "qualification", "political_theory", "academic_titles")


def read_staff(rd: Reading) -> None:
    """Cán bộ: one person per ID, with absences, the year's rating and an optional discipline."""
    st = rd.table(s.STAFF)
    if st is None:
        return
    sheet = st.name
    g = st.get
    ids: dict[str, int] = {}
    team_cache: dict[str, str | None] = {}
    staff = rd.data.staff
    add = rd.add
    # for the báo cáo thành tích only (row → quê quán, nơi thường trú, trình độ, lý luận chính trị, học vị)
    report_facts = dict(zip(st.rows, zip(g("hometown"), g("residence"), g("qualification"),
                                         g("political_theory"), g("academic_titles"))))
    for (row, sid, full_name, gender, birth, position, team, recruited, entry, contract, mat, sick, study,
         unpaid, study_ok, rating, d_level, d_date, d_end, pending, dbkk, dbkk_now, mil, achievement,
         note) in zip(st.rows, g("id"), g("full_name"), g("gender"), g("birth_date"), g("position"), g("team"),
                      g("recruited_date"), g("sector_entry_date"), g("contract_type"), g("maternity_months"),
                      g("sick_months"), g("study_months"), g("unpaid_months"), g("study_result_ok"), g("rating"),
                      g("discipline_level"), g("discipline_date"), g("discipline_end"),
                      g("pending_discipline"), g("difficult_area_years"), g("in_difficult_area_now"),
                      g("study_military_years"), g("outstanding_achievement"), g("note")):
        if not sid:
            continue
        if sid in ids:
            add("error", "DUPLICATE_ID", sheet, row, st.column_label("id"), sid, "reader.duplicate_id",
                "reader.duplicate_id_hint", id=sid, first=ids[sid])
            continue
        ids[sid] = row
        if team:
            canonical = team_cache.get(team, "")
            if canonical == "":
                canonical = team_cache[team] = rd.subjects.team(team)
            if canonical is None:
                if rd.teams_read:
                    add("error", "UNKNOWN_TEAM", sheet, row, st.column_label("team"), team,
                        "reader.unknown_team", "reader.unknown_team_hint", team=team, sheet=rd.teams_sheet)
            else:
                team = canonical
        src = m.SourceRef(sheet, row)
        if (mat is not None or sick is not None or study is not None or unpaid is not None) and (
                mat or sick or study or unpaid):
            total = (mat or _ZERO) + (sick or _ZERO) + (study or _ZERO) + (unpaid or _ZERO)
            if total > _TWELVE:
                add("warning", "ABSENCE_TOTAL", sheet, row, st.column_label("maternity_months"),
                    fraction_text(total), "reader.absence_total", "reader.absence_total_hint",
                    total=fraction_text(total))
        person = m.Staff(
            id=sid, full_name=full_name or "", gender=gender, birth_date=birth, position=position or "",
            team=team or "", recruited_date=recruited, sector_entry_date=entry, contract_type=contract,
            absence=m.Absence(_ZERO if mat is None else mat, _ZERO if sick is None else sick,
                              _ZERO if study is None else study, _ZERO if unpaid is None else unpaid, study_ok),
            rating=rating, disciplines=[], pending_discipline=bool(pending),
            difficult_area_years=_ZERO if dbkk is None else dbkk, in_difficult_area_now=bool(dbkk_now),
            study_military_years=_ZERO if mil is None else mil, outstanding_achievement=bool(achievement), note=note or "",
            source=src, **dict(zip(_REPORT_FACTS, (v or "" for v in report_facts[row]))),
        )
        if d_level is not None:
            person.disciplines.append(m.Discipline(d_level, d_date, d_end, source=src))
            if d_date and d_end and d_end < d_date:
                add("warning", "END_BEFORE_START", sheet, row, st.column_label("discipline_end"),
                    fmt_date(d_end), "reader.end_before_start", "reader.end_before_start_hint",
                    end=fmt_date(d_end), start=fmt_date(d_date))
        staff.append(person)
    rd.by_id = {p.id: p for p in staff}
    rd.subjects = Subjects.of(staff, rd.data.teams)
    future_dates(rd, st, _PAST_DATES)


def read_registrations(rd: Reading) -> None:
    """Đăng ký thi đua: person or team, title, date; the title must fit the kind of subject."""
    rt = rd.table(s.REGISTRATIONS)
    if rt is None:
        return
    regs = rd.data.registrations
    first: dict[tuple[str, m.Title], int] = {}
    person_word, team_word = t("reader.word_person"), t("reader.word_team")
    subjects = rd.subjects
    for row, kind, subject, title, date in zip(rt.rows, rt.get("kind"), rt.get("subject"), rt.get("title"),
                                               rt.get("date")):
        if not subject or title is None:
            continue
        if kind is None:
            is_team = title in _TEAM_ONLY or (subjects.person(subject) is None and subjects.team(subject) is not None)
        else:
            is_team = kind == "TEAM"
        if (is_team and title in _PERSON_ONLY) or (not is_team and title in _TEAM_ONLY):
            rd.add("error", "TITLE_KIND_MISMATCH", rt.name, row, rt.column_label("title"),
                   title_label(title), "reader.title_kind_mismatch", "reader.title_kind_mismatch_hint",
                   title=title_label(title), expected=person_word if is_team else team_word,
                   kind=team_word if is_team else person_word)
        found = (known_team(rd, rt, row, "subject", subject) if is_team
                 else known_person(rd, rt, row, "subject", subject))
        if found is None:
            continue
        key = (found, title)
        if key in first:
            rd.add("warning", "DUPLICATE_REGISTRATION", rt.name, row, rt.column_label("subject"), subject,
                   "reader.duplicate_registration", "reader.duplicate_registration_hint", subject=found,
                   title=title_label(title), first=first[key])
            continue
        first[key] = row
        regs.append(m.Registration(is_team, found, title, date, m.SourceRef(rt.name, row)))
    if "name" in rt.cols:
        check_name(rd, rt, rt.rows, rt.get("subject"), rt.get("name"), key="name")


def read_initiatives(rd: Reading) -> None:
    """Sáng kiến - Đề tài: each person's initiatives with their level and decision."""
    it = rd.table(s.INITIATIVES)
    if it is None:
        return
    out = rd.data.initiatives
    for row, sid, name, kind, level, no, date, year in zip(
            it.rows, it.get("staff_id"), it.get("name"), it.get("kind"), it.get("level"), it.get("decision_no"),
            it.get("decision_date"), it.get("school_year")):
        if not sid:
            continue
        found = known_person(rd, it, row, "staff_id", sid)
        if found is None or kind is None or level is None:
            continue
        out.append(m.Initiative(found, name or "", kind, level, no or "", date, year or "",
                                m.SourceRef(it.name, row)))
    check_name(rd, it, it.rows, it.get("staff_id"), it.get("name_ref"))


def read_achievements(rd: Reading) -> None:
    """Thành tích: achievements the council records (kind, scope, decision), for the Bằng khen alternatives
    and Giấy khen; a row without its decision number or date is read, with a warning."""
    at = rd.table(s.ACHIEVEMENTS)
    if at is None:
        return
    out = rd.data.achievements
    for row, sid, text, kind, level, no, date, issuer, year in zip(
            at.rows, at.get("staff_id"), at.get("description"), at.get("kind"), at.get("level"),
            at.get("decision_no"), at.get("decision_date"), at.get("issuer"), at.get("school_year")):
        if not sid:
            continue
        found = known_person(rd, at, row, "staff_id", sid)
        if found is None or kind is None or level is None:
            continue
        if not no or date is None:
            rd.add("warning", "ACHIEVEMENT_NO_DECISION", at.name, row,
                   at.column_label("decision_no" if not no else "decision_date"), text or "",
                   "reader.achievement_no_decision", "reader.achievement_no_decision_hint", value=text or "")
        out.append(m.Achievement(found, text or "", kind, level, no or "", date, issuer or "", year or "",
                                 m.SourceRef(at.name, row)))
    check_name(rd, at, at.rows, at.get("staff_id"), at.get("name_ref"))
    future_dates(rd, at, ("decision_date",))


def read_history(rd: Reading) -> None:
    """Lịch sử thi đua: past ratings and titles of a person (staff ID) or a team (team name)."""
    ht = rd.table(s.HISTORY)
    if ht is None:
        return
    out = rd.data.history
    sheet = ht.name
    label = ht.column_label("subject")
    by_id = rd.by_id
    bad = ht.bad
    for i, (row, subject, year, rating, title, no, date, issuer) in enumerate(zip(
            ht.rows, ht.get("subject"), ht.get("school_year"), ht.get("rating"), ht.get("title"),
            ht.get("decision_no"), ht.get("decision_date"), ht.get("issuer"))):
        if not subject:
            continue
        is_team = False
        if subject not in by_id:
            found = rd.subjects.person(subject)
            if found is None:
                found = rd.subjects.team(subject)
                if found is None:
                    if rd.unchecked("staff", "teams"):
                        continue  # the Cán bộ or Tổ sheet could not be read: its error is the one to fix
                    rd.add("error", "UNKNOWN_PERSON", sheet, row, label, subject, "reader.unknown_subject",
                           "reader.unknown_subject_hint", value=subject)
                    continue
                is_team = True
            subject = found
        if rating is None and title is None and (i, "rating") not in bad and (i, "title") not in bad:
            rd.add("warning", "HISTORY_EMPTY", sheet, row, ht.column_label("rating"), "",
                   "reader.history_empty", "reader.history_empty_hint")
        out.append(m.HistoryRecord(subject, year or "", rating, title, no or "", date, issuer or "", is_team,
                                   m.SourceRef(sheet, row)))
    check_name(rd, ht, ht.rows, ht.get("subject"), ht.get("name_ref"))


def read_discipline(rd: Reading) -> None:
    """Kỷ luật: disciplines added to the people they concern."""
    dtab = rd.table(s.DISCIPLINE)
    if dtab is None:
        return
    for row, sid, level, no, start, end in zip(dtab.rows, dtab.get("staff_id"), dtab.get("level"),
                                               dtab.get("decision_no"), dtab.get("decision_date"),
                                               dtab.get("end_date")):
        if not sid:
            continue
        found = known_person(rd, dtab, row, "staff_id", sid)
        if found is None or level is None:
            continue
        if start and end and end < start:
            rd.add("warning", "END_BEFORE_START", dtab.name, row, dtab.column_label("end_date"),
                   fmt_date(end), "reader.end_before_start", "reader.end_before_start_hint",
                   end=fmt_date(end), start=fmt_date(start))
        rd.by_id[found].disciplines.append(m.Discipline(level, start, end, no or "",
                                                        m.SourceRef(dtab.name, row)))
    check_name(rd, dtab, dtab.rows, dtab.get("staff_id"), dtab.get("name_ref"))
    future_dates(rd, dtab, ("decision_date",))


def read_council(rd: Reading) -> None:
    """Hội đồng TĐKT: the council members, their role, presence and written opinion."""
    ct = rd.table(s.COUNCIL)
    if ct is None:
        return
    for row, name, sid, role, present, reason, written, counting in zip(
            ct.rows, ct.get("name"), ct.get("staff_id"), ct.get("role"), ct.get("present"),
            ct.get("absence_reason"), ct.get("written_opinion"), ct.get("counting_role")):
        if not name:
            continue
        if sid:
            found = rd.subjects.person(sid)
            if found is None and not rd.unchecked("staff"):
                rd.add("warning", "UNKNOWN_PERSON", ct.name, row, ct.column_label("staff_id"), sid,
                       "reader.unknown_member", "reader.unknown_member_hint", id=sid)
            else:
                sid = found
        rd.data.council.append(m.CouncilMember(name, role or m.CouncilRole.UY_VIEN, sid or "",
                                               True if present is None else present, reason or "",
                                               bool(written), m.SourceRef(ct.name, row), counting or ""))


def read_overrides(rd: Reading) -> None:
    """Quy định riêng: rule-set parameters changed by the school or the province, with their citation."""
    ot = rd.table(s.OVERRIDES)
    if ot is None:
        return
    for row, key, value, level, citation, note in zip(ot.rows, ot.get("key"), ot.get("value"), ot.get("level"),
                                                      ot.get("citation"), ot.get("note")):
        if not key:
            continue
        rd.data.overrides.append(m.Override(key, value or "", level or "trường", citation or "", note or "",
                                            m.SourceRef(ot.name, row)))


def read_ballots(rd: Reading) -> None:
    """Danh sách bỏ phiếu (each title's round), Phiếu bầu and Phiếu bầu (nhập lần 2)."""
    rounds: dict[m.Title, m.BallotRound] = {}
    bt = rd.table(s.ROUNDS)
    if bt is not None:
        for row, title, cand, max_choices, issued in zip(bt.rows, bt.get("title"), bt.get("candidate"),
                                                         bt.get("max_choices"), bt.get("issued")):
            if title is None or not cand:
                continue
            key = candidate(rd, bt, row, bt.column_label("candidate"), cand)
            if key is None:
                continue
            rnd = rounds.get(title)
            if rnd is None:
                rnd = rounds[title] = m.BallotRound(title, source=m.SourceRef(bt.name, row))
            if key not in rnd.candidates:
                rnd.candidates.append(key)
                rnd.rows[key] = row
            if rnd.max_choices is None and max_choices is not None:
                rnd.max_choices = max_choices
            if rnd.issued is None and issued is not None:
                rnd.issued = issued
        check_name(rd, bt, bt.rows, bt.get("candidate"), bt.get("name_ref"))
    rd.data.ballots = _ballot_sheet(rd, s.BALLOTS) or []
    second = _ballot_sheet(rd, s.BALLOTS_SECOND)
    rd.data.ballots_second = second or None  # an empty second-entry sheet means: no second entry
    # Only the rounds the sheet declares: a title without list rows is left to the tally
    # (thidua_xl.core.tally.round_candidates decides every round's candidate list).
    rd.data.rounds = list(rounds.values())


def _ballot_sheet(rd: Reading, spec: s.SheetSpec) -> list[m.Ballot] | None:
    """One ballot sheet: candidate columns from the headers, marks converted once per distinct cell."""
    table = rd.table(spec)
    if table is None:
        return None
    cand_cols: dict[int, str] = {}
    first_col: dict[str, int] = {}
    for idx, cell in table.extra.items():
        header = to_id(cell)
        if s.header_key(header) in _BALLOT_IGNORED:
            continue
        key = candidate(rd, table, table.header_row, f"{col_letter(idx)} ({header})", header)
        if key is None:
            continue
        if key in first_col:
            rd.add("error", "DUPLICATE_CANDIDATE", table.name, table.header_row,
                   f"{col_letter(idx)} ({header})", header, "reader.duplicate_candidate",
                   "reader.duplicate_candidate_hint", value=header, first=col_letter(first_col[key]),
                   second=col_letter(idx))
            continue
        first_col[key] = idx
        cand_cols[idx] = key
    # Marks: converted once per distinct cell value, on the first look-up that misses (_Marks.__missing__).
    text_of: dict[Any, str] = {None: "", "": ""}
    mark_of = _Marks({None: m.Mark.BLANK, "": m.Mark.BLANK}, text_of)
    ballots: list[m.Ballot] = []
    rows = zip(table.rows, table.get("number"), table.get("title"), table.get("source_kind"),
               table.get("declared_invalid"), table.get("declared_reason"))
    # Column-wise: each candidate column's marks by one look-up per cell, then each row's marks from the columns;
    # the cells are looked at one by one only when some value is unreadable (a problem to report at its cell).
    cands = list(cand_cols.values())
    columns = {key: table.extra_cells[idx] for idx, key in cand_cols.items()}
    by_row = zip(*[list(map(mark_of.__getitem__, cells)) for cells in columns.values()]) if cands else repeat(())
    unreadable = m.Mark.UNREADABLE in mark_of.values()
    for i, ((row, number, title, kind, declared, reason), marks_row) in enumerate(zip(rows, by_row)):
        if title is None or not number:
            continue
        if unreadable:
            for idx, mark in zip(cand_cols, marks_row):
                if mark is not m.Mark.UNREADABLE:
                    continue
                label = f"{col_letter(idx)} ({to_id(table.extra[idx])})"
                cell = table.extra_cells[idx][i]
                if (exc := excel_error(cell)) is not None:
                    rd.add("error", "BAD_VALUE", table.name, row, label, text_of[cell], exc.key, exc.hint, **exc.kw)
                else:
                    rd.add("warning", "UNREADABLE_MARK", table.name, row, label, text_of[cell],
                           "reader.unreadable_mark", "reader.unreadable_mark_hint", value=text_of[cell])
        ballots.append(m.Ballot(number, title, dict(zip(cands, marks_row)), kind or m.BallotSource.MEETING,
                                bool(declared), reason or "", CellTexts(columns, text_of, i),
                                m.SourceRef(table.name, row)))
    return ballots


class _Marks(dict[Any, m.Mark]):
    """Cell value → mark, each distinct value converted on its first look-up (the look-ups of the values seen
    before stay in C); its text as entered goes to ``texts``."""

    def __init__(self, marks: dict[Any, m.Mark], texts: dict[Any, str]) -> None:
        super().__init__(marks)
        self.texts = texts

    def __missing__(self, value: Any) -> m.Mark:
        text = clean(to_id(value))
        code = s.MARK_ALIASES.get(text.casefold())
        mark = self[value] = m.Mark(code) if code is not None else m.Mark.UNREADABLE
        self.texts[value] = text
        return mark


class CellTexts(Mapping[str, str]):
    """``Ballot.raw`` of a ballot read from a sheet: candidate → the text of its cell as entered (blank cells
    left out), looked up in the sheet's columns when asked. Only an unreadable mark or a double-entry
    difference quotes its cell, and a dict of 100 texts for each of 10,000 ballots cost as much time as counting
    them. Read-only; a copy or a pickle is a plain dict."""

    __slots__ = ("_columns", "_row", "_texts")

    def __init__(self, columns: dict[str, list[Any]], texts: dict[Any, str], row: int) -> None:
        self._columns, self._texts, self._row = columns, texts, row  # shared by every ballot of the sheet

    def __getitem__(self, key: str) -> str:
        text = self._texts[self._columns[key][self._row]]
        if not text:
            raise KeyError(key)
        return text

    def __iter__(self) -> Iterator[str]:
        row, texts = self._row, self._texts
        return (key for key, cells in self._columns.items() if texts[cells[row]])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return repr(dict(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (dict(self),)


