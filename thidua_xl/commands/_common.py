"""Helpers shared by subcommands: console, tables, progress, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    # In a pipe or CI log there is no terminal width: use a wide one so tables stay readable.
    width = None if stream.isatty() else 200
    return Console(stderr=stderr, highlight=False, soft_wrap=False, width=width)


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(title: str, headers: list[str], rows: Iterable[list[Any]], styles: list[str] | None = None) -> None:
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for h in headers:
        table.add_column(h, overflow="fold")
    for i, row in enumerate(rows):
        table.add_row(*["" if v is None else str(v) for v in row], style=(styles[i] if styles else None))
    console().print(table)


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr (hidden when stderr is not a terminal, e.g. in CI)."""
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
