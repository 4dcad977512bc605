"""``thidua map FILE``: map the school's own column headers to the standard columns, once."""

from __future__ import annotations

import argparse
from pathlib import Path

from thidua_xl import api
from thidua_xl.cli import EXIT_OK
from thidua_xl.commands._common import console, print_table, progress
from thidua_xl.messages import t
from thidua_xl.text import header_key
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.mapping import (
    current_rows,
    read_column_map,
    sidecar_path,
    sidecar_rows,
    suggest,
    write_column_map,
)
from thidua_xl.workbook.tables import Reading

NAME = "map"
ORDER = 25
HELP = "Ánh xạ tiêu đề cột riêng của trường sang cột chuẩn (map the school's own column headers)"
DESCRIPTION = (
    "Tìm các tiêu đề cột không khớp cột chuẩn nào, gợi ý cột chuẩn gần nhất và ghi trang 'Ánh xạ cột' vào tệp "
    "<tên>_anhxa.xlsx cạnh sổ tính (sổ tính không bị sửa). Mọi lần chạy sau đều dùng ánh xạ này; chạy lại để "
    "thêm gợi ý mới (các dòng đã có được giữ nguyên).\n"
    "Finds the column headers that match no standard column, suggests the closest standard column and writes "
    "the 'Ánh xạ cột' sheet to <name>_anhxa.xlsx beside the workbook (which is never modified). Every later run "
    "uses it; run again to add new suggestions (existing rows are kept)."
)
# Headers that are never data (row numbers): not worth a mapping row.
_NOT_DATA = frozenset({"stt", "tt", "số tt", "số thứ tự"})


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, metavar="FILE", help="sổ tính .xlsx (the workbook)")


def _tables(path: Path) -> dict[str, list[list[object]]]:
    from python_calamine import CalamineWorkbook  # heavy: the native reader only when a file is read

    wb = CalamineWorkbook.from_path(str(path))
    lookup = s.sheet_lookup()
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names
            if header_key(n) in lookup}


def run(args: argparse.Namespace) -> int:
    with progress(t("common.progress.read")):
        api.read(args.file)  # a file that is no workbook gets its message here
        tables = _tables(args.file)
    side = sidecar_path(args.file)
    own = next((n for n in tables if s.sheet_lookup()[header_key(n)] is s.COLUMN_MAP), None)
    map_rows = tables[own] if own else (sidecar_rows(args.file) or [])
    existing = current_rows({s.COLUMN_MAP.name: map_rows}) if map_rows else []
    rd = Reading({s.COLUMN_MAP.name: map_rows} if map_rows else {}, str(args.file))
    if map_rows:
        read_column_map(rd)
    suggestions, unmatched = suggest(tables, rd.column_maps)
    have = {(header_key(r[0]), header_key(r[1])) for r in existing}
    new = [(x.sheet, x.header, x.standard) for x in suggestions
           if (header_key(x.sheet), header_key(x.header)) not in have and header_key(x.header) not in _NOT_DATA]
    con = console()
    if new:
        print_table(t("map.table_title"), [t("map.col_sheet"), t("map.col_header"), t("map.col_standard")],
                    [[a, b, c or t("map.no_suggestion")] for a, b, c in new])
    by_sheet: dict[str, list[str]] = {}
    for sheet, column in unmatched:
        by_sheet.setdefault(sheet, []).append(column)
    for sheet, columns in by_sheet.items():
        con.print(t("map.unmatched", sheet=sheet, columns=", ".join(columns)))
    if not new:
        con.print(t("map.nothing"))
        return EXIT_OK
    if own:
        con.print(t("map.own_sheet", path=side))
        return EXIT_OK
    write_column_map(existing + new, side)
    con.print(t("map.written", n=len(existing) + len(new), path=side))
    return EXIT_OK
