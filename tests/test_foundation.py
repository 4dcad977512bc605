"""Foundation: Vietnamese text handling, the rule-set loader, messages, the CLI shell."""

from __future__ import annotations

import datetime as dt
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from thidua_xl import cli, text
from thidua_xl.core import rules
from thidua_xl.core.model import Override, SourceRef
from thidua_xl.messages import catalogue, t

# ---------------------------------------------------------------- text


def test_clean_normalises_nfd_spaces_and_eth() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn  Thị\u00a0Hồng\u200b ")
    assert text.clean(nfd) == "Nguyễn Thị Hồng"
    assert unicodedata.is_normalized("NFC", text.clean(nfd))
    assert text.clean("\u00d0ặng") == "Đặng"
    assert text.clean(None) == ""


def test_normalize_name_capitalises_each_word() -> None:
    assert text.normalize_name("  nguyễn  THỊ hồng ") == "Nguyễn Thị Hồng"
    assert text.normalize_name("đỗ ĐỨC anh") == "Đỗ Đức Anh"


def test_vietnamese_collation_letters_then_tones() -> None:
    # CLDR vi: ă, â, đ, ê, ô, ơ, ư are letters; tones are secondary (huyền < hỏi < ngã < sắc < nặng).
    words = ["Bình", "Ân", "An", "Ăn", "Dũng", "Đức", "Hai", "Hà", "Hài", "Hải", "Hãi", "Hái", "Hại"]
    assert sorted(words, key=text.vi_key) == [
        "An", "Ăn", "Ân", "Bình", "Dũng", "Đức", "Hà", "Hai", "Hài", "Hải", "Hãi", "Hái", "Hại",
    ]
    assert sorted(["Ơn", "Ôn", "On", "Ưng", "Ung"], key=text.vi_key) == ["On", "Ôn", "Ơn", "Ung", "Ưng"]


def test_name_order_is_ten_then_dem_then_ho() -> None:
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Phạm Thị Ánh", "Đỗ Thu An"]
    assert text.sort_names(names) == [
        "Nguyễn Thị An", "Đỗ Thu An", "Lê Văn An", "Phạm Thị Ánh", "Trần Văn Bình",
    ]
    assert text.split_name("Nguyễn Thị Thu Hà") == ("Nguyễn", "Thị Thu", "Hà")


