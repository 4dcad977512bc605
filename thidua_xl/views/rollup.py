"""The roll-up as people and programs read it: the sheets of the roll-up workbook and the JSON of
``thidua gop --json``."""

from __future__ import annotations

from typing import Any

from thidua_xl.core.model import Problem, TallyResult, Title
from thidua_xl.core.rollup.model import Nominee, Rollup, SchoolResult
from thidua_xl.messages import t
from thidua_xl.text import format_percent, name_key, percent_value
from thidua_xl.views import tally as tally_view
from thidua_xl.views.table import ResultTable
from thidua_xl.views.values import yes_no
from thidua_xl.vocabulary import title_label

SHEETS = {
    "schools": "Tổng hợp trường",
    "titles": "Theo danh hiệu",
    "cross": "Kiểm tra chéo",
    "problems": "Kiểm tra dữ liệu các trường",
    "scores": "Chấm điểm trường",
    "council": "Kiểm phiếu cấp trên",
}


def short(title: Title) -> str:
    return t(f"title_short.{title.value}")


def titles_in(rollup: Rollup) -> list[Title]:
    """The titles any school has an eligible or proposed subject for, in the model's order."""
    used = {k for s in rollup.schools for k in (*s.eligible, *s.proposed)}
    return [tt for tt in Title if tt in used]


def certification(s: SchoolResult) -> str:
    if s.failed:
        return t("rollup.view.not_checked")
    if s.certified is None:
        return t("rollup.view.no_ballots")
    return t("rollup.view.certified") if s.certified else t("rollup.view.not_certified")


def schools_table(rollup: Rollup) -> ResultTable:
    titles = titles_in(rollup)
    headers = ["STT", "Mã trường", "Tên trường", "Khối thi đua", "Tệp", "Năm học", "Chế độ", "Ngày xét",
               "Số cán bộ", "Số đăng ký"]
    headers += [f"Đủ ĐK {short(tt)}" for tt in titles] + [f"Đề nghị {short(tt)}" for tt in titles]
    headers += ["Kiểm phiếu", "Mã băm phiếu", "Lỗi", "Cảnh báo", "Ghi chú"]
    rows: list[list[object]] = []
    hl: dict[int, str] = {}
    for i, s in enumerate(rollup.schools):
        rows.append([i + 1, s.code, s.name, s.group, s.file, s.school_year, s.regime_choice or s.regime,
                     s.considered_on, s.staff, len(s.registrations)]
                    + [s.eligible.get(tt, 0) for tt in titles] + [s.proposed.get(tt, 0) for tt in titles]
                    + [certification(s), s.hash, s.errors, s.warnings, s.failed])
        hl[i] = "bad" if s.failed or s.certified is False else ("warn" if s.errors or s.warnings else "ok")
    total: list[object] = ["", "", t("rollup.view.total"), "", "", "", "", None,
                           sum(s.staff for s in rollup.schools), sum(len(s.registrations) for s in rollup.schools)]
    total += [rollup.total_eligible(tt) for tt in titles] + [rollup.total_proposed(tt) for tt in titles]
    total += ["", "", sum(s.errors for s in rollup.schools), sum(s.warnings for s in rollup.schools), ""]
    rows.append(total)
    return ResultTable(SHEETS["schools"], headers, rows,
                       widths=[5, 10, 34, 16, 26, 11, 34, 12, 9, 9] + [10] * (2 * len(titles)) + [18, 20, 7, 9, 40],
                       title=t("rollup.view.schools_title", unit=rollup.config.unit_name or "—",
                               n=len(rollup.schools)),
                       notes=[t("rollup.view.schools_note")], highlight=hl)


def nominees_by_title(rollup: Rollup) -> dict[Title, list[Nominee]]:
    """Every title's nominees (titles in the model's order), each title's in Vietnamese name order (tên, đệm,
    họ), then school: the schools walked once, each distinct name's sort key made once (a person is nominated
    for several titles)."""
    groups: dict[Title, list[Nominee]] = {}
    for s in rollup.schools:
        for n in s.nominees:
            groups.setdefault(n.title, []).append(n)
    keys: dict[str, tuple[object, ...]] = {}

    def key(n: Nominee) -> tuple[object, ...]:
        k = keys.get(n.name)
        if k is None:
            k = keys[n.name] = name_key(n.name)
        return (k, n.school_name, n.subject)

    return {tt: sorted(groups[tt], key=key) for tt in Title if tt in groups}


def _verdict(n: Nominee) -> str:
    if n.eligible is None:
        return "—"
    return "Đủ" if n.eligible else f"Không đủ: {n.reasons}"


