"""``thidua demo``: the whole job on the bundled demo workbook, into ``out/``."""

from __future__ import annotations

import argparse
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import console
from thidua_xl.messages import t
from thidua_xl.views import check as check_view
from thidua_xl.views import tally as tally_view
from thidua_xl.workbook import writer

NAME = "demo"
ORDER = 90
HELP = "Chạy thử toàn bộ quy trình trên sổ tính mẫu (run the whole workflow on the demo workbook)"
DESCRIPTION = (
    "Kiểm tra dữ liệu, xét điều kiện, kiểm phiếu và lập hồ sơ cho sổ tính mẫu workbooks/demo_thcs.xlsx; "
    "kết quả ghi vào thư mục out/ (sổ tính kết quả và hồ sơ Word). Sổ tính mẫu không bị thay đổi.\n"
    "Validate, check eligibility, tally the ballots and write the dossier for the bundled demo workbook; "
    "results go to out/. The demo workbook itself is never changed."
)


def demo_workbook() -> Path:
    """The bundled demo workbook (repository checkout)."""
    return Path(__file__).resolve().parents[2] / "workbooks" / "demo_thcs.xlsx"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", "-f", type=Path, default=None,
                   help="sổ tính khác thay cho sổ tính mẫu (another workbook instead of the demo)")
    p.add_argument("-o", "--out", type=Path, default=Path("out"),
                   help="thư mục kết quả, mặc định out/ (output folder)")


def run(args: argparse.Namespace) -> int:
    src: Path = args.file or demo_workbook()
    out: Path = args.out
    con = console()
    if not src.exists():
        con.print(f"[red]Lỗi:[/red] {t('common.file_not_found', path=src)}")
        return EXIT_INPUT
    out.mkdir(parents=True, exist_ok=True)
    results_path = out / f"{src.stem}_ketqua.xlsx"

    con.print(f"[bold]1. Kiểm tra dữ liệu[/bold] — {src}")
    data = api.validate(src)
    con.print(f"   {len(data.staff)} cán bộ, {len(data.teams)} tổ, {len(data.council)} thành viên Hội đồng, "
              f"{len(data.ballots)} phiếu; {len(data.errors)} lỗi, {len(data.warnings)} cảnh báo.")
    tables = [writer.problems_table(data.problems)]
    if data.errors:
        writer.write_results(tables, results_path)
        con.print(f"[red]Sổ tính còn lỗi; xem trang 'Kiểm tra dữ liệu' trong {results_path}.[/red]")
        return EXIT_INPUT

    rules = api.ruleset(data)
    con.print(f"[bold]2. Xét điều kiện[/bold] — năm học {data.info.school_year}, chế độ {rules.regime}")
    checked = api.check(data)
    summary = {}
    for v in checked.verdicts:
        if v.eligible:
            summary[v.title.value] = summary.get(v.title.value, 0) + 1
    con.print("   Đủ điều kiện: " + ", ".join(f"{k} {n}" for k, n in summary.items()))
    tables += check_view.to_tables(checked)

    con.print("[bold]3. Kiểm phiếu[/bold]")
    counted = api.tally(data, checked=checked)
    proposed = sum(1 for tt in counted.titles for c in tt.candidates if c.proposed)
    con.print(f"   Có mặt {counted.present}/{counted.council_total}, "
              f"{'đủ' if counted.quorum_ok else 'không đủ'} túc số; {proposed} lượt đề nghị; "
              f"mã băm {counted.hash[:16]}…")
    tables += tally_view.to_tables(counted)
    writer.write_results(tables, results_path)
    con.print(f"   Sổ tính kết quả: {results_path}")

    con.print("[bold]4. Lập hồ sơ[/bold]")
    dossier = api.report(data, out / "ho_so", checked=checked, tallied=counted)
    con.print(f"   {len(dossier.files)} văn bản Word trong {out / 'ho_so'}; tệp gộp: {dossier.bundle}")
    con.print("[green]Xong.[/green]")
    return EXIT_OK
