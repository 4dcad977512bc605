"""Rule sets: the law as dated, cited data.

Each regime (``2017``, ``2024``, ``2025``; room for ``2026``) is a folder under ``rules/data/`` holding
YAML files (one per topic: ``common.yaml``, ``eligibility.yaml``, ``vote.yaml``, ``forms.yaml``).
Every parameter carries its value, the date from which it applies, its citation (document, article,
clause) and a confidence tag. A regime may ``inherit`` another: inherited values are re-tagged
UNVERIFIED unless the child redefines them. School or provincial overrides (sheet "Quy định riêng")
are layered on top and remembered, so every explanation can say a value was overridden.

The regime is chosen by the date the dossier is considered (``choose_regime``): the consideration date,
else the council meeting date, from "Thông tin chung"; the school year gives the default only when no
date is known (or the date lies outside the school year's consideration window); a forced regime
(``--che-do``) wins. The boundary dates and their citations live in ``regimes.yaml``.

Every cited instrument has its dates of force in ``instruments.yaml``. A rule set loaded for a date
(``load_ruleset(..., on=date)``) never prints a citation of a text not in force on that date: the value
then stands as the unit's own rule (tag GAP, the reason in the note); a citation of several texts keeps
those in force; the "Căn cứ" lines keep the texts in force.

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
from thidua_xl.messages import t

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
    def tag_code(self) -> str:
        """The confidence code for machines (JSON): the tag, or OVERRIDDEN when a school/province changed it."""
        return "OVERRIDDEN" if self.override is not None else self.tag

    @property
    def tag_text(self) -> str:
        """The confidence as people read it, in Vietnamese ("chưa kiểm chứng", "theo quy chế của đơn vị")."""
        return tag_label(self.tag_code)


def tag_label(code: str) -> str:
    """Vietnamese words for a confidence code (VERIFIED … LOCAL, OVERRIDDEN); unknown text passes through."""
    return t(f"rules.tag.{code}") if code in TAGS or code == "OVERRIDDEN" else code


def tag_code_of(text: str) -> str:
    """The confidence code of a tag as printed (:func:`tag_label`'s inverse; a code passes through)."""
    if text in TAGS or text == "OVERRIDDEN":
        return text
    return next((c for c in (*TAGS, "OVERRIDDEN") if t(f"rules.tag.{c}") == text), "")


@dataclass(frozen=True, slots=True)
class Instrument:
    """A legal text with its dates of force (``instruments.yaml``)."""

    id: str  # "TT 35/2015/TT-BGDĐT"
    match: tuple[str, ...]
    start: dt.date
    until: dt.date | None  # first day no longer in force; None: in force as far as known
    replaced_by: str = ""
    tag: str = "SECONDARY"
    source: str = ""
    note: str = ""

    def in_force(self, on: dt.date) -> bool:
        return self.start <= on and (self.until is None or on < self.until)

    def position(self, text: str) -> int:
        """Where ``text`` first names this instrument (-1: not named)."""
        hits = [i for i in (text.find(m) for m in self.match) if i >= 0]
        return min(hits) if hits else -1


@dataclass(frozen=True, slots=True)
class RegimeChoice:
    """Which regime applies and what decided it."""

    regime: str
    basis: str  # "forced" | "consideration_date" | "meeting_date" | "school_year"
    date: dt.date | None  # the date that decided (None when forced or by the school year)
    on: dt.date  # the date the citations must be in force on

    def as_dict(self) -> dict[str, Any]:
        """The JSON ``che_do_theo``: ``{"can_cu": code, "ngay": ISO date or null, "mo_ta": Vietnamese}``."""
        return {"can_cu": self.basis, "ngay": self.date.isoformat() if self.date else None, "mo_ta": self.text}

    @property
    def text(self) -> str:
        """One Vietnamese sentence: "Chế độ 2025 theo ngày họp Hội đồng 15/07/2025"."""
        date = f"{self.date:%d/%m/%Y}" if self.date else ""
        return t(f"rules.choice.{self.basis}", regime=self.regime, date=date)


@dataclass(slots=True)
class RuleSet:
    regime: str
    label: str
    applies_from: dt.date
    applies_to: dt.date | None
    first_school_year: str
    params: dict[str, Param] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    choice: RegimeChoice | None = None  # how the regime was chosen (None: loaded by its id)
    on: dt.date | None = None  # the date the citations were resolved for

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


# What each type of value is, in the sentence that says a value is not one (the examples a school can follow)
_TYPE_WORDS = {"int": "một số nguyên (ví dụ 6)", "fraction": "một tỷ lệ (ví dụ 70%, 2/3)",
               "bool": "có hoặc không", "text": "chữ", "codes": "danh sách mã cách nhau bởi dấu phẩy",
               "date": "một ngày (ví dụ 01/07/2025)", "threshold": "một ngưỡng (ví dụ 80% >= total_members)"}


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
        raise RuleSetError(f"Tham số '{key}': giá trị '{raw}' không phải là {_TYPE_WORDS.get(ptype, ptype)}.") from None
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


@functools.lru_cache(maxsize=1)
def _instruments_doc() -> dict[str, Any]:
    with open(DATA_DIR / "instruments.yaml", encoding="utf-8") as fh:
        return load_yaml(fh) or {}


@functools.lru_cache(maxsize=1)
def instruments() -> tuple[Instrument, ...]:
    """Every cited legal text with its dates of force, from ``instruments.yaml``."""
    out = []
    for spec in _instruments_doc().get("instruments") or []:
        where = f"rules/data/instruments.yaml/{spec.get('id')}"
        if spec.get("tag") not in TAGS:
            raise RuleSetError(f"{where}: nhãn độ tin cậy lạ '{spec.get('tag')}'.")
        out.append(Instrument(
            id=str(spec["id"]), match=tuple(str(x) for x in spec["match"]), start=_as_date(spec["from"], where),
            until=_as_date(spec["until"], where) if spec.get("until") else None,
            replaced_by=str(spec.get("replaced_by") or ""), tag=str(spec["tag"]), source=str(spec.get("source", "")),
            note=str(spec.get("note", "")),
        ))
    return tuple(out)


def own_rule_markers() -> tuple[str, ...]:
    """Words that name the unit's own texts (Quy chế, Kế hoạch) or thidua_xl's conventions."""
    return tuple(str(x) for x in _instruments_doc().get("own_rules") or ())


def instrument_named(text: str) -> Instrument | None:
    """The instrument ``text`` names first (None: none, e.g. the unit's own rule)."""
    best: tuple[int, Instrument] | None = None
    for inst in instruments():
        pos = inst.position(text)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, inst)
    return best[1] if best else None


