"""The ward's (or the Sở's) documents from a roll-up: the Quyết định công nhận draft and its attached list for the
titles the ward decides, the tờ trình to the level above for the titles decided there, and the summary table per
school — the same template system and NĐ 30/2020 blocks as the school's dossier
(:mod:`thidua_xl.reports.build_ward_templates`).

Who decides each title comes from the rule set of the decision date (``authority.yaml``, :mod:`thidua_xl.core.
authority`): the ward's "local" titles go into the Quyết định, the others into the tờ trình, grouped by the level
that decides them. The "Căn cứ" lines are the rule set's ``basis.lines``, in force on the decision date.

A nominee goes into a document only when the school proposes them, the ward's re-check finds them eligible, no
cross-school error names them, and — when the ward's council voted on the title — the council proposes them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua_xl.core import authority as auth
from thidua_xl.core.model import SchoolInfo, TallyResult, Title
from thidua_xl.core.rollup.model import Nominee, Rollup
from thidua_xl.errors import InputError
from thidua_xl.fileio import os_error_message, write_atomic
from thidua_xl.messages import t
from thidua_xl.reports import default_template
from thidua_xl.reports.context import (
    EMULATION_TITLES,
    can_cu_lines,
    count_text,
    date_text,
    place_date,
    roman,
    running_case,
)
from thidua_xl.reports.render import Template
from thidua_xl.text import format_percent, name_key
from thidua_xl.views.rollup import certification
from thidua_xl.vocabulary import title_label

DOCUMENTS: dict[str, str] = {
    "qd_cong_nhan.docx": "01_quyet_dinh_cong_nhan.docx",
    "qd_danh_sach.docx": "02_danh_sach_kem_theo_quyet_dinh.docx",
    "to_trinh_cap_tren.docx": "03_to_trinh_de_nghi_cap_tren.docx",
    "tong_hop_truong.docx": "04_bang_tong_hop_theo_truong.docx",
}
# Cross-school problems that keep a nominee out of the ward's documents.
BLOCKING = frozenset({"DUPLICATE_PERSON", "UNCERTIFIED_TALLY", "NOT_ELIGIBLE_NOMINEE"})
BLOCKING_FILE = frozenset({"SCHOOL_SENT_TWICE"})  # every nominee of the file is held back
DOTS = "…"


@dataclass
class WardDocuments:
    """What :func:`build_ward_documents` wrote, and what it decided."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    charts: list[Path] = field(default_factory=list)  # the ranked bar chart of each group (PNG)
    decided: dict[Title, list[Nominee]] = field(default_factory=dict)  # in the Quyết định
    proposed: dict[Title, list[Nominee]] = field(default_factory=dict)  # in the tờ trình
    held: list[Nominee] = field(default_factory=list)  # proposed by a school but kept out (a blocking problem)
    regime: str = ""
    on: dt.date | None = None


def ward_info(rollup: Rollup) -> SchoolInfo:
    """The ward as the authority module sees a unit: its province, itself as the deciding commune/ward."""
    c = rollup.config
    return SchoolInfo(school_name=c.unit_name, school_year=c.school_year, province=c.province,
                      commune=running_case(c.unit_name).replace("UBND ", ""),
                      under_department=c.level == "department")


def _blocked(rollup: Rollup) -> tuple[set[tuple[str, str]], set[str]]:
    """(file, subject) named by a blocking error, and the files blocked as a whole (a school sent twice)."""
    people = {(p.file, p.subject) for p in rollup.problems
              if p.problem.code in BLOCKING and p.problem.severity == "error"}
    return people, {p.file for p in rollup.problems if p.problem.code in BLOCKING_FILE}


def selected(rollup: Rollup, council: TallyResult | None = None) -> tuple[dict[Title, list[Nominee]], list[Nominee]]:
    """The nominees of each title that go into the ward's documents (Vietnamese name order), and those held back."""
    blocked, blocked_files = _blocked(rollup)
    council_titles = {tt.title: {c.subject for c in tt.candidates if c.proposed} for tt in council.titles} \
        if council is not None else {}
    out: dict[Title, list[Nominee]] = {}
    held: list[Nominee] = []
    for title in Title:
        for n in rollup.nominees(title):
            if not n.proposed:
                continue
            ok = (n.eligible is True and (n.file, n.subject) not in blocked and n.file not in blocked_files
                  and n.certified is not False)
            if ok and title in council_titles:
                ok = n.council_key in council_titles[title]
            if ok:
                out.setdefault(title, []).append(n)
            else:
                held.append(n)
    for items in out.values():
        items.sort(key=lambda n: (name_key(n.name), n.school_name, n.subject))
    return out, held


def _unit(title: Title) -> str:
    return t("reports.word.team") if title.is_team else t("reports.word.person")


def _title_rows(by_title: dict[Title, list[Nominee]], group: dict[Title, int] | None = None) -> list[dict[str, Any]]:
    rows = []
    for k, (title, items) in enumerate(by_title.items()):
        unit = _unit(title)
        label = title_label(title.value)
        rows.append({
            "code": title.value, "label": label, "label_upper": f"DANH HIỆU “{label.upper()}”" if title in
            EMULATION_TITLES else label.upper(), "roman": roman(k), "count_text": count_text(len(items)), "unit": unit,
            "line": f"{label}: {count_text(len(items))} {unit}", "group": (group or {}).get(title, 1),
            "nominees": [{"stt": i, "name": n.name, "school": n.school_name,
                          "birth_date": f"{n.birth_date:%d/%m/%Y}" if n.birth_date else "",
                          "percent": format_percent(n.share) if n.share is not None else "—"}
                         for i, n in enumerate(items, start=1)],
        })
    return rows


