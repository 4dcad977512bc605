"""``thidua check`` in a terminal: long tables are cut to --gioi-han rows with a pointer to the full
results sheet, the counts per title are always complete, and bad limits are usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from thidua_xl import cli

DEMO = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
pytestmark = pytest.mark.skipif(not DEMO.exists(), reason="demo workbook not built")


def _ids(text: str, known: set[str]) -> set[str]:
    return {i for i in known if re.search(rf"^│ {re.escape(i)} ", text, re.M)}


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main(["check", str(DEMO), *args])
    return code, capsys.readouterr().out


def test_limit_cuts_the_table_and_says_where_the_rest_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, full_json = _run(capsys, "--json", "--khong-ghi")
    assert code == 0
    people = json.loads(full_json)["ca_nhan"]
    everyone = {r["ma"] for r in people}
    order = list(dict.fromkeys(r["ma"] for r in people))

    out = tmp_path / "kq.xlsx"
    code, text = _run(capsys, "--gioi-han", "5", "-o", str(out))
    assert code == 0 and out.is_file()
    assert _ids(text, everyone) == set(order[:5])
    assert f"Đang hiện 5/{len(everyone)} dòng đầu" in text
    assert f"trang 'Kết quả xét' của {out}" in text
    # the counts per title cover everyone, not only the rows shown
    ldtt = sum(r["du_dieu_kien"] for r in people if r["danh_hieu"] == "LDTT")
    assert re.search(rf"LDTT — Lao động tiên tiến\s+│ {ldtt}\s+│ {len(everyone) - ldtt}\s", text)

    code, text = _run(capsys, "--gioi-han", "0", "--khong-ghi")
    assert code == 0 and _ids(text, everyone) == everyone and "Đang hiện" not in text


def test_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", str(DEMO), "--gioi-han", "-3"])
    assert exc.value.code == 2
    assert "--gioi-han" in capsys.readouterr().err


@pytest.mark.parametrize("width", [80, 120])
def test_the_table_speaks_vietnamese_and_fits_the_terminal(width: int, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    from thidua_xl.commands.check import short_title
    from thidua_xl.core.model import INDIVIDUAL_TITLES

    before = hashlib.sha256(DEMO.read_bytes()).hexdigest()
    monkeypatch.setenv("COLUMNS", str(width))
    for extra in ([], ["--danh-hieu", "CSTDCS"], ["--danh-hieu", "KNC"]):
        code, text = _run(capsys, "--khong-ghi", "--gioi-han", "0", *extra)
        assert code == 0
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= width, (width, extra)
        # short Vietnamese reasons and titles, no reason codes (they stay in --json)
        for code_word in ("NOT_REGISTERED", "CONSECUTIVE_CSTD_TINH", "NO_PRIOR_BANG_KHEN", "INITIATIVE_SCOPE"):
            assert code_word not in text
        assert "Chưa đủ vì" in text or extra
        assert "chưa đăng ký" in text
    code, text = _run(capsys, "--khong-ghi", "--gioi-han", "0")
    if width >= 120:  # ✓/✗ per title under the short names a secretary reads
        assert re.search(r"┃ Mã\s+┃ Họ và tên\s+┃ LĐTT ┃ CSTĐCS ┃", text)
        assert re.search(r"│ GV001 │ [^│]+│ ✓\s+│ ✓\s+│", text)
    else:  # the titles each person is eligible for, then the reasons for the others
        assert re.search(r"┃ Mã\s+┃ Họ và tên\s+┃ Đủ điều kiện\s+┃ Chưa đủ vì\s+┃", text)
        assert re.search(r"│ GV001 │ Ngô Phương Nga\s+│ LĐTT, CSTĐCS", text)
    assert all(short_title(x) for x in INDIVIDUAL_TITLES)
    code, js = _run(capsys, "--khong-ghi", "--json")
    assert "NOT_REGISTERED" in js  # the codes stay in JSON
    assert hashlib.sha256(DEMO.read_bytes()).hexdigest() == before


def test_json_is_compact_and_streamed_with_the_same_content_as_indented(
        capsys: pytest.CaptureFixture[str]) -> None:
    """--json: compact (no whitespace between tokens), written piece by piece; --json-indent N: the same
    content for people. Both parse to the dict the view builds (to_json), key order included."""
    from thidua_xl import api
    from thidua_xl.views import check as check_view

    code, compact = _run(capsys, "--json", "--khong-ghi")
    assert code == 0 and compact.endswith("}\n") and compact.count("\n") == 1
    assert '", "' not in compact and '": ' not in compact  # no separator spaces: the compact encoder
    code, indented = _run(capsys, "--json-indent", "2", "--khong-ghi")
    assert code == 0 and '\n  "ca_nhan": [\n' in indented
    a, b = json.loads(compact), json.loads(indented)
    expected = json.loads(json.dumps(check_view.to_json(api.check(api.read(DEMO))), default=str))
    assert a == b == expected and a["ca_nhan"] and a["tap_the"]
    assert [list(r) for r in a["ca_nhan"]] == [list(r) for r in expected["ca_nhan"]]  # key order kept


@pytest.mark.parametrize("batch", [1, 2, 10_000])
def test_streamed_json_is_valid_at_every_batch_boundary(batch: int) -> None:
    from thidua_xl import api
    from thidua_xl.views import check as check_view

    result = api.check(api.read(DEMO))
    text = b"".join(check_view.iter_json(result, batch=batch)).decode()
    assert json.loads(text) == json.loads(json.dumps(check_view.to_json(result), default=str))
    people = len(result.people)
    assert json.loads(b"".join(check_view.iter_json(result, batch=people)))["ca_nhan"]  # exact multiple


def test_bad_json_indent_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", str(DEMO), "--json-indent", "x"])
    assert exc.value.code == 2 and "số nguyên" in capsys.readouterr().err


@pytest.mark.parametrize("stream", ["text", "bytes"])
def test_streamed_json_follows_what_was_printed_before_on_any_stdout(stream: str, monkeypatch: pytest.MonkeyPatch
                                                                     ) -> None:
    """write_chunks writes UTF-8 bytes to stdout's buffer after what was printed as text (a terminal, a pipe),
    or decodes them for a text-only stdout (a notebook's, a StringIO)."""
    import io

    from thidua_xl.commands._common import write_chunks

    raw = io.BytesIO()
    out: io.TextIOBase = io.StringIO() if stream == "text" else io.TextIOWrapper(raw, encoding="utf-8")
    monkeypatch.setattr("sys.stdout", out)
    print("Tiêu đề", end=" ")
    write_chunks(iter([b'{"ho_ten":"', "Nguyễn Thị Hồng".encode(), b'"}']))
    out.flush()
    text = out.getvalue() if isinstance(out, io.StringIO) else raw.getvalue().decode("utf-8")
    assert text == 'Tiêu đề {"ho_ten":"Nguyễn Thị Hồng"}\n'


def test_streamed_json_keeps_each_verdicts_own_outcome_and_alternative() -> None:
    """Verdicts whose JSON tails are made once and shared still say their own outcome and alternative met."""
    from thidua_xl.core import model as m
    from thidua_xl.views import check as check_view

    t = m.Title.BK_TINH
    verdicts = [m.Verdict("A", "An", t, True, [], (), {}, False, "T", "hai lần CSTĐCS"),
                m.Verdict("B", "Bình", t, True, [], (), {}, False, "T", "sáng kiến"),
                m.Verdict("C", "Chi", t, False, [], (), {}, False, "T"),
                m.Verdict("D", "Dũng", t, True, [], (), {}, False, "T", "hai lần CSTĐCS")]
    result = m.CheckResult("2024-2025", "2024", verdicts, None)
    streamed = json.loads(b"".join(check_view.iter_json(result, batch=1)))
    assert streamed["ca_nhan"] == json.loads(json.dumps(check_view.to_json(result), default=str))["ca_nhan"]
    assert [(p["du_dieu_kien"], p.get("dat_theo")) for p in streamed["ca_nhan"]] == [
        (True, "hai lần CSTĐCS"), (True, "sáng kiến"), (False, None), (True, "hai lần CSTĐCS")]


@pytest.mark.parametrize(("key", "value"), [("giay_khen.min_rating", "XYZ"), ("ldtt.discipline_from", "phạt"),
                                            ("cstd_tinh.initiative_level", "zz"), ("bk_tinh.movement_level", "??")])
def test_a_wrong_code_in_a_schools_own_rule_is_a_located_input_error(
        key: str, value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A school's own rule whose value must be a code (a rating, a discipline level, a scope) says where it was
    written and which codes are accepted: exit 2, no traceback."""
    from openpyxl import load_workbook

    from thidua_xl.workbook.demo import write_demo

    path = write_demo(tmp_path / "demo.xlsx")
    wb = load_workbook(path)
    wb["Quy định riêng"].append([key, value, "trường", "Quy chế của trường"])
    wb.save(path)
    code = cli.main(["check", str(path), "--khong-ghi"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "trang 'Quy định riêng', dòng 2" in err and key in err and f"'{value}'" in err
    assert "Gõ một trong các mã" in err and "Traceback" not in err and "không mong đợi" not in err


@pytest.mark.parametrize(("key", "value", "column", "said"), [
    ("ldtt.min_service_months", "mười", "Giá trị", "không phải là một số nguyên"),
    ("khong.co.tham.so", "1", "Mã tham số", "không có tham số 'khong.co.tham.so'")])
def test_a_schools_own_rule_that_cannot_apply_names_sheet_row_and_column(
        key: str, value: str, column: str, said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    from thidua_xl.workbook.demo import write_demo

    path = write_demo(tmp_path / "demo.xlsx")
    wb = load_workbook(path)
    wb["Quy định riêng"].append([key, value, "trường", "Quy chế của trường"])
    wb.save(path)
    assert cli.main(["check", str(path), "--khong-ghi"]) == 2
    err = capsys.readouterr().err
    assert f"trang 'Quy định riêng', dòng 2, cột {column}" in err and said in err
