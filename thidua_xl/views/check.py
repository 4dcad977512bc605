"""Eligibility results as people and programs read them: the JSON of ``thidua check --json`` and the
result sheets "Kết quả xét" and "Danh hiệu tập thể"."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.messages import t
from thidua_xl.views.table import ResultTable
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook.schema import RESULT_SHEETS

T = m.Title

def to_json(result: m.CheckResult) -> dict[str, Any]:
    people = [{"ma": v.subject, "ho_ten": v.name, "danh_hieu": v.title.value, "du_dieu_kien": v.eligible,
               "ly_do": [r.as_dict() for r in v.reasons]} for v in result.people]
    teams = [{"to": v.subject, "danh_hieu": v.title.value, "du_dieu_kien": v.eligible,
              "ly_do": [r.as_dict() for r in v.reasons]} for v in result.teams]
    return {"nam_hoc": result.school_year, "che_do": result.regime, "ca_nhan": people, "tap_the": teams}


def short_reason(v: m.Verdict) -> str:
    return "Đủ" if v.eligible else "Không đủ: " + "; ".join(r.message for r in v.reasons)


def to_tables(result: m.CheckResult) -> list[ResultTable]:
    titles = list(m.INDIVIDUAL_TITLES)
    by_person: dict[str, dict[T, m.Verdict]] = defaultdict(dict)
    order: list[tuple[str, str, str]] = []
    for v in result.people:
        if v.subject not in by_person:
            order.append((v.subject, v.name, v.team))
        by_person[v.subject][v.title] = v
    rows: list[list[object]] = []
    for sid, name, team in order:
        row: list[object] = [sid, name, team]
        for title in titles:
            v = by_person[sid].get(title)
            row.append("" if v is None else short_reason(v))
        rows.append(row)
    people = ResultTable(
        RESULT_SHEETS["eligibility"], ["Mã CB", "Họ và tên", "Tổ"] + [title_label(tt) for tt in titles], rows,
        widths=[9, 24, 22] + [40] * len(titles),
        title=f"Kết quả xét điều kiện năm học {result.school_year} — chế độ {result.regime}",
        notes=[t("elig.table_note")],
    )
    trows: list[list[object]] = []
    hl: dict[int, str] = {}
    for i, v in enumerate(result.teams):
        trows.append([v.subject, title_label(v.title), "Đủ" if v.eligible else "Không đủ",
                      "; ".join(f"{r.message} ({r.citation})" for r in v.reasons)])
        hl[i] = "ok" if v.eligible else "bad"
    teams = ResultTable(RESULT_SHEETS["teams"], ["Tổ", "Danh hiệu", "Kết quả", "Lý do và căn cứ"], trows,
                          widths=[30, 28, 12, 100], title=f"Danh hiệu tập thể năm học {result.school_year}",
                          highlight=hl)
    return [people, teams]
