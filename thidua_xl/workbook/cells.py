"""Cell values → Python values: one converter per column kind, errors as (message key, hint key, values).

Each converter takes one raw cell (what calamine or xlwings gave) and returns the typed value, None for a
blank, or raises :class:`CellError`; the table reader locates the error (sheet, row, column).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from functools import lru_cache
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.messages import t
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
    "achievement_kind": m.AchievementKind,
    "gender": m.Gender,
    "contract": m.ContractType,
    "role": m.CouncilRole,
    "ballot_source": m.BallotSource,
}


# What Excel shows in a cell whose formula failed. calamine reads the classic seven as blank (the reader puts
# them back from the sheet's XML: reader._ErrorScan), openpyxl and xlwings (err_to_str) read them as this
# text; a cell holding exactly one of them is never a value.
EXCEL_ERRORS: dict[str, str] = {
    "#DIV/0!": "div0", "#N/A": "na", "#REF!": "ref", "#VALUE!": "value", "#NAME?": "name", "#NUM!": "num",
    "#NULL!": "null", "#GETTING_DATA": "other", "#SPILL!": "other", "#CALC!": "other", "#FIELD!": "other",
    "#BLOCKED!": "other", "#CONNECT!": "other", "#BUSY!": "other", "#UNKNOWN!": "other", "#DATA!": "other",
}


def shown(value: object) -> str:
    """A cell value as the user sees it in messages."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
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


def to_date(value: object, years: tuple[int, int] = s.DATE_YEARS) -> dt.date | None:
    """Excel date/datetime, Excel serial number, or text dd/mm/yyyy, d/m/yy, yyyy-mm-dd, dd.mm.yyyy, in
    ``years`` (inclusive). A bare year (2015, number or text) is an error, never the serial 2015 (1905)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _in_years(value.date(), years, value)
    if isinstance(value, dt.date):
        return _in_years(value, years, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(value, value, years)
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
        elif text.isdigit() and 4 <= len(text) <= 5:  # an Excel serial (or a bare year) stored as text
            return _serial(int(text), text, years)
        elif len(parts) == 2 and all(p.isdigit() for p in parts) and len(parts[1]) == 4 and len(parts[0]) <= 2:
            raise CellError("reader.month_year_only", "reader.year_only_hint", value=text)
        else:
            raise CellError("reader.bad_date", "reader.bad_date_hint", value=text)
    if max(map(len, parts)) > 4:
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=text)
    a, b, c = (int(p) for p in parts)
    y, mth, d = (a, b, c) if len(parts[0]) == 4 else (c, b, a)
    if len(parts[2]) == 2 and len(parts[0]) != 4:
        y += 2000 if y < 70 else 1900
    if not years[0] <= y <= years[1]:
        raise CellError("reader.date_range", "reader.date_range_hint", value=text, lo=years[0], hi=years[1])
    if len(parts[0]) != 4 and d <= 12 < mth <= 31:  # 09/14/1978: month first, as in the United States
        raise CellError("reader.us_date", "reader.us_date_hint", value=text, day=mth, month=d, year=y)
    try:
        return dt.date(y, mth, d)
    except ValueError:
        raise CellError("reader.impossible_date", "reader.bad_date_hint", value=text) from None


def _in_years(d: dt.date, years: tuple[int, int], raw: object) -> dt.date:
    if not years[0] <= d.year <= years[1]:
        serial = (d - _EXCEL_EPOCH).days
        if years[0] - 100 <= serial <= years[1]:  # 2015 typed into a date cell: Excel shows 07/07/1905
            raise CellError("reader.year_only_date", "reader.year_only_hint", value=shown(raw), year=serial)
        raise CellError("reader.date_range", "reader.date_range_hint", value=shown(raw), lo=years[0], hi=years[1])
    return d


def _serial(n: float, raw: object, years: tuple[int, int]) -> dt.date:
    if not math.isfinite(n):
        raise CellError("reader.bad_date", "reader.bad_date_hint", value=shown(raw))
    if n == int(n) and years[0] - 100 <= n <= years[1]:  # 2015: a year alone, not the serial 2015 (1905)
        raise CellError("reader.year_only", "reader.year_only_hint", value=shown(raw))
    if 1 <= n < 2_958_466:  # Excel's own range: 1900-01-01 … 9999-12-31
        d = _EXCEL_EPOCH + dt.timedelta(days=int(n))
        if years[0] <= d.year <= years[1]:
            return d
        raise CellError("reader.serial_range", "reader.date_range_hint", value=shown(raw), date=fmt_date(d),
                        lo=years[0], hi=years[1])
    raise CellError("reader.bad_date", "reader.bad_date_hint", value=shown(raw))


_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*\d{2,4}\b")


def us_order(values: Iterable[object]) -> str | None:
    """The first text date among ``values`` that can only be month-first (09/14/1978), or None."""
    for v in values:
        if isinstance(v, str):
            found = _DAY_MONTH.match(v)
            if found and int(found.group(1)) <= 12 < int(found.group(2)) <= 31:
                return clean(v)
    return None


def ambiguous(value: object) -> bool:
    """A text date whose day and month could be swapped (03/04/1978: 3 April or 4 March)."""
    if not isinstance(value, str):
        return False
    found = _DAY_MONTH.match(value)
    return bool(found) and 1 <= int(found.group(1)) <= 12 and 1 <= int(found.group(2)) <= 12 and (
        int(found.group(1)) != int(found.group(2)))


_NUMBER_UNIT = re.compile(r"^(-?\d+(?:[.,]\d+)?)\s*(?:tháng|thang|năm|nam|th|n)\.?$", re.IGNORECASE)
# A number typed as text: digits, one decimal separator, an exponent of at most three digits, or a fraction
# a/b; anything longer is not a number a school types (and Fraction() of 1e100000000 would never end).
_NUMBER_TEXT = re.compile(r"^[+-]?(?:\d{1,30}(?:\.\d{1,30})?(?:e[+-]?\d{1,3})?|\.\d{1,30}|\d{1,9}/\d{1,9})$",
                          re.IGNORECASE)

_HUGE_TEXT = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)


def to_number(value: object) -> Fraction | None:
    """Exact number; text "2,5", "2.5", "6 tháng" accepted. Bounded in time whatever the cell holds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError("reader.bad_number", "reader.bad_number_hint", value=value)
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CellError("reader.huge_number", "reader.bad_number_hint", value=shown(value))
        return Fraction(repr(value))  # at most ~310 digits: quick
    text = clean(value)
    if not text:
        return None
    unit = _NUMBER_UNIT.match(text)
    if unit:
        text = unit.group(1)
    text = text.replace(" ", "").replace(",", ".")
    if not _NUMBER_TEXT.match(text):
        huge = len(text) < 200 and _HUGE_TEXT.match(text)  # 1e5000, 1e100000000, 40 digits: not usable
        raise CellError("reader.huge_number" if huge else "reader.bad_number", "reader.bad_number_hint",
                        value=clean(value))
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
        if not s.DATE_YEARS[0] <= int(parts[0]) < s.DATE_YEARS[1]:
            raise CellError("reader.school_year_range", "reader.bad_school_year_hint", value=text,
                            lo=s.DATE_YEARS[0], hi=s.DATE_YEARS[1])
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


