"""Scoring schools on the ward's criteria (issue 16, point 4): reviewer's score else self-score (flagged), capped at
the maximum (a score above it a located error), ranks within the group (ties equal, then Vietnamese order), the
proposal each rank implies (the ward's rule, configurable), a ranked bar chart per group carrying its numbers."""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
from test_rollup import gen_schools

from thidua_xl import api, cli
from thidua_xl.core.rollup import Criterion, Rollup, SchoolEntry, Score, ScoringRule, score_schools
from thidua_xl.core.rules import load_ruleset
from thidua_xl.reports import ward_charts

DEFAULT = ScoringRule.from_rules(load_ruleset("2025"))

CRITERIA = [Criterion("A", "Chất lượng", "Chuyên môn", F(40), F(1)), Criterion("B", "Phong trào", "Khác", F(10), F(2))]
SCHOOLS = [SchoolEntry("T1", "Trường Tiểu học Yên Sở", "Khối TH"), SchoolEntry("T2", "Trường Tiểu học Ánh Dương",
                                                                                "Khối TH"),
           SchoolEntry("T3", "Trường Tiểu học Bình Minh", "Khối TH"), SchoolEntry("M1", "Trường Mầm non Hoa Sen",
                                                                                  "Khối MN")]


def _s(school: str, crit: str, own: int | None, review: int | None, row: int) -> Score:
    return Score(school, crit, None if own is None else F(own), None if review is None else F(review), "",
                 "Điểm các trường", row, ("A (Mã trường)", "B (Mã tiêu chí)", "C (Điểm tự chấm)", "D (Điểm thẩm định)"))


def test_score_is_reviewed_else_self_scored_times_weight_capped_at_the_maximum() -> None:
    scores = [_s("T1", "A", 38, 36, 2), _s("T1", "B", 9, None, 3),  # 36 + 9×2 (self-score, flagged) = 54
              _s("T2", "A", 40, 45, 4), _s("T2", "B", 7, 7, 5),  # 45 > 40: capped 40 + 14 = 54, located error
              _s("T3", "A", 30, 30, 6),  # B missing: 30
              _s("X9", "A", 1, 1, 7)]  # not a listed school
    ranked, problems = score_schools(CRITERIA, scores, SCHOOLS, DEFAULT, file="phuong.xlsx")
    by = {r.code: r for r in ranked}
    assert (by["T1"].total, by["T1"].self_scored, by["T1"].maximum) == (54, ["B"], 60)
    assert by["T2"].total == 54 and by["T3"].total == 30 and by["T3"].missing == ["B"]
    (over,) = [p for p in problems if p.problem.code == "SCORE_OUT_OF_RANGE"]
    assert (over.file, over.school, over.problem.sheet, over.problem.row, over.problem.column) == (
        "phuong.xlsx", "T2", "Điểm các trường", 4, "D (Điểm thẩm định)")
    assert over.problem.value == "45" and "40" in over.problem.message and over.problem.suggestion
    (unknown,) = [p for p in problems if p.problem.code == "UNKNOWN_SCHOOL_CODE"]
    assert (unknown.problem.row, unknown.problem.column) == (7, "A (Mã trường)")


def test_ties_share_a_rank_then_vietnamese_order_and_the_proposals() -> None:
    scores = [_s("T1", "A", 40, 36, 2), _s("T1", "B", 9, 9, 3), _s("T2", "A", 40, 36, 4), _s("T2", "B", 9, 9, 5),
              _s("T3", "A", 30, 30, 6), _s("M1", "A", 20, 20, 7)]
    ranked, _ = score_schools(CRITERIA, scores, SCHOOLS, DEFAULT)
    th = [(r.rank, r.name) for r in ranked if r.group == "Khối TH"]
    # 54 = 54 > 30: equal first rank, "Ánh Dương" before "Yên Sở" (Vietnamese order: Á after A, before B)
    assert th == [(1, "Trường Tiểu học Ánh Dương"), (1, "Trường Tiểu học Yên Sở"), (3, "Trường Tiểu học Bình Minh")]
    assert [r.group for r in ranked] == ["Khối MN", "Khối TH", "Khối TH", "Khối TH"]
    props = {r.code: r.proposals for r in ranked}
    assert props["T1"] == props["T2"] == ["Cờ thi đua", "Tập thể lao động xuất sắc"]  # 54/60 = 90% ≥ 90%
    assert props["T3"] == [] and props["M1"] == ["Cờ thi đua"]
    ranked, _ = score_schools(CRITERIA, scores, SCHOOLS, ScoringRule(flag_top=0, excellent_share=F(1, 2)))
    assert {r.code: r.proposals for r in ranked}["T3"] == ["Tập thể lao động xuất sắc"]


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return gen_schools.generate(5, 8, tmp_path_factory.mktemp("score"))


