"""Generate the two templates of the year's emulation (issue 17) from the NĐ 30/2020 blocks:
``templates/so_ket_dot.docx`` (báo cáo sơ kết đợt thi đua) and ``templates/bang_diem_thang.docx`` (the month's
scoring table for the team meeting). Same template system as the dossier (docxtpl tags, one run each; staff
edit copies in Word). Run ``python -m thidua_xl.reports.build_scoring_templates [DIR]`` after a change.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thidua_xl.reports import blocks as b
from thidua_xl.reports import build_templates as bt
from thidua_xl.reports.blocks import Column, Signer

TEAM_COLUMNS = [
    Column("STT", "{{ g.stt }}", 12, "center"),
    Column("Tổ", "{{ g.team }}", 60),
    Column("Số người", "{{ g.members }}", 20, "center"),
    Column("Điểm bình quân", "{{ g.score }}", 28, "center", "100,00"),
    Column("Xếp loại", "{{ g.band }}", 45),
    Column("Hạng", "{{ g.rank }}", 15, "center"),
]

LIST_COLUMNS = [
    Column("STT", "{{ p.stt }}", 12, "center"),
    Column("Họ và tên", "{{ p.name }}", 50),
    Column("Tổ", "{{ p.team }}", 40),
    Column("Điểm", "{{ p.score }}", 20, "center", "100,00"),
    Column("Xếp loại", "{{ p.band }}", 40),
    Column("Hạng", "{{ p.rank }}", 15, "center"),
]

MONTH_COLUMNS = [
    Column("STT", "{{ p.stt }}", 11, "center"),
    Column("Họ và tên", "{{ p.name }}", 46),
    Column("Điểm chấm", "{{ p.raw }}", 17, "center", "100,00"),
    Column("Nguồn điểm", "{{ p.source }}", 22),
    Column("Trừ", "{{ p.deduction }}", 12, "center"),
    Column("Cộng", "{{ p.bonus }}", 12, "center"),
    Column("Điểm", "{{ p.score }}", 17, "center", "100,00"),
    Column("Xếp loại", "{{ p.band }}", 34),
    Column("Hạng trong tổ", "{{ p.rank_team }}", 15, "center"),
]


def _principal() -> Signer:
    return Signer("HIỆU TRƯỞNG", "{{ school.principal }}", authority="TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
                  note=b.SIGN_STAMP_NOTE)


def so_ket_dot() -> Any:
    doc = b.new_document()
    b.national_header(doc, number="{{ numbers.so_ket }}", place_date=bt.PLACE_DATE, **bt.HEADER)
    b.document_title(doc, "BÁO CÁO", ["Sơ kết thi đua đợt {{ phase.number }} năm học {{ school.school_year }}",
                                      "(từ {{ phase.start }} đến {{ phase.end }})"])
    b.control(doc, "if phase.theme")
    b.body(doc, "Chủ đề đợt thi đua: {{ phase.theme }}.")
    b.control(doc, "endif")
    b.heading(doc, "I. KẾT QUẢ CHẤM ĐIỂM THI ĐUA")
    b.body(doc, "Đợt {{ phase.number }} gồm {{ phase.months_text }}. {{ summary.people_text }} được chấm điểm; điểm "
                "bình quân toàn trường {{ summary.mean }}. Kết quả xếp loại: {{ summary.bands_text }}.")
    b.control(doc, "if summary.missing")
    b.body(doc, "Còn {{ summary.missing }} lượt chưa có điểm tháng: {{ summary.missing_text }}.")
    b.control(doc, "endif")
    b.body(doc, "Điểm tháng lấy điểm Hội đồng chấm (nếu chưa có thì điểm tổ chấm, rồi điểm tự chấm), trừ điểm trừ, "
                "cộng điểm cộng; điểm đợt là trung bình các tháng của đợt. Xếp loại theo {{ summary.bands_source }}.",
           italic=True)
    b.heading(doc, "II. KẾT QUẢ CỦA CÁC TỔ")
    b.loop_table(doc, TEAM_COLUMNS, "g in teams")
    b.heading(doc, "III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG ĐỢT {{ phase.number }} (XẾP LOẠI {{ summary.top_upper }})")
    bt.table_or(doc, LIST_COLUMNS, "p in people", "Không có cá nhân nào đạt mức {{ summary.top }} trong đợt này.")
    b.heading(doc, "IV. PHƯƠNG HƯỚNG THI ĐUA ĐỢT TIẾP THEO")
    b.narrative(doc, "(Hội đồng ghi ưu điểm, tồn tại của đợt và phương hướng, nhiệm vụ đợt tiếp theo.)")
    b.signature_block(doc, recipients=["- Các tổ chuyên môn, tổ văn phòng;", "- Lưu: VT, HĐTĐKT."],
                      signers=[_principal()])
    return doc


def bang_diem_thang() -> Any:
    doc = b.new_document()
    b.national_header(doc, number=None, place_date=bt.PLACE_DATE, **bt.HEADER)
    b.document_title(doc, "BẢNG ĐIỂM THI ĐUA", ["Tháng {{ month.text }}, năm học {{ school.school_year }}"], rule=False)
    b.paragraph(doc, "(Dùng trong buổi họp tổ; điểm Hội đồng chấm được ưu tiên, sau đó điểm tổ chấm, điểm tự chấm)",
                italic=True, align="center", size=b.SIZE["body"])
    b.bottom_rule(doc, b.CONTENT_WIDTH_MM / 4, b.CONTENT_WIDTH_MM)
    b.control(doc, "for g in teams")
    b.heading(doc, "{{ g.roman }}. {{ g.team_upper }} ({{ g.count_text }} người; điểm bình quân {{ g.mean }})")
    b.loop_table(doc, MONTH_COLUMNS, "p in g.people", size=11)
    b.control(doc, "if g.missing_text")
    b.body(doc, "Chưa có điểm: {{ g.missing_text }}.", italic=True)
    b.control(doc, "endif")
    b.control(doc, "endfor")
    b.body(doc, "Xếp loại theo {{ summary.bands_source }}: {{ summary.bands_text }}.", italic=True, indent=False)
    b.signature_block(doc, signers=[Signer("NGƯỜI TỔNG HỢP", "{{ school.secretary }}"),
                                    Signer("HIỆU TRƯỞNG", "{{ school.principal }}", note=b.SIGN_STAMP_NOTE)])
    return doc


BUILDERS: dict[str, Callable[[], Any]] = {
    "so_ket_dot.docx": so_ket_dot,
    "bang_diem_thang.docx": bang_diem_thang,
}


def template_bytes(name: str) -> bytes:
    """One template as .docx bytes (deterministic), by the dossier's own writer."""
    return bt.template_bytes(name, BUILDERS)


def build_all(folder: Path) -> list[Path]:
    return bt.build_all(folder, BUILDERS)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(bt.main(None, BUILDERS))
