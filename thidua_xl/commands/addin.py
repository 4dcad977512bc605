"""``thidua addin build|install``: the Excel add-in ThiDua.xlam (ribbon tab "Thi đua" + TDKT_ functions)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.excel import addin
from thidua_xl.excel.actions import ACTIONS
from thidua_xl.excel.udfspec import udf_specs
from thidua_xl.messages import t

NAME = "addin"
ORDER = 80
HELP = "Dựng hoặc cài add-in Excel ThiDua.xlam (build or install the Excel add-in)"
DESCRIPTION = (
    "build: dựng dist/ThiDua.xlam từ mẫu add-in của xlwings (thẻ \"Thi đua\" trên ribbon, các hàm TDKT_), chạy "
    "được trên mọi hệ điều hành. install: chép add-in vào thư mục khởi động của Excel (chỉ Windows/macOS).\n"
    "build: make dist/ThiDua.xlam from the xlwings add-in template (ribbon tab, TDKT_ functions), on any OS. "
    "install: copy it into Excel's start-up folder (Windows/macOS only).\n\n"
    "Mã thoát (exit codes): 0 = xong (done); 2 = không làm được ở máy này hoặc thiếu tệp (cannot be done here)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="addin_command", metavar="LỆNH", required=True)
    b = sub.add_parser("build", help="dựng tệp add-in (build the add-in file)",
                       description="Dựng ThiDua.xlam (build ThiDua.xlam).")
    b.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                   help="tệp ra, mặc định dist/ThiDua.xlam (output file)")
    i = sub.add_parser("install", help="cài add-in vào Excel (install into Excel, Windows/macOS)",
                       description="Cài add-in vào thư mục khởi động của Excel (install into XLSTART).")
    i.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH",
                   help="tệp add-in, mặc định dist/ThiDua.xlam (the add-in file)")


def run(args: argparse.Namespace) -> int:
    try:
        if args.addin_command == "build":
            out = addin.build_addin(args.output or addin.DEFAULT_OUT)
            print(t("addin.built", path=out, version=addin.xlwings_version(), buttons=len(ACTIONS),
                    functions=len(udf_specs())))
            return EXIT_OK
        target = addin.install_addin(args.path or addin.DEFAULT_OUT)
        print(t("addin.installed", path=target))
        return EXIT_OK
    except addin.AddinError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"Lỗi: {t('addin.write_error', path=getattr(exc, 'filename', '') or '', error=exc)}", file=sys.stderr)
        return EXIT_INPUT