def cited_instruments(doc: str) -> list[Instrument]:
    """The instruments a citation names: one per part ("A; B"), the one each part names first."""
    return [i for i in (instrument_named(part) for part in doc.split(";")) if i is not None]


def regime_entry(regime: str) -> dict[str, Any]:
    entry = next((r for r in regimes_table() if str(r["id"]) == regime), None)
    if entry is None:
        raise RuleSetError(f"Không có chế độ '{regime}'. Các chế độ có: {', '.join(available_regimes())}.")
    return entry


def regime_for_date(on: dt.date) -> str:
    """The regime in force on ``on``: the latest whose ``applies_from`` is not after it (the earliest
    regime for older dates)."""
    enabled = [r for r in regimes_table() if r.get("enabled", True)]
    chosen = str(enabled[0]["id"])
    for r in sorted(enabled, key=lambda r: _as_date(r["applies_from"], "regimes.yaml")):
        if _as_date(r["applies_from"], f"regimes.yaml/{r['id']}") <= on:
            chosen = str(r["id"])
    return chosen


def default_consideration_date(school_year: str, regime: str) -> dt.date:
    """The consideration date assumed when none is known: ``consideration.default`` of the end year."""
    end = _school_year_start(school_year) + 1
    mm, dd = (int(x) for x in str(_load_base(regime).value("consideration.default")).split("-"))
    return dt.date(end, mm, dd)


def _window(regime: str, on: dt.date) -> dt.date:
    """``on`` moved into the regime's window (a forced regime cites what it cited when it applied)."""
    entry = regime_entry(regime)
    start = _as_date(entry["applies_from"], f"regimes.yaml/{regime}")
    end = _as_date(entry["applies_to"], f"regimes.yaml/{regime}") if entry.get("applies_to") else None
    if on < start:
        return start
    if end is not None and on > end:
        return end
    return on


def choose_regime(school_year: str, consideration_date: dt.date | None = None,
                  meeting_date: dt.date | None = None, forced: str | None = None) -> RegimeChoice:
    """The regime for a dossier (see the module text). A date decides only when it lies in the school
    year's consideration window (from 1 January of its end year to the end of the next year): a date of
    another year (a workbook considered "as" another school year) leaves the choice to the school year."""
    end = _school_year_start(school_year) + 1 if school_year else None
    dated: tuple[str, dt.date] | None = None
    for basis, d in (("consideration_date", consideration_date), ("meeting_date", meeting_date)):
        if d is not None and (end is None or end <= d.year <= end + 1):
            dated = (basis, d)
            break
    if dated is not None and dated[0] == "consideration_date" and consideration_date == meeting_date:
        dated = ("meeting_date", consideration_date)
    if forced:
        regime_entry(forced)
        if dated is not None:
            return RegimeChoice(forced, "forced", None, _window(forced, dated[1]))
        on = default_consideration_date(school_year, forced) if school_year else _window(forced, dt.date.today())
        return RegimeChoice(forced, "forced", None, _window(forced, on))
    if dated is not None:
        regime = regime_for_date(dated[1])
        return RegimeChoice(regime, dated[0], dated[1], dated[1])
    regime = regime_for_school_year(school_year)
    return RegimeChoice(regime, "school_year", None, _window(regime, default_consideration_date(school_year, regime)))


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


