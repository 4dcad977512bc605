"""Generate the default dossier templates (``templates/*.docx``) from the NĐ 30/2020 blocks.

Run ``python -m thidua_xl.reports.build_templates [DIR]`` (default: the repository's ``templates/``) after
changing a block or a template below, then commit the .docx files. The generated files are byte-identical
from run to run. Staff edit copies of them in Word; every tag is one Word run here, and
``thidua templates check`` finds tags that Word later split.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from thidua_xl.fileio import write_atomic
from thidua_xl.reports import blocks as b
from thidua_xl.reports.blocks import Column, Signer
from thidua_xl.reports.paths import REPO_TEMPLATES
from thidua_xl.reports.render import CANONICAL_CORE, normalize_docx

HEADER = {"governing_body": "{{ school.governing_body_upper }}", "agency": "{{ school.name_upper }}"}
PLACE_DATE = "{{ dates.place_date }}"


def _header(doc: Any, number: str | None, place_date: str = PLACE_DATE) -> None:
    b.national_header(doc, number=number, place_date=place_date, **HEADER)


def _filled(doc: Any, condition: str, text: str) -> None:
    """``text`` as a body line; highlighted (a place the secretary still has to fill) unless ``condition``."""
    b.control(doc, "if " + condition)
    b.body(doc, text)
    b.control(doc, "else")
    b.body(doc, text, highlight=True)
    b.control(doc, "endif")


def each_line(doc: Any, loop: str, text: str, **kw: Any) -> None:
    """One body line ``text`` per item of ``loop`` ("line in can_cu"); ``kw`` as :func:`blocks.body`."""
    b.control(doc, "for " + loop)
    b.body(doc, text, **kw)
    b.control(doc, "endfor")


def table_or(doc: Any, columns: list[Column], loop: str, empty: str = "Không có.", **kw: Any) -> None:
    """The table of ``loop`` ("i in nominee.initiatives") when its list has an item, else the line ``empty``;
    ``kw`` as :func:`blocks.loop_table`."""
    b.control(doc, "if " + loop.split(" in ", 1)[1])
    b.loop_table(doc, columns, loop, **kw)
    b.control(doc, "else")
    b.body(doc, empty)
    b.control(doc, "endif")


def _principal(note: str = b.SIGN_STAMP_NOTE) -> Signer:
    return Signer("HIỆU TRƯỞNG", "{{ school.principal }}", note=note)


# ---------------------------------------------------------------- Tờ trình


def to_trinh() -> Any:
    doc = b.new_document()
    b.control(doc, "if forms.submission_label")
    b.form_label(doc, "{{ forms.submission_label }}")
    b.control(doc, "endif")
    _header(doc, "{{ numbers.to_trinh }}")
    b.document_title(doc, "TỜ TRÌNH", ["{{ to_trinh.subject }}"])
    b.addressee(doc, "{{ regime.authority }}.")
    each_line(doc, "line in to_trinh.can_cu", "{{ line }}", italic=True)
    b.body(doc, "Căn cứ kết quả bình xét của Hội đồng Thi đua – Khen thưởng, {{ school.name }} kính trình "
                "{{ regime.authority }} kết quả xét danh hiệu thi đua, hình thức khen thưởng năm học "
                "{{ school.school_year }} của các cá nhân, tập thể như sau:")
    # one group per deciding authority: "quyết định công nhận" (the addressee decides) or "xem xét, trình"
    b.control(doc, "for g in authorities")
    b.body(doc, "{{ g.number }}. {{ g.request }}:")
    each_line(doc, "tt in titles if tt.group == g.number", "- {{ tt.line }}{{ ';' if not loop.last else '.' }}")
    b.control(doc, "endfor")
    b.control(doc, "if titles")
    b.body(doc, "Tổng cộng: {{ summary.text }}.")
    b.control(doc, "else")
    b.body(doc, "Năm học này không có cá nhân, tập thể nào được đề nghị.")
    b.control(doc, "endif")
    b.body(doc, "(Kèm theo danh sách đề nghị, biên bản họp Hội đồng Thi đua – Khen thưởng, biên bản kiểm phiếu và "
                "báo cáo thành tích của cá nhân.)", italic=True)
    b.body(doc, "Kính trình {{ regime.authority }} xem xét, quyết định./.")
    b.signature_block(doc, recipients=["- Như trên;", "- Lưu: VT, HĐTĐKT."], signers=[_principal()])
    return doc


# ---------------------------------------------------------------- Danh sách đề nghị

PERSON_COLUMNS = [
    Column("STT", "{{ n.stt }}", 10, "center", "100"),
    Column("Họ và tên", "{{ n.name }}", 34),
    Column("Ngày sinh", "{{ n.birth_date }}", 21, "center", "00/00/0000"),
    Column("Chức vụ", "{{ n.position }}", 26),
    Column("Tổ chuyên môn", "{{ n.team }}", 23),
    Column("Thành tích nổi bật", "{{ n.achievement }}", 32),
    Column("Tỷ lệ phiếu đồng ý", "{{ n.percent }}", 14, "center", "100,00%"),
]
TEAM_COLUMNS = [
    Column("STT", "{{ n.stt }}", 10, "center"),
    Column("Tên tập thể", "{{ n.name }}", 50),
    Column("Thành tích nổi bật", "{{ n.achievement }}", 80),
    Column("Tỷ lệ phiếu đồng ý", "{{ n.percent }}", 20, "center", "100,00%"),
]


def danh_sach() -> Any:
    doc = b.new_document()
    _header(doc, None)
    b.document_title(doc, "DANH SÁCH", ["Cá nhân, tập thể đề nghị công nhận danh hiệu thi đua",
                                        "năm học {{ school.school_year }}"], rule=False)
    b.paragraph(doc, "(Kèm theo Tờ trình số {{ numbers.to_trinh }} {{ dates.meeting_text }} của {{ school.name }})",
                italic=True, align="center", size=b.SIZE["body"])
    b.bottom_rule(doc, b.CONTENT_WIDTH_MM / 4, b.CONTENT_WIDTH_MM)
    b.control(doc, "for g in authorities")
    b.heading(doc, "{{ g.letter }}. {{ g.request_upper }}")
    b.control(doc, "for t in titles if t.group == g.number")
    b.heading(doc, "{{ t.roman }}. DANH HIỆU “{{ t.label_upper }}” ({{ t.count_text }} {{ t.unit }})")
    b.control(doc, "if t.is_team")
    b.loop_table(doc, TEAM_COLUMNS, "n in t.nominees")
    b.control(doc, "else")
    b.loop_table(doc, PERSON_COLUMNS, "n in t.nominees", size=11)
    b.control(doc, "endif")
    b.control(doc, "endfor")
    b.control(doc, "endfor")
    b.control(doc, "if not titles")
    b.body(doc, "Không có cá nhân, tập thể nào được đề nghị.")
    b.control(doc, "endif")
    b.body(doc, "Danh sách gồm {{ summary.text }}, xếp theo thứ tự tên, tên đệm, họ.", italic=True, indent=False)
    b.signature_block(doc, signers=[Signer("NGƯỜI LẬP DANH SÁCH", "{{ school.secretary }}"), _principal()])
    return doc


# ---------------------------------------------------------------- Biên bản họp Hội đồng

MEMBER_COLUMNS = [
    Column("STT", "{{ m.stt }}", 12, "center"),
    Column("Họ và tên", "{{ m.name }}", 50),
    Column("Chức danh trong Hội đồng", "{{ m.role }}", 45),
    Column("Có mặt / vắng", "{{ m.attendance }}", 53),
]


def bien_ban_hop() -> Any:
    doc = b.new_document()
    _header(doc, "{{ numbers.bien_ban }}")
    b.document_title(doc, "BIÊN BẢN", ["Họp Hội đồng Thi đua – Khen thưởng",
                                       "xét danh hiệu thi đua năm học {{ school.school_year }}"])
    b.body(doc, "Thời gian: {{ meeting.start_text }}, {{ dates.meeting_text }}.")
    b.body(doc, "Địa điểm: {{ school.name }}.")
    b.body(doc, "Chủ tọa: {{ meeting.chair }} – {{ meeting.chair_role }}.")
    b.body(doc, "Thư ký: {{ meeting.secretary }}.")
    b.body(doc, "Thành phần: Hội đồng Thi đua – Khen thưởng có {{ meeting.total }} thành viên; có mặt "
                "{{ meeting.present }}, vắng {{ meeting.absent }}{% if meeting.written %} (trong đó "
                "{{ meeting.written }} thành viên có ý kiến bằng văn bản){% endif %}.", keep_next=True)
    b.loop_table(doc, MEMBER_COLUMNS, "m in meeting.members")
    b.body(doc, "{{ meeting.quorum_text }}")
    b.heading(doc, "I. NỘI DUNG, CHƯƠNG TRÌNH")
    b.body(doc, "1. Thông qua kết quả đánh giá, xếp loại viên chức, người lao động và kết quả đăng ký thi đua "
                "năm học {{ school.school_year }}.")
    b.body(doc, "2. Xét điều kiện, tiêu chuẩn các danh hiệu thi đua theo quy định hiện hành ({{ regime.label }})."
                "{% if regime.choice %} {{ regime.choice }}.{% endif %}")
    b.body(doc, "3. Bỏ phiếu kín; Ban kiểm phiếu làm việc và công bố kết quả (Biên bản kiểm phiếu số "
                "{{ numbers.kiem_phieu }}).")
    b.body(doc, "4. Thông qua danh sách đề nghị công nhận danh hiệu thi đua.")
    b.heading(doc, "II. Ý KIẾN THẢO LUẬN")
    b.narrative(doc, "[Ghi tóm tắt ý kiến thảo luận của các thành viên Hội đồng.]")
    b.heading(doc, "III. KẾT QUẢ BỎ PHIẾU KÍN{% if tally.approvals %} VÀ BIỂU QUYẾT{% endif %}")
    b.control(doc, "for tt in tally.titles")
    b.body(doc, "{{ loop.index }}. Danh hiệu “{{ tt.label }}”: phát ra {{ tt.issued }} phiếu, thu về "
                "{{ tt.returned }} phiếu; hợp lệ {{ tt.valid }}, không hợp lệ {{ tt.invalid }}. Ngưỡng: "
                "{{ tt.threshold_text }}. Số được đề nghị: {{ tt.passed }}.")
    b.control(doc, "if tt.revote")
    b.body(doc, "Cần bỏ phiếu lại: {{ tt.revote_names }}.", bold=True)
    b.control(doc, "endif")
    b.control(doc, "endfor")
    b.control(doc, "for a in tally.approvals")
    b.body(doc, "{{ loop.index + tally.titles|length }}. {{ a.text }}")
    b.control(doc, "endfor")
    b.control(doc, "if not tally.available")
    b.body(doc, "Hội đồng không tổ chức bỏ phiếu kín riêng; xét theo kết quả đánh giá, xếp loại.")
    b.control(doc, "endif")
    b.body(doc, "{{ tally.certified_text }}")
    b.heading(doc, "IV. KẾT LUẬN")
    b.control(doc, "if titles")
    b.body(doc, "Hội đồng thống nhất đề nghị khen thưởng năm học {{ school.school_year }} cho {{ summary.text }}, "
                "cụ thể:")
    b.control(doc, "for g in authorities")
    b.body(doc, "{{ g.letter }}. {{ g.request }} cho {{ g.text }}:", bold=True)
    b.control(doc, "for t in titles if t.group == g.number")
    b.body(doc, "{{ loop.index }}. Danh hiệu “{{ t.label }}” ({{ t.count_text }} {{ t.unit }}): "
                "{% for n in t.nominees %}{{ n.name }}{% if n.approvals != '' %} ({{ n.percent }}){% endif %}"
                "{{ ', ' if not loop.last else '.' }}{% endfor %}")
    b.control(doc, "endfor")
    b.control(doc, "endfor")
    b.control(doc, "else")
    b.body(doc, "Hội đồng không đề nghị cá nhân, tập thể nào.")
    b.control(doc, "endif")
    b.body(doc, "Cuộc họp kết thúc vào {{ meeting.end_text }} cùng ngày. Biên bản đã được đọc lại trước Hội đồng và các "
                "thành viên dự họp nhất trí thông qua./.")
    b.signature_block(doc, signers=[Signer("THƯ KÝ", "{{ meeting.secretary }}"),
                                    Signer("CHỦ TỌA", "{{ meeting.chair }}")])
    return doc


# ---------------------------------------------------------------- Biên bản kiểm phiếu

INVALID_COLUMNS = [
    Column("STT", "{{ ib.stt }}", 12, "center"),
    Column("Số phiếu", "{{ ib.number }}", 25, "center"),
    Column("Lý do không hợp lệ", "{{ ib.reason }}", 123),
]
CANDIDATE_COLUMNS = [
    Column("STT", "{{ c.stt }}", 9, "center", "100"),
    Column("Họ và tên", "{{ c.name }}", 40),
    Column("Đồng ý", "{{ c.approvals }}", 13, "center", "100"),
    Column("Không đồng ý", "{{ c.disapprovals }}", 15, "center", "100"),
    Column("Để trống", "{{ c.blanks }}", 13, "center", "100"),
    Column("Tỷ lệ đồng ý", "{{ c.percent }}", 19, "center", "100,00%"),
    Column("Ngưỡng", "{{ c.threshold }}", 16, "center"),
    Column("Kết quả", "{{ c.result }}", 20, "center"),
]
# a candidate's remarks: one row across the table under the candidate, only when there are any
CANDIDATE_NOTE = ("c.notes", "Ghi chú: {{ c.notes }}")


def bien_ban_kiem_phieu() -> Any:
    doc = b.new_document()
    _header(doc, "{{ numbers.kiem_phieu }}")
    b.document_title(doc, "BIÊN BẢN KIỂM PHIẾU", ["Bỏ phiếu kín xét danh hiệu thi đua",
                                                  "năm học {{ school.school_year }}"])
    b.body(doc, "Hôm nay, {{ dates.meeting_text }}, tại {{ school.name }}, Ban kiểm phiếu của Hội đồng Thi đua – "
                "Khen thưởng tiến hành kiểm phiếu bỏ phiếu kín xét danh hiệu thi đua năm học "
                "{{ school.school_year }}.")
    b.body(doc, "Ban kiểm phiếu gồm:")
    b.control(doc, "if meeting.counting_board")
    b.control(doc, "for m in meeting.counting_board")
    b.body(doc, "- {{ m.name }} – {{ m.role }}{{ ';' if not loop.last else '.' }}")
    b.control(doc, "endfor")
    b.control(doc, "else")
    b.narrative(doc, "[Ghi họ tên, chức vụ của Trưởng ban và các thành viên Ban kiểm phiếu.]")
    b.control(doc, "endif")
    b.body(doc, "Hội đồng có {{ meeting.total }} thành viên; có mặt {{ meeting.present }}; vắng "
                "{{ meeting.absent }}, trong đó {{ meeting.written }} thành viên gửi ý kiến bằng văn bản. "
                "{{ meeting.quorum_text }}")
    b.control(doc, "for tt in tally.titles")
    b.heading(doc, "{{ tt.roman }}. DANH HIỆU “{{ tt.label_upper }}”")
    b.body(doc, "- Số phiếu phát ra: {{ tt.issued }}; số phiếu thu về: {{ tt.returned }} (không thu về: "
                "{{ tt.not_returned }}), trong đó {{ tt.written }} phiếu là ý kiến bằng văn bản.")
    b.body(doc, "- Số phiếu hợp lệ: {{ tt.valid }}; số phiếu không hợp lệ: {{ tt.invalid }}.")
    b.control(doc, "if tt.invalid_ballots")
    b.body(doc, "- Phiếu không hợp lệ và lý do:", keep_next=True)
    b.loop_table(doc, INVALID_COLUMNS, "ib in tt.invalid_ballots")
    b.control(doc, "endif")
    b.body(doc, "- Ngưỡng: {{ tt.threshold_text }} ({{ tt.threshold_cite }}); tỷ lệ tính trên {{ tt.base_text }}.")
    b.body(doc, "- {{ tt.quota_text }}")
    b.body(doc, "- Kết quả từng người (tỷ lệ = số phiếu đồng ý / cơ sở tính):", keep_next=True)
    b.loop_table(doc, CANDIDATE_COLUMNS, "c in tt.candidates", size=11, note=CANDIDATE_NOTE)
    b.control(doc, "if tt.revote")
    b.body(doc, "- Cần bỏ phiếu lại: {{ tt.revote_names }}.", bold=True)
    b.control(doc, "endif")
    b.control(doc, "endfor")
    b.control(doc, "if not tally.available")
    b.body(doc, "Không có dữ liệu phiếu bầu.")
    b.control(doc, "endif")
    b.heading(doc, "KIỂM TRA VÀ CHỨNG NHẬN KẾT QUẢ")
    b.body(doc, "{{ tally.double_entry_text }}")
    b.control(doc, "for note in tally.notes")
    b.body(doc, "- Chưa thỏa: {{ note }}")
    b.control(doc, "endfor")
    b.body(doc, "{{ tally.certified_text }}")
    b.body(doc, "Mã băm SHA-256 của dữ liệu phiếu (đối chiếu với sổ tính nhập liệu): {{ tally.hash }}")
    b.body(doc, "Biên bản kiểm phiếu lập xong lúc {{ meeting.counting_end_text }} cùng ngày và được công bố trước Hội đồng./.")
    b.signature_block(doc, signers=[Signer("THÀNH VIÊN BAN KIỂM PHIẾU", "{{ meeting.counting_member }}"),
                                    Signer("TRƯỞNG BAN KIỂM PHIẾU", "{{ meeting.counting_head }}")])
    return doc


# ---------------------------------------------------------------- Báo cáo thành tích cá nhân

RATING_COLUMNS = [Column("Năm học", "{{ r.year }}", 50, "center", "2024-2025"), Column("Xếp loại chất lượng", "{{ r.rating }}",
                                                                           110)]
INITIATIVE_COLUMNS = [
    Column("STT", "{{ i.stt }}", 10, "center"),
    Column("Tên sáng kiến, đề tài", "{{ i.name }}", 55),
    Column("Loại", "{{ i.kind }}", 20),
    Column("Cấp công nhận", "{{ i.level }}", 22),
    Column("Số, ngày quyết định công nhận", "{{ i.decision }}", 33),
    Column("Năm học", "{{ i.year }}", 20, "center", "2024-2025"),
]
HISTORY_COLUMNS = [
    Column("Năm học", "{{ h.year }}", 22, "center", "2024-2025"),
    Column("Danh hiệu / hình thức", "{{ h.label }}", 48),
    Column("Số, ngày quyết định", "{{ h.decision }}", 45),
    Column("Cơ quan ban hành", "{{ h.issuer }}", 45),
]


def bao_cao_ca_nhan() -> Any:
    doc = b.new_document()
    b.form_label(doc, "{{ forms.individual_label }}")
    _header(doc, None)
    b.document_title(doc, "BÁO CÁO THÀNH TÍCH", ["{{ nominee.award_heading }}",
                                                 "Thời kỳ báo cáo: {{ nominee.period_text }}"])
    b.heading(doc, "I. SƠ LƯỢC LÝ LỊCH")
    b.body(doc, "- Họ tên: {{ nominee.name }}; giới tính: {{ nominee.gender }}.")
    b.body(doc, "- Ngày, tháng, năm sinh: {{ nominee.birth_date }}.")
    _filled(doc, "nominee.hometown and nominee.residence",
            "- Quê quán: {{ nominee.hometown or '…' }}; nơi thường trú: {{ nominee.residence or '…' }}.")
    b.body(doc, "- Đơn vị công tác: {{ nominee.team }}, {{ nominee.unit }}.")
    b.body(doc, "- Chức vụ (Đảng, chính quyền, đoàn thể): {{ nominee.position }}.")
    _filled(doc, "nominee.qualification and nominee.political_theory",
            "- Trình độ chuyên môn, nghiệp vụ: {{ nominee.qualification or '…' }}; trình độ lý luận chính trị: "
            "{{ nominee.political_theory or '…' }}.")
    b.body(doc, "- Ngày tuyển dụng: {{ nominee.recruited_date }}; ngày vào ngành: {{ nominee.sector_entry_date }} "
                "({{ nominee.sector_years }}); {{ nominee.contract }}.")
    _filled(doc, "nominee.academic_titles",
            "- Học hàm, học vị, danh hiệu, giải thưởng: {{ nominee.academic_titles or '…' }}.")
    b.heading(doc, "II. THÀNH TÍCH ĐẠT ĐƯỢC")
    b.body(doc, "1. Quyền hạn, nhiệm vụ được giao:", bold=True)
    b.narrative(doc, "[Nêu nhiệm vụ được giao: môn dạy, lớp dạy, chủ nhiệm, tổ trưởng, kiêm nhiệm …]")
    b.body(doc, "2. Thành tích đạt được:", bold=True)
    b.body(doc, "a) Kết quả đánh giá, xếp loại chất lượng:", keep_next=True)
    b.loop_table(doc, RATING_COLUMNS, "r in nominee.ratings")
    b.body(doc, "b) Sáng kiến, đề tài được công nhận:", keep_next=True)
    table_or(doc, INITIATIVE_COLUMNS, "i in nominee.initiatives", size=11)
    b.body(doc, "c) Kết quả thực hiện nhiệm vụ:", keep_next=True)
    b.control(doc, "if nominee.achievements")
    b.control(doc, "for a in nominee.achievements")
    b.body(doc, "- {{ a.text }}{{ ';' if not loop.last else '.' }}")
    b.control(doc, "endfor")
    b.control(doc, "else")
    b.narrative(doc, "[Nêu kết quả cụ thể, đo đếm được: chất lượng giảng dạy, học sinh giỏi, giáo viên dạy giỏi, "
                     "hiệu quả áp dụng sáng kiến …]")
    b.control(doc, "endif")
    b.heading(doc, "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG")
    b.body(doc, "1. Danh hiệu thi đua:", bold=True, keep_next=True)
    table_or(doc, HISTORY_COLUMNS, "h in nominee.titles")
    b.body(doc, "2. Hình thức khen thưởng:", bold=True, keep_next=True)
    table_or(doc, HISTORY_COLUMNS, "h in nominee.awards")
    b.body(doc, "Kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng {{ school.name }}: {{ nominee.vote_text }}.",
           italic=True)
    b.signature_block(doc, signers=[
        Signer("HIỆU TRƯỞNG", "{{ school.principal }}", authority="XÁC NHẬN, ĐỀ NGHỊ", note=b.SIGN_STAMP_NOTE),
        Signer("NGƯỜI BÁO CÁO THÀNH TÍCH", "{{ nominee.name }}"),
    ])
    return doc


# ---------------------------------------------------------------- Bảng tổng hợp đăng ký thi đua

REG_TITLE_COLUMNS = [
    Column("STT", "{{ r.stt }}", 12, "center"),
    Column("Danh hiệu thi đua", "{{ r.label }}", 88),
    Column("Cá nhân", "{{ r.people }}", 30, "center"),
    Column("Tập thể", "{{ r.teams }}", 30, "center"),
]
REG_PEOPLE_COLUMNS = [
    Column("STT", "{{ p.stt }}", 10, "center"),
    Column("Họ và tên", "{{ p.name }}", 36),
    Column("Chức vụ", "{{ p.position }}", 30),
    Column("Tổ chuyên môn", "{{ p.team }}", 28),
    Column("Danh hiệu đăng ký", "{{ p.titles }}", 34),
    Column("Ngày đăng ký", "{{ p.date }}", 22, "center", "00/00/0000"),
]
REG_TEAM_COLUMNS = [
    Column("STT", "{{ tm.stt }}", 12, "center"),
    Column("Tập thể", "{{ tm.name }}", 60),
    Column("Danh hiệu đăng ký", "{{ tm.titles }}", 60),
    Column("Ngày đăng ký", "{{ tm.date }}", 28, "center", "00/00/0000"),
]


def dang_ky() -> Any:
    doc = b.new_document()
    _header(doc, "{{ numbers.dang_ky }}", "{{ dates.registration_place_date }}")
    b.document_title(doc, "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA", ["Năm học {{ school.school_year }}"])
    b.body(doc, "Thực hiện kế hoạch thi đua, khen thưởng năm học {{ school.school_year }}, {{ school.name }} tổng "
                "hợp đăng ký danh hiệu thi đua của cá nhân, tập thể như sau:")
    b.heading(doc, "I. TỔNG HỢP THEO DANH HIỆU")
    b.loop_table(doc, REG_TITLE_COLUMNS, "r in registrations.by_title")
    b.heading(doc, "II. CÁ NHÂN ĐĂNG KÝ ({{ registrations.people_count_text }} người)")
    b.loop_table(doc, REG_PEOPLE_COLUMNS, "p in registrations.people", size=11)
    b.heading(doc, "III. TẬP THỂ ĐĂNG KÝ ({{ registrations.teams_count_text }} tập thể)")
    b.loop_table(doc, REG_TEAM_COLUMNS, "tm in registrations.teams")
    b.body(doc, "Tổng cộng: {{ registrations.people_count_text }} cá nhân và {{ registrations.teams_count_text }} "
                "tập thể đăng ký thi đua./.")
    b.signature_block(doc, recipients=["- {{ school.governing_body_text }} (để báo cáo);", "- Lưu: VT, HĐTĐKT."],
                      signers=[_principal()])
    return doc


# ---------------------------------------------------------------- registry and writing

BUILDERS: dict[str, Callable[[], Any]] = {
    "to_trinh.docx": to_trinh,
    "danh_sach.docx": danh_sach,
    "bien_ban_hop.docx": bien_ban_hop,
    "bien_ban_kiem_phieu.docx": bien_ban_kiem_phieu,
    "bao_cao_ca_nhan.docx": bao_cao_ca_nhan,
    "dang_ky.docx": dang_ky,
}


def template_bytes(name: str, builders: Mapping[str, Callable[[], Any]] | None = None) -> bytes:
    """One default template as .docx bytes (deterministic); ``builders``: another family of templates."""
    doc = (BUILDERS if builders is None else builders)[name]()
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_docx(buf.getvalue(), core_xml=CANONICAL_CORE)


def build_all(folder: Path, builders: Mapping[str, Callable[[], Any]] | None = None) -> list[Path]:
    """Write every default template (of ``builders``) into ``folder`` (atomically); returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in BUILDERS if builders is None else builders:
        path = folder / name
        write_atomic(path, template_bytes(name, builders))
        out.append(path)
    return out


def main(argv: list[str] | None = None, builders: Mapping[str, Callable[[], Any]] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else REPO_TEMPLATES
    for path in build_all(folder, builders):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
