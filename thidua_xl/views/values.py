"""Values as people read them in explanations, comparisons and notebook tables (Vietnamese formats)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from thidua_xl.messages import t
from thidua_xl.messages.tally import LABELS as TALLY_LABELS
from thidua_xl.text import format_percent

MARK_OK = "✓"
MARK_BAD = "✗"
NONE = "—"


def base_label(base: str) -> str:
    """The Vietnamese name of a vote threshold's base ("total_members" → "tổng số thành viên …")."""
    return TALLY_LABELS.get(f"base.{base}", base)


def vi_percent(fraction: Fraction | int, decimals: int = 2) -> str:
    """Vietnamese percentage: 4/5 → "80,00%", 2/3 → "66,67%"."""
    return format_percent(fraction, decimals=decimals)


def vi_number(value: float | int | Fraction, decimals: int = 2) -> str:
    """A number with a decimal comma and no useless zeros: 8.8 → "8,8"; 9 → "9"."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return str(value.numerator)
    if isinstance(value, int):
        return str(value)
    text = f"{float(value):.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def yes_no(value: bool | None) -> str:
    if value is None:
        return NONE
    return t("nb.yes") if value else t("nb.no")


def mark(ok: bool | None) -> str:
    if ok is None:
        return NONE
    return MARK_OK if ok else MARK_BAD


def value_text(value: Any) -> str:
    """A rule value as people read it (fractions as percentages, tuples joined)."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, Fraction):
        return vi_percent(value) if value <= 1 else vi_number(value)
    if isinstance(value, (tuple, list, set, frozenset)):
        return ", ".join(str(v) for v in value)
    if hasattr(value, "ratio") and hasattr(value, "comparator") and hasattr(value, "base"):
        comp = "≥" if value.comparator == ">=" else ">"
        return f"{comp} {vi_percent(value.ratio)} {base_label(value.base)}"
    return str(value)
