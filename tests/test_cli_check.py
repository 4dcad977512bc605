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
