"""The "Kiểm tra dữ liệu" sheet: the problems found while reading the workbook, one row each."""

from __future__ import annotations

from collections.abc import Sequence

from thidua_xl.core.model import Problem
from thidua_xl.messages import t
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook.schema import RESULT_SHEETS


def problems_table(problems: Sequence[Problem]) -> ResultTable:
    """One row per problem, errors red, warnings yellow; a note when there is none."""
    rows: list[list[object]] = []
    highlight: dict[int, str] = {}
    for i, p in enumerate(problems):
        rows.append(["Lỗi" if p.severity == "error" else "Cảnh báo", p.sheet, p.row, p.column, p.value, p.message,
                     p.suggestion, p.code])
        highlight[i] = "bad" if p.severity == "error" else "warn"
    errors = sum(p.severity == "error" for p in problems)
    return ResultTable(
        RESULT_SHEETS["validation"],
        ["Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý", "Mã"],
        rows,
        widths=[10, 18, 7, 24, 18, 50, 50, 20],
        title=t("writer.validation_title", errors=errors, warnings=len(problems) - errors),
        notes=[] if problems else [t("writer.validation_clean")],
        highlight=highlight,
    )
