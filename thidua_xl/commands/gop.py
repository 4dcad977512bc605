"""``thidua gop INPUTS... -o OUT.xlsx``: the ward (or Sở) rolls up every school's workbook."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import add_limit_argument, console, parse_day, phase, print_json, print_table
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.perf import forked, paused_gc
from thidua_xl.views import rollup as rollup_view
from thidua_xl.views import tally as tally_view
from thidua_xl.workbook import writer

NAME = "gop"
LEAVE_AT_ONCE = True  # everything is written and waited for when run returns (cli.program)
ORDER = 45
HELP = "Tổng hợp hồ sơ thi đua của các trường (roll up every school's workbook at the ward or Sở)"
DESCRIPTION = (
    "Đọc sổ tính chuẩn của mọi trường (các tệp hoặc thư mục .xlsx), xét lại từng trường bằng cùng bộ quy tắc theo "
    "chế độ của ngày xét của trường, kiểm phiếu, rồi kiểm tra chéo: một người được hai trường đề nghị, kiểm phiếu "
    "chưa được chứng nhận, người được đề nghị nhưng không đủ điều kiện, đăng ký sau hạn, trường chưa gửi. Ghi sổ "
    "tính tổng hợp; không sửa tệp của trường.\n"
    "Reads every school's standard workbook (files or folders of .xlsx), re-checks each under the regime of its "
    "own consideration date, tallies it, then checks across schools. Writes the roll-up workbook; the schools' "
    "files are never changed.\n\n"
    "Mã thoát (exit codes): 0 = xong (done); 1 = có vấn đề khi dùng --strict (problems found, with --strict); "
    "2 = dữ liệu hoặc tham số sai (bad input)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUTS",
                   help="sổ tính của các trường hoặc thư mục chứa chúng (school workbooks or folders)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None, metavar="OUT.xlsx",
                   help="sổ tính tổng hợp; mặc định tong_hop_ketqua.xlsx trong thư mục đầu tiên "
                        "(the roll-up workbook; default tong_hop_ketqua.xlsx in the first folder)")
    p.add_argument("--cau-hinh", dest="config", type=Path, default=None, metavar="WARD.xlsx",
                   help="sổ tính của phường/Sở: Thông tin chung, Danh sách trường, Tiêu chí chấm điểm, Điểm các "
                        "trường (the ward's workbook)")
    p.add_argument("--hoi-dong", dest="council", type=Path, default=None, metavar="COUNCIL.xlsx",
                   help="phiếu bầu của Hội đồng TĐKT cấp phường/tỉnh (the higher council's ballots)")
    p.add_argument("--cap-hoi-dong", dest="council_level", choices=("phuong", "tinh"), default="phuong",
                   help="Hội đồng cấp phường/xã (ngưỡng vote.threshold của bộ quy định) hoặc cấp tỉnh (CSTĐ tỉnh, "
                        "toàn quốc: ngưỡng vote.higher_council) (the council's level: ward or province)")
    p.add_argument("--ho-so", dest="dossier", type=Path, default=None, metavar="DIR",
                   help="thư mục ghi Quyết định, tờ trình, bảng tổng hợp và biểu đồ (folder for the ward's "
                        "documents and charts)")
    p.add_argument("--han-dang-ky", dest="deadline", type=parse_day, default=None, metavar="DD/MM/YYYY",
                   help="hạn đăng ký thi đua của kế hoạch, thay giá trị trong sổ tính của phường "
                        "(the plan's registration deadline)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (print JSON)")
    p.add_argument("--strict", action="store_true",
                   help="mã thoát 1 khi có lỗi hoặc cảnh báo (exit 1 when any problem is found)")
    p.add_argument("--mot-tien-trinh", dest="one_process", action="store_true",
                   help="đọc các trường trong một tiến trình (read the schools in one process)")
    add_limit_argument(p)


def default_output(inputs: list[Path]) -> Path:
    first = inputs[0]
    folder = first if first.is_dir() else first.parent
    return folder / "tong_hop_ketqua.xlsx"


def _counter() -> Callable[[int, int], None] | None:
    """"Đang xét các trường 57/200" on the line :func:`phase` shows (a terminal only)."""
    if not sys.stderr.isatty():
        return None
    text = t("rollup.cli.progress")

    def step(done: int, total: int) -> None:
        sys.stderr.write(f"\r{text} {done}/{total}")
        sys.stderr.flush()

    return step


def _write(result: Any, council: Any, out: Path) -> Path:
    """The roll-up workbook: the roll-up's sheets, and the higher council's tally when there is one."""
    tables = rollup_view.to_tables(result)
    if council is not None:
        tables += rollup_view.council_tables(council, result.config.unit_name)
    return writer.write_results(tables, out)


def _print_text(result: Any, written: Path, limit: int) -> None:
    con = console()
    titles = rollup_view.titles_in(result)
    rows, styles = [], []
    for s in result.schools:
        rows.append([s.code, s.name, s.regime, s.staff,
                     ", ".join(f"{rollup_view.short(tt)} {s.eligible[tt]}" for tt in titles if s.eligible.get(tt)),
                     ", ".join(f"{rollup_view.short(tt)} {s.proposed[tt]}" for tt in titles if s.proposed.get(tt)),
                     rollup_view.certification(s), s.errors or ""])
        styles.append("red" if s.failed or s.certified is False else "")
    print_table(t("rollup.cli.schools", n=len(result.schools)),
                ["Mã", "Trường", "Chế độ", "CB", "Đủ điều kiện", "Đề nghị", "Kiểm phiếu", "Lỗi"], rows, styles,
                limit=limit, where=t("common.rows_shown_where_file", sheet=rollup_view.SHEETS["schools"], path=written))
    prows = [["Lỗi" if p.problem.severity == "error" else "Cảnh báo", p.school, p.file, p.problem.sheet,
              p.problem.row or "", p.problem.message] for p in result.problems]
    if prows:
        print_table(t("rollup.cli.problems", n=len(prows)), ["Mức", "Mã trường", "Tệp", "Trang", "Dòng", "Nội dung"],
                    prows, ["red" if r[0] == "Lỗi" else "yellow" for r in prows], limit=limit,
                    where=t("common.rows_shown_where_file", sheet=rollup_view.SHEETS["cross"], path=written))
    else:
        con.print(t("rollup.view.cross_clean"))
    con.print(t("rollup.cli.totals", staff=sum(s.staff for s in result.schools),
                eligible=", ".join(f"{rollup_view.short(tt)} {result.total_eligible(tt)}" for tt in titles) or "—",
                proposed=", ".join(f"{rollup_view.short(tt)} {result.total_proposed(tt)}" for tt in titles) or "—"))


def run(args: argparse.Namespace) -> int:
    out = args.results or default_output(args.inputs)
    try:
        # a counter on the notice line, not a progress bar: a bar's thread would keep the schools from being shared
        # with a forked process (api.rollup forks only when no other thread runs)
        with phase(t("rollup.cli.progress")):
            result = api.rollup(args.inputs, args.config, deadline=args.deadline,
                                processes=1 if args.one_process else None, on_progress=_counter(),
                                exclude=[out, args.council])
        if not result.schools:
            raise InputError(t("rollup.cli.no_files", inputs=", ".join(str(p) for p in args.inputs)))
        with paused_gc():  # the outputs build rows, cells and pieces of text, no cycles: a collection would only
            return _output(args, result, out)  # walk them and every school's results
    except InputError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _output(args: argparse.Namespace, result: Any, out: Path) -> int:
    council = None
    if args.council is not None:
        council = api.tally_council(args.council, result, "province" if args.council_level == "tinh" else "ward")
    # the roll-up workbook is written by a second process while this one makes the documents and prints (where
    # forking is safe; else at .result(), here); the command ends only when it is written
    pending = forked(_write, result, council, out)
    try:
        docs = api.ward_documents(result, args.dossier, council) if args.dossier is not None else None
        if args.json:
            doc = rollup_view.to_json(result)
            if council is not None:
                doc["hoi_dong_cap_tren"] = tally_view.to_json(council)
            print_json(doc)
        else:
            _print_text(result, out, args.limit)
    finally:
        written = pending.result()
    if args.json:
        print(t("rollup.cli.written", path=written), file=sys.stderr)
        if docs is not None:
            print(t("rollup.cli.documents", n=len(docs.files), charts=len(docs.charts), path=docs.out_dir), file=sys.stderr)
    else:
        console().print(t("rollup.cli.written", path=written))
        if council is not None:
            for line in tally_view.summary_lines(council):
                console().print(line)
        if docs is not None:
            console().print(t("rollup.cli.documents", n=len(docs.files), charts=len(docs.charts), path=docs.out_dir))
    problems = bool(result.problems) or any(s.problems for s in result.schools)
    return EXIT_WARN if args.strict and problems else EXIT_OK