def _summary(by_title: dict[Title, list[Nominee]]) -> str:
    people = sum(len(v) for k, v in by_title.items() if not k.is_team)
    teams = sum(len(v) for k, v in by_title.items() if k.is_team)
    parts = []
    if people:
        parts.append(f"{count_text(people)} lượt cá nhân")
    if teams:
        parts.append(f"{count_text(teams)} tập thể")
    return " và ".join(parts) if parts else t("rollup.doc.nobody")


def _per_school(by_title: dict[Title, list[Nominee]], file: str, counts: Counter[tuple[Title, str]]) -> str:
    """The titles of ``by_title`` the school of ``file`` has nominees in, with their numbers ("LĐTT 3; CSTĐCS 1")."""
    return "; ".join(f"{t(f'title_short.{k.value}')} {counts[k, file]}" for k in by_title if counts[k, file]) or "—"


def ward_context(rollup: Rollup, rules: Any, council: TallyResult | None = None) -> tuple[dict[str, Any],
                                                                                           WardDocuments]:
    """The documents' variables, and what was decided (:class:`WardDocuments` without files)."""
    c = rollup.config
    info = ward_info(rollup)
    chosen, held = selected(rollup, council)
    decided = {k: v for k, v in chosen.items() if auth.level_of(rules, k) == "local"}
    above = {k: v for k, v in chosen.items() if k not in decided}
    order = {lv: i for i, lv in enumerate(auth.LEVELS)}
    above = dict(sorted(above.items(), key=lambda kv: order[auth.level_of(rules, kv[0])]))
    groups: list[dict[str, Any]] = []
    group_of: dict[Title, int] = {}
    for title in above:
        a = auth.deciding(info, rules, title)
        if not groups or groups[-1]["authority"] != a.name:
            groups.append({"number": len(groups) + 1, "authority": a.name, "cite": a.cite})
        group_of[title] = groups[-1]["number"]
    department = c.level == "department"
    unit_upper = (c.unit_name or DOTS).upper()
    # NĐ 30/2020 (Phụ lục I): a Sở's documents name the body above it first ("UBND THÀNH PHỐ HÀ NỘI" over "SỞ
    # GIÁO DỤC VÀ ĐÀO TẠO …"); a commune's or ward's UBND has no line above its own name
    governing_upper = f"UBND {auth.province_name(c.province, rules)}".upper() if department else ""
    full_upper = unit_upper.replace("UBND", "ỦY BAN NHÂN DÂN")
    signer = "GIÁM ĐỐC" if department else "CHỦ TỊCH"
    unit_text = running_case(c.unit_name or DOTS)
    issuer_text = f"{signer.capitalize()} {unit_text}"
    year = c.school_year or (rollup.schools[0].school_year if rollup.schools else DOTS)
    can_cu = can_cu_lines((str(x) for x in rules.get("basis.lines", ())),
                          f"Căn cứ Kế hoạch thi đua, khen thưởng năm học {year} của {unit_text}",
                          f"Xét đề nghị của Hiệu trưởng các trường và Hội đồng Thi đua – Khen thưởng {unit_text}")
    addressee = " và ".join(g["authority"] for g in groups) or DOTS
    code = c.doc_code or ("SGDĐT" if department else "UBND")
    decided_rows = _title_rows(decided)
    counts = Counter((title, n.file) for title, items in chosen.items() for n in items)
    context = {
        "ward": {
            "unit_upper": unit_upper, "governing_upper": governing_upper, "unit_text": unit_text, "school_year": year,
            "place_date": place_date(c.place_name, c.decision_date), "date_text": date_text(c.decision_date),
            "chairman": c.chairman or DOTS, "signer_title": signer, "signer_for": "",
            "issuer_upper": f"{signer} {full_upper}", "issuer_text": issuer_text,
        },
        "numbers": {"quyet_dinh": f"{DOTS}/QĐ-{code}", "to_trinh": f"{DOTS}/TTr-{code}"},
        "can_cu": can_cu,
        "decision": {"subject": f"Về việc công nhận danh hiệu thi đua năm học {year}", "titles": decided_rows,
                     "summary": _summary(decided)},
        "proposal": {"subject": f"Về việc đề nghị khen thưởng năm học {year}", "addressee": addressee,
                     "groups": groups, "titles": _title_rows(above, group_of), "summary": _summary(above)},
        "schools": [{"stt": i, "name": s.name, "staff": s.staff, "decided": _per_school(decided, s.file, counts),
                     "proposed": _per_school(above, s.file, counts), "certified": certification(s)}
                    for i, s in enumerate(rollup.schools, start=1)],
    }
    return context, WardDocuments(Path("."), decided=decided, proposed=above, held=held, regime=rules.regime,
                                  on=getattr(rules, "on", None))


def ward_template(name: str) -> bytes:
    """A ward template: the repository's file, else generated in memory."""
    return default_template(name, "build_ward_templates")


def build_ward_documents(rollup: Rollup, rules: Any, out_dir: str | os.PathLike[str],
                         council: TallyResult | None = None) -> WardDocuments:
    """Render the ward's four documents into ``out_dir`` (each written atomically; a rerun replaces them)."""
    context, result = ward_context(rollup, rules, council)
    out = Path(out_dir)
    result.out_dir = out
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, target in DOCUMENTS.items():
            data, _ = Template(name, ward_template(name)).render(context)
            path = out / target
            write_atomic(path, data)
            result.files.append(path)
        if rollup.scores:
            from thidua_xl.reports.ward_charts import save_ranking_charts  # start-up time: matplotlib

            result.charts = save_ranking_charts(rollup.scores, out)
    except OSError as exc:
        raise InputError(os_error_message(exc, out)) from None
    return result
