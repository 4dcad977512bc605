"""Rule sets: the law as dated, cited data.

Each regime (``2017``, ``2024``, ``2025``; room for ``2026``) is a folder under ``rules/data/`` holding
YAML files (one per topic: ``common.yaml``, ``eligibility.yaml``, ``vote.yaml``, ``forms.yaml``).
Every parameter carries its value, the date from which it applies, its citation (document, article,
clause) and a confidence tag. A regime may ``inherit`` another: inherited values are re-tagged
UNVERIFIED unless the child redefines them. School or provincial overrides (sheet "Quy định riêng")
are layered on top and remembered, so every explanation can say a value was overridden.

The regime is chosen by the school year alone (``regime_for_school_year``), from ``regimes.yaml``.

Parameter YAML shape::

    ldtt.min_service_months:
      type: int                       # int | fraction | bool | text | codes | threshold | date
      value: 6
      since: 2024-01-01
      cite: {doc: "TT 01/2024/TT-BNV", article: "Điều 1", clause: "khoản 5 điểm d"}
      tag: SECONDARY                  # VERIFIED | SECONDARY | UNVERIFIED | GAP | LOCAL
      label: "Thời gian công tác tối thiểu của người mới tuyển dụng (tháng)"
      note: "..."                      # optional

``fraction`` values are written "70%", "2/3" or a number; ``threshold`` values are mappings
``{ratio: "80%", comparator: ">=", base: total_members}``.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua_xl.errors import RuleSetError

DATA_DIR = Path(__file__).parent / "data"
TAGS = ("VERIFIED", "SECONDARY", "UNVERIFIED", "GAP", "LOCAL")
TYPES = ("int", "fraction", "bool", "text", "codes", "threshold", "date")
COMPARATORS = (">=", ">")
BASES = ("total_members", "present_plus_written", "valid_ballots")




@dataclass(frozen=True, slots=True)
class Citation:
    doc: str  # "NĐ 91/2017/NĐ-CP"
    article: str = ""  # "Điều 10"
    clause: str = ""  # "khoản 6" / "khoản 5 điểm d"

    def __str__(self) -> str:
        """Vietnamese order: "khoản 6 Điều 10 NĐ 91/2017/NĐ-CP"."""
        parts = [p for p in (self.clause, self.article, self.doc) if p]
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Threshold:
    """A vote threshold with explicit comparator and base (denominator)."""

    ratio: Fraction
    comparator: str  # ">=" ("từ … trở lên", "ít nhất") or ">" ("trên")
    base: str  # one of BASES

    def passes(self, approvals: int, base_count: int) -> bool:
        if base_count <= 0:
            return False
        share = Fraction(approvals, base_count)
        return share >= self.ratio if self.comparator == ">=" else share > self.ratio


@dataclass(frozen=True, slots=True)
class AppliedOverride:
    level: str  # "trường" | "tỉnh"
    citation: str
    original_value: Any
    original_citation: Citation
    sheet: str = ""
    row: int | None = None


@dataclass(frozen=True, slots=True)
class Param:
    key: str
    type: str
    value: Any
    since: dt.date
    cite: Citation
    tag: str
    label: str = ""
    note: str = ""
    regime: str = ""
    inherited_from: str = ""  # regime id when inherited
    override: AppliedOverride | None = None

    @property
    def citation_text(self) -> str:
        """Citation as shown to users, including the override when there is one."""
        if self.override is not None:
            return f"{self.override.citation} (điều chỉnh cấp {self.override.level}; gốc: {self.cite})"
        return str(self.cite)

    @property
    def tag_text(self) -> str:
        return "ĐIỀU CHỈNH" if self.override is not None else self.tag


@dataclass(slots=True)
class RuleSet:
    regime: str
    label: str
    applies_from: dt.date
    applies_to: dt.date | None
    first_school_year: str
    params: dict[str, Param] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Param:
        try:
            return self.params[key]
        except KeyError:
            raise RuleSetError(f"Chế độ {self.regime}: không có tham số '{key}'.") from None

    def value(self, key: str) -> Any:
        return self[key].value

    def get(self, key: str, default: Any = None) -> Any:
        p = self.params.get(key)
        return default if p is None else p.value

    def __contains__(self, key: str) -> bool:
        return key in self.params

    @property
    def overridden(self) -> list[Param]:
        return [p for p in self.params.values() if p.override is not None]


# ---------------------------------------------------------------- parsing


def parse_fraction(raw: Any) -> Fraction:
    """"70%" → 7/10; "2/3" → 2/3; "0,7" → 7/10; 0.7 → 7/10 (via str, never binary float)."""
    if isinstance(raw, Fraction):
        return raw
    if isinstance(raw, bool):
        raise RuleSetError(f"'{raw}' không phải là tỷ lệ.")
    if isinstance(raw, int):
        return Fraction(raw)
    text = str(raw).strip().replace(" ", "").replace(",", ".")
    try:
        if text.endswith("%"):
            return Fraction(text[:-1]) / 100
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise RuleSetError(f"'{raw}' không phải là tỷ lệ (ví dụ đúng: 70%, 2/3, 0,7).") from None


_TRUE = {"true", "có", "co", "yes", "1", "x", "đúng"}
_FALSE = {"false", "không", "khong", "no", "0", "", "sai"}


def parse_value(ptype: str, raw: Any, key: str = "") -> Any:
    """Parse a raw YAML or workbook value into the parameter's type."""
    try:
        if ptype == "int":
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, float) and raw.is_integer():
                return int(raw)
            return int(str(raw).strip())
        if ptype == "fraction":
            return parse_fraction(raw)
        if ptype == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().casefold()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError
        if ptype == "text":
            return "" if raw is None else str(raw)
        if ptype == "codes":
            if isinstance(raw, (list, tuple)):
                return tuple(str(x).strip() for x in raw)
            return tuple(x.strip() for x in str(raw).replace(";", ",").split(",") if x.strip())
        if ptype == "date":
            if isinstance(raw, dt.date):
                return raw
            text = str(raw).strip()
            if "/" in text:
                d, m, y = (int(x) for x in text.split("/"))
                return dt.date(y, m, d)
            return dt.date.fromisoformat(text)
        if ptype == "threshold":
            if isinstance(raw, Threshold):
                return raw
            if isinstance(raw, str):
                # "80% >= total_members" or ">= 80% total_members"
                parts = raw.replace("≥", ">=").split()
                comp = next((p for p in parts if p in COMPARATORS), ">=")
                base = next((p for p in parts if p in BASES), "")
                ratio = next(p for p in parts if p not in COMPARATORS and p not in BASES)
                raw = {"ratio": ratio, "comparator": comp, "base": base}
            comp = str(raw.get("comparator", ">=")).replace("≥", ">=")
            base = str(raw["base"])
            if comp not in COMPARATORS or base not in BASES:
                raise ValueError
            return Threshold(parse_fraction(raw["ratio"]), comp, base)
    except (ValueError, TypeError, KeyError, StopIteration, RuleSetError):
        raise RuleSetError(f"Tham số '{key}': giá trị '{raw}' không đúng kiểu {ptype}.") from None
    raise RuleSetError(f"Tham số '{key}': kiểu '{ptype}' không được hỗ trợ.")


