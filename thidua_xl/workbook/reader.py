"""Read the standard workbook into core objects, collecting every problem (never only the first).

``read_workbook(path)`` reads with python-calamine and never writes the input. ``read_tables(tables)``
is the host-independent core: ``{sheet name: rows of cell values}`` (the Excel face passes values read
through xlwings). Tolerated: header not on row 1 (title rows, merged cells above), extra columns,
header aliases in any case, stray spaces, NFD text, numbers stored as text, dates typed as text
(dd/mm/yyyy, d/m/yyyy, yyyy-mm-dd), Excel serial dates, empty trailing rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from thidua_xl import model as m
from thidua_xl.messages import t
from thidua_xl.text import clean, normalize_name
from thidua_xl.workbook import schema as s

HEADER_SCAN_ROWS = 15
_EXCEL_EPOCH = dt.date(1899, 12, 30)


def col_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 26 → AA)."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


class _Collector:
    """Collects problems for one read."""

    def __init__(self) -> None:
        self.problems: list[m.Problem] = []

    def add(self, severity: str, code: str, sheet: str, row: int | None, column: str, found: object,
            key: str, hint: str, /, **kw: object) -> None:
        self.problems.append(m.Problem(severity, code, sheet, row, column, "" if found is None else str(found),
                                       t(key, **kw), t(hint, **kw)))


# ---------------------------------------------------------------- cell converters


class CellError(ValueError):
    """A cell value that cannot be converted: (message key, hint key, format kwargs)."""

    def __init__(self, key: str, hint: str, **kw: object) -> None:
        super().__init__(key)
        self.key, self.hint, self.kw = key, hint, kw


_date_cache: dict[str, dt.date] = {}


def to_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=value)
    text = clean(value)
    if not text:
        return None
    cached = _date_cache.get(text)
    if cached is not None:
        return cached
    sep = "/" if "/" in text else ("-" if "-" in text else ("." if "." in text else ""))
    parts = text.split(" ")[0].split(sep) if sep else []
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=text)
    a, b, c = (int(p) for p in parts)
    y, mth, d = (a, b, c) if len(parts[0]) == 4 else (c, b, a)
    if y < 100:
        y += 2000 if y < 70 else 1900
    try:
        result = dt.date(y, mth, d)
    except ValueError:
        raise CellError("reader.impossible_date", "reader.bad_date_hint", value=text) from None
    _date_cache[text] = result
    return result


def to_number(value: object) -> Fraction | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(str(value))
    text = clean(value).replace(" ", "").replace(",", ".")
    if not text:
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=value) from None


def to_int(value: object) -> int | None:
    n = to_number(value)
    if n is None:
        return None
    if n.denominator != 1:
        raise CellError("reader.bad_int", "reader.bad_number_hint", value=value)
    return int(n)


def to_id(value: object) -> str:
    """IDs: 12.0 → "12"; text cleaned."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return clean(value)


