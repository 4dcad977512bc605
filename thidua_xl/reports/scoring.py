"""The two documents of the year's emulation (issue 17), rendered from editable templates with the dossier's
template system: the per-phase summary (báo cáo sơ kết đợt thi đua: the teams' results and the phase's
commendation list) and the month's scoring table for the team meeting (one table per team).

``build_scoring_documents(data, result, out_dir, phases=..., months=..., templates=None)`` writes one .docx per
phase and per month asked for; a school's own copy of a template in ``templates`` (a folder) is used first.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua_xl.core.model import SchoolData, SchoolInfo
from thidua_xl.core.rules import ruleset_for, tag_label
from thidua_xl.core.scoring.bands import band_of
from thidua_xl.core.scoring.result import ScoringResult
from thidua_xl.errors import RuleSetError
from thidua_xl.fileio import write_atomic
from thidua_xl.reports import default_template
from thidua_xl.reports.context import DOTS, governing_body, place_date, roman
from thidua_xl.reports.render import Template
from thidua_xl.text import name_key, vi_key
from thidua_xl.views.scoring import month_rows, points_text, source_label

PHASE_TEMPLATE = "so_ket_dot.docx"
MONTH_TEMPLATE = "bang_diem_thang.docx"


@dataclass
class ScoringDocuments:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    undefined: set[str] = field(default_factory=set)  # template names left undefined (a school's own template)


def _template(name: str, templates: str | os.PathLike[str] | None) -> Template:
    own = Path(templates) / name if templates else None
    if own is not None and own.is_file():
        return Template(f"{own.parent.name}/{name}", own.read_bytes())
    return Template(name, default_template(name, "build_scoring_templates"))


def _governing(info: SchoolInfo, on: dt.date) -> str:
    """The governing body as printed on a document dated ``on``: as the dossier prints it under the rule set in
    force that day (no district after 07/2025)."""
    try:
        return governing_body(info, ruleset_for(info.school_year, consideration_date=on))
    except RuleSetError:  # no rule set for that year: as written
        return info.governing_body


def _school(data: SchoolData, on: dt.date) -> dict[str, Any]:
    info = data.info
    return {
        "school": {"name": info.school_name or DOTS, "name_upper": (info.school_name or DOTS).upper(),
                   "governing_body_upper": (_governing(info, on) or DOTS).upper(), "school_year": info.school_year,
                   "principal": info.principal or DOTS, "secretary": info.secretary or DOTS},
        "dates": {"place_date": place_date(info.place_name, on)},
        "numbers": {"so_ket": f"{DOTS}/BC-HĐTĐKT"},
    }


def _bands(result: ScoringResult) -> dict[str, Any]:
    bands = result.bands
    source = bands.citation + (f" ({tag_label(bands.tag)})" if bands.tag else "")
    return {"bands_source": source, "top": bands.top, "top_upper": bands.top.upper()}


def _count(values: Sequence[str], labels: Sequence[str]) -> str:
    parts = [f"{label} {sum(1 for v in values if v == label):02d}" for label in labels]
    return "; ".join(parts) if values else "chưa có"


def phase_context(data: SchoolData, result: ScoringResult, number: int, today: dt.date | None = None
                  ) -> dict[str, Any]:
    ph = next(p for p in result.phases if p.number == number)
    labels = [label for _, label in result.bands.levels]
    scored = [p for p in result.people if (ps := p.phases.get(number)) is not None and ps.total is not None]
    totals = [p.phases[number].total for p in scored]
    months = [m for m, n in result.month_phase.items() if n == number]
    missing = [(p, m) for p in result.people for m in p.missing if m in months]
    teams = sorted(((ts.team, ts.phases[number], ts.phase_ranks.get(number, 0), ts.members) for ts in result.teams
                    if number in ts.phases), key=lambda x: (x[2], vi_key(x[0])))
    ctx = _school(data, today or ph.end)
    ctx.update({
        "phase": {"number": number, "start": f"{ph.start:%d/%m/%Y}", "end": f"{ph.end:%d/%m/%Y}", "theme": ph.theme,
                  "months_text": ("các tháng " + ", ".join(f"{m:%m/%Y}" for m in months)) if months else "không có tháng "
                                 "nào được chấm"},
        "summary": {"people_text": f"{len(scored):02d} cán bộ, giáo viên, nhân viên",
                    "mean": points_text(sum(totals) / len(totals)) if totals else DOTS,
                    "bands_text": _count([p.phases[number].band for p in scored], labels),
                    "missing": f"{len(missing):02d}" if missing else "",
                    "missing_text": "; ".join(f"{p.name} (tháng {m:%m/%Y})" for p, m in missing[:30])
                    + ("; …" if len(missing) > 30 else ""), **_bands(result)},
        "teams": [{"stt": i, "team": team, "members": members, "score": points_text(score), "band": band_of(result.bands, score),
                   "rank": rank} for i, (team, score, rank, members) in enumerate(teams, start=1)],
        "people": [{"stt": i, "name": p.name, "team": p.team, "score": points_text(p.phases[number].total),
                    "band": p.phases[number].band, "rank": p.phases[number].rank_school}
                   for i, p in enumerate(result.phase_list(number), start=1)],
    })
    return ctx


def month_context(data: SchoolData, result: ScoringResult, month: dt.date, today: dt.date | None = None
                  ) -> dict[str, Any]:
    labels = [label for _, label in result.bands.levels]
    by_team: dict[str, list[tuple[Any, Any]]] = {}
    all_rows = month_rows(result, month)
    for p, ms in all_rows:
        by_team.setdefault(p.team, []).append((p, ms))
    teams = []
    for i, team in enumerate(sorted(by_team, key=vi_key)):
        rows = sorted(by_team[team], key=lambda pm: (pm[1] is None, pm[1].rank_team if pm[1] else 0,
                                                     name_key(pm[0].name, pm[0].staff_id)))
        scored = [ms for _, ms in rows if ms is not None]
        teams.append({
            "roman": roman(i), "team": team, "team_upper": (team or DOTS).upper(), "count_text": f"{len(rows):02d}",
            "mean": points_text(sum(ms.total for ms in scored) / len(scored)) if scored else DOTS,
            "missing_text": ", ".join(p.name for p, ms in rows if ms is None),
            "people": [{"stt": k, "name": p.name, "raw": points_text(ms.raw), "source": source_label(ms.source),
                        "deduction": points_text(ms.deduction) if ms.deduction else "",
                        "bonus": points_text(ms.bonus) if ms.bonus else "", "score": points_text(ms.total),
                        "band": ms.band, "rank_team": ms.rank_team}
                       for k, (p, ms) in enumerate(((p, ms) for p, ms in rows if ms is not None), start=1)],
        })
    ctx = _school(data, today or month)
    ctx.update({"month": {"text": f"{month:%m/%Y}"}, "teams": teams,
                "summary": {"bands_text": "; ".join(f"từ {points_text(lo)} điểm: {label}"
                                                    for lo, label in result.bands.levels),
                            "counts": _count([ms.band for _, ms in all_rows if ms], labels),
                            **_bands(result)}})
    return ctx


def build_scoring_documents(data: SchoolData, result: ScoringResult, out_dir: str | os.PathLike[str],
                            phases: Sequence[int] = (), months: Sequence[dt.date] = (),
                            templates: str | os.PathLike[str] | None = None, today: dt.date | None = None
                            ) -> ScoringDocuments:
    """One sơ kết per phase in ``phases`` and one month table per month in ``months``, written atomically into
    ``out_dir`` as ``so_ket_dot_<n>.docx`` and ``bang_diem_thang_<MM-YYYY>.docx`` (a rerun replaces them)."""
    out = ScoringDocuments(Path(out_dir))
    out.out_dir.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, str, dict[str, Any]]] = []
    for n in phases:
        jobs.append((PHASE_TEMPLATE, f"so_ket_dot_{n}.docx", phase_context(data, result, n, today)))
    for m in months:
        jobs.append((MONTH_TEMPLATE, f"bang_diem_thang_{m:%m-%Y}.docx", month_context(data, result, m, today)))
    cache: dict[str, Template] = {}
    for name, target, ctx in jobs:
        tpl = cache.get(name) or cache.setdefault(name, _template(name, templates))
        body, undefined = tpl.render(ctx)
        out.undefined |= undefined
        path = out.out_dir / target
        write_atomic(path, body)
        out.files.append(path)
    return out
