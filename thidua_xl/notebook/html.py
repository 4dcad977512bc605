"""HTML renderers for Jupyter (``_repr_html_``). Every value from the data is HTML-escaped.

Eligible / not eligible is shown by colour *and* a text mark (✓ / ✗), so a printed or colour-blind
reading loses nothing. Reasons and citations are in each cell's ``title`` (hover) and in a
``<details>`` section below the table. Inline styles only (Jupyter keeps them in trusted output).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from thidua_xl.core.model import (
    CheckResult,
    Problem,
    Reason,
    SchoolData,
    TallyResult,
    Title,
    TitleTally,
    Verdict,
)
from thidua_xl.core.rules import tag_code_of
from thidua_xl.core.scoring.result import ScoringResult
from thidua_xl.messages import t
from thidua_xl.notebook._common import (
    BAD_BG,
    BAD_FG,
    MARK_BAD,
    MARK_OK,
    NONE,
    OK_BG,
    OK_FG,
    WARN_BG,
    WARN_FG,
    base_label,
    esc,
    mark,
    title_label,
    title_short,
    vi_percent,
    yes_no,
)
from thidua_xl.views import scoring as scoring_view
from thidua_xl.views.compare import RegimeChange, RegimeComparison
from thidua_xl.views.explain import Explanation

MAX_ROWS = 300

# Borders and padding come from one scoped <style> block (dropped in untrusted output: the tables stay
# readable); the status colours are inline on each cell so they survive everywhere.
_CSS = (
    "<style>.thidua-out table.thidua td,.thidua-out table.thidua th{border:1px solid #c8c8c8;padding:2px 6px;"
    "text-align:left;vertical-align:top}.thidua-out table.thidua th{background-color:#eef1f5}"
    ".thidua-out .mono{font-family:monospace}</style>"
)
_STATUS = {
    "ok": f"background-color:{OK_BG};color:{OK_FG}",
    "bad": f"background-color:{BAD_BG};color:{BAD_FG}",
    "warn": f"background-color:{WARN_BG};color:{WARN_FG}",
    "": "",
}


def _attr(tip: str | None) -> str:
    return f' title="{esc(tip)}"' if tip else ""


def th(text: object, tip: str | None = None) -> str:
    return f"<th{_attr(tip)}>{esc(text)}</th>"


def td(text: object, status: str = "", tip: str | None = None, raw: bool = False, mono: bool = False) -> str:
    style = f' style="{_STATUS[status]}"' if status else ""
    cls = ' class="mono"' if mono else ""
    body = str(text) if raw else esc(text)
    return f"<td{cls}{style}{_attr(tip)}>{body}</td>"


def table(headers: Sequence[str | tuple[str, str]], rows: Iterable[str], cls: str = "") -> str:
    """``headers``: texts or (text, tooltip); ``rows``: already rendered ``<td>`` runs (one string per row)."""
    head = "".join(th(h[0], h[1]) if isinstance(h, tuple) else th(h) for h in headers)
    body = "".join(f"<tr>{r}</tr>" for r in rows)
    return (f'<table class="thidua {cls}" style="border-collapse:collapse;font-size:90%;margin:4px 0">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _p(text: object, status: str = "") -> str:
    style = "margin:2px 0" + (";" + _STATUS[status] + ";padding:2px 6px" if status else "")
    return f'<p style="{style}">{esc(text)}</p>'


def _details(summary: str, body: str) -> str:
    return f'<details style="margin:4px 0"><summary>{esc(summary)}</summary>{body}</details>'


def _wrap(cls: str, body: str) -> str:
    return f'<div class="thidua-out thidua-{cls}">{_CSS}{body}</div>'


def _more(shown: int, total: int) -> str:
    return _p(t("nb.more_rows", shown=shown, total=total), "warn") if shown < total else ""


def _status(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "bad")


# ---------------------------------------------------------------- dispatch


def to_html(obj: object, max_rows: int = MAX_ROWS) -> str:
    """Rich HTML for a result object (CheckResult, TallyResult, SchoolData, Verdict, Explanation, …)."""
    if isinstance(obj, CheckResult):
        return check_html(obj, max_rows)
    if isinstance(obj, TallyResult):
        return tally_html(obj)
    if isinstance(obj, SchoolData):
        return data_html(obj, max_rows)
    if isinstance(obj, Explanation):
        return explanation_html(obj)
    if isinstance(obj, Verdict):
        return explanation_html(Explanation.from_verdict(obj))
    if isinstance(obj, RegimeComparison):
        return comparison_html(obj, max_rows)
    if isinstance(obj, Problem):
        return _wrap("problems", problems_html([obj], max_rows))
    if isinstance(obj, (list, tuple)) and obj and all(isinstance(p, Problem) for p in obj):
        return _wrap("problems", problems_html(list(obj), max_rows))
    if isinstance(obj, ScoringResult):  # scoring through the year (issue 17)
        return scoring_html(obj, max_rows)
    custom = getattr(obj, "_repr_html_", None)
    if callable(custom):
        return str(custom())
    return f"<pre>{esc(obj)}</pre>"


# ---------------------------------------------------------------- validation problems


PROBLEM_HEADERS = ("severity", "sheet", "row", "column", "value", "message", "suggestion")


def problems_html(problems: Sequence[Problem], max_rows: int = MAX_ROWS) -> str:
    rows = []
    for p in problems[:max_rows]:
        err = p.severity == "error"
        rows.append(
            td(f"{mark(not err) if err else '⚠'} {t('nb.error') if err else t('nb.warning')}",
               "bad" if err else "warn", tip=p.code)
            + td(p.sheet) + td("" if p.row is None else p.row) + td(p.column) + td(p.value, mono=True)
            + td(p.message) + td(p.suggestion)
        )
    return table([t(f"nb.col.{h}") for h in PROBLEM_HEADERS], rows, "problems") + _more(
        min(len(problems), max_rows), len(problems))


def data_html(data: SchoolData, max_rows: int = MAX_ROWS) -> str:
    info = data.info
    parts = [f"<h4>{esc(t('nb.data.title', path=data.path or '—'))}</h4>",
             _p(t("nb.data.summary", school=info.school_name or "—", year=info.school_year or "—",
                  staff=len(data.staff), teams=len(data.teams), registrations=len(data.registrations),
                  ballots=len(data.ballots)))]
    if not data.problems:
        parts.append(_p(t("nb.data.no_problems"), "ok"))
    else:
        parts.append(_p(t("nb.data.problems", errors=len(data.errors), warnings=len(data.warnings)),
                        "bad" if data.errors else "warn"))
        parts.append(problems_html(data.problems, max_rows))
    return _wrap("data", "".join(parts))


# ---------------------------------------------------------------- eligibility


def _reasons_text(v: Verdict) -> str:
    return "\n".join(f"✗ {r.message} — {r.citation}" + (f" [{r.tag}]" if r.tag else "") for r in v.reasons)


def _reasons_html(v: Verdict) -> str:
    items = "".join(
        f"<li>{esc(r.message)} — <i>{esc(r.citation)}</i>" + (f" [{esc(r.tag)}]" if r.tag else "") + "</li>"
        for r in v.reasons)
    return f'<ul style="margin:0;padding-left:1.2em">{items}</ul>' if items else ""


def _verdict_cell(v: Verdict | None) -> str:
    if v is None:
        return td(NONE)
    text = MARK_OK if v.eligible else MARK_BAD
    tip = title_label(v.title) + ": " + (t("nb.eligible") if v.eligible else _reasons_text(v))
    return td(text, _status(v.eligible), tip=tip)


def check_html(result: CheckResult, max_rows: int = MAX_ROWS) -> str:
    parts = [f"<h4>{esc(t('nb.check.title', year=result.school_year or '—', regime=result.regime or '—'))}</h4>"]
    if not result.verdicts:
        return _wrap("check", parts[0] + _p(t("nb.check.empty")))
    parts.append(_p(t("nb.check.legend")))
    people = result.people
    titles = [tt for tt in Title if not tt.is_team and any(v.title == tt for v in people)]
    if people:
        grid: dict[str, dict[Title, Verdict]] = {}
        who: dict[str, Verdict] = {}
        for v in people:
            grid.setdefault(v.subject, {})[v.title] = v
            who.setdefault(v.subject, v)
        rows = []
        for sid in list(grid)[:max_rows]:
            v0 = who[sid]
            rows.append(td(sid, mono=True) + td(v0.name) + td(v0.team)
                        + "".join(_verdict_cell(grid[sid].get(tt)) for tt in titles))
        counts = td(t("nb.check.count_row"), raw=False) + td("") + td("") + "".join(
            td(len(result.eligible(tt))) for tt in titles)
        rows.append(counts)
        headers: list[str | tuple[str, str]] = [t("nb.col.subject"), t("nb.col.name"), t("nb.col.team")]
        headers += [(title_short(tt), title_label(tt)) for tt in titles]
        parts.append(f"<h5>{esc(t('nb.check.people'))}</h5>")
        parts.append(table(headers, rows, "check"))
        parts.append(_more(min(len(grid), max_rows), len(grid)))
    if result.teams:
        rows = [td(v.subject) + td(title_label(v.title)) + td(t("nb.eligible") if v.eligible else t("nb.not_eligible"),
                                                                _status(v.eligible))
                + td(_reasons_html(v), raw=True) for v in result.teams]
        parts.append(f"<h5>{esc(t('nb.check.teams'))}</h5>")
        parts.append(table([t("nb.col.team"), t("nb.col.title"), t("nb.col.result"), t("nb.col.reasons")], rows,
                           "teams"))
    body = []
    for tt in titles:
        refused = [v for v in people if v.title == tt and not v.eligible]
        if not refused:
            continue
        items = "".join(f"<li><b>{esc(v.name)}</b> ({esc(v.subject)}){_reasons_html(v)}</li>" for v in refused[:max_rows])
        body.append(_details(t("nb.check.details_title", title=title_label(tt), n=len(refused)),
                             f"<ul>{items}</ul>" + _more(min(len(refused), max_rows), len(refused))))
    if body:
        parts.append(_details(t("nb.check.details"), "".join(body)))
    return _wrap("check", "".join(parts))


# ---------------------------------------------------------------- tally

TALLY_COLUMNS = ("subject", "name", "approvals", "base_count", "share", "threshold_passed", "within_quota",
                 "eligible", "proposed", "notes")


def _title_tally_html(tt: TitleTally) -> str:
    parts = [f"<h5>{esc(title_label(tt.title))}</h5>",
             _p(t("nb.tally.threshold", threshold=tt.threshold_text, citation=tt.threshold_citation or "—",
                  tag=tt.threshold_tag or "—")),
             _p(t("nb.tally.ballots", issued=tt.issued, returned=tt.returned, not_returned=tt.not_returned,
                  valid=tt.valid, invalid=tt.invalid, written=tt.written))]
    if tt.quota_text:
        parts.append(_p(tt.quota_text))
    rows = []
    for c in tt.candidates:
        quota = NONE if c.within_quota is None or not c.threshold_passed else yes_no(c.within_quota)
        quota_status = _status(c.within_quota) if c.threshold_passed else ""
        if c.revote:
            quota, quota_status = t("nb.revote"), "warn"
        proposed = f"{mark(c.proposed)} {yes_no(c.proposed)}"
        rows.append(
            td(c.subject, mono=True) + td(c.name)
            + td(c.approvals, tip=f"{t('nb.col.written')}: {c.written_approvals}; {t('nb.col.disapprovals')}: "
                                  f"{c.disapprovals}; {t('nb.col.blanks')}: {c.blanks}")
            + td(c.base_count, tip=base_label(c.base)) + td(vi_percent(c.share))
            + td(f"{mark(c.threshold_passed)} {yes_no(c.threshold_passed)}", _status(c.threshold_passed))
            + td(quota, quota_status)
            + td(f"{mark(c.eligible)} {yes_no(c.eligible)}" if c.eligible is not None else NONE,
                 _status(c.eligible))
            + td(proposed, "ok" if c.proposed else "") + td("; ".join(c.notes))
        )
    parts.append(table([t(f"nb.col.{k}") for k in TALLY_COLUMNS], rows, "tally"))
    if tt.invalid_ballots:
        irows = [td(ib.number, mono=True) + td(ib.code, mono=True) + td(ib.reason)
                 + td(ib.source.row if ib.source else "") for ib in tt.invalid_ballots]
        parts.append(_details(f"{t('nb.tally.invalid')} ({len(tt.invalid_ballots)})",
                              table([t("nb.col.number"), t("nb.col.code"), t("nb.col.reason"), t("nb.col.row")],
                                    irows)))
    return "".join(parts)


def tally_html(result: TallyResult) -> str:
    verdict = t("nb.enough") if result.quorum_ok else t("nb.not_enough")
    parts = [f"<h4>{esc(t('nb.tally.title', year=result.school_year or '—', regime=result.regime or '—'))}</h4>",
             _p(t("nb.tally.quorum", total=result.council_total, present=result.present,
                  written=result.written_opinions, required=result.quorum_required, verdict=verdict),
                _status(result.quorum_ok)),
             _p(t("nb.certified") if result.certified else t("nb.not_certified"), _status(result.certified))]
    if not result.titles:
        parts.append(_p(t("nb.tally.no_titles")))
    for tt in result.titles:
        parts.append(_title_tally_html(tt))
    if result.discrepancies:
        drows = [td(d.ballot, mono=True) + td(title_label(d.title) if d.title else NONE)
                 + td(d.candidate or NONE) + td(d.first) + td(d.second) for d in result.discrepancies]
        parts.append(_p(t("nb.tally.discrepancies", n=len(result.discrepancies)), "bad"))
        parts.append(table([t("nb.col.number"), t("nb.col.title"), t("nb.col.candidate"), t("nb.col.first"),
                            t("nb.col.second")], drows))
    parts.append(f'<p style="margin:2px 0">{esc(t("nb.tally.hash"))}: <code>{esc(result.hash or "—")}</code></p>')
    if result.audit:
        ok = sum(1 for _, good in result.audit if good)
        items = "".join(f'<li style="{_STATUS[_status(good)]}">{esc(mark(good))} {esc(fact)}</li>'
                        for fact, good in result.audit)
        parts.append(_details(t("nb.tally.audit", ok=ok, n=len(result.audit)), f"<ul>{items}</ul>"))
    if result.log:
        items = "".join(f"<li>{esc(line)}</li>" for line in result.log)
        parts.append(_details(t("nb.tally.log"), f"<ol>{items}</ol>"))
    return _wrap("tally", "".join(parts))


# ---------------------------------------------------------------- explanations and comparisons

EXPLAIN_COLUMNS = ("passed", "criterion", "fact", "rule", "citation", "tag", "override")


def explanation_html(e: Explanation) -> str:
    head = e.headline()
    parts = [f'<h4 style="{_STATUS[_status(e.eligible)]};padding:2px 6px">{esc(head)}</h4>']
    if e.school_year or e.regime:
        parts.append(_p(t("nb.explain.context", year=e.school_year or "—", regime=e.regime or "—")))
    if not e.complete:
        parts.append(_p(t("nb.explain.partial"), "warn"))
    if e.criteria:
        rows = [td(mark(c.passed), _status(c.passed), tip=c.code) + td(c.label) + td(c.fact) + td(c.rule)
                + td(c.citation) + td(c.tag, "warn" if tag_code_of(c.tag) in ("GAP", "UNVERIFIED", "OVERRIDDEN") else "",
                                      tip=c.param)
                + td(c.overridden, "warn" if c.overridden else "") for c in e.criteria]
        parts.append(table([t(f"nb.col.{k}") for k in EXPLAIN_COLUMNS], rows, "explain"))
    else:
        parts.append(_p(t("nb.explain.no_criteria")))
    if e.overrides:
        items = "".join(f"<li>{esc(o)}</li>" for o in e.overrides)
        parts.append(f"<p style='margin:2px 0'>{esc(t('nb.explain.overrides_head'))}</p><ul>{items}</ul>")
    return _wrap("explain", "".join(parts))


def _reason_list(reasons: Sequence[Reason], sign: str) -> str:
    items = "".join(f"<li>{sign} {esc(r.message)} — <i>{esc(r.citation)}</i></li>" for r in reasons)
    return f'<ul style="margin:0;padding-left:1.2em">{items}</ul>' if items else ""


def comparison_html(c: RegimeComparison, max_rows: int = MAX_ROWS) -> str:
    a, b = c.regime_a, c.regime_b
    flips = c.flips
    parts = [f"<h4>{esc(t('nb.compare.title', a=a, b=b, year=c.school_year or '—'))}</h4>",
             _p(t("nb.compare.summary", n=len(flips), m=len(c.reason_changes)))]
    crow = []
    for title, (na, nb) in c.counts().items():
        diff = nb - na
        crow.append(td(title_label(title)) + td(na) + td(nb)
                    + td(f"{diff:+d}" if diff else "0", "ok" if diff > 0 else ("bad" if diff < 0 else "")))
    parts.append(_details(t("nb.compare.counts"), table(
        [t("nb.col.title"), t("nb.col.eligible_in", regime=a), t("nb.col.eligible_in", regime=b),
         t("nb.col.difference")], crow)))

    def change_rows(changes: Sequence[RegimeChange]) -> list[str]:
        return [td(ch.subject, mono=True) + td(ch.name) + td(title_label(ch.title))
                + td(mark(ch.eligible_a), _status(ch.eligible_a)) + td(mark(ch.eligible_b), _status(ch.eligible_b))
                + td(ch.direction) + td(_reason_list(ch.added, "+"), raw=True)
                + td(_reason_list(ch.removed, "−"), raw=True)
                for ch in changes[:max_rows]]

    headers = [t("nb.col.subject"), t("nb.col.name"), t("nb.col.title"), t("nb.col.eligible_in", regime=a),
               t("nb.col.eligible_in", regime=b), t("nb.col.change"), t("nb.col.added", regime=b),
               t("nb.col.removed", regime=a)]
    if flips:
        parts.append(f"<h5>{esc(t('nb.compare.flips'))}</h5>")
        parts.append(table(headers, change_rows(flips), "compare"))
        parts.append(_more(min(len(flips), max_rows), len(flips)))
    else:
        parts.append(_p(t("nb.compare.none"), "ok"))
    if c.reason_changes:
        parts.append(_details(f"{t('nb.compare.reasons_only')} ({len(c.reason_changes)})",
                              table(headers, change_rows(c.reason_changes), "compare")))
    if c.params:
        prow = [td(p.key, mono=True) + td(p.label) + td(p.value_a) + td(p.value_b) + td(p.citation_a)
                + td(p.citation_b) for p in c.params]
        parts.append(_details(t("nb.compare.params", n=len(c.params)), table(
            [t("nb.col.param"), t("nb.col.label"), t("nb.col.value_in", regime=a), t("nb.col.value_in", regime=b),
             t("nb.col.citation_in", regime=a), t("nb.col.citation_in", regime=b)], prow)))
    return _wrap("compare", "".join(parts))


# ---------------------------------------------------------------- scoring through the year (issue 17)


def scoring_html(result: ScoringResult, max_rows: int = 300) -> str:
    """The people's table (months, year, suggested rating, ranks, missing months) and the teams' table."""
    people = scoring_view.people_table(result)
    shown = people.rows[:max_rows]
    status = {"ok": "ok", "warn": "warn", "bad": "bad"}
    rows = ["".join(td("" if v is None else v, status.get(people.highlight.get(i, ""), "")) for v in row)
            for i, row in enumerate(shown)]
    body = _p(t("nb.scoring.caption", year=result.school_year, people=len(result.people), months=len(result.months),
                phases=len(result.phases), missing=sum(len(p.missing) for p in result.people)))
    body += table(people.headers, rows, "scoring") + _more(len(shown), len(people.rows))
    if result.teams:
        teams = scoring_view.teams_table(result)
        body += table(teams.headers, ["".join(td("" if v is None else v) for v in row) for row in teams.rows],
                      "scoring-teams")
    body += "".join(_p(note) for note in people.notes)
    return _wrap("scoring", body)
