"""Date arithmetic of the eligibility rules (documented in docs/rules.md).

- service months = whole calendar months from the recruitment date to the consideration date
  (15/01 → 14/07 is 5 months; 15/01 → 15/07 is 6); "dưới 6 tháng" excludes < 6 only;
- a date moved by whole years keeps its day, except 29/02 which becomes 28/02;
- school years are written "2024-2025".
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from thidua_xl.messages import t


def add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/02 → 28/02
        return d.replace(year=d.year + years, day=28)


def add_months(d: dt.date, months: int) -> dt.date:
    y, mth = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, mth + 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def whole_months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def years_text(days: int) -> str:
    """A length of service in words: "20 năm", "19 năm 11 tháng" (365-day years, 30-day months)."""
    y, rest = divmod(days, 365)
    return t("elig.years_months", years=y, months=rest // 30) if rest >= 30 else t("elig.years", years=y)


@lru_cache(maxsize=4096)
def prev_year(school_year: str, k: int = 1) -> str:
    a = int(school_year[:4]) - k
    return f"{a}-{a + 1}"


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "?"
