"""The standard workbook: every sheet, column, accepted alias and coded vocabulary, in one place.

The template generator (``thidua init``), the reader, the writer, the demo generator and
``docs/workbook.md`` all derive from the definitions below. Header matching is done on
:func:`header_key` (NFC, case-folded, single spaces, trailing ":" / "(*)" removed), so "HỌ VÀ TÊN",
"Họ và tên" and " họ  tên " all match when listed as aliases.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from thidua_xl.core.model import Title
from thidua_xl.text import clean, header_key  # noqa: F401  (header_key: part of the schema's API)
from thidua_xl.vocabulary import MARK_ALIASES, MARKS, VOCABULARIES, Choice, Vocabulary  # noqa: F401

# ---------------------------------------------------------------- sheets and columns


@dataclass(frozen=True)
class Column:
    key: str  # model field (English)
    header: str  # canonical Vietnamese header
    kind: str  # text | name | id | date | int | number | bool | code
    vocab: str = ""  # vocabulary name when kind == "code" (or "bool": yes_no / attendance)
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 16
    help: str = ""
    example: str = ""
    # The plausible range of a date (years, inclusive) or a number (value, inclusive); a value outside it is
    # a located error. Dates default to DATE_YEARS, numbers must state theirs (a test checks every one).
    bounds: tuple[int, int] | None = None


# Dates: years 1950–2100 unless the column says otherwise (a birth date may be earlier). A bare year (2015) is
# never a date, and an Excel serial number is accepted only when it falls in the column's years.
DATE_YEARS: tuple[int, int] = (1950, 2100)
BIRTH_YEARS: tuple[int, int] = (1920, 2100)
# Years of a career spent somewhere (a working life is at most about 45 years).
CAREER_YEARS: tuple[int, int] = (0, 45)


@dataclass(frozen=True)
class SheetSpec:
    key: str  # internal name (English)
    name: str  # sheet name in Excel (Vietnamese)
    columns: tuple[Column, ...] = ()
    aliases: tuple[str, ...] = ()
    help: str = ""
    required: bool = True
    layout: str = "table"  # table | keyvalue | ballots
    output: bool = False  # written by thidua_xl (never read as input)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _c(key: str, header: str, kind: str = "text", **kw: object) -> Column:
    return Column(key, header, kind, **kw)  # type: ignore[arg-type]


INFO = SheetSpec(
    "info",
    "Thông tin chung",
    (
        _c("school_name", "Tên trường", required=True, aliases=("Tên đơn vị", "Trường"), width=40,
           help="Tên đầy đủ của trường.", example="Trường THCS Lê Quý Đôn"),
        _c("governing_body", "Cơ quan chủ quản", required=True, aliases=("Cơ quan quản lý", "Đơn vị chủ quản"),
           help="Cơ quan quản lý trực tiếp (dòng trên của khối tên cơ quan).", example="UBND PHƯỜNG LONG BIÊN"),
        _c("school_year", "Năm học", required=True, aliases=("Năm học xét",),
           help="Năm học có kết quả được xét, dạng 2024-2025. Quyết định chế độ pháp lý áp dụng.",
           example="2024-2025"),
        _c("place_name", "Địa danh", required=True, aliases=("Địa danh ghi trên văn bản",),
           help="Địa danh ghi ở dòng ngày tháng của văn bản.", example="Long Biên"),
        _c("meeting_date", "Ngày họp Hội đồng", "date", required=True, aliases=("Ngày họp", "Ngày họp HĐTĐKT"),
           help="Ngày Hội đồng TĐKT họp xét (dd/mm/yyyy).", example="25/05/2025"),
        _c("consideration_date", "Ngày xét", "date", aliases=("Ngày tính thời gian công tác",),
           help="Ngày dùng để tính thời gian công tác, thời hạn kỷ luật. Để trống: lấy ngày họp Hội đồng.",
           example="31/05/2025"),
        _c("principal", "Hiệu trưởng", required=True, kind="name", aliases=("Thủ trưởng đơn vị",),
           help="Họ tên hiệu trưởng (chủ tịch Hội đồng, người ký tờ trình).", example="Trần Văn Bình"),
        _c("secretary", "Thư ký Hội đồng", kind="name", aliases=("Thư ký",),
           help="Họ tên thư ký Hội đồng TĐKT.", example="Lê Thị Mai"),
        _c("province", "Tỉnh/Thành phố", aliases=("Tỉnh", "Thành phố"), help="Tỉnh hoặc thành phố trực thuộc TW.",
           example="Hà Nội"),
        _c("commune", "Xã/Phường (Quận/Huyện)", aliases=("Xã/Phường", "Quận/Huyện", "Cấp quyết định"),
           help="Đơn vị hành chính có Chủ tịch UBND quyết định công nhận danh hiệu (xã/phường từ 07/2025, "
                "quận/huyện trước đó).", example="phường Long Biên"),
        _c("under_department", "Trực thuộc Sở", "bool", vocab="yes_no", aliases=("Trường trực thuộc Sở",),
           help="Có: trường trực thuộc Sở GDĐT (Giám đốc Sở quyết định).", example="Không"),
        _c("doc_code", "Chữ viết tắt đơn vị", aliases=("Ký hiệu đơn vị", "Viết tắt"),
           help="Dùng trong số/ký hiệu văn bản, ví dụ TTr-THCSLQĐ.", example="THCSLQĐ"),
        _c("regime", "Chế độ áp dụng", aliases=("Chế độ",),
           help="Để trống: tự chọn theo năm học (2017, 2024, 2025). Chỉ điền khi cần ép một chế độ.",
           example=""),
        _c("approval_method", "Hình thức thông qua LĐTT, TTLĐTT", "code", vocab="approval_method",
           aliases=("Hình thức biểu quyết", "Hình thức thông qua danh sách"),
           help="Cách Hội đồng thông qua danh sách Lao động tiên tiến, Tập thể lao động tiên tiến khi không bỏ "
                "phiếu kín các danh hiệu này. Để trống: biểu quyết giơ tay.", example="Biểu quyết giơ tay"),
        _c("approvals_ldtt", "Số thành viên đồng ý danh sách LĐTT", "int",
           aliases=("Số đồng ý LĐTT", "Biểu quyết LĐTT"),
           help="Số thành viên Hội đồng đồng ý thông qua danh sách Lao động tiên tiến (so với ngưỡng "
                "vote.threshold.LDTT). Để trống: biên bản để chỗ trống cho thư ký ghi.", example="9",
           bounds=(0, 1000)),
        _c("approvals_ttldtt", "Số thành viên đồng ý danh sách TTLĐTT", "int",
           aliases=("Số đồng ý TTLĐTT", "Biểu quyết TTLĐTT"),
           help="Số thành viên Hội đồng đồng ý thông qua danh sách Tập thể lao động tiên tiến (so với ngưỡng "
                "vote.threshold.TTLDTT). Để trống: biên bản để chỗ trống cho thư ký ghi.", example="9",
           bounds=(0, 1000)),
        _c("meeting_start", "Giờ bắt đầu họp", aliases=("Giờ họp", "Thời gian bắt đầu"),
           help="Không bắt buộc, ví dụ 8:00 hoặc 14 giờ 30; ghi vào biên bản họp (để trống: … giờ … phút).",
           example="8:00"),
        _c("meeting_end", "Giờ kết thúc họp", aliases=("Thời gian kết thúc",),
           help="Không bắt buộc; ghi vào biên bản họp.", example="10:30"),
        _c("counting_end", "Giờ lập xong biên bản kiểm phiếu", aliases=("Giờ kết thúc kiểm phiếu",),
           help="Không bắt buộc; ghi vào biên bản kiểm phiếu.", example="9:45"),
    ),
    aliases=("Thong tin chung", "Thông tin", "Chung"),
    help="Thông tin chung của trường và cuộc họp xét. Mỗi dòng một mục: cột A là tên mục, cột B là giá trị.",
    layout="keyvalue",
)

OVERRIDES = SheetSpec(
    "overrides",
    "Quy định riêng",
    (
        _c("key", "Mã tham số", required=True, aliases=("Tham số", "Mã"), width=34,
           help="Mã tham số của bộ quy định (xem docs/rules.md), ví dụ ldtt.min_service_months.",
           example="vote.threshold.CSTDCS"),
        _c("value", "Giá trị", required=True, width=24, help="Giá trị mới theo quy chế của trường/tỉnh.",
           example="90% >= total_members"),
        _c("level", "Cấp", "code", vocab="override_level", aliases=("Cấp ban hành",), width=10,
           help="Trường hoặc Tỉnh.", example="Trường"),
        _c("citation", "Căn cứ", aliases=("Văn bản", "Căn cứ (văn bản của trường/tỉnh)"), width=40,
           help="Văn bản của trường/tỉnh quy định giá trị này.", example="Quy chế TĐKT năm học 2024-2025, Điều 6"),
        _c("note", "Ghi chú", width=30),
    ),
    aliases=("Quy dinh rieng", "Ghi đè", "Tham số riêng"),
    help="Các giá trị mà quy chế thi đua của trường hoặc tỉnh quy định khác mặc định. Mỗi dòng thay một "
         "tham số; mọi giải thích kết quả sẽ ghi rõ giá trị đã được điều chỉnh.",
    required=False,
)

TEAMS = SheetSpec(
    "teams",
    "Tổ",
    (
        _c("name", "Tên tổ", required=True, aliases=("Tổ", "Tổ chuyên môn", "Tên tập thể"), width=28,
           example="Tổ Toán - Tin"),
        _c("leader_id", "Mã tổ trưởng", "id", aliases=("Tổ trưởng", "Mã CB tổ trưởng"), example="GV001"),
        _c("rating", "Xếp loại tập thể", "code", vocab="rating", aliases=("Xếp loại tổ", "Mức hoàn thành"),
           help="Mức hoàn thành nhiệm vụ của tổ năm học đang xét.", example="HTXSNV"),
        _c("note", "Ghi chú", width=30),
    ),
    aliases=("To", "Tổ chuyên môn", "Danh sách tổ"),
    help="Danh sách tổ chuyên môn / tổ văn phòng (tập thể được xét danh hiệu tập thể).",
)

STAFF = SheetSpec(
    "staff",
    "Cán bộ",
    (
        _c("id", "Mã CB", "id", required=True, aliases=("Mã cán bộ", "Mã", "Mã GV", "Mã số", "ID"), width=10,
           help="Mã riêng của mỗi người, không trùng.", example="GV001"),
        _c("full_name", "Họ và tên", "name", required=True, aliases=("Họ tên", "Họ, tên", "Tên"), width=26,
           example="Nguyễn Thị Hồng"),
        _c("gender", "Giới tính", "code", vocab="gender", aliases=("Nam/Nữ", "Phái"), width=9, example="Nữ"),
        _c("birth_date", "Ngày sinh", "date", aliases=("Sinh ngày", "Năm sinh"), width=12, example="12/03/1985",
           bounds=BIRTH_YEARS),
        _c("position", "Chức vụ", aliases=("Chức vụ/Môn dạy", "Chức danh", "Môn dạy"), width=20,
           example="Giáo viên Toán"),
        _c("team", "Tổ", aliases=("Tổ chuyên môn", "Tổ CM", "Đơn vị"), width=18, required=True,
           help="Tên tổ, đúng như trang Tổ.", example="Tổ Toán - Tin"),
        _c("recruited_date", "Ngày tuyển dụng", "date", aliases=("Ngày vào đơn vị", "Ngày tuyển"), width=14,
           help="Ngày tuyển dụng/hợp đồng liên tục tại đơn vị.", example="01/09/2010"),
        _c("sector_entry_date", "Ngày vào ngành", "date", aliases=("Ngày vào ngành giáo dục", "Vào ngành"),
           width=14, help="Ngày bắt đầu công tác trong ngành Giáo dục (tính KNC).", example="01/09/2005"),
        _c("contract_type", "Loại hợp đồng", "code", vocab="contract", aliases=("Hình thức", "Biên chế/HĐ"),
           width=16, example="Viên chức"),
        _c("maternity_months", "Nghỉ thai sản (tháng)", "number", aliases=("Thai sản (tháng)", "Nghỉ thai sản"),
           width=11, help="Số tháng nghỉ thai sản trong năm học (được tính như thời gian công tác).", example="6",
           bounds=(0, 12)),
        _c("sick_months", "Nghỉ ốm (tháng)", "number", aliases=("Nghỉ ốm",), width=10, example="0", bounds=(0, 12)),
        _c("study_months", "Đi học (tháng)", "number", aliases=("Đi học, bồi dưỡng (tháng)", "Đi học"),
           width=10, help="Số tháng được cử đi học, bồi dưỡng trong năm học.", example="0", bounds=(0, 12)),
        _c("unpaid_months", "Nghỉ không lương (tháng)", "number", aliases=("Nghỉ việc riêng (tháng)",), width=11,
           example="0", bounds=(0, 12)),
        _c("study_result_ok", "Kết quả học tập từ khá", "bool", vocab="yes_no",
           aliases=("Học tập đạt khá trở lên",), width=10,
           help="Chỉ điền khi đi học từ 1 năm trở lên: Có nếu kết quả từ loại khá trở lên.", example=""),
        _c("rating", "Xếp loại", "code", vocab="rating", required=True,
           aliases=("Xếp loại năm học", "Xếp loại chất lượng", "Đánh giá"), width=10, example="HTXSNV"),
        _c("discipline_level", "Kỷ luật", "code", vocab="discipline",
           aliases=("Hình thức kỷ luật", "Kỷ luật (hình thức)"), width=14, example=""),
        _c("discipline_date", "Ngày quyết định kỷ luật", "date", aliases=("Ngày kỷ luật", "Ngày QĐ kỷ luật"),
           width=14, example=""),
        _c("discipline_end", "Ngày hết hạn kỷ luật", "date",
           aliases=("Hết hạn kỷ luật", "Ngày chấp hành xong kỷ luật"), width=14, example=""),
        _c("pending_discipline", "Đang xem xét kỷ luật", "bool", vocab="yes_no",
           aliases=("Đang bị xem xét kỷ luật", "Đang thanh tra, điều tra"), width=10, example="Không"),
        _c("difficult_area_years", "Số năm ở vùng ĐBKK", "number",
           aliases=("Năm công tác vùng ĐBKK", "Vùng đặc biệt khó khăn (năm)"), width=10,
           help="Số năm công tác ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.", example="0",
           bounds=CAREER_YEARS),
        _c("in_difficult_area_now", "Đang công tác vùng ĐBKK", "bool", vocab="yes_no",
           aliases=("Hiện công tác vùng ĐBKK",), width=10, example="Không"),
        _c("study_military_years", "Năm đi học, nghĩa vụ quân sự", "number",
           aliases=("Đi học/NVQS (năm)", "Thời gian đi học, NVQS (năm)"), width=10,
           help="Thời gian đi học hoặc nghĩa vụ quân sự rồi trở lại ngành, ngoài khoảng từ ngày vào ngành "
                "(tính KNC).", example="0", bounds=CAREER_YEARS),
        _c("outstanding_achievement", "Thành tích nổi bật", "bool", vocab="yes_no",
           aliases=("Có thành tích", "Thành tích (Giấy khen)"), width=10,
           help="Đánh dấu Có khi có thành tích xuất sắc trong phong trào, kỳ thi, hội thi (xét Giấy khen).",
           example="Không"),
        _c("note", "Ghi chú", aliases=("Ghi chu",), width=24),
        _c("hometown", "Quê quán", aliases=("Nguyên quán",), width=24,
           help="Không bắt buộc; ghi vào báo cáo thành tích (để trống: báo cáo để chỗ trống tô vàng).",
           example="Xã Đông Hội, huyện Đông Anh, Hà Nội"),
        _c("residence", "Nơi thường trú", aliases=("Địa chỉ thường trú", "Thường trú"), width=24,
           help="Không bắt buộc; ghi vào báo cáo thành tích.", example="Phường Ngọc Lâm, Hà Nội"),
        _c("qualification", "Trình độ chuyên môn, nghiệp vụ", aliases=("Trình độ chuyên môn", "Trình độ"),
           width=20, help="Không bắt buộc; ghi vào báo cáo thành tích.", example="Đại học Sư phạm Toán"),
        _c("political_theory", "Trình độ lý luận chính trị", aliases=("Lý luận chính trị", "LLCT"), width=14,
           help="Không bắt buộc; ghi vào báo cáo thành tích.", example="Trung cấp"),
        _c("academic_titles", "Học hàm, học vị", aliases=("Học vị", "Học hàm, học vị, danh hiệu, giải thưởng"),
           width=16, help="Không bắt buộc; ghi vào báo cáo thành tích (ví dụ Thạc sĩ).", example="Thạc sĩ"),
    ),
    aliases=("Can bo", "Danh sách cán bộ", "Nhân sự", "CBGVNV", "Cán bộ, giáo viên"),
    help="Mỗi dòng một cán bộ, giáo viên, nhân viên với các dữ kiện năm học đang xét.",
)

REGISTRATIONS = SheetSpec(
    "registrations",
    "Đăng ký thi đua",
    (
        _c("kind", "Cá nhân/Tập thể", "code", vocab="subject_kind", required=True,
           aliases=("Đối tượng", "Loại"), width=14, example="Cá nhân"),
        _c("subject", "Mã CB hoặc tên tổ", "id", required=True,
           aliases=("Mã CB", "Mã cán bộ/Tên tổ", "Mã/Tên tổ", "Người/Tổ đăng ký"), width=22, example="GV001"),
        _c("name", "Họ tên (tham khảo)", "name", aliases=("Họ và tên", "Họ tên"), width=24,
           help="Không bắt buộc; chỉ để dễ đọc.", example="Nguyễn Thị Hồng"),
        _c("title", "Danh hiệu đăng ký", "code", vocab="title", required=True, aliases=("Danh hiệu",), width=30,
           example="Chiến sĩ thi đua cơ sở"),
        _c("date", "Ngày đăng ký", "date", aliases=("Ngày",), width=13, example="25/09/2024"),
    ),
    aliases=("Dang ky thi dua", "Đăng ký", "Đăng ký TĐ"),
    help="Đăng ký thi đua đầu năm học của cá nhân và tập thể. Không đăng ký thì không được xét "
         "(theo quy định của đơn vị).",
)

INITIATIVES = SheetSpec(
    "initiatives",
    "Sáng kiến - Đề tài",
    (
        _c("staff_id", "Mã CB", "id", required=True, aliases=("Mã cán bộ", "Tác giả (mã)"), width=10,
           example="GV001"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên", "Tác giả"), width=24),
        _c("name", "Tên sáng kiến/đề tài", required=True, aliases=("Tên sáng kiến", "Tên đề tài", "Tên"),
           width=44, example="Ứng dụng GeoGebra trong dạy hình học lớp 8"),
        _c("kind", "Loại", "code", vocab="initiative_kind", required=True, aliases=("Sáng kiến/Đề tài",),
           width=12, example="Sáng kiến"),
        _c("level", "Cấp công nhận", "code", vocab="level", required=True,
           aliases=("Cấp", "Phạm vi ảnh hưởng", "Cấp công nhận/phạm vi"), width=14, example="Cơ sở"),
        _c("decision_no", "Số quyết định", aliases=("Số QĐ", "Quyết định số"), width=16, example="45/QĐ-THCS"),
        _c("decision_date", "Ngày quyết định", "date", aliases=("Ngày QĐ",), width=13, example="20/05/2025"),
        _c("school_year", "Năm học", required=True, width=11, example="2024-2025"),
    ),
    aliases=("Sang kien - De tai", "Sáng kiến", "Sáng kiến, đề tài", "SKKN"),
    help="Sáng kiến và đề tài khoa học đã được công nhận, kèm số và ngày quyết định.",
    required=False,
)

ACHIEVEMENTS = SheetSpec(
    "achievements",
    "Thành tích",
    (
        _c("staff_id", "Mã CB", "id", required=True, aliases=("Mã cán bộ",), width=10, example="GV001"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên", "Họ tên"), width=24),
        _c("description", "Nội dung thành tích", required=True, aliases=("Thành tích", "Nội dung"), width=44,
           help="Thành tích cụ thể, như sẽ ghi trong báo cáo thành tích.",
           example="Giải Nhất Hội thi giáo viên dạy giỏi cấp tỉnh"),
        _c("kind", "Loại thành tích", "code", vocab="achievement_kind", required=True, aliases=("Loại",), width=22,
           help="Xuất sắc trong phong trào thi đua; Có phạm vi ảnh hưởng (phương án 'nhiều thành tích có phạm vi "
                "ảnh hưởng' cần đủ số thành tích loại này); Đột xuất.",
           example="Xuất sắc trong phong trào thi đua"),
        _c("level", "Phạm vi ảnh hưởng", "code", vocab="level", required=True,
           aliases=("Cấp công nhận", "Cấp", "Phạm vi"), width=14, example="Cấp tỉnh"),
        _c("decision_no", "Số quyết định", aliases=("Số QĐ", "Quyết định số", "Văn bản công nhận"), width=18,
           help="Số văn bản công nhận thành tích (cần cho hồ sơ đề nghị).", example="512/QĐ-SGDĐT"),
        _c("decision_date", "Ngày quyết định", "date", aliases=("Ngày QĐ",), width=13, example="15/04/2025"),
        _c("issuer", "Cơ quan công nhận", aliases=("Cơ quan ban hành", "Cấp quyết định"), width=24,
           example="Sở GDĐT Hà Nội"),
        _c("school_year", "Năm học", required=True, width=11, example="2024-2025"),
    ),
    aliases=("Thanh tich", "Thành tích nổi bật", "Thành tích đặc biệt"),
    help="Thành tích Hội đồng ghi nhận, không tính ra được từ các trang khác: xuất sắc trong phong trào thi đua, "
         "có phạm vi ảnh hưởng, đột xuất; mỗi dòng một thành tích, kèm văn bản công nhận. Dùng để xét Bằng khen "
         "tỉnh/Bộ theo các phương án khác của Luật 06/2022 Điều 74 khoản 1, và tính là thành tích khi xét Giấy khen.",
    required=False,
)

HISTORY = SheetSpec(
    "history",
    "Lịch sử thi đua",
    (
        _c("subject", "Mã CB hoặc tên tổ", "id", required=True, aliases=("Mã CB", "Mã cán bộ", "Mã/Tên tổ"),
           width=20, example="GV001"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên", "Họ tên"), width=24),
        _c("school_year", "Năm học", required=True, width=11, example="2023-2024"),
        _c("rating", "Xếp loại", "code", vocab="rating", aliases=("Xếp loại năm học",), width=10, example="HTXSNV"),
        _c("title", "Danh hiệu/Khen thưởng", "code", vocab="title",
           aliases=("Danh hiệu", "Khen thưởng", "Danh hiệu, khen thưởng"), width=30,
           example="Chiến sĩ thi đua cơ sở"),
        _c("decision_no", "Số quyết định", aliases=("Số QĐ",), width=18, example="1234/QĐ-UBND"),
        _c("decision_date", "Ngày quyết định", "date", aliases=("Ngày QĐ",), width=13, example="15/07/2024"),
        _c("issuer", "Cơ quan ban hành", aliases=("Cấp quyết định",), width=24, example="UBND quận Long Biên"),
    ),
    aliases=("Lich su thi dua", "Lịch sử", "Quá trình thi đua", "Quá trình khen thưởng"),
    help="Các năm học trước: xếp loại và danh hiệu, khen thưởng đã được công nhận (mỗi dòng một danh hiệu; "
         "năm chỉ có xếp loại thì để trống danh hiệu).",
    required=False,
)

DISCIPLINE = SheetSpec(
    "discipline",
    "Kỷ luật",
    (
        _c("staff_id", "Mã CB", "id", required=True, aliases=("Mã cán bộ",), width=10, example="GV010"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên",), width=24),
        _c("level", "Hình thức kỷ luật", "code", vocab="discipline", required=True, aliases=("Kỷ luật",),
           width=16, example="Khiển trách"),
        _c("decision_no", "Số quyết định", aliases=("Số QĐ",), width=16),
        _c("decision_date", "Ngày quyết định", "date", required=True, aliases=("Ngày QĐ", "Từ ngày"), width=13,
           example="10/03/2012"),
        _c("end_date", "Ngày hết hạn", "date", aliases=("Đến ngày", "Ngày hết hạn kỷ luật"), width=13,
           example="10/03/2013"),
    ),
    aliases=("Ky luat", "Kỷ luật các năm trước"),
    help="Các lần kỷ luật trước đây (ngoài kỷ luật ghi ở trang Cán bộ); dùng để trừ thời gian khi xét "
         "Kỷ niệm chương.",
    required=False,
)

COUNCIL = SheetSpec(
    "council",
    "Hội đồng TĐKT",
    (
        _c("name", "Họ và tên", "name", required=True, aliases=("Họ tên", "Thành viên"), width=26),
        _c("staff_id", "Mã CB", "id", aliases=("Mã cán bộ",), width=10),
        _c("role", "Chức danh trong Hội đồng", "code", vocab="role", required=True,
           aliases=("Chức danh", "Vai trò", "Nhiệm vụ"), width=18, example="Ủy viên"),
        _c("present", "Có mặt", "bool", vocab="attendance", required=True,
           aliases=("Có mặt/Vắng", "Dự họp", "Tham dự"), width=10, example="Có mặt"),
        _c("absence_reason", "Lý do vắng", aliases=("Lý do",), width=22, example=""),
        _c("written_opinion", "Ý kiến bằng văn bản", "bool", vocab="yes_no",
           aliases=("Gửi ý kiến bằng văn bản", "Có ý kiến văn bản"), width=12, example="Không"),
        _c("counting_role", "Ban kiểm phiếu", aliases=("Kiểm phiếu", "Trong Ban kiểm phiếu"), width=14,
           help="Không bắt buộc: Trưởng ban hoặc Thành viên với người trong Ban kiểm phiếu; ghi vào biên bản "
                "kiểm phiếu (để trống cả cột: biên bản để chỗ trống).", example="Thành viên"),
    ),
    aliases=("Hoi dong TDKT", "Hội đồng", "Hội đồng thi đua", "HĐTĐKT"),
    help="Thành viên Hội đồng Thi đua – Khen thưởng, có mặt hay vắng, ý kiến bằng văn bản của người vắng.",
)

ROUNDS = SheetSpec(
    "rounds",
    "Danh sách bỏ phiếu",
    (
        _c("title", "Danh hiệu", "code", vocab="title", required=True, width=30, example="Chiến sĩ thi đua cơ sở"),
        _c("candidate", "Mã CB hoặc tên tổ", "id", required=True, aliases=("Mã CB", "Ứng viên"), width=20,
           example="GV001"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên",), width=24),
        _c("max_choices", "Số được chọn tối đa", "int", aliases=("Tối đa được đồng ý",), width=12,
           help="Ghi một lần cho danh hiệu (dòng đầu): số người tối đa được đồng ý trên một phiếu.", example="",
           bounds=(0, 1000)),
        _c("issued", "Số phiếu phát ra", "int", aliases=("Phát ra",), width=12,
           help="Ghi một lần cho danh hiệu; để trống = số có mặt + số ý kiến bằng văn bản.", example="",
           bounds=(0, 10000)),
    ),
    aliases=("Danh sach bo phieu", "Ứng viên", "Danh sách ứng viên"),
    help="Danh sách in trên phiếu cho từng danh hiệu được bỏ phiếu.",
    required=False,
)

BALLOT_FIXED = (
    _c("number", "Số phiếu", "id", required=True, aliases=("Phiếu số", "STT phiếu", "Số thứ tự phiếu"), width=9,
       example="1"),
    _c("title", "Danh hiệu", "code", vocab="title", required=True, width=26, example="Chiến sĩ thi đua cơ sở"),
    _c("source_kind", "Loại phiếu", "code", vocab="ballot_source", aliases=("Hình thức",), width=16,
       example="Tại cuộc họp"),
    _c("declared_invalid", "Ban kiểm phiếu tuyên bố không hợp lệ", "bool", vocab="yes_no",
       aliases=("Phiếu không hợp lệ", "Không hợp lệ"), width=14, example=""),
    _c("declared_reason", "Lý do không hợp lệ", aliases=("Lý do",), width=22, example=""),
)

BALLOTS = SheetSpec(
    "ballots",
    "Phiếu bầu",
    BALLOT_FIXED,
    aliases=("Phieu bau", "Phiếu", "Nhập phiếu"),
    help="Mỗi dòng một phiếu như Ban kiểm phiếu nhập. Sau các cột cố định, mỗi cột là một ứng viên "
         "(tiêu đề cột = Mã CB hoặc tên tổ, hoặc họ tên). Ô: 1 hoặc x = đồng ý; 0 hoặc - = không đồng ý; "
         "trống = không đánh dấu.",
    required=False,
    layout="ballots",
)

BALLOTS_SECOND = SheetSpec(
    "ballots_second",
    "Phiếu bầu (nhập lần 2)",
    BALLOT_FIXED,
    aliases=("Phiếu bầu lần 2", "Phieu bau (nhap lan 2)", "Nhập phiếu lần 2"),
    help="Nhập lần hai, độc lập, cùng các phiếu ấy (không bắt buộc) để đối chiếu trước khi chứng nhận kết quả.",
    required=False,
    layout="ballots",
)

COLUMN_MAP = SheetSpec(
    "column_map",
    "Ánh xạ cột",
    (
        _c("sheet", "Trang", required=True, aliases=("Trang tính", "Tên trang"), width=24,
           help="Trang chuẩn có cột mang tiêu đề riêng của trường (tên trang như trong sổ tính chuẩn).",
           example="Cán bộ"),
        _c("school_header", "Tiêu đề của trường", required=True, aliases=("Tiêu đề cột của trường", "Tiêu đề riêng"),
           width=32, help="Tiêu đề cột đúng như trong sổ tính của trường.", example="Số hiệu giáo viên"),
        _c("standard", "Cột chuẩn", aliases=("Tiêu đề chuẩn", "Cột tương ứng"), width=32,
           help="Cột chuẩn mà cột ấy chứa (tiêu đề hoặc tên khác được chấp nhận của cột chuẩn, xem từng trang "
                "ở trên). Để trống: cột không dùng.", example="Mã CB"),
    ),
    aliases=("Anh xa cot", "Ánh xạ", "Ánh xạ tiêu đề cột"),
    help="Khi trường giữ tiêu đề cột của mình: mỗi dòng ghi một tiêu đề riêng và cột chuẩn tương ứng; mọi lần "
         "chạy sau đều dùng. Lệnh 'thidua map TỆP' lập sẵn trang này (kèm gợi ý) trong tệp <tên>_anhxa.xlsx đặt "
         "cạnh sổ tính; trang cùng tên trong chính sổ tính (nếu có) được dùng trước.",
    required=False,
)

# ---------------------------------------------------------------- through the year (optional; issue 17)

SCORE_MAX: tuple[int, int] = (0, 1000)  # a score, a deduction, a bonus, a criterion's maximum, a band's floor

CRITERIA = SheetSpec(
    "criteria",
    "Tiêu chí",
    (
        _c("code", "Mã tiêu chí", "id", required=True, aliases=("Mã TC", "Mã"), width=12, example="TC1"),
        _c("name", "Tiêu chí", required=True, aliases=("Tên tiêu chí", "Nội dung tiêu chí"), width=44,
           example="Thực hiện quy chế chuyên môn"),
        _c("group", "Nhóm", aliases=("Nhóm tiêu chí", "Lĩnh vực"), width=20, example="Chuyên môn"),
        _c("max_points", "Điểm tối đa", "number", required=True, aliases=("Điểm chuẩn", "Tối đa"), width=10,
           example="20", bounds=SCORE_MAX),
        _c("weight", "Trọng số", "number", aliases=("Hệ số",), width=9,
           help="Để trống: 1. Điểm tháng theo tiêu chí = tổng (điểm tiêu chí × trọng số).", example="1",
           bounds=(0, 100)),
    ),
    aliases=("Tieu chi", "Tiêu chí chấm điểm", "Tiêu chí thi đua"),
    help="Tiêu chí chấm điểm thi đua của trường: mã, nội dung, nhóm, điểm tối đa và trọng số. Tổng điểm tối đa "
         "(điểm tối đa × trọng số) là mức trần của điểm tháng.",
    required=False,
)

SCORES = SheetSpec(
    "scores",
    "Điểm",
    (
        _c("staff_id", "Mã CB", "id", required=True, aliases=("Mã cán bộ",), width=10, example="GV001"),
        _c("name_ref", "Họ tên (tham khảo)", "name", aliases=("Họ và tên", "Họ tên"), width=24),
        _c("month", "Tháng", aliases=("Tháng chấm",), width=10,
           help="Tháng được chấm: 09/2024, 9/2024 hoặc chỉ số tháng (9: năm lấy theo năm học). Để trống khi "
                "chấm theo đợt.", example="09/2024"),
        _c("phase", "Đợt", "int", aliases=("Đợt thi đua",), width=6,
           help="Số đợt khi chấm cả đợt (không chấm theo tháng).", example="", bounds=(1, 12)),
        _c("criterion", "Mã tiêu chí", "id", aliases=("Tiêu chí",), width=12,
           help="Để trống: dòng ghi tổng điểm tháng. Ghi mã: điểm của một tiêu chí (trang Tiêu chí).",
           example=""),
        _c("self_score", "Tự chấm", "number", aliases=("Điểm tự chấm", "Cá nhân tự chấm"), width=9,
           example="92", bounds=SCORE_MAX),
        _c("team_score", "Tổ chấm", "number", aliases=("Điểm tổ chấm", "Tổ đánh giá"), width=9, example="90",
           bounds=SCORE_MAX),
        _c("council_score", "Hội đồng chấm", "number", aliases=("Điểm Hội đồng", "HĐ chấm", "Hội đồng TĐKT chấm"),
           width=10, help="Điểm được dùng: Hội đồng chấm, nếu trống thì Tổ chấm, nếu trống nữa thì Tự chấm.",
           example="91", bounds=SCORE_MAX),
        _c("deduction", "Điểm trừ", "number", aliases=("Trừ",), width=8, example="0", bounds=SCORE_MAX),
        _c("bonus", "Điểm cộng", "number", aliases=("Cộng", "Điểm thưởng"), width=8, example="0", bounds=SCORE_MAX),
        _c("note", "Ghi chú", width=30),
    ),
    aliases=("Diem", "Chấm điểm", "Điểm thi đua", "Điểm hằng tháng"),
    help="Điểm thi đua hằng tháng (hoặc theo đợt) của từng người: tự chấm, tổ chấm, Hội đồng chấm, điểm trừ, điểm "
         "cộng. Mỗi dòng một tháng (tổng điểm) hoặc một tiêu chí của tháng.",
    required=False,
)

PHASES = SheetSpec(
    "phases",
    "Đợt thi đua",
    (
        _c("number", "Đợt", "int", required=True, aliases=("Đợt số", "Số đợt"), width=6, example="1",
           bounds=(1, 12)),
        _c("start", "Từ ngày", "date", required=True, aliases=("Bắt đầu",), width=12, example="01/08/2024"),
        _c("end", "Đến ngày", "date", required=True, aliases=("Kết thúc",), width=12, example="20/10/2024"),
        _c("theme", "Chủ đề", aliases=("Chủ đề đợt", "Nội dung"), width=44,
           example="Thi đua lập thành tích chào mừng ngày Nhà giáo Việt Nam 20/11"),
    ),
    aliases=("Dot thi dua", "Đợt", "Các đợt thi đua"),
    help="Các đợt thi đua trong năm học: số đợt, từ ngày, đến ngày, chủ đề. 'thidua init' điền sẵn bốn đợt mẫu.",
    required=False,
)

CALENDAR = SheetSpec(
    "calendar",
    "Lịch thi đua",
    (
        _c("task", "Công việc", required=True, aliases=("Nội dung công việc", "Việc"), width=44,
           example="Cá nhân, tập thể đăng ký thi đua"),
        _c("who", "Người thực hiện", aliases=("Bộ phận thực hiện", "Người phụ trách", "Thực hiện"), width=24,
           example="Tổ trưởng"),
        _c("start", "Từ ngày", "date", aliases=("Bắt đầu",), width=12, example="01/10/2024"),
        _c("due", "Hạn", "date", aliases=("Hạn hoàn thành", "Thời hạn", "Đến ngày"), width=12, example="28/10/2024"),
        _c("done", "Đã xong", "bool", vocab="yes_no", aliases=("Hoàn thành", "Xong"), width=9, example="Không"),
        _c("kind", "Loại việc", aliases=("Loại",), width=14,
           help="Không bắt buộc: 'Đăng ký' (hạn đăng ký thi đua, dùng để kiểm tra ngày đăng ký) hoặc 'Hồ sơ' (hạn "
                "nộp hồ sơ). Để trống: nhận ra theo chữ 'đăng ký' / 'hồ sơ' trong cột Công việc.", example="Đăng ký"),
    ),
    aliases=("Lich thi dua", "Lịch", "Kế hoạch thi đua", "Lịch công tác thi đua"),
    help="Lịch công việc thi đua của năm học (phụ lục kế hoạch): công việc, người thực hiện, từ ngày, hạn, đã xong. "
         "'thidua validate' và 'thidua lich' báo việc quá hạn và việc sắp đến hạn.",
    required=False,
)

BANDS = SheetSpec(
    "bands",
    "Xếp loại điểm",
    (
        _c("min_points", "Từ điểm", "number", required=True, aliases=("Điểm từ", "Từ"), width=10, example="90",
           bounds=SCORE_MAX),
        _c("label", "Xếp loại", required=True, aliases=("Mức", "Loại"), width=28, example="Hoàn thành xuất sắc"),
    ),
    aliases=("Xep loai diem", "Thang điểm xếp loại", "Mức xếp loại"),
    help="Quy chế của trường: từ bao nhiêu điểm thì xếp loại gì (mỗi dòng một mức). Để trống: mức mặc định của "
         "thidua_xl (tham số scoring.bands, theo quy chế của đơn vị).",
    required=False,
)

GUIDE_NAME = "Hướng dẫn"

INPUT_SHEETS: tuple[SheetSpec, ...] = (
    INFO, OVERRIDES, TEAMS, STAFF, REGISTRATIONS, INITIATIVES, ACHIEVEMENTS, HISTORY, DISCIPLINE, COUNCIL, ROUNDS,
    BALLOTS, BALLOTS_SECOND, COLUMN_MAP, CRITERIA, SCORES, PHASES, CALENDAR, BANDS,
)
SHEETS: dict[str, SheetSpec] = {s.key: s for s in INPUT_SHEETS}

# Result sheets written by thidua_xl into the results workbook (never into the input).
RESULT_SHEETS: dict[str, str] = {
    "validation": "Kiểm tra dữ liệu",
    "eligibility": "Kết quả xét",
    "tally": "Kết quả kiểm phiếu",
    "reconcile": "Đối chiếu phiếu",
    "teams": "Kết quả xét tập thể",
    "scoring": "Kết quả chấm điểm",
    "scoring_phases": "Chấm điểm theo đợt",
    "scoring_teams": "Chấm điểm theo tổ",
    "scoring_lists": "Danh sách khen theo đợt",
    "scoring_month": "Điểm tháng",
    "calendar": "Nhắc việc thi đua",
}

# ---------------------------------------------------------------- matching helpers



_LOOKUPS: dict[int, tuple[SheetSpec, dict[str, Column]]] = {}


def column_lookup(spec: SheetSpec) -> dict[str, Column]:
    """Folded header/alias → Column for one sheet (built once per sheet spec; do not mutate)."""
    hit = _LOOKUPS.get(id(spec))
    if hit is not None and hit[0] is spec:
        return hit[1]
    out: dict[str, Column] = {}
    for col in spec.columns:
        for text in (col.header, *col.aliases):
            out.setdefault(header_key(text), col)
    _LOOKUPS[id(spec)] = (spec, out)
    return out


def sheet_lookup() -> dict[str, SheetSpec]:
    out: dict[str, SheetSpec] = {}
    for spec in INPUT_SHEETS:
        for text in (spec.name, *spec.aliases):
            out.setdefault(header_key(text), spec)
    return out


@dataclass
class Vocabs:
    """Pre-folded lookups for every vocabulary (built once per read)."""

    maps: dict[str, dict[str, str]] = field(default_factory=lambda: {n: v.lookup() for n, v in VOCABULARIES.items()})


# ---------------------------------------------------------------- what each title's verdict reads

# The input sheets (schema keys) each title's verdict reads, counting the titles it builds on (every
# person title starts from LĐTT's checks; CSTĐCS feeds the higher titles and TTLĐXS). The school
# information, the overrides, the teams and the staff list are always read. The Excel table function
# reads only these, so one title's formula neither waits for nor fails on the others' data; a test
# checks each title against the full workbook.
_ALWAYS = frozenset({"info", "overrides", "teams", "staff"})
_LDTT_SHEETS = frozenset({"registrations", "discipline"})
_CSTDCS_SHEETS = _LDTT_SHEETS | {"initiatives"}
TITLE_SHEETS: dict[Title, frozenset[str]] = {
    Title.LDTT: _LDTT_SHEETS,
    Title.CSTDCS: _CSTDCS_SHEETS,
    Title.CSTD_TINH: _CSTDCS_SHEETS | {"history"},
    Title.CSTD_TQ: _CSTDCS_SHEETS | {"history"},
    Title.BK_TINH: _CSTDCS_SHEETS | {"history", "achievements"},
    Title.BK_BO: _CSTDCS_SHEETS | {"history", "achievements"},
    Title.BK_TTG: _CSTDCS_SHEETS | {"history"},
    Title.GIAY_KHEN: _LDTT_SHEETS | {"achievements"},
    Title.KNC: _LDTT_SHEETS | {"history"},
    Title.TTLDTT: _CSTDCS_SHEETS,
    Title.TTLDXS: _CSTDCS_SHEETS,
}


def sheets_for(titles: AbstractSet[Title]) -> frozenset[str]:
    """Schema keys of the input sheets the verdicts for ``titles`` depend on."""
    out = set(_ALWAYS)
    for title in titles:
        out |= TITLE_SHEETS[title]
    return frozenset(out)
