"""``thidua diem FILE [--dot N] [--thang M] [--json]``: scoring through the year (chấm điểm thi đua)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import (
    add_limit_argument,
    console,
    print_json,
    print_table,
    progress,
    whole_number,
)
from thidua_xl.messages import t
from thidua_xl.views import scoring as view
from thidua_xl.workbook import writer
from thidua_xl.workbook.schema import RESULT_SHEETS
from thidua_xl.workbook.scoring import MonthError, to_month

NAME = "diem"
ORDER = 45
HELP = "Chấm điểm thi đua hằng tháng, theo đợt và cả năm (score the year's emulation by month and phase)"
DESCRIPTION = (
    "Tính điểm thi đua của từng người, từng tổ theo tháng, theo đợt và cả năm từ trang Điểm (Hội đồng chấm, nếu "
    "trống thì Tổ chấm, nếu trống nữa thì Tự chấm; trừ điểm trừ, cộng điểm cộng), xếp loại theo quy chế của trường "
    "(trang Xếp loại điểm), xếp hạng trong tổ và toàn trường, người thiếu điểm tháng, xếp loại gợi ý cả năm và danh "
    "sách khen theo đợt. Ghi trang 'Kết quả chấm điểm' (và các trang theo đợt, theo tổ) vào sổ tính kết quả; sổ "
    "tính nhập liệu không bị sửa; xếp loại gợi ý không bao giờ được ghi vào cột Xếp loại của trang Cán bộ.\n"
    "Scores every person and team per month, per phase and for the year from the 'Điểm' sheet, with the school's "
    "bands, ranks within the team and the school, missing months, the year's suggested rating and per-phase "
    "commendation lists. Writes 'Kết quả chấm điểm' (and the phase and team sheets) to the results workbook.\n\n"
    "Mã thoát (exit codes): 0 = xong (done); 2 = dữ liệu sai hoặc không có điểm (bad input or no scores)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính chuẩn .xlsx (the standard workbook)")
    p.add_argument("--dot", dest="phase", type=whole_number, default=None, metavar="N",
                   help="chỉ hiện và ghi đợt N (show and write phase N only)")
    p.add_argument("--thang", dest="month", default=None, metavar="M",
                   help="bảng điểm một tháng cho họp tổ, ví dụ 9 hoặc 09/2024; ghi thêm trang 'Điểm tháng MM-YYYY' "
                        "(one month's table for the team meeting, also written as a sheet)")
    p.add_argument("--json", action="store_true",
                   help="in kết quả dạng JSON gọn, không khoảng trắng (print compact JSON)")
    p.add_argument("--json-indent", dest="json_indent", type=whole_number, default=None, metavar="N",
                   help="in JSON thụt lề N dấu cách cho người đọc; kéo theo --json "
                        "(print JSON indented by N spaces for people; implies --json)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None, metavar="RESULTS",
                   help="sổ tính kết quả; mặc định <tên>_ketqua.xlsx cạnh tệp nhập, không ghi khi dùng --json mà "
                        "không có -o (results workbook; default next to the input, not written with --json unless "
                        "-o is given)")
    p.add_argument("--khong-ghi", dest="no_write", action="store_true",
                   help="không ghi sổ tính kết quả (do not write the results workbook)")
    p.add_argument("--nam-hoc", dest="school_year", default=None,
                   help="năm học, ví dụ 2024-2025 (school year; default: from the workbook)")
    p.add_argument("--che-do", dest="regime", default=None, help="ép chế độ 2017/2024/2025 (force a regime)")
    p.add_argument("--chart", type=Path, default=None, metavar="DIR",
                   help="lưu biểu đồ PNG (bản đồ nhiệt xếp loại người × tháng; điểm bình quân từng tổ theo tháng) vào thư "
                        "mục DIR (save PNG charts: heat map person × month of the bands, one line per team)")
    p.add_argument("--van-ban", dest="documents", type=Path, default=None, metavar="DIR",
                   help="lập văn bản Word vào thư mục DIR: báo cáo sơ kết đợt (đợt --dot, mặc định mọi đợt có điểm) và "
                        "bảng điểm tháng cho họp tổ (tháng --thang, mặc định tháng cuối có điểm) (write the Word "
                        "documents: the per-phase summary and the month's table for the team meeting)")
    p.add_argument("--mau", dest="templates", type=Path, default=None, metavar="DIR",
                   help="thư mục mẫu .docx riêng của trường (so_ket_dot.docx, bang_diem_thang.docx) (the school's "
                        "own templates)")
    add_limit_argument(p)


def _err(text: str) -> int:
    print(f"Lỗi: {text}", file=sys.stderr)
    return EXIT_INPUT


def run(args: argparse.Namespace) -> int:
    if not args.file.exists():
        return _err(t("common.file_not_found", path=args.file))
    args.json = args.json or args.json_indent is not None
    with progress(t("scoring.progress.read")):
        data = api.read(args.file)
    with progress(t("scoring.progress.score")) as bar:
        result = api.score(data, args.school_year, args.regime,
                           on_progress=lambda step: bar.update(description=f"{t('scoring.progress.score')} {step}"))
    if not result.months and not any(p.phases for p in result.people):
        return _err(t("scoring.cli.none"))
    if args.phase is not None and args.phase not in {ph.number for ph in result.phases}:
        return _err(t("scoring.cli.no_phase", n=args.phase, have=", ".join(str(ph.number) for ph in result.phases)
                      or "—"))
    month: dt.date | None = None
    if args.month is not None:
        try:
            month = to_month(args.month, result.school_year)
        except MonthError:
            return _err(t("scoring.bad_month_arg", value=args.month))
        if month not in result.months:
            return _err(t("scoring.cli.no_month", m=args.month, have=view.months_text(result.months)))
    written: Path | None = None
    if not args.no_write and (args.results is not None or not args.json):
        target = args.results or writer.default_results_path(args.file)
        with progress(t("scoring.progress.write")):
            written = writer.write_results(view.to_tables(result, args.phase, month), target, input_path=args.file)
    docs = None
    if args.documents is not None:
        phases = [args.phase] if args.phase is not None else [
            ph.number for ph in result.phases if any(ph.number in p.phases for p in result.people)]
        months = [month] if month is not None else result.months[-1:]
        docs = api.score_documents(data, args.documents, phases, months, templates=args.templates, scored=result)
    charts: list[Path] = []
    if args.chart is not None:
        from thidua_xl import charts as charts_mod  # start-up time: matplotlib only when charts are asked for

        args.chart.mkdir(parents=True, exist_ok=True)
        charts = [c.save(args.chart / f"{c.name}.png") for c in charts_mod.scoring_charts(result)]
    if args.json:
        print_json(view.to_json(result, args.phase, month), indent=args.json_indent)
        if written is not None:
            print(t("scoring.cli.written", path=written), file=sys.stderr)
        if docs is not None:
            print(t("scoring.cli.documents", n=len(docs.files), path=docs.out_dir), file=sys.stderr)
        return EXIT_OK
    _print_text(result, args.phase, month, args.limit, written)
    if charts:
        console().print(t("tally.cli.charts", n=len(charts), path=args.chart))
    if docs is not None:
        console().print(t("scoring.cli.documents", n=len(docs.files), path=docs.out_dir))
    return EXIT_OK


def _print_text(result: Any, phase: int | None, month: dt.date | None, limit: int, written: Path | None) -> None:
    con = console()
    where = t("common.rows_shown_where_file", sheet=RESULT_SHEETS["scoring"], path=written) if written else ""
    who = [t("scoring.cli.h.id"), t("scoring.h.name"), t("scoring.h.team")]
    ranks = [t("scoring.cli.h.rank_team"), t("scoring.cli.h.rank_school")]
    if month is not None:
        rows, styles = [], []
        for p, ms in view.month_rows(result, month):
            if ms is None:
                rows.append([p.staff_id, p.name, p.team, "—", "", "", "", "—", "", "", "", t("scoring.h.missing")])
                styles.append("yellow")
                continue
            rows.append([p.staff_id, p.name, p.team, view.points_text(ms.raw), view.source_label(ms.source),
                         view.points_text(ms.deduction) if ms.deduction else "",
                         view.points_text(ms.bonus) if ms.bonus else "", view.points_text(ms.total), ms.band,
                         ms.rank_team, ms.rank_school, ms.note])
            styles.append("")
        print_table(t("scoring.cli.month_title", month=f"{month:%m/%Y}"),
                    [*who, t("scoring.h.raw"), t("scoring.cli.h.source"), t("scoring.cli.h.deduction"),
                     t("scoring.cli.h.bonus"), t("scoring.h.score"), t("scoring.h.band"), *ranks, t("scoring.h.note")],
                    rows, styles, limit=limit, where=where)
    elif phase is not None:
        ph = next(x for x in result.phases if x.number == phase)
        people = view.phase_rows(result, phase)
        theme = f" — {ph.theme}" if ph.theme else ""
        print_table(t("scoring.cli.phase_title", n=phase, start=f"{ph.start:%d/%m/%Y}", end=f"{ph.end:%d/%m/%Y}",
                      theme=theme),
                    [*who, t("scoring.h.score"), t("scoring.cli.h.months"), t("scoring.h.band"), *ranks],
                    [[p.staff_id, p.name, p.team, view.points_text(p.phases[phase].total), p.phases[phase].months or "",
                      p.phases[phase].band, p.phases[phase].rank_team, p.phases[phase].rank_school] for p in people],
                    limit=limit, where=where)
        chosen = result.phase_list(phase)
        con.print(t("scoring.cli.list_title", n=phase, band=result.bands.top, k=len(chosen)))
    else:
        months = result.months
        rows, styles = [], []
        for p in result.people:
            rows.append([p.staff_id, p.name, p.team,
                         *[view.points_text(p.months[m].total) if m in p.months else "—" for m in months],
                         view.points_text(p.year), p.suggested, p.rank_team or "", p.rank_school or "",
                         view.months_text(p.missing)])
            styles.append("yellow" if p.missing else "")
        print_table(t("scoring.cli.people_title", year=result.school_year),
                    [*who, *[t("scoring.cli.h.month", m=m.month) for m in months], t("scoring.h.year_col"),
                     t("scoring.cli.h.suggested"), *ranks, t("scoring.cli.h.missing")], rows, styles, limit=limit,
                    where=where)
        if result.teams:
            print_table(t("scoring.cli.teams_title"), [t("scoring.h.team"), t("scoring.h.members"),
                                                       t("scoring.h.year_col"), t("scoring.h.band"), t("scoring.h.rank")],
                        [[ts.team, ts.members, view.points_text(ts.year), ts.band, ts.rank or ""]
                         for ts in result.teams])
        for ph in result.phases:
            con.print(t("scoring.cli.list_title", n=ph.number, band=result.bands.top, k=len(result.phase_list(ph.number))))
    missing = sum(len(p.missing) for p in result.people)
    con.print(t("scoring.cli.summary", year=result.school_year, people=len(result.people), months=len(result.months),
                phases=len(result.phases), missing=missing))
    con.print(t("scoring.cli.bands", bands=result.bands.text(), source=view.bands_source(result)))
    con.print(t("scoring.note.suggestion"))
    if written is not None:
        con.print(t("scoring.cli.written", path=written))


