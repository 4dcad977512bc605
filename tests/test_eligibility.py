"""Eligibility: the lawyer-readable YAML case tables, properties, overrides, faces."""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua_xl import cli
from thidua_xl.core import eligibility, rules
from thidua_xl.core import model as m
from thidua_xl.views.check import short_reason

CASES_DIR = Path(__file__).parent / "cases"


def _date(v: Any) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def build_case(suite: dict[str, Any], case: dict[str, Any]) -> m.SchoolData:
    year = suite["school_year"]
    data = m.SchoolData()
    data.info = m.SchoolInfo(school_name="Trường thử", school_year=year,
                             consideration_date=_date(case.get("consideration", suite["consideration"])))
    defaults = {"rating": "HTTNV", "recruited": "2015-09-01", "sector_entry": "2015-09-01",
                **suite.get("defaults", {})}
    data.teams.append(m.Team("Tổ A"))
    if "team" in case:
        spec = case["team"]
        data.teams[0].rating = m.Rating(spec.get("rating", "HTTNV"))
        n = spec["members"]
        for i in range(n):
            p = m.Staff(f"T{i:05d}", f"Người {i}", team="Tổ A", rating=m.Rating.HTTNV,
                        recruited_date=_date(defaults["recruited"]), sector_entry_date=_date(defaults["sector_entry"]))
            data.staff.append(p)
            if i >= spec.get("not_ldtt", 0):
                data.registrations.append(m.Registration(False, p.id, m.Title.LDTT))
        for i in range(spec.get("cstdcs", 0)):
            p = data.staff[n - 1 - i]
            p.rating = m.Rating.HTXSNV
            data.registrations.append(m.Registration(False, p.id, m.Title.CSTDCS))
            data.initiatives.append(m.Initiative(p.id, "SK", m.InitiativeKind.SANG_KIEN, m.Level.CO_SO, school_year=year))
        for i in range(spec.get("not_complete", 0)):
            data.staff[i].rating = m.Rating.KHTNV
        if "discipline" in spec:
            data.staff[0].disciplines.append(m.Discipline(m.DisciplineLevel(spec["discipline"]),
                                                          _date(suite["consideration"]) - dt.timedelta(days=60)))
        if spec.get("registered", True):
            data.registrations += [m.Registration(True, "Tổ A", m.Title.TTLDTT),
                                   m.Registration(True, "Tổ A", m.Title.TTLDXS)]
        return data
    spec = {**defaults, **case.get("person", {})}
    p = m.Staff("GV001", "Nguyễn Thị Hồng", team="Tổ A", rating=m.Rating(spec["rating"]),
                recruited_date=_date(spec["recruited"]), sector_entry_date=_date(spec["sector_entry"]),
                pending_discipline=spec.get("pending", False), outstanding_achievement=spec.get("achievement", False),
                difficult_area_years=Fraction(spec.get("difficult", 0)),
                in_difficult_area_now=spec.get("difficult_now", False),
                study_military_years=Fraction(spec.get("study_military", 0)))
    p.absence.maternity_months = Fraction(spec.get("maternity", 0))
    if "discipline" in spec:
        level, start, end = spec["discipline"]
        p.disciplines.append(m.Discipline(m.DisciplineLevel(level), _date(start), _date(end)))
    data.staff.append(p)
    for title in spec.get("registered", [t.value for t in m.INDIVIDUAL_TITLES]):
        data.registrations.append(m.Registration(False, p.id, m.Title(title)))
    for year_h, rating, title in case.get("history", []):
        data.history.append(m.HistoryRecord(p.id, year_h, m.Rating(rating), m.Title(title)))
    for year_i, kind, level in case.get("initiatives", []):
        data.initiatives.append(m.Initiative(p.id, "Sáng kiến", m.InitiativeKind(kind), m.Level(level),
                                             school_year=year_i))
    for year_a, kind, level, *decision in case.get("achievements", []):  # [year, kind, level, (no, date)]
        no, date = (decision + ["", None])[:2]
        data.achievements.append(m.Achievement(p.id, f"Thành tích {kind.lower()}", m.AchievementKind(kind),
                                               m.Level(level), str(no), _date(date), school_year=year_a))
    return data


