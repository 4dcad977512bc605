"""``thidua addin build|install|doctor|bundle``: the Excel add-in ThiDua.xlam (ribbon tab "Thi đua" + TDKT_
functions), and the offline installer for a school's IT."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.excel import addin, bundle, install
from thidua_xl.excel.actions import ACTIONS
from thidua_xl.excel.udfspec import udf_specs
from thidua_xl.messages import t

NAME = "addin"
ORDER = 80
HELP = "Dựng, cài, gỡ, kiểm tra add-in Excel ThiDua.xlam (build, install, uninstall, check the Excel add-in)"
DESCRIPTION = (
    "build: dựng dist/ThiDua.xlam từ mẫu add-in của xlwings (thẻ \"Thi đua\" trên ribbon, các hàm TDKT_), chạy "
    "được trên mọi hệ điều hành. install: dựng add-in từ gói đã cài, chép vào thư mục khởi động của Excel và ghi "
    "cấu hình (đường dẫn Python) cho người dùng này, không cần quyền quản trị (Windows/macOS); --uninstall gỡ ra. "
    "doctor: kiểm tra từng bước cài đặt và chỉ cách sửa. bundle: tạo bộ cài ngoại tuyến cho Windows (các gói, "
    "cai_dat.bat, hướng dẫn) trên một máy có mạng.\n"
    "build: make dist/ThiDua.xlam (any OS). install: build from the installed package, copy to Excel's start-up "
    "folder, write the user config (Python interpreter), no admin rights (Windows/macOS); --uninstall reverses it. "
    "doctor: check the installation and say how to fix it. bundle: the offline installer for Windows (wheels, "
    "cai_dat.bat, guide), made on a connected machine.\n\n"
    "Mã thoát (exit codes): 0 = xong / mọi thứ ổn (done, all good); 1 = doctor thấy mục cần sửa (something to "
    "fix); 2 = không làm được ở máy này hoặc thiếu tệp (cannot be done here)."
)
EXIT_FIX = 1


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="addin_command", metavar="LỆNH", required=True)
    b = sub.add_parser("build", help="dựng tệp add-in (build the add-in file)",
                       description="Dựng ThiDua.xlam (build ThiDua.xlam).")
    b.add_argument("-o", "--output", type=Path, default=None, metavar="PATH",
                   help="tệp ra, mặc định dist/ThiDua.xlam (output file)")
    i = sub.add_parser("install", help="cài add-in cho người dùng này (install for this user, Windows/macOS)",
                       description="Cài add-in cho người dùng này, không cần quyền quản trị (install for this "
                                   "user, no admin rights).")
    i.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH",
                   help="tệp add-in có sẵn; bỏ trống thì dựng từ gói đã cài (an existing add-in file; default: "
                        "build from the installed package)")
    i.add_argument("--uninstall", "--go", action="store_true",
                   help="gỡ add-in và cấu hình đã cài (remove what install wrote)")
    i.add_argument("--no-udf-server", dest="udf_server", action="store_false", default=None,
                   help="mỗi lần bấm nút chạy một Python mới thay vì giữ sẵn một Python (no UDF server)")
    _fake_home(i)
    d = sub.add_parser("doctor", help="kiểm tra cài đặt (check the installation)",
                       description="Kiểm tra từng bước cài đặt add-in và chỉ cách sửa (check the installation).")
    _fake_home(d)
    u = sub.add_parser("bundle", help="tạo bộ cài ngoại tuyến cho Windows (make the offline installer)",
                       description="Tải mọi gói cần cho Windows (pip download), ghi cai_dat.bat, HUONG_DAN.docx/.pdf "
                                   "và DANH_SACH.txt vào thư mục; cần mạng (download every wheel for Windows, write "
                                   "the install script, the guide and the manifest; needs network).")
    u.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="thư mục bộ cài, mới hoặc bộ cài cũ (the bundle's folder)")
    u.add_argument("--python", nargs="+", default=None, metavar="X.Y",
                   help="các phiên bản Python, mặc định mọi phiên bản gói hỗ trợ (Python versions; default: all "
                        "those the package supports)")
    u.add_argument("--platform", nargs="+", default=None, metavar="TAG",
                   help="nền tảng, mặc định win_amd64 (platform tags, default win_amd64)")
    u.add_argument("--wheel", type=Path, default=None, metavar="FILE.whl",
                   help="tệp wheel thidua_xl có sẵn thay vì dựng từ gói đang chạy (the project's wheel to ship)")
    u.add_argument("--no-pdf", dest="pdf", action="store_false",
                   help="không làm HUONG_DAN.pdf (no PDF of the guide)")


def _fake_home(p: argparse.ArgumentParser) -> None:
    # for tests and for preparing another user's layout: not in the help
    p.add_argument("--he-dieu-hanh", dest="system", choices=[install.WINDOWS, install.MACOS], default=None,
                   help=argparse.SUPPRESS)
    p.add_argument("--home", type=Path, default=None, help=argparse.SUPPRESS)


def _layout(args: argparse.Namespace) -> install.Layout:
    return install.layout(args.system, args.home)


def run(args: argparse.Namespace) -> int:
    try:
        if args.addin_command == "build":
            out = addin.build_addin(args.output or addin.DEFAULT_OUT)
            print(t("addin.built", path=out, version=addin.xlwings_version(), buttons=len(ACTIONS),
                    functions=len(udf_specs())))
            return EXIT_OK
        if args.addin_command == "doctor":
            lay = _layout(args)
            checks = install.doctor(lay)
            print(t("doctor.title", system=lay.system))
            print(install.report_text(checks))
            return EXIT_OK if install.healthy(checks) else EXIT_FIX
        if args.addin_command == "bundle":
            return _bundle(args)
        lay = _layout(args)
        if args.uninstall:
            removed = install.uninstall(lay)
            if not removed:
                print(t("addin.nothing_to_uninstall", path=lay.addin_path))
            else:
                print(t("addin.uninstalled", n=len(removed), files="".join(f"\n  {p}" for p in removed)))
            return EXIT_OK
        report = install.install(lay, args.path, udf_server=args.udf_server)
        extra = t("addin.installed_applescript", path=report.applescript) if report.applescript else ""
        print(t("addin.installed_full", addin=report.addin, config=report.config, python=report.interpreter,
                server=t("addin.yes") if report.udf_server else t("addin.no"), extra=extra))
        return EXIT_OK
    except (addin.AddinError, install.InstallError, bundle.BundleError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:
        print(f"Lỗi: {t('addin.write_error', path=getattr(exc, 'filename', '') or '', error=exc)}", file=sys.stderr)
        return EXIT_INPUT


def _bundle(args: argparse.Namespace) -> int:
    """A line per step on stderr, the files pip saves as they come, the summary on stdout."""

    def step(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    seen: set[str] = set()

    def pip_line(line: str) -> None:  # each wheel once, as pip fetches it (or finds it cached)
        text = line.strip()
        for start in ("Downloading ", "Using cached ", "Processing ", "File was already downloaded "):
            name = Path(text[len(start):].split(" ")[0]).name if text.startswith(start) else ""
            if name.endswith(".whl") and name not in seen:
                seen.add(name)
                print(f"    {name}", file=sys.stderr, flush=True)

    report = bundle.make_bundle(args.output, pythons=args.python, platforms=args.platform or bundle.DEFAULT_PLATFORMS,
                                wheel=args.wheel, step=step, on_line=pip_line, pdf=args.pdf)
    print(bundle.summary(report))
    return EXIT_OK