def _as_date(raw: Any, where: str) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RuleSetError(f"{where}: ngày '{raw}' không hợp lệ (YYYY-MM-DD).") from None


def _param_from_yaml(regime: str, key: str, spec: dict[str, Any], where: str) -> Param:
    if not isinstance(spec, dict):
        raise RuleSetError(f"{where}: tham số '{key}' phải là một bảng (mapping).")
    missing = [k for k in ("type", "value", "since", "cite", "tag") if k not in spec]
    if missing:
        raise RuleSetError(f"{where}: tham số '{key}' thiếu {', '.join(missing)}.")
    ptype = spec["type"]
    if ptype not in TYPES:
        raise RuleSetError(f"{where}: tham số '{key}' có kiểu lạ '{ptype}'.")
    tag = spec["tag"]
    if tag not in TAGS:
        raise RuleSetError(f"{where}: tham số '{key}' có nhãn độ tin cậy lạ '{tag}'.")
    cite = spec["cite"]
    if not isinstance(cite, dict) or not str(cite.get("doc", "")).strip():
        raise RuleSetError(f"{where}: tham số '{key}' thiếu căn cứ (cite.doc).")
    return Param(
        key=key,
        type=ptype,
        value=parse_value(ptype, spec["value"], key),
        since=_as_date(spec["since"], f"{where}/{key}"),
        cite=Citation(str(cite["doc"]), str(cite.get("article", "")), str(cite.get("clause", ""))),
        tag=tag,
        label=str(spec.get("label", "")),
        note=str(spec.get("note", "")),
        regime=regime,
    )


def load_yaml(stream: Any) -> Any:
    """Parse YAML safely, with libyaml's C parser when PyYAML has it (5-10x faster than pure Python;
    the rule sets are read on every command and ribbon click)."""
    import yaml  # heavy: PyYAML only when a rule set is read (not at `import thidua_xl` or `thidua --help`)

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # a safe loader