def _own_rule(p: Param, on: dt.date, gone: list[Instrument]) -> Param:
    """``p`` standing as the unit's own rule because the texts it cited were not in force on ``on``."""
    why = "; ".join(t("rules.note.not_in_force", doc=i.id, date=f"{on:%d/%m/%Y}",
                      replaced=t("rules.note.replaced_by", doc=i.replaced_by) if i.replaced_by else "")
                    for i in gone)
    return replace(p, cite=Citation(t("rules.cite.own_rule")), tag="GAP",
                   note=(p.note + " " if p.note else "") + why)


def _in_force_param(p: Param, on: dt.date) -> Param:
    parts = [part.strip() for part in p.cite.doc.split(";")]
    named = [(part, instrument_named(part)) for part in parts]
    gone = [i for _, i in named if i is not None and not i.in_force(on)]
    if p.type == "codes" and p.key == "basis.lines":
        lines = tuple(x for x in p.value if (i := instrument_named(x)) is None or i.in_force(on))
        kept = [part for part, i in named if i is None or i.in_force(on)]
        return replace(p, value=lines, cite=replace(p.cite, doc="; ".join(kept) or t("rules.cite.own_rule")))
    if not gone:
        return p
    kept = [part for part, i in named if i is None or i.in_force(on)]
    if len(parts) > 1 and any(instrument_named(part) for part in kept):
        return replace(p, cite=Citation("; ".join(kept), p.cite.article, p.cite.clause))
    return _own_rule(p, on, gone)


@functools.lru_cache(maxsize=32)
def _load_on(regime: str, on: dt.date) -> RuleSet:
    base = _load_base(regime)
    label = ", ".join(x for x in base.label.split(", ") if (i := instrument_named(x)) is None or i.in_force(on))
    return replace(base, label=label, params={k: _in_force_param(p, on) for k, p in base.params.items()}, on=on)


def load_ruleset(regime: str, overrides: list[Any] | None = None, on: dt.date | None = None) -> RuleSet:
    """Load a regime's rule set and apply overrides (``model.Override`` objects), newest last.

    With ``on``, every citation is one in force on that date (see the module text); without, the rule
    data as written (the rules document, ``thidua rules``).

    Raises :class:`RuleSetError` with a Vietnamese message when an override names an unknown
    parameter or has a value of the wrong type.
    """
    base = _load_base(regime) if on is None else _load_on(regime, on)
    rs = RuleSet(
        regime=base.regime,
        label=base.label,
        applies_from=base.applies_from,
        applies_to=base.applies_to,
        first_school_year=base.first_school_year,
        params=dict(base.params),
        meta=dict(base.meta),
        on=base.on,
    )
    for ov in overrides or []:
        p = rs.params.get(ov.key)
        where = ""
        if getattr(ov, "source", None) is not None:
            where = f" (trang '{ov.source.sheet}', dòng {ov.source.row}"
        if p is None:
            raise RuleSetError(f"Quy định riêng{where}{', cột Mã tham số)' if where else ''}: không có tham số "
                               f"'{ov.key}' trong chế độ {regime}.")
        try:
            value = parse_value(p.type, ov.value, ov.key)
        except RuleSetError as exc:  # located: the sheet, row and column the school typed it in
            raise RuleSetError(f"Quy định riêng{where}{', cột Giá trị)' if where else ''}: {exc}") from None
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


def ruleset_for(school_year: str, overrides: list[Any] | None = None, regime: str | None = None, *,
                consideration_date: dt.date | None = None, meeting_date: dt.date | None = None) -> RuleSet:
    """The rule set for a dossier: the regime chosen by :func:`choose_regime` (consideration date, else
    meeting date, else the school year; a forced ``regime`` wins), citations in force on that date, with
    overrides applied."""
    choice = choose_regime(school_year, consideration_date, meeting_date, regime)
    rs = load_ruleset(choice.regime, overrides, on=choice.on)
    rs.choice = choice
    return rs
