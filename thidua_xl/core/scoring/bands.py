"""Classification bands: the school's rule ("Xếp loại điểm" sheet), else the rule set's default
(``scoring.bands``, tag GAP: the unit's rule, no law cited)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from thidua_xl.core.model import ScoreBand
from thidua_xl.errors import RuleSetError
from thidua_xl.messages import t
from thidua_xl.text import fraction_text


@dataclass(frozen=True, slots=True)
class Bands:
    """Bands from the highest floor down: ``levels[i] = (from points, label)``."""

    levels: tuple[tuple[Fraction, str], ...]
    origin: str  # "sheet" (the school's "Xếp loại điểm") | "rules" (scoring.bands of the rule set)
    citation: str = ""  # where the bands come from, as people read it
    tag: str = ""  # the confidence tag of the rule-set value ("GAP"), "" for the school's sheet

    @property
    def top(self) -> str:
        """The highest band's label (the per-phase commendation lists hold the people in it)."""
        return self.levels[0][1] if self.levels else ""

    def text(self) -> str:
        """"≥ 90: Hoàn thành xuất sắc; ≥ 70: Hoàn thành tốt; …"."""
        return "; ".join(f"≥ {fraction_text(lo)}: {label}" for lo, label in self.levels)


def band_of(bands: Bands, value: Fraction | None) -> str:
    """The label of the highest band whose floor ``value`` reaches; "" for None or below every floor."""
    if value is None:
        return ""
    for lo, label in bands.levels:
        if value >= lo:
            return label
    return ""


def parse_levels(texts: Sequence[str]) -> tuple[tuple[Fraction, str], ...]:
    """``["90: Hoàn thành xuất sắc", ...]`` (the rule-set form; "90 Hoàn thành xuất sắc" also) → levels."""
    out: list[tuple[Fraction, str]] = []
    for text in texts:
        head, sep, label = str(text).partition(":")
        if not sep:
            head, _, label = str(text).strip().partition(" ")
        try:
            lo = Fraction(head.strip().replace(",", ".").lstrip("≥>= "))
        except (ValueError, ZeroDivisionError):
            raise RuleSetError(t("scoring.bad_band", value=text)) from None
        if not label.strip():
            raise RuleSetError(t("scoring.bad_band", value=text))
        out.append((lo, label.strip()))
    return tuple(sorted(out, key=lambda lv: lv[0], reverse=True))


def bands_from(sheet: Sequence[ScoreBand], rule_texts: Sequence[str], rule_citation: str = "",
               rule_tag: str = "") -> Bands:
    """The school's bands when its sheet has any, else the rule set's."""
    if sheet:
        levels = tuple(sorted(((b.min_points, b.label) for b in sheet), key=lambda lv: lv[0], reverse=True))
        return Bands(levels, "sheet", t("scoring.bands_from_sheet", sheet=sheet[0].source.sheet
                                        if sheet[0].source else "Xếp loại điểm"))
    return Bands(parse_levels(rule_texts), "rules", rule_citation, rule_tag)
