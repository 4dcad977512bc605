"""The tally as people and programs read it: the JSON of ``thidua tally --json``, the summary lines and the
result sheets "Kết quả kiểm phiếu" and "Đối chiếu phiếu"."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from thidua_xl.core.model import ListApproval, TallyResult
from thidua_xl.core.rules import tag_code_of
from thidua_xl.core.tally import vocab
from thidua_xl.messages import t
from thidua_xl.text import format_percent, percent_value
from thidua_xl.views.table import ResultTable
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import schema


def _pct_number(share: Fraction) -> float:
    return float(percent_value(share))


def approval_verdict(a: ListApproval) -> str:
    """"thông qua", "không thông qua (…)", "chưa thông qua (… túc số)" or "… (thư ký ghi)"."""
    if a.approved is None:
        return t("tally.approval.unrecorded")
    if a.approved:
        return t("tally.approval.approved")
    return t("tally.approval.rejected" if a.threshold_passed is False else "tally.approval.no_quorum")


def approval_line(a: ListApproval) -> str:
    """The biên bản's sentence for a list approved without a secret ballot: how, with how many, the threshold and
    the result; the number in favour left as "…" when it was not recorded."""
    unit = t("tally.approval.unit_team" if a.title.is_team else "tally.approval.unit_person")
    listed = (t("tally.approval.listed", n=a.listed, unit=unit) if a.listed is not None
              else t("tally.approval.listed_unknown"))
    share = a.share
    return t("tally.approval.line", title=title_label(a.title.value), listed=listed,
             method=t(f"tally.method.{a.method}"), approvals="…" if a.approvals is None else a.approvals,
             base=a.base_count, pct=format_percent(share) if share is not None else "…%",
             threshold=a.threshold_text, verdict=approval_verdict(a))


def approval_hint(a: ListApproval) -> str:
    """Where the secretary records the number in favour ("" when recorded or not a title with its own field)."""
    key = {"LDTT": "approvals_ldtt", "TTLDTT": "approvals_ttldtt"}.get(a.title.value)
    if a.approvals is not None or key is None:
        return ""
    return t("tally.approval.hint", field=schema.INFO.column(key).header, sheet=schema.INFO.name)


def to_json(result: TallyResult) -> dict[str, Any]:
    """The machine form printed by ``thidua tally --json`` (keys stable, Vietnamese without diacritics)."""
    candidates = [c for tt in result.titles for c in tt.candidates]
    return {
        "nam_hoc": result.school_year,
        "che_do": result.regime,
        "che_do_theo": result.regime_choice.as_dict() if result.regime_choice is not None else None,  # type: ignore[attr-defined]
        "hoi_dong": {
            "tong_so": result.council_total,
            "co_mat": result.present,
            "y_kien_van_ban": result.written_opinions,
            "du_tuc_so": result.quorum_ok,
        },
        "phieu": {
            "phat_ra": sum(tt.issued for tt in result.titles),
            "thu_vao": sum(tt.returned for tt in result.titles),
            "hop_le": sum(tt.valid for tt in result.titles),
            "khong_hop_le": sum(tt.invalid for tt in result.titles),
        },
        "ket_qua": [
            {
                "ma": c.subject,
                "ho_ten": c.name,
                "danh_hieu": c.title.value,
                "dong_y": c.approvals,
                "co_so": c.base_count,
                "ty_le": _pct_number(c.share),
                "dat_nguong": c.threshold_passed,
                "trong_chi_tieu": c.within_quota,
                "du_dieu_kien": c.eligible,
                "de_nghi": c.proposed,
                "ghi_chu": "; ".join(c.notes),
            }
            for c in candidates
        ],
        "ma_bam": result.hash,
        "chung_nhan": result.certified,
        "tuc_so_toi_thieu": result.quorum_required,
        "theo_danh_hieu": [
            {
                "danh_hieu": tt.title.value,
                "ten_danh_hieu": title_label(tt.title.value),
                "nguong": tt.threshold_text,
                "can_cu": tt.threshold_citation,
                "do_tin_cay": tag_code_of(tt.threshold_tag),
                "muc_tin_cay": tt.threshold_tag,
                "phat_ra": tt.issued,
                "thu_vao": tt.returned,
                "khong_thu_duoc": tt.not_returned,
                "hop_le": tt.valid,
                "khong_hop_le": tt.invalid,
                "y_kien_van_ban": tt.written,
                "chi_tieu": tt.quota,
                "chi_tieu_ghi_chu": tt.quota_text,
                "phieu_khong_hop_le": [
                    {"so_phieu": ib.number, "ma": ib.code, "ly_do": ib.reason,
                     "dong": ib.source.row if ib.source else None}
                    for ib in tt.invalid_ballots
                ],
                "ung_vien": [
                    {"ma": c.subject, "khong_dong_y": c.disapprovals, "de_trong": c.blanks,
                     "dong_y_van_ban": c.written_approvals, "can_bo_phieu_lai": c.revote}
                    for c in tt.candidates
                ],
            }
            for tt in result.titles
        ],
        "chenh_lech": [
            {"so_phieu": d.ballot, "danh_hieu": d.title.value if d.title else None, "ung_vien": d.candidate,
             "lan_1": d.first, "lan_2": d.second}
            for d in result.discrepancies
        ],
        "kiem_tra": [{"noi_dung": fact, "dat": ok} for fact, ok in result.audit],
        "bieu_quyet": [
            {
                "danh_hieu": a.title.value,
                "ten_danh_hieu": title_label(a.title.value),
                "hinh_thuc": a.method,
                "ten_hinh_thuc": t(f"tally.method.{a.method}"),
                "so_trong_danh_sach": a.listed,
                "dong_y": a.approvals,
                "co_so": a.base_count,
                "ty_le": _pct_number(a.share) if a.share is not None else None,
                "nguong": a.threshold_text,
                "can_cu": a.threshold_citation,
                "do_tin_cay": tag_code_of(a.threshold_tag),
                "muc_tin_cay": a.threshold_tag,
                "dat_nguong": a.threshold_passed,
                "thong_qua": a.approved,
                "noi_dung": approval_line(a),
            }
            for a in result.approvals
        ],
    }


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("Có" if value else "Không")


TALLY_HEADERS = [
    "STT", "Danh hiệu", "Mã", "Họ và tên", "Đồng ý", "Trong đó bằng văn bản", "Không đồng ý", "Để trống",
    "Cơ sở tính", "Tỷ lệ", "Ngưỡng", "Đạt ngưỡng", "Trong chỉ tiêu", "Đủ điều kiện", "Đề nghị", "Ghi chú",
]
RECONCILE_HEADERS = ["STT", "Số phiếu", "Danh hiệu", "Ứng viên", "Nhập lần 1", "Nhập lần 2"]


def summary_lines(result: TallyResult) -> list[str]:
    """The quorum line, the per-title ballot accounting, the hash and the certification, in Vietnamese."""
    lines = [t("tally.summary.quorum", total=result.council_total, present=result.present,
               written=result.written_opinions, required=result.quorum_required,
               verdict=t("tally.word.enough" if result.quorum_ok else "tally.word.not_enough"))]
    for tt in result.titles:
        lines.append(t("tally.summary.title", title=title_label(tt.title.value), issued=tt.issued,
                       returned=tt.returned, not_returned=tt.not_returned, valid=tt.valid, invalid=tt.invalid,
                       threshold=tt.threshold_text, cite=tt.threshold_citation, tag=tt.threshold_tag))
        if tt.quota_text:
            lines.append("   " + tt.quota_text)
        for ib in tt.invalid_ballots:
            lines.append("   " + t("tally.summary.invalid", number=ib.number, code=ib.code, reason=ib.reason))
    for a in result.approvals:
        lines.append(approval_line(a) + f" — {a.threshold_citation} [{a.threshold_tag}]")
        hint = approval_hint(a)
        if hint:
            lines.append("   " + hint)
    lines.append(t("tally.summary.hash", hash=result.hash))
    lines.append(t("tally.summary.certified") if result.certified else t("tally.summary.not_certified"))
    return lines


def to_tables(result: TallyResult) -> list[ResultTable]:
    """Sheet "Kết quả kiểm phiếu" (and "Đối chiếu phiếu" when the ballots were entered twice)."""
    rows: list[list[object]] = []
    highlight: dict[int, str] = {}
    for tt in result.titles:
        label = title_label(tt.title.value)
        for c in tt.candidates:
            quota = "—" if c.within_quota is None or not c.threshold_passed else _yes_no(c.within_quota)
            if c.revote:
                quota = t("tally.word.revote")
            rows.append([
                len(rows) + 1, label, c.subject, c.name, c.approvals, c.written_approvals, c.disapprovals, c.blanks,
                f"{c.base_count} ({vocab('base.' + c.base)})", format_percent(c.share), tt.threshold_text,
                _yes_no(c.threshold_passed), quota, _yes_no(c.eligible), _yes_no(c.proposed), "; ".join(c.notes),
            ])
            highlight[len(rows) - 1] = "ok" if c.proposed else ("warn" if c.revote or (
                c.threshold_passed and c.eligible is not False and c.within_quota is not False) else "bad")
    notes = summary_lines(result)
    notes += [f"{'✓' if ok else '✗'} {fact}" for fact, ok in result.audit]
    tables = [ResultTable(
        name="Kết quả kiểm phiếu", headers=list(TALLY_HEADERS), rows=rows,
        widths=[5, 26, 10, 26, 8, 10, 10, 9, 24, 9, 30, 9, 10, 10, 9, 60],
        title=t("tally.sheet.title", year=result.school_year or "—", regime=result.regime),
        notes=notes, highlight=highlight,
    )]
    if result.double_entry:
        drows: list[list[object]] = [
            [i + 1, d.ballot, title_label(d.title.value) if d.title else "—", d.candidate or "—", d.first,
             d.second]
            for i, d in enumerate(result.discrepancies)
        ]
        tables.append(ResultTable(
            name="Đối chiếu phiếu", headers=list(RECONCILE_HEADERS), rows=drows, widths=[5, 10, 26, 20, 24, 24],
            title=t("tally.sheet.reconcile_title"),
            notes=[t("tally.log.double_entry_ok") if not result.discrepancies
                   else t("tally.log.double_entry_bad", n=len(result.discrepancies))],
            highlight={i: "bad" for i in range(len(drows))},
        ))
    return tables
