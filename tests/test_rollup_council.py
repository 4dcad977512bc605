"""The higher council's own vote (issue 16, point 2): a council workbook in the school's format, tallied by the
same engine; the ward uses the rule set's thresholds, the province vote.higher_council (90% of all members) with
NĐ 98/2023 cited only while it is in force."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from test_rollup import gen_schools

from thidua_xl import api, cli
from thidua_xl.core.model import Title
from thidua_xl.core.rollup import Rollup
from thidua_xl.core.rules import instrument_named


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return gen_schools.generate(5, 10, tmp_path_factory.mktemp("council"))


@pytest.fixture(scope="module")
def rolled(ward: Any) -> Rollup:
    return api.rollup([ward.folder], ward.ward, processes=1)


def test_the_ward_council_is_tallied_with_the_rule_sets_thresholds(ward: Any, rolled: Rollup) -> None:
    result = api.tally_council(ward.council, rolled, "ward")
    assert result.certified and result.quorum_ok and len(result.hash) == 64
    (tt,) = result.titles
    assert tt.title is Title.CSTDCS
    rules = api.ruleset(api.read(ward.folder + "/" + ward.files[0]))  # any rule set: the threshold's ratio
    assert "80%" in tt.threshold_text and rules.params["vote.threshold.CSTDCS"].value.ratio * 10 == 8
    assert [c.subject for c in tt.candidates] == ward.council_candidates
    assert all((c.approvals, c.base_count, c.threshold_passed) == (8, 9, True) for c in tt.candidates)
    # the roll-up's eligibility reaches the council's count: an eligible nominee is proposed
    assert all(c.eligible is True and c.proposed for c in tt.candidates)


@pytest.mark.parametrize("meeting, cited", [(dt.date(2025, 5, 25), True), (dt.date(2025, 7, 20), False)])
def test_the_provincial_council_needs_90_percent_and_cites_nd98_only_in_force(
        ward: Any, rolled: Rollup, tmp_path: Path, meeting: dt.date, cited: bool) -> None:
    path = gen_schools.write_council(tmp_path / "hd_tinh.xlsx", ward.council_candidates,
                                     "Chiến sĩ thi đua cấp tỉnh", meeting)
    province = api.tally_council(path, rolled, "province")
    (tt,) = province.titles
    assert "90%" in tt.threshold_text and "tổng số thành viên" in tt.threshold_text
    assert all(not c.threshold_passed and not c.proposed for c in tt.candidates)  # 8/9 = 88,89% < 90%
    assert ("98/2023" in tt.threshold_citation) is cited
    inst = instrument_named(tt.threshold_citation)
    assert inst is None or inst.in_force(meeting)
    # the same ballots under the ward's thresholds: 80% of all members passes
    ward_level = api.tally_council(path, rolled, "ward")
    assert all(c.threshold_passed for c in ward_level.titles[0].candidates)
    assert ward_level.hash == province.hash


def test_cli_adds_the_councils_sheet_and_json(ward: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "tong_hop.xlsx"
    assert cli.main(["gop", ward.folder, "--cau-hinh", ward.ward, "--hoi-dong", ward.council, "-o", str(out),
                     "--json", "--mot-tien-trinh"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["hoi_dong_cap_tren"]["chung_nhan"] is True
    assert [r["ma"] for r in doc["hoi_dong_cap_tren"]["ket_qua"]] == ward.council_candidates
    assert "Kiểm phiếu cấp trên" in load_workbook(out, read_only=True).sheetnames
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"x")
    assert cli.main(["gop", ward.folder, "--hoi-dong", str(bad), "-o", str(out), "--mot-tien-trinh"]) == 2
