"""Files of the roll-up: which school workbooks to read, the ward's own workbook (its settings, its list of
schools, its criteria and scores for the schools) and the higher council's workbook.

The schools' workbooks are read by the one reader (``api.read``); this module only lists them. The ward's
workbook is read with the same table finder as the standard workbook (headers anywhere in the first rows,
aliases, every problem located). Nothing here writes a file: the roll-up workbook is written by
:func:`thidua_xl.workbook.writer.write_results`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua_xl.core.model import Problem
from thidua_xl.core.rollup.model import Nominee, SchoolEntry, WardConfig
from thidua_xl.core.rollup.scoring import Criterion, Score, ScoringRule
from thidua_xl.core.rules import parse_fraction
from thidua_xl.errors import InputError, RuleSetError
from thidua_xl.messages import t
from thidua_xl.text import clean, vi_key
from thidua_xl.workbook import reader
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.cells import CellError, converter
from thidua_xl.workbook.tables import Collector, as_rows, is_blank, read_table
from thidua_xl.workbook.writer import default_results_path

# ---------------------------------------------------------------- the ward's workbook

WARD_INFO = s.SheetSpec(
    "ward_info", "Thông tin chung",
    (
        s.Column("unit_name", "Tên đơn vị", "text", required=True, aliases=("Cơ quan", "Đơn vị", "UBND"),
                 example="UBND PHƯỜNG LONG BIÊN"),
        s.Column("level", "Cấp", "text", aliases=("Cấp tổng hợp",), example="Phường"),
        s.Column("school_year", "Năm học", "text", aliases=("Năm học xét",), example="2024-2025"),
        s.Column("deadline", "Hạn đăng ký thi đua", "date", aliases=("Hạn đăng ký", "Hạn nộp đăng ký"),
                 example="30/09/2024"),
        s.Column("place_name", "Địa danh", "text", example="Long Biên"),
        s.Column("province", "Tỉnh/Thành phố", "text", aliases=("Tỉnh", "Thành phố"), example="Hà Nội"),
        s.Column("chairman", "Chủ tịch", "name", aliases=("Người ký", "Chủ tịch UBND", "Giám đốc"),
                 example="Nguyễn Văn Hùng"),
        s.Column("doc_code", "Chữ viết tắt đơn vị", "text", aliases=("Ký hiệu đơn vị", "Viết tắt"), example="UBND"),
        s.Column("decision_date", "Ngày quyết định", "date", aliases=("Ngày ký",), example="15/07/2025"),
        s.Column("flag_top", "Số trường dẫn đầu mỗi khối đề nghị Cờ thi đua", "int",
                 aliases=("Số trường đề nghị Cờ thi đua",), bounds=(0, 1000), example="1"),
        s.Column("excellent_share", "Tỷ lệ điểm tối thiểu đề nghị Tập thể lao động xuất sắc", "text",
                 aliases=("Điểm tối thiểu TTLĐXS",), example="90%"),
    ),
    layout="keyvalue",
)
SCHOOL_LIST = s.SheetSpec(
    "ward_schools", "Danh sách trường",
    (
        s.Column("code", "Mã trường", "id", required=True, aliases=("Mã", "Mã đơn vị"), width=10, example="T01"),
        s.Column("name", "Tên trường", "text", required=True, aliases=("Trường", "Tên đơn vị"), width=36,
                 example="Trường THCS Ngọc Lâm"),
        s.Column("group", "Khối thi đua", "text", aliases=("Khối", "Cụm thi đua"), width=18, example="Khối THCS"),
    ),
)
CRITERIA = s.SheetSpec(
    "ward_criteria", "Tiêu chí chấm điểm",
    (
        s.Column("code", "Mã", "id", required=True, aliases=("Mã tiêu chí",), width=8, example="TC1"),
        s.Column("label", "Tiêu chí", "text", required=True, aliases=("Nội dung", "Tên tiêu chí"), width=50),
        s.Column("group", "Nhóm", "text", aliases=("Nhóm tiêu chí",), width=20),
        s.Column("max_points", "Điểm tối đa", "number", required=True, aliases=("Điểm chuẩn",), width=10,
                 bounds=(0, 10_000)),
        s.Column("weight", "Trọng số", "number", aliases=("Hệ số",), width=9, bounds=(0, 100)),
    ),
    required=False,
)
SCORES = s.SheetSpec(
    "ward_scores", "Điểm các trường",
    (
        s.Column("school", "Mã trường", "id", required=True, width=10),
        s.Column("criterion", "Mã tiêu chí", "id", required=True, aliases=("Tiêu chí",), width=10),
        s.Column("self_score", "Điểm tự chấm", "number", aliases=("Tự chấm",), width=10, bounds=(-10_000, 10_000)),
        s.Column("review_score", "Điểm thẩm định", "number", aliases=("Thẩm định", "Điểm phường chấm"), width=10,
                 bounds=(-10_000, 10_000)),
        s.Column("note", "Ghi chú", "text", width=30),
    ),
    required=False,
)
WARD_SHEETS = (WARD_INFO, SCHOOL_LIST, CRITERIA, SCORES)


def _load_sheets(path: Path) -> dict[str, list[list[Any]]]:
    """Every sheet of a workbook as rows of values (read-only), loaded as the standard reader loads a school's:
    a cell showing an Excel error (#N/A, #DIV/0!) holds its code (a located bad value, not a blank); a workbook
    with a password, or a damaged sheet, is an InputError that says so."""
    if not path.is_file():
        raise InputError(t("common.file_not_found", path=path))
    return reader.all_sheets(path)


def _names(tables: Mapping[str, Any], specs: Iterable[s.SheetSpec]) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        keys = {s.header_key(n) for n in (spec.name, *spec.aliases)}
        hit = next((n for n in tables if s.header_key(n) in keys), None)
        if hit is not None:
            out[spec.key] = hit
    return out


def read_ward(path: str | os.PathLike[str]) -> tuple[WardConfig, dict[str, list[list[Any]]]]:
    """The ward's workbook: its settings and list of schools (problems in ``config.problems``), and the raw
    sheets (the scoring reads its two sheets from them: :func:`read_scoring`)."""
    p = Path(path)
    tables = _load_sheets(p)
    config = WardConfig(path=p.name)
    pc = Collector()
    names = _names(tables, WARD_SHEETS)
    info = names.get(WARD_INFO.key)
    if info is not None:
        config.sheet_info = info
        lookup = s.column_lookup(WARD_INFO)
        for r, row in enumerate(as_rows(tables[info])):
            if not row:
                continue
            col = lookup.get(s.header_key(row[0]))
            raw = row[1] if len(row) > 1 else None
            if col is None:
                if clean(row[0]) and not is_blank(raw):
                    config.extra[clean(row[0])] = clean(raw)
                continue
            try:
                val = converter(col)(raw)
            except CellError as exc:
                pc.add("error", "BAD_VALUE", info, r + 1, f"B ({col.header})", raw, exc.key, exc.hint, **exc.kw)
                continue
            if val is None or val == "":
                continue
            config.info_rows[col.key] = r + 1
            if col.key == "level":
                config.level = "department" if "sở" in clean(val).casefold() else "ward"
            else:
                setattr(config, col.key, val)
    table = read_table(tables, names, SCHOOL_LIST, pc)
    if table is not None:
        seen: dict[str, int] = {}
        for row, code, name, group in zip(table.rows, table.get("code"), table.get("name"), table.get("group")):
            if not code:
                continue
            if code in seen:
                pc.add("error", "DUPLICATE_ID", table.name, row, table.column_label("code"), code,
                       "rollup.duplicate_code", "rollup.duplicate_code_hint", code=code, first=seen[code])
                continue
            seen[code] = row
            config.schools.append(SchoolEntry(code, name or code, group or "", row, table.name))
    config.problems = pc.problems
    return config, tables


def read_scoring(tables: Mapping[str, list[list[Any]]], config: WardConfig, default: Callable[[], ScoringRule]
                 ) -> tuple[list[Criterion], list[Score], ScoringRule | None, list[Problem]]:
    """The criteria, the scores and the proposal rule the ward's workbook sets (None when it sets none; what it
    leaves out comes from ``default()``, the rule set's), and the problems met reading them (each located:
    sheet, row, column)."""
    pc = Collector()
    names = _names(tables, WARD_SHEETS)
    criteria: list[Criterion] = []
    scores: list[Score] = []
    table = read_table(tables, names, CRITERIA, pc)
    if table is not None:
        for row, code, label, group, top, weight in zip(
                table.rows, table.get("code"), table.get("label"), table.get("group"), table.get("max_points"),
                table.get("weight")):
            if code and top is not None:
                criteria.append(Criterion(code, label or code, group or "", Fraction(top),
                                          Fraction(1) if weight is None else Fraction(weight), table.name, row))
    table = read_table(tables, names, SCORES, pc)
    if table is not None:
        labels = tuple(table.column_label(k) for k in ("school", "criterion", "self_score", "review_score"))
        for row, school, crit, own, review, note in zip(
                table.rows, table.get("school"), table.get("criterion"), table.get("self_score"),
                table.get("review_score"), table.get("note")):
            if school and crit:
                scores.append(Score(school, crit, None if own is None else Fraction(own),
                                    None if review is None else Fraction(review), note or "", table.name, row,
                                    labels))  # type: ignore[arg-type]
    rule = None
    flag, share = config.flag_top, config.excellent_share
    if flag is not None or share is not None:
        base = default()
        try:
            rule = ScoringRule(base.flag_top if flag is None else flag,
                               base.excellent_share if share is None else parse_fraction(share), source="workbook")
        except (ValueError, RuleSetError):
            pc.add("error", "BAD_VALUE", config.sheet_info or WARD_INFO.name, config.info_rows.get("excellent_share"),
                   "B (" + WARD_INFO.column("excellent_share").header + ")", share, "rollup.score.bad_share",
                   "rollup.score.bad_share_hint", value=share)
    return criteria, scores, rule, pc.problems


# ---------------------------------------------------------------- the schools' workbooks


def is_result_file(path: Path) -> bool:
    """A file this project writes (``<name>_ketqua.xlsx``, the mapping sidecar ``<name>_anhxa.xlsx``) or an
    Excel lock file (``~$…``): never a school's workbook."""
    if path.name.startswith("~$"):
        return True
    stem = path.stem
    results_suffix = default_results_path("x.xlsx").stem[1:]  # "_ketqua"
    return stem.endswith(results_suffix) or stem.endswith("_anhxa")


