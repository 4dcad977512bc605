"""Vietnamese text handling: normalisation and collation (pure Python, no ICU needed).

- :func:`clean` — NFC, NBSP/zero-width removed, Ð (Eth) → Đ, spaces collapsed. Apply to every string read.
- :func:`normalize_name` — a person's name: :func:`clean` plus "Nguyễn Thị Hồng" capitalisation.
- :func:`vi_key` — collation key following the CLDR ``vi`` tailoring: letters a < ă < â < b … đ …
  ê … ô < ơ … ư at the primary level; tones secondary (none < huyền < hỏi < ngã < sắc < nặng);
  case tertiary. So "Hà" < "Hai" < "Hài" < "Hải" and "An" < "Ân" < "Bình".
- :func:`name_key` — school-list order: tên (last word), then tên đệm, then họ; each with :func:`vi_key`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")

# Primary alphabet (CLDR vi): Vietnamese letters plus f, j, w, z for foreign names.
_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_PRIMARY = {ch: i + 1 for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a new letter (kept with the base) vs tone marks (secondary).
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


def clean(value: object) -> str:
    """NFC-normalised, trimmed text with single spaces; ``None`` → ""."""
    if value is None:
        return ""
    return _clean_str(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=131072)
def _clean_str(text: str) -> str:
    text = text.translate(_ZERO_WIDTH)
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return _SPACES.sub(" ", text).strip()


def normalize_name(value: object) -> str:
    """Clean a person's name and capitalise each word: "  nguyễn  THỊ hồng " → "Nguyễn Thị Hồng"."""
    if isinstance(value, str):
        return _normalize_name_str(value)
    return _normalize_name(value)


def _normalize_name(value: object) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in clean(value).split(" ") if w)


_normalize_name_str = lru_cache(maxsize=65536)(_normalize_name)  # a school's names recur in every sheet


def fold(value: object) -> str:
    """Case-insensitive comparison form (NFC + casefold + single spaces), diacritics kept."""
    return clean(value).casefold()


def strip_diacritics(value: object) -> str:
    """"Đặng Thị Hồng" → "Dang Thi Hong" (for fuzzy matching and ASCII identifiers only)."""
    text = unicodedata.normalize("NFD", clean(value).replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def _decompose_char(ch: str) -> tuple[int, int, int]:
    """(primary, tone, case) for one NFC character."""
    d = unicodedata.normalize("NFD", ch)
    base = d[0]
    letter_marks = "".join(m for m in d[1:] if m in _LETTER_MARKS)
    tone = 0
    for m in d[1:]:
        if m in _TONES:
            tone = _TONES[m]
    letter = unicodedata.normalize("NFC", base + letter_marks)
    lower = letter.lower()
    case = 1 if letter != lower else 0
    if lower in _PRIMARY:
        return _PRIMARY[lower], tone, case
    if base.isdigit():
        return -100 + int(base), tone, case  # digits before letters
    # Other characters: after the alphabet, by code point.
    return 1000 + ord(lower[0]), tone, case


def vi_key(value: object) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Collation key for Vietnamese text (see module docstring)."""
    if isinstance(value, str):
        return _vi_key_str(value)
    return _vi_key(value)


def _vi_key(value: object) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    text = clean(value).replace("Đ", "đ").replace("đ", "đ")
    prim: list[int] = []
    sec: list[int] = []
    ter: list[int] = []
    for ch in text:
        if ch == " ":
            prim.append(0)
            sec.append(0)
            ter.append(0)
            continue
        p, t, c = _decompose_char(ch)
        prim.append(p)
        sec.append(t)
        ter.append(c)
    return tuple(prim), tuple(sec), tuple(ter)


_vi_key_str = lru_cache(maxsize=65536)(_vi_key)  # names and name parts repeat: collate each text once


def split_name(full_name: object) -> tuple[str, str, str]:
    """(họ, đệm, tên): "Nguyễn Thị Thu Hà" → ("Nguyễn", "Thị Thu", "Hà")."""
    words = clean(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def name_key(full_name: object, tiebreak: object = "") -> tuple[object, ...]:
    """Sort key for school lists: tên, then đệm, then họ (Vietnamese collation), then a tie-breaker."""
    ho, dem, ten = split_name(full_name)
    return (vi_key(ten), vi_key(dem), vi_key(ho), str(tiebreak))


def sort_names(names: list[str]) -> list[str]:
    """Names in Vietnamese school-list order."""
    return sorted(names, key=name_key)


# ---------------------------------------------------------------- header keys

_TRAILING = re.compile(r"[\s:*]+$|\(\*\)$")


def header_key(text: object) -> str:
    """Comparison key for headers, sheet names and coded values."""
    if isinstance(text, str):
        return _header_key_str(text)
    return _header_key(text)


def _header_key(text: object) -> str:
    key = clean(text).casefold()
    return _TRAILING.sub("", key).strip()


_header_key_str = lru_cache(maxsize=65536)(_header_key)  # headers and codes repeat: fold each text once


def fraction_text(x: Fraction) -> str:
    """An exact number as people write it: 90, 7,5 (decimal comma)."""
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}".replace(".", ",")


# ---------------------------------------------------------------- percentages (display only)


def percent_value(fraction: Fraction | int, decimals: int = 2) -> Decimal:
    """``fraction`` as a percentage with ``decimals`` places, ROUND_HALF_UP, computed exactly.

    7/10 → Decimal("70.00"); 2/3 → Decimal("66.67"); 0.225665 → Decimal("22.57").
    """
    scaled = Fraction(fraction) * 100 * 10**decimals
    n = math.floor(abs(scaled) + Fraction(1, 2))  # half up (away from zero), exact: no binary float
    return Decimal(-n if scaled < 0 else n).scaleb(-decimals)


def format_percent(fraction: Fraction | int, comma: bool = True, decimals: int = 2) -> str:
    """Vietnamese display of a share: ``format_percent(Fraction(7, 10)) == "70,00%"``.

    ``comma=False`` gives the dot form ("70.00%") used in machine output.
    """
    text = f"{percent_value(fraction, decimals):f}"
    return (text.replace(".", ",") if comma else text) + "%"


# ---------------------------------------------------------------- quoting what the user typed

QUOTE_MAX = 80  # characters of a user's value quoted in a message (a presentation setting, not law)


def clip(text: str, limit: int = QUOTE_MAX) -> str:
    """``text`` cut to ``limit`` characters, the cut marked with "…" (what a message quotes of a bad value)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
