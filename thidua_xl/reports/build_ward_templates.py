"""Generate the ward's (or the Sở's) document templates from the same NĐ 30/2020 blocks as the school's dossier.

Run ``python -m thidua_xl.reports.build_ward_templates [DIR]`` (default: the repository's ``templates/``) after
changing a block or a template below, then commit the .docx files (byte-identical from run to run).

=============================  ==================================================================
template                       document
=============================  ==================================================================
qd_cong_nhan.docx              Quyết định công nhận danh hiệu thi đua (draft the chairman signs)
qd_danh_sach.docx              Danh sách kèm theo Quyết định
to_trinh_cap_tren.docx         Tờ trình đề nghị cấp trên (titles decided above the ward)
tong_hop_truong.docx           Bảng tổng hợp kết quả theo trường
=============================  ==================================================================

The variables are those :func:`thidua_xl.reports.ward.ward_context` builds (``ward``, ``numbers``, ``can_cu``,
``decision``, ``proposal``, ``schools``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from thidua_xl.reports import blocks as b
from thidua_xl.reports import build_templates as bt
from thidua_xl.reports.blocks import Column, Signer

PLACE_DATE = "{{ ward.place_date }}"
LINE = "- {{ t.line }}{{ ';' if not loop.last else '.' }}"  # a title's line, ";" between, "." after the last
CHAIRMAN = Signer("{{ ward.signer_title }}", "{{ ward.chairman }}", authority="{{ ward.signer_for }}",
                  note="")


def _header(doc: Any, number: str | None) -> None:
    b.national_header(doc, governing_body="{{ ward.governing_upper }}", agency="{{ ward.unit_upper }}",
                      number=number, place_date=PLACE_DATE)


def _titles(doc: Any, loop: str, columns: list[Column]) -> None:
    """One heading and one table per title of ``loop`` ("t in decision.titles")."""
    b.control(doc, "for " + loop)
    b.heading(doc, "{{ t.roman }}. {{ t.label_upper }} ({{ t.count_text }} {{ t.unit }})")
    b.loop_table(doc, columns, "n in t.nominees", size=11)
    b.control(doc, "endfor")


NOMINEE_COLUMNS = [
    Column("STT", "{{ n.stt }}", 10, "center", "100"),
    Column("Họ và tên / Tập thể", "{{ n.name }}", 40),
    Column("Ngày sinh", "{{ n.birth_date }}", 21, "center", "00/00/0000"),
    Column("Đơn vị", "{{ n.school }}", 50),
    Column("Tỷ lệ phiếu đồng ý", "{{ n.percent }}", 16, "center", "100,00%"),
]


def qd_cong_nhan() -> Any:
    doc = b.new_document()
    _header(doc, "{{ numbers.quyet_dinh }}")
    b.document_title(doc, "QUYẾT ĐỊNH", ["{{ decision.subject }}"])
    b.paragraph(doc, "{{ ward.issuer_upper }}", bold=True, align="center", size=b.SIZE["body"], after=6)
    bt.each_line(doc, "line in can_cu", "{{ line }}", italic=True)
    b.paragraph(doc, "QUYẾT ĐỊNH:", bold=True, align="center", size=b.SIZE["body"], before=6, after=6)
    b.body(doc, "Điều 1. Công nhận danh hiệu thi đua năm học {{ ward.school_year }} cho {{ decision.summary }} "
                "thuộc các trường do {{ ward.unit_text }} quản lý (có danh sách kèm theo), gồm:")
    bt.each_line(doc, "t in decision.titles", LINE)
    b.control(doc, "if not decision.titles")
    b.body(doc, "(Không có cá nhân, tập thể nào đủ điều kiện được công nhận.)", highlight=True)
    b.control(doc, "endif")
    b.body(doc, "Điều 2. Các cá nhân, tập thể có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định hiện "
                "hành.")
    b.body(doc, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng {{ ward.unit_text }}, Hiệu trưởng các "
                "trường có tên trong danh sách và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành "
                "Quyết định này./.")
    b.signature_block(doc, recipients=["- Như Điều 3;", "- Lưu: VT."], signers=[CHAIRMAN])
    return doc


def qd_danh_sach() -> Any:
    doc = b.new_document()
    _header(doc, None)
    b.document_title(doc, "DANH SÁCH", ["Cá nhân, tập thể được công nhận danh hiệu thi đua",
                                        "năm học {{ ward.school_year }}"], rule=False)
    b.paragraph(doc, "(Kèm theo Quyết định số {{ numbers.quyet_dinh }} {{ ward.date_text }} của "
                     "{{ ward.issuer_text }})", italic=True, align="center", size=b.SIZE["body"])
    b.bottom_rule(doc, b.CONTENT_WIDTH_MM / 4, b.CONTENT_WIDTH_MM)
    _titles(doc, "t in decision.titles", NOMINEE_COLUMNS)
    b.control(doc, "if not decision.titles")
    b.body(doc, "Không có cá nhân, tập thể nào được công nhận.")
    b.control(doc, "endif")
    b.body(doc, "Danh sách gồm {{ decision.summary }}, mỗi danh hiệu xếp theo thứ tự tên, tên đệm, họ.", italic=True,
           indent=False)
    b.signature_block(doc, signers=[CHAIRMAN])
    return doc


def to_trinh_cap_tren() -> Any:
    doc = b.new_document()
    _header(doc, "{{ numbers.to_trinh }}")
    b.document_title(doc, "TỜ TRÌNH", ["{{ proposal.subject }}"])
    b.addressee(doc, "{{ proposal.addressee }}.")
    bt.each_line(doc, "line in can_cu", "{{ line }}", italic=True)
    b.body(doc, "Trên cơ sở đề nghị của các trường và kết quả thẩm định, {{ ward.unit_text }} kính trình "
                "{{ proposal.addressee }} xem xét, quyết định khen thưởng năm học {{ ward.school_year }} cho "
                "{{ proposal.summary }}, gồm:")
    b.control(doc, "for g in proposal.groups")
    b.body(doc, "{{ g.number }}. Đề nghị {{ g.authority }} xem xét, quyết định:")
    bt.each_line(doc, "t in proposal.titles if t.group == g.number", LINE)
    b.control(doc, "endfor")
    b.control(doc, "if not proposal.titles")
    b.body(doc, "(Năm học này không có cá nhân, tập thể nào đề nghị cấp trên khen thưởng.)", highlight=True)
    b.control(doc, "endif")
    _titles(doc, "t in proposal.titles", NOMINEE_COLUMNS)
    b.body(doc, "(Kèm theo hồ sơ đề nghị của các trường.)", italic=True)
    b.body(doc, "Kính trình {{ proposal.addressee }} xem xét, quyết định./.")
    b.signature_block(doc, recipients=["- Như trên;", "- Lưu: VT."], signers=[CHAIRMAN])
    return doc


SCHOOL_COLUMNS = [
    Column("STT", "{{ s.stt }}", 10, "center", "100"),
    Column("Trường", "{{ s.name }}", 46),
    Column("Số CB", "{{ s.staff }}", 12, "center", "000"),
    Column("Được công nhận", "{{ s.decided }}", 40),
    Column("Đề nghị cấp trên", "{{ s.proposed }}", 30),
    Column("Kiểm phiếu", "{{ s.certified }}", 22),
]


def tong_hop_truong() -> Any:
    doc = b.new_document()
    _header(doc, None)
    b.document_title(doc, "BẢNG TỔNG HỢP", ["Kết quả thi đua năm học {{ ward.school_year }} theo trường"],
                     rule=True)
    b.loop_table(doc, SCHOOL_COLUMNS, "s in schools", size=11)
    b.body(doc, "Tổng số: {{ schools | length }} trường; công nhận {{ decision.summary }}; đề nghị cấp trên "
                "{{ proposal.summary }}.", italic=True, indent=False)
    b.signature_block(doc, signers=[CHAIRMAN])
    return doc


BUILDERS: dict[str, Callable[[], Any]] = {
    "qd_cong_nhan.docx": qd_cong_nhan,
    "qd_danh_sach.docx": qd_danh_sach,
    "to_trinh_cap_tren.docx": to_trinh_cap_tren,
    "tong_hop_truong.docx": tong_hop_truong,
}


def template_bytes(name: str) -> bytes:
    """One ward template as .docx bytes (deterministic), by the dossier builder's own writer."""
    return bt.template_bytes(name, BUILDERS)


def main(argv: list[str] | None = None) -> int:
    """Write every ward template into the folder given (default: the repository's ``templates/``)."""
    return bt.main(argv, BUILDERS)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
