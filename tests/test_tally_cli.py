"""``thidua tally``: exit codes, JSON face, terminal face, results sheets (reader and writer faked or real)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from thidua_xl import api, charts, cli
from thidua_xl.core.model import (
    Ballot,
    BallotRound,
    CouncilMember,
    Mark,
    Override,
    SchoolData,
    SchoolInfo,
    Staff,
    Title,
)
from thidua_xl.views.table import ResultTable
from thidua_xl.workbook import schema as sc
from thidua_xl.workbook import writer
from thidua_xl.workbook.demo import write_demo

A, D = Mark.APPROVE, Mark.DISAPPROVE


def _data(present: int, second: bool = False) -> SchoolData:
    council = [CouncilMember(f"TV {i}", present=i < present) for i in range(5)]
    ballots = [Ballot(str(i + 1), Title.CSTDCS, {"GV1": A, "GV2": A if i < 3 else D}) for i in range(present)]
    data = SchoolData(info=SchoolInfo(school_year="2024-2025"), council=council,
                      staff=[Staff("GV1", "Nguyễn Thị Hồng"), Staff("GV2", "Lê Văn Nam")],
                      rounds=[BallotRound(Title.CSTDCS, ["GV1", "GV2"])], ballots=ballots)
    if second:
        data.ballots_second = [Ballot(b.number, b.title, {**b.marks, "GV1": D}) for b in ballots]
    return data


@pytest.fixture
def fake_io(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # noqa: ANN201
    """api.read returns the SchoolData registered for a path; the writer records what it is given."""
    books: dict[str, SchoolData] = {}
    written: list[tuple[list[ResultTable], Path]] = []

    def read(source: object) -> SchoolData:
        if isinstance(source, SchoolData):
            return source
        return books[str(source)]

    monkeypatch.setattr(writer, "write_results", lambda tables, path: written.append((tables, Path(path))))
    monkeypatch.setattr(writer, "default_results_path", lambda p: Path(p).with_name(Path(p).stem + "_ketqua.xlsx"))
    monkeypatch.setattr(api, "read", read)

    def add(data: SchoolData) -> str:
        path = tmp_path / f"truong_{len(books)}.xlsx"
        path.write_bytes(b"")
        books[str(path)] = data
        return str(path)

    return add, written


def test_cli_json_certified_exit_0(fake_io, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    add, written = fake_io
    path = add(_data(present=5))
    assert cli.main(["tally", path, "--json", "--no-check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["hoi_dong"] == {"tong_so": 5, "co_mat": 5, "y_kien_van_ban": 0, "du_tuc_so": True}
    assert out["phieu"] == {"phat_ra": 5, "thu_vao": 5, "hop_le": 5, "khong_hop_le": 0}
    assert [(r["ma"], r["de_nghi"]) for r in out["ket_qua"]] == [("GV1", True), ("GV2", False)]
    assert len(out["ma_bam"]) == 64 and out["chung_nhan"] is True
    assert written == []  # --json without -o writes nothing


def test_cli_json_with_results_path_writes_the_sheet(fake_io, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    add, written = fake_io
    path = add(_data(present=5))
    target = tmp_path / "kq.xlsx"
    assert cli.main(["tally", path, "--json", "--no-check", "-o", str(target)]) == 0
    (tables, where), = written
    assert where == target and tables[0].name == "Kết quả kiểm phiếu"
    assert "kq.xlsx" in capsys.readouterr().err


def test_cli_no_quorum_exit_1_and_text_tables(fake_io, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    add, written = fake_io
    path = add(_data(present=3))  # 3 of 5 < 2/3
    assert cli.main(["tally", path, "--no-check"]) == 1
    out = capsys.readouterr().out
    assert "không đủ túc số" in out and "Chiến sĩ thi đua cơ sở" in out and "Mã băm SHA-256" in out
    assert "CHƯA chứng nhận" in out
    (tables, where), = written
    assert where.name.endswith("_ketqua.xlsx")


def test_cli_double_entry_mismatch_exit_1(fake_io, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    add, written = fake_io
    path = add(_data(present=5, second=True))
    assert cli.main(["tally", path, "--no-check"]) == 1
    out = capsys.readouterr().out
    assert "chênh lệch" in out
    (tables, _), = written
    assert [tb.name for tb in tables] == ["Kết quả kiểm phiếu", "Đối chiếu phiếu"]
    assert len(tables[1].rows) == 5


def test_cli_missing_file_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["tally", str(tmp_path / "khong_co.xlsx")]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_cli_bad_rule_override_exit_2(fake_io, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: ANN001
    add, _ = fake_io
    data = _data(present=5)
    data.overrides = [Override("vote.quota.CSTDCS", "mười lăm phần trăm")]
    assert cli.main(["tally", add(data), "--no-check"]) == 2
    assert "chỉ tiêu" in capsys.readouterr().err


def test_cli_help_lists_tally() -> None:
    parser = cli.build_parser()
    assert "tally" in parser.format_help()


# ---------------------------------------------------------------- a real workbook (when the reader exists)


def _write_workbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sc.INFO.name
    info = {"school_name": "Trường THCS Thử", "governing_body": "UBND PHƯỜNG THỬ", "school_year": "2024-2025",
            "place_name": "Hà Nội", "meeting_date": "25/05/2025", "principal": "Trần Văn Bình"}
    for key, value in info.items():
        ws.append([sc.INFO.column(key).header, value])

    def table(spec: sc.SheetSpec, rows: list[dict[str, object]], extra: list[str] | None = None) -> None:
        sheet = wb.create_sheet(spec.name)
        cols = [c.key for c in spec.columns]
        sheet.append([c.header for c in spec.columns] + (extra or []))
        for row in rows:
            sheet.append([row.get(k, "") for k in cols] + [row.get(x, "") for x in extra or []])

    table(sc.TEAMS, [{"name": "Tổ Toán", "rating": "HTXSNV"}])
    table(sc.STAFF, [
        {"id": "GV001", "full_name": "Nguyễn Thị Hồng", "gender": "Nữ", "team": "Tổ Toán", "rating": "HTXSNV",
         "recruited_date": "01/09/2010"},
        {"id": "GV002", "full_name": "Lê Văn Nam", "gender": "Nam", "team": "Tổ Toán", "rating": "HTXSNV",
         "recruited_date": "01/09/2012"},
    ])
    table(sc.REGISTRATIONS, [{"kind": "Cá nhân", "subject": "GV001", "title": "Chiến sĩ thi đua cơ sở"}])
    table(sc.COUNCIL, [{"name": f"Thành viên {i}", "role": "Ủy viên", "present": "Có mặt"} for i in range(5)])
    table(sc.ROUNDS, [{"title": "Chiến sĩ thi đua cơ sở", "candidate": "GV001"},
                      {"title": "Chiến sĩ thi đua cơ sở", "candidate": "GV002"}])
    ballots = [{"number": str(i + 1), "title": "Chiến sĩ thi đua cơ sở", "source_kind": "Tại cuộc họp",
                "GV001": "x", "GV002": "x" if i < 2 else "0"} for i in range(5)]
    table(sc.BALLOTS, ballots, extra=["GV001", "GV002"])
    wb.save(path)


@pytest.mark.skipif(importlib.util.find_spec("thidua_xl.workbook.reader") is None,
                    reason="workbook reader not written yet")
def test_cli_on_a_real_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "truong.xlsx"
    _write_workbook(path)
    args = ["tally", str(path), "--json"]
    if importlib.util.find_spec("thidua_xl.core.eligibility") is None:
        args.append("--no-check")
    code = cli.main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    out = json.loads(captured.out)
    assert out["hoi_dong"]["tong_so"] == 5 and out["hoi_dong"]["du_tuc_so"] is True
    assert out["phieu"] == {"phat_ra": 5, "thu_vao": 5, "hop_le": 5, "khong_hop_le": 0}
    rows = {r["ma"]: r for r in out["ket_qua"]}
    assert rows["GV001"]["dong_y"] == 5 and rows["GV001"]["dat_nguong"] is True
    assert rows["GV002"]["dong_y"] == 2 and rows["GV002"]["dat_nguong"] is False


def test_api_tally_works_in_a_fresh_interpreter() -> None:
    import subprocess

    code = (
        "from thidua_xl import api\n"
        "from thidua_xl.core.model import *\n"
        "d = SchoolData(info=SchoolInfo(school_year='2024-2025'), council=[CouncilMember('A')],\n"
        "               rounds=[BallotRound(Title.LDTT, ['GV1'])],\n"
        "               ballots=[Ballot('1', Title.LDTT, {'GV1': Mark.APPROVE})])\n"
        "print(api.tally(d, with_eligibility=False).certified)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "True"


def test_cli_chart_pngs_carry_the_tally(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`thidua tally FILE --chart DIR`: one PNG per voted title plus the team bar, numbers from the tally."""
    src = tmp_path / "demo.xlsx"
    write_demo(src)
    out_dir = tmp_path / "bieu_do"
    code = cli.main(["tally", str(src), "--json", "--chart", str(out_dir)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    tallied = json.loads(captured.out)
    pngs = sorted(out_dir.glob("*.png"))
    voted_titles = {r["danh_hieu"] for r in tallied["ket_qua"]}
    vote_charts = [charts.read_png_data(p) for p in pngs if charts.read_png_data(p)["kind"] == "votes"]
    assert {c["title"] for c in vote_charts} == voted_titles
    rows = {(r["danh_hieu"], r["ma"] or r["ho_ten"]): r for r in tallied["ket_qua"]}
    for chart in vote_charts:
        for cand in chart["candidates"]:
            row = rows.get((chart["title"], cand["subject"])) or next(
                r for (t, _), r in rows.items() if t == chart["title"] and cand["subject"] in (r["ma"], r["ho_ten"]))
            assert cand["approvals"] == row["dong_y"] and cand["threshold_passed"] == row["dat_nguong"]
            assert cand["base_count"] == row["co_so"]
    teams = [charts.read_png_data(p) for p in pngs if charts.read_png_data(p)["kind"] == "teams"]
    assert len(teams) == 1
    checked = api.check(src)
    ldtt_by_team: dict[str, int] = {}
    data = api.read(src)
    team_of = {s.id: s.team for s in data.staff}
    for v in checked.people:
        if v.title is Title.LDTT and v.eligible:
            ldtt_by_team[team_of[v.subject]] = ldtt_by_team.get(team_of[v.subject], 0) + 1
    for bar in teams[0]["teams"]:
        assert bar["ldtt"] == ldtt_by_team.get(bar["team"], 0)
    assert "biểu đồ" in captured.err


def test_cli_chart_into_unwritable_path_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "demo.xlsx"
    write_demo(src)
    blocker = tmp_path / "la_tep"
    blocker.write_text("x")
    code = cli.main(["tally", str(src), "--json", "--chart", str(blocker / "con")])
    assert code == 2
    assert "Không lưu được biểu đồ" in capsys.readouterr().err


def test_a_show_of_hands_read_from_the_workbook_reaches_the_json_and_the_bien_ban(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13 point 10: "Thông tin chung" records how the council approved the LĐTT list and with how many;
    the JSON and the biên bản họp (a real .docx read back) say it."""
    from docx import Document  # heavy: only the tests that open a real .docx
    from openpyxl import load_workbook  # heavy: only the tests that write a real .xlsx

    path = tmp_path / "truong.xlsx"
    _write_workbook(path)
    wb = load_workbook(path)
    ws = wb[sc.INFO.name]
    ws.append([sc.INFO.column("approval_method").header, "Giơ tay"])
    ws.append([sc.INFO.column("approvals_ldtt").header, 4])
    regs = wb[sc.REGISTRATIONS.name]
    cols = [c.key for c in sc.REGISTRATIONS.columns]
    for sid in ("GV001", "GV002"):
        row = {"kind": "Cá nhân", "subject": sid, "title": "Lao động tiên tiến"}
        regs.append([row.get(k, "") for k in cols])
    wb.save(path)
    assert cli.main(["tally", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    (ldtt,) = [a for a in out["bieu_quyet"] if a["danh_hieu"] == "LDTT"]
    assert (ldtt["hinh_thuc"], ldtt["dong_y"], ldtt["co_so"], ldtt["thong_qua"]) == ("HANDS", 4, 5, True)
    assert ldtt["so_trong_danh_sach"] == 2 and ldtt["ty_le"] == 80.0
    result = api.report(path, tmp_path / "hs", bundle=False)
    (bien_ban,) = [f for f in result.files if "bien_ban_hop" in f.name]
    text = "\n".join(p.text for p in Document(str(bien_ban)).paragraphs)
    assert "KẾT QUẢ BỎ PHIẾU KÍN VÀ BIỂU QUYẾT" in text
    assert ("Danh hiệu “Lao động tiên tiến” (danh sách 2 cá nhân): Hội đồng biểu quyết giơ tay, 4/5 thành viên "
            "đồng ý (80,00%); ngưỡng > 50% tổng số thành viên Hội đồng. Kết quả: thông qua.") in text


def test_tally_takes_the_same_year_and_regime_options_as_check(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """`--nam-hoc` and `--che-do`, as in `thidua check`; `--school-year` still works (older scripts)."""
    src = tmp_path / "demo.xlsx"
    write_demo(src)
    by_regime = {}
    for regime in ("2017", "2025"):
        code = cli.main(["tally", str(src), "--json", "--che-do", regime])
        out = json.loads(capsys.readouterr().out)
        assert code in (0, 1)
        by_regime[regime] = out
        assert out["che_do"] == regime
    assert by_regime["2017"]["che_do_theo"] != by_regime["2025"]["che_do_theo"]
    code_old = cli.main(["tally", str(src), "--json", "--school-year", "2024-2025"])
    old = json.loads(capsys.readouterr().out)
    code_new = cli.main(["tally", str(src), "--json", "--nam-hoc", "2024-2025"])
    new = json.loads(capsys.readouterr().out)
    assert code_old == code_new and old == new


def test_the_terminal_names_short_reasons_and_the_sheet_keeps_the_sentences(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "demo.xlsx", tmp_path / "kq.xlsx"
    write_demo(src)
    cli.main(["tally", str(src), "-o", str(out)])
    screen = capsys.readouterr().out
    result = api.tally(src)
    not_eligible = [c for tt in result.titles for c in tt.candidates if c.eligible is False]
    assert not_eligible, "the demo has a nominee who is not eligible"
    full = next(n for n in not_eligible[0].notes if n.startswith("Không đủ điều kiện"))
    assert "chưa đăng ký" in " ".join(screen.split()) and full not in " ".join(screen.split())
    import openpyxl

    ws = openpyxl.load_workbook(out, read_only=True)["Kết quả kiểm phiếu"]
    cells = {str(v) for row in ws.iter_rows(values_only=True) for v in row if v}
    assert any(full in c for c in cells)


def test_the_terminal_shows_each_rule_tag_and_citation_as_written(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A rule's tag is in brackets ("[theo nguồn thứ cấp, ...]"): printed as text, not read as rich markup."""
    path = tmp_path / "truong.xlsx"
    _write_workbook(path)
    assert cli.main(["tally", str(path), "-o", str(tmp_path / "kq.xlsx")]) == 0
    out = " ".join(capsys.readouterr().out.split())  # the table title may be folded over two lines
    result = api.tally(str(path))
    tt = result.titles[0]
    assert tt.threshold_tag and f"[{tt.threshold_tag}]" in out
    assert f"{tt.threshold_citation} [{tt.threshold_tag}]." in out  # the summary line too
