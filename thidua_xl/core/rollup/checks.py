"""Checks across schools, each problem located (school file, sheet, row, column), in Vietnamese with a suggestion.

* the same person put forward by two schools (matched on the ID number when the staff sheet has one, else on the
  NFC-normalised, case-folded full name and the date of birth);
* a nominee whose school tally is not certified (no quorum, the two entries disagree, no ballot hash);
* a nominee put to the school's vote although the ward's re-check finds them not eligible;
* a registration dated after the plan's deadline;
* a school on the ward's list that sent nothing, a file of a school not on the list, a file that could not be
  checked, a school year other than the ward's.
"""

from __future__ import annotations

import re
from collections import defaultdict

from thidua_xl.core.model import Problem
from thidua_xl.core.rollup.model import Nominee, RollupProblem, SchoolEntry, SchoolResult, WardConfig
from thidua_xl.messages import t
from thidua_xl.text import fold
from thidua_xl.vocabulary import title_label

# Sheet names of the standard workbook the problems point at (the schema owns them; repeated here as text
# because the core does not import the workbook layer).
STAFF_SHEET = "Cán bộ"
BALLOT_SHEET = "Phiếu bầu"
INFO_SHEET = "Thông tin chung"
LIST_SHEET = "Danh sách trường"


def person_key(n: Nominee) -> tuple[str, ...] | None:
    """The key two schools' nominees are matched on: the ID number, else folded name + date of birth
    (None for a team, or a person without a date of birth and without an ID number)."""
    if n.is_team:
        return None
    if n.id_number:
        return ("id", fold(n.id_number))
    if n.birth_date is None:
        return None
    return ("name", fold(n.name), n.birth_date.isoformat())


def _p(severity: str, code: str, sheet: str, row: int | None, column: str, value: object, key: str, /,
       **kw: object) -> Problem:
    return Problem(severity, code, sheet, row, column, "" if value is None else str(value),
                   t(f"rollup.{key}", **kw), t(f"rollup.{key}_hint", **kw))


def duplicates(schools: list[SchoolResult]) -> list[RollupProblem]:
    """The same person put forward by two (or more) schools: one problem in each school's file."""
    groups: dict[tuple[str, ...], list[Nominee]] = defaultdict(list)
    for s in schools:
        for n in s.nominees:
            key = person_key(n)
            if key is not None:
                groups[key].append(n)
    out: list[RollupProblem] = []
    for key, ns in groups.items():
        if len({n.school_code or n.file for n in ns}) < 2:  # one school (two files of it: SCHOOL_SENT_TWICE)
            continue
        seen: set[tuple[str, str]] = set()
        for n in ns:
            if (n.file, n.subject) in seen:
                continue
            seen.add((n.file, n.subject))
            elsewhere: dict[tuple[str, str], list[str]] = defaultdict(list)
            for o in ns:
                label = title_label(o.title.value)
                if o.file != n.file and label not in elsewhere[(o.school_name, o.subject)]:
                    elsewhere[(o.school_name, o.subject)].append(label)
            others = [f"{school} ({subject}: {', '.join(titles)})" for (school, subject), titles in elsewhere.items()]
            how = t("rollup.match_id") if key[0] == "id" else t("rollup.match_name_dob")
            out.append(RollupProblem(n.file, n.school_code, _p(
                "error", "DUPLICATE_PERSON", n.staff_sheet or STAFF_SHEET, n.staff_row, "Họ và tên", n.name, "duplicate",
                name=n.name, subject=n.subject, title=title_label(n.title.value), others="; ".join(others),
                how=how), n.subject))
    return out


def _where(n: Nominee) -> tuple[str, int | None]:
    """The sheet and row of a nomination: its ballot list's row, else the person's row on "Cán bộ"."""
    return (n.sheet, n.row) if n.sheet else (n.staff_sheet or STAFF_SHEET, n.staff_row)


def _uncertified_reasons(s: SchoolResult) -> list[str]:
    out: list[str] = []
    if s.quorum_ok is False:
        out.append(t("rollup.why_quorum"))
    if s.discrepancies:
        out.append(t("rollup.why_double_entry", n=s.discrepancies))
    if s.has_ballots and not s.hash:
        out.append(t("rollup.why_no_hash"))
    if not out and s.certified is False:
        out.append(t("rollup.why_audit"))
    return out


def uncertified(schools: list[SchoolResult]) -> list[RollupProblem]:
    """A nominee whose school's tally is not certified: quorum, double-entry mismatch, hash missing."""
    out: list[RollupProblem] = []
    for s in schools:
        reasons = _uncertified_reasons(s)
        if not s.has_ballots or (s.certified and not reasons):
            continue
        for n in s.nominees:
            if not n.voted or n.threshold_passed is False:
                continue
            out.append(RollupProblem(s.file, s.code, _p(
                "error", "UNCERTIFIED_TALLY", *_where(n), "Mã CB hoặc tên tổ", n.subject, "uncertified",
                name=n.name, subject=n.subject, title=title_label(n.title.value), why="; ".join(reasons)), n.subject))
    return out