def list_inputs(inputs: Iterable[str | os.PathLike[str]], exclude: Iterable[str | os.PathLike[str]] = ()
                ) -> list[Path]:
    """The school workbooks named: files as given, folders by their ``*.xlsx`` (not recursive), without lock
    files, result files and the files in ``exclude`` (the ward's own workbooks, the output)."""
    skip = {Path(p).resolve() for p in exclude}
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(q for q in p.glob("*.xlsx") if q.is_file() and not is_result_file(q))
        elif p.is_file():
            found = [p]
        else:
            raise InputError(t("common.file_not_found", path=p))
        out += [q for q in found if q.resolve() not in skip and q not in out]
    return out


# ---------------------------------------------------------------- the higher council's workbook


def council_tables(path: str | os.PathLike[str], nominees: list[Nominee]) -> dict[str, list[list[Any]]]:
    """The higher council's workbook as sheets for the standard reader. It needs only "Thông tin chung",
    "Hội đồng TĐKT", "Danh sách bỏ phiếu" and "Phiếu bầu"; the candidates are the roll-up's nominees, so the
    sheets "Tổ" (one per school), "Cán bộ" (one per nominee, Mã CB = ``<mã trường>.<mã CB>``) and "Đăng ký thi
    đua" are made from them when the workbook has none."""
    tables = _load_sheets(Path(path))
    present = _names(tables, (s.TEAMS, s.STAFF, s.REGISTRATIONS))
    people = {}
    for n in nominees:
        if not n.is_team:
            people.setdefault(n.council_key, n)
    schools = sorted({n.school_name for n in people.values()}, key=vi_key) or ["—"]
    if s.TEAMS.key not in present:
        tables[s.TEAMS.name] = [[s.TEAMS.column("name").header]] + [[name] for name in schools]
    if s.STAFF.key not in present:
        header = [s.STAFF.column(k).header for k in ("id", "full_name", "birth_date", "team", "rating")]
        tables[s.STAFF.name] = [header] + [[key, n.name, n.birth_date, n.school_name, "HTXSNV"]
                                           for key, n in people.items()]
    if s.REGISTRATIONS.key not in present:
        tables[s.REGISTRATIONS.name] = [[c.header for c in s.REGISTRATIONS.columns]]
    return tables