@pytest.fixture(scope="module")
def rolled(ward: Any) -> Rollup:
    return api.rollup([ward.folder], ward.ward, processes=1)


def test_the_planted_score_above_the_maximum_is_found_in_the_ward_workbook(ward: Any, rolled: Rollup) -> None:
    found = [p for p in rolled.problems if p.problem.code == "SCORE_OUT_OF_RANGE"]
    assert [(p.school, p.file, p.problem.sheet, p.problem.column) for p in found] == [
        (ward.over_max["code"], Path(ward.ward).name, "Điểm các trường", "D (Điểm thẩm định)")]
    assert found[0].problem.row is not None
    # the workbook sets no rule: the rule set's rollup.* values (thidua_xl's default, the unit's rule, GAP)
    assert rolled.scoring_rule == ScoringRule(1, F(9, 10), "GAP") == DEFAULT
    assert {r.code for r in rolled.scores} == {e.code for e in rolled.config.schools}
    assert all(r.total <= r.maximum for r in rolled.scores)


def test_one_ranked_chart_per_group_carrying_its_numbers(rolled: Rollup, tmp_path: Path) -> None:
    from PIL import Image

    paths = ward_charts.save_ranking_charts(rolled.scores, tmp_path)
    groups = ward_charts.groups(rolled.scores)
    assert [p.name for p in paths] == [ward_charts.file_name(g) for g in groups]
    for path, (group, items) in zip(paths, groups.items()):
        with Image.open(path) as img:
            assert img.format == "PNG"
            data = json.loads(img.text[ward_charts.PNG_KEY])
        assert data["khoi"] == group
        assert [(s["hang"], s["ma"]) for s in data["truong"]] == [(r.rank, r.code) for r in items]
        assert [s["diem"] for s in data["truong"]] == sorted((s["diem"] for s in data["truong"]), reverse=True)


def test_cli_writes_the_scores_sheet_and_the_charts(ward: Any, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "th.xlsx"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "-o", str(out), "--ho-so", str(tmp_path / "hs"),
                     "--json", "--mot-tien-trinh"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [r["ma_truong"] for r in doc["cham_diem"]] and doc["quy_tac_de_nghi"]
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames[1] == "Chấm điểm trường"
    assert sorted(p.name for p in (tmp_path / "hs").glob("*.png")) == sorted(
        ward_charts.file_name(g) for g in {r["khoi"] for r in doc["cham_diem"]})


def test_the_ward_workbook_sets_its_own_rule_and_a_bad_share_is_located(ward: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "phuong.xlsx"
    wb = load_workbook(ward.ward)
    ws = wb["Thông tin chung"]
    ws.append(["Số trường dẫn đầu mỗi khối đề nghị Cờ thi đua", 2])
    ws.append(["Tỷ lệ điểm tối thiểu đề nghị Tập thể lao động xuất sắc", "70%"])
    wb.save(path)
    result = api.rollup([ward.folder], path, processes=1)
    assert result.scoring_rule == ScoringRule(2, F(7, 10), source="workbook")
    assert all("Cờ thi đua" in r.proposals for r in result.scores if r.rank <= 2)
    ws.cell(row=ws.max_row, column=2, value="nhiều")
    wb.save(path)
    bad = [p for p in api.rollup([ward.folder], path, processes=1).problems if p.problem.code == "BAD_VALUE"]
    assert len(bad) == 1 and bad[0].file == "phuong.xlsx" and bad[0].problem.sheet == "Thông tin chung"
    assert bad[0].problem.row == ws.max_row and bad[0].problem.value == "nhiều"
