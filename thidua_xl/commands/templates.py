"""``thidua templates check [DIR]``: check the dossier's .docx templates (split tags, undefined variables);
``thidua templates fix FILE|DIR``: rewrite them with split tags joined and quotes in tags straightened (the
original kept as ``<tên>.ban_goc.docx``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.messages import t
from thidua_xl.reports import REPO_TEMPLATES, check_templates, fix_templates, lint

NAME = "templates"
ORDER = 60
HELP = "Kiểm tra mẫu văn bản Word của hồ sơ (check the dossier's Word templates)"
DESCRIPTION = (
    "thidua templates check [DIR]: kiểm tra các mẫu .docx của hồ sơ trong DIR (mặc định: mẫu có sẵn) — thẻ "
    "không đóng, biến không có trong danh sách biến của hồ sơ (xem docs/reports.md), lỗi cú pháp Jinja; cảnh "
    "báo (văn bản vẫn dựng đúng) khi thẻ bị Word tách qua nhiều đoạn chữ (run) hoặc có dấu nháy cong, và khi "
    "mẫu ghi cứng số nghị định, thông tư không thuộc mọi chế độ. Mỗi lỗi ghi tên tệp, số thứ tự đoạn và nội "
    "dung đoạn.\n"
    "thidua templates fix FILE|DIR: sửa tự động thẻ bị tách và dấu nháy cong trong mẫu của trường; bản gốc "
    "được giữ lại cạnh tệp với đuôi .ban_goc.docx.\n"
    "Check the dossier templates in DIR (default: the built-in ones): unclosed tags, variables the dossier "
    "does not provide, Jinja syntax; warn about tags split across Word runs or with curly quotes (docxtpl "
    "renders them right; `fix` rewrites them, keeping a backup) and hard-coded decree numbers.\n\n"
    "Mã thoát (exit codes): 0 = không có lỗi (clean; warnings allowed); 1 = có lỗi (problems found); "
    "2 = thư mục/tệp không tồn tại (missing folder or file)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["check", "fix"], metavar="check|fix",
                   help="check: kiểm tra mẫu; fix: sửa tự động thẻ bị tách, dấu nháy cong (check / fix the "
                        "templates)")
    p.add_argument("folder", type=Path, nargs="?", default=None, metavar="DIR",
                   help="thư mục mẫu (fix: cả một tệp .docx); bỏ trống khi check: mẫu có sẵn (template folder; "
                        "fix also takes one .docx; check defaults to the built-in ones)")


def run(args: argparse.Namespace) -> int:
    if args.action == "fix":
        return _fix(args.folder)
    folder: Path | None = args.folder
    if folder is not None and not folder.is_dir():
        print(f"Lỗi: {t('reports.err.templates_dir', path=folder)}", file=sys.stderr)
        return EXIT_INPUT
    findings, checked = check_templates(folder)
    shown = folder if folder is not None else REPO_TEMPLATES
    errors = [f for f in findings if f.severity == "error"]
    for f in findings:
        prefix = "Lỗi" if f.severity == "error" else "Cảnh báo"
        print(f"{prefix}: {f.message}")
    fixable = [f for f in findings if f.kind in lint.FIXABLE]
    if fixable:
        print(t("reports.check.fixable", n=len(fixable), folder=shown))
    if errors:
        print(t("reports.check.problems", folder=shown, n=len(errors)))
        return EXIT_WARN
    if findings:
        print(t("reports.check.warnings", folder=shown, n=len(findings), files=len(checked)))
    else:
        print(t("reports.check.clean", folder=shown, n=len(checked)))
    return EXIT_OK


def _fix(target: Path | None) -> int:
    if target is None or not target.exists():
        print(f"Lỗi: {t('reports.err.templates_dir', path=target or '')}", file=sys.stderr)
        return EXIT_INPUT
    done = fix_templates(target)
    if not done:
        print(f"Lỗi: {t('reports.fix.none', path=target)}", file=sys.stderr)
        return EXIT_INPUT
    for path, n, backup in done:
        if n:
            print(t("reports.fix.done", path=path, n=n, backup=backup.name if backup else ""))
        else:
            print(t("reports.fix.clean", path=path))
    return EXIT_OK
