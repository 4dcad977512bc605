"""The tally's words: vocabulary labels, a rule ratio as a regulation writes it, a threshold, a mark."""

from __future__ import annotations

from fractions import Fraction

from thidua_xl.core.model import Mark, Title
from thidua_xl.core.rules import Threshold
from thidua_xl.messages.tally import LABELS
from thidua_xl.text import format_percent
from thidua_xl.vocabulary import title_label


def vocab(key: str) -> str:
    """A vocabulary label: ``vocab("title.LDTT") == "Lao động tiên tiến"``, ``vocab("base.valid_ballots")``."""
    kind, _, code = key.partition(".")
    if kind == "title":
        return title_label(Title(code))
    return LABELS[key]


def ratio_text(ratio: Fraction) -> str:
    """A rule ratio as written in a regulation: 4/5 → "80%", 2/3 → "2/3", 0.6667 → "66,67%"."""
    pct = ratio * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    if (pct * 100).denominator == 1:
        return format_percent(ratio)
    return f"{ratio.numerator}/{ratio.denominator}"


def threshold_text(th: Threshold) -> str:
    """"≥ 80% tổng số thành viên Hội đồng"."""
    comp = "≥" if th.comparator == ">=" else ">"
    return f"{comp} {ratio_text(th.ratio)} {vocab('base.' + th.base)}"


def mark_text(mark: Mark | None, raw: str = "") -> str:
    """A mark as the committee reads it, with the cell's own text when that says more: "đồng ý (x)"."""
    text = vocab(f"mark.{(mark or Mark.BLANK).value}")
    raw = raw.strip()
    return f"{text} ({raw})" if raw and raw.casefold() != text.casefold() else text
