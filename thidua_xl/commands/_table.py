"""The terminal tables of :func:`thidua_xl.commands._common.print_table`, laid out without rich's per-cell work.

rich lays a table out by measuring and rendering every cell as a renderable of its own (a ``Padding`` around
a ``Text``, each with its own options, styles and line splitting): for 100 candidates × 13 columns that is a
tenth of a second, as long as counting 10,000 ballots. Our cells are plain text, so :class:`PlainTable` does
the same layout with strings: rich's own column-width rules (measure, collapse, re-measure), rich's own word
wrap (``Text.wrap``) for a cell that does not fit on one line, and the same segments, styles and box
characters, so the printed table is the one rich prints (tests/test_cli_table.py compares them, in colour and
without). Every cell and header is literal text (a rich ``Text``, never markup: a tag such as "[theo quy chế của
đơn vị]" or a team "Tổ [khối 1]" prints as it is written); the title too (escaped). A cell rich would measure
in another way (control characters, tabs) sends the whole table back to rich's own layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

PADDING = 1  # rich's default cell padding (0, 1): one space each side

# What rich would not print as the text itself, or measures in another way: control characters other than the
# line break, line separators that str.splitlines knows, tabs.
_SPECIAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def _text_range(text: str) -> tuple[int, int]:
    """``Text.__rich_measure__`` of plain text: (longest word, longest line) in terminal cells."""
    lines = text.splitlines()
    longest = max(map(cell_len, lines)) if lines else 0
    words = text.split()
    return (max(map(cell_len, words)) if words else longest), longest


def _measure(text_min: int, text_max: int, width: int) -> tuple[int, int]:
    """``Measurement.get`` of a padded cell (``Padding(Text)``) given ``width`` cells."""
    if width < 1:
        return 0, 0
    inner = width - 2 * PADDING
    if inner < 1:
        lo, hi = width, width
    else:
        lo, hi = Measurement(text_min, text_max).normalize().with_maximum(inner)
        if hi < 1:
            lo, hi = 0, 0
        lo, hi = min(lo + 2 * PADDING, width), min(hi + 2 * PADDING, width)
    lo, hi = Measurement(lo, hi).normalize().with_maximum(width)
    return (0, 0) if hi < 1 else tuple(Measurement(lo, hi).normalize())  # type: ignore[return-value]


class PlainTable(Table):
    """A rich ``Table`` of plain-text cells (as :func:`print_table` builds it) laid out with strings."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._texts: list[list[str]] = []  # per column: the header, then each row's cell
        self._plain = True

    def add_text_column(self, header: str) -> None:
        self.add_column(Text(header), overflow="fold")
        self._texts.append([header])
        self._plain = self._plain and not _SPECIAL.search(header)

    def add_text_row(self, cells: list[str], style: str | None) -> None:
        self.add_row(*map(Text, cells), style=style)
        if len(cells) != len(self._texts):  # rich fills or adds columns: its own layout
            self._plain = False
            return
        for column, text in zip(self._texts, cells):
            column.append(text)
        self._plain = self._plain and not any(map(_SPECIAL.search, cells))

    def _is_plain(self) -> bool:
        return (self._plain and bool(self.columns) and self.box is not None and self.show_edge and self.show_header
                and not (self.show_footer or self.show_lines or self.leading or self.expand or self.collapse_padding)
                and self.padding == (0, PADDING, 0, PADDING) and self.pad_edge and self.width is None
                and self.min_width is None and not self.row_styles
                and not any(r.end_section for r in self.rows)
                and all(c.width is None and c.min_width is None and c.max_width is None and not c.no_wrap
                        and c.justify == "left" and c.vertical == "top" and c.overflow == "fold"
                        and not c.style and not c.header_style and not c.ratio for c in self.columns))

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        if not self._is_plain():
            return super()._calculate_column_widths(console, options)
        self._ranges = [[_text_range(text) for text in column] for column in self._texts]
        max_width = options.max_width
        widths = [self._column_range(i, max_width)[1] or 1 for i in range(len(self.columns))]
        if sum(widths) > max_width:
            from rich._ratio import ratio_reduce  # rich's own rule for the last resort below

            widths = self._collapse_widths(widths, [True] * len(widths), max_width)
            if sum(widths) > max_width:
                widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
            widths = [self._column_range(i, w)[1] or 0 for i, w in enumerate(widths)]
        return widths

    def _column_range(self, index: int, max_width: int) -> tuple[int, int]:
        """``Table._measure_column`` of one column given ``max_width`` cells."""
        if max_width < 1:
            return 0, 0
        ranges = [_measure(lo, hi, max_width) for lo, hi in self._ranges[index]]
        lo = max(r[0] for r in ranges) if ranges else 1
        hi = max(r[1] for r in ranges) if ranges else max_width
        return min(lo, max_width), min(hi, max_width)

    def _render(self, console: Console, options: ConsoleOptions, widths: list[int]) -> Iterable[Segment]:
        if not self._is_plain() or min(widths) < 2 * PADDING + 1:
            yield from super()._render(console, options, widths)
            return
        get_style = console.get_style
        border_style = get_style(self.style or "") + get_style(self.border_style or "")
        box = self.box.substitute(options, safe=console.safe_box if self.safe_box is None else self.safe_box)
        line_end = Segment.line()
        edges = [(Segment(box.head_left, border_style), Segment(box.head_right, border_style),
                  Segment(box.head_vertical, border_style)),
                 (Segment(box.mid_left, border_style), Segment(box.mid_right, border_style),
                  Segment(box.mid_vertical, border_style)),
                 (Segment(box.foot_left, border_style), Segment(box.foot_right, border_style),
                  Segment(box.foot_vertical, border_style))]
        if any(not divider.text.strip() for _, _, divider in edges):
            yield from super()._render(console, options, widths)
            return
        yield Segment(box.get_top(widths), border_style)
        yield line_end
        header_style = get_style(self.header_style or "") + get_style("")
        cell_style = get_style("")
        n_rows = len(self.rows) + 1
        for index in range(n_rows):
            first, last = index == 0, index == n_rows - 1
            style = header_style if first else cell_style + self.get_row_style(console, index - 1)
            cells = [self._cell_lines(console, column[index], width - 2 * PADDING)
                     for column, width in zip(self._texts, widths)]
            height = max(map(len, cells))
            pad = Segment(" " * PADDING, style)
            blanks = [Segment(" " * width, style) for width in widths]
            left, right, divider = edges[0 if first else (2 if last else 1)]
            for line_no in range(height):
                yield left
                for i, lines in enumerate(cells):
                    if i:
                        yield divider
                    # the header is aligned to the bottom of its row, the other rows to the top
                    k = line_no - (height - len(lines)) if first else line_no
                    if 0 <= k < len(lines):
                        yield pad
                        yield Segment(lines[k], style)
                        yield pad
                    else:
                        yield blanks[i]
                yield right
                yield line_end
            if first:
                yield Segment(box.get_row(widths, "head", edge=True), border_style)
                yield line_end
        yield Segment(box.get_bottom(widths), border_style)
        yield line_end

    @staticmethod
    def _cell_lines(console: Console, text: str, width: int) -> list[str]:
        """The lines of one cell ``width`` cells wide, each padded to it: one line when the text fits, else
        rich's own word wrap (folding a word longer than the cell)."""
        if "\n" not in text:
            size = cell_len(text)
            if size <= width:
                return [text + " " * (width - size)]
        lines = Text(text).wrap(console, width, justify="left", overflow="fold", tab_size=console.tab_size)
        out = []
        for line in lines:
            plain = line.plain
            out.append(plain + " " * (width - cell_len(plain)))
        return out


def plain_table(title: str, headers: list[str], rows: Iterable[list[Any]], styles: list[str] | None) -> PlainTable:
    """The table :func:`print_table` prints (bold header, rows in their styles, long cells folded), every text
    as it is written."""
    from rich.markup import escape  # rich is loaded already (this module imports it)

    table = PlainTable(title=escape(title), show_lines=False, header_style="bold")
    for h in headers:
        table.add_text_column(h)
    for i, row in enumerate(rows):
        table.add_text_row(["" if v is None else str(v) for v in row], styles[i] if styles else None)
    return table