@given(st.lists(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậ ", max_size=8), max_size=12))
def test_collation_is_a_total_order_invariant_to_nfd(words: list[str]) -> None:
    nfd = [unicodedata.normalize("NFD", w) for w in words]
    assert [text.clean(w) for w in sorted(nfd, key=text.vi_key)] == [
        text.clean(w) for w in sorted(words, key=text.vi_key)
    ]


# ---------------------------------------------------------------- rules loader


def test_regime_is_chosen_by_school_year() -> None:
    assert rules.regime_for_school_year("2020-2021") == "2017"
    assert rules.regime_for_school_year("2022-2023") == "2017"
    assert rules.regime_for_school_year("2023-2024") == "2024"
    assert rules.regime_for_school_year("2024-2025") == "2024"
    assert rules.regime_for_school_year("2025-2026") == "2025"
    with pytest.raises(rules.RuleSetError):
        rules.regime_for_school_year("2024-2026")


def test_every_param_of_every_regime_is_dated_cited_and_tagged() -> None:
    for regime in rules.available_regimes():
        rs = rules.load_ruleset(regime)
        assert rs.params, regime
        for key, p in rs.params.items():
            assert isinstance(p.since, dt.date), key
            assert p.cite.doc.strip(), key
            assert p.tag in rules.TAGS, key


def test_every_yaml_param_declares_since_cite_and_tag() -> None:
    """Reads the files themselves, so a value added without citation fails here."""
    for path in sorted(rules.DATA_DIR.glob("*/*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, spec in (doc.get("params") or {}).items():
            for field in ("since", "cite", "tag", "type", "value"):
                assert field in spec, f"{path.name}:{key} lacks {field}"
            assert str(spec["cite"].get("doc", "")).strip(), f"{path.name}:{key} lacks cite.doc"


def test_inherited_values_are_marked_unverified() -> None:
    rs = rules.load_ruleset("2025")
    inherited = [p for p in rs.params.values() if p.inherited_from]
    for p in inherited:
        assert p.tag in ("UNVERIFIED", "GAP")
        assert "chưa kiểm chứng" in p.note
    assert rs["basis.lines"].inherited_from == ""  # 2025 defines its own căn cứ
    assert any("152/2025" in line for line in rs.value("basis.lines"))
    assert not any("98/2023" in line for line in rs.value("basis.lines"))


def test_override_is_applied_and_explained() -> None:
    ov = Override("authority.default", "Chủ tịch UBND thành phố {commune}", "tỉnh", "QĐ 12/2025/QĐ-UBND, Điều 3",
                  source=SourceRef("Quy định riêng", 4))
    rs = rules.load_ruleset("2024", [ov])
    p = rs["authority.default"]
    assert p.value == "Chủ tịch UBND thành phố {commune}"
    assert p.override is not None and p.override.row == 4
    assert "QĐ 12/2025/QĐ-UBND" in p.citation_text and "Luật 06/2022/QH15" in p.citation_text
    assert p.tag_text == "điều chỉnh theo Quy định riêng" and p.tag_code == "OVERRIDDEN"
    # The base rule set is not modified by an override.
    assert rules.load_ruleset("2024")["authority.default"].override is None


def test_override_of_unknown_key_is_a_vietnamese_error() -> None:
    with pytest.raises(rules.RuleSetError, match="không có tham số"):
        rules.load_ruleset("2024", [Override("khong.ton.tai", "1", source=SourceRef("Quy định riêng", 2))])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("70%", Fraction(7, 10)), ("2/3", Fraction(2, 3)), ("0,7", Fraction(7, 10)), (1, Fraction(1)),
     ("66,67%", Fraction(6667, 10000))],
)
def test_parse_fraction_is_exact(raw: object, expected: Fraction) -> None:
    assert rules.parse_fraction(raw) == expected


def test_threshold_comparators_are_exact() -> None:
    ge = rules.parse_value("threshold", {"ratio": "70%", "comparator": ">=", "base": "valid_ballots"})
    gt = rules.parse_value("threshold", "50% > total_members")
    assert ge.passes(7, 10) and not ge.passes(69, 100) and ge.passes(70, 100)
    assert not gt.passes(5, 10) and gt.passes(6, 10)
    assert gt.base == "total_members"
    with pytest.raises(rules.RuleSetError):
        rules.parse_value("threshold", {"ratio": "70%", "comparator": "=>", "base": "valid_ballots"})


def test_malformed_param_file_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "9999").mkdir()
    (tmp_path / "regimes.yaml").write_text(
        'regimes:\n  - {id: "9999", first_school_year: "2099-2100", applies_from: 2099-01-01}\n', encoding="utf-8")
    (tmp_path / "9999" / "x.yaml").write_text(
        "params:\n  a.b:\n    type: int\n    value: 6\n    since: 2099-01-01\n    tag: SECONDARY\n", encoding="utf-8")
    monkeypatch.setattr(rules, "DATA_DIR", tmp_path)
    rules.regimes_table.cache_clear()
    rules._load_base.cache_clear()
    try:
        with pytest.raises(rules.RuleSetError, match="thiếu cite"):
            rules.load_ruleset("9999")
    finally:
        rules.regimes_table.cache_clear()
        rules._load_base.cache_clear()


# ---------------------------------------------------------------- messages and CLI shell


def test_messages_are_vietnamese_with_diacritics() -> None:
    cat = catalogue()
    assert len(cat) > 5
    def has_diacritic(ch: str) -> bool:
        return ch in "đĐ" or (ch.isalpha() and len(unicodedata.normalize("NFD", ch)) > 1)

    for key, template in cat.items():
        if len(template) <= 12:  # labels such as "Nam", "…" need no diacritics
            continue
        assert any(has_diacritic(ch) for ch in template), key
    assert "3 lỗi" in t("common.has_errors", n=3, path="a.xlsx")


def test_cli_help_is_bilingual(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "Cách dùng (usage)" in out and "thi đua" in out and "Emulation" in out
    assert "Mã thoát (exit codes)" in out


def test_cli_bad_option_exits_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["khong-co-lenh-nay"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "lỗi (error)" in err and "Traceback" not in err


def test_docs_rules_md_is_generated_from_the_rule_sets() -> None:
    from thidua_xl.views.rules_doc import render_rules_doc

    committed = (Path(__file__).parents[1] / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_rules_doc(), "run: thidua rules --markdown > docs/rules.md"
