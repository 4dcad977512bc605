"""``thidua tally FILE [--json] [-o RESULTS]``: the council's secret-ballot count (kiểm phiếu)."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import console, print_json, print_table, short_reason
from thidua_xl.core.rules import RuleSetError, instruments, regimes_table
from thidua_xl.core.tally.engine import not_eligible_note
from thidua_xl.messages import t
from thidua_xl.perf import paused_gc
from thidua_xl.text import format_percent
from thidua_xl.views import tally as tally_view
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import writer

NAME = "tally"
LEAVE_AT_ONCE = True  # everything is written and waited for when run returns (cli.program)
ORDER = 40
HELP = "Kiểm phiếu bầu của Hội đồng Thi đua – Khen thưởng (tally the council's secret ballot)"
DESCRIPTION = (
    "Kiểm phiếu cho từng danh hiệu: túc số, phiếu không hợp lệ (kèm lý do), số phiếu đồng ý so với ngưỡng có "
    "cơ sở tính rõ ràng, chỉ tiêu và thứ tự ưu tiên khi bằng phiếu, đối chiếu hai lần nhập phiếu, mã băm SHA-256 "
    "của dữ liệu phiếu. Kết quả ghi vào trang \"Kết quả kiểm phiếu\" của sổ tính kết quả; sổ tính nhập liệu "
    "không bị sửa.\n"
    "Tally the ballots for each title: quorum, invalid ballots with reasons, approvals against thresholds with "
    "an explicit base, quotas and the tie-break chain, double-entry reconciliation, SHA-256 of the ballot data. "
    "Results go to the sheet \"Kết quả kiểm phiếu\" of the results workbook; the input is never changed.\n\n"
    "Mã thoát (exit codes): 0 = kết quả được chứng nhận (certified); 1 = chưa chứng nhận: không đủ túc số, hai lần "
    "nhập chưa khớp hoặc số liệu không khớp (not certified); 2 = dữ liệu hoặc tham số sai (bad input)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính chuẩn .xlsx (the standard workbook)")
    p.add_argument("--json", action="store_true",
                   help="in kết quả dạng JSON ra màn hình (print the result as JSON)")
    p.add_argument("-o", "--results", type=Path, default=None, metavar="RESULTS",
                   help="sổ tính kết quả; mặc định <tên>_ketqua.xlsx cạnh tệp nhập, không ghi khi dùng --json mà "
                        "không có -o (results workbook; default next to the input, not written with --json "
                        "unless -o is given)")
    p.add_argument("--no-check", action="store_true",
                   help="không đối chiếu kết quả xét điều kiện (skip the eligibility step)")
    p.add_argument("--chart", type=Path, default=None, metavar="DIR",
                   help="lưu biểu đồ PNG (phiếu đồng ý so với ngưỡng cho từng danh hiệu; tỷ lệ LĐTT theo tổ) vào thư "
                        "mục DIR (save PNG charts: approvals against the threshold per title, LĐTT share per team)")
    p.add_argument("--nam-hoc", "--school-year", dest="school_year", default=None, metavar="NĂM_HỌC",
                   help="năm học xét, ví dụ 2024-2025; mặc định lấy trong sổ tính (school year; default: from the "
                        "workbook)")
    p.add_argument("--che-do", dest="regime", default=None,
                   help="ép chế độ 2017/2024/2025 (force a regime; default: by the meeting date)")


def _short_notes(notes: list[str], verdict: Any) -> str:
    """A candidate's notes for the terminal: the note that the candidate is not eligible (made from the verdict's
    reasons, as the tally made it) names the short reasons instead (as `thidua check` shows them); the sheet
    "Kết quả kiểm phiếu" keeps the full sentences."""
    if verdict is None or not verdict.reasons:
        return "; ".join(notes)
    full = not_eligible_note(r.message for r in verdict.reasons)
    short = not_eligible_note(dict.fromkeys(short_reason(r) for r in verdict.reasons))
    return "; ".join(short if note == full else note for note in notes)


def _print_text(result: Any, checked: Any = None) -> None:
    from rich.markup import escape  # heavy: rich only when printing

    # Our texts are printed as they are: a rule's tag "[theo quy chế của đơn vị, ...]" is not rich markup.
    con = console()
    verdicts = {(v.subject, v.title): v for v in checked.verdicts} if checked is not None else {}
    lines = [escape(line) for line in tally_view.summary_lines(result)]
    con.print(lines[0])
    if not result.titles:
        con.print(t("tally.cli.no_titles"))
    yes_no = {True: "Có", False: "Không", None: "—"}
    for tt in result.titles:
        label = title_label(tt.title)
        rows, styles = [], []
        for c in tt.candidates:
            quota = "—" if c.within_quota is None or not c.threshold_passed else yes_no[c.within_quota]
            if c.revote:
                quota = t("tally.word.revote")
            rows.append([c.subject, c.name, c.approvals, c.written_approvals, c.disapprovals, c.blanks,
                         f"{c.approvals}/{c.base_count}", format_percent(c.share),
                         yes_no[c.threshold_passed], quota, yes_no[c.eligible], yes_no[c.proposed],
                         _short_notes(c.notes, verdicts.get((c.subject, tt.title)))])
            styles.append("green" if c.proposed else ("yellow" if c.revote else ""))
        print_table(
            f"{label} — ngưỡng {tt.threshold_text} ({tt.threshold_citation} [{tt.threshold_tag}])",  # as written
            ["Mã", "Họ và tên", "Đồng ý", "Văn bản", "Không đồng ý", "Trống", "Phiếu/Cơ sở", "Tỷ lệ", "Đạt ngưỡng",
             "Chỉ tiêu", "Đủ ĐK", "Đề nghị", "Ghi chú"],
            rows, styles,
        )
        con.print(escape(t("tally.summary.title", title=label, issued=tt.issued, returned=tt.returned,
                           not_returned=tt.not_returned, valid=tt.valid, invalid=tt.invalid,
                           threshold=tt.threshold_text, cite=tt.threshold_citation, tag=tt.threshold_tag)))
        if tt.quota_text:
            con.print("  " + escape(tt.quota_text))
        for ib in tt.invalid_ballots:
            con.print("  " + escape(t("tally.summary.invalid", number=ib.number, code=ib.code, reason=ib.reason)))
    if result.discrepancies:
        con.print(f"[red]{t('tally.cli.discrepancies', n=len(result.discrepancies))}[/red]")
        for d in result.discrepancies[:20]:
            con.print("  " + escape(t("tally.log.discrepancy", number=d.ballot,
                                      title=d.title.value if d.title else "—", cand=d.candidate or "—",
                                      first=d.first, second=d.second)))
        if len(result.discrepancies) > 20:
            con.print("  " + t("tally.log.discrepancy_more", n=len(result.discrepancies) - 20))
    for fact, ok in result.audit:
        if not ok:
            con.print(f"[red]✗ {escape(fact)}[/red]")
    con.print(lines[-2])
    con.print(f"[green]{lines[-1]}[/green]" if result.certified else f"[red]{lines[-1]}[/red]")


def _write(tables: list[Any], source: Path, target: Path | None) -> Path:
    """Write the result sheets; returns the path."""
    path = Path(target) if target is not None else Path(writer.default_results_path(source))
    writer.write_results(tables, path)
    return path


def run(args: argparse.Namespace) -> int:
    src: Path = args.file
    if not src.exists():
        print(f"Lỗi: {t('common.file_not_found', path=src)}", file=sys.stderr)
        return EXIT_INPUT
    # The ballots, the counts and the printed rows form no cycles: with the collector on, its first passes
    # after the read would walk every ballot just read (tens of milliseconds for 10,000 ballots) to free nothing.
    with paused_gc():
        return _run(args, src)


def _warm_up(printing: bool) -> None:
    """What the command needs after the read, loaded while the reader waits for calamine to parse the ballot
    sheet rather than after it: the legal texts and regimes every rule set starts from (YAML) and, for the
    terminal, rich's modules (≈30 ms in all). A failure here is left to the step that needs it (it reports it)."""
    try:
        regimes_table()
        instruments()
    except Exception:  # noqa: BLE001, S110 - the rule set's own loading says what is wrong, in Vietnamese
        pass
    if printing:
        import rich.markup  # noqa: F401 - start-up time: loaded beside the read, used by _print_text

        import thidua_xl.commands._table  # noqa: F401 - start-up time: as above (print_table)


