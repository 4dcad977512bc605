"""Who decides what: the deciding authority of each title under a rule set, and the check that a workbook
under a regime without districts does not name one.

The data lives in the rule sets (``authority.yaml`` and ``common.yaml`` of each regime, cited and tagged):

* ``authority.<level>.titles`` — the titles each level decides: ``local`` (the school's next level: the
  commune/ward chairman — the district chairman before 07/2025 — or, for a school under the Sở, the Sở
  director), ``province``, ``minister``, ``prime_minister``;
* ``authority.default`` / ``authority.under_department`` — the name of the next level (``{commune}``,
  ``{province}`` filled from "Thông tin chung");
* ``authority.province`` / ``authority.minister`` / ``authority.prime_minister`` — the higher levels' names;
* ``authority.district_level`` — false from 01/07/2025 (two-level local government).

Titles are decided by the next level (the tờ trình asks it to "quyết định công nhận") or by a higher level
(the tờ trình asks the next level to "xem xét, trình" it). Pure functions: no file, no Word, no Excel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from thidua_xl.core.model import Problem, SchoolInfo, Title
from thidua_xl.messages import t
from thidua_xl.text import clean

LEVELS: tuple[str, ...] = ("local", "province", "minister", "prime_minister")
DOTS = "…"

# A district-level unit named in a text: "quận …", "huyện …", "thị xã …" (whole words), and the district's
# education office ("Phòng GD&ĐT …", "Phòng Giáo dục …"). Vocabulary of administrative units, not law.
_DISTRICT_WORDS = re.compile(r"(?<!\w)(quận|huyện|thị xã|phòng giáo dục|phòng gd)(?!\w)", re.IGNORECASE)
# In the commune field, a district-level city ("thành phố Thủ Đức", "TP. Bắc Ninh") is no commune either.
_CITY_PREFIX = re.compile(r"^\s*(thành phố|tp\.?)(?!\w)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Authority:
    """The level that decides one title, as printed."""

    level: str  # one of LEVELS
    name: str  # "Chủ tịch Ủy ban nhân dân thành phố Hà Nội"
    cite: str  # "Điều 79 Luật 06/2022/QH15"
    tag: str  # confidence tag of the title's assignment (Param.tag_text)
    next_level: bool  # decided by the level that receives the tờ trình


def level_of(rules: Any, title: Title) -> str:
    """The level deciding ``title`` (``local`` when the rule set does not place it)."""
    for level in LEVELS:
        codes = {str(c).strip().upper() for c in (rules.get(f"authority.{level}.titles", ()) or ())}
        if title.value in codes:
            return level
    return "local"


def province_name(province: str, rules: Any) -> str:
    """"Hà Nội" → "thành phố Hà Nội"; "Nghệ An" → "tỉnh Nghệ An"; "tỉnh Nghệ An" kept; blank → "…". The
    centrally-run cities are the rule set's ``authority.central_cities`` (an administrative fact that changes
    with the mergers of provinces, dated with the regime); only a bare name is completed."""
    text = clean(province)
    if not text:
        return DOTS
    low = text.casefold()
    if low.startswith(("tỉnh ", "thành phố ", "tp ", "tp.")):
        return text
    cities = {clean(c).casefold() for c in (rules.get("authority.central_cities", ()) or ())}
    return f"thành phố {text}" if low in cities else f"tỉnh {text}"


def names_district(text: str) -> bool:
    """Whether ``text`` names a district-level unit (quận, huyện, thị xã, the district's Phòng GD&ĐT)."""
    return bool(_DISTRICT_WORDS.search(clean(text or "")))


def stale_commune(info: SchoolInfo, rules: Any) -> bool:
    """The deciding level written in "Thông tin chung" names a district under a regime without districts."""
    if rules.get("authority.district_level", True) or info.under_department:
        return False
    commune = clean(info.commune or "")
    return names_district(commune) or bool(_CITY_PREFIX.match(commune))


def next_level_name(info: SchoolInfo, rules: Any) -> tuple[str, Any]:
    """The name of the level that receives the tờ trình and its parameter (None when the rule set has none).

    Under a regime without districts, a commune field naming a district is never printed: the name keeps
    "xã/phường …" for the secretary to fill in (the validation warning says so)."""
    key = "authority.under_department" if info.under_department else "authority.default"
    p = rules.params.get(key)
    if p is None:
        return DOTS, None
    commune = clean(info.commune)
    if stale_commune(info, rules) or (not commune and not rules.get("authority.district_level", True)):
        commune = t("authority.commune_blank")  # since 07/2025 the next level is a commune/ward: "xã/phường …"
    elif not commune:
        commune = DOTS
    province = clean(info.province) or DOTS
    text = str(p.value).replace("{commune}", commune).replace("{province}", province)
    return " ".join(text.split()), p


def deciding(info: SchoolInfo, rules: Any, title: Title) -> Authority:
    """Who decides ``title`` for this school under ``rules``."""
    level = level_of(rules, title)
    assign = rules.params.get(f"authority.{level}.titles")
    if level == "local":
        name, p = next_level_name(info, rules)
    else:
        p = rules.params.get(f"authority.{level}")
        name = DOTS if p is None else " ".join(
            str(p.value).replace("{province}", province_name(info.province, rules)).split())
    src = assign if assign is not None else p
    cite = src.citation_text if src is not None else ""
    tag = src.tag_text if src is not None else ""
    return Authority(level, name, cite, tag, level == "local")


def district_problems(info: SchoolInfo, rules: Any) -> list[Problem]:
    """Warnings for a workbook whose deciding level names a district under a regime without districts
    (from 01/07/2025): the "Xã/Phường (Quận/Huyện)" and "Cơ quan chủ quản" rows of "Thông tin chung"."""
    flag = rules.params.get("authority.district_level")
    if flag is None or flag.value:
        return []
    out: list[Problem] = []
    fields = (("commune", "Xã/Phường (Quận/Huyện)", stale_commune(info, rules)),
              ("governing_body", "Cơ quan chủ quản", names_district(info.governing_body)))
    rows = getattr(info, "source_rows", {}) or {}
    sheet = getattr(info, "source_sheet", "") or "Thông tin chung"
    since = flag.since.strftime("%d/%m/%Y")
    for key, header, bad in fields:
        if not bad:
            continue
        value = str(getattr(info, key) or "")
        out.append(Problem(
            "warning", "DISTRICT_AFTER_2025", sheet, rows.get(key), f"B ({header})", value,
            t("authority.district_after", item=header, value=value, regime=rules.regime, since=since),
            t("authority.district_after_hint", item=header, province=province_name(info.province, rules)),
        ))
    return out