def _load() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    out = []
    for path in sorted(CASES_DIR.glob("eligibility_*.yaml")):
        suite = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [(suite, c) for c in suite["cases"]]
    return out


CASES = _load()


def test_there_are_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("suite", "case"), CASES, ids=[f"{s['regime']}:{c['name']}" for s, c in CASES])
def test_case(suite: dict[str, Any], case: dict[str, Any]) -> None:
    data = build_case(suite, case)
    # the regime follows the consideration date (a case may set its own: "consideration", "regime")
    assert rules.regime_for_school_year(suite["school_year"]) == suite["regime"] or "consideration" in case
    rs = rules.ruleset_for(suite["school_year"], consideration_date=data.info.consideration_date)
    assert rs.regime == case.get("regime", suite["regime"]), (case["name"], rs.choice)
    result = eligibility.check_school(data, rs)
    title = m.Title(case["title"])
    subject = "Tổ A" if "team" in case else "GV001"
    v = result.get(subject, title)
    assert v is not None
    codes = {r.code for r in v.reasons}
    assert v.eligible is case["eligible"], (case["name"], [r.message for r in v.reasons])
    if "reasons" in case:
        assert codes == set(case["reasons"]), (case["name"], [r.message for r in v.reasons])
    for r in v.reasons:  # every reason is a Vietnamese sentence with a citation
        assert r.message and r.citation, r
    if "message_contains" in case:
        assert any(case["message_contains"] in r.message for r in v.reasons)
    if "tag" in case:  # the confidence code of the rule (JSON do_tin_cay)
        assert any(rules.tag_code_of(r.tag) == case["tag"] for r in v.reasons), [r.tag for r in v.reasons]
    if "marked" in case:  # ... and its Vietnamese words, in the reason and on the results sheet
        assert any(case["marked"] in r.tag for r in v.reasons), [r.tag for r in v.reasons]
        assert case["marked"] in short_reason(v)
    for gone in case.get("cites_not", []):  # a text not in force on the consideration date is never cited
        assert all(gone not in r.citation for r in v.reasons), [r.citation for r in v.reasons]
    if "basis_contains" in case:  # the alternative met, named in the verdict
        assert case["basis_contains"] in v.basis, (case["name"], v.basis)


# ---------------------------------------------------------------- properties

