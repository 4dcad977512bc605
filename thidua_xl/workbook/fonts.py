"""Cells typed in a legacy Vietnamese font (TCVN3 ".VnTime", ".VnTimeH"; VNI "VNI-Times"), and the
conversion of legacy text in a column to Unicode with one warning per converted cell.

calamine gives no fonts. The fonts of a workbook are listed in ``xl/styles.xml``: reading that part costs
under a millisecond, and only when it names a legacy font are the cells' fonts read (with openpyxl,
read-only, for the sheets the project reads). Measured on the demo workbook (≈3,400 cells): 0.18 s to
import openpyxl plus 0.04 s to read every cell's font, against 0.007 s for calamine's values — a price paid
only by the workbooks that need it. Without fonts the encoding comes from character statistics
(:func:`thidua_xl.legacy.detect`, per column :func:`thidua_xl.legacy.column_encoding`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from thidua_xl import legacy

# A font name in styles.xml: <name val=".VnTime"/>
_FONT_NAME = re.compile(rb'<(?:\w+:)?name\s+val="([^"]*)"')
# Column kinds whose cells are text a person typed (names, teams, notes, titles of initiatives).
TEXT_KINDS = frozenset({"text", "name", "id"})

FontCells = dict[str, dict[tuple[int, int], str]]  # sheet → (0-based row, column) → encoding


def legacy_fonts_in(path: Path | zipfile.ZipFile) -> bool:
    """Whether the workbook's styles name any TCVN3 or VNI font (cheap: one small XML part); ``path`` may be
    the package already open."""
    try:
        if isinstance(path, zipfile.ZipFile):
            styles = path.read("xl/styles.xml")
        else:
            with zipfile.ZipFile(path) as z:
                styles = z.read("xl/styles.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return any(legacy.font_encoding(n.decode("utf-8", "replace")) for n in _FONT_NAME.findall(styles))


def font_cells(path: Path, names: Sequence[str], legacy_fonts: bool | None = None) -> FontCells:
    """The cells of ``names`` whose font is a legacy one, with that font's encoding ("tcvn3", "tcvn3H",
    "vni"); empty (and nothing loaded) when the workbook uses no legacy font (``legacy_fonts``: whether it
    does, when the caller has looked already)."""
    if not (legacy_fonts_in(path) if legacy_fonts is None else legacy_fonts):
        return {}
    try:
        from openpyxl import load_workbook  # heavy: only for a workbook that uses a legacy font

        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — calamine has read the values; without fonts, statistics decide
        return {}
    out: FontCells = {}
    try:
        for name in names:
            if name not in wb.sheetnames:
                continue
            cells: dict[tuple[int, int], str] = {}
            for row in wb[name].iter_rows():
                for cell in row:
                    if not isinstance(getattr(cell, "value", None), str):
                        continue
                    enc = legacy.font_encoding(cell.font.name if cell.font is not None else None)
                    if enc:
                        cells[(cell.row - 1, cell.column - 1)] = enc
            if cells:
                out[name] = cells
    except Exception:  # noqa: BLE001 — a part openpyxl cannot parse: statistics decide
        return out
    finally:
        wb.close()
    return out


def unlegacy(raw: Sequence[Any], rows0: Sequence[int], col0: int, fonts: dict[tuple[int, int], str] | None
             ) -> tuple[list[Any] | None, list[tuple[int, str, str, str]]]:
    """Legacy text of one column converted: ``(new column or None when nothing changed, [(record index,
    before, after, encoding)])``. ``rows0``: each record's 0-based row in the sheet; ``col0``: the column."""
    texts = {v for v in set(raw) if isinstance(v, str) and not v.isascii()}  # distinct values: names recur
    if not texts and not fonts:
        return None, []
    column_enc = legacy.column_encoding(sorted(texts)) if texts else ""
    if not fonts and not column_enc and not any(legacy.detect(v) for v in texts):
        return None, []  # the common case: a Unicode column, nothing to look at cell by cell
    out: list[Any] | None = None
    notes: list[tuple[int, str, str, str]] = []
    for i, v in enumerate(raw):
        if not isinstance(v, str):
            continue
        font = fonts.get((rows0[i], col0), "") if fonts else ""
        if not font and v.isascii():
            continue
        new, enc = legacy.to_unicode(v, font or column_enc)
        if not enc:
            continue
        if out is None:
            out = list(raw)
        out[i] = new
        notes.append((i, v, new, enc))
    return out, notes
