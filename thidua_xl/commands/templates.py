"""``thidua templates check [DIR]``: check the dossier's .docx templates (split tags, undefined variables)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.messages import t
from thidua_xl.reports import REPO_TEMPLATES, lint

NAME = "templates"
ORDER = 60
HELP = "Kiểm tra mẫu văn bản Word của hồ sơ (check the dossier's Word templates)"
DESCRIPTION = (
    "thidua templates check [DIR]: kiểm tra các mẫu .docx của hồ sơ trong DIR (mặc định: mẫu có sẵn) — thẻ "
    "{{ … }} / {% … %} bị Word tách qua nhiều đoạn chữ (run), thẻ không đóng, biến không có trong danh sách "
    "biến của hồ sơ (xem docs/reports.md), lỗi cú pháp Jinja; cảnh báo khi mẫu ghi cứng số nghị định, thông tư "
    "không thuộc mọi chế độ. Mỗi lỗi ghi tên tệp, số thứ tự đoạn và nội dung đoạn.\n"
    "Check the dossier templates in DIR (default: the built-in ones): tags split across Word runs, unclosed "
    "tags, variables the dossier does not provide, Jinja syntax; warn about hard-coded decree numbers.\n\n"
    "Mã thoát (exit codes): 0 = không có lỗi (clean; warnings allowed); 1 = có lỗi (problems found); "
    "2 = thư mục không tồn tại (missing folder)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["check"], metavar="check",
                   help="kiểm tra mẫu (check the templates)")
    p.add_argument("folder", type=Path, nargs="?", default=None, metavar="DIR",
                   help="thư mục mẫu; bỏ trống: mẫu có sẵn (template folder; default: the built-in ones)")


def run(args: argparse.Namespace) -> int:
    folder: Path | None = args.folder
    if folder is not None and not folder.is_dir():
        print(f"Lỗi: {t('reports.err.templates_dir', path=folder)}", file=sys.stderr)
        return EXIT_INPUT
    findings, checked = lint.check_folder(folder)
    shown = folder if folder is not None else REPO_TEMPLATES
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        prefix = "Lỗi" if f.severity == "error" else "Cảnh báo"
        print(f"{prefix}: {f.message}")
    if errors:
        print(t("reports.check.problems", folder=shown, n=len(errors)))
        return EXIT_WARN
    print(t("reports.check.clean", folder=shown, n=len(checked)))
    return EXIT_OK