people = st.fixed_dictionaries({
    "rating": st.sampled_from(["HTXSNV", "HTTNV", "HTNV", "KHTNV"]),
    "recruited": st.dates(dt.date(1990, 1, 1), dt.date(2025, 5, 31)),
    "sector_entry": st.dates(dt.date(1985, 1, 1), dt.date(2025, 5, 31)),
    "pending": st.booleans(),
    "achievement": st.booleans(),
    "maternity": st.integers(0, 6),
})
histories = st.lists(st.tuples(st.sampled_from(["2020-2021", "2021-2022", "2022-2023", "2023-2024"]),
                               st.sampled_from(["HTXSNV", "HTTNV", "HTNV"]),
                               st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH"])), max_size=6)
inits = st.lists(st.tuples(st.sampled_from(["2022-2023", "2023-2024", "2024-2025"]),
                           st.sampled_from(["SANG_KIEN", "DE_TAI"]), st.sampled_from(["CO_SO", "TINH", "TOAN_QUOC"])),
                 max_size=4)
WORSEN = ["unregister", "discipline", "pending", "rating", "new_hire"]
SUITE = {"regime": "2024", "school_year": "2024-2025", "consideration": "2025-05-31"}


@settings(max_examples=150, deadline=None)
@given(people, histories, inits, st.sampled_from(WORSEN), st.sampled_from(["2024", "2017"]))
def test_adding_a_failed_criterion_never_turns_no_into_yes(person: dict[str, Any], history: list[Any],
                                                           initiatives: list[Any], worsen: str, regime: str) -> None:
    case = {"person": {**person}, "history": history, "initiatives": initiatives}
    rs = rules.load_ruleset(regime)
    before = eligibility.check_school(build_case(SUITE, case), rs)
    data = build_case(SUITE, case)
    p = data.staff[0]
    if worsen == "unregister":
        data.registrations = []
    elif worsen == "discipline":
        p.disciplines.append(m.Discipline(m.DisciplineLevel.CANH_CAO, dt.date(2025, 1, 1), dt.date(2026, 1, 1)))
    elif worsen == "pending":
        p.pending_discipline = True
    elif worsen == "rating":
        p.rating = m.Rating.KHTNV
    else:
        p.recruited_date = dt.date(2025, 4, 1)
    after = eligibility.check_school(data, rs)
    for b, a in zip(before.verdicts, after.verdicts):
        assert b.title == a.title
        assert not (a.eligible and not b.eligible), (worsen, a.title)
        assert {r.code for r in b.reasons} <= {r.code for r in a.reasons} or not b.reasons or a.reasons


@given(st.integers(2017, 2035), st.dates(dt.date(2017, 1, 1), dt.date(2040, 12, 31)))
def test_regime_is_chosen_by_the_school_year_alone(start: int, run_date: dt.date) -> None:
    year = f"{start}-{start + 1}"
    expected = "2017" if start <= 2022 else ("2024" if start <= 2024 else "2025")
    data = m.SchoolData(info=m.SchoolInfo(school_year=year, meeting_date=run_date))
    assert rules.regime_for_school_year(year) == expected
    assert eligibility.check_school(data, rules.ruleset_for(year)).regime == expected


# ---------------------------------------------------------------- overrides, explanations, law as data


def test_school_override_changes_value_and_is_cited() -> None:
    case = {"person": {"recruited": "2024-12-15"}}
    data = build_case(SUITE, case)
    base = eligibility.check_school(data, rules.ruleset_for("2024-2025")).get("GV001", m.Title.LDTT)
    assert not base.eligible
    ov = m.Override("ldtt.min_service_months", "5", "trường", "Quy chế thi đua trường năm học 2024-2025, Điều 4",
                    source=m.SourceRef("Quy định riêng", 3))
    rs = rules.ruleset_for("2024-2025", [ov])
    assert eligibility.check_school(data, rs).get("GV001", m.Title.LDTT).eligible
    ov.value = "8"
    v = eligibility.check_school(data, rules.ruleset_for("2024-2025", [ov])).get("GV001", m.Title.LDTT)
    assert not v.eligible
    reason = v.reasons[0]
    assert "Quy chế thi đua trường" in reason.citation and "TT 01/2024/TT-BNV" in reason.citation
    assert reason.tag == "điều chỉnh theo Quy định riêng" and "cần tối thiểu 8 tháng" in reason.message


def test_explain_records_every_criterion_with_fact_rule_and_citation() -> None:
    data = build_case(SUITE, {"person": {"rating": "HTNV", "maternity": 3}})
    v = eligibility.explain(data, rules.ruleset_for("2024-2025"), "GV001", m.Title.LDTT)
    assert v is not None and not v.eligible
    by_code = {c.code: c for c in v.criteria}
    assert {"NOT_REGISTERED", "RATING", "NEW_HIRE", "DISCIPLINE", "PENDING_DISCIPLINE"} <= set(by_code)
    assert by_code["RATING"].passed is False and by_code["RATING"].fact == "HTNV"
    assert by_code["NEW_HIRE"].passed and "≥ 6 tháng" in by_code["NEW_HIRE"].rule
    assert "TT 01/2024/TT-BNV" in by_code["NEW_HIRE"].citation and by_code["NEW_HIRE"].tag == "theo nguồn thứ cấp, chưa đối chiếu công báo"


def test_every_eligibility_param_is_used_and_no_bare_legal_number_in_code() -> None:
    src = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(eligibility.__file__).parent.rglob("*.py")))
    keys = rules.load_ruleset("2024").params
    for key in keys:
        if key.split(".")[0] in ("ldtt", "cstdcs", "cstd_tinh", "cstd_tq", "bk_tinh", "bk_ttg", "giay_khen", "knc"):
            assert key in src or key.rsplit(".", 1)[1] in src, key
    code = re.sub(r'"""[\s\S]*?"""', "", src)
    code = re.sub(r"#.*", "", code)
    code = re.sub(r"\[\d*:\d*\]", "", code)  # slices such as year[5:]
    code = "\n".join(line for line in code.splitlines() if "widths=" not in line and "lru_cache" not in line)
    numbers = {int(n) for n in re.findall(r"(?<![\w.])(\d+)(?![\w.])", code)}
    assert numbers <= {0, 1, 2, 12, 100, 28, 29, 30, 365}, numbers - {0, 1, 2, 12, 100, 28, 29, 30, 365}
    for legal in (6, 10, 15, 20, 70, 80, 90):
        assert legal not in numbers