def not_eligible(schools: list[SchoolResult]) -> list[RollupProblem]:
    """A nominee put to the school's vote although the ward's re-check finds them not eligible (an error when
    the school's council passed them, a warning otherwise)."""
    out: list[RollupProblem] = []
    for s in schools:
        for n in s.nominees:
            if not n.voted or n.eligible is not False:
                continue
            severity = "error" if n.threshold_passed else "warning"
            out.append(RollupProblem(s.file, s.code, _p(
                severity, "NOT_ELIGIBLE_NOMINEE", *_where(n), "Mã CB hoặc tên tổ", n.subject, "not_eligible",
                name=n.name, subject=n.subject, title=title_label(n.title.value), reasons=n.reasons or "—",
                passed=t("rollup.passed" if n.threshold_passed else "rollup.not_passed")), n.subject))
    return out


def late(schools: list[SchoolResult], config: WardConfig) -> list[RollupProblem]:
    """A registration dated after the plan's deadline."""
    if config.deadline is None:
        return []
    out: list[RollupProblem] = []
    deadline = f"{config.deadline:%d/%m/%Y}"
    for s in schools:
        for r in s.registrations:
            if r.date is None or r.date <= config.deadline:
                continue
            out.append(RollupProblem(s.file, s.code, _p(
                "warning", "LATE_REGISTRATION", r.source.sheet if r.source else "Đăng ký thi đua",
                r.source.row if r.source else None, "Ngày đăng ký", f"{r.date:%d/%m/%Y}", "late",
                subject=r.subject, title=title_label(r.title.value), date=f"{r.date:%d/%m/%Y}", deadline=deadline),
                r.subject))
    return out


def coverage(schools: list[SchoolResult], config: WardConfig) -> list[RollupProblem]:
    """Schools on the ward's list that sent nothing; files of schools not on the list; files that could not be
    checked; a school year other than the ward's."""
    out: list[RollupProblem] = []
    sent = {s.code for s in schools if s.code}
    for e in config.schools:
        if e.code not in sent:
            out.append(RollupProblem(config.path, e.code, _p(
                "error", "MISSING_SCHOOL", e.sheet or LIST_SHEET, e.row, "Mã trường", e.code, "missing",
                code=e.code, name=e.name)))
    files: dict[str, list[str]] = defaultdict(list)
    for s in schools:
        if s.code:
            files[s.code].append(s.file)
    for s in schools:
        others = [f for f in files.get(s.code, ()) if f != s.file]
        if others:
            out.append(RollupProblem(s.file, s.code, _p(
                "error", "SCHOOL_SENT_TWICE", INFO_SHEET, None, "", s.file, "twice", code=s.code, name=s.name,
                others=", ".join(others))))
        if s.failed:
            out.append(RollupProblem(s.file, s.code, _p(
                "error", "SCHOOL_NOT_CHECKED", INFO_SHEET, None, "", s.file, "failed", file=s.file, why=s.failed)))
        if config.schools and not s.code:
            out.append(RollupProblem(s.file, "", _p(
                "warning", "UNKNOWN_SCHOOL", s.info_sheet or INFO_SHEET, s.info_rows.get("school_name"), "B (Tên trường)", s.name, "unknown", name=s.name,
                file=s.file)))
        if config.school_year and s.school_year and s.school_year != config.school_year:
            out.append(RollupProblem(s.file, s.code, _p(
                "warning", "OTHER_SCHOOL_YEAR", s.info_sheet or INFO_SHEET, s.info_rows.get("school_year"), "B (Năm học)", s.school_year, "other_year",
                year=s.school_year, ward_year=config.school_year)))
    return out


def cross_checks(schools: list[SchoolResult], config: WardConfig) -> list[RollupProblem]:
    """Every cross-school problem, in the order: coverage, duplicates, certification, eligibility, deadline."""
    return (coverage(schools, config) + duplicates(schools) + uncertified(schools) + not_eligible(schools)
            + late(schools, config))


_CODE_SPLIT = re.compile(r"[^0-9a-z]+")


def match_school(entries: list[SchoolEntry], file_stem: str, school_name: str) -> SchoolEntry | None:
    """The ward's list entry a school file belongs to: the mã trường as the first word of the file's name
    (``T01_THCS Ngoc Lam.xlsx``, ``t01-….xlsx``), else the same school name (folded)."""
    first = _CODE_SPLIT.split(fold(file_stem))[0] if file_stem else ""
    for e in entries:
        if first and fold(e.code) == first:
            return e
    folded = fold(school_name)
    if folded:
        for e in entries:
            if fold(e.name) == folded:
                return e
    return None
