"""Helpers shared by subcommands: console, tables, progress, JSON output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from thidua_xl.messages import catalogue, t
from thidua_xl.workbook.cells import CellError, to_date


def console(stderr: bool = False) -> Any:
    from rich.console import Console  # heavy: rich only when printing

    stream = sys.stderr if stderr else sys.stdout
    # In a pipe or CI log there is no terminal width: use a wide one so tables stay readable, unless
    # COLUMNS says how wide the reader's screen is (rich reads it when width is None).
    width = None if stream.isatty() or os.environ.get("COLUMNS", "").isdigit() else 200
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def print_json(obj: Any, indent: int | None = 2) -> None:
    """``obj`` as JSON on stdout (``indent`` None: compact, the C encoder)."""
    seps = (",", ":") if indent is None else None
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=indent, separators=seps, default=str) + "\n")


def write_chunks(chunks: Iterable[bytes]) -> None:
    """UTF-8 text made piece by piece (e.g. :func:`thidua_xl.views.check.iter_json`) written to stdout as it
    comes, then a newline: a large output is never held whole, nor decoded and encoded again."""
    out = sys.stdout
    raw = getattr(out, "buffer", None)
    if raw is None:  # a text-only stream (a notebook's, a test's StringIO)
        for chunk in chunks:
            out.write(chunk.decode())
        out.write("\n")
        return
    out.flush()  # what was printed before comes first
    write = raw.write
    for chunk in chunks:
        write(chunk)
    write(b"\n")
    raw.flush()


DEFAULT_LIMIT = 200  # rows per table in a terminal; the results workbook and --json always hold every row


def whole_number(value: str) -> int:
    """An argparse type: a whole number ≥ 0, else a bilingual message."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"'{value}': cần số nguyên ≥ 0 (a whole number ≥ 0)")
    return n


def parse_day(value: str) -> dt.date:
    """An argparse type: a date typed dd/mm/yyyy (or yyyy-mm-dd)."""
    try:
        d = to_date(value)
    except CellError:
        d = None
    if d is None:
        raise argparse.ArgumentTypeError(t("calendar.bad_date", value=value))
    return d


def add_limit_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gioi-han", dest="limit", type=whole_number, default=DEFAULT_LIMIT, metavar="N",
                   help=f"hiện tối đa N dòng mỗi bảng, 0 = tất cả; mặc định {DEFAULT_LIMIT} "
                        f"(show at most N rows per table, 0 = all)")


def print_table(title: str, headers: list[str], rows: Iterable[list[Any]], styles: list[str] | None = None,
                limit: int = 0, where: str = "", total: int | None = None) -> None:
    """A rich table on stdout, every title, header and cell printed as written (not rich markup); with
    ``limit``, only the first ``limit`` rows and a line saying where the rest are (``where``: e.g. the results
    sheet). ``total``: the number of rows when the caller made only the first ``limit`` of them."""
    from thidua_xl.commands._table import plain_table  # heavy: rich only when printing

    rows = list(rows)
    total = len(rows) if total is None else total
    if limit and total > limit:
        rows = rows[:limit]
    table = plain_table(title, headers, rows, styles)  # rich's table, laid out without rich's per-cell work
    con = console()
    con.print(table)
    if len(rows) < total:
        con.print(t("common.rows_shown", shown=len(rows), total=total, where=where))


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr (hidden when stderr is not a terminal, e.g. in CI)."""
    # heavy: rich only when printing
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console(stderr=True), transient=True, disable=not sys.stderr.isatty()) as prog:
        task = prog.add_task(description, total=total)

        class _Handle:
            def advance(self, n: int = 1) -> None:
                prog.advance(task, n)

            def update(self, **kw: Any) -> None:
                prog.update(task, **kw)

        yield _Handle()


@contextmanager
def phase(description: str) -> Iterator[None]:
    """A one-line notice on stderr while a step runs, erased when it ends (terminal only).

    Unlike :func:`progress` it starts no thread, so the step may use two processes (a large
    eligibility check forks only when no other thread runs)."""
    show = sys.stderr.isatty()
    if show:
        sys.stderr.write(description)
        sys.stderr.flush()
    try:
        yield
    finally:
        if show:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()



def short_reason(reason: Any) -> str:
    """A few Vietnamese words for a reason code (its full sentence when no short form is known): what the
    terminal tables show; the results sheets and --json keep the full sentences."""
    key = f"reason_short.{reason.code}"
    return t(key) if key in catalogue() else reason.message