def test_json_shape_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    demo = Path(__file__).parents[1] / "workbooks" / "demo_thcs.xlsx"
    wb = shutil.copy(demo, tmp_path / "demo.xlsx")
    assert cli.main(["check", str(wb), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"nam_hoc", "che_do", "che_do_theo", "ca_nhan", "tap_the"}
    assert out["che_do"] == "2024" and out["nam_hoc"] == "2024-2025"
    # the demo's consideration date (31/05/2025) decided the regime
    assert out["che_do_theo"] == {"can_cu": "consideration_date", "ngay": "2025-05-31",
                                  "mo_ta": "Chế độ 2024 theo ngày xét 31/05/2025"}
    refused = next(r for r in out["ca_nhan"] if r["ly_do"])["ly_do"][0]
    assert set(refused) == {"ma", "noi_dung", "can_cu", "do_tin_cay", "muc_tin_cay"}
    row = out["ca_nhan"][0]
    assert set(row) == {"ma", "ho_ten", "danh_hieu", "du_dieu_kien", "ly_do"}
    assert {r["danh_hieu"] for r in out["ca_nhan"]} == {t.value for t in m.INDIVIDUAL_TITLES}
    assert {r["danh_hieu"] for r in out["tap_the"]} == {"TTLDTT", "TTLDXS"}
    assert (tmp_path / "demo_ketqua.xlsx").exists()
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "demo_ketqua.xlsx")["Kết quả xét"]
    assert ws["A3"].value == "Mã CB" and ws["D3"].value == "Lao động tiên tiến"
    assert cli.main(["check", str(wb), "--nam-hoc", "2021-2022", "--json", "--khong-ghi"]) == 0
    other = json.loads(capsys.readouterr().out)
    assert other["che_do"] == "2017" and other["che_do_theo"]["can_cu"] == "school_year"  # dates of another year


def test_titles_filter_gives_the_same_verdicts_as_the_full_check() -> None:
    """check_school(titles=...) (used by the Excel table function) = the full check, filtered."""
    from thidua_xl import api
    from thidua_xl.core import model as mm
    from thidua_xl.workbook.demo import build_demo

    data = build_demo()
    rules = api.ruleset(data)
    full = eligibility.check_school(data, rules)
    for wanted in ({mm.Title.LDTT}, {mm.Title.CSTD_TQ}, {mm.Title.BK_BO, mm.Title.KNC}, {mm.Title.TTLDXS}):
        part = eligibility.check_school(data, rules, titles=wanted)
        expect = [(v.subject, v.title, v.eligible, [r.code for r in v.reasons]) for v in full.verdicts
                  if v.title in wanted]
        assert [(v.subject, v.title, v.eligible, [r.code for r in v.reasons]) for v in part.verdicts] == expect
        assert expect


