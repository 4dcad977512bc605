"""``thidua check FILE``: eligibility of every person and team for every title."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import add_limit_argument, console, phase, print_json, print_table, progress
from thidua_xl.core.model import INDIVIDUAL_TITLES, Title
from thidua_xl.messages import t
from thidua_xl.views import check as check_view
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import writer
from thidua_xl.workbook.schema import RESULT_SHEETS

NAME = "check"
ORDER = 30
HELP = "Xét điều kiện danh hiệu cho mọi người, mọi tổ (check eligibility for every title)"
DESCRIPTION = (
    "Xét từng người, từng tổ với mọi danh hiệu theo chế độ pháp lý của năm học; mỗi trường hợp không đủ nêu mọi "
    "lý do và căn cứ. Ghi trang 'Kết quả xét' vào sổ tính kết quả.\n"
    "Checks every person and team for every title under the regime of the school year; every 'no' lists all "
    "reasons with their legal basis. Writes the 'Kết quả xét' sheet to the results workbook."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính .xlsx (the workbook)")
    p.add_argument("--nam-hoc", dest="school_year", default=None,
                   help="năm học xét, ví dụ 2023-2024 (school year; default: from the workbook)")
    p.add_argument("--che-do", dest="regime", default=None, help="ép chế độ 2017/2024/2025 (force a regime)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (print JSON)")
    p.add_argument("--danh-hieu", dest="title", default=None,
                   help="chỉ hiện một danh hiệu, ví dụ CSTDCS (show one title only)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None,
                   help="sổ tính kết quả (results workbook; default <name>_ketqua.xlsx)")
    p.add_argument("--khong-ghi", dest="no_write", action="store_true",
                   help="không ghi sổ tính kết quả (do not write the results workbook)")
    add_limit_argument(p)


def run(args: argparse.Namespace) -> int:

    title = None
    if args.title:
        try:
            title = Title(args.title.upper())
        except ValueError:
            console(stderr=True).print("Lỗi: " + t("check.bad_title", title=args.title,
                                                    codes=", ".join(x.value for x in Title)))
            return EXIT_INPUT
    with progress(t("common.progress.read")):
        data = api.read(args.file)
    with phase(t("common.progress.check")):  # no progress-bar thread: a large check may use two processes
        result = api.check(data, school_year=args.school_year, regime=args.regime)
    target = None if args.no_write else (args.results or writer.default_results_path(args.file))
    sheet = RESULT_SHEETS["eligibility"]
    if args.json:
        print_json(check_view.to_json(result))
    else:
        titles = [title] if title else list(INDIVIDUAL_TITLES)
        grid: dict[str, dict[Title, object]] = {}
        names: dict[str, tuple[str, str]] = {}
        for v in result.people:
            grid.setdefault(v.subject, {})[v.title] = v
            names[v.subject] = (v.name, v.team)
        rows = []
        for sid, cells in grid.items():
            row = [sid, names[sid][0], names[sid][1]]
            for tt in titles:
                v = cells[tt]
                if title:
                    row.append("✓ Đủ" if v.eligible else "✗ " + "; ".join(r.message for r in v.reasons))
                else:
                    row.append("✓" if v.eligible else "✗ " + ", ".join(r.code for r in v.reasons))
            rows.append(row)
        where = t("common.rows_shown_where_file", sheet=sheet, path=target) if target else ""
        print_table(f"Xét điều kiện năm học {result.school_year} — chế độ {result.regime}",
                    ["Mã", "Họ và tên", "Tổ"] + [t.value for t in titles], rows, limit=args.limit, where=where)
        team_where = (t("common.rows_shown_where_file", sheet=RESULT_SHEETS["teams"], path=target) if target
                      else "")
        print_table("Danh hiệu tập thể", ["Tổ", "Danh hiệu", "Kết quả"],
                    [[v.subject, v.title.value, "✓ Đủ" if v.eligible else "✗ " + "; ".join(r.message for r in v.reasons)]
                     for v in result.teams], limit=args.limit, where=team_where)
        yes = Counter(v.title for v in result.verdicts if v.eligible)
        no = Counter(v.title for v in result.verdicts if not v.eligible)
        print_table(t("check.counts_title"), [t("check.col_title"), t("check.col_eligible"), t("check.col_not")],
                    [[f"{x.value} — {title_label(x)}", yes[x], no[x]] for x in Title if yes[x] or no[x]])
        if not title:
            console().print(t("check.reason_codes"))
    if target is not None:
        with progress(t("common.progress.write")):
            writer.write_results(check_view.to_tables(result), target, input_path=args.file)
        if not args.json:
            console().print(t("check.written", sheet=sheet, path=target))
    return EXIT_OK
