"""``thidua validate FILE``: the list of problems, each with sheet, row, column and a suggestion."""

from __future__ import annotations

import argparse
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import add_limit_argument, console, print_json, print_table, progress
from thidua_xl.commands.lich import add_calendar_arguments
from thidua_xl.messages import t
from thidua_xl.views.scoring import calendar_problems
from thidua_xl.workbook import writer
from thidua_xl.workbook.schema import RESULT_SHEETS

NAME = "validate"
ORDER = 20
HELP = "Kiểm tra dữ liệu sổ tính (validate the workbook)"
DESCRIPTION = (
    "Đọc sổ tính chuẩn và liệt kê mọi lỗi, cảnh báo với trang, dòng, cột và gợi ý sửa. Không sửa sổ tính.\n"
    "Reads the standard workbook and lists every problem with sheet, row, column and a suggestion. "
    "The workbook is never modified.\n\n"
    "Mã thoát (exit): 0 không có lỗi (no error; warnings allowed); 1 chỉ có cảnh báo và có --strict "
    "(warnings with --strict); 2 có lỗi, hoặc không đọc được tệp (errors, or unreadable file)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính .xlsx (the workbook)")
    p.add_argument("--json", action="store_true", help="in danh sách lỗi dạng JSON (print problems as JSON)")
    p.add_argument("--strict", action="store_true",
                   help="cảnh báo cũng cho mã thoát 1 (warnings make exit code 1)")
    p.add_argument("-o", "--ghi", dest="results", type=Path, default=None, nargs="?", const=True,
                   metavar="KET_QUA.xlsx",
                   help="ghi trang 'Kiểm tra dữ liệu' vào sổ tính kết quả (write the 'Kiểm tra dữ liệu' sheet "
                   "to the results workbook; default <name>_ketqua.xlsx)")
    add_limit_argument(p)
    add_calendar_arguments(p)  # the calendar's reminders (Lịch thi đua): warnings only


def run(args: argparse.Namespace) -> int:
    with progress(t("common.progress.read")):
        data = api.validate(args.file)
    if data.calendar:  # overdue and due-soon tasks of the plan's calendar, as warnings at their rows
        data.problems.extend(calendar_problems(api.calendar(data, args.today, args.days)))
    target = None
    if args.results:
        target = writer.default_results_path(args.file) if args.results is True else args.results
    if target is not None:  # results first, printing after: a closed pipe (`| head`) cannot lose them
        with progress(t("common.progress.write")):
            writer.write_results([writer.problems_table(data.problems)], target, input_path=args.file)
    if args.json:
        print_json([p.as_dict() for p in data.problems])
    else:
        if data.problems:
            print_table(
                t("validate.table_title", path=args.file),
                ["Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý"],
                [["Lỗi" if p.severity == "error" else "Cảnh báo", p.sheet, p.row or "", p.column, p.value, p.message,
                  p.suggestion] for p in data.problems],
                ["red" if p.severity == "error" else "yellow" for p in data.problems],
                limit=args.limit,
                where=t("common.rows_shown_where_file", sheet=RESULT_SHEETS["validation"], path=target)
                if target else "",
            )
        con = console()
        con.print(t("validate.summary", staff=len(data.staff), teams=len(data.teams),
                    registrations=len(data.registrations), ballots=len(data.ballots), errors=len(data.errors),
                    warnings=len(data.warnings)))
        con.print(t("validate.fix_errors") if data.errors else t("validate.clean"))
    if target is not None and not args.json:
        console().print(t("validate.written", sheet=RESULT_SHEETS["validation"], path=target))
    if data.errors:
        return EXIT_INPUT
    if data.warnings and args.strict:
        return EXIT_WARN
    return EXIT_OK