@pytest.mark.parametrize("regime", sorted({s["regime"] for s, _ in CASES}))
def test_a_whole_school_gives_each_person_the_verdicts_of_their_own_case(regime: str) -> None:
    """Every person case of a regime in one school, checked once: each person gets exactly the verdicts
    (and message texts) of their case checked alone, so nothing the engine shares between people (rule
    values, the reasons it reuses when two people fail the same way) leaks from one person to another."""
    import dataclasses

    suite_cases = [(s, c) for s, c in CASES if s["regime"] == regime and "team" not in c
                   and "consideration" not in c]  # own consideration date: another regime
    suite = suite_cases[0][0]
    school = m.SchoolData()
    alone: dict[str, list[tuple[Any, ...]]] = {}

    def key(v: m.Verdict) -> tuple[Any, ...]:
        return v.title, v.eligible, [(r.code, r.message, r.citation) for r in v.reasons]

    for n, (s, case) in enumerate(suite_cases):
        data = build_case(s, case)
        sid = f"GV{n:03d}"
        alone[sid] = [key(v) for v in eligibility.check_school(data, rules.ruleset_for(s["school_year"])).people]
        school.info, school.teams = data.info, data.teams
        school.staff += [dataclasses.replace(p, id=sid) for p in data.staff]
        school.registrations += [dataclasses.replace(r, subject=sid) for r in data.registrations]
        school.history += [dataclasses.replace(h, subject=sid) for h in data.history]
        school.initiatives += [dataclasses.replace(i, staff_id=sid) for i in data.initiatives]
        school.achievements += [dataclasses.replace(a, staff_id=sid) for a in data.achievements]
    together: dict[str, list[tuple[Any, ...]]] = {}
    for v in eligibility.check_school(school, rules.ruleset_for(suite["school_year"])).people:
        together.setdefault(v.subject, []).append(key(v))
    assert together == alone
    messages = {r[1] for vs in alone.values() for v in vs for r in v[2]}
    assert len(messages) > 10  # the cases fail in many different ways


def _dump(result: m.CheckResult) -> list[tuple[Any, ...]]:
    return [(v.subject, v.name, v.title, v.eligible, [(r.code, r.message, r.citation, r.tag, r.param)
                                                      for r in v.reasons], list(v.criteria), dict(v.facts),
             v.is_team, v.team, v.basis) for v in result.verdicts]