@functools.lru_cache(maxsize=1)
def regimes_table() -> list[dict[str, Any]]:
    """The regimes, oldest first, from ``regimes.yaml``."""
    with open(DATA_DIR / "regimes.yaml", encoding="utf-8") as fh:
        data = load_yaml(fh)
    return sorted(data["regimes"], key=lambda r: _school_year_start(r["first_school_year"]))


def _school_year_start(school_year: str) -> int:
    try:
        a, b = (int(x) for x in school_year.strip().split("-"))
    except ValueError:
        raise RuleSetError(f"Năm học '{school_year}' không đúng dạng 2024-2025.") from None
    if b != a + 1:
        raise RuleSetError(f"Năm học '{school_year}' không đúng dạng 2024-2025 (năm sau = năm trước + 1).")
    return a


def regime_for_school_year(school_year: str) -> str:
    """The regime id whose first school year is the latest one not after ``school_year``."""
    start = _school_year_start(school_year)
    chosen: str | None = None
    for r in regimes_table():
        if _school_year_start(r["first_school_year"]) <= start and r.get("enabled", True):
            chosen = str(r["id"])
    if chosen is None:
        chosen = str(regimes_table()[0]["id"])
    return chosen


def available_regimes() -> list[str]:
    return [str(r["id"]) for r in regimes_table() if r.get("enabled", True)]


@functools.lru_cache(maxsize=16)
def _load_base(regime: str) -> RuleSet:
    entry = next((r for r in regimes_table() if str(r["id"]) == regime), None)
    if entry is None:
        raise RuleSetError(f"Không có chế độ '{regime}'. Các chế độ có: {', '.join(available_regimes())}.")
    rs = RuleSet(
        regime=regime,
        label=str(entry.get("label", regime)),
        applies_from=_as_date(entry["applies_from"], f"regimes.yaml/{regime}"),
        applies_to=_as_date(entry["applies_to"], f"regimes.yaml/{regime}") if entry.get("applies_to") else None,
        first_school_year=str(entry["first_school_year"]),
        meta={k: v for k, v in entry.items() if k not in ("id",)},
    )
    parent = entry.get("inherits")
    if parent:
        base = _load_base(str(parent))
        for key, p in base.params.items():
            rs.params[key] = replace(
                p,
                tag="UNVERIFIED" if p.tag != "GAP" else "GAP",
                inherited_from=p.inherited_from or p.regime,
                regime=regime,
                note=(p.note + " " if p.note else "")
                + f"Kế thừa từ chế độ {p.inherited_from or p.regime}, chưa kiểm chứng cho chế độ {regime}.",
            )
    folder = DATA_DIR / regime
    own: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            doc = load_yaml(fh) or {}
        where = f"rules/data/{regime}/{path.name}"
        for key, spec in (doc.get("params") or {}).items():
            if key in own:
                raise RuleSetError(f"{where}: tham số '{key}' đã khai báo trong {own[key]}.")
            own[key] = path.name
            rs.params[key] = _param_from_yaml(regime, key, spec, where)
        for mkey, mval in (doc.get("meta") or {}).items():
            rs.meta[mkey] = mval
    return rs


def load_ruleset(regime: str, overrides: list[Any] | None = None) -> RuleSet:
    """Load a regime's rule set and apply overrides (``model.Override`` objects), newest last.

    Raises :class:`RuleSetError` with a Vietnamese message when an override names an unknown
    parameter or has a value of the wrong type.
    """
    base = _load_base(regime)
    rs = RuleSet(
        regime=base.regime,
        label=base.label,
        applies_from=base.applies_from,
        applies_to=base.applies_to,
        first_school_year=base.first_school_year,
        params=dict(base.params),
        meta=dict(base.meta),
    )
    for ov in overrides or []:
        p = rs.params.get(ov.key)
        where = ""
        if getattr(ov, "source", None) is not None:
            where = f" (trang '{ov.source.sheet}', dòng {ov.source.row})"
        if p is None:
            raise RuleSetError(f"Quy định riêng{where}: không có tham số '{ov.key}' trong chế độ {regime}.")
        value = parse_value(p.type, ov.value, ov.key)
        rs.params[ov.key] = replace(
            p,
            value=value,
            override=AppliedOverride(
                level=ov.level or "trường",
                citation=ov.citation or f"Quy định riêng cấp {ov.level or 'trường'}",
                original_value=p.value,
                original_citation=p.cite,
                sheet=ov.source.sheet if getattr(ov, "source", None) else "",
                row=ov.source.row if getattr(ov, "source", None) else None,
            ),
        )
    return rs


def ruleset_for(school_year: str, overrides: list[Any] | None = None, regime: str | None = None) -> RuleSet:
    """The rule set for a school year (or a forced regime), with overrides applied."""
    return load_ruleset(regime or regime_for_school_year(school_year), overrides)
