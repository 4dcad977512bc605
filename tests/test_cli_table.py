"""The terminal tables (commands/_table.py) print exactly what rich's own Table prints, in colour and without,
every cell, header and title as literal text (never rich markup)."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from thidua_xl.commands._table import PlainTable, plain_table

WORDS = ["Mã", "Họ và tên", "Chưa đạt ngưỡng: 5092/10000 = 50,92%,", "cần ≥ 80%", "tổng số thành viên Hội đồng", "—",
         "Có", "Không", "CB000001", "Nguyễn Thị Hồng Nhung", "x", "", " ", "Đủ ĐK", "Tỷ lệ",
         "khôngđủđiềukiệnvìchưađăngkýthiđuađầunămhọc", "a\nb", "Đồng\ný", "5092/10000", "50,92%"]
SPECIAL = ["[bold]đậm[/bold]", "[GAP]", ":smile:", "tab\there", "ngắt\rdòng"]


def _rich(title: str, headers: list[str], rows: list[list[str]], styles: list[str] | None) -> Table:
    """The table laid out by rich itself, its texts as written (``Text`` cells and headers, an escaped title)."""
    table = Table(title=escape(title), show_lines=False, header_style="bold")
    for h in headers:
        table.add_column(Text(h), overflow="fold")
    for i, row in enumerate(rows):
        table.add_row(*map(Text, row), style=styles[i] if styles else None)
    return table


def _printed(table: Table, width: int, colour: bool) -> str:
    out = io.StringIO()
    con = Console(file=out, width=width, force_terminal=colour, color_system="standard" if colour else None,
                  highlight=False, soft_wrap=False)
    con.print(table)
    return out.getvalue()


cell = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def tables(draw: st.DrawFn, special: bool = False) -> tuple[str, list[str], list[list[str]], list[str] | None]:
    n_cols = draw(st.integers(1, 7))
    text = st.one_of(cell, st.sampled_from(SPECIAL)) if special else cell
    headers = draw(st.lists(text, min_size=n_cols, max_size=n_cols))
    rows = draw(st.lists(st.lists(text, min_size=n_cols, max_size=n_cols), max_size=5))
    styles = draw(st.one_of(st.none(), st.lists(st.sampled_from(["", "green", "yellow", "red bold"]),
                                                min_size=len(rows), max_size=len(rows))))
    return draw(st.sampled_from(["", "Kết quả", "Chiến sĩ thi đua cơ sở — ngưỡng ≥ 80%"])), headers, rows, styles


@settings(max_examples=300, deadline=None)
@given(tables(), st.integers(8, 160), st.booleans())
def test_the_table_is_the_one_rich_prints(spec: tuple, width: int, colour: bool) -> None:
    title, headers, rows, styles = spec
    fast = plain_table(title, headers, rows, styles)
    assert fast._is_plain()  # the layout under test, not rich's
    assert _printed(fast, width, colour) == _printed(_rich(title, headers, rows, styles), width, colour)


@settings(max_examples=100, deadline=None)
@given(tables(special=True), st.integers(8, 160), st.booleans())
def test_markup_emoji_and_control_characters_print_as_written(spec: tuple, width: int, colour: bool) -> None:
    title, headers, rows, styles = spec
    fast = plain_table(title, headers, rows, styles)
    assert _printed(fast, width, colour) == _printed(_rich(title, headers, rows, styles), width, colour)


def test_a_wide_table_is_folded_to_the_terminal_like_rich() -> None:
    headers = ["Mã", "Họ và tên", "Ghi chú"]
    rows = [["CB000001", "Nguyễn Thị Hồng Nhung", "Chưa đạt ngưỡng: 5092/10000 = 50,92%, cần ≥ 80% tổng số " * 3]]
    fast = plain_table("Tiêu đề", headers, rows, ["green"])
    text = _printed(fast, 60, False)
    assert max(len(line) for line in text.splitlines()) <= 60 and "CB000001" in text
    assert text.count("\n") > 6  # the note is folded over several lines
    assert text == _printed(_rich("Tiêu đề", headers, rows, ["green"]), 60, False)
    assert isinstance(fast, PlainTable) and fast._is_plain()


def test_a_cell_with_control_characters_is_not_laid_out_by_the_fast_path() -> None:
    assert not plain_table("t", ["a"], [["tab\there"]], None)._is_plain()
    assert not plain_table("t", ["a", "b"], [["x"]], None)._is_plain()  # a short row: rich fills it


def test_brackets_are_text_not_markup() -> None:
    """A rule's tag, a team's name or a title in brackets prints as written (rich would swallow "[theo ...]")."""
    cells = ["Tổ [khối 1]", "x [theo quy chế của đơn vị, GAP]", "[b]đậm[/b] :smile:"]
    fast = plain_table("Kết quả [theo nguồn thứ cấp]", ["Tổ", "[ghi chú]", "c"], [cells], None)
    assert fast._is_plain()
    text = _printed(fast, 200, True)
    for written in (*cells, "Kết quả [theo nguồn thứ cấp]", "[ghi chú]"):
        assert written in text
