"""The Jupyter face: rich displays, DataFrames, explain one case, compare regimes, import cost."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from fractions import Fraction

import pytest

import thidua_xl
from thidua_xl import api, notebook
from thidua_xl.core import model as m
from thidua_xl.core.model import (
    CandidateTally,
    CheckResult,
    Criterion,
    InvalidBallot,
    Problem,
    Reason,
    SchoolData,
    SourceRef,
    TallyResult,
    Title,
    TitleTally,
    Verdict,
)

EVIL = '<script>alert("x")</script>'


# ---------------------------------------------------------------- hand-made results


def _reason(code: str, msg: str, cite: str, tag: str = "SECONDARY", param: str = "") -> Reason:
    return Reason(code, msg, cite, tag, param)


def make_check() -> CheckResult:
    new_hire = _reason("NEW_HIRE", "Mới tuyển dụng 5 tháng; cần tối thiểu 6 tháng công tác",
                       "điểm d khoản 5 Điều 1 TT 01/2024/TT-BNV", param="ldtt.min_service_months")
    unreg = _reason("NOT_REGISTERED", "Không đăng ký thi đua danh hiệu Chiến sĩ thi đua cơ sở đầu năm học",
                    "Quy chế thi đua của đơn vị", "LOCAL", "registration.required")
    share = _reason("LDTT_SHARE", "1/2 cá nhân đạt LĐTT (50,00%); cần từ 70%",
                    "điểm c khoản 1 Điều 28 Luật 06/2022/QH15", param="team.ttldtt.ldtt_share")
    verdicts = [
        Verdict("GV001", "Nguyễn Thị Hồng", Title.LDTT, True, team="Tổ Toán"),
        Verdict("GV001", "Nguyễn Thị Hồng", Title.CSTDCS, False, [unreg], team="Tổ Toán"),
        Verdict("GV002", EVIL, Title.LDTT, False, [new_hire], team="Tổ Toán"),
        Verdict("GV002", EVIL, Title.CSTDCS, False, [unreg, new_hire], team="Tổ Toán"),
        Verdict("Tổ Toán", "Tổ Toán", Title.TTLDTT, False, [share], is_team=True, team="Tổ Toán",
                facts={"members": 2, "ldtt": 1, "share": Fraction(1, 2)}),
    ]
    return CheckResult("2024-2025", "2024", verdicts)


def make_tally(certified: bool = True) -> TallyResult:
    cands = [
        CandidateTally(Title.CSTDCS, "GV001", "Nguyễn Thị Hồng", 9, 2, 0, "total_members", 11, Fraction(9, 11), True,
                       eligible=True, proposed=certified, written_approvals=1),
        CandidateTally(Title.CSTDCS, "GV002", EVIL, 8, 3, 0, "total_members", 11, Fraction(8, 11), False,
                       eligible=False, notes=["Chưa đạt ngưỡng: 8/11 = 72,73%, cần ≥ 80% tổng số thành viên Hội đồng"]),
        CandidateTally(Title.CSTDCS, "GV003", "Lê Văn Nam", 10, 1, 0, "total_members", 10, Fraction(4, 5), True,
                       within_quota=False, revote=True, eligible=None),
    ]
    tt = TitleTally(Title.CSTDCS, "≥ 80% tổng số thành viên Hội đồng", "khoản 7 Điều 30 NĐ 98/2023/NĐ-CP",
                    "SECONDARY", issued=12, returned=12, valid=11, invalid=1,
                    invalid_ballots=[InvalidBallot("7", Title.CSTDCS, "OVER_LIMIT", "Đồng ý quá số người được chọn",
                                                   SourceRef("Phiếu bầu", 9))],
                    candidates=cands, quota=2, quota_text="Chỉ tiêu: tối đa 2 người", written=1)
    return TallyResult("2024-2025", "2024", council_total=11, present=10, written_opinions=1, quorum_required=8,
                       quorum_ok=True, titles=[tt], certified=certified, hash="ab" * 32,
                       audit=[("số phiếu phát ra (12) = số phiếu thu vào (12)", True), ("số liệu khớp", False)],
                       log=["Bắt đầu kiểm phiếu", EVIL])


def make_data() -> SchoolData:
    problems = [
        Problem("error", "DUPLICATE_ID", "Danh sách cán bộ", 5, "A (Mã cán bộ)", "GV001",
                "Mã cán bộ 'GV001' bị trùng (đã có ở dòng 3).", "Sửa lại mã cho duy nhất."),
        Problem("warning", "BAD_DATE", "Danh sách cán bộ", None, "F (Ngày tuyển dụng)", "<b>31/02</b>",
                "Ngày không hợp lệ.", "Nhập ngày dạng dd/mm/yyyy."),
    ]
    return SchoolData(info=m.SchoolInfo(school_name="THCS Long Biên", school_year="2024-2025"), problems=problems,
                      path="demo.xlsx")


class _Shell:
    """The part of an IPython shell the display registration uses."""

    def __init__(self) -> None:
        from IPython.core.formatters import HTMLFormatter

        self.display_formatter = type("DF", (), {"formatters": {"text/html": HTMLFormatter()}})()


_SHELL = _Shell()
notebook.load_ipython_extension(_SHELL)  # what %load_ext thidua_xl.notebook (or import inside Jupyter) does


def shown(obj: object) -> str:
    """What Jupyter shows for ``obj``: the HTML its registered formatter gives."""
    html = _SHELL.display_formatter.formatters["text/html"](obj)
    assert html is not None, f"no display registered for {type(obj).__name__}"
    return html


def test_displays_registered_by_class_name_without_methods_on_the_results() -> None:
    from thidua_xl.views.compare import RegimeComparison
    from thidua_xl.views.explain import Explanation

    for cls in (SchoolData, CheckResult, TallyResult, Explanation, RegimeComparison):
        assert not hasattr(cls, "_repr_html_") and not hasattr(cls, "to_dataframe"), cls
    assert shown(make_check()) == notebook.to_html(make_check())


def test_import_inside_ipython_registers_displays() -> None:
    code = ("from IPython.testing.globalipapp import start_ipython; ip = start_ipython(); import thidua_xl; "
            "from thidua_xl.core.model import SchoolData; "
            "f = ip.display_formatter.formatters['text/html']; f.enabled = True; "  # a terminal shell disables HTML
            "print('thidua-out' in f(SchoolData()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("True")


# ---------------------------------------------------------------- CheckResult


def test_check_html_matrix_marks_colours_reasons_and_escaping() -> None:
    html = shown(make_check())
    assert html == notebook.to_html(make_check())
    assert "Họ và tên" in html and "LĐTT" in html and "CSTĐCS" in html  # Vietnamese headers
    assert 'title="Lao động tiên tiến"' in html  # full title name on the short header
    assert "✓" in html and "✗" in html  # a text mark, so it also prints
    assert "background-color:#d9f2d9" in html and "background-color:#f9d6d5" in html  # and colour
    assert "điểm d khoản 5 Điều 1 TT 01/2024/TT-BNV" in html  # citation readable
    assert "Mới tuyển dụng 5 tháng" in html
    assert "<details" in html and "Lý do và căn cứ" in html
    assert "<script>" not in html and "&lt;script&gt;" in html  # data is escaped
    assert "Số người đủ điều kiện" in html
    assert "Tổ Toán" in html and "Tập thể lao động tiên tiến" in html


def test_check_html_limits_rows() -> None:
    verdicts = [Verdict(f"GV{i:03d}", f"Người {i}", Title.LDTT, i % 2 == 0) for i in range(20)]
    html = notebook.to_html(CheckResult("2024-2025", "2024", verdicts), max_rows=5)
    assert "GV004" in html and "GV005" not in html.split("Số người đủ điều kiện")[0]
    assert "5/20" in html


def test_check_dataframe_one_row_per_subject_and_title() -> None:
    res = make_check()
    df = thidua_xl.to_dataframe(res)
    assert len(df) == len(res.verdicts)
    assert list(df.columns) == ["Mã", "Họ và tên", "Tổ", "Loại", "Mã danh hiệu", "Danh hiệu", "Đủ điều kiện",
                                "Mã lý do", "Lý do", "Căn cứ"]
    row = df[(df["Mã"] == "GV002") & (df["Mã danh hiệu"] == "CSTDCS")].iloc[0]
    assert not row["Đủ điều kiện"] and row["Mã lý do"] == "NOT_REGISTERED, NEW_HIRE"
    assert df["Đủ điều kiện"].dtype == bool
    assert int(df["Đủ điều kiện"].sum()) == 1
    assert set(df["Loại"]) == {"cá nhân", "tập thể"}
    pivot = df[df["Loại"] == "cá nhân"].pivot(index="Mã", columns="Mã danh hiệu", values="Đủ điều kiện")
    assert bool(pivot.loc["GV001", "LDTT"]) is True


# ---------------------------------------------------------------- TallyResult


def test_tally_html_figures_quorum_hash_audit() -> None:
    res = make_tally()
    html = shown(res)
    assert html == notebook.to_html(res)
    for header in ("Mã", "Họ và tên", "Đồng ý", "Cơ sở", "Tỷ lệ", "Đạt ngưỡng", "Trong chỉ tiêu", "Đủ điều kiện",
                   "Đề nghị", "Ghi chú"):
        assert f"<th>{header}</th>" in html
    assert "81,82%" in html and "72,73%" in html and "80,00%" in html  # Vietnamese percentages
    assert "Hội đồng 11 thành viên: có mặt 10, vắng có ý kiến bằng văn bản 1; túc số tối thiểu 8: đủ túc số." in html
    assert "ab" * 32 in html  # hash
    assert "số liệu khớp" in html and "Kiểm tra số liệu (1/2 đạt)" in html  # audit facts
    assert "Cần bỏ phiếu lại" in html and "Chỉ tiêu: tối đa 2 người" in html
    assert "OVER_LIMIT" in html and "Đồng ý quá số người được chọn" in html
    assert "khoản 7 Điều 30 NĐ 98/2023/NĐ-CP" in html
    assert "<script>" not in html and html.count("&lt;script&gt;") == 2  # candidate name and log line
    assert "được chứng nhận" in html
    assert "CHƯA được chứng nhận" in shown(make_tally(certified=False))


def test_tally_dataframe_one_row_per_title_and_candidate() -> None:
    df = thidua_xl.to_dataframe(make_tally())
    assert len(df) == 3
    assert {"Danh hiệu", "Mã", "Họ và tên", "Đồng ý", "Cơ sở", "Tỷ lệ", "Tỷ lệ (%)", "Đạt ngưỡng",
            "Trong chỉ tiêu", "Đủ điều kiện", "Đề nghị", "Ghi chú"} <= set(df.columns)
    assert list(df["Tỷ lệ"]) == ["81,82%", "72,73%", "80,00%"]
    assert list(df["Tỷ lệ (%)"]) == [81.82, 72.73, 80.0]
    assert list(df["Đồng ý"]) == [9, 8, 10]
    assert df["Trong chỉ tiêu"].isna().tolist() == [True, True, False]  # no quota verdict → NA, not False
    assert df["Đủ điều kiện"].isna().tolist() == [False, False, True]
    assert df["Danh hiệu"].iloc[0] == "Chiến sĩ thi đua cơ sở"
    assert df["Cơ sở tính"].iloc[0] == "tổng số thành viên Hội đồng"


def test_data_html_problems_table() -> None:
    data = make_data()
    html = shown(data)
    for header in ("Mức độ", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý"):
        assert f"<th>{header}</th>" in html
    assert "lỗi" in html and "cảnh báo" in html and "1 lỗi, 1 cảnh báo." in html
    assert "&lt;b&gt;31/02&lt;/b&gt;" in html and "<b>31/02" not in html
    assert "THCS Long Biên" in html
    clean = SchoolData(info=m.SchoolInfo(school_year="2024-2025"))
    assert "Không có lỗi hay cảnh báo nào" in shown(clean)


def test_data_dataframe_one_row_per_problem() -> None:
    df = thidua_xl.to_dataframe(make_data())
    assert list(df.columns) == ["Mức độ", "Mã lỗi", "Trang tính", "Dòng", "Cột", "Giá trị", "Nội dung", "Gợi ý"]
    assert list(df["Mức độ"]) == ["lỗi", "cảnh báo"]
    assert df["Dòng"].iloc[0] == 5 and df["Dòng"].isna().iloc[1]
    assert len(thidua_xl.to_dataframe(SchoolData())) == 0


def test_problem_list_and_unknown_objects() -> None:
    html = notebook.to_html(make_data().problems)
    assert "DUPLICATE_ID" in html and "Gợi ý" in html
    assert notebook.to_html(EVIL) == "<pre>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</pre>"
    with pytest.raises(TypeError):
        notebook.to_dataframe(object())


# ---------------------------------------------------------------- explain one case


def make_verdict_with_criteria() -> Verdict:
    crit = [
        Criterion("NOT_REGISTERED", "Đăng ký thi đua", True, "có", "bắt buộc", "Quy chế của đơn vị", "LOCAL",
                  "registration.required"),
        Criterion("NEW_HIRE", "Thời gian công tác từ khi tuyển dụng", False, "4 tháng (từ 15/01/2025)", "≥ 5 tháng",
                  "Quy chế thi đua trường, Điều 4 (điều chỉnh cấp trường; gốc: điểm d khoản 5 Điều 1 TT 01/2024/TT-BNV)",
                  "ĐIỀU CHỈNH", "ldtt.min_service_months",
                  "giá trị đã được điều chỉnh cấp trường theo Quy chế thi đua trường, Điều 4 (mặc định: 6)"),
    ]
    reasons = [_reason("NEW_HIRE", "Mới tuyển dụng 4 tháng; cần tối thiểu 5 tháng công tác", crit[1].citation,
                       "ĐIỀU CHỈNH", "ldtt.min_service_months")]
    return Verdict("GV009", "Trần <Văn> An", Title.LDTT, False, reasons, crit, team="Tổ Văn")


def test_explanation_shows_every_criterion() -> None:
    e = notebook.explain(make_verdict_with_criteria(), "GV009", "LDTT")
    text = str(e)
    assert text.splitlines()[0] == "Trần <Văn> An (GV009) — Lao động tiên tiến: ✗ Không đủ"
    for piece in ("✓ Đăng ký thi đua", "✗ Thời gian công tác từ khi tuyển dụng", "4 tháng (từ 15/01/2025)",
                  "≥ 5 tháng", "[ĐIỀU CHỈNH]", "[LOCAL]", "điều chỉnh cấp trường", "(mặc định: 6)",
                  "gốc: điểm d khoản 5 Điều 1 TT 01/2024/TT-BNV"):
        assert piece in text, piece
    html = shown(e)
    assert html == notebook.to_html(make_verdict_with_criteria())
    for header in ("Đạt", "Tiêu chí", "Thực tế", "Quy định", "Căn cứ", "Độ tin cậy", "Điều chỉnh"):
        assert f"<th>{header}</th>" in html
    assert "Trần &lt;Văn&gt; An" in html and "<Văn>" not in html
    df = thidua_xl.to_dataframe(e)
    assert len(df) == 2 and df["Đạt"].tolist() == [True, False]
    assert df["Điều chỉnh"].iloc[1].startswith("giá trị đã được điều chỉnh")
    assert [c.code for c in e.failed] == ["NEW_HIRE"] and e.complete


def test_explain_from_check_result_by_name_and_label() -> None:
    res = make_check()
    e = notebook.explain(res, "nguyễn thị hồng", "Chiến sĩ thi đua cơ sở")
    assert e.subject == "GV001" and e.title is Title.CSTDCS and not e.eligible
    assert not e.complete and "Chỉ có các tiêu chí không đạt" in str(e)
    assert "✗ Không đăng ký thi đua danh hiệu Chiến sĩ thi đua cơ sở đầu năm học — căn cứ: Quy chế thi đua của " \
           "đơn vị [LOCAL]" in str(e)
    assert notebook.explain(res, "Tổ Toán", "TTLDTT").headline() == \
        "Tổ Toán — Tập thể lao động tiên tiến: ✗ Không đủ"
    assert notebook.explain(res, "GV001", "lđtt").eligible


@pytest.mark.parametrize(("subject", "title", "fragment"), [
    ("GV999", "LDTT", "Không tìm thấy 'GV999'"),
    ("GV001", "XYZ", "Không có danh hiệu 'XYZ'"),
    ("Tổ Toán", "LDTT", "là một tổ"),
    ("GV001", "TTLDTT", "là một cá nhân"),
])
def test_explain_errors_are_vietnamese(subject: str, title: str, fragment: str) -> None:
    with pytest.raises(api.InputError, match=fragment):
        notebook.explain(make_check(), subject, title)


def _school(recruited: dt.date, overrides: list[m.Override] | None = None) -> SchoolData:
    info = m.SchoolInfo(school_name="Trường thử", school_year="2024-2025", consideration_date=dt.date(2025, 5, 31))
    staff = [m.Staff("GV001", "Nguyễn Văn Mới", team="Tổ A", rating=m.Rating.HTTNV, recruited_date=recruited,
                     sector_entry_date=recruited)]
    return SchoolData(info=info, staff=staff, teams=[m.Team("Tổ A")],
                      registrations=[m.Registration(False, "GV001", Title.LDTT)], overrides=overrides or [])


def test_explain_from_data_shows_override() -> None:
    pytest.importorskip("thidua_xl.core.eligibility")
    recruited = dt.date(2024, 12, 15)  # 5 whole months on 31/05/2025
    plain = notebook.explain(_school(recruited), "GV001", Title.LDTT)
    assert not plain.eligible and plain.complete
    assert any(c.code == "NEW_HIRE" and not c.passed and c.rule == "≥ 6 tháng" for c in plain.criteria)
    assert all(c.citation and c.tag for c in plain.criteria)  # every criterion cited and tagged
    assert not plain.overrides

    ov = m.Override("ldtt.min_service_months", "5", "trường", "Quy chế thi đua trường 2024-2025, Điều 4",
                    source=SourceRef("Quy định riêng", 4))
    e = notebook.explain(_school(recruited, [ov]), "Nguyễn Văn Mới", "LDTT")
    assert e.eligible and e.regime == "2024" and e.school_year == "2024-2025"
    crit = next(c for c in e.criteria if c.code == "NEW_HIRE")
    assert crit.passed and crit.rule == "≥ 5 tháng" and crit.tag == "điều chỉnh theo Quy định riêng"
    assert "Quy chế thi đua trường 2024-2025, Điều 4" in crit.citation and crit.overridden
    assert len(e.overrides) == 1 and "6 → 5" in e.overrides[0] and "dòng 4" in e.overrides[0]
    assert "Quy định riêng đã áp dụng:" in str(e)


# ---------------------------------------------------------------- compare regimes


def test_diff_results_added_and_removed_reasons() -> None:
    from thidua_xl.views.compare import RegimeComparison, diff_results

    a = make_check()
    extra = _reason("NO_INITIATIVE", "Không có sáng kiến", "NĐ 91/2017/NĐ-CP")
    b = CheckResult("2024-2025", "2025", [
        Verdict("GV001", "Nguyễn Thị Hồng", Title.LDTT, False, [extra], team="Tổ Toán"),  # loses LĐTT
        Verdict("GV001", "Nguyễn Thị Hồng", Title.CSTDCS, False, [a.verdicts[1].reasons[0], extra], team="Tổ Toán"),
        Verdict("GV002", EVIL, Title.LDTT, True, team="Tổ Toán"),  # gains LĐTT
        a.verdicts[3],
        a.verdicts[4],
    ])
    changes = diff_results(a, b)
    assert [(c.subject, c.title.value, c.flipped) for c in changes] == [
        ("GV001", "LDTT", True), ("GV001", "CSTDCS", False), ("GV002", "LDTT", True)]
    lost, reasons_only, gained = changes
    assert lost.direction == "bị mất" and [r.code for r in lost.added] == ["NO_INITIATIVE"] and not lost.removed
    assert gained.direction == "được thêm" and [r.code for r in gained.removed] == ["NEW_HIRE"]
    assert reasons_only.direction == "không đổi"
    cmp = RegimeComparison("2024", "2025", "2024-2025", a, b, changes)
    assert cmp.counts()[Title.LDTT] == (1, 1) and len(cmp.flips) == 2 and len(cmp.reason_changes) == 1
    html = shown(cmp)
    assert html == notebook.to_html(cmp)
    assert "Đủ điều kiện (2024)" in html and "Lý do thêm (2025)" in html and "Không có sáng kiến" in html
    assert "<script>" not in html
    df = thidua_xl.to_dataframe(cmp)
    assert len(df) == 3 and df["Thay đổi"].tolist() == ["bị mất", "không đổi", "được thêm"]
    assert df["Đủ điều kiện (2025)"].tolist() == [False, False, True]
    assert "bị mất: Nguyễn Thị Hồng (GV001) — Lao động tiên tiến" in str(cmp)


def test_compare_regimes_runs_the_same_data_twice() -> None:
    pytest.importorskip("thidua_xl.core.eligibility")
    data = _school(dt.date(2010, 9, 1))
    data.staff[0].rating = m.Rating.HTXSNV
    data.registrations.append(m.Registration(False, "GV001", Title.CSTDCS))  # no initiative
    cmp = notebook.compare_regimes(data, "2017", "2024")
    assert cmp.result_a.regime == "2017" and cmp.result_b.regime == "2024"
    assert cmp.school_year == "2024-2025"
    flip = next(c for c in cmp.flips if c.title is Title.CSTDCS)
    # 2017 needs an initiative for CSTĐCS; from 2024 HTXSNV alone is enough.
    assert flip.eligible_a is False and flip.eligible_b is True and flip.removed
    assert any(p.key.startswith("cstdcs.") for p in cmp.params)
    same = notebook.compare_regimes(data, "2024", "2024")
    assert not same.changes and not same.params and "0 trường hợp đổi kết quả" in str(same)


# ---------------------------------------------------------------- import cost


def test_import_is_cheap_and_lazy() -> None:
    code = ("import sys, time; t0 = time.perf_counter(); import thidua_xl; import thidua_xl.core.model; "
            "import thidua_xl.notebook; import thidua_xl.charts; dt = time.perf_counter() - t0; "
            "import json; heavy = [m for m in ('pandas', 'matplotlib', 'openpyxl', 'docx', 'xlwings', 'numpy') "
            "if m in sys.modules]; print(json.dumps({'dt': dt, 'heavy': heavy}))")
    best = None
    for _ in range(3):  # best of three: the machine may be busy with other tests
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        got = json.loads(out.stdout)
        assert got["heavy"] == [], f"imported eagerly: {got['heavy']}"
        best = got["dt"] if best is None else min(best, got["dt"])
    assert best is not None and best < 0.2, f"import thidua_xl took {best:.3f} s"


def test_import_thidua_xl_wall_time_minus_bare_python() -> None:
    import time

    def run(code: str) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - t0

    cost = min(run("import thidua_xl") - run("pass") for _ in range(3))
    assert cost < 0.2, f"import thidua_xl costs {cost:.3f} s"
    out = subprocess.run([sys.executable, "-c", "import sys, thidua_xl; print(sorted(m for m in ('pandas', "
                          "'matplotlib', 'openpyxl', 'docx', 'xlwings') if m in sys.modules))"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_package_forwards_explain_and_compare_regimes() -> None:
    import thidua_xl

    e = thidua_xl.explain(make_check(), "GV002", "LDTT")
    assert isinstance(e, notebook.Explanation) and e.subject == "GV002" and not e.eligible
    pytest.importorskip("thidua_xl.core.eligibility")
    cmp = thidua_xl.compare_regimes(_school(dt.date(2010, 9, 1)), "2024", "2025")
    assert isinstance(cmp, notebook.RegimeComparison) and (cmp.regime_a, cmp.regime_b) == ("2024", "2025")