def _ranged(bounds: tuple[int, int], integer: bool) -> Callable[[object], Fraction | int | None]:
    """A number (``integer``: a whole number) within ``bounds`` (inclusive): the column's documented range."""
    lo, hi = bounds
    months = bounds == (0, 12)

    def convert(value: object) -> Fraction | int | None:
        n = to_int(value) if integer else to_number(value)
        if n is None:
            return None
        if lo <= n <= hi:
            return n
        if months:
            raise CellError("reader.months_range", "reader.months_range_hint", value=shown(value))
        if n < 0 <= lo:
            raise CellError("reader.negative", "reader.negative_hint", value=shown(value))
        raise CellError("reader.out_of_range", "reader.out_of_range_hint", value=shown(value), lo=lo, hi=hi)

    return convert


def _excel_error(value: object) -> CellError:
    code = EXCEL_ERRORS[value]  # type: ignore[index]
    return CellError("reader.excel_error", "reader.excel_error_hint", value=value,
                     meaning=t(f"reader.excel_error_{code}"))


def excel_error(value: object) -> CellError | None:
    """The located error for a cell showing an Excel error (#DIV/0!, #N/A, ...), else None."""
    if isinstance(value, str) and value in EXCEL_ERRORS:
        return _excel_error(value)
    return None


@lru_cache(maxsize=512)
def converter(col: s.Column) -> Callable[[object], Any]:
    """The converter for one column, chosen once per column (never per cell; made once per process: it depends
    on the column only); a cell showing an Excel error (#DIV/0!, #N/A, ...) is an error in every column."""
    conv = _converter(col)

    def convert(value: object) -> Any:
        if isinstance(value, str) and value in EXCEL_ERRORS:
            raise _excel_error(value)
        return conv(value)

    return convert


def _converter(col: s.Column) -> Callable[[object], Any]:
    if col.key == "school_year":
        return to_school_year
    if col.kind == "code":
        return _vocab_converter(col.vocab)
    if col.kind == "bool":
        conv = _vocab_converter(col.vocab, fallback="yes_no" if col.vocab != "yes_no" else "")
        return lambda v: (None if (c := conv(v)) is None else c == "1")
    if col.kind == "date":
        years = col.bounds or s.DATE_YEARS
        return lambda v: to_date(v, years)
    if col.kind in ("number", "int"):
        if col.bounds is None:
            raise ValueError(f"column {col.key}: a number needs its bounds in the schema")
        return _ranged(col.bounds, col.kind == "int")
    # text (and any other kind): cleaned; a number typed in a text column reads "45", not "45.0"
    return _BY_KIND.get(col.kind, to_id)


_BY_KIND: dict[str, Callable[[object], Any]] = {"id": to_id, "name": normalize_name}
