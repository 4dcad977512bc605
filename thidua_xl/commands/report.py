"""``thidua report FILE [-o DIR] [--pdf] [--templates DIR]``: the nomination dossier as Word documents."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import console, progress
from thidua_xl.errors import InputError
from thidua_xl.fileio import display_path, os_error_message
from thidua_xl.messages import t

NAME = "report"
ORDER = 50
HELP = "Lập hồ sơ đề nghị bằng văn bản Word (write the nomination dossier as Word documents)"
DESCRIPTION = (
    "Lập hồ sơ đề nghị công nhận danh hiệu thi đua theo thể thức Nghị định 30/2020/NĐ-CP: tờ trình (căn cứ và "
    "nơi nhận theo chế độ của năm học), danh sách đề nghị, biên bản họp Hội đồng, biên bản kiểm phiếu, báo cáo "
    "thành tích từng cá nhân, bảng tổng hợp đăng ký thi đua, và một tệp gộp toàn bộ hồ sơ. Mỗi văn bản dựng từ "
    "một mẫu .docx sửa được trong Word (thư mục templates/); --templates chỉ tới thư mục mẫu riêng của trường, "
    "tệp nào thiếu thì dùng mẫu mặc định. Chạy lại chỉ thay các tệp do lệnh này tạo.\n"
    "Write the nomination dossier in the NĐ 30/2020 format from editable .docx templates; --templates points "
    "to the school's own templates (missing files fall back to the defaults). Reruns replace only the files "
    "this command wrote.\n\n"
    "Mã thoát (exit codes): 0 = đã lập hồ sơ (dossier written); 1 = đã lập hồ sơ nhưng kết quả kiểm phiếu chưa "
    "được chứng nhận (written, tally not certified); 2 = dữ liệu, mẫu hoặc tham số sai, hoặc có --pdf mà máy "
    "chưa cài LibreOffice — các tệp Word vẫn được tạo (bad input, or --pdf without LibreOffice: the Word files "
    "are still written)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính chuẩn .xlsx (the standard workbook)")
    p.add_argument("-o", "--out", type=Path, default=Path("out"), metavar="DIR",
                   help="thư mục ghi hồ sơ, mặc định out/ (output folder)")
    p.add_argument("--pdf", action="store_true",
                   help="tạo thêm tệp PDF bằng LibreOffice nếu máy đã cài (also write PDFs with LibreOffice)")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="thư mục mẫu .docx riêng của trường (the school's own template folder)")
    p.add_argument("--no-bundle", action="store_true",
                   help="không tạo tệp gộp toàn bộ hồ sơ (skip the one-file bundle)")


def run(args: argparse.Namespace) -> int:
    src: Path = args.file
    if not src.exists():
        print(f"Lỗi: {t('common.file_not_found', path=src)}", file=sys.stderr)
        return EXIT_INPUT
    if args.out.resolve() == src.resolve():  # `report X.xlsx -o X.xlsx`: the data is never overwritten
        raise InputError(t("common.out_is_input", path=display_path(args.out), example="ho_so"))
    if args.out.exists() and not args.out.is_dir():  # told before the dossier is rendered, not after
        raise InputError(t("common.not_a_folder", path=display_path(args.out), example="ho_so"))
    with progress(t("common.progress.read")) as bar:
        data = api.read(src)
        api.require_clean(data)
        bar.update(description=t("common.progress.dossier"))
        try:
            result = api.report(data, args.out, pdf=args.pdf, templates=args.templates, bundle=not args.no_bundle,
                                on_progress=lambda done, total: bar.update(completed=done, total=total))
        except OSError as exc:  # a read-only folder, a document open in Word, a name too long, a full disk
            print(f"Lỗi: {os_error_message(exc, exc.filename or args.out)}", file=sys.stderr)
            return EXIT_INPUT
    con = console()
    con.print(t("reports.cli.regime", year=data.info.school_year, regime=result.regime,
                authority=result.authority))
    docs = [p for p in result.files if p != result.bundle]
    con.print(t("reports.cli.written", n=len(docs), folder=args.out))
    for path in docs:
        con.print(f"  {path}")
    if result.bundle is not None:
        con.print(t("reports.cli.bundle", path=result.bundle))
    if result.pdfs:
        con.print(t("reports.cli.pdfs", n=len(result.pdfs)))
    missing = t("reports.pdf.missing")
    for w in result.warnings:
        if w != missing:
            print(t("reports.cli.warning", text=w), file=sys.stderr)
    if args.pdf and result.pdf_missing:
        print(f"Lỗi: {missing}", file=sys.stderr)
        return EXIT_INPUT
    if result.certified is False:
        return EXIT_WARN
    return EXIT_OK
