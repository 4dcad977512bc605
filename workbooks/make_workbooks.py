"""Regenerate the committed workbooks and docs/workbook.md: `python workbooks/make_workbooks.py`."""

from __future__ import annotations

from pathlib import Path

from thidua_xl.workbook.demo import write_demo
from thidua_xl.workbook.demo_scores import write_scores_demo
from thidua_xl.workbook.template import render_docs, write_template

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    write_template(ROOT / "workbooks" / "mau_thidua.xlsx")
    write_demo(ROOT / "workbooks" / "demo_thcs.xlsx")
    write_scores_demo(ROOT / "workbooks" / "demo_diem.xlsx")  # a year of monthly scores (issue 17)
    (ROOT / "docs" / "workbook.md").write_text(render_docs(), encoding="utf-8")
    print("Đã tạo workbooks/mau_thidua.xlsx, workbooks/demo_thcs.xlsx, workbooks/demo_diem.xlsx và docs/workbook.md")