@pytest.mark.skipif(not eligibility.parallel.can_fork(), reason="two processes only on Linux with no other thread")
def test_two_processes_give_the_same_verdicts_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A very large check may run in two processes; the verdicts are identical and in the same order,
    also when the second process fails (this process then checks that half itself)."""
    from thidua_xl import api
    from thidua_xl.workbook.demo import build_demo

    data = build_demo()
    rules_ = api.ruleset(data)
    one = _dump(eligibility.check_school(data, rules_, processes=1))
    assert eligibility.parallel.last_processes == 1
    assert _dump(eligibility.check_school(data, rules_, processes=2)) == one
    assert eligibility.parallel.last_processes == 2

    def broken(_: Any) -> Any:
        raise RuntimeError("the child fails")

    monkeypatch.setattr(eligibility.parallel, "pack", broken)
    assert _dump(eligibility.check_school(data, rules_, processes=2)) == one
    # a plain call on a small school stays in one process
    monkeypatch.undo()
    eligibility.check_school(data, rules_)
    assert eligibility.parallel.last_processes == 1


def test_explaining_gives_the_same_reasons_as_checking() -> None:
    """Each criterion has an explaining path (records the criterion) and a fast path (records only a
    failure): on the demo school and on every YAML case both give the same verdicts and reason texts."""
    from thidua_xl import api
    from thidua_xl.workbook.demo import build_demo

    def reasons(result: m.CheckResult) -> list[tuple[Any, ...]]:
        return [(v.subject, v.title, v.eligible, [(r.code, r.message, r.citation, r.tag, r.param) for r in v.reasons])
                for v in result.verdicts]

    data = build_demo()
    for year in ("2021-2022", "2024-2025", "2025-2026"):
        data.info.school_year = year
        rs = api.ruleset(data)
        fast = eligibility.check_school(data, rs)
        slow = eligibility.check_school(data, rs, explain=True)
        assert reasons(fast) == reasons(slow)
        assert all(v.criteria for v in slow.verdicts) and not any(v.criteria for v in fast.verdicts)
    for suite, case in CASES:
        case_data = build_case(suite, case)
        rs = rules.ruleset_for(suite["school_year"])
        assert reasons(eligibility.check_school(case_data, rs)) == reasons(
            eligibility.check_school(case_data, rs, explain=True)), case["name"]


# ---------------------------------------------------------------- Bằng khen: the alternatives (issue 13, point 2)

ACHIEVEMENT_HEADER = ["Mã CB", "Họ tên (tham khảo)", "Nội dung thành tích", "Loại thành tích", "Phạm vi ảnh hưởng",
                      "Số quyết định", "Ngày quyết định", "Cơ quan công nhận", "Năm học"]


def test_the_achievement_sheet_is_read_from_a_real_workbook_with_located_problems(tmp_path: Path) -> None:
    """The optional sheet "Thành tích" (documented columns and vocabulary): good rows become records; an unknown
    staff ID, an unknown kind are errors naming sheet, row and column; a row without its decision is read
    with a warning; a BK tỉnh then follows from the recorded achievement, through the CLI as well."""
    import wbfactory

    from thidua_xl.workbook.reader import read_workbook

    sheets = wbfactory.base_sheets()
    sheets["Thành tích"] = [
        ACHIEVEMENT_HEADER,
        ["GV002", "Phạm Văn An", "Giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh", "Xuất sắc trong phong trào thi đua",
         "Cấp tỉnh", "512/QĐ-SGDĐT", "15/04/2025", "Sở GDĐT Hà Nội", "2024-2025"],
        ["GV099", "", "Thành tích của người không có", "Đột xuất", "Cơ sở", "1/QĐ", "01/04/2025", "", "2024-2025"],
        ["GV003", "", "Cứu học sinh đuối nước", "Chiến công", "Cơ sở", "2/QĐ", "01/04/2025", "", "2024-2025"],
        ["GV003", "Lê Thu Hà", "Giúp dân trong bão", "thành tích đột xuất", "Xã", None, None, "", "2024-2025"],
    ]
    path = wbfactory.write(tmp_path / "thanh_tich.xlsx", sheets)
    data = read_workbook(path)
    assert [(a.staff_id, a.kind, a.level, a.decision_no, a.source.row if a.source else 0)
            for a in data.achievements] == [("GV002", m.AchievementKind.PHONG_TRAO, m.Level.TINH, "512/QĐ-SGDĐT", 2),
                                            ("GV003", m.AchievementKind.DOT_XUAT, m.Level.HUYEN, "", 5)]
    mine = {(p.severity, p.code, p.row, p.column.split(" ")[0]) for p in data.problems if p.sheet == "Thành tích"}
    assert ("error", "UNKNOWN_PERSON", 3, "A") in mine
    assert any(sev == "error" and row == 4 and col == "D" for sev, _, row, col in mine)  # the kind "Chiến công"
    assert ("warning", "ACHIEVEMENT_NO_DECISION", 5, "F") in mine
    for p in data.problems:
        if p.sheet == "Thành tích":
            assert p.message and p.suggestion
    good = {**sheets, "Thành tích": [ACHIEVEMENT_HEADER, sheets["Thành tích"][1]]}
    path = wbfactory.write(tmp_path / "dung.xlsx", good)
    assert cli.main(["check", str(path), "--json", "--khong-ghi"]) in (0, 1)


def test_a_bk_tinh_through_an_achievement_names_its_alternative_everywhere(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """The demo's GV021 has no CSTĐCS run: the verdict, the JSON ("dat_theo"), the results sheet cell and the
    explanation name the alternative met, with its decision and citation."""
    import shutil

    from thidua_xl import api

    demo = Path(__file__).parents[1] / "workbooks" / "demo_thcs.xlsx"
    wb = shutil.copy(demo, tmp_path / "demo.xlsx")
    data = api.read(wb)
    assert data.achievements, "the demo records at least one achievement"
    res = eligibility.check_school(data, api.ruleset(data))
    v = res.get("GV021", m.Title.BK_TINH)
    assert v is not None and v.eligible
    assert "phong trào thi đua" in v.basis and "1234/QĐ-SGDĐT" in v.basis and "Điều 74" in v.basis
    assert short_reason(v).startswith("Đủ — phương án")
    old = res.get("GV002", m.Title.BK_TINH)
    assert old is not None and old.eligible and "CSTĐCS hoặc HTXSNV liên tục" in old.basis
    assert cli.main(["check", str(wb), "--json", "--khong-ghi"]) in (0, 1)
    out = json.loads(capsys.readouterr().out)
    row = next(r for r in out["ca_nhan"] if r["ma"] == "GV021" and r["danh_hieu"] == "BK_TINH")
    assert row["du_dieu_kien"] and "1234/QĐ-SGDĐT" in row["dat_theo"]
    assert all("dat_theo" not in r for r in out["ca_nhan"] if r["danh_hieu"] == "LDTT")
    ex = eligibility.explain(data, api.ruleset(data), "GV021", m.Title.BK_TINH)
    assert ex is not None
    met = next(c for c in ex.criteria if c.code == "ALTERNATIVE")
    assert met.passed and "phong trào thi đua" in met.fact
    assert {c.code for c in ex.criteria} >= {"CONSECUTIVE", "INITIATIVES", "ACHIEVEMENT_PHONG_TRAO",
                                             "ACHIEVEMENT_ANH_HUONG", "ACHIEVEMENT_DOT_XUAT", "ACHIEVEMENT"}


def test_the_alternatives_are_rule_data_a_school_may_override() -> None:
    """Removing an alternative from ``bk_tinh.achievements`` refuses it; a scope typed as a label ("Cấp tỉnh")
    is understood; every reason of a refusal carries its citation."""
    case = {"achievements": [["2024-2025", "DOT_XUAT", "CO_SO", "3/QĐ-THCS", "2025-03-01"]]}
    data = build_case(SUITE, case)
    assert eligibility.check_school(data, rules.ruleset_for("2024-2025")).get("GV001", m.Title.BK_TINH).eligible
    ov = m.Override("bk_tinh.achievements", "PHONG_TRAO, ANH_HUONG", "tỉnh", "Quy định khen thưởng của UBND tỉnh, Điều 8")
    v = eligibility.check_school(data, rules.ruleset_for("2024-2025", [ov])).get("GV001", m.Title.BK_TINH)
    assert not v.eligible and {r.code for r in v.reasons} == {"CONSECUTIVE", "INITIATIVES", "ACHIEVEMENT"}
    reason = next(r for r in v.reasons if r.code == "ACHIEVEMENT")
    assert "Quy định khen thưởng của UBND tỉnh" in reason.citation and "đột xuất" not in reason.message.split(":")[1]
    assert "“Thành tích dot_xuat”" in reason.message  # what was recorded, and why it does not count
    # BK Bộ keeps its own rule: still eligible
    assert eligibility.check_school(data, rules.ruleset_for("2024-2025", [ov])).get("GV001", m.Title.BK_BO).eligible
    high = m.Override("bk_tinh.sudden_level", "Cấp tỉnh", "tỉnh", "Quy định khen thưởng của UBND tỉnh, Điều 8")
    v = eligibility.check_school(data, rules.ruleset_for("2024-2025", [high])).get("GV001", m.Title.BK_TINH)
    assert not v.eligible and "đột xuất (từ cấp tỉnh/bộ)" in next(r for r in v.reasons if r.code == "ACHIEVEMENT").message


def test_the_alternative_met_crosses_the_second_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a two-process check the verdicts of the second half keep the alternative they met."""
    if not eligibility.parallel.can_fork():
        pytest.skip("two processes only on Linux with no other thread")
    from thidua_xl import api
    from thidua_xl.workbook.demo import build_demo

    data = build_demo()
    last = data.staff[-1].id
    data.achievements.append(m.Achievement(last, "Giải Nhất thi bài giảng điện tử", m.AchievementKind.PHONG_TRAO,
                                           m.Level.TINH, "9/QĐ-SGDĐT", dt.date(2025, 4, 1), "", "2024-2025"))
    rules_ = api.ruleset(data)
    one = eligibility.check_school(data, rules_, processes=1)
    two = eligibility.check_school(data, rules_, processes=2)
    assert eligibility.parallel.last_processes == 2
    assert _dump(two) == _dump(one)
    v = two.get(last, m.Title.BK_TINH)
    assert v is not None and "9/QĐ-SGDĐT" in v.basis