def _run(args: argparse.Namespace, src: Path) -> int:
    loader = threading.Thread(target=_warm_up, args=(not args.json,), daemon=True)
    loader.start()
    try:
        try:
            data = api.read(src)
        finally:
            loader.join()  # no thread outlives the read: the check may fork
        checked = None
        if not args.no_check or args.chart is not None:
            checked = api.check(data, school_year=args.school_year, regime=args.regime)
        result = api.tally(data, school_year=args.school_year, regime=args.regime, with_eligibility=not args.no_check,
                           checked=None if args.no_check else checked)
    except RuleSetError as exc:
        print(f"Lỗi: {t('tally.cli.rules_error', error=exc)}", file=sys.stderr)
        return EXIT_INPUT
    charts: list[Path] = []
    if args.chart is not None:
        from thidua_xl import charts as charts_mod  # start-up time: only --chart draws

        try:
            charts = charts_mod.save_charts(result, checked, args.chart)
        except OSError as exc:
            print(f"Lỗi: {t('tally.cli.chart_error', path=args.chart, error=exc)}", file=sys.stderr)
            return EXIT_INPUT
    target = args.results
    written: Path | None = None
    if target is not None or not args.json:
        try:
            written = _write(tally_view.to_tables(result), src, target)
        except PermissionError:
            print(f"Lỗi: {t('common.file_locked', path=target or src)}", file=sys.stderr)
            return EXIT_INPUT
    if args.json:
        print_json(tally_view.to_json(result))
        if written is not None:
            print(t("tally.cli.written", path=written), file=sys.stderr)
        if charts:
            print(t("tally.cli.charts", n=len(charts), path=args.chart), file=sys.stderr)
    else:
        _print_text(result, checked)
        if written is not None:
            console().print(t("tally.cli.written", path=written))
        if charts:
            console().print(t("tally.cli.charts", n=len(charts), path=args.chart))
    return EXIT_OK if result.certified else EXIT_WARN
