"""Charts where people would rather look than read (matplotlib, Agg, imported on first use).

- per title voted on: each candidate's approvals as a bar, and the threshold as a horizontal line at
  ``ratio × base count`` (converted to votes; e.g. ≥ 80% of 11 members = 8,8 votes, so 9 are needed);
- per team: the share of members eligible for Lao động tiên tiến against the team-title (TTLĐTT) ratio
  of the rule set (``team.ttldtt.ldtt_share``).

The numbers behind every chart are in :func:`chart_data` (tests compare them with the tally), and each
PNG carries them as JSON in its ``thidua_xl`` text chunk, so a saved file proves what it shows::

    from PIL import Image
    json.loads(Image.open("phieu_CSTDCS.png").text["thidua_xl"])

``save_charts(tally_result, check_result_or_None, out_dir) -> list[Path]`` is what
``thidua tally FILE --chart DIR`` calls.
"""

from __future__ import annotations

import io
import json
import math
import re
import textwrap
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua_xl.core.model import CheckResult, TallyResult, Title, TitleTally
from thidua_xl.core.rules import load_ruleset
from thidua_xl.messages import t
from thidua_xl.views.values import vi_number, vi_percent
from thidua_xl.vocabulary import title_label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PNG_KEY = "thidua_xl"  # PNG text chunk holding the chart's numbers as JSON
TEAM_TITLE = Title.TTLDTT
DPI = 100

_OK = "#2e8b57"
_BAD = "#c0504d"
_LINE = "#1f3b73"


# ---------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class CandidateBar:
    subject: str
    name: str
    approvals: int
    base_count: int
    threshold_votes: Fraction  # ratio × base count (exact)
    needed: int  # least number of approvals that passes
    threshold_passed: bool
    eligible: bool | None
    proposed: bool


@dataclass(frozen=True, slots=True)
class VotesChartData:
    title: str  # code
    label: str  # Vietnamese name
    threshold_text: str
    ratio: Fraction
    comparator: str  # ">=" | ">"
    base: str
    base_count: int | None  # the same for every candidate of the title (None when they differ)
    threshold_votes: Fraction | None  # ratio × base_count: the height of the threshold line
    candidates: list[CandidateBar] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "votes", "title": self.title, "label": self.label, "threshold_text": self.threshold_text,
            "ratio": str(self.ratio), "comparator": self.comparator, "base": self.base,
            "base_count": self.base_count,
            "threshold_votes": None if self.threshold_votes is None else float(self.threshold_votes),
            "candidates": [{"subject": c.subject, "approvals": c.approvals, "base_count": c.base_count,
                            "threshold_votes": float(c.threshold_votes), "needed": c.needed,
                            "threshold_passed": c.threshold_passed, "proposed": c.proposed}
                           for c in self.candidates],
        }


@dataclass(frozen=True, slots=True)
class TeamBar:
    team: str
    members: int
    ldtt: int  # members eligible for LĐTT
    share: Fraction
    share_passed: bool  # the share criterion alone
    eligible: bool | None  # the team's TTLĐTT verdict (every criterion)


@dataclass(frozen=True, slots=True)
class TeamChartData:
    ratio: Fraction
    comparator: str
    citation: str
    tag: str
    teams: list[TeamBar] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "teams", "title": TEAM_TITLE.value, "ratio": str(self.ratio), "comparator": self.comparator,
            "threshold_percent": float(self.ratio * 100), "citation": self.citation, "tag": self.tag,
            "teams": [{"team": b.team, "members": b.members, "ldtt": b.ldtt, "share": str(b.share),
                       "share_percent": float(b.share * 100), "share_passed": b.share_passed,
                       "eligible": b.eligible} for b in self.teams],
        }


@dataclass(frozen=True, slots=True)
class ChartData:
    votes: list[VotesChartData] = field(default_factory=list)
    teams: TeamChartData | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"votes": [v.as_dict() for v in self.votes],
                "teams": None if self.teams is None else self.teams.as_dict()}