def _vocab_converter(vocab: str) -> Callable[[object], str | None]:
    lookup = s.VOCABULARIES[vocab].lookup()
    labels = ", ".join(s.VOCABULARIES[vocab].labels)

    def convert(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = s.header_key(value)
        if key == "":
            return None
        code = lookup.get(key)
        if code is None:
            raise CellError("reader.bad_choice", "reader.bad_choice_hint", value=clean(value), labels=labels)
        return code

    return convert


def _memo(fn: Callable[[object], Any]) -> Callable[[object], Any]:
    """Cache conversions by raw value: real workbooks repeat ratings, teams, dates and names a lot."""
    cache: dict[object, Any] = {}

    def wrapped(value: object) -> Any:
        try:
            return cache[(type(value), value)]
        except KeyError:
            result = cache[(type(value), value)] = fn(value)
            return result
        except TypeError:  # unhashable (never from calamine, but be safe)
            return fn(value)

    return wrapped


def _converter(col: s.Column) -> Callable[[object], Any]:
    return _memo(_raw_converter(col))


def _months_value(value: object) -> Fraction | None:
    n = to_number(value)
    if n is not None and not 0 <= n <= 12:
        raise CellError("reader.months_range", "reader.months_range_hint")
    return n


def _raw_converter(col: s.Column) -> Callable[[object], Any]:
    if col.key.endswith("_months"):
        return _months_value
    if col.kind == "date":
        return to_date
    if col.kind == "number":
        return to_number
    if col.kind == "int":
        return to_int
    if col.kind == "id":
        return to_id
    if col.kind == "name":
        return normalize_name
    if col.kind in ("code", "bool"):
        conv = _vocab_converter(col.vocab)
        if col.kind == "bool":
            return lambda v: (None if (c := conv(v)) is None else c == "1")
        return conv
    return clean


# ---------------------------------------------------------------- table reading


class Table:
    """One input sheet located and mapped: rows converted to dicts of column key → value."""

    def __init__(self, spec: s.SheetSpec, name: str, header_row: int, mapping: dict[int, s.Column],
                 extra: dict[int, str]) -> None:
        self.spec, self.name, self.header_row, self.mapping, self.extra = spec, name, header_row, mapping, extra

    def column_label(self, key: str) -> str:
        for idx, col in self.mapping.items():
            if col.key == key:
                return f"{col_letter(idx)} ({col.header})"
        col = self.spec.column(key)
        return col.header


def _find_header(rows: list[list[Any]], spec: s.SheetSpec) -> tuple[int, dict[int, s.Column], dict[int, str]]:
    lookup = s.column_lookup(spec)
    best: tuple[int, int, dict[int, s.Column], dict[int, str]] = (-1, -1, {}, {})
    required = {c.key for c in spec.columns if c.required}
    for r, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping: dict[int, s.Column] = {}
        extra: dict[int, str] = {}
        for ci, cell in enumerate(row):
            key = s.header_key(cell)
            if not key:
                continue
            col = lookup.get(key)
            if col is not None and col.key not in {c.key for c in mapping.values()}:
                mapping[ci] = col
            else:
                extra[ci] = clean(cell)
        score = len(mapping) + len(required & {c.key for c in mapping.values()})
        if score > best[1]:
            best = (r, score, mapping, extra)
    return best[0], best[2], best[3]


def _read_table(tables: Mapping[str, list[list[Any]]], names: dict[str, str], spec: s.SheetSpec,
                pc: _Collector) -> tuple[Table | None, list[tuple[int, dict[str, Any]]]]:
    name = names.get(spec.key)
    if name is None:
        if spec.required:
            pc.add("error", "MISSING_SHEET", spec.name, None, "", "", "reader.missing_sheet",
                   "reader.missing_sheet_hint", sheet=spec.name)
        return None, []
    rows = tables[name]
    hr, mapping, extra = _find_header(rows, spec)
    if not mapping:
        pc.add("error", "NO_HEADER", name, None, "", "", "reader.no_header", "reader.no_header_hint",
               sheet=name, headers=", ".join(c.header for c in spec.columns if c.required))
        return None, []
    table = Table(spec, name, hr + 1, mapping, extra)
    present = {c.key for c in mapping.values()}
    for col in spec.columns:
        if col.required and col.key not in present:
            pc.add("error", "MISSING_COLUMN", name, hr + 1, col.header, "", "reader.missing_column",
                   "reader.missing_column_hint", column=col.header, aliases=", ".join(col.aliases) or "—")
    body = rows[hr + 1:]
    keep = [i for i, row in enumerate(body) if any(row)]  # C-level check; whitespace rows handled below
    body = [body[i] for i in keep]
    width = max((len(r) for r in body), default=0)
    if any(len(r) != width for r in body):
        body = [list(r) + [None] * (width - len(r)) for r in body]
    columns = list(zip(*body)) if body else []
    keys: list[str] = []
    values: list[list[Any]] = []
    bad: dict[int, set[str]] = {}  # body index -> keys of cells that could not be converted
    for idx, col in mapping.items():
        raw_col = columns[idx] if idx < width else (None,) * len(body)
        conv = _raw_converter(col)
        cache: dict[Any, Any] = {None: None, "": None}
        errors: dict[Any, CellError] = {}
        for v in set(raw_col):
            if v in cache:
                continue
            try:
                cache[v] = conv(v)
            except CellError as exc:
                cache[v] = None
                errors[v] = exc
        vals = list(map(cache.__getitem__, raw_col))
        if errors:
            for i, raw in enumerate(raw_col):
                exc = errors.get(raw)
                if exc is not None:
                    pc.add("error", "BAD_VALUE", name, hr + 2 + keep[i], f"{col_letter(idx)} ({col.header})", raw,
                           exc.key, exc.hint, **exc.kw)
                    bad.setdefault(i, set()).add(col.key)
        keys.append(col.key)
        values.append(vals)
    records = [dict(zip(keys, vals)) for vals in zip(*values)] if values else [{} for _ in body]
    required_here = [col for col in spec.columns if col.required and col.key in present]
    # Rows with a missing required value, found column-wise (C-level count first: usually none).
    missing_rows: dict[int, list[s.Column]] = {}
    for col in required_here:
        vals = values[keys.index(col.key)]
        if vals.count(None) or vals.count(""):
            for i, v in enumerate(vals):
                if v is None or v == "":
                    missing_rows.setdefault(i, []).append(col)
    out: list[tuple[int, dict[str, Any]]] = []
    for i, rec in enumerate(records):
        excel_row = hr + 2 + keep[i]
        missing = missing_rows.get(i)
        if missing:
            if not any(v is not None and v != "" for v in rec.values()) and not (
                    spec.layout == "ballots" and any(clean(body[i][j]) for j in extra if j < width)):
                continue  # a row of blanks / spaces only
            for col in missing:
                if col.key not in bad.get(i, ()):
                    pc.add("error", "MISSING_VALUE", name, excel_row, table.column_label(col.key), "",
                           "reader.missing_value", "reader.missing_value_hint", column=col.header)
        if bad.get(i):
            rec["_bad"] = bad[i]
        if spec.layout == "ballots":
            rec["_extra"] = {j: (body[i][j] if j < width else None) for j in extra}
        out.append((excel_row, rec))
    return table, out


def _read_info(tables: Mapping[str, list[list[Any]]], names: dict[str, str], pc: _Collector) -> m.SchoolInfo:
    info = m.SchoolInfo()
    name = names.get("info")
    if name is None:
        pc.add("error", "MISSING_SHEET", s.INFO.name, None, "", "", "reader.missing_sheet",
               "reader.missing_sheet_hint", sheet=s.INFO.name)
        return info
    lookup = s.column_lookup(s.INFO)
    label_rows: dict[str, int] = {}
    for r, row in enumerate(tables[name]):
        if not row:
            continue
        label = s.header_key(row[0])
        col = lookup.get(label)
        if col is None:
            if label not in ("mục", "muc") and len(row) > 1 and row[1] not in (None, ""):
                info.extra[clean(row[0])] = clean(row[1])
            continue
        raw = row[1] if len(row) > 1 else None
        try:
            val = _converter(col)(raw)
        except CellError as exc:
            pc.add("error", "BAD_VALUE", name, r + 1, f"B ({col.header})", raw, exc.key, exc.hint, **exc.kw)
            continue
        label_rows[col.key] = r + 1
        if val in (None, ""):
            continue
        setattr(info, col.key, val)
    for col in s.INFO.columns:
        if col.required and getattr(info, col.key) in (None, ""):
            pc.add("error", "MISSING_VALUE", name, label_rows.get(col.key), f"B ({col.header})", "", "reader.missing_info",
                   "reader.missing_info_hint", item=col.header)
    if info.school_year:
        parts = info.school_year.replace(" ", "").split("-")
        ok = len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and int(parts[1]) == int(parts[0]) + 1
        if not ok:
            pc.add("error", "BAD_SCHOOL_YEAR", name, None, "B (Năm học)", info.school_year,
                   "reader.bad_school_year", "reader.bad_school_year_hint", value=info.school_year)
        else:
            info.school_year = "-".join(parts)
    if info.consideration_date is None:
        info.consideration_date = info.meeting_date
    return info


_ZERO = Fraction(0)


def _months(v: Fraction | None) -> Fraction:
    """Range already checked column-wise (``_months_value``)."""
    return _ZERO if v is None else v


def read_tables(tables: Mapping[str, list[list[Any]]], path: str = "") -> m.SchoolData:
    """Convert ``{sheet name: rows}`` into :class:`SchoolData`, collecting every problem."""
    pc = _Collector()
    sheets = s.sheet_lookup()
    names: dict[str, str] = {}
    for name in tables:
        spec = sheets.get(s.header_key(name))
        if spec is not None and spec.key not in names:
            names[spec.key] = name
    data = m.SchoolData(path=path)
    data.info = _read_info(tables, names, pc)

    # Teams
    tt, trows = _read_table(tables, names, s.TEAMS, pc)
    team_names: dict[str, str] = {}
    for row, rec in trows:
        if not rec.get("name"):
            continue
        team = m.Team(rec["name"], rec.get("leader_id") or "", _enum(m.Rating, rec.get("rating")), rec.get("note") or "",
                      m.SourceRef(tt.name, row) if tt else None)
        team_names[s.header_key(team.name)] = team.name
        data.teams.append(team)

    # Staff
    st, srows = _read_table(tables, names, s.STAFF, pc)
    ids: dict[str, int] = {}
    team_keys_cache: dict[str, str] = {}
    for row, rec in srows:
        sid = rec.get("id") or ""
        if not sid:
            continue
        if sid in ids:
            pc.add("error", "DUPLICATE_ID", st.name if st else "", row, st.column_label("id") if st else "Mã CB", sid,
                   "reader.duplicate_id",
                   "reader.duplicate_id_hint", id=sid, first=ids[sid])
            continue
        ids[sid] = row
        team = rec.get("team") or ""
        team_key = team_keys_cache.get(team)
        if team_key is None:
            team_key = team_keys_cache[team] = s.header_key(team)
        if team and tt is not None and team_key not in team_names:
            pc.add("error", "UNKNOWN_TEAM", st.name, row, st.column_label("team"), team, "reader.unknown_team",
                   "reader.unknown_team_hint", team=team, sheet=tt.name)
        elif team:
            team = team_names.get(team_key, team)
        sheet_name = st.name if st else s.STAFF.name
        absence = m.Absence(
            maternity_months=_months(rec.get("maternity_months")),
            sick_months=_months(rec.get("sick_months")),
            study_months=_months(rec.get("study_months")),
            unpaid_months=_months(rec.get("unpaid_months")),
            study_result_ok=rec.get("study_result_ok"),
        )
        person = m.Staff(
            id=sid, full_name=rec.get("full_name") or "", gender=_enum(m.Gender, rec.get("gender")),
            birth_date=rec.get("birth_date"), position=rec.get("position") or "", team=team,
            recruited_date=rec.get("recruited_date"), sector_entry_date=rec.get("sector_entry_date"),
            contract_type=_enum(m.ContractType, rec.get("contract_type")), absence=absence,
            rating=_enum(m.Rating, rec.get("rating")), pending_discipline=bool(rec.get("pending_discipline")),
            difficult_area_years=rec.get("difficult_area_years") or Fraction(0),
            in_difficult_area_now=bool(rec.get("in_difficult_area_now")),
            study_military_years=rec.get("study_military_years") or Fraction(0),
            outstanding_achievement=bool(rec.get("outstanding_achievement")), note=rec.get("note") or "",
            source=m.SourceRef(sheet_name, row),
        )
        level = rec.get("discipline_level")
        if level:
            person.disciplines.append(m.Discipline(m.DisciplineLevel(level), rec.get("discipline_date"),
                                                   rec.get("discipline_end"), source=m.SourceRef(sheet_name, row)))
        data.staff.append(person)
    by_id = {p.id: p for p in data.staff}

    def known_person(table: Table, row: int, key: str, sid: str) -> bool:
        if sid in by_id:
            return True
        pc.add("error", "UNKNOWN_PERSON", table.name, row, table.column_label(key), sid, "reader.unknown_person",
               "reader.unknown_person_hint", id=sid)
        return False

    def known_team(table: Table, row: int, key: str, name: str) -> str | None:
        found = team_names.get(s.header_key(name))
        if found is None:
            pc.add("error", "UNKNOWN_TEAM", table.name, row, table.column_label(key), name, "reader.unknown_team",
                   "reader.unknown_team_hint", team=name, sheet=s.TEAMS.name)
        return found

    # Registrations
    rt, rrows = _read_table(tables, names, s.REGISTRATIONS, pc)
    for row, rec in rrows:
        subject, title = rec.get("subject") or "", rec.get("title")
        if not subject or title is None or rt is None:
            continue
        is_team = rec.get("kind") == "TEAM" or (rec.get("kind") is None and subject not in by_id)
        if is_team:
            found = known_team(rt, row, "subject", subject)
            if found is None:
                continue
            subject = found
        elif not known_person(rt, row, "subject", subject):
            continue
        data.registrations.append(m.Registration(is_team, subject, _enum(m.Title, title), rec.get("date"),
                                                 m.SourceRef(rt.name, row)))

    # Initiatives
    it, irows = _read_table(tables, names, s.INITIATIVES, pc)
    for row, rec in irows:
        sid = rec.get("staff_id") or ""
        if it is None or not sid or not rec.get("kind") or not rec.get("level") or not known_person(it, row, "staff_id", sid):
            continue
        data.initiatives.append(m.Initiative(sid, rec.get("name") or "", _enum(m.InitiativeKind, rec["kind"]),
                                             _enum(m.Level, rec["level"]), rec.get("decision_no") or "",
                                             rec.get("decision_date"), _year(rec.get("school_year")),
                                             m.SourceRef(it.name, row)))

    # History
    ht, hrows = _read_table(tables, names, s.HISTORY, pc)
    for row, rec in hrows:
        subject = rec.get("subject") or ""
        if ht is None or not subject:
            continue
        is_team = subject not in by_id and s.header_key(subject) in team_names
        if is_team:
            subject = team_names[s.header_key(subject)]
        elif not known_person(ht, row, "subject", subject):
            continue
        data.history.append(m.HistoryRecord(subject, _year(rec.get("school_year")), _enum(m.Rating, rec.get("rating")),
                                            _enum(m.Title, rec.get("title")), rec.get("decision_no") or "",
                                            rec.get("decision_date"), rec.get("issuer") or "", is_team,
                                            m.SourceRef(ht.name, row)))

    # Discipline (earlier records)
    dtab, drows = _read_table(tables, names, s.DISCIPLINE, pc)
    for row, rec in drows:
        sid = rec.get("staff_id") or ""
        if dtab is None or not sid or not rec.get("level") or not known_person(dtab, row, "staff_id", sid):
            continue
        by_id[sid].disciplines.append(m.Discipline(m.DisciplineLevel(rec["level"]), rec.get("decision_date"),
                                                   rec.get("end_date"), rec.get("decision_no") or "",
                                                   m.SourceRef(dtab.name, row)))

    # Council
    ct, crows = _read_table(tables, names, s.COUNCIL, pc)
    for row, rec in crows:
        if ct is None or not rec.get("name"):
            continue
        present = rec.get("present")
        data.council.append(m.CouncilMember(rec["name"], _enum(m.CouncilRole, rec.get("role")) or m.CouncilRole.UY_VIEN,
                                            rec.get("staff_id") or "", True if present is None else present,
                                            rec.get("absence_reason") or "", bool(rec.get("written_opinion")),
                                            m.SourceRef(ct.name, row)))

    # Overrides
    ot, orows = _read_table(tables, names, s.OVERRIDES, pc)
    for row, rec in orows:
        if ot is None or not rec.get("key"):
            continue
        data.overrides.append(m.Override(rec["key"], "" if rec.get("value") is None else str(rec["value"]),
                                         rec.get("level") or "trường", rec.get("citation") or "", rec.get("note") or "",
                                         m.SourceRef(ot.name, row)))

    # Ballot rounds and ballots
    team_keys = {s.header_key(k): v for k, v in team_names.items()}
    name_to_id: dict[str, str] = {}
    for p in data.staff:
        name_to_id.setdefault(s.header_key(p.full_name), p.id)
    rounds: dict[m.Title, m.BallotRound] = {}
    bt, brows = _read_table(tables, names, s.ROUNDS, pc)
    for row, rec in brows:
        title, cand = rec.get("title"), rec.get("candidate") or ""
        if bt is None or title is None or not cand:
            continue
        key = _resolve_candidate(cand, by_id, name_to_id, team_keys)
        if key is None:
            pc.add("error", "UNKNOWN_CANDIDATE", bt.name, row, bt.column_label("candidate"), cand,
                   "reader.unknown_candidate", "reader.unknown_candidate_hint", value=cand)
            continue
        rnd = rounds.setdefault(m.Title(title), m.BallotRound(m.Title(title), source=m.SourceRef(bt.name, row)))
        if key not in rnd.candidates:
            rnd.candidates.append(key)
        if rnd.max_choices is None and rec.get("max_choices") is not None:
            rnd.max_choices = rec["max_choices"]
        if rnd.issued is None and rec.get("issued") is not None:
            rnd.issued = rec["issued"]
    data.ballots = _read_ballots(tables, names, s.BALLOTS, pc, by_id, name_to_id, team_keys) or []
    second = _read_ballots(tables, names, s.BALLOTS_SECOND, pc, by_id, name_to_id, team_keys)
    # A second-entry sheet that is present but empty means "not entered" (the template always has the sheet).
    data.ballots_second = second if second else None
    for ballot in data.ballots:
        if ballot.title not in rounds:
            rounds[ballot.title] = m.BallotRound(ballot.title)
        rnd = rounds[ballot.title]
        if rnd.source is None:
            for cand, mark in ballot.marks.items():
                if mark != m.Mark.BLANK and cand not in rnd.candidates:
                    rnd.candidates.append(cand)
    data.rounds = list(rounds.values())
    data.problems = pc.problems
    return data


def _resolve_candidate(header: str, by_id: dict[str, m.Staff], name_to_id: dict[str, str],
                       team_keys: dict[str, str]) -> str | None:
    if header in by_id:
        return header
    key = s.header_key(header)
    return name_to_id.get(key) or team_keys.get(key)


def _read_ballots(tables: Mapping[str, list[list[Any]]], names: dict[str, str], spec: s.SheetSpec, pc: _Collector,
                  by_id: dict[str, m.Staff], name_to_id: dict[str, str],
                  team_keys: dict[str, str]) -> list[m.Ballot] | None:
    table, rows = _read_table(tables, names, spec, pc)
    if table is None:
        return None
    cand_cols: dict[int, str] = {}
    for idx, header in table.extra.items():
        key = _resolve_candidate(header, by_id, name_to_id, team_keys)
        if key is None:
            pc.add("error", "UNKNOWN_CANDIDATE", table.name, table.header_row, f"{col_letter(idx)} ({header})", header,
                   "reader.unknown_candidate", "reader.unknown_candidate_hint", value=header)
            continue
        cand_cols[idx] = key
    ballots: list[m.Ballot] = []
    for row, rec in rows:
        title = rec.get("title")
        if title is None or not rec.get("number"):
            continue
        marks: dict[str, m.Mark] = {}
        raw: dict[str, str] = {}
        for idx, cand in cand_cols.items():
            cell = rec["_extra"].get(idx)
            if isinstance(cell, float) and cell.is_integer():
                cell = int(cell)
            text = clean(cell)
            code = s.MARK_ALIASES.get(text.casefold())
            if code is None:
                code = "UNREADABLE"
                pc.add("warning", "UNREADABLE_MARK", table.name, row, f"{col_letter(idx)} ({table.extra[idx]})", text,
                       "reader.unreadable_mark", "reader.unreadable_mark_hint", value=text)
            marks[cand] = m.Mark(code)
            if text:
                raw[cand] = text
        ballots.append(m.Ballot(str(rec["number"]), m.Title(title), marks,
                                _enum(m.BallotSource, rec.get("source_kind")) or m.BallotSource.MEETING,
                                bool(rec.get("declared_invalid")), rec.get("declared_reason") or "", raw,
                                m.SourceRef(table.name, row)))
    return ballots


def _enum(cls: Any, value: Any) -> Any:
    return None if value is None or value == "" else cls._value2member_map_[value]


@lru_cache(maxsize=4096)
def _year_text(value: str) -> str:
    return clean(value).replace(" ", "")


def _year(value: Any) -> str:
    return _year_text(value) if isinstance(value, str) else _year_text(clean(value))


def read_workbook(path: Path) -> m.SchoolData:
    """Read a .xlsx file (never written). Raises FileNotFoundError when it does not exist."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(2, "No such file", str(path))
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for non-workbooks
        from thidua_xl.api import InputError

        raise InputError(t("common.not_xlsx", path=path)) from exc
    sheets = s.sheet_lookup()
    names = [n for n in wb.sheet_names if s.header_key(n) in sheets]
    return read_tables(_LazySheets(wb, names), path=str(path))


class _LazySheets(Mapping[str, list[list[Any]]]):
    """Sheets loaded on access and not kept: peak memory is one sheet plus the objects built."""

    def __init__(self, wb: Any, names: list[str]) -> None:
        self._wb, self._names = wb, names

    def __getitem__(self, name: str) -> list[list[Any]]:
        if name not in self._names:
            raise KeyError(name)
        return self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)
