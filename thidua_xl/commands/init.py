"""``thidua init FILE``: write a blank standard workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import console
from thidua_xl.messages import t
from thidua_xl.workbook.template import write_template

NAME = "init"
ORDER = 10
HELP = "Tạo sổ tính chuẩn trống (create a blank standard workbook)"
DESCRIPTION = (
    "Tạo sổ tính chuẩn có trang Hướng dẫn, tiêu đề cố định và danh sách chọn cho mọi ô mã hóa.\n"
    "Creates the standard workbook with a guide sheet, frozen headers and drop-downs for every coded field."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="tệp .xlsx sẽ tạo (the .xlsx file to create)")
    p.add_argument("--ghi-de", "--force", dest="force", action="store_true",
                   help="ghi đè nếu tệp đã có (overwrite an existing file)")


def run(args: argparse.Namespace) -> int:
    if args.file.exists() and not args.force:
        console(stderr=True).print(f"Lỗi: {t('template.exists', path=args.file)}")
        return EXIT_INPUT
    if args.file.suffix.lower() != ".xlsx":
        console(stderr=True).print(f"Lỗi: {t('template.not_xlsx', path=args.file)}")
        return EXIT_INPUT
    path = write_template(args.file)
    console().print(t("template.written", path=path))
    return EXIT_OK