_THRESHOLD_RE = re.compile(r"^\s*(≥|>=|>)\s*([0-9]+(?:[.,][0-9]+)?\s*%|[0-9]+\s*/\s*[0-9]+)")


def parse_threshold_text(text: str) -> tuple[Fraction, str] | None:
    """"≥ 80% tổng số …" → (4/5, ">="); "> 2/3 …" → (2/3, ">"); ``None`` when not understood.

    Exact: the tally writes ratios as a whole percentage, a 2-decimal percentage or a fraction.
    """
    m = _THRESHOLD_RE.match(text or "")
    if not m:
        return None
    comp = ">" if m.group(1) == ">" else ">="
    raw = m.group(2).replace(" ", "").replace(",", ".")
    ratio = Fraction(raw[:-1]) / 100 if raw.endswith("%") else Fraction(raw)
    return ratio, comp


def needed_votes(ratio: Fraction, comparator: str, base_count: int) -> int:
    """The least number of approvals that passes ``comparator ratio × base_count``."""
    target = ratio * base_count
    return math.ceil(target) if comparator == ">=" else math.floor(target) + 1


def _title_threshold(tt: TitleTally, rules: Any) -> tuple[Fraction, str]:
    parsed = parse_threshold_text(tt.threshold_text)
    if parsed is not None:
        return parsed
    params = getattr(rules, "params", None) or {}
    p = params.get(f"vote.threshold.{tt.title.value}")
    if p is not None and hasattr(p.value, "ratio"):
        return p.value.ratio, p.value.comparator
    raise ValueError(f"Không đọc được ngưỡng '{tt.threshold_text}' của {tt.title.value}.")


def votes_data(tt: TitleTally, rules: Any = None) -> VotesChartData:
    ratio, comp = _title_threshold(tt, rules)
    bars = [CandidateBar(c.subject, c.name, c.approvals, c.base_count, ratio * c.base_count,
                         needed_votes(ratio, comp, c.base_count), c.threshold_passed, c.eligible, c.proposed)
            for c in tt.candidates]
    bases = {c.base_count for c in tt.candidates}
    base_count = bases.pop() if len(bases) == 1 else None
    base = tt.candidates[0].base if tt.candidates else ""
    return VotesChartData(tt.title.value, title_label(tt.title), tt.threshold_text, ratio, comp, base, base_count,
                          None if base_count is None else ratio * base_count, bars)


def _team_rules(check: CheckResult, rules: Any) -> Any:
    rules = rules if rules is not None else check.rules
    if rules is None and check.regime:
        rules = load_ruleset(check.regime)
    return rules


def teams_data(check: CheckResult, rules: Any = None) -> TeamChartData | None:
    """Per team, the share of members eligible for LĐTT against ``team.ttldtt.ldtt_share``."""
    rules = _team_rules(check, rules)
    if rules is None or "team.ttldtt.ldtt_share" not in rules:
        return None
    p = rules["team.ttldtt.ldtt_share"]
    ratio = Fraction(p.value)
    comp = rules.get("team.ttldtt.comparator", ">=") or ">="
    ldtt_by_team: dict[str, list[bool]] = {}
    for v in check.people:
        if v.title == Title.LDTT:
            ldtt_by_team.setdefault(v.team, []).append(v.eligible)
    verdicts = {v.subject: v for v in check.teams if v.title == TEAM_TITLE}
    names = list(verdicts) or [team for team in ldtt_by_team if team]
    bars = []
    for team in names:
        v = verdicts.get(team)
        facts = v.facts if v is not None else {}
        if "members" in facts and "ldtt" in facts:
            members, ldtt = int(facts["members"]), int(facts["ldtt"])  # type: ignore[call-overload]
        else:
            flags = ldtt_by_team.get(team, [])
            members, ldtt = len(flags), sum(flags)
        share = Fraction(ldtt, members) if members else Fraction(0)
        ok = members > 0 and (share >= ratio if comp == ">=" else share > ratio)
        bars.append(TeamBar(team, members, ldtt, share, ok, None if v is None else v.eligible))
    if not bars:
        return None
    return TeamChartData(ratio, comp, p.citation_text, p.tag_text, bars)


