"""Cell values → Python values: one converter per column kind, errors as (message key, hint key, values).

Each converter takes one raw cell (what calamine or xlwings gave) and returns the typed value, None for a
blank, or raises :class:`CellError`; the table reader locates the error (sheet, row, column).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.text import clean, normalize_name
from thidua_xl.workbook import schema as s

_EXCEL_EPOCH = dt.date(1899, 12, 30)

# Coded vocabularies that become model enums while reading.
_ENUMS: dict[str, type] = {
    "rating": m.Rating,
    "title": m.Title,
    "discipline": m.DisciplineLevel,
    "initiative_kind": m.InitiativeKind,
    "level": m.Level,
    "gender": m.Gender,
    "contract": m.ContractType,
    "role": m.CouncilRole,
    "ballot_source": m.BallotSource,
}


def shown(value: object) -> str:
    """A cell value as the user sees it in messages."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value).strip()


def fmt_date(d: dt.date) -> str:
    return d.strftime("%d/%m/%Y")


class CellError(ValueError):
    """A cell value that cannot be converted: (message key, hint key, format kwargs)."""

    def __init__(self, key: str, hint: str, **kw: object) -> None:
        super().__init__(key)
        self.key, self.hint, self.kw = key, hint, kw


_VI_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{2,4})", re.IGNORECASE)


def to_date(value: object) -> dt.date | None:
    """Excel date/datetime, Excel serial number, or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, dd.mm.yyyy."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, value)
    if not isinstance(value, str):
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=shown(value))
    text = clean(value)
    if not text:
        return None
    head = text.split(" ")[0]
    sep = "/" if "/" in head else ("-" if "-" in head else ("." if "." in head else ""))
    parts = head.split(sep) if sep else []
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        vi = _VI_DATE.search(text)
        if vi:
            parts = [vi.group(1), vi.group(2), vi.group(3)]
        elif text.isdigit() and 4 <= len(text) <= 5:  # an Excel serial stored as text
            return _serial(int(text), text)
        else:
            raise CellError("reader.bad_date", "reader.bad_date_hint", value=text)
    a, b, c = (int(p) for p in parts)
    y, mth, d = (a, b, c) if len(parts[0]) == 4 else (c, b, a)
    if len(parts[2]) == 2 and len(parts[0]) != 4:
        y += 2000 if y < 70 else 1900
    if not 1900 <= y <= 2100:
        raise CellError("reader.bad_date_year", "reader.bad_date_hint", value=text)
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise CellError("reader.impossible_date", "reader.bad_date_hint", value=text) from None


def _serial(n: float, raw: object) -> dt.date:
    if 1 <= n < 73051:  # 1900-01-01 … 2099-12-31
        return _EXCEL_EPOCH + dt.timedelta(days=int(n))
    raise CellError("reader.bad_date", "reader.bad_date_hint", value=shown(raw))


_NUMBER_UNIT = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*(?:tháng|thang|năm|nam|th|n)\.?$", re.IGNORECASE)


def to_number(value: object) -> Fraction | None:
    """Exact number; text "2,5", "2.5", "6 tháng" accepted."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    text = clean(value)
    if not text:
        return None
    unit = _NUMBER_UNIT.match(text)
    if unit:
        text = unit.group(1)
    text = text.replace(" ", "").replace(",", ".")
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=clean(value)) from None


def to_int(value: object) -> int | None:
    n = to_number(value)
    if n is None:
        return None
    if n.denominator != 1:
        raise CellError("reader.bad_int", "reader.bad_number_hint", value=shown(value))
    return int(n)


def to_id(value: object) -> str:
    """IDs: 12.0 → "12"; text cleaned."""
    if isinstance(value, str):
        if value.isascii() and value.isprintable() and "  " not in value and value == value.strip():
            return value  # already clean (the common case: "GV001"); clean() would return it unchanged
        return clean(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return clean(value)


def to_school_year(value: object) -> str | None:
    """"2024-2025" (also "2024 - 2025", "2024–2025", "2024/2025") → "2024-2025"."""
    text = clean(value)
    if not text:
        return None
    parts = text.replace(" ", "").replace("–", "-").replace("—", "-").replace("/", "-").split("-")
    if len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and int(parts[1]) == int(parts[0]) + 1:
        return f"{parts[0]}-{parts[1]}"
    raise CellError("reader.bad_school_year", "reader.bad_school_year_hint", value=text)


def _vocab_converter(vocab: str, fallback: str = "") -> Callable[[object], Any]:
    lookup = s.VOCABULARIES[vocab].lookup()
    if fallback:
        lookup = {**s.VOCABULARIES[fallback].lookup(), **lookup}
    labels = ", ".join(s.VOCABULARIES[vocab].labels)
    enum = _ENUMS.get(vocab)

    def convert(value: object) -> Any:
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = s.header_key(value)
        if key == "":
            return None
        code = lookup.get(key)
        if code is None:
            raise CellError("reader.bad_choice", "reader.bad_choice_hint", value=clean(value), labels=labels)
        return enum(code) if enum is not None else code

    return convert


def _months_value(value: object) -> Fraction | None:
    n = to_number(value)
    if n is not None and not 0 <= n <= 12:
        raise CellError("reader.months_range", "reader.months_range_hint", value=shown(value))
    return n


def _non_negative(value: object) -> Fraction | None:
    n = to_number(value)
    if n is not None and n < 0:
        raise CellError("reader.negative", "reader.negative_hint", value=shown(value))
    return n


def _non_negative_int(value: object) -> int | None:
    n = to_int(value)
    if n is not None and n < 0:
        raise CellError("reader.negative", "reader.negative_hint", value=shown(value))
    return n


def converter(col: s.Column) -> Callable[[object], Any]:
    """The converter for one column, chosen once per column (never per cell)."""
    if col.key.endswith("_months"):
        return _months_value
    if col.key == "school_year":
        return to_school_year
    if col.kind == "code":
        return _vocab_converter(col.vocab)
    if col.kind == "bool":
        conv = _vocab_converter(col.vocab, fallback="yes_no" if col.vocab != "yes_no" else "")
        return lambda v: (None if (c := conv(v)) is None else c == "1")
    # text (and any other kind): cleaned; a number typed in a text column reads "45", not "45.0"
    return _BY_KIND.get(col.kind, to_id)


_BY_KIND: dict[str, Callable[[object], Any]] = {
    "date": to_date, "number": _non_negative, "int": _non_negative_int, "id": to_id, "name": normalize_name,
}