def titles_table(rollup: Rollup) -> ResultTable:
    headers = ["Danh hiệu", "STT", "Họ và tên / Tập thể", "Mã", "Ngày sinh", "Trường", "Mã trường", "Kết quả xét",
               "Bỏ phiếu", "Đồng ý", "Cơ sở", "Tỷ lệ", "Đạt ngưỡng", "Kiểm phiếu chứng nhận", "Trường đề nghị"]
    rows: list[list[object]] = []
    hl: dict[int, str] = {}
    yn = {v: yes_no(v) for v in (None, True, False)}  # each text made once, not per cell (20 000 rows for 200 schools)
    shares: dict[object, str] = {None: ""}  # each distinct share's text made once
    for title, ordered in nominees_by_title(rollup).items():
        label = title_label(title.value)
        for k, n in enumerate(ordered):
            share = shares.get(n.share)
            if share is None:
                share = shares[n.share] = format_percent(n.share)
            rows.append([label, k + 1, n.name, n.subject, n.birth_date, n.school_name,
                         n.school_code, _verdict(n), yn[n.voted], n.approvals, n.base_count, share,
                         yn[n.threshold_passed], yn[n.certified], yn[n.proposed]])
            hl[len(rows) - 1] = "ok" if n.proposed and n.eligible else ("bad" if n.eligible is False else "warn")
    return ResultTable(SHEETS["titles"], headers, rows,
                       widths=[26, 6, 26, 12, 12, 32, 10, 50, 9, 8, 8, 9, 10, 12, 12],
                       title=t("rollup.view.titles_title"), highlight=hl)


def _problem_rows(items: list[tuple[str, str, Problem]]) -> tuple[list[list[object]], dict[int, str]]:
    rows: list[list[object]] = []
    hl: dict[int, str] = {}
    for i, (file, school, p) in enumerate(items):
        rows.append(["Lỗi" if p.severity == "error" else "Cảnh báo", school, file, p.sheet, p.row, p.column,
                     p.value, p.message, p.suggestion, p.code])
        hl[i] = "bad" if p.severity == "error" else "warn"
    return rows, hl


