"""``thidua lich FILE [--ngay N] [--hom-nay NGÀY] [--ics OUT]``: the plan's calendar — overdue, due soon, .ics."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import console, parse_day, print_json, print_table, progress, whole_number
from thidua_xl.core.scoring.calendar import DUE_SOON_DAYS, CalendarStatus
from thidua_xl.messages import t
from thidua_xl.reports.ics import write_ics
from thidua_xl.views import scoring as view
from thidua_xl.workbook import writer
from thidua_xl.workbook.schema import RESULT_SHEETS

NAME = "lich"
ORDER = 47
HELP = "Lịch thi đua: việc quá hạn, việc sắp đến hạn, xuất tệp .ics (the plan's calendar: overdue, due soon, .ics)"
DESCRIPTION = (
    "Đọc trang Lịch thi đua và cho biết việc nào quá hạn, việc nào đến hạn trong N ngày tới (mặc định 7), hạn đăng "
    "ký thi đua và các đăng ký sau hạn; --ics xuất lịch thành tệp .ics để nhập vào điện thoại, Outlook, Google "
    "Calendar. Ghi trang 'Nhắc việc thi đua' vào sổ tính kết quả khi có -o.\n"
    "Reads the 'Lịch thi đua' sheet: overdue tasks, tasks due within N days (default 7), the registration deadline "
    "and late registrations; --ics exports the calendar as an .ics file for a phone or Outlook.\n\n"
    "Mã thoát (exit codes): 0 = không có việc quá hạn (nothing overdue); 1 = có việc quá hạn và dùng --strict "
    "(overdue tasks with --strict); 2 = dữ liệu sai hoặc không có lịch (bad input or no calendar)."
)


def add_calendar_arguments(p: argparse.ArgumentParser) -> None:
    """--ngay N and --hom-nay NGÀY (shared with ``thidua validate``)."""
    p.add_argument("--ngay", dest="days", type=whole_number, default=DUE_SOON_DAYS, metavar="N",
                   help=f"nhắc việc đến hạn trong N ngày tới, mặc định {DUE_SOON_DAYS} (tasks due within N days)")
    p.add_argument("--hom-nay", dest="today", type=parse_day, default=None, metavar="NGÀY",
                   help="coi ngày này là hôm nay, dd/mm/yyyy (take this date as today; default: the real date)")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính chuẩn .xlsx (the standard workbook)")
    add_calendar_arguments(p)
    p.add_argument("--ics", type=Path, default=None, metavar="OUT",
                   help="xuất lịch ra tệp .ics (export the calendar as an .ics file)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (print the result as JSON)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None, metavar="RESULTS",
                   help="ghi trang 'Nhắc việc thi đua' vào sổ tính kết quả (write the reminder sheet)")
    p.add_argument("--strict", action="store_true", help="việc quá hạn cho mã thoát 1 (overdue tasks: exit 1)")


def run(args: argparse.Namespace) -> int:
    if not args.file.exists():
        print(f"Lỗi: {t('common.file_not_found', path=args.file)}", file=sys.stderr)
        return EXIT_INPUT
    with progress(t("scoring.progress.read")):
        data = api.read(args.file)
    cal = api.calendar(data, args.today, args.days)
    if not cal.tasks:
        print(f"Lỗi: {t('calendar.cli.none')}", file=sys.stderr)
        return EXIT_INPUT
    if args.results is not None:
        writer.write_results([view.calendar_table(cal.tasks, cal.today, cal.days)], args.results,
                             input_path=args.file)
    ics = None
    if args.ics is not None:
        ics = write_ics(cal.tasks, args.ics, data.info.school_name, data.info.school_year)
    if args.json:
        print_json(view.calendar_json(cal))
    else:
        _print_text(cal)
    con = console(stderr=args.json)
    if ics is not None:
        con.print(t("calendar.cli.ics", n=ics[1], path=ics[0]))
    if args.results is not None:
        con.print(t("validate.written", sheet=RESULT_SHEETS["calendar"], path=args.results))
    return EXIT_WARN if args.strict and cal.overdue else EXIT_OK


def _print_text(cal: CalendarStatus) -> None:
    table = view.calendar_table(cal.tasks, cal.today, cal.days)
    styles = {"bad": "red", "warn": "yellow", "ok": "green"}
    print_table(t("calendar.cli.title", today=f"{cal.today:%d/%m/%Y}"), table.headers,
                [[x.strftime("%d/%m/%Y") if isinstance(x, dt.date) else x for x in row] for row in table.rows],
                [styles.get(table.highlight.get(i, ""), "") for i in range(len(table.rows))])
    con = console()
    for d in (*cal.overdue, *cal.soon):
        con.print(("[red]" if d.overdue else "[yellow]") + view.due_message(d).replace("[", "\\[")
                  + ("[/red]" if d.overdue else "[/yellow]"))
    con.print(t("calendar.cli.summary", total=len(cal.tasks), done=sum(1 for x in cal.tasks if x.done),
                overdue=len(cal.overdue), soon=len(cal.soon), days=cal.days))
    if cal.registration is not None and cal.registration.due is not None:
        con.print(t("calendar.cli.registration", due=f"{cal.registration.due:%d/%m/%Y}", task=cal.registration.task,
                    late=len(cal.late)))
    else:
        con.print(t("calendar.cli.no_registration"))
    if cal.dossier is not None and cal.dossier.due is not None:
        con.print(t("calendar.cli.dossier", due=f"{cal.dossier.due:%d/%m/%Y}", task=cal.dossier.task))
