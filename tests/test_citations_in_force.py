"""No text cited outside its time (issue 13, point 5): every citation a dossier prints for a consideration
date names only instruments in force on that date (instruments.yaml), for every date from 2018 to 2027."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua_xl.core import rules
from thidua_xl.core.rules import Instrument, RuleSet

DATES = sorted({dt.date(y, m, 1) for y in range(2018, 2028) for m in (1, 7)}
               | {d + dt.timedelta(days=k) for i in rules.instruments() for d in (i.start, i.until) if d
                  for k in (-1, 0) if dt.date(2018, 1, 1) <= d <= dt.date(2027, 12, 31)}
               | {dt.date(2025, 7, 15), dt.date(2024, 1, 1), dt.date(2023, 12, 31), dt.date(2025, 6, 30)})


def school_year_of(d: dt.date) -> str:
    """The school year whose results a date considers: the one ending in the date's year."""
    return f"{d.year - 1}-{d.year}"


def printed(rs: RuleSet) -> list[tuple[str, str]]:
    """(where, text) of everything a dossier may print that names a legal text."""
    out = [("label", part) for part in rs.label.split(", ")]
    for key, p in rs.params.items():
        out += [(f"{key} (căn cứ)", part) for part in p.citation_text.split(";")]
        if p.type == "codes" and key == "basis.lines":
            out += [(f"{key} (dòng)", line) for line in p.value]
        elif p.type == "text" and key.startswith(("forms.", "authority.")):
            out.append((f"{key} (giá trị)", p.value))
    return out


def out_of_force(rs: RuleSet, on: dt.date) -> list[str]:
    bad = []
    for where, text in printed(rs):
        inst: Instrument | None = rules.instrument_named(text)
        if inst is not None and not inst.in_force(on):
            bad.append(f"{where}: {inst.id} — {text}")
    return bad


@pytest.mark.parametrize("on", DATES, ids=[d.isoformat() for d in DATES])
def test_every_citation_printed_for_a_consideration_date_is_in_force(on: dt.date) -> None:
    rs = rules.ruleset_for(school_year_of(on), consideration_date=on)
    assert rs.choice is not None and rs.choice.date == on and rs.on == on
    assert rs.regime == rules.regime_for_date(on)
    assert out_of_force(rs, on) == []


@pytest.mark.parametrize("regime", ["2017", "2024", "2025"])
def test_a_forced_regime_cites_what_was_in_force_when_it_applied(regime: str) -> None:
    for on in DATES:
        rs = rules.ruleset_for(school_year_of(on), consideration_date=on, regime=regime)
        assert rs.regime == regime and rs.choice is not None and rs.choice.basis == "forced"
        assert out_of_force(rs, rs.on) == [], (regime, on)


def test_every_cited_text_has_dates_of_force_or_is_the_units_own_rule() -> None:
    own = rules.own_rule_markers()
    for regime in rules.available_regimes():
        for key, p in rules.load_ruleset(regime).params.items():
            for part in p.cite.doc.split(";"):
                assert rules.instrument_named(part) is not None or any(w in part for w in own), (regime, key, part)


def test_the_known_cases() -> None:
    # TT 35/2015/TT-BGDĐT was replaced by TT 22/2018 from 14/10/2018: the 2017 thresholds stand as the
    # unit's own rule afterwards, and the "Căn cứ" lines name the circular then in force.
    before = rules.ruleset_for("2017-2018", consideration_date=dt.date(2018, 5, 31))
    after = rules.ruleset_for("2018-2019", consideration_date=dt.date(2019, 5, 31))
    assert before["vote.threshold.LDTT"].cite.doc == "TT 35/2015/TT-BGDĐT"
    assert after["vote.threshold.LDTT"].tag == "GAP" and "35/2015" not in after["vote.threshold.LDTT"].citation_text
    assert "TT 35/2015/TT-BGDĐT không có hiệu lực ngày 31/05/2019" in after["vote.threshold.LDTT"].note
    assert any("22/2018/TT-BGDĐT" in line for line in after.value("basis.lines"))
    assert not any("35/2015" in line or "21/2020" in line for line in after.value("basis.lines"))
    # a 2025 overridden quota does not name NĐ 98/2023 as its original source
    from thidua_xl.core.model import Override

    rs = rules.ruleset_for("2025-2026", [Override("vote.quota.CSTDCS", "15% LDTT", "trường", "Quy chế, Điều 5")],
                           consideration_date=dt.date(2026, 5, 25))
    assert "98/2023" not in rs["vote.quota.CSTDCS"].citation_text
    assert "Luật 06/2022/QH15" in rs["vote.quota.CSTDCS"].citation_text
    # TT 01/2024/TT-BNV was replaced by TT 15/2025/TT-BNV: never cited for a 2025 dossier
    assert "01/2024" not in rs["ldtt.min_service_months"].citation_text


def test_the_regime_follows_the_consideration_date() -> None:
    choose = rules.choose_regime
    assert choose("2024-2025", dt.date(2025, 7, 15)).regime == "2025"  # NĐ 152/2025 in force 01/07/2025
    assert choose("2024-2025", dt.date(2025, 6, 30)).regime == "2024"
    assert choose("2022-2023", dt.date(2023, 12, 31)).regime == "2017"  # Luật 06/2022 from 01/01/2024
    assert choose("2022-2023", dt.date(2024, 1, 1)).regime == "2024"
    c = choose("2024-2025", None, dt.date(2025, 7, 10))
    assert (c.regime, c.basis, c.text) == ("2025", "meeting_date", "Chế độ 2025 theo ngày họp Hội đồng 10/07/2025")
    c = choose("2024-2025", dt.date(2025, 7, 20), dt.date(2025, 7, 10))
    assert (c.basis, c.date) == ("consideration_date", dt.date(2025, 7, 20))
    c = choose("2025-2026", None, None)
    assert (c.regime, c.basis, c.date) == ("2025", "school_year", None)
    c = choose("2024-2025", dt.date(2025, 7, 15), forced="2024")  # --che-do still forces one
    assert (c.regime, c.basis, c.on) == ("2024", "forced", dt.date(2025, 6, 30))
    # a date of another school year (a workbook considered as another year) leaves the choice to the year
    assert choose("2025-2026", dt.date(2025, 5, 31)).basis == "school_year"
