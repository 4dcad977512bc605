"""Charts: the numbers behind each chart come from the tally / check result, and the PNGs are real."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from thidua_xl import charts
from thidua_xl.core.model import CandidateTally, CheckResult, TallyResult, Title, TitleTally, Verdict

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "workbooks" / "demo_thcs.xlsx"


def _cand(title: Title, sid: str, approvals: int, base_count: int, passed: bool, base: str = "total_members",
          proposed: bool = False) -> CandidateTally:
    return CandidateTally(title, sid, f"Người {sid}", approvals, base_count - approvals, 0, base, base_count,
                          Fraction(approvals, base_count), passed, eligible=True, proposed=proposed)


def make_tally() -> TallyResult:
    cs = TitleTally(Title.CSTDCS, "≥ 80% tổng số thành viên Hội đồng", "khoản 7 Điều 30 NĐ 98/2023/NĐ-CP",
                    "SECONDARY", 11, 11, 11, 0,
                    candidates=[_cand(Title.CSTDCS, "GV001", 10, 11, True, proposed=True),
                                _cand(Title.CSTDCS, "GV002", 9, 11, True, proposed=True),
                                _cand(Title.CSTDCS, "GV003", 8, 11, False)])
    ldtt = TitleTally(Title.LDTT, "> 2/3 số phiếu hợp lệ", "Quy chế", "LOCAL", 9, 9, 9, 0,
                      candidates=[_cand(Title.LDTT, "GV004", 6, 9, False, "valid_ballots"),
                                  _cand(Title.LDTT, "GV005", 7, 9, True, "valid_ballots")])
    return TallyResult("2024-2025", "2024", 11, 11, 0, 8, True, titles=[ldtt, cs], certified=True, hash="0" * 64)


def make_check() -> CheckResult:
    from thidua_xl.core.rules import load_ruleset

    verdicts = []
    for i, (team, ok) in enumerate([("Tổ A", True), ("Tổ A", True), ("Tổ A", False), ("Tổ B", True),
                                    ("Tổ B", False), ("Tổ B", False)]):
        verdicts.append(Verdict(f"GV{i}", f"Người {i}", Title.LDTT, ok, team=team))
    verdicts.append(Verdict("Tổ A", "Tổ A", Title.TTLDTT, False, is_team=True, team="Tổ A",
                            facts={"members": 3, "ldtt": 2, "share": Fraction(2, 3)}))
    verdicts.append(Verdict("Tổ B", "Tổ B", Title.TTLDTT, False, is_team=True, team="Tổ B"))  # no facts
    return CheckResult("2024-2025", "2024", verdicts, load_ruleset("2024"))


@pytest.mark.parametrize(("text", "expected"), [
    ("≥ 80% tổng số thành viên Hội đồng", (Fraction(4, 5), ">=")),
    ("> 50% số phiếu hợp lệ", (Fraction(1, 2), ">")),
    ("≥ 2/3 tổng số thành viên Hội đồng", (Fraction(2, 3), ">=")),
    ("≥ 66,67% tổng số", (Fraction(6667, 10000), ">=")),
    ("ngưỡng lạ", None),
])
def test_parse_threshold_text(text: str, expected: tuple[Fraction, str] | None) -> None:
    assert charts.parse_threshold_text(text) == expected


def test_needed_votes() -> None:
    assert charts.needed_votes(Fraction(4, 5), ">=", 11) == 9  # 8,8 → 9
    assert charts.needed_votes(Fraction(4, 5), ">=", 10) == 8  # exactly 8 passes "từ 80% trở lên"
    assert charts.needed_votes(Fraction(4, 5), ">", 10) == 9  # "trên 80%": 8 is not enough
    assert charts.needed_votes(Fraction(1, 2), ">", 9) == 5


def test_votes_data_equals_tally_figures() -> None:
    tally = make_tally()
    data = charts.chart_data(tally)
    assert [v.title for v in data.votes] == ["LDTT", "CSTDCS"] and data.teams is None
    for v, tt in zip(data.votes, tally.titles):
        assert [b.approvals for b in v.candidates] == [c.approvals for c in tt.candidates]
        assert [b.subject for b in v.candidates] == [c.subject for c in tt.candidates]
        for b, c in zip(v.candidates, tt.candidates):
            assert b.base_count == c.base_count
            assert b.threshold_votes == v.ratio * c.base_count
            # the bar clears the line exactly when the tally says the threshold is passed
            assert (b.approvals >= b.needed) is c.threshold_passed
    cs = data.votes[1]
    assert cs.ratio == Fraction(4, 5) and cs.base_count == 11 and cs.threshold_votes == Fraction(44, 5)
    assert cs.label == "Chiến sĩ thi đua cơ sở"
    ldtt = data.votes[0]
    assert ldtt.comparator == ">" and ldtt.threshold_votes == 6 and ldtt.candidates[0].needed == 7


def test_threshold_falls_back_to_rules_when_text_is_unusual() -> None:
    from thidua_xl.core.rules import load_ruleset

    tally = make_tally()
    tally.titles[1].threshold_text = "theo quy chế"
    v = charts.chart_data(tally, rules=load_ruleset("2024")).votes[1]
    assert v.ratio == load_ruleset("2024").value("vote.threshold.CSTDCS").ratio
    with pytest.raises(ValueError):
        charts.chart_data(tally)


def test_team_data_from_facts_or_member_verdicts_and_rule_ratio() -> None:
    check = make_check()
    d = charts.chart_data(None, check).teams
    assert d is not None
    assert d.ratio == check.rules.value("team.ttldtt.ldtt_share")  # type: ignore[union-attr]
    assert d.ratio == Fraction(7, 10) and d.comparator == ">="
    assert [(b.team, b.members, b.ldtt, b.share, b.share_passed) for b in d.teams] == [
        ("Tổ A", 3, 2, Fraction(2, 3), False), ("Tổ B", 3, 1, Fraction(1, 3), False)]
    assert "Luật 06/2022/QH15" in d.citation


def _is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_save_charts_writes_real_pngs_carrying_their_numbers(tmp_path: Path) -> None:
    import matplotlib.image as mpimg

    tally, check = make_tally(), make_check()
    paths = charts.save_charts(tally, check, tmp_path / "bieu_do")
    assert [p.name for p in paths] == ["phieu_LDTT.png", "phieu_CSTDCS.png", "ty_le_ldtt_theo_to.png"]
    data = charts.chart_data(tally, check)
    for path in paths:
        assert _is_png(path)
        img = mpimg.imread(path)
        h, w = img.shape[:2]
        assert 300 <= h <= 2000 and 500 <= w <= 4000 and img.shape[2] in (3, 4)
        assert img.std() > 0.05  # not a blank canvas
    cs = charts.read_png_data(paths[1])
    assert cs == data.votes[1].as_dict()
    assert cs["threshold_votes"] == 8.8 and cs["base_count"] == 11
    assert [c["approvals"] for c in cs["candidates"]] == [c.approvals for c in tally.titles[1].candidates]
    teams = charts.read_png_data(paths[2])
    assert teams["threshold_percent"] == 70.0 and [b["ldtt"] for b in teams["teams"]] == [2, 1]
    from PIL import Image

    with Image.open(paths[1]) as img:
        assert img.text["Title"] == "Chiến sĩ thi đua cơ sở: số phiếu đồng ý so với ngưỡng"


def test_figure_bars_and_line_are_the_data() -> None:
    """The drawn rectangles and the threshold line have the heights of the chart data."""
    tally = make_tally()
    v = charts.chart_data(tally).votes[1]
    fig = charts.votes_figure(v)
    ax = fig.axes[0]
    heights = [r.get_height() for r in ax.patches if r.get_width() < 1][: len(v.candidates)]
    assert heights == [10, 9, 8]
    lines = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"]
    assert len(lines) == 1 and lines[0].get_ydata()[0] == pytest.approx(8.8)
    chart = charts.charts(tally)[1]
    assert chart._repr_png_()[:4] == b"\x89PNG"


def test_bases_that_differ_get_one_mark_per_bar() -> None:
    tally = make_tally()
    tally.titles[1].candidates[2].base_count = 10
    v = charts.chart_data(tally).votes[1]
    assert v.base_count is None and v.threshold_votes is None
    assert [b.threshold_votes for b in v.candidates] == [Fraction(44, 5), Fraction(44, 5), Fraction(8)]
    assert charts.votes_figure(v).axes[0].collections  # the per-bar marks


def test_importing_charts_does_not_import_matplotlib() -> None:
    out = subprocess.run([sys.executable, "-c", "import sys, thidua_xl.charts; print('matplotlib' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.skipif(not DEMO.exists(), reason="workbooks/demo_thcs.xlsx chưa có")
def test_demo_charts_match_the_tally(tmp_path: Path) -> None:
    pytest.importorskip("thidua_xl.core.eligibility")
    pytest.importorskip("thidua_xl.core.tally")
    from thidua_xl import api

    data = api.read(DEMO)
    check, tally = api.check(data), api.tally(data)
    paths = charts.save_charts(tally, check, tmp_path)
    assert len(paths) == len(tally.titles) + 1
    for path, tt in zip(paths, tally.titles):
        got = charts.read_png_data(path)
        assert got["title"] == tt.title.value
        assert [(c["subject"], c["approvals"]) for c in got["candidates"]] == [
            (c.subject, c.approvals) for c in tt.candidates]
        for c, cand in zip(got["candidates"], tt.candidates):
            assert (c["approvals"] >= c["needed"]) is cand.threshold_passed
    team = charts.read_png_data(paths[-1])
    assert team["threshold_percent"] == float(check.rules.value("team.ttldtt.ldtt_share") * 100)
    eligible_teams = {v.subject for v in check.teams if v.title is Title.TTLDTT and v.eligible}
    assert {b["team"] for b in team["teams"] if b["share_passed"]} >= eligible_teams
