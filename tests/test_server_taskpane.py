"""The task pane opened in headless Chromium (Debian's `chromium`, driven by Playwright with the system
browser: no browser download) against a real `thidua serve`, with Office.js replaced by a stub that records
what registers: every ribbon button's function, every THIDUA.TDKT_ custom function, xlwings' task-pane
buttons; then the school's token is saved and a file is downloaded from the pane. Skipped, with the reason,
where Chromium, Playwright, the server extra or the licence key is missing."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next((p for p in (os.environ.get("THIDUA_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser"), shutil.which("google-chrome")) if p), None)
if importlib.util.find_spec("xlwings_server") is None or importlib.util.find_spec("httpx") is None:
    pytest.skip("the server extra is not installed: pip install -e '.[server]'", allow_module_level=True)
if not os.environ.get("XLWINGS_LICENSE_KEY"):
    pytest.skip("xlwings Server needs XLWINGS_LICENSE_KEY=noncommercial (make test sets it)", allow_module_level=True)
if importlib.util.find_spec("playwright") is None:
    pytest.skip("Playwright is not installed (pip install playwright; the test uses the system Chromium)",
                allow_module_level=True)
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine: apt-get install chromium (.ci/run installs it), or set "
                "THIDUA_CHROMIUM to a Chrome/Chromium executable", allow_module_level=True)

# Office.js for a page outside Excel: records Office.actions.associate and CustomFunctions.associate; Excel.run
# is not available (nothing here needs a workbook).
OFFICE_STUB = """
window.__thidua = { actions: [], functions: [] };
(function () {
  const info = { host: "Excel", platform: "PC" };
  window.Office = {
    onReady: function (callback) { if (callback) { callback(info); } return Promise.resolve(info); },
    context: {
      requirements: { isSetSupported: function () { return true; } },
      platform: "PC",
      diagnostics: { version: "stub", platform: "PC" },
      ui: { displayDialogAsync: function () {} },
    },
    actions: { associate: function (name) { window.__thidua.actions.push(name); } },
    AsyncResultStatus: { Failed: "failed", Succeeded: "succeeded" },
    EventType: {},
    HostType: { Excel: "Excel" },
  };
  window.CustomFunctions = {
    associate: function (name) { window.__thidua.functions.push(name); },
    Error: function () {},
    ErrorCode: { invalidValue: "#VALUE!" },
  };
  window.Excel = {
    run: function () { return Promise.reject(new Error("Excel.run: no workbook in this test")); },
    RequestContext: function () {  // the culture xlwings reads when it loads: Vietnamese, dd/MM/yyyy
      this.application = { cultureInfo: { name: "vi-VN", load: function () {},
        datetimeFormat: { shortDatePattern: "dd/MM/yyyy", load: function () {} } } };
      this.sync = function () { return Promise.resolve(); };
    },
  };
})();
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    from thidua_xl.server.local import running
    from thidua_xl.server.tokens import TokenStore

    folder = tmp_path_factory.mktemp("served")
    token = TokenStore(folder / "tokens.json").add("THCS Trình Duyệt")
    with running(folder / "tokens.json", folder / "server.log") as base:
        yield base, token


def test_taskpane_registers_buttons_and_functions_in_chromium(served: tuple[str, str], tmp_path: Path) -> None:
    import httpx
    from playwright.sync_api import sync_playwright

    from thidua_xl.excel.udfspec import udf_specs
    from thidua_xl.server.downloads import DOWNLOADS
    from thidua_xl.server.scripts import SCRIPTS

    base, token = served
    manifest = httpx.get(base + "/manifest.xml", timeout=30).text
    ribbon_functions = re.findall(r"<FunctionName>([^<]+)</FunctionName>", manifest)
    assert ribbon_functions
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            page = browser.new_page(accept_downloads=True)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.route("**/office.js", lambda route: route.fulfill(status=200, content_type="text/javascript",
                                                                   body=OFFICE_STUB))
            page.goto(base + "/taskpane.html")
            page.wait_for_function(
                "n => window.__thidua.functions.length >= n && document.querySelectorAll('[xw-click-initialized]')"
                ".length > 0", arg=len(udf_specs()), timeout=30000)
            registered: dict[str, Any] = page.evaluate("window.__thidua")
            # every ribbon FunctionName of the manifest is associated; every TDKT_ function registered
            assert sorted(registered["actions"]) == sorted(ribbon_functions)
            assert sorted(registered["functions"]) == sorted(s.name for s in udf_specs())
            # xlwings wired every script button; every download button is there, in Vietnamese
            wired = page.eval_on_selector_all("[xw-click-initialized]",
                                              "els => els.map(e => e.getAttribute('xw-click'))")
            assert sorted(wired) == sorted(s.action for s in SCRIPTS)
            for d in DOWNLOADS:
                assert page.is_visible(f"#tp_dl_{d.id}")
            assert page.inner_text("#thidua-token-state") == "Chưa có mã truy cập."
            # without the token the server says so; with it, the new standard workbook comes back as a download
            page.click("#tp_dl_new_workbook")
            page.wait_for_function("document.getElementById('thidua-message').className.includes('text-danger')")
            assert "mã truy cập" in page.inner_text("#thidua-message")
            page.fill("#thidua-token", token)
            page.click("#thidua-token-save")
            assert page.inner_text("#thidua-token-state") == "Đã lưu mã truy cập."
            page.click("#tp_dl_new_workbook")
            link = page.wait_for_selector("#thidua-downloads a", timeout=30000)
            assert link.get_attribute("download") == "mau_thidua.xlsx"
            assert "Đã tạo sổ tính chuẩn mau_thidua.xlsx" in page.inner_text("#thidua-message")
            with page.expect_download() as info:
                link.click()
            saved = tmp_path / "mau.xlsx"
            info.value.save_as(saved)
            assert zipfile.is_zipfile(saved) and "xl/workbook.xml" in zipfile.ZipFile(saved).namelist()
        finally:
            browser.close()
    assert not errors, errors
