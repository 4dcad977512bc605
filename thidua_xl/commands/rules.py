"""``thidua rules``: the rule set of a regime or school year, each value with its citation and tag."""

from __future__ import annotations

import argparse

from thidua_xl.cli import EXIT_OK
from thidua_xl.commands._common import print_table
from thidua_xl.core.rules import load_ruleset, regime_for_school_year, tag_label
from thidua_xl.messages import t
from thidua_xl.views.rules_doc import (
    authority_rows,
    instruments_rows,
    regimes_rows,
    render_rules_doc,
    value_text,
)

NAME = "rules"
ORDER = 70
HELP = "Xem bộ quy định áp dụng, có căn cứ và độ tin cậy (show the rule set with citations)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--nam-hoc", dest="school_year", default=None, help="năm học, ví dụ 2024-2025 (school year)")
    p.add_argument("--che-do", dest="regime", default=None, help="chế độ 2017/2024/2025 (regime)")
    p.add_argument("--markdown", action="store_true", help="in toàn bộ docs/rules.md (print the full document)")


def run(args: argparse.Namespace) -> int:
    if args.markdown:
        print(render_rules_doc(), end="")
        return EXIT_OK
    regime = args.regime or regime_for_school_year(args.school_year or "2025-2026")
    rs = load_ruleset(regime)
    print_table(t("rules.regimes.title"), t("rules.regimes.head").split("|"), regimes_rows())
    print_table(t("rules.instruments.title"), t("rules.instruments.head").split("|"), instruments_rows())
    print_table(f"Chế độ {regime}: {rs.label}", ["Tham số", "Giá trị", "Từ ngày", "Căn cứ", "Độ tin cậy", "Nội dung"],
                [[k, value_text(p.value), f"{p.since:%d/%m/%Y}", str(p.cite), tag_label(p.tag), p.label]
                 for k, p in sorted(rs.params.items())])
    print_table(t("rules.authority.title", regime=regime), t("rules.authority.head").split("|"), authority_rows(rs))
    return EXIT_OK
