"""A result sheet, independent of the host: the workbook writer, the Excel book and the notebook show it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ResultTable:
    """A result sheet, independent of the host (openpyxl file, xlwings book, DataFrame)."""

    name: str  # sheet name, e.g. "Kết quả xét"
    headers: list[str]
    rows: list[list[object]]
    widths: list[int] = field(default_factory=list)
    title: str = ""  # optional line above the header
    notes: list[str] = field(default_factory=list)  # lines written below the table
    highlight: dict[int, str] = field(default_factory=dict)  # row index -> "ok" | "bad" | "warn"
