"""``thidua check FILE``: eligibility of every person and team for every title."""

from __future__ import annotations

import argparse
from pathlib import Path

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


def run(args: argparse.Namespace) -> int:
    from thidua_xl import api, eligibility
    from thidua_xl.cli import EXIT_INPUT, EXIT_OK
    from thidua_xl.commands._common import console, print_json, print_table
    from thidua_xl.model import INDIVIDUAL_TITLES, Title

    title = None
    if args.title:
        try:
            title = Title(args.title.upper())
        except ValueError:
            console(stderr=True).print(f"Lỗi: danh hiệu '{args.title}' không có; chọn một trong: "
                                       + ", ".join(t.value for t in Title))
            return EXIT_INPUT
    result = api.check(args.file, school_year=args.school_year, regime=args.regime)
    if args.json:
        print_json(eligibility.to_json(result))
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
        print_table(f"Xét điều kiện năm học {result.school_year} — chế độ {result.regime}",
                    ["Mã", "Họ và tên", "Tổ"] + [t.value for t in titles], rows)
        print_table("Danh hiệu tập thể", ["Tổ", "Danh hiệu", "Kết quả"],
                    [[v.subject, v.title.value, "✓ Đủ" if v.eligible else "✗ " + "; ".join(r.message for r in v.reasons)]
                     for v in result.teams])
        counts = {t.value: len(result.eligible(t)) for t in Title}
        console().print("Đủ điều kiện: " + ", ".join(f"{k} {n}" for k, n in counts.items()))
        if not title:
            console().print("Mã lý do: xem docs/rules.md; chi tiết từng người: --danh-hieu MÃ hoặc --json.")
    if not args.no_write:
        from thidua_xl.workbook import writer

        target = args.results or writer.default_results_path(args.file)
        writer.write_results(eligibility.to_tables(result), target, input_path=args.file)
        if not args.json:
            console().print(f"Đã ghi trang 'Kết quả xét' vào {target}.")
    return EXIT_OK
