"""``thidua init FILE``: write a blank standard workbook."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import console
from thidua_xl.core.model import SchoolData, SchoolInfo
from thidua_xl.core.scoring import defaults
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.workbook.cells import to_school_year
from thidua_xl.workbook.template import write_template


def _default_plan(school_year: str | None) -> SchoolData:
    """The blank workbook's school year, phases and calendar from the documented default (core/scoring/defaults)."""
    year = school_year or defaults.school_year_of(dt.date.today())
    try:
        first = defaults.first_year(to_school_year(year) or "")
    except ValueError:
        raise InputError(t("reader.bad_school_year", value=year)) from None
    return SchoolData(info=SchoolInfo(school_year=f"{first}-{first + 1}"), phases=defaults.default_phases(first),
                      calendar=defaults.default_calendar(first))

NAME = "init"
ORDER = 10
HELP = "Tạo sổ tính chuẩn trống (create a blank standard workbook)"
DESCRIPTION = (
    "Tạo sổ tính chuẩn có trang Hướng dẫn, tiêu đề cố định và danh sách chọn cho mọi ô mã hóa.\n"
    "Creates the standard workbook with a guide sheet, frozen headers and drop-downs for every coded field.\n"
    "Trang Đợt thi đua và Lịch thi đua được điền sẵn bốn đợt và lịch công việc mẫu của năm học (sửa được; xem "
    "docs/scoring.md). The phases and the calendar are filled with the documented default plan (editable)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="tệp .xlsx sẽ tạo (the .xlsx file to create)")
    p.add_argument("--ghi-de", "--force", dest="force", action="store_true",
                   help="ghi đè nếu tệp đã có (overwrite an existing file)")
    p.add_argument("--nam-hoc", dest="school_year", default=None, metavar="NĂM_HỌC",
                   help="năm học của đợt thi đua và lịch mẫu, ví dụ 2025-2026; mặc định năm học hiện tại (the school "
                        "year of the default phases and calendar; default: the current one)")
    p.add_argument("--khong-lich", dest="no_plan", action="store_true",
                   help="để trống trang Đợt thi đua và Lịch thi đua (leave the phases and calendar empty)")


def run(args: argparse.Namespace) -> int:
    if args.file.exists() and not args.force:
        console(stderr=True).print(f"Lỗi: {t('template.exists', path=args.file)}")
        return EXIT_INPUT
    if args.file.suffix.lower() != ".xlsx":
        console(stderr=True).print(f"Lỗi: {t('template.not_xlsx', path=args.file)}")
        return EXIT_INPUT
    path = write_template(args.file, None if args.no_plan else _default_plan(args.school_year))
    console().print(t("template.written", path=path))
    return EXIT_OK
