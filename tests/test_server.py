"""The server face (xlwings Server) through FastAPI's TestClient: every TDKT_ function called the way Excel
calls it (2-D lists, dates as serial numbers) equals the classic function; every script, on the book JSON
built from a real .xlsx, writes what the CLI writes; files come back as downloads; tokens, size limit and a
log without personal data. Needs the server extra and XLWINGS_LICENSE_KEY (make test sets both)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# not imported here: xlwings Server reads its settings when first imported (the app configures them first)
if importlib.util.find_spec("xlwings_server") is None or importlib.util.find_spec("httpx") is None:
    pytest.skip("the server extra is not installed: pip install -e '.[server]'", allow_module_level=True)
if not os.environ.get("XLWINGS_LICENSE_KEY"):
    pytest.skip("xlwings Server needs XLWINGS_LICENSE_KEY=noncommercial (make test sets it)", allow_module_level=True)

import test_excel  # noqa: E402

from thidua_xl import cli  # noqa: E402
from thidua_xl.excel import udfs  # noqa: E402
from thidua_xl.excel.book import FileBook  # noqa: E402
from thidua_xl.excel.udfspec import udf_specs  # noqa: E402
from thidua_xl.server import payload  # noqa: E402
from thidua_xl.server.scripts import SCRIPTS  # noqa: E402
from thidua_xl.workbook.schema import RESULT_SHEETS  # noqa: E402

VOTE_SHEETS = ("Hội đồng TĐKT", "Danh sách bỏ phiếu", "Phiếu bầu")
SCORE_SHEETS = ("Điểm", "Tiêu chí", "Đợt thi đua", "Xếp loại điểm")
SCHOOL = "THCS Kiểm Thử"

# the classic face's sheets and module fixtures: the demo workbook and the CLI's check of it (`thidua check --json`)
DATA_SHEETS = test_excel.DATA_SHEETS
demo = test_excel.demo
cli_check = test_excel.cli_check


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """The app in this process, a token store in a temporary folder and the headers with its token; the
    environment is restored afterwards (the app read its settings once)."""
    from fastapi.testclient import TestClient

    from thidua_xl.server.app import create_app
    from thidua_xl.server.tokens import TokenStore

    saved = dict(os.environ)
    os.environ["THIDUA_SERVER_TOKENS"] = str(tmp_path_factory.mktemp("tokens") / "tokens.json")
    token = TokenStore().add(SCHOOL)
    client = TestClient(create_app())
    yield client, {"Authorization": f"Bearer {token}", "Auth-Provider": "custom"}
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="module")
def tables(demo: Path) -> dict[str, list[list[Any]]]:
    return FileBook(demo).read_tables()


ERRORS = {"#N/A": "NotAvailable", "#VALUE!": "Value", "#NUM!": "Num"}


def excel(value: Any) -> Any:
    """A classic function's error text as Excel's error value (xlwings Server sends real errors)."""
    return {"type": "Error", "errorType": ERRORS[value]} if isinstance(value, str) and value in ERRORS else value


def call(server: tuple[Any, dict[str, str]], name: str, *args: Any, ranges: Any = None) -> Any:
    client, headers = server
    r = client.post("/xlwings/custom-functions-call", json=payload.function_call(name, *args, ranges=ranges),
                    headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["result"]


def run_script(server: tuple[Any, dict[str, str]], name: str, tables: dict[str, list[list[Any]]],
               book: str = "demo.xlsx") -> list[dict[str, Any]]:
    client, headers = server
    spec = next(s for s in SCRIPTS if s.action == name)
    body = payload.book_payload(tables, book, include=spec.include)  # what the client sends with include=
    r = client.post(f"/xlwings/custom-scripts-call/{name}", json=body, headers=headers)
    assert r.status_code == 200, r.text
    return r.json()["actions"]


# ----------------------------------------------------------------------------- custom functions


def test_metadata_lists_every_tdkt_function_under_the_namespace(server: Any) -> None:
    client, _ = server
    meta = client.get("/xlwings/custom-functions-meta").json()
    names = [f["name"] for f in meta["functions"]]
    assert names and sorted(names) == sorted(s.name for s in udf_specs())  # never silently empty
    assert os.environ.get("XLWINGS_ON_SERVER") == "true"
    by = {f["name"]: f for f in meta["functions"]}
    assert by["TDKT_XET"]["parameters"][-1].get("repeating") is True  # *bang: any number of tables
    assert all(p["description"] for f in meta["functions"] for p in f["parameters"])  # Vietnamese help
    code = client.get("/xlwings/custom-functions-code.js").text
    for name in names:
        assert f'CustomFunctions.associate("{name}"' in code
    manifest = client.get("/manifest.xml").text
    assert '<bt:String id="Functions.Namespace" DefaultValue="THIDUA" />' in manifest


def test_every_function_over_http_equals_the_classic_function(server: Any, tables: dict[str, Any],
                                                               cli_check: dict[str, Any], demo: Path) -> None:
    ranges = [tables[n] for n in DATA_SHEETS]
    covered = set()

    def same(name: str, *args: Any, with_ranges: list[Any] | None = None) -> Any:
        covered.add(name)
        got = call(server, name, *args, ranges=with_ranges)
        want = getattr(udfs, name)(*args, *(with_ranges or []))
        assert got == [[excel(v) for v in row] for row in (want if isinstance(want, list) else [[want]])], (name, args)
        return got

    rows = cli_check["ca_nhan"]
    # TDKT_XET equal to `thidua check --json`: for each title one person it admits and one it refuses
    sample = {(r["danh_hieu"], r["du_dieu_kien"]): r for r in rows}
    assert len(sample) > 10
    for r in sample.values():
        got = call(server, "TDKT_XET", r["ma"], r["danh_hieu"], "", ranges=ranges)
        assert got == [[r["du_dieu_kien"]]], (r["ma"], r["danh_hieu"])
    covered.add("TDKT_XET")
    refused = [r for r in sample.values() if not r["du_dieu_kien"]]
    assert refused
    for r in refused:
        [[text]] = same("TDKT_GIAI_THICH", r["ma"], r["danh_hieu"], "", with_ranges=ranges)
        for reason in r["ly_do"]:
            assert reason["noi_dung"] in text
    table = same("TDKT_XET_BANG", "", "", with_ranges=ranges)  # every person and title in one call
    assert len(table) - 1 == len({r["ma"] for r in rows})
    verdicts = {(r["ma"], r["danh_hieu"]): r["du_dieu_kien"] for r in rows}
    for row in table[1:]:
        for code, value in zip(table[0][3:-1], row[3:-1]):
            assert value is verdicts[(row[0], code)], (row[0], code)
    same("TDKT_XET_BANG", "LDTT", "", with_ranges=ranges)
    votes = [tables[n] for n in (*DATA_SHEETS, *VOTE_SHEETS)]
    spilled = same("TDKT_KIEM_PHIEU", "", with_ranges=votes)
    import thidua_xl

    res = thidua_xl.tally(demo)
    assert [(r[0], r[1], r[3], r[9]) for r in spilled[1:]] == [
        (tt.title.value, c.subject, c.approvals, c.proposed) for tt in res.titles for c in tt.candidates]
    assert same("TDKT_TINH_TY_LE", 9, 11) == [[81.82]]
    assert same("TDKT_DAT_NGUONG", 9, 11, "CSTDCS", "2024-2025") == [[True]]
    same("TDKT_NGUONG", "CSTDCS", "2024-2025")
    assert same("TDKT_CHUAN_HOA_TEN", "  nguyễn   thị  hồng ") == [["Nguyễn Thị Hồng"]]
    same("TDKT_SAP_XEP_TEN", [["Trần Văn Bình", 1], ["Nguyễn Thị Anh", 2], ["Lê An", 3]])
    scoring = [tables[n] for n in ("Thông tin chung", "Cán bộ", *SCORE_SHEETS) if n in tables]
    for period in ("", "09/2024"):
        same("TDKT_DIEM", "GV001", period, "", with_ranges=scoring)
        same("TDKT_XEP_LOAI_DIEM", "GV001", period, "", with_ranges=scoring)
    assert covered == {s.name for s in udf_specs()}  # a new TDKT_ function needs its case here


def test_dates_arrive_as_serial_numbers_and_blanks_as_null(tables: dict[str, Any]) -> None:
    import datetime as dt

    staff = tables["Cán bộ"]
    body = payload.function_call("TDKT_XET", "GV001", "LDTT", "", ranges=[staff])
    sent = body["args"][-1][0]
    dates = [(i, j) for i, r in enumerate(staff) for j, v in enumerate(r) if isinstance(v, (dt.date, dt.datetime))]
    assert dates
    i, j = dates[0]
    assert isinstance(sent[i][j], (int, float)) and payload.serial(staff[i][j]) == sent[i][j]
    assert payload.serial(dt.date(2025, 5, 20)) == 45797  # Excel's serial for 20/05/2025


# ----------------------------------------------------------------------------- scripts


def _grids(actions: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    """The values each script wrote, by sheet name (addSheet then setValues, as the client replays them)."""
    added = [a["args"][1] for a in actions if a["func"] == "addSheet"]
    grids = [a["values"] for a in actions if a["func"] == "setValues"]
    return dict(zip(added, grids))


def _want(tables: list[Any]) -> dict[str, list[list[Any]]]:
    from thidua_xl.workbook.results import layout, typed_text

    out = {}
    for table in tables:
        grid = layout(table).grid
        width = max(len(r) for r in grid)
        out[table.name] = [["" if v is None else typed_text(v) for v in r + [None] * (width - len(r))] for r in grid]
    return out


def test_every_script_writes_what_the_cli_writes(server: Any, tables: dict[str, Any], demo: Path) -> None:
    import thidua_xl
    from thidua_xl import api
    from thidua_xl.views import check as check_view
    from thidua_xl.views import scoring as scoring_view
    from thidua_xl.views import tally as tally_view
    from thidua_xl.workbook.writer import problems_table

    assert {s.action for s in SCRIPTS} == {"validate", "check", "score", "tally", "reconcile"}
    tallied = tally_view.to_tables(thidua_xl.tally(demo))
    data = api.read(demo)
    scored = (scoring_view.to_tables(api.score(data)) if data.scores else []) + (
        [scoring_view.calendar_table(c.tasks, c.today, c.days) for c in [api.calendar(data)]] if data.calendar else [])
    expected = {
        "validate": _want([problems_table(api.read(demo).problems)]),
        "check": _want(check_view.to_tables(thidua_xl.check(demo))),
        "tally": _want(tallied),
        "reconcile": _want([t for t in tallied if t.name == RESULT_SHEETS["reconcile"]]),
        "score": _want(scored),
    }
    for spec in SCRIPTS:
        actions = run_script(server, spec.action, tables)
        got = _grids(actions)
        assert got == expected[spec.action], spec.action
        assert got or spec.action in ("score", "reconcile"), spec.action  # the demo: no scores, one entry
        alerts = [a for a in actions if a["func"] == "alert"]
        assert len(alerts) == 1 and alerts[0]["args"][3] == "info", (spec.action, alerts)
        assert alerts[0]["args"][0] and not alerts[0]["args"][0].startswith(spec.label + ":")


def test_reconcile_script_on_a_second_entry(server: Any, tables: dict[str, Any]) -> None:
    """The demo's second entry is empty: with one keyed differently, the script writes the reconciliation sheet
    of the same chain the CLI runs (api.tally on the same tables)."""
    from thidua_xl import api
    from thidua_xl.views import tally as tally_view

    second = [list(r) for r in tables["Phiếu bầu"]]
    second[2][5] = "" if second[2][5] else "x"  # one vote keyed differently
    entered = {**tables, "Phiếu bầu (nhập lần 2)": second}
    want = _want([t for t in tally_view.to_tables(api.tally(entered)) if t.name == RESULT_SHEETS["reconcile"]])
    actions = run_script(server, "reconcile", entered)
    assert want and _grids(actions) == want
    assert "1 chỗ chênh lệch" in next(a for a in actions if a["func"] == "alert")["args"][0]


def test_scripts_send_only_the_sheets_they_need(server: Any, tables: dict[str, Any], demo: Path) -> None:
    client, _ = server
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    check_sheets = set(meta["check"]["include"].split(","))
    assert "Cán bộ" in check_sheets and "Phiếu bầu" not in check_sheets  # eligibility reads no ballot
    assert not check_sheets & set(RESULT_SHEETS.values())  # never our own result sheets
    assert {"Phiếu bầu", "Hội đồng TĐKT"} <= set(meta["tally"]["include"].split(","))
    # a ballot sheet the check does not read may hold anything: it is not sent
    broken = dict(tables)
    broken["Phiếu bầu"] = [["rác"] * 3] * 4
    assert _grids(run_script(server, "check", broken)) == _grids(run_script(server, "check", tables))


def test_bad_data_is_a_vietnamese_alert_and_writes_nothing(server: Any, tables: dict[str, Any]) -> None:
    bad = dict(tables)
    staff = [list(r) for r in tables["Cán bộ"]]
    staff[2][0] = staff[1][0]  # duplicate staff ID
    bad["Cán bộ"] = staff
    actions = run_script(server, "check", bad)
    assert [a["func"] for a in actions] == ["alert"]
    assert actions[0]["args"][3] == "critical" and "Xét điều kiện:" in actions[0]["args"][0]


# ----------------------------------------------------------------------------- downloads


def _download(server: Any, kind: str, body: dict[str, Any] | None = None) -> Any:
    client, headers = server
    return client.post(f"/thidua/tai-ve/{kind}", json=body or {}, headers=headers)


def test_files_come_back_as_downloads_and_nothing_stays(server: Any, tables: dict[str, Any], demo: Path,
                                                        tmp_path: Path) -> None:
    from urllib.parse import unquote

    from docx import Document
    from openpyxl import load_workbook

    from thidua_xl.server.downloads import TEMP_PREFIX

    before = set(Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*"))
    body = payload.book_payload(tables, "demo.xlsx")
    # the new standard workbook
    r = _download(server, "new_workbook")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    (tmp_path / "mau.xlsx").write_bytes(r.content)
    assert "Cán bộ" in load_workbook(tmp_path / "mau.xlsx", read_only=True).sheetnames
    # the dossier, zipped: the same documents as `thidua report`
    r = _download(server, "dossier", body)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip", r.text
    message = unquote(r.headers["x-thidua-message"])
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = [n for n in z.namelist() if n.endswith(".docx")]
        assert names and all(n.startswith("demo_hoso/") for n in names)
        Document(io.BytesIO(z.read(names[0])))  # a real Word file
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["report", str(demo), "-o", str(tmp_path / "cli_hoso")]) == 0
    assert sorted(Path(n).name for n in names) == sorted(p.name for p in (tmp_path / "cli_hoso").rglob("*.docx"))
    # the results workbook: the sheets of `thidua check -o` then `thidua tally -o`
    r = _download(server, "results", body)
    assert r.status_code == 200
    assert unquote(r.headers["x-thidua-filename"]) == "demo_ketqua.xlsx"
    (tmp_path / "server_ketqua.xlsx").write_bytes(r.content)
    cli_out = tmp_path / "cli_ketqua.xlsx"
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli.main(["check", str(demo), "-o", str(cli_out)]) == 0
        assert cli.main(["tally", str(demo), "-o", str(cli_out)]) in (0, 1)
    a = load_workbook(tmp_path / "server_ketqua.xlsx", read_only=True)
    b = load_workbook(cli_out, read_only=True)
    assert a.sheetnames == b.sheetnames
    for name in b.sheetnames:
        assert [list(x) for x in a[name].iter_rows(values_only=True)] == [
            list(x) for x in b[name].iter_rows(values_only=True)], name
    # never a server path in a message; nothing left in the temporary folder
    assert "/" not in message and tempfile.gettempdir() not in message and "demo_hoso.zip" in message
    assert set(Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*")) == before


def test_download_errors_are_vietnamese(server: Any, tables: dict[str, Any]) -> None:
    assert _download(server, "khong_co").status_code == 404
    client, headers = server
    r = client.post("/thidua/tai-ve/dossier", content=b"not json", headers=headers)
    assert r.status_code == 400 and "không đọc được" in r.text
    bad = dict(tables)
    staff = [list(x) for x in tables["Cán bộ"]]
    staff[2][0] = staff[1][0]
    bad["Cán bộ"] = staff
    r = _download(server, "dossier", payload.book_payload(bad, "x.xlsx"))
    assert r.status_code == 400 and "Lập hồ sơ:" in r.text and "lỗi" in r.text


# ----------------------------------------------------------------------------- tokens, limits, log


def test_every_call_needs_the_schools_token(server: Any, tables: dict[str, Any]) -> None:
    from thidua_xl.server.tokens import TokenStore

    client, headers = server
    fn = payload.function_call("TDKT_TINH_TY_LE", 9, 11)
    book = payload.book_payload(tables, "demo.xlsx")
    for bad in ({}, {"Authorization": "Bearer sai", "Auth-Provider": "custom"}):
        r = client.post("/xlwings/custom-functions-call", json=fn, headers=bad)
        assert r.status_code == 401 and "mã truy cập" in r.json()["detail"]
        assert client.post("/xlwings/custom-scripts-call/check", json=book, headers=bad).status_code == 401
        assert client.post("/thidua/tai-ve/new_workbook", json={}, headers=bad).status_code == 401
    for public in ("/manifest.xml", "/taskpane.html", "/xlwings/custom-functions-meta", "/static/js/ribbon.js"):
        assert client.get(public).status_code == 200, public
    # a second school, then revoked: refused at once (the store is read on each request)
    store = TokenStore()
    other = store.add("TH Thu Hồi")
    h2 = {"Authorization": f"Bearer {other}", "Auth-Provider": "custom"}
    assert client.post("/xlwings/custom-functions-call", json=fn, headers=h2).status_code == 200
    assert store.remove("TH Thu Hồi")
    assert client.post("/xlwings/custom-functions-call", json=fn, headers=h2).status_code == 401
    stored = Path(os.environ["THIDUA_SERVER_TOKENS"]).read_text(encoding="utf-8")
    assert headers["Authorization"].split()[1] not in stored and other not in stored  # hashes only


def test_request_size_limit(server: Any) -> None:
    from fastapi.testclient import TestClient

    from thidua_xl.server.app import SizeLimit

    client, headers = server
    small = TestClient(SizeLimit(client.app.app, 4096))
    big = json.dumps(payload.function_call("TDKT_CHUAN_HOA_TEN", "x" * 10000)).encode()
    r = small.post("/xlwings/custom-functions-call", content=big, headers={**headers, "Content-Type": "application/json"})
    assert r.status_code == 413 and "quá lớn" in r.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        for i in range(0, len(big), 1000):
            yield big[i:i + 1000]

    r = small.post("/xlwings/custom-functions-call", content=chunks(), headers={**headers,
                                                                                "Content-Type": "application/json"})
    assert r.status_code == 413
    ok = json.dumps(payload.function_call("TDKT_CHUAN_HOA_TEN", "an")).encode()
    assert small.post("/xlwings/custom-functions-call", content=ok,
                      headers={**headers, "Content-Type": "application/json"}).status_code == 200


def test_the_log_holds_no_personal_data(server: Any, tables: dict[str, Any], caplog: pytest.LogCaptureFixture) -> None:
    client, headers = server
    staff = tables["Cán bộ"]
    name = next(str(r[1]) for r in staff[1:] if r and r[1])
    caplog.set_level(logging.DEBUG)
    call(server, "TDKT_GIAI_THICH", staff[1][0], "LDTT", "", ranges=[tables[n] for n in DATA_SHEETS])
    run_script(server, "check", tables)
    bad = dict(tables)
    rows = [list(r) for r in staff]
    rows[1][0] = rows[2][0]  # an input error whose message quotes the row
    bad["Cán bộ"] = rows
    run_script(server, "check", bad)
    # an unknown function named after a person: xlwings Server logs the exception
    from fastapi.testclient import TestClient

    quiet = TestClient(client.app, raise_server_exceptions=False)
    r = quiet.post("/xlwings/custom-functions-call", json=payload.function_call(name, 1), headers=headers)
    assert r.status_code >= 400
    # the alert dialog's URL carries the closing message: the access log keeps the path only
    from thidua_xl.server.app import NoPersonalData

    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", f"/xlwings/alert?prompt={name}", "1.1", 200), None)
    NoPersonalData().filter(record)
    assert name not in record.getMessage() and "/xlwings/alert" in record.getMessage()
    assert "TDKT_GIAI_THICH" in caplog.text and SCHOOL in caplog.text  # the log does say who called what
    assert name not in caplog.text
    assert str(staff[1][0]) not in caplog.text


# ----------------------------------------------------------------------------- the command


def test_serve_refuses_without_licence_or_https(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    monkeypatch.delenv("XLWINGS_LICENSE_KEY", raising=False)
    assert cli.main(["serve"]) == 2
    assert "XLWINGS_LICENSE_KEY" in capsys.readouterr().err
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2
    err = capsys.readouterr().err
    assert "HTTPS" in err and "--sau-proxy" in err
    assert cli.main(["serve", "--host", "0.0.0.0", "--cert", str(tmp_path / "c.pem")]) == 2
    assert "--key" in capsys.readouterr().err


def test_token_commands(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from thidua_xl.server.tokens import TokenStore

    monkeypatch.setenv("THIDUA_SERVER_TOKENS", str(tmp_path / "cfg" / "tokens.json"))
    assert cli.main(["serve", "token", "list"]) == 0
    assert "Chưa cấp" in capsys.readouterr().out
    assert cli.main(["serve", "token", "add", "THCS  Nguyễn Du"]) == 0
    out = capsys.readouterr().out
    token = next(w for line in out.splitlines() if "Nguyễn Du" in line for w in line.split() if len(w) > 30)
    assert TokenStore().verify(f"Bearer {token}") == "THCS Nguyễn Du"
    assert cli.main(["serve", "token", "list"]) == 0
    assert "THCS Nguyễn Du" in capsys.readouterr().out
    assert cli.main(["serve", "token", "remove", "THCS Nguyễn Du"]) == 0
    assert TokenStore().verify(token) is None
    assert cli.main(["serve", "token", "remove", "không có"]) == 2


# ----------------------------------------------------------------------------- manifest and task pane


def test_manifest_ribbon_and_urls(server: Any) -> None:
    import re
    import xml.etree.ElementTree as ET
    from urllib.parse import urlparse

    from thidua_xl.excel.actions import ACTIONS, GROUPS
    from thidua_xl.server import MANIFEST_ID
    from thidua_xl.server.addin import ribbon

    client, _ = server
    text = client.get("/manifest.xml").text
    root = ET.fromstring(text.encode("utf-8"))
    ns = {"o": "http://schemas.microsoft.com/office/appforoffice/1.1",
          "v": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
          "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
          "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    assert root.find("o:Id", ns).text == MANIFEST_ID
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", root.find("o:Version", ns).text)  # follows the package version
    # every ribbon FunctionName is associated in ribbon.js, and nothing else is
    names = [e.text for e in root.iter(f"{{{ns['v']}}}FunctionName")]
    js = client.get("/static/js/ribbon.js").text
    associated = re.findall(r'Office\.actions\.associate\("([^"]+)"', js)
    assert names and sorted(names) == sorted(associated)
    # each associated script exists and sends the sheets its script declares
    meta = {m["function_name"]: m for m in client.get("/xlwings/custom-scripts-meta").json()}
    for script, include in re.findall(r'thiduaRunScript\("([^"]+)", "([^"]*)"', js):
        assert meta[script]["include"] == include
    # the ribbon is the classic one: same groups in order, same labels, minus what a server cannot do
    labels = [e.get("DefaultValue") for e in root.iter(f"{{{ns['bt']}}}String")]
    for group in ribbon():
        assert group.label in labels and group.label in [g.label for g in GROUPS]
        for b in group.buttons:
            assert b.label in labels and b.label in [a.label for a in ACTIONS]
    # ids unique, every resid defined, Office's length limits
    controls = [c.get("id") for c in root.iter(f"{{{ns['v']}}}Control")]
    assert len(controls) == len(set(controls))
    resources = {e.get("id"): e for e in root.iter() if e.get("id") and e.tag.endswith(("String", "Url", "Image"))}
    for e in root.iter():
        if e.get("resid"):
            assert e.get("resid") in resources, e.get("resid")
    for e in root.find("v:VersionOverrides/v:Resources/bt:ShortStrings", ns):
        assert len(e.get("DefaultValue")) <= 125, e.get("id")
    for e in root.find("v:VersionOverrides/v:Resources/bt:LongStrings", ns):
        assert len(e.get("DefaultValue")) <= 250, e.get("id")
    # every URL is https on this server's own host (icons served here; no third-party host), and answers
    urls = [e.get("DefaultValue") for e in root.iter() if str(e.get("DefaultValue", "")).startswith(("http:", "https:"))]
    urls += [e.text for e in root.iter(f"{{{ns['o']}}}AppDomain")]
    assert len(urls) > 8
    for url in urls:
        parts = urlparse(url)
        assert parts.scheme == "https" and parts.hostname == "testserver", url
        assert client.get(parts.path).status_code == 200, url
    assert "xlwings.org" not in text and "MyTab" not in text


def test_taskpane_has_every_button_and_function(server: Any) -> None:
    import re
    from html.parser import HTMLParser

    from thidua_xl.server.downloads import DOWNLOADS

    client, _ = server
    html = client.get("/taskpane.html").text

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.clicks: list[str] = []
            self.downloads: list[str] = []
            self.sources: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            if a.get("xw-click"):
                self.clicks.append(str(a["xw-click"]))
            if a.get("data-thidua-download"):
                self.downloads.append(str(a["data-thidua-download"]))
            for key in ("src", "href"):
                if a.get(key):
                    self.sources.append(str(a[key]))

    c = Collect()
    c.feed(html)
    assert sorted(c.clicks) == sorted(s.action for s in SCRIPTS)
    assert sorted(c.downloads) == sorted(d.id for d in DOWNLOADS)
    for f in udf_specs():
        assert f"=THIDUA.{f.name}(" in html
    assert c.sources and all(s.startswith("/") for s in c.sources), c.sources  # nothing from another host
    assert re.search(r'lang="vi"', html) and "Mã truy cập" in html


# ----------------------------------------------------------------------------- the real server


@pytest.mark.slow
def test_thidua_serve_answers_on_localhost(tmp_path: Path) -> None:
    """Done when (issue 19): `thidua serve` on 127.0.0.1 answers /manifest.xml, the custom-functions metadata
    (all TDKT_ functions), a TDKT_XET call and a check script call on the demo workbook with the CLI's results."""
    import httpx

    from thidua_xl.server.local import running
    from thidua_xl.server.tokens import TokenStore
    from thidua_xl.views import check as check_view
    from thidua_xl.workbook.results import layout, typed_text

    demo = Path(__file__).resolve().parents[1] / "workbooks" / "demo_thcs.xlsx"
    token = TokenStore(tmp_path / "tokens.json").add("THCS Demo")
    log = tmp_path / "server.log"
    headers = {"Authorization": f"Bearer {token}", "Auth-Provider": "custom"}
    with running(tmp_path / "tokens.json", log) as base:
        manifest = httpx.get(base + "/manifest.xml", timeout=30)
        assert manifest.status_code == 200 and "<OfficeApp" in manifest.text
        meta = httpx.get(base + "/xlwings/custom-functions-meta", timeout=30).json()
        assert sorted(f["name"] for f in meta["functions"]) == sorted(s.name for s in udf_specs())
        tables = FileBook(demo).read_tables()
        with contextlib.redirect_stdout(io.StringIO()) as buf:
            assert cli.main(["check", str(demo), "--json", "--khong-ghi"]) == 0
        rows = json.loads(buf.getvalue())["ca_nhan"]
        for r in (next(x for x in rows if x["du_dieu_kien"]), next(x for x in rows if not x["du_dieu_kien"])):
            body = payload.function_call("TDKT_XET", r["ma"], r["danh_hieu"], "",
                                         ranges=[tables[n] for n in DATA_SHEETS])
            got = httpx.post(base + "/xlwings/custom-functions-call", json=body, headers=headers, timeout=60)
            assert got.status_code == 200 and got.json() == {"result": [[r["du_dieu_kien"]]]}, got.text
        spec = next(s for s in SCRIPTS if s.action == "check")
        body = payload.book_payload(tables, demo.name, include=spec.include)
        got = httpx.post(base + "/xlwings/custom-scripts-call/check", json=body, headers=headers, timeout=120)
        assert got.status_code == 200, got.text
        import thidua_xl

        want = {t.name: [["" if v is None else typed_text(v) for v in row + [None] * (layout(t).width - len(row))]
                         for row in layout(t).grid] for t in check_view.to_tables(thidua_xl.check(demo))}
        assert _grids(got.json()["actions"]) == want
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "custom-scripts-call/check" in text  # the access log is on
    staff = tables["Cán bộ"]
    assert not [str(r[1]) for r in staff[1:] if r and r[1] and str(r[1]) in text]  # no staff name in the log


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (cryptography comes with the server extra)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.mark.slow
def test_thidua_serve_over_https(tmp_path: Path) -> None:
    """With --cert/--key the server answers over TLS (here a self-signed certificate for 127.0.0.1), and the
    manifest's URLs are https on the host the request named."""
    import httpx

    from thidua_xl.server.local import running
    from thidua_xl.server.tokens import TokenStore

    cert, key = _self_signed(tmp_path)
    token = TokenStore(tmp_path / "tokens.json").add("THCS TLS")
    with running(tmp_path / "tokens.json", tmp_path / "server.log", "--cert", str(cert), "--key", str(key)) as base:
        assert base.startswith("https://")
        with httpx.Client(verify=str(cert), timeout=30) as client:
            manifest = client.get(base + "/manifest.xml").text
            assert f'<SourceLocation DefaultValue="{base}/taskpane.html" />' in manifest
            r = client.post(base + "/xlwings/custom-functions-call", json=payload.function_call("TDKT_TINH_TY_LE", 9, 11),
                            headers={"Authorization": f"Bearer {token}", "Auth-Provider": "custom"})
            assert r.json() == {"result": [[81.82]]}


def test_docs_server_md_names_every_function_and_button() -> None:
    from thidua_xl.server.addin import ribbon

    text = (Path(__file__).resolve().parents[1] / "docs" / "server.md").read_text(encoding="utf-8")
    for f in udf_specs():
        assert f"`=THIDUA.{f.name}`" in text and f"`={f.name}`" in text, f.name
    for group in ribbon():
        for b in group.buttons:
            assert f"**{b.label}**" in text, b.label
