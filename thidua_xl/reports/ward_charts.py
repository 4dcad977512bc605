"""The ranked bar chart of each group of schools (khối thi đua): one horizontal bar per school, highest score on
top, the proposal each rank implies in colour (matplotlib, Agg, imported on first use). Each PNG carries its
numbers as JSON in its ``thidua_xl`` text chunk, like the tally's charts."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from thidua_xl.core.rollup.scoring import SchoolScore
from thidua_xl.fileio import write_atomic
from thidua_xl.messages import t
from thidua_xl.reports.context import file_stem
from thidua_xl.views.values import vi_number

PNG_KEY = "thidua_xl"
DPI = 100
_FLAG = "#2e8b57"
_PLAIN = "#8497b0"


def groups(scores: list[SchoolScore]) -> dict[str, list[SchoolScore]]:
    """The scores of each group, in rank order (as :func:`thidua_xl.core.rollup.scoring.rank` left them)."""
    out: dict[str, list[SchoolScore]] = {}
    for s in scores:
        out.setdefault(s.group, []).append(s)
    return out


def chart_data(group: str, items: list[SchoolScore]) -> dict[str, Any]:
    return {"khoi": group, "truong": [{"hang": s.rank, "ma": s.code, "ten": s.name, "diem": float(s.total),
                                       "de_nghi": s.proposals} for s in items],
            "diem_toi_da": float(items[0].maximum) if items else 0.0}


def ranking_png(group: str, items: list[SchoolScore]) -> bytes:
    """One group's ranked horizontal bar chart as PNG bytes."""
    from matplotlib.figure import Figure  # heavy: matplotlib only when a chart is drawn (no pyplot: Agg)
    from matplotlib.patches import Patch  # heavy: as above

    n = max(len(items), 1)
    fig = Figure(figsize=(8, 1.0 + 0.45 * n), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(items)))[::-1]  # rank 1 on top
    values = [float(s.total) for s in items]
    bars = ax.barh(ys, values, color=[_FLAG if s.proposals else _PLAIN for s in items], edgecolor="#333333",
                   linewidth=0.6)
    for rect, s in zip(bars, items):
        label = vi_number(s.total) + (f" — {'; '.join(s.proposals)}" if s.proposals else "")
        ax.annotate(label, (rect.get_width(), rect.get_y() + rect.get_height() / 2), va="center", fontsize=8,
                    xytext=(3, 0), textcoords="offset points")
    ax.set_yticks(ys, [f"{s.rank}. {s.name}" for s in items], fontsize=8)
    top = float(items[0].maximum) if items and items[0].maximum else max(values + [1.0])
    ax.set_xlim(0, top * 1.35)
    ax.set_xlabel(t("rollup.score.chart_xlabel", max=vi_number(top)))
    ax.set_title(t("rollup.score.chart_title", group=group or "—"), fontsize=11)
    ax.legend(handles=[Patch(color=_FLAG, label=t("rollup.score.chart_proposed"))], loc="lower right", fontsize=8)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Title": t("rollup.score.chart_title", group=group or "—"),
                                             "Software": "thidua_xl",
                                             PNG_KEY: json.dumps(chart_data(group, items), ensure_ascii=True)})
    return buf.getvalue()


def file_name(group: str) -> str:
    return f"xep_hang_{file_stem(group or 'khoi')}.png"


def save_ranking_charts(scores: list[SchoolScore], folder: str | Path) -> list[Path]:
    """One PNG per group into ``folder`` (created when needed); the paths, in group order."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for group, items in groups(scores).items():
        path = out / file_name(group)
        write_atomic(path, ranking_png(group, items))
        paths.append(path)
    return paths