PROBLEM_HEADERS = ["Mức độ", "Mã trường", "Tệp", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý", "Mã"]
PROBLEM_WIDTHS = [10, 10, 26, 18, 7, 20, 20, 60, 50, 22]


def cross_table(rollup: Rollup) -> ResultTable:
    rows, hl = _problem_rows([(p.file, p.school, p.problem) for p in rollup.problems])
    errors = sum(p.problem.severity == "error" for p in rollup.problems)
    return ResultTable(SHEETS["cross"], list(PROBLEM_HEADERS), rows, widths=list(PROBLEM_WIDTHS),
                       title=t("rollup.view.cross_title", errors=errors, warnings=len(rollup.problems) - errors),
                       notes=[] if rows else [t("rollup.view.cross_clean")], highlight=hl)


def school_problems_table(rollup: Rollup) -> ResultTable:
    rows, hl = _problem_rows([(s.file, s.code, p) for s in rollup.schools for p in s.problems])
    return ResultTable(SHEETS["problems"], list(PROBLEM_HEADERS), rows, widths=list(PROBLEM_WIDTHS),
                       title=t("rollup.view.problems_title"),
                       notes=[] if rows else [t("rollup.view.problems_clean")], highlight=hl)


def _points(value: Any) -> float | int:
    return int(value) if value.denominator == 1 else round(float(value), 2)


def rule_text(rollup: Rollup) -> str:
    rule = rollup.scoring_rule
    if rule is None:
        return ""
    return t("rollup.score.rule", top=rule.flag_top, share=format_percent(rule.excellent_share),
             source=t("rollup.score.rule_workbook" if rule.source == "workbook" else "rollup.score.rule_default"))


def scores_table(rollup: Rollup) -> ResultTable:
    """Sheet "Chấm điểm trường": each school's score, its rank within its group and the proposal it implies."""
    headers = ["Khối thi đua", "Hạng", "Mã trường", "Tên trường", "Điểm", "Điểm tối đa", "Tỷ lệ", "Điểm tự chấm",
               "Đề nghị", "Tính theo điểm tự chấm (chưa thẩm định)", "Chưa có điểm"]
    rows: list[list[object]] = []
    hl: dict[int, str] = {}
    for i, r in enumerate(rollup.scores):
        rows.append([r.group, r.rank, r.code, r.name, _points(r.total), _points(r.maximum), format_percent(r.share),
                     _points(r.self_total), "; ".join(r.proposals), ", ".join(r.self_scored), ", ".join(r.missing)])
        hl[i] = "ok" if r.proposals else ("warn" if r.self_scored or r.missing else "")
    return ResultTable(SHEETS["scores"], headers, rows, widths=[18, 7, 10, 34, 9, 10, 10, 10, 34, 22, 18],
                       title=t("rollup.score.sheet_title", rule=rule_text(rollup)), notes=[t("rollup.score.note")],
                       highlight={k: v for k, v in hl.items() if v})


def to_tables(rollup: Rollup, made: dict[str, ResultTable] | None = None) -> list[ResultTable]:
    """The sheets of the roll-up workbook, the per-school summary first. ``made``: sheets made already, by their
    key in :data:`SHEETS` (the writer of ``thidua gop`` makes "schools" and "titles" before the checks across
    schools are done)."""
    made = made or {}
    tables = [made.get("schools") or schools_table(rollup), made.get("titles") or titles_table(rollup),
              cross_table(rollup), school_problems_table(rollup)]
    if rollup.scores:
        tables.insert(1, scores_table(rollup))
    return tables


def council_tables(result: TallyResult, unit: str = "") -> list[ResultTable]:
    """The higher council's tally as the school's "Kết quả kiểm phiếu" sheet shows it, named "Kiểm phiếu cấp
    trên" (and its double-entry sheet, when any, "Đối chiếu phiếu cấp trên")."""
    tables = tally_view.to_tables(result)
    tables[0].name = SHEETS["council"]
    tables[0].title = t("rollup.council.sheet_title", unit=unit or "—", year=result.school_year or "—",
                        regime=result.regime)
    for extra in tables[1:]:
        extra.name = f"{extra.name} cấp trên"
    return tables


def _problem_json(file: str, school: str, p: Problem) -> dict[str, Any]:
    return {"tep": file, "ma_truong": school, **p.as_dict()}


def _nominee_json(n: Nominee) -> dict[str, Any]:
    return {"ma": n.subject, "ho_ten": n.name, "ngay_sinh": n.birth_date.isoformat() if n.birth_date else None,
            "danh_hieu": n.title.value, "ma_truong": n.school_code, "truong": n.school_name, "tep": n.file,
            "du_dieu_kien": n.eligible, "ly_do": n.reasons, "bo_phieu": n.voted, "dong_y": n.approvals,
            "co_so": n.base_count, "ty_le": float(percent_value(n.share)) if n.share is not None else None,
            "dat_nguong": n.threshold_passed, "chung_nhan": n.certified, "de_nghi": n.proposed}


def to_json(rollup: Rollup) -> dict[str, Any]:
    """The machine form printed by ``thidua gop --json`` (keys stable, Vietnamese without diacritics)."""
    titles = titles_in(rollup)
    return {
        "don_vi": rollup.config.unit_name,
        "nam_hoc": rollup.config.school_year,
        "han_dang_ky": rollup.config.deadline.isoformat() if rollup.config.deadline else None,
        "so_truong": len(rollup.schools),
        "truong": [
            {"ma_truong": s.code, "ten": s.name, "khoi": s.group, "tep": s.file, "nam_hoc": s.school_year,
             "che_do": s.regime, "che_do_theo": s.regime_choice,
             "ngay_xet": s.considered_on.isoformat() if s.considered_on else None, "so_can_bo": s.staff,
             "so_dang_ky": len(s.registrations),
             "du_dieu_kien": {k.value: v for k, v in s.eligible.items()},
             "de_nghi": {k.value: v for k, v in s.proposed.items()},
             "co_phieu": s.has_ballots, "chung_nhan": s.certified, "du_tuc_so": s.quorum_ok,
             "chenh_lech": s.discrepancies, "ma_bam": s.hash, "loi": s.errors, "canh_bao": s.warnings,
             "khong_xet_duoc": s.failed or None}
            for s in rollup.schools
        ],
        "tong": {"du_dieu_kien": {tt.value: rollup.total_eligible(tt) for tt in titles},
                 "de_nghi": {tt.value: rollup.total_proposed(tt) for tt in titles}},
        "ung_vien": [_nominee_json(n) for ordered in nominees_by_title(rollup).values() for n in ordered],
        "cham_diem": [
            {"khoi": r.group, "hang": r.rank, "ma_truong": r.code, "ten": r.name, "diem": float(r.total),
             "diem_toi_da": float(r.maximum), "diem_tu_cham": float(r.self_total), "de_nghi": r.proposals,
             "theo_diem_tu_cham": r.self_scored, "chua_co_diem": r.missing}
            for r in rollup.scores
        ],
        "quy_tac_de_nghi": rule_text(rollup) or None,
        "kiem_tra_cheo": [{**_problem_json(p.file, p.school, p.problem), "doi_tuong": p.subject}
                          for p in rollup.problems],
    }