def chart_data(tally_result: TallyResult | None, check_result: CheckResult | None = None,
               rules: Any = None) -> ChartData:
    """The numbers behind every chart: one :class:`VotesChartData` per title voted on, and the team shares."""
    rules = rules if rules is not None else getattr(check_result, "rules", None)
    votes = [votes_data(tt, rules) for tt in tally_result.titles] if tally_result is not None else []
    teams = teams_data(check_result, rules) if check_result is not None else None
    return ChartData(votes, teams)


# ---------------------------------------------------------------- figures


def ratio_text(ratio: Fraction) -> str:
    """A rule ratio as people write it: 4/5 → "80%", 2/3 → "66,67%"."""
    pct = ratio * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else vi_percent(ratio)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure  # no pyplot: no global state, Agg when saving

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _short(name: str, limit: int = 22) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def votes_figure(d: VotesChartData) -> Figure:
    n = max(len(d.candidates), 1)
    fig = _figure(max(6.0, 0.75 * n + 2.5), 4.5)
    ax = fig.add_subplot()
    xs = list(range(len(d.candidates)))
    heights = [c.approvals for c in d.candidates]
    colors = [_OK if c.threshold_passed else _BAD for c in d.candidates]
    bars = ax.bar(xs, heights, color=colors, edgecolor="#333333", linewidth=0.6)
    for rect, c in zip(bars, d.candidates):
        ax.annotate(str(c.approvals), (rect.get_x() + rect.get_width() / 2, rect.get_height()),
                    ha="center", va="bottom", fontsize=9, xytext=(0, 2), textcoords="offset points")
    comp = "≥" if d.comparator == ">=" else ">"
    threshold = f"{comp} {ratio_text(d.ratio)}"
    if d.threshold_votes is not None and d.base_count is not None:
        ax.axhline(float(d.threshold_votes), color=_LINE, linestyle="--", linewidth=1.5,
                   label=t("nb.chart.threshold_line", threshold=threshold, base=d.base_count,
                           votes=vi_number(d.threshold_votes),
                           needed=needed_votes(d.ratio, d.comparator, d.base_count)))
    else:  # bases differ: one short threshold mark per bar
        for x, c in zip(xs, d.candidates):
            ax.hlines(float(c.threshold_votes), x - 0.4, x + 0.4, colors=_LINE, linestyles="--", linewidth=1.5)
    from matplotlib.patches import Patch  # heavy: matplotlib only when drawing

    handles, _ = ax.get_legend_handles_labels()
    handles += [Patch(color=_OK, label=t("nb.chart.passed")), Patch(color=_BAD, label=t("nb.chart.failed"))]
    top = max([c.base_count for c in d.candidates] + heights + [1])
    ax.set_ylim(0, top * 1.3 + 1)
    ax.legend(handles=handles, loc="upper center", ncols=3, fontsize=8, framealpha=0.9)
    ax.set_xticks(xs, [_short(c.name) for c in d.candidates], rotation=30 if n > 4 else 0,
                  ha="right" if n > 4 else "center", fontsize=9)
    ax.set_ylabel(t("nb.chart.votes_ylabel"))
    ax.set_title(t("nb.chart.votes_title", title=d.label), fontsize=11)
    ax.yaxis.get_major_locator().set_params(integer=True)
    return fig


