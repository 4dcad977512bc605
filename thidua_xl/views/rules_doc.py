"""docs/rules.md, generated from the rule sets (a test keeps the committed file equal to this)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from thidua_xl.core import authority
from thidua_xl.core.model import Title
from thidua_xl.core.rules import (
    Threshold,
    available_regimes,
    instruments,
    load_ruleset,
    regimes_table,
    tag_label,
)
from thidua_xl.messages import t
from thidua_xl.vocabulary import title_label

BASE_TEXT = {"total_members": "tổng số thành viên", "present_plus_written": "có mặt + ý kiến bằng văn bản",
             "valid_ballots": "số phiếu hợp lệ"}


def value_text(v: Any) -> str:
    if isinstance(v, Threshold):
        return f"{'≥' if v.comparator == '>=' else '>'} {_pct(v.ratio)} {BASE_TEXT[v.base]}"
    if isinstance(v, Fraction):
        return _pct(v)
    if isinstance(v, bool):
        return "có" if v else "không"
    if isinstance(v, tuple):
        return "; ".join(str(x) for x in v) if len(v) < 8 else f"{len(v)} dòng"
    return str(v) if v != "" else "(trống)"


def _pct(f: Fraction) -> str:
    x = f * 100
    return (str(int(x)) if x.denominator == 1 else f"{float(x):.2f}".replace(".", ",")) + "%"


def render_rules_doc() -> str:
    out = [
        "# Bộ quy định (rule sets)",
        "",
        "*Generated from `thidua_xl/core/rules/data/` by `thidua rules --markdown > docs/rules.md`. Every value has "
        "the date from which it applies, its citation and a confidence tag (VERIFIED, SECONDARY, UNVERIFIED, GAP, "
        "LOCAL). A school or province overrides any value in the sheet \"Quy định riêng\" (column Mã tham số = "
        "the key below); every explanation then marks it as ĐIỀU CHỈNH with the school's citation.*",
        "",
        "Chế độ được chọn theo ngày xét hồ sơ (ngày xét, nếu không có thì ngày họp Hội đồng ở trang \"Thông tin "
        "chung\"); năm học chỉ cho chế độ mặc định khi không có ngày: `2017` đến 2022-2023; `2024` cho 2023-2024 và "
        "2024-2025; `2025` từ 2025-2026. `--che-do` vẫn chọn được một chế độ. Giá trị của `2025` chưa kiểm chứng được "
        "kế thừa từ `2024` và ghi \"chưa kiểm chứng\". Căn cứ của một văn bản không còn (hoặc chưa có) hiệu lực vào "
        "ngày xét không bao giờ được in: giá trị đó áp dụng như quy chế của đơn vị.",
        "",
        "Quy ước tính ngày: số tháng công tác là số tháng tròn từ ngày tuyển dụng đến ngày xét (dưới 6 tháng mới "
        "bị loại, đúng 6 tháng là đủ); Kỷ niệm chương tính từ ngày vào ngành, lùi ngày bắt đầu thêm số ngày bị kỷ "
        "luật, sớm hơn số năm đi học/nghĩa vụ quân sự, đủ khi tròn số năm vào đúng hoặc trước ngày xét; chuỗi "
        "'liên tục' kết thúc ở năm đang xét (kết quả năm nay được tính) và năm làm gián đoạn được nêu trong lý do.",
        "",
    ]
    out += instruments_lines() + regimes_lines()
    for regime in available_regimes():
        rs = load_ruleset(regime)
        out += [f"## Chế độ {regime}", "", rs.label, "",
                "| Tham số | Giá trị | Từ ngày | Căn cứ | Độ tin cậy | Nội dung |", "|---|---|---|---|---|---|"]
        for key in sorted(rs.params):
            p = rs.params[key]
            label = p.label.replace("|", "/")
            note = f" — {p.note}" if p.note and not p.inherited_from else ""
            out.append(f"| `{key}` | {value_text(p.value).replace('|', '/')} | {p.since:%d/%m/%Y} | {p.cite} | "
                       f"{tag_label(p.tag)} | {label}{note.replace('|', '/')} |")
        out.append("")
        out += ["#" + line if line.startswith("## ") else line
                for line in _md(t("rules.authority.title", regime=regime), t("rules.authority.head"),
                                authority_rows(rs))]
    out += ["## Mã lý do (reason codes)", "", "| Mã | Ý nghĩa |", "|---|---|"]
    out += [f"| `{code}` | {text} |" for code, text in REASON_CODES.items()]
    out.append("")
    return "\n".join(out)


def _d(d: object) -> str:
    return f"{d:%d/%m/%Y}" if d else t("rules.instruments.open")


def instruments_rows() -> list[list[str]]:
    """One row per cited text: its dates of force, successor, confidence (Vietnamese) and source."""
    return [[i.id, _d(i.start), _d(i.until), i.replaced_by or "—", tag_label(i.tag),
             i.source + (f" {i.note}" if i.note else "")] for i in instruments()]


def regimes_rows() -> list[list[str]]:
    """One row per regime: the consideration dates it applies to, the default school year, the cited boundary."""
    rows = []
    for r in regimes_table():
        cite = r.get("applies_from_cite") or {}
        where = " ".join(x for x in (cite.get("clause", ""), cite.get("article", ""), cite.get("doc", "")) if x)
        rows.append([str(r["id"]), _d(r["applies_from"]), _d(r.get("applies_to")), str(r["first_school_year"]),
                     where or "—", tag_label(str(r.get("applies_from_tag", "UNVERIFIED")))])
    return rows


def _md(title: str, head: str, rows: list[list[str]]) -> list[str]:
    cols = head.split("|")
    return [f"## {title}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)] + [
        "| " + " | ".join(c.replace("|", "/") for c in row) + " |" for row in rows] + [""]


def authority_rows(rs: Any) -> list[list[str]]:
    """Who decides each title under a rule set (``authority.yaml``): the level, its citation and confidence."""
    rows = []
    for title in Title:
        level = authority.level_of(rs, title)
        p = rs.params.get(f"authority.{level}.titles")
        if level == "local":
            name = t("rules.authority.local_district" if rs.get("authority.district_level", True)
                     else "rules.authority.local_commune")
        else:
            name = str(rs.get(f"authority.{level}", "…")).replace("{province}", t("rules.authority.province"))
        rows.append([title_label(title), name, str(p.cite) if p else "—", tag_label(p.tag) if p else "—"])
    return rows


def instruments_lines() -> list[str]:
    return _md(t("rules.instruments.title"), t("rules.instruments.head"), instruments_rows())


def regimes_lines() -> list[str]:
    return _md(t("rules.regimes.title"), t("rules.regimes.head"), regimes_rows())


REASON_CODES = {
    "NOT_REGISTERED": "không đăng ký thi đua danh hiệu đó đầu năm",
    "RATING": "xếp loại năm học thấp hơn mức cần",
    "NEW_HIRE": "mới tuyển dụng dưới số tháng tối thiểu",
    "TOO_LITTLE_WORK": "nghỉ nhiều, số tháng làm việc dưới mức trường quy định",
    "DISCIPLINE": "bị kỷ luật từ mức loại trừ trở lên trong năm xét",
    "PENDING_DISCIPLINE": "đang bị xem xét kỷ luật, thanh tra, điều tra",
    "NO_HTXSNV_OR_INITIATIVE": "CSTĐCS (2024): không HTXSNV và không có sáng kiến/đề tài",
    "NO_INITIATIVE": "CSTĐCS (2017): không có sáng kiến/đề tài",
    "CONSECUTIVE_CSTDCS": "chưa đủ số lần CSTĐCS liên tục (nêu năm gián đoạn)",
    "CONSECUTIVE_CSTD_TINH": "chưa đủ số lần CSTĐ tỉnh liên tục",
    "INITIATIVE_SCOPE": "không có sáng kiến/đề tài đủ phạm vi ảnh hưởng",
    "CONSECUTIVE": "bằng khen: chưa đủ CSTĐCS hoặc HTXSNV liên tục",
    "INITIATIVES": "chưa đủ số sáng kiến/đề tài (cùng loại khi quy định)",
    "ACHIEVEMENT": "bằng khen tỉnh/Bộ: không có thành tích (trang Thành tích) đạt phương án khác",
    "NO_PRIOR_BANG_KHEN": "BK Thủ tướng: chưa có bằng khen tỉnh/bộ",
    "RATING_RUN": "BK Thủ tướng: chưa đủ số năm liên tục đạt mức xếp loại",
    "CSTDCS_COUNT": "BK Thủ tướng: chưa đủ số lần CSTĐCS trong thời gian đó",
    "NO_ACHIEVEMENT": "Giấy khen: chưa ghi nhận thành tích xuất sắc",
    "KNC_ALREADY": "đã được tặng Kỷ niệm chương",
    "NO_SECTOR_DATE": "thiếu ngày vào ngành",
    "SERVICE_YEARS": "chưa đủ số năm công tác trong ngành",
    "DISCIPLINE_WAIT": "KNC (2017): chưa hết thời gian chờ sau kỷ luật",
    "LDTT_SHARE": "tập thể: tỷ lệ LĐTT chưa đạt",
    "MEMBER_DISCIPLINE": "tập thể: có thành viên bị kỷ luật từ mức loại trừ",
    "MEMBER_NOT_COMPLETE": "TTLĐXS: chưa 100% thành viên hoàn thành nhiệm vụ",
    "NO_CSTDCS_MEMBER": "TTLĐXS: không có thành viên đạt CSTĐCS",
    "TEAM_RATING": "TTLĐXS: tập thể chưa hoàn thành xuất sắc nhiệm vụ",
}
