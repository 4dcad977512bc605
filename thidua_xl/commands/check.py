"""``thidua check FILE``: eligibility of every person and team for every title."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK
from thidua_xl.commands._common import (
    add_limit_argument,
    console,
    phase,
    print_json,
    print_table,
    progress,
    short_reason,
    whole_number,
    write_chunks,
)
from thidua_xl.core.model import INDIVIDUAL_TITLES, Title
from thidua_xl.messages import t
from thidua_xl.perf import forked, keep_until_exit, paused_gc
from thidua_xl.views import check as check_view
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import writer
from thidua_xl.workbook.schema import RESULT_SHEETS

NAME = "check"
LEAVE_AT_ONCE = True  # everything is written and waited for when run returns (cli.program)
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
    p.add_argument("--json", action="store_true",
                   help="in kết quả dạng JSON gọn, không khoảng trắng (print compact JSON)")
    p.add_argument("--json-indent", dest="json_indent", type=whole_number, default=None, metavar="N",
                   help="in JSON thụt lề N dấu cách cho người đọc; kéo theo --json "
                        "(print JSON indented by N spaces for people; implies --json)")
    p.add_argument("--danh-hieu", dest="title", default=None,
                   help="chỉ hiện một danh hiệu, ví dụ CSTDCS (show one title only)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None,
                   help="sổ tính kết quả (results workbook; default <name>_ketqua.xlsx)")
    p.add_argument("--khong-ghi", dest="no_write", action="store_true",
                   help="không ghi sổ tính kết quả (do not write the results workbook)")
    add_limit_argument(p)


def short_title(title: Title) -> str:
    """"CSTĐCS", "BK tỉnh": the title as a secretary abbreviates it."""
    return t(f"title_short.{title.value}")


def grouped_reasons(verdicts: list[Any]) -> str:
    """"chưa đăng ký (CSTĐ tỉnh, BK tỉnh); chưa đủ số sáng kiến (BK Bộ)": each short reason once, with the
    titles it stops, in title order. A title not registered says only that (its other reasons are moot here;
    the results workbook and --json keep them all)."""
    by_reason: dict[str, list[str]] = {}
    for v in verdicts:
        if v.eligible:
            continue
        reasons = [r for r in v.reasons if r.code == "NOT_REGISTERED"] or v.reasons
        for text in dict.fromkeys(short_reason(r) for r in reasons) or [t("check.none")]:
            by_reason.setdefault(text, []).append(short_title(v.title))
    return "; ".join(f"{text} ({', '.join(titles)})" for text, titles in by_reason.items())


def _print_tables(result: Any, title: Title | None, target: Path | None, sheet: str, limit: int) -> None:
    """Vietnamese words, and a layout chosen to fit the terminal: ✓/✗ per title plus one column of reasons
    when it fits, else the titles each person is eligible for and the reasons for the others; one title
    (--danh-hieu) shows each reason in full."""
    titles = [title] if title else list(INDIVIDUAL_TITLES)
    # the verdicts of the people shown (the first `limit`, in order); name and team of everyone (the widths)
    people = result.people
    last = {v.subject: v for v in people}  # everyone, in the order first met, with their last verdict
    grid: dict[str, dict[Title, Any]] = {sid: {} for sid in (list(last)[:limit] if limit else last)}
    for v in people:
        cells = grid.get(v.subject)
        if cells is not None:
            cells[v.title] = v
    names = {sid: (v.name, v.team) for sid, v in last.items()}
    width = console().width
    id_w = max(map(len, names), default=4)
    name_w = min(max((len(n) for n, _ in names.values()), default=10), 22)
    team_w = min(max((len(team) for _, team in names.values()), default=4), 16)
    # each column costs its text plus 3 (padding and border); the reasons column wants 24 at least
    marks_w = sum(max(len(w) for w in short_title(x).split(" ")) + 3 for x in titles)
    grid_w = 1 + id_w + 3 + name_w + 3 + marks_w + 24 + 3
    with_team = grid_w + team_w + 3 <= width
    head = [t("check.col_id"), t("check.col_name")] + ([t("check.col_team")] if with_team else [])
    rows: list[list[Any]] = []
    shown = grid.items()  # only the rows printed are made
    if title:
        for sid, cells in shown:
            v = cells[title]
            rows.append([sid, names[sid][0]] + ([names[sid][1]] if with_team else []) + [
                t("check.yes") if v.eligible else "✗ " + "; ".join(r.message for r in v.reasons)])
        head.append(f"{short_title(title)} — {title_label(title)}")
    elif grid_w <= width:
        for sid, cells in shown:
            vs = [cells[x] for x in titles]
            rows.append([sid, names[sid][0]] + ([names[sid][1]] if with_team else [])
                        + ["✓" if v.eligible else "✗" for v in vs] + [grouped_reasons(vs)])
        head += [short_title(x).replace(" ", "\n") for x in titles] + [t("check.col_reasons")]
    else:
        for sid, cells in shown:
            vs = [cells[x] for x in titles]
            yes = ", ".join(short_title(v.title) for v in vs if v.eligible) or t("check.none")
            rows.append([sid, names[sid][0]] + ([names[sid][1]] if with_team else []) + [yes, grouped_reasons(vs)])
        head += [t("check.col_yes_titles"), t("check.col_reasons")]
    where = t("common.rows_shown_where_file", sheet=sheet, path=target) if target else ""
    print_table(t("check.table_title", year=result.school_year, regime=result.regime), head, rows, limit=limit,
                where=where, total=len(names))
    team_where = (t("common.rows_shown_where_file", sheet=RESULT_SHEETS["teams"], path=target) if target
                  else "")
    print_table(t("check.teams_title"), [t("check.col_team"), t("check.col_team_title"), t("check.col_result")],
                [[v.subject, short_title(v.title), t("check.yes") if v.eligible
                  else "✗ " + "; ".join(dict.fromkeys(short_reason(r) for r in v.reasons))]
                 for v in result.teams], limit=limit, where=team_where)
    counts = Counter((v.title, v.eligible) for v in result.verdicts)
    yes_n = {x: counts[(x, True)] for x in Title}
    no_n = {x: counts[(x, False)] for x in Title}
    print_table(t("check.counts_title"), [t("check.col_title"), t("check.col_eligible"), t("check.col_not")],
                [[f"{x.value} — {title_label(x)}", yes_n[x], no_n[x]] for x in Title if yes_n[x] or no_n[x]])
    if not title:
        console().print(t("check.legend", sheet=sheet))


def run(args: argparse.Namespace) -> int:
    # the whole command with the cyclic collector paused: reading, checking and the outputs build records,
    # verdicts, rows and pieces of text that form no cycles; a collection would only walk them all. Called as a
    # library (tests, cli.main) they are freed when _run returns, before the collector resumes, so it finds
    # nothing to walk; as the program they are kept until the process ends at once (keep_until_exit).
    with paused_gc():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    title = None
    if args.title:
        try:
            title = Title(args.title.upper())
        except ValueError:
            console(stderr=True).print("Lỗi: " + t("check.bad_title", title=args.title,
                                                    codes=", ".join(x.value for x in Title)))
            return EXIT_INPUT
    with progress(t("common.progress.read")):
        data = api.read(args.file)
    with phase(t("common.progress.check")):  # no progress-bar thread: a large check may use two processes
        result = api.check(data, school_year=args.school_year, regime=args.regime)
    code = _output(args, result, title)
    keep_until_exit(data, result)  # when the program ends at once after this command (cli.program)
    return code


def _output(args: argparse.Namespace, result: Any, title: Title | None) -> int:
    target = None if args.no_write else (args.results or writer.default_results_path(args.file))
    sheet = RESULT_SHEETS["eligibility"]
    # the results workbook is written by a second process while this one prints (where forking is safe; else
    # first, here); the command ends only when it is written, so a closed pipe (`| head`) cannot lose it
    written = forked(_write, result, target, args.file) if target is not None else None
    try:
        as_json = args.json or args.json_indent is not None
        if args.json_indent is not None:  # for people: the whole tree, indented (the pure-Python encoder)
            print_json(check_view.to_json(result), indent=args.json_indent)
        elif as_json:  # compact, written as it is made
            write_chunks(check_view.iter_json(result))
        else:
            _print_tables(result, title, target, sheet, args.limit)
    finally:
        if written is not None:
            with progress(t("common.progress.write")):
                written.result()
    if target is not None and not as_json:
        console().print(t("check.written", sheet=sheet, path=target))
    return EXIT_OK


def _write(result: Any, target: Path, source: Path) -> Path:
    return writer.write_results(check_view.to_tables(result), target, input_path=source)