def teams_figure(d: TeamChartData) -> Figure:
    n = max(len(d.teams), 1)
    fig = _figure(max(6.0, 1.1 * n + 2.5), 4.5)
    ax = fig.add_subplot()
    xs = list(range(len(d.teams)))
    heights = [float(b.share * 100) for b in d.teams]
    bars = ax.bar(xs, heights, color=[_OK if b.share_passed else _BAD for b in d.teams], edgecolor="#333333",
                  linewidth=0.6)
    for rect, b in zip(bars, d.teams):
        ax.annotate(f"{b.ldtt}/{b.members}\n{vi_percent(b.share)}",
                    (rect.get_x() + rect.get_width() / 2, rect.get_height()), ha="center", va="bottom",
                    fontsize=8, xytext=(0, 2), textcoords="offset points")
    comp = "≥" if d.comparator == ">=" else ">"
    ax.axhline(float(d.ratio * 100), color=_LINE, linestyle="--", linewidth=1.5,
               label=t("nb.chart.team_line", comp=comp, pct=ratio_text(d.ratio), cite=d.citation))
    ax.legend(loc="upper center", fontsize=8, framealpha=0.9)
    ax.set_ylim(0, 135)
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    ax.set_xticks(xs, [textwrap.fill(_short(b.team, 48), 16) for b in d.teams], fontsize=8)
    ax.set_ylabel(t("nb.chart.team_ylabel"))
    ax.set_title(t("nb.chart.team_title"), fontsize=11)
    return fig


# ---------------------------------------------------------------- charts as objects, PNG files


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: its numbers (``data``), a matplotlib figure on demand, PNG bytes (shown by Jupyter)."""

    name: str  # file stem, e.g. "phieu_CSTDCS"
    data: VotesChartData | TeamChartData | BandsHeatmapData | TeamLinesData

    def __repr__(self) -> str:
        what = self.data.label if isinstance(self.data, VotesChartData) else self._title()
        return f"<Biểu đồ {self.name}: {what}>"

    def _title(self) -> str:
        if isinstance(self.data, (BandsHeatmapData, TeamLinesData)):
            return self.data.title
        return (t("nb.chart.votes_title", title=self.data.label) if isinstance(self.data, VotesChartData)
                else t("nb.chart.team_title"))

    def figure(self) -> Figure:
        if isinstance(self.data, BandsHeatmapData):
            return heatmap_figure(self.data)
        if isinstance(self.data, TeamLinesData):
            return team_lines_figure(self.data)
        return votes_figure(self.data) if isinstance(self.data, VotesChartData) else teams_figure(self.data)

    def metadata(self) -> dict[str, str]:
        title = self._title()
        return {"Title": title, "Software": "thidua_xl",
                PNG_KEY: json.dumps(self.data.as_dict(), ensure_ascii=True, sort_keys=True)}

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.figure().savefig(buf, format="png", metadata=self.metadata())
        return buf.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_bytes(self.png())
        return path


# ---------------------------------------------------------------- scoring through the year (issue 17)

HEATMAP_MAX_PEOPLE = 120  # rows drawn in the heat map (a picture of thousands of rows shows nothing)
_BAND_COLORS = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#a50026")  # top band first
_MISSING = "#d9d9d9"


@dataclass(frozen=True, slots=True)
class BandsHeatmapData:
    """Person × month: the index of each month's band (0 = the highest band), -1 for no score."""

    title: str
    bands: list[str]  # labels, highest first
    months: list[str]  # "09/2024"
    people: list[str]  # "GV001 Nguyễn Thị Hồng"
    cells: list[list[int]]
    total_people: int  # people in the result (only the first HEATMAP_MAX_PEOPLE are drawn)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": "bands_heatmap", "title": self.title, "bands": self.bands, "months": self.months,
                "people": self.people, "cells": self.cells, "total_people": self.total_people}


@dataclass(frozen=True, slots=True)
class TeamLinesData:
    """One line per team: its members' mean score per month (None: nobody scored)."""

    title: str
    months: list[str]
    teams: dict[str, list[float | None]]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": "team_lines", "title": self.title, "months": self.months, "teams": self.teams}


def bands_heatmap_data(result: Any) -> BandsHeatmapData:
    """The heat map's numbers from a :class:`thidua_xl.core.scoring.ScoringResult` (people in rank order)."""
    labels = [label for _, label in result.bands.levels]
    index = {label: i for i, label in enumerate(labels)}
    below = len(labels)  # a score under every floor (band ""): its own colour, not the lowest band's
    shown = result.people[:HEATMAP_MAX_PEOPLE]
    cells = [[index.get(p.months[m].band, below) if m in p.months else -1 for m in result.months]
             for p in shown]
    if any(below in row for row in cells):
        labels.append(t("nb.scoring.below_bands"))
    return BandsHeatmapData(t("nb.scoring.heatmap_title", year=result.school_year), labels,
                            [f"{m:%m/%Y}" for m in result.months], [f"{p.staff_id} {p.name}" for p in shown], cells,
                            len(result.people))


