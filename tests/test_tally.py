"""Kiểm phiếu engine: quorum, validity, thresholds, quotas and ties, double entry, audit facts, hash."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thidua_xl
import thidua_xl.core.tally as tally
from thidua_xl import api
from thidua_xl import text as text_mod
from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    BallotSource,
    CheckResult,
    CouncilMember,
    Gender,
    Initiative,
    InitiativeKind,
    Level,
    Mark,
    Override,
    Reason,
    SchoolData,
    SchoolInfo,
    Staff,
    Team,
    Title,
    Verdict,
)
from thidua_xl.core.rules import RuleSetError, load_ruleset, ruleset_for
from thidua_xl.views import tally as tally_view

A, D, B, U = Mark.APPROVE, Mark.DISAPPROVE, Mark.BLANK, Mark.UNREADABLE
W = BallotSource.WRITTEN


def council(total: int, present: int, written: int = 0) -> list[CouncilMember]:
    return [CouncilMember(f"Thành viên {i + 1}", present=i < present,
                          written_opinion=present <= i < present + written) for i in range(total)]


def ballots_for(title: Title, columns: dict[str, list[Mark]], start: int = 1,
                written_last: int = 0) -> list[Ballot]:
    """One ballot per row: columns[candidate][i] is the mark of ballot i; the last ``written_last`` are written."""
    n = len(next(iter(columns.values())))
    out = []
    for i in range(n):
        src = W if i >= n - written_last else BallotSource.MEETING
        out.append(Ballot(str(start + i), title, {k: v[i] for k, v in columns.items()}, source_kind=src))
    return out


def approvals(n_yes: int, n: int) -> list[Mark]:
    return [A] * n_yes + [D] * (n - n_yes)


def school(members: list[CouncilMember], rounds: list[BallotRound], ballots: list[Ballot], year: str = "2024-2025",
           staff: list[Staff] | None = None, **kw: object) -> SchoolData:
    return SchoolData(info=SchoolInfo(school_year=year), staff=staff or [], council=members, rounds=rounds,
                      ballots=ballots, **kw)  # type: ignore[arg-type]


def rules_for(year: str = "2024-2025", overrides: list[Override] | None = None):  # noqa: ANN201
    return ruleset_for(year, overrides)


def cand(result, subject: str, title: Title | None = None):  # noqa: ANN001, ANN201
    return next(c for tt in result.titles for c in tt.candidates
                if c.subject == subject and (title is None or c.title == title))


# ---------------------------------------------------------------- percentages


@pytest.mark.parametrize(
    ("share", "text"),
    [(Fraction(7, 10), "70,00%"), (Fraction(2, 3), "66,67%"), (Fraction(1, 3), "33,33%"), (Fraction(1), "100,00%"),
     (Fraction(0), "0,00%"), (Fraction(22565, 100000), "22,57%"), (Fraction(22564999, 100000000), "22,56%"),
     (Fraction(1, 200000), "0,00%"), (Fraction(1, 20000), "0,01%"), (Fraction(5, 6), "83,33%")],
)
def test_format_percent_is_two_decimals_half_up_with_comma(share: Fraction, text: str) -> None:
    assert text_mod.format_percent(share) == text
    assert text_mod.format_percent(share, comma=False) == text.replace(",", ".")


def test_percent_value_matches_decimal_round_half_up() -> None:
    for num in range(0, 1001):
        share = Fraction(num, 1000) / 7 * 7  # keep exact terminating values
        expect = (Decimal(num) / Decimal(10)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert text_mod.percent_value(share) == expect
    assert text_mod.percent_value(Fraction(1, 8), 1) == Decimal("12.5")


# ---------------------------------------------------------------- rule data


@pytest.mark.parametrize("regime", ["2017", "2024", "2025"])
def test_every_title_has_a_cited_threshold_and_quota(regime: str) -> None:
    rs = load_ruleset(regime)
    for title in Title:
        p = rs[f"vote.threshold.{title.value}"]
        assert p.type == "threshold" and p.cite.doc and p.tag
        tally.parse_quota(rs.value(f"vote.quota.{title.value}"))  # parses
    assert rs["vote.quorum"].value == Fraction(2, 3)
    assert rs.value("vote.quorum.counts_written") is False
    assert rs.value("vote.tiebreak")[-1] == "REVOTE"


def test_regime_defaults_follow_legal_updates() -> None:
    r17, r24, r25 = (load_ruleset(r) for r in ("2017", "2024", "2025"))
    th = r24.value("vote.threshold.CSTDCS")
    assert (th.ratio, th.comparator, th.base) == (Fraction(4, 5), ">=", "total_members")
    assert "98/2023" in r24["vote.threshold.CSTDCS"].cite.doc and "Điều 30" in r24["vote.threshold.CSTDCS"].cite.article
    assert r24.value("vote.threshold.CSTD_TINH").ratio == Fraction(4, 5)  # the school's vote (issue 13)
    assert r24.value("vote.higher_council.CSTD_TINH").ratio == Fraction(9, 10)  # the province's council
    ldtt = r24.value("vote.threshold.LDTT")
    assert (ldtt.ratio, ldtt.comparator) == (Fraction(1, 2), ">") and r24["vote.threshold.LDTT"].tag == "GAP"
    assert r24.value("vote.quota.CSTDCS") == ""
    assert r24.value("vote.tiebreak")[0] == "WOMEN_FIRST"
    assert r17.value("vote.threshold.LDTT").base == "present_plus_written"
    assert r17.value("vote.threshold.CSTDCS").ratio == Fraction(7, 10)
    assert r17.value("vote.higher_council.CSTD_TINH") == r24.value("vote.higher_council.CSTD_TINH")
    assert "Điều 45" in r17["vote.higher_council.CSTD_TINH"].cite.article
    assert tally.parse_quota(r17.value("vote.quota.CSTDCS")) == tally.Quota(ratio=Fraction(3, 20), of_title=Title.LDTT)
    assert r25["vote.threshold.CSTDCS"].tag == "UNVERIFIED"  # inherited
    # for a 2025-2026 dossier NĐ 98/2023 is not in force: the inherited value stands as the unit's own rule
    on25 = rules_for("2025-2026")["vote.threshold.CSTDCS"]
    assert on25.tag == "GAP" and "98/2023" not in on25.citation_text
    assert r25.value("vote.threshold.CSTDCS") == th
    assert "152/2025" in r25["vote.tiebreak.women_team_share"].cite.doc
    assert r25["vote.tiebreak.women_team_share"].cite.clause == "khoản 6"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("", None), ("không", None), ("3", tally.Quota(fixed=3)),
     ("15% LDTT", tally.Quota(ratio=Fraction(3, 20), of_title=Title.LDTT)),
     ("15% của LĐTT", tally.Quota(ratio=Fraction(3, 20), of_title=Title.LDTT)),
     ("10% số CSTĐCS", tally.Quota(ratio=Fraction(1, 10), of_title=Title.CSTDCS)),
     ("12,5% CSTD_TINH", tally.Quota(ratio=Fraction(1, 8), of_title=Title.CSTD_TINH))],
)
def test_parse_quota(raw: str, expected: tally.Quota | None) -> None:
    assert tally.parse_quota(raw) == expected


def test_bad_quota_and_bad_tiebreak_are_vietnamese_rule_errors() -> None:
    with pytest.raises(RuleSetError, match="chỉ tiêu"):
        tally.parse_quota("mười lăm phần trăm", "vote.quota.CSTDCS")
    rs = rules_for(overrides=[Override("vote.tiebreak", "WOMEN_FIRST, BOC_THAM")])
    data = school(council(3, 3), [BallotRound(Title.LDTT, ["GV1"])], [])
    with pytest.raises(RuleSetError, match="BOC_THAM"):
        tally.tally_school(data, rs)


# ---------------------------------------------------------------- quorum


def test_without_quorum_the_tally_is_not_valid_but_figures_are_reported() -> None:
    # 10 members, 6 present: 2/3 of 10 needs 7.
    data = school(council(10, 6, written=2), [BallotRound(Title.CSTDCS, ["GV1"])],
                  ballots_for(Title.CSTDCS, {"GV1": [A] * 8}, written_last=2))
    r = tally.tally_school(data, rules_for())
    assert (r.quorum_required, r.quorum_ok, r.certified) == (7, False, False)
    c = cand(r, "GV1")
    assert c.approvals == 8 and c.threshold_passed and not c.proposed
    assert any("túc số" in n for n in c.notes)
    assert r.titles[0].valid == 8
    assert any("không đủ túc số" in line for line in r.log)
    assert any("CHƯA" in line for line in r.log)
    js = tally_view.to_json(r)
    assert js["hoi_dong"] == {"tong_so": 10, "co_mat": 6, "y_kien_van_ban": 2, "du_tuc_so": False}


def test_quorum_is_exactly_two_thirds_and_written_opinions_count_only_when_configured() -> None:
    ballots = ballots_for(Title.LDTT, {"GV1": [A] * 7})
    assert tally.tally_school(school(council(9, 6), [], ballots), rules_for()).quorum_ok  # 6 ≥ 2/3·9
    assert not tally.tally_school(school(council(10, 6, written=1), [], ballots), rules_for()).quorum_ok
    rs = rules_for(overrides=[Override("vote.quorum.counts_written", "có", citation="Quy chế trường, Điều 4")])
    r = tally.tally_school(school(council(10, 6, written=1), [], ballots), rs)
    assert r.quorum_ok and r.certified
    assert any("tính cả thành viên vắng" in line for line in r.log)


def test_empty_council_never_has_quorum() -> None:
    r = tally.tally_school(school([], [BallotRound(Title.LDTT, ["GV1"])], []), rules_for())
    assert not r.quorum_ok and not r.certified


# ---------------------------------------------------------------- thresholds under each base


@pytest.mark.parametrize(
    ("year", "title", "overrides", "members", "yes", "passes"),
    [
        # total_members, ≥ 80% (2024 CSTĐCS): 8 of 10 exactly 80%
        ("2024-2025", Title.CSTDCS, [], council(10, 10), 8, True),
        ("2024-2025", Title.CSTDCS, [], council(10, 10), 7, False),
        # total_members, > 50% (2024 LĐTT): 6 of 10 passes, exactly 5 does not
        ("2024-2025", Title.LDTT, [], council(10, 10), 6, True),
        ("2024-2025", Title.LDTT, [], council(10, 10), 5, False),
        # present_plus_written, ≥ 70% (2017 LĐTT): 8 present + 2 written = 10 → 7 passes, 6 does not
        ("2022-2023", Title.LDTT, [], council(12, 8, written=2), 7, True),
        ("2022-2023", Title.LDTT, [], council(12, 8, written=2), 6, False),
        # valid_ballots, ≥ 70% (override): 10 valid ballots
        ("2024-2025", Title.GIAY_KHEN, [Override("vote.threshold.GIAY_KHEN", "70% >= valid_ballots")],
         council(12, 12), 7, True),
        ("2024-2025", Title.GIAY_KHEN, [Override("vote.threshold.GIAY_KHEN", "70% >= valid_ballots")],
         council(12, 12), 6, False),
        # 90% of total members (CSTĐ tỉnh, 2017): 9 of 10
        ("2022-2023", Title.CSTD_TINH, [], council(10, 10), 9, True),
        ("2022-2023", Title.CSTD_TINH, [], council(10, 10), 8, False),
    ],
)
def test_threshold_exactly_met_and_missed_by_one(year: str, title: Title, overrides: list[Override],
                                                  members: list[CouncilMember], yes: int, passes: bool) -> None:
    data = school(members, [BallotRound(title, ["GV1"])], ballots_for(title, {"GV1": approvals(yes, 10)}), year)
    r = tally.tally_school(data, rules_for(year, overrides))
    c = cand(r, "GV1")
    assert c.threshold_passed is passes
    assert c.share == Fraction(yes, c.base_count)
    assert c.proposed is passes
    if not passes:
        assert any("Chưa đạt ngưỡng" in n for n in c.notes)


def test_valid_ballots_base_excludes_invalid_ballots() -> None:
    rs = rules_for(overrides=[Override("vote.threshold.GIAY_KHEN", "70% >= valid_ballots")])
    ballots = ballots_for(Title.GIAY_KHEN, {"GV1": approvals(7, 10)})
    ballots.append(Ballot("11", Title.GIAY_KHEN, {"GV1": A}, declared_invalid=True, declared_reason="Rách"))
    ballots.append(Ballot("12", Title.GIAY_KHEN, {"GV1": D}, declared_invalid=True, declared_reason="Tẩy xóa"))
    r = tally.tally_school(school(council(12, 12), [], ballots), rs)
    c = cand(r, "GV1")
    assert (c.base, c.base_count, c.approvals, c.threshold_passed) == ("valid_ballots", 10, 7, True)
    assert r.titles[0].threshold_text == "≥ 70% số phiếu hợp lệ"


def test_threshold_text_and_citation_are_carried() -> None:
    r = tally.tally_school(school(council(5, 5), [BallotRound(Title.CSTDCS, ["GV1"])], []), rules_for())
    tt = r.titles[0]
    assert tt.threshold_text == "≥ 80% tổng số thành viên Hội đồng"
    assert tt.threshold_citation == "khoản 7 Điều 30 NĐ 98/2023/NĐ-CP" and tt.threshold_tag == "theo nguồn thứ cấp, chưa đối chiếu công báo"


# ---------------------------------------------------------------- written opinions


def test_written_opinions_count_as_votes_and_are_kept_apart() -> None:
    # 2017: base present + written; 7 present + 3 written = 10; GV1 gets 5 at the meeting + 2 in writing.
    members = council(11, 7, written=3)
    cols = {"GV1": [A] * 5 + [D] * 2 + [A, A, D], "GV2": [A] * 7 + [D] * 3}
    data = school(members, [BallotRound(Title.LDTT, ["GV1", "GV2"])],
                  ballots_for(Title.LDTT, cols, written_last=3), "2022-2023")
    r = tally.tally_school(data, rules_for("2022-2023"))
    tt = r.titles[0]
    assert (tt.issued, tt.returned, tt.written, tt.valid) == (10, 10, 3, 10)
    g1, g2 = cand(r, "GV1"), cand(r, "GV2")
    assert (g1.approvals, g1.written_approvals, g1.base_count, g1.threshold_passed) == (7, 2, 10, True)
    assert (g2.approvals, g2.written_approvals, g2.disapprovals) == (7, 0, 3)
    assert r.written_opinions == 3
    assert all(ok for _, ok in r.audit)
    assert tally_view.to_json(r)["theo_danh_hieu"][0]["y_kien_van_ban"] == 3


def test_more_written_ballots_than_written_opinions_fails_the_audit() -> None:
    data = school(council(5, 4, written=0), [BallotRound(Title.LDTT, ["GV1"])],
                  ballots_for(Title.LDTT, {"GV1": [A] * 5}, written_last=1))
    data.rounds[0].issued = 5
    r = tally.tally_school(data, rules_for())
    assert not r.certified and not cand(r, "GV1").proposed
    assert [ok for fact, ok in r.audit if "văn bản" in fact] == [False]


# ---------------------------------------------------------------- ballot validity


def test_each_invalid_ballot_reason_is_reported_never_dropped() -> None:
    rnd = BallotRound(Title.CSTDCS, ["GV1", "GV2"], issued=10, max_choices=1)
    other = BallotRound(Title.LDTT, ["GV9"])
    ballots = [
        Ballot("1", Title.CSTDCS, {"GV1": A, "GV2": D}),
        Ballot("2", Title.CSTDCS, {"GV1": U, "GV2": A}, raw={"GV1": "?/"}),
        Ballot("3", Title.CSTDCS, {"GV1": A, "GV2": A}),  # over the limit of 1
        Ballot("4", Title.CSTDCS, {"GV1": A, "GV9": A}),  # GV9 is on the LĐTT list, not this one
        Ballot("5", Title.CSTDCS, {"GV1": A, "GV9": B}),  # a blank cell in another column is fine
        Ballot("6", Title.CSTDCS, {"GV1": A}),
        Ballot("06", Title.CSTDCS, {"GV2": A}),  # same number as "6": both copies are suspect
        Ballot("7", Title.CSTDCS, {"GV1": A}, declared_invalid=True, declared_reason="Không có dấu của Hội đồng"),
        Ballot("8", Title.CSTDCS, {"GV1": D, "GV9": D}),
    ]
    r = tally.tally_school(school(council(10, 10), [rnd, other], ballots), rules_for())
    tt = next(x for x in r.titles if x.title == Title.CSTDCS)
    codes = {(ib.number, ib.code) for ib in tt.invalid_ballots}
    assert codes == {("2", "UNREADABLE_MARK"), ("3", "OVER_LIMIT"), ("4", "NOT_ON_LIST"), ("6", "DUPLICATE_NUMBER"),
                     ("06", "DUPLICATE_NUMBER"), ("7", "DECLARED_INVALID"), ("8", "NOT_ON_LIST")}
    assert (tt.returned, tt.valid, tt.invalid) == (9, 2, 7)
    reasons = {ib.number: ib.reason for ib in tt.invalid_ballots}
    assert "Không có dấu của Hội đồng" in reasons["7"]
    assert "GV9" in reasons["4"] and "?/" in reasons["2"] and "(1)" in reasons["3"]
    assert "2 lần" in reasons["6"]
    assert [ib.number for ib in tt.invalid_ballots] == ["2", "3", "4", "6", "06", "7", "8"]
    g1 = cand(r, "GV1", Title.CSTDCS)
    assert (g1.approvals, g1.disapprovals, g1.blanks) == (2, 0, 0)
    assert all(ok for _, ok in r.audit)
    assert sum(1 for line in r.log if "không hợp lệ [" in line) == 7


def test_a_ballot_with_several_problems_gets_the_first_code_and_names_the_rest() -> None:
    rnd = BallotRound(Title.LDTT, ["GV1", "GV2"], max_choices=1)
    b = Ballot("1", Title.LDTT, {"GV1": A, "GV2": A, "X": A}, declared_invalid=True, declared_reason="Gạch xóa")
    r = tally.tally_school(school(council(3, 3), [rnd], [b]), rules_for())
    ib = r.titles[0].invalid_ballots[0]
    assert ib.code == "DECLARED_INVALID"
    assert "ngoài ra" in ib.reason and "X" in ib.reason and "vượt" in ib.reason


def test_without_a_round_the_list_comes_from_the_marked_columns() -> None:
    ballots = ballots_for(Title.LDTT, {"GV1": [A, A, A], "GV2": [B, B, B], "GV3": [D, A, B]})
    r = tally.tally_school(school(council(3, 3), [], ballots), rules_for())
    assert [c.subject for c in r.titles[0].candidates] == ["GV1", "GV3"]
    assert any("Không có danh sách bỏ phiếu" in line for line in r.log)


def test_a_plain_string_mark_is_refused() -> None:
    b = Ballot("1", Title.LDTT, {"GV1": "x"})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        tally.tally_school(school(council(3, 3), [BallotRound(Title.LDTT, ["GV1"])], [b]), rules_for())


# ---------------------------------------------------------------- quotas and ties


def _ldtt_and_cstdcs(n_ldtt: int, cstdcs: dict[str, int], staff: list[Staff], **kw: object) -> SchoolData:
    """2017 regime; 10 members all present; n_ldtt people pass LĐTT; CSTĐCS approvals per candidate."""
    ldtt_ids = [f"L{i:02d}" for i in range(n_ldtt)]
    ballots = ballots_for(Title.LDTT, {k: [A] * 10 for k in ldtt_ids})
    ballots += ballots_for(Title.CSTDCS, {k: approvals(v, 10) for k, v in cstdcs.items()})
    rounds = [BallotRound(Title.LDTT, ldtt_ids), BallotRound(Title.CSTDCS, list(cstdcs))]
    return school(council(10, 10), rounds, ballots, "2022-2023", staff=staff, **kw)


def _men(*ids: str) -> list[Staff]:
    return [Staff(i, f"Người {i}", gender=Gender.NAM) for i in ids]


def test_quota_2017_is_15_percent_of_ldtt_rounded_down() -> None:
    # 20 LĐTT → at most 3 CSTĐCS. Five pass with distinct counts: the top three are within the quota.
    votes = {"C1": 10, "C2": 9, "C3": 8, "C4": 7, "C5": 7}
    r = tally.tally_school(_ldtt_and_cstdcs(20, votes, _men(*votes)), rules_for("2022-2023"))
    tt = next(x for x in r.titles if x.title == Title.CSTDCS)
    assert tt.quota == 3 and "15%" in tt.quota_text and "20 người" in tt.quota_text and "Điều 9" in tt.quota_text
    assert [cand(r, k, Title.CSTDCS).within_quota for k in votes] == [True, True, True, False, False]
    assert [cand(r, k, Title.CSTDCS).proposed for k in votes] == [True, True, True, False, False]
    assert not any(c.revote for c in tt.candidates)
    assert any("Ngoài chỉ tiêu" in n for n in cand(r, "C4", Title.CSTDCS).notes)


def test_tie_at_the_quota_cut_off_means_revote() -> None:
    # 14 LĐTT → ⌊2.1⌋ = 2 places. C1 first; C2, C3, C4 tied for the last place; all men, no initiatives.
    votes = {"C1": 10, "C2": 8, "C3": 8, "C4": 8, "C5": 6}
    r = tally.tally_school(_ldtt_and_cstdcs(14, votes, _men(*votes)), rules_for("2022-2023"))
    tt = next(x for x in r.titles if x.title == Title.CSTDCS)
    assert tt.quota == 2
    assert cand(r, "C1", Title.CSTDCS).within_quota is True and cand(r, "C1", Title.CSTDCS).proposed
    for k in ("C2", "C3", "C4"):
        c = cand(r, k, Title.CSTDCS)
        assert c.revote and not c.proposed and not c.within_quota
        assert any("Cần bỏ phiếu lại" in n for n in c.notes)
    assert not cand(r, "C5", Title.CSTDCS).threshold_passed  # 60% < 70%
    assert any("Cần bỏ phiếu lại" in line for line in r.log)
    assert r.certified  # a revote is a result, not a failure of the count
    assert "Cần bỏ phiếu lại" in tally_view.to_json(r)["ket_qua"][-3]["ghi_chu"]


def test_women_first_separates_a_tie_and_says_so() -> None:
    votes = {"C1": 10, "C2": 8, "C3": 8, "C4": 8}
    staff = _men("C1", "C2", "C4") + [Staff("C3", "Phạm Thị Hoa", gender=Gender.NU)]
    r = tally.tally_school(_ldtt_and_cstdcs(14, votes, staff), rules_for("2022-2023"))
    c3 = cand(r, "C3", Title.CSTDCS)
    assert c3.within_quota and c3.proposed and not c3.revote
    assert any("ưu tiên cá nhân nữ" in n for n in c3.notes)
    for k in ("C2", "C4"):
        c = cand(r, k, Title.CSTDCS)
        assert c.within_quota is False and not c.revote and any("ngoài chỉ tiêu" in n for n in c.notes)


def test_chain_goes_on_to_initiatives_then_revote() -> None:
    # 20 LĐTT → 3 places: C1 in; C2..C5 tied for two places; C2, C3, C4 women; C3 has two initiatives,
    # C2 and C4 one each → C3 in by initiatives; C2/C4 still tied for the last place → revote; C5 (man) out.
    votes = {"C1": 10, "C2": 8, "C3": 8, "C4": 8, "C5": 8}
    staff = _men("C1", "C5") + [Staff(k, f"Nữ {k}", gender=Gender.NU) for k in ("C2", "C3", "C4")]
    inis = [Initiative(k, f"SK {k} {i}", InitiativeKind.SANG_KIEN, Level.CO_SO, school_year="2022-2023")
            for k, n in (("C2", 1), ("C3", 2), ("C4", 1)) for i in range(n)]
    r = tally.tally_school(_ldtt_and_cstdcs(20, votes, staff, initiatives=inis), rules_for("2022-2023"))
    assert cand(r, "C3", Title.CSTDCS).within_quota and any(
        "sáng kiến" in n for n in cand(r, "C3", Title.CSTDCS).notes)
    assert cand(r, "C5", Title.CSTDCS).within_quota is False and any(
        "nữ" in n for n in cand(r, "C5", Title.CSTDCS).notes)
    assert cand(r, "C2", Title.CSTDCS).revote and cand(r, "C4", Title.CSTDCS).revote
    assert [c.subject for tt in r.titles for c in tt.candidates if c.proposed and c.title == Title.CSTDCS] == [
        "C1", "C3"]


def _two_teams_tied() -> SchoolData:
    """Tổ Văn (2 of 3 women) and Tổ Toán (3 of 4 women), 9 approvals each for TTLĐXS."""
    staff = [Staff("a", "A", gender=Gender.NU, team="Tổ Văn"), Staff("b", "B", gender=Gender.NU, team="Tổ Văn"),
             Staff("c", "C", gender=Gender.NAM, team="Tổ Văn"), Staff("d", "D", gender=Gender.NU, team="Tổ Toán"),
             Staff("e", "E", gender=Gender.NU, team="Tổ Toán"), Staff("f", "F", gender=Gender.NU, team="Tổ Toán"),
             Staff("g", "G", gender=Gender.NAM, team="Tổ Toán")]
    ballots = ballots_for(Title.TTLDXS, {"Tổ Văn": [A] * 9, "Tổ Toán": [A] * 9})
    return school(council(10, 10), [BallotRound(Title.TTLDXS, ["Tổ Văn", "Tổ Toán"])], ballots, staff=staff,
                  teams=[Team("Tổ Văn"), Team("Tổ Toán")])


def test_a_fixed_quota_from_an_override_and_a_team_women_share() -> None:
    rs = rules_for(overrides=[Override("vote.quota.TTLDXS", "1", citation="QĐ tỉnh 12/2025, Điều 5")])
    r = tally.tally_school(_two_teams_tied(), rs)
    # Tổ Văn 2/3 women (< 70%), Tổ Toán 3/4 women (≥ 70%) → Tổ Toán wins the single place.
    assert cand(r, "Tổ Toán").proposed and not cand(r, "Tổ Văn").proposed
    assert "QĐ tỉnh 12/2025" in r.titles[0].quota_text
    assert any("3/4 thành viên là nữ" in n for n in cand(r, "Tổ Toán").notes)


def test_the_team_women_share_is_a_parameter_of_the_rule_set() -> None:
    for regime_year, cite in (("2022-2023", "91/2017"), ("2024-2025", "98/2023"), ("2025-2026", "152/2025")):
        p = rules_for(regime_year)["vote.tiebreak.women_team_share"]
        assert p.value == Fraction(7, 10) and cite in p.cite.doc
    assert rules_for("2022-2023")["vote.tiebreak.women_team_share"].tag == "UNVERIFIED"  # NĐ 91/2017: not checked
    # A province that asks for 2/3 women: both teams now qualify, the chain goes on and cannot separate them.
    rs = rules_for(overrides=[Override("vote.quota.TTLDXS", "1", citation="QĐ tỉnh 12/2025, Điều 5"),
                              Override("vote.tiebreak.women_team_share", "2/3", citation="QĐ tỉnh 12/2025")])
    r = tally.tally_school(_two_teams_tied(), rs)
    assert cand(r, "Tổ Toán").revote and cand(r, "Tổ Văn").revote


def test_round_candidates_is_the_one_place_that_decides_a_rounds_list() -> None:
    declared = [BallotRound(Title.CSTDCS, ["C1", "C2"], issued=9), BallotRound(Title.CSTDCS, ["C2", "C3"], max_choices=2)]
    ballots = (ballots_for(Title.LDTT, {"L3": [A, B], "L1": [B, D], "L2": [B, B]})
               + ballots_for(Title.CSTDCS, {"C9": [A]}))
    data = school(council(3, 3), declared, ballots)
    lists = tally.round_candidates(data)
    assert list(lists.rounds) == [Title.LDTT, Title.CSTDCS]  # title order
    cstdcs = lists.rounds[Title.CSTDCS]
    assert (cstdcs.candidates, cstdcs.issued, cstdcs.max_choices) == (["C1", "C2", "C3"], 9, 2)
    assert lists.merged == [Title.CSTDCS] and lists.inferred == {Title.LDTT}
    assert lists.rounds[Title.LDTT].candidates == ["L3", "L1"]  # marked, in the order first seen; L2 never marked
    assert [r.candidates for r in data.rounds] == [["C1", "C2"], ["C2", "C3"]]  # the data is not changed
    r = tally.tally_school(data, rules_for())
    assert [c.subject for c in r.titles[0].candidates] == ["L3", "L1"]
    assert sum("khai báo nhiều lần" in line for line in r.log) == 1


def test_2017_quota_without_ldtt_figures_proposes_nobody_and_says_why() -> None:
    data = school(council(10, 10), [BallotRound(Title.CSTDCS, ["C1"])],
                  ballots_for(Title.CSTDCS, {"C1": [A] * 10}), "2022-2023")
    r = tally.tally_school(data, rules_for("2022-2023"))
    c = cand(r, "C1")
    assert c.threshold_passed and not c.proposed and any("chưa tính được" in n for n in c.notes)


def test_2017_quota_can_use_the_eligibility_count_of_ldtt() -> None:
    verdicts = CheckResult("2022-2023", "2017", [Verdict(f"L{i}", "x", Title.LDTT, True) for i in range(7)]
                           + [Verdict("C1", "C1", Title.CSTDCS, True)])
    data = school(council(10, 10), [BallotRound(Title.CSTDCS, ["C1"])],
                  ballots_for(Title.CSTDCS, {"C1": [A] * 10}), "2022-2023")
    r = tally.tally_school(data, rules_for("2022-2023"), verdicts)
    assert r.titles[0].quota == 1 and cand(r, "C1").proposed and "xét điều kiện" in r.titles[0].quota_text


def test_no_quota_in_2024_by_default() -> None:
    votes = {f"C{i}": 9 for i in range(6)}
    data = school(council(10, 10), [BallotRound(Title.CSTDCS, list(votes))],
                  ballots_for(Title.CSTDCS, {k: approvals(v, 10) for k, v in votes.items()}))
    r = tally.tally_school(data, rules_for())
    assert r.titles[0].quota is None and all(c.within_quota is None and c.proposed for c in r.titles[0].candidates)


# ---------------------------------------------------------------- eligibility


def test_passes_the_vote_but_not_eligible_is_flagged_and_not_proposed() -> None:
    verdicts = CheckResult("2024-2025", "2024", [
        Verdict("GV1", "Nguyễn Văn A", Title.CSTDCS, False,
                reasons=[Reason("NO_INITIATIVE", "Không có sáng kiến được công nhận", "Điều 23 Luật 06/2022/QH15")]),
        Verdict("GV2", "Trần Thị B", Title.CSTDCS, True),
    ])
    data = school(council(10, 10), [BallotRound(Title.CSTDCS, ["GV1", "GV2", "GV3"])],
                  ballots_for(Title.CSTDCS, {"GV1": [A] * 10, "GV2": approvals(9, 10), "GV3": approvals(9, 10)}))
    r = tally.tally_school(data, rules_for(), verdicts)
    g1, g2, g3 = (cand(r, k) for k in ("GV1", "GV2", "GV3"))
    assert g1.threshold_passed and g1.eligible is False and not g1.proposed
    assert any("Không có sáng kiến được công nhận" in n for n in g1.notes)
    assert g2.eligible is True and g2.proposed
    assert g3.eligible is None and g3.proposed and any("Chưa có kết quả xét điều kiện" in n for n in g3.notes)
    row = next(x for x in tally_view.to_json(r)["ket_qua"] if x["ma"] == "GV1")
    assert (row["du_dieu_kien"], row["de_nghi"]) == (False, False)


def test_an_ineligible_passer_does_not_take_a_quota_place() -> None:
    votes = {"C1": 10, "C2": 9}
    verdicts = CheckResult("2022-2023", "2017", [Verdict("C1", "C1", Title.CSTDCS, False),
                                                 Verdict("C2", "C2", Title.CSTDCS, True)]
                           + [Verdict(f"L{i:02d}", "x", Title.LDTT, True) for i in range(7)])
    r = tally.tally_school(_ldtt_and_cstdcs(7, votes, _men(*votes)), rules_for("2022-2023"), verdicts)
    tt = next(x for x in r.titles if x.title == Title.CSTDCS)
    assert tt.quota == 1
    assert cand(r, "C2", Title.CSTDCS).proposed and not cand(r, "C1", Title.CSTDCS).proposed


# ---------------------------------------------------------------- double entry


def test_double_entry_mismatch_lists_every_cell_and_refuses_to_certify() -> None:
    first = ballots_for(Title.LDTT, {"GV1": [A] * 9, "GV2": [A] * 8 + [D]})
    second = [dataclasses.replace(b, marks=dict(b.marks)) for b in first]
    second[2].marks["GV2"] = D  # a differing cell
    second.pop(5)  # ballot 6 missing from the second entry
    second.append(Ballot("10", Title.LDTT, {"GV1": A}))  # an extra ballot
    second[0].source_kind = W
    data = school(council(10, 10), [BallotRound(Title.LDTT, ["GV1", "GV2"])], first, ballots_second=second)
    r = tally.tally_school(data, rules_for())
    assert r.double_entry and not r.certified
    found = {(d.ballot, d.candidate, d.first, d.second) for d in r.discrepancies}
    assert ("3", "GV2", "đồng ý", "không đồng ý") in found
    assert ("6", "", "có phiếu", "(không có phiếu)") in found
    assert ("10", "", "(không có phiếu)", "có phiếu") in found
    assert ("1", "(loại phiếu)", "phiếu tại cuộc họp", "ý kiến bằng văn bản") in found
    assert len(r.discrepancies) == 4
    assert cand(r, "GV1").approvals == 9 and not cand(r, "GV1").proposed  # provisional, from the first entry
    assert any("chưa khớp" in n for n in cand(r, "GV1").notes)
    tables = tally_view.to_tables(r)
    assert [tb.name for tb in tables] == ["Kết quả kiểm phiếu", "Đối chiếu phiếu"]
    assert len(tables[1].rows) == 4
    assert len(tally_view.to_json(r)["chenh_lech"]) == 4


def test_matching_double_entry_certifies_and_same_meaning_raw_text_is_not_a_discrepancy() -> None:
    first = ballots_for(Title.LDTT, {"GV1": [A] * 9})
    second = [dataclasses.replace(b, marks=dict(b.marks), raw={"GV1": "1"}) for b in reversed(first)]
    for b in second:
        b.number = b.number.zfill(2)  # "01" is ballot 1
    r = tally.tally_school(school(council(10, 10), [], first, ballots_second=second), rules_for())
    assert r.discrepancies == [] and r.certified
    assert [tb.name for tb in tally_view.to_tables(r)] == ["Kết quả kiểm phiếu", "Đối chiếu phiếu"]


# ---------------------------------------------------------------- audit facts and hash


def test_more_ballots_returned_than_issued_fails_the_audit() -> None:
    rnd = BallotRound(Title.LDTT, ["GV1"], issued=3)
    r = tally.tally_school(school(council(5, 5), [rnd], ballots_for(Title.LDTT, {"GV1": [A] * 4})), rules_for())
    assert not r.certified and not cand(r, "GV1").proposed
    assert any(not ok and "phát ra (3)" in fact for fact, ok in r.audit)
    assert any("Kiểm tra không đạt" in line for line in r.log)


def test_hash_ignores_order_and_blank_cells_but_sees_every_mark() -> None:
    bs = ballots_for(Title.LDTT, {"GV1": [A, D, B], "GV2": [A, A, A]})
    h = tally.ballots_hash(bs)
    assert len(h) == 64 and h == tally.ballots_hash(list(reversed(bs)))
    without_blank = [dataclasses.replace(b, marks={k: m for k, m in b.marks.items() if m is not B}) for b in bs]
    assert tally.ballots_hash(without_blank) == h
    changed = [dataclasses.replace(b, marks=dict(b.marks)) for b in bs]
    changed[2].marks["GV1"] = A
    assert tally.ballots_hash(changed) != h
    renumbered = [dataclasses.replace(b, number="9" if b.number == "3" else b.number) for b in bs]
    assert tally.ballots_hash(renumbered) != h
    declared = [dataclasses.replace(b, declared_invalid=b.number == "1", declared_reason="x") for b in bs]
    assert tally.ballots_hash(declared) != h
    assert tally.canonical_ballot(bs[0]) == '["1","LDTT","MEETING",false,"",{"GV1":"APPROVE","GV2":"APPROVE"}]'


# ---------------------------------------------------------------- faces


def test_to_json_has_exactly_the_documented_keys() -> None:
    data = school(council(5, 5), [BallotRound(Title.LDTT, ["GV1"])], ballots_for(Title.LDTT, {"GV1": [A] * 5}),
                  staff=[Staff("GV1", "Nguyễn Thị Hồng")])
    js = tally_view.to_json(tally.tally_school(data, rules_for()))
    assert {"hoi_dong", "phieu", "ket_qua", "ma_bam"} <= set(js)
    assert set(js["hoi_dong"]) == {"tong_so", "co_mat", "y_kien_van_ban", "du_tuc_so"}
    assert set(js["phieu"]) == {"phat_ra", "thu_vao", "hop_le", "khong_hop_le"}
    assert set(js["ket_qua"][0]) == {"ma", "ho_ten", "danh_hieu", "dong_y", "co_so", "ty_le", "dat_nguong",
                                     "trong_chi_tieu", "du_dieu_kien", "de_nghi", "ghi_chu"}
    row = js["ket_qua"][0]
    assert row["ho_ten"] == "Nguyễn Thị Hồng" and row["ty_le"] == 100.0 and row["co_so"] == 5
    assert isinstance(row["ty_le"], float)
    json.dumps(js, ensure_ascii=False)  # serialisable as is


def test_ty_le_is_a_number_with_two_decimals() -> None:
    data = school(council(3, 3), [BallotRound(Title.LDTT, ["GV1"])], ballots_for(Title.LDTT, {"GV1": [A, A, D]}))
    js = tally_view.to_json(tally.tally_school(data, rules_for()))
    assert js["ket_qua"][0]["ty_le"] == 66.67
    assert '"ty_le": 66.67' in json.dumps(js)


def test_result_sheet_has_one_row_per_candidate_and_the_hash() -> None:
    data = school(council(5, 5), [BallotRound(Title.LDTT, ["GV1", "GV2"])],
                  ballots_for(Title.LDTT, {"GV1": [A] * 5, "GV2": [D] * 5}))
    r = tally.tally_school(data, rules_for())
    (table,) = tally_view.to_tables(r)
    assert table.name == "Kết quả kiểm phiếu" and len(table.rows) == 2
    assert len(table.headers) == len(table.rows[0]) == len(table.widths)
    assert table.rows[0][9] == "100,00%" and table.highlight == {0: "ok", 1: "bad"}
    assert any(r.hash in n for n in table.notes)


def test_thidua_xl_tally_is_the_public_operation_even_after_the_core_tally_is_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    # thidua_xl.core.tally is imported at the top of this file (once a module and a function of one name).
    assert tally.__name__ == "thidua_xl.core.tally"
    calls = []
    monkeypatch.setattr(api, "tally", lambda *a, **k: calls.append((a, k)) or "ok")
    assert thidua_xl.tally("x.xlsx", regime="2024") == "ok"
    assert calls == [(("x.xlsx",), {"regime": "2024"})]


# ---------------------------------------------------------------- properties (hypothesis)

CANDS = ["GV1", "GV2", "GV3", "GV4", "T1"]
MARKS = [A, D, B, U]


@st.composite
def elections(draw: st.DrawFn) -> SchoolData:
    total = draw(st.integers(1, 12))
    present = draw(st.integers(0, total))
    written = draw(st.integers(0, total - present))
    titles = draw(st.lists(st.sampled_from([Title.LDTT, Title.CSTDCS, Title.GIAY_KHEN]), min_size=1, max_size=3,
                           unique=True))
    rounds, ballots = [], []
    for title in titles:
        cands = draw(st.lists(st.sampled_from(CANDS[:4]), min_size=1, max_size=4, unique=True))
        n = draw(st.integers(0, 14))
        rounds.append(BallotRound(title, cands, issued=draw(st.none() | st.integers(0, 16)),
                                  max_choices=draw(st.none() | st.integers(0, 3))))
        for _ in range(n):
            keys = draw(st.lists(st.sampled_from(CANDS), max_size=5, unique=True))
            marks = {k: draw(st.sampled_from(MARKS if draw(st.integers(0, 9)) == 0 else [A, D, B])) for k in keys}
            ballots.append(Ballot(str(draw(st.integers(1, 18))), title, marks,
                                  source_kind=draw(st.sampled_from([BallotSource.MEETING, W])),
                                  declared_invalid=draw(st.integers(0, 14)) == 0, declared_reason="Rách"))
    staff = [Staff(k, f"Người {k}", gender=draw(st.sampled_from([Gender.NAM, Gender.NU, None])),
                   birth_date=dt.date(1970 + i, 1, 1)) for i, k in enumerate(CANDS)]
    year = draw(st.sampled_from(["2022-2023", "2024-2025"]))
    return school(council(total, present, written), rounds, ballots, year, staff=staff)


@settings(max_examples=150, deadline=None)
@given(elections())
def test_invariants_hold_for_any_ballot_set(data: SchoolData) -> None:
    r = tally.tally_school(data, rules_for(data.info.school_year))
    expected_failures = 0
    for tt in r.titles:
        ballots = [b for b in data.ballots if b.title == tt.title]
        assert tt.returned == len(ballots) == tt.valid + tt.invalid
        assert tt.invalid == len(tt.invalid_ballots)
        assert tt.issued == tt.returned + tt.not_returned
        expected_failures += (tt.not_returned < 0) + (tt.written > r.written_opinions)
        for c in tt.candidates:
            assert c.approvals + c.disapprovals + c.blanks == tt.valid
            assert 0 <= c.written_approvals <= c.approvals
            assert c.share == (Fraction(c.approvals, c.base_count) if c.base_count else 0)
            assert not c.proposed or (c.threshold_passed and r.certified and c.eligible is not False
                                      and c.within_quota is not False and not c.revote)
        if tt.quota is not None:
            assert sum(1 for c in tt.candidates if c.within_quota) <= tt.quota
    assert sum(1 for _, ok in r.audit if not ok) == expected_failures
    assert r.certified == (r.quorum_ok and expected_failures == 0)
    json.dumps(tally_view.to_json(r), ensure_ascii=False)


@settings(max_examples=100, deadline=None)
@given(elections(), st.randoms(use_true_random=False))
def test_ballot_order_never_changes_the_result(data: SchoolData, rnd) -> None:  # noqa: ANN001
    rules = rules_for(data.info.school_year)
    r1 = tally.tally_school(data, rules)
    shuffled = list(data.ballots)
    rnd.shuffle(shuffled)
    data.ballots = shuffled
    r2 = tally.tally_school(data, rules)
    assert r1 == r2


@settings(max_examples=150, deadline=None)
@given(elections(), st.data())
def test_a_single_changed_mark_changes_the_hash(data: SchoolData, draw: st.DataObject) -> None:
    if not data.ballots:
        data.ballots = [Ballot("1", Title.LDTT, {"GV1": A})]
    before = tally.tally_school(data, rules_for(data.info.school_year)).hash
    i = draw.draw(st.integers(0, len(data.ballots) - 1))
    b = data.ballots[i]
    key = draw.draw(st.sampled_from(CANDS))
    old = b.marks.get(key, B)
    new = draw.draw(st.sampled_from([m for m in MARKS if m is not old]))
    data.ballots[i] = dataclasses.replace(b, marks={**b.marks, key: new})
    assert tally.tally_school(data, rules_for(data.info.school_year)).hash != before


# ---------------------------------------------------------------- issue 13: the school's vote, ties' citations,
# lists approved without a secret ballot

def _tally_cases() -> list[tuple[dict, dict]]:  # type: ignore[type-arg]
    import yaml  # heavy: only these tests read the case tables

    out = []
    for path in sorted((Path(__file__).parent / "cases").glob("tally_*.yaml")):
        suite = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(suite, c) for c in suite["cases"]]
    return out


TALLY_CASES = _tally_cases()


def _listed_verdicts(title: Title, n: int, year: str, regime: str) -> CheckResult:
    return CheckResult(year, regime, [Verdict(f"S{i:03d}", f"Người {i}", title, True, is_team=title.is_team)
                                      for i in range(n)])


@pytest.mark.parametrize(("suite", "case"), TALLY_CASES, ids=[c["name"] for _, c in TALLY_CASES])
def test_tally_case(suite: dict, case: dict) -> None:  # type: ignore[type-arg]
    title = Title(case["title"])
    cn = case["council"]
    members = council(cn["total"], cn["present"], cn.get("written", 0))
    year = suite["school_year"]
    rules = rules_for(year)
    assert rules.regime == suite["regime"]
    assert rules[f"vote.threshold.{title.value}"].tag == case["tag"]
    expect = case["expect"]
    if "ballots" in case:
        voting = cn["present"] + cn.get("written", 0)
        ballots = ballots_for(title, {"GV1": approvals(case["ballots"]["approve"], voting)},
                              written_last=cn.get("written", 0))
        data = school(members, [BallotRound(title, ["GV1"])], ballots, year=year)
        verdicts = CheckResult(year, rules.regime, [Verdict("GV1", "GV1", title, True)])
        r = tally.tally_school(data, rules, verdicts)
        c = cand(r, "GV1", title)
        assert (c.threshold_passed, c.proposed) == (expect["passed"], expect["proposed"])
        assert not r.approvals
        return
    hands = case["show_of_hands"]
    info = SchoolInfo(school_year=year, approval_method=hands["method"])
    info.approvals_ldtt = hands["approvals"] if title == Title.LDTT else None
    info.approvals_ttldtt = hands["approvals"] if title == Title.TTLDTT else None
    data = SchoolData(info=info, council=members)
    r = tally.tally_school(data, rules, _listed_verdicts(title, hands["listed"], year, rules.regime))
    (a,) = r.approvals
    assert (a.title, a.method, a.listed, a.approvals) == (title, hands["method"], hands["listed"], hands["approvals"])
    assert a.approved is expect["approved"]
    line = tally_view.approval_line(a)
    assert ("… (thư ký ghi)" in line) is (expect["approved"] is None)
    assert tally_view.to_json(r)["bieu_quyet"][0]["thong_qua"] is expect["approved"]


def test_the_90_percent_is_the_higher_councils_and_the_school_vote_is_the_units_rule() -> None:
    for regime in ("2024", "2025"):
        rs = load_ruleset(regime)
        for key in ("CSTD_TINH", "CSTD_TQ"):
            school_vote, higher = rs[f"vote.threshold.{key}"], rs[f"vote.higher_council.{key}"]
            assert (school_vote.value.ratio, school_vote.value.base) == (Fraction(4, 5), "total_members")
            assert school_vote.tag == "GAP" and "đơn vị" in school_vote.cite.doc
            assert rs.value("vote.threshold.CSTDCS") == school_vote.value  # same as CSTĐCS
            assert (higher.value.ratio, higher.value.base) == (Fraction(9, 10), "total_members")
            assert "98/2023" in higher.cite.doc and higher.cite.article == "Điều 30"
        assert rs["vote.higher_council.CSTD_TINH"].tag == ("SECONDARY" if regime == "2024" else "UNVERIFIED")
    r17 = load_ruleset("2017")
    assert "Điều 45" in r17["vote.higher_council.CSTD_TINH"].cite.article
    assert "35/2015" in r17["vote.threshold.CSTD_TINH"].cite.doc


def test_the_unit_can_raise_its_own_cstd_tinh_vote_to_90_percent() -> None:
    rs = rules_for(overrides=[Override("vote.threshold.CSTD_TINH", "90% >= total_members",
                                       citation="Quy chế TĐKT trường, Điều 7")])
    data = school(council(20, 20), [BallotRound(Title.CSTD_TINH, ["GV1"])],
                  ballots_for(Title.CSTD_TINH, {"GV1": approvals(17, 20)}))
    c = cand(tally.tally_school(data, rs), "GV1")
    assert not c.threshold_passed and "90%" in c.notes[0]


def _tie_2025(staff: list[Staff], initiatives: list[Initiative] | None = None) -> SchoolData:
    """2025-2026, 10 members present, quota of one CSTĐCS (the unit's rule); C1 and C2 tied with 9 approvals."""
    ballots = ballots_for(Title.CSTDCS, {"C1": [A] * 9 + [D], "C2": [A] * 9 + [D]})
    return school(council(10, 10), [BallotRound(Title.CSTDCS, ["C1", "C2"])], ballots, "2025-2026", staff=staff,
                  initiatives=initiatives or [])


def test_a_tie_decided_by_women_first_cites_clause_6_of_article_4_of_decree_152() -> None:
    rs = rules_for("2025-2026", [Override("vote.quota.CSTDCS", "1", citation="Quy chế trường, Điều 8")])
    staff = [Staff("C1", "Trần Văn A", gender=Gender.NAM), Staff("C2", "Lê Thị B", gender=Gender.NU)]
    r = tally.tally_school(_tie_2025(staff), rs)
    note = next(n for n in cand(r, "C2").notes if "ưu tiên cá nhân nữ" in n)
    assert f"khoản 6 Điều 4 NĐ 152/2025/NĐ-CP [{rs['vote.tiebreak.women_team_share'].tag_text}]" in note
    assert cand(r, "C2").proposed and not cand(r, "C1").proposed
    tie_line = next(line for line in r.log if "Bằng phiếu tại ngưỡng chỉ tiêu" in line)
    assert f"Quy chế thi đua, khen thưởng của đơn vị [{rs['vote.tiebreak'].tag_text}]" in tie_line
    assert "khoản 6 Điều 4 NĐ 152/2025" in tie_line
    r24 = rules_for("2024-2025", [Override("vote.quota.CSTDCS", "1", citation="Quy chế trường, Điều 8")])
    data24 = dataclasses.replace(_tie_2025(staff), info=SchoolInfo(school_year="2024-2025"))
    note24 = next(n for n in cand(tally.tally_school(data24, r24), "C2").notes if "ưu tiên cá nhân nữ" in n)
    assert "Điều 4 NĐ 98/2023/NĐ-CP" in note24 and "152/2025" not in note24


def test_a_tie_decided_by_initiatives_cites_the_units_rule_not_the_decree() -> None:
    rs = rules_for("2025-2026", [Override("vote.quota.CSTDCS", "1", citation="Quy chế trường, Điều 8")])
    staff = [Staff("C1", "Trần Thị A", gender=Gender.NU), Staff("C2", "Lê Thị B", gender=Gender.NU)]
    inis = [Initiative("C1", "SK", InitiativeKind.SANG_KIEN, Level.CO_SO, school_year="2025-2026")]
    r = tally.tally_school(_tie_2025(staff, inis), rs)
    note = next(n for n in cand(r, "C1").notes if "sáng kiến" in n)
    assert note.endswith(f"Quy chế thi đua, khen thưởng của đơn vị [{rs['vote.tiebreak'].tag_text}]")
    assert "NĐ" not in note
    assert rs["vote.tiebreak"].tag == "GAP"


def test_lists_approved_without_a_ballot_are_recorded_and_a_rejected_list_is_not_proposed() -> None:
    from thidua_xl.reports.context import build_context, nominations  # the dossier's side of the approval

    year = "2024-2025"
    rules = rules_for(year)
    info = SchoolInfo(school_year=year, approvals_ldtt=4, approvals_ttldtt=None)
    staff = [Staff(f"S{i:03d}", f"Người {i}") for i in range(3)]
    checked = CheckResult(year, rules.regime, [Verdict(s.id, s.full_name, Title.LDTT, True) for s in staff]
                          + [Verdict("Tổ Toán", "Tổ Toán", Title.TTLDTT, True, is_team=True)])
    data = SchoolData(info=info, staff=staff, council=council(11, 10), teams=[Team("Tổ Toán")])
    r = tally.tally_school(data, rules, checked)
    ldtt, ttldtt = r.approvals
    assert (ldtt.title, ldtt.approved, ldtt.threshold_passed, ldtt.base_count) == (Title.LDTT, False, False, 11)
    assert (ttldtt.title, ttldtt.approved, ttldtt.approvals) == (Title.TTLDTT, None, None)
    assert tally_view.approval_line(ldtt) == (
        "Danh hiệu “Lao động tiên tiến” (danh sách 3 cá nhân): Hội đồng biểu quyết giơ tay, 4/11 thành viên đồng ý "
        "(36,36%); ngưỡng > 50% tổng số thành viên Hội đồng. Kết quả: không thông qua (chưa đạt ngưỡng).")
    assert "…/11 thành viên đồng ý (…%)" in tally_view.approval_line(ttldtt)
    lines = tally_view.summary_lines(r)
    assert any("Số thành viên đồng ý danh sách TTLĐTT" in line for line in lines)
    assert any("số thành viên biểu quyết đồng ý (4) không vượt" in f for f, ok in r.audit if ok)
    noms = nominations(data, rules, checked, r)
    assert Title.LDTT not in noms.by_title and Title.TTLDTT in noms.by_title  # rejected list: not in the dossier
    ctx = build_context(data, rules, checked, r, noms)
    assert [a["code"] for a in ctx["tally"]["approvals"]] == ["LDTT", "TTLDTT"]
    # recorded above the members voting: the count is not certified
    data.info.approvals_ldtt = 12
    r2 = tally.tally_school(data, rules, checked)
    assert not r2.certified and any(not ok and "(12)" in f for f, ok in r2.audit)
    # a title put to a secret ballot is counted by its ballots, never approved by a show of hands
    data.rounds = [BallotRound(Title.LDTT, ["S000"])]
    data.ballots = ballots_for(Title.LDTT, {"S000": [A] * 10})
    assert [a.title for a in tally.tally_school(data, rules, checked).approvals] == [Title.TTLDTT]


def test_the_hash_is_the_sha256_of_the_canonical_lines_whatever_the_keys() -> None:
    """The fast encoding of many ballots gives exactly :func:`canonical_ballot`'s lines (keys with quotes,
    backslashes, Vietnamese letters and control characters; blank marks left out; declared reasons)."""
    import hashlib
    import random

    from thidua_xl.core.model import BallotSource
    from thidua_xl.core.tally import hashing

    rng = random.Random(7)
    keys = ['GV"1', "GV\\2", "Nguyễn Thị Ánh", "tab\there", "GV10", "GV9", "Z", "a", "ß", "😀"]
    bs = []
    for i in range(300):
        names = rng.sample(keys, rng.randint(0, len(keys)))
        marks = {k: rng.choice(list(Mark)) for k in names}
        bs.append(Ballot(rng.choice(["007", f"{i}", "5.0", " x "]), rng.choice(list(Title)), marks,
                         rng.choice(list(BallotSource)), rng.random() < 0.3, rng.choice(["", " lý do \n", '"q"'])))
    expected = hashlib.sha256(hashing.HASH_SCHEME.encode("utf-8"))
    for line in sorted(tally.canonical_ballot(b) for b in bs):
        expected.update(b"\n" + line.encode("utf-8"))
    assert tally.ballots_hash(bs) == expected.hexdigest()
    assert sorted(hashing._canonical_lines(bs)) == sorted(tally.canonical_ballot(b) for b in bs)
