"""pandas DataFrames with Vietnamese column names (pandas is imported here, on first use only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from thidua_xl.core.model import CheckResult, Problem, SchoolData, TallyResult, Verdict
from thidua_xl.core.scoring.result import ScoringResult
from thidua_xl.messages import t
from thidua_xl.notebook._common import base_label, percent_value, title_label, vi_percent
from thidua_xl.views import scoring as scoring_view
from thidua_xl.views.compare import RegimeComparison
from thidua_xl.views.explain import Explanation

if TYPE_CHECKING:  # heavy: pandas is imported by _frame on first use
    import pandas as pd


def _c(key: str, **kw: object) -> str:
    return t(f"nb.col.{key}", **kw)


def _frame(rows: list[dict[str, Any]], columns: list[str], dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    import pandas as pd  # heavy: pandas only when a DataFrame is asked for

    df = pd.DataFrame(rows, columns=columns)
    for col, dtype in (dtypes or {}).items():
        df[col] = df[col].astype(dtype)
    return df


def to_dataframe(obj: object) -> pd.DataFrame:
    """One call to a pandas DataFrame, for filtering and pivoting.

    - :class:`CheckResult`: one row per (person or team, title);
    - :class:`TallyResult`: one row per (title, candidate);
    - :class:`SchoolData` (or a list of problems): one row per validation problem;
    - :class:`Verdict` / explanation: one row per criterion; regime comparison: one row per change.
    """
    if isinstance(obj, CheckResult):
        return check_frame(obj)
    if isinstance(obj, TallyResult):
        return tally_frame(obj)
    if isinstance(obj, SchoolData):
        return problems_frame(obj.problems)
    if isinstance(obj, Explanation):
        return explanation_frame(obj)
    if isinstance(obj, Verdict):
        return explanation_frame(Explanation.from_verdict(obj))
    if isinstance(obj, RegimeComparison):
        return comparison_frame(obj)
    if isinstance(obj, (list, tuple)) and all(isinstance(p, Problem) for p in obj):
        return problems_frame(list(obj))
    if isinstance(obj, ScoringResult):  # scoring through the year (issue 17): one row per person
        return scoring_frame(obj)
    raise TypeError(f"Không chuyển được đối tượng kiểu {type(obj).__name__} thành DataFrame.")


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    cols = [_c("severity"), _c("code"), _c("sheet"), _c("row"), _c("column"), _c("value"), _c("message"),
            _c("suggestion")]
    rows = [dict(zip(cols, [t("nb.error") if p.severity == "error" else t("nb.warning"), p.code, p.sheet, p.row,
                            p.column, p.value, p.message, p.suggestion])) for p in problems]
    return _frame(rows, cols, {_c("row"): "Int64"})


def check_frame(result: CheckResult) -> pd.DataFrame:
    cols = [_c("subject"), _c("name"), _c("team"), _c("kind"), _c("title_code"), _c("title"), _c("eligible"),
            _c("reason_codes"), _c("reasons"), _c("citations")]
    rows = [dict(zip(cols, [
        v.subject, v.name, v.team, t("nb.team") if v.is_team else t("nb.person"), v.title.value,
        title_label(v.title), v.eligible, ", ".join(r.code for r in v.reasons),
        "; ".join(r.message for r in v.reasons), "; ".join(r.citation for r in v.reasons),
    ])) for v in result.verdicts]
    return _frame(rows, cols, {_c("eligible"): "bool"})


def tally_frame(result: TallyResult) -> pd.DataFrame:
    cols = [_c("title_code"), _c("title"), _c("subject"), _c("name"), _c("approvals"), _c("written"),
            _c("disapprovals"), _c("blanks"), _c("base"), _c("base_count"), _c("share"), _c("share_pct"),
            _c("threshold"), _c("threshold_passed"), _c("within_quota"), _c("revote"), _c("eligible"),
            _c("proposed"), _c("notes")]
    rows = []
    for tt in result.titles:
        for c in tt.candidates:
            rows.append(dict(zip(cols, [
                tt.title.value, title_label(tt.title), c.subject, c.name, c.approvals, c.written_approvals,
                c.disapprovals, c.blanks, base_label(c.base), c.base_count, vi_percent(c.share),
                float(percent_value(c.share)), tt.threshold_text, c.threshold_passed, c.within_quota, c.revote,
                c.eligible, c.proposed, "; ".join(c.notes),
            ])))
    return _frame(rows, cols, {_c("threshold_passed"): "bool", _c("within_quota"): "boolean",
                               _c("revote"): "bool", _c("eligible"): "boolean", _c("proposed"): "bool",
                               _c("approvals"): "int64", _c("base_count"): "int64"})


def explanation_frame(e: Explanation) -> pd.DataFrame:
    cols = [_c("passed"), _c("code"), _c("criterion"), _c("fact"), _c("rule"), _c("citation"), _c("tag"),
            _c("param"), _c("override")]
    rows = [dict(zip(cols, [c.passed, c.code, c.label, c.fact, c.rule, c.citation, c.tag, c.param, c.overridden]))
            for c in e.criteria]
    return _frame(rows, cols, {_c("passed"): "bool"})


def comparison_frame(cmp: RegimeComparison) -> pd.DataFrame:
    a, b = cmp.regime_a, cmp.regime_b
    cols = [_c("subject"), _c("name"), _c("team"), _c("kind"), _c("title_code"), _c("title"),
            _c("eligible_in", regime=a), _c("eligible_in", regime=b), _c("change"), _c("added", regime=b),
            _c("removed", regime=a)]
    rows = [dict(zip(cols, [
        ch.subject, ch.name, ch.team, t("nb.team") if ch.is_team else t("nb.person"), ch.title.value,
        title_label(ch.title), ch.eligible_a, ch.eligible_b, ch.direction,
        "; ".join(f"{r.message} ({r.citation})" for r in ch.added),
        "; ".join(f"{r.message} ({r.citation})" for r in ch.removed),
    ])) for ch in cmp.changes]
    return _frame(rows, cols, {_c("eligible_in", regime=a): "boolean", _c("eligible_in", regime=b): "boolean"})


def scoring_frame(result: ScoringResult, what: str = "people") -> pd.DataFrame:
    """``what``: "people" (one row per person), "phases", "teams", or "months" (one row per person and month)."""
    import pandas as pd  # heavy: pandas only when a DataFrame is asked for

    if what == "months":
        rows = [{"Mã CB": p.staff_id, "Họ và tên": p.name, "Tổ": p.team, "Tháng": f"{m:%m/%Y}",
                 "Điểm": scoring_view.points(ms.total), "Nguồn điểm": scoring_view.source_label(ms.source), "Xếp loại": ms.band,
                 "Hạng trong tổ": ms.rank_team, "Hạng toàn trường": ms.rank_school}
                for p in result.people for m, ms in p.months.items()]
        return pd.DataFrame(rows)
    table_of = {"people": scoring_view.people_table, "phases": scoring_view.phases_table, "teams": scoring_view.teams_table}
    rt = table_of[what](result)
    return pd.DataFrame(rt.rows, columns=rt.headers)