def team_lines_data(result: Any) -> TeamLinesData:
    teams = {ts.team: [float(ts.months[m]) if m in ts.months else None for m in result.months] for ts in result.teams}
    return TeamLinesData(t("nb.scoring.lines_title", year=result.school_year), [f"{m:%m/%Y}" for m in result.months],
                         teams)


def heatmap_figure(d: BandsHeatmapData) -> Figure:
    from matplotlib.colors import ListedColormap  # heavy: matplotlib only when drawing
    from matplotlib.patches import Patch  # heavy: as above

    n = max(len(d.people), 1)
    fig = _figure(max(6.0, 0.6 * len(d.months) + 4.0), min(40.0, 0.22 * n + 1.8))
    ax = fig.add_subplot()
    colors = [_MISSING] + [_BAND_COLORS[min(i, len(_BAND_COLORS) - 1)] for i in range(len(d.bands))]
    ax.imshow([[c + 1 for c in row] for row in d.cells] or [[0]], cmap=ListedColormap(colors), vmin=0,
              vmax=len(colors) - 1, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(d.months)), d.months, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(d.people)), [_short(p, 30) for p in d.people], fontsize=7)
    handles = [Patch(color=colors[i + 1], label=label) for i, label in enumerate(d.bands)]
    handles.append(Patch(color=_MISSING, label=t("nb.scoring.no_score")))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    title = d.title if d.total_people <= len(d.people) else t("nb.scoring.heatmap_first", title=d.title,
                                                                 n=len(d.people), total=d.total_people)
    ax.set_title(title, fontsize=11)
    return fig


def team_lines_figure(d: TeamLinesData) -> Figure:
    fig = _figure(max(6.0, 0.6 * len(d.months) + 4.0), 4.5)
    ax = fig.add_subplot()
    xs = list(range(len(d.months)))
    for team, values in d.teams.items():
        pts = [(x, v) for x, v in zip(xs, values) if v is not None]
        if pts:
            ax.plot([x for x, _ in pts], [v for _, v in pts], marker="o", linewidth=1.5, label=_short(team, 30))
    ax.set_xticks(xs, d.months, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(t("nb.scoring.lines_ylabel"))
    ax.set_title(d.title, fontsize=11)
    if d.teams:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    return fig


def scoring_charts(result: Any) -> list[Chart]:
    """The heat map person × month of the bands and the team lines, for a scoring result."""
    return [Chart("diem_xep_loai_theo_thang", bands_heatmap_data(result)),
            Chart("diem_binh_quan_to", team_lines_data(result))]


def charts(tally_result: TallyResult | None, check_result: CheckResult | None = None,
           rules: Any = None) -> list[Chart]:
    """Every chart for a tally (one per title voted on) and, with a check result, the team shares."""
    data = chart_data(tally_result, check_result, rules)
    out = [Chart(f"phieu_{v.title}", v) for v in data.votes]
    if data.teams is not None:
        out.append(Chart("ty_le_ldtt_theo_to", data.teams))
    return out


def save_charts(tally_result: TallyResult | None, check_result: CheckResult | None,
                out_dir: str | Path) -> list[Path]:
    """Save every chart as PNG into ``out_dir`` (created if needed); returns the paths, in order."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [c.save(out / f"{c.name}.png") for c in charts(tally_result, check_result)]


def read_png_data(path: str | Path) -> dict[str, Any]:
    """The numbers a saved chart carries (its ``thidua_xl`` PNG text chunk)."""
    from PIL import Image  # heavy: Pillow only when reading a chart back

    with Image.open(path) as img:
        text = getattr(img, "text", None) or img.info
        return json.loads(text[PNG_KEY])
