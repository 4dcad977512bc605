"""The coded vocabularies (titles, ratings, discipline, levels, ...): code, Vietnamese label, aliases.

The one home of every label: the workbook's drop-downs and reader, the core's sentences, the result
sheets, the dossier and the notebook all take their labels from here (:func:`label`, :func:`title_label`).
Bottom layer: imports only :mod:`thidua_xl.text`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from thidua_xl.text import header_key


@dataclass(frozen=True)
class Choice:
    code: str  # model enum value
    label: str  # shown in the drop-down (Vietnamese)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    name: str
    choices: tuple[Choice, ...]
    help: str = ""

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.choices]

    def lookup(self) -> dict[str, str]:
        """Folded label/alias/code → code."""
        out: dict[str, str] = {}
        for c in self.choices:
            for text in (c.label, c.code, *c.aliases):
                out[header_key(text)] = c.code
        return out


VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        Vocabulary(
            "rating",
            (
                Choice("HTXSNV", "HTXSNV", ("Hoàn thành xuất sắc nhiệm vụ", "Xuất sắc", "HTXS")),
                Choice("HTTNV", "HTTNV", ("Hoàn thành tốt nhiệm vụ", "Tốt", "HTT")),
                Choice("HTNV", "HTNV", ("Hoàn thành nhiệm vụ", "Hoàn thành", "HT")),
                Choice("KHTNV", "KHTNV", ("Không hoàn thành nhiệm vụ", "Không hoàn thành", "KHT")),
            ),
            "Xếp loại chất lượng năm học (NĐ 90/2020, NĐ 48/2023).",
        ),
        Vocabulary(
            "title",
            (
                Choice("LDTT", "Lao động tiên tiến", ("LĐTT", "LDTT")),
                Choice("CSTDCS", "Chiến sĩ thi đua cơ sở", ("CSTĐCS", "CSTDCS", "CSTĐ cơ sở")),
                Choice(
                    "CSTD_TINH",
                    "Chiến sĩ thi đua cấp tỉnh",
                    ("CSTĐ cấp tỉnh", "CSTĐ tỉnh", "Chiến sĩ thi đua cấp bộ", "CSTD_TINH"),
                ),
                Choice("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", ("CSTĐ toàn quốc", "CSTĐTQ", "CSTD_TQ")),
                Choice(
                    "BK_TINH",
                    "Bằng khen UBND tỉnh",
                    ("Bằng khen tỉnh", "Bằng khen Chủ tịch UBND tỉnh", "BK tỉnh", "BK_TINH"),
                ),
                Choice("BK_BO", "Bằng khen Bộ trưởng", ("Bằng khen Bộ GDĐT", "Bằng khen Bộ", "BK Bộ", "BK_BO")),
                Choice(
                    "BK_TTG",
                    "Bằng khen Thủ tướng",
                    ("Bằng khen Thủ tướng Chính phủ", "BK TTg", "BKTTG", "BK_TTG"),
                ),
                Choice("GIAY_KHEN", "Giấy khen", ("GK", "GIAY_KHEN")),
                Choice(
                    "KNC",
                    "Kỷ niệm chương Vì sự nghiệp giáo dục",
                    ("Kỷ niệm chương", 'Kỷ niệm chương "Vì sự nghiệp giáo dục"', "KNC"),
                ),
                Choice("TTLDTT", "Tập thể lao động tiên tiến", ("TTLĐTT", "TTLDTT")),
                Choice("TTLDXS", "Tập thể lao động xuất sắc", ("TTLĐXS", "TTLDXS")),
            ),
            "Danh hiệu thi đua và hình thức khen thưởng.",
        ),
        Vocabulary(
            "discipline",
            (
                Choice("KHIEN_TRACH", "Khiển trách"),
                Choice("CANH_CAO", "Cảnh cáo"),
                Choice("HA_BAC_LUONG", "Hạ bậc lương", ("Hạ bậc",)),
                Choice("GIANG_CHUC", "Giáng chức"),
                Choice("CACH_CHUC", "Cách chức"),
                Choice("BUOC_THOI_VIEC", "Buộc thôi việc"),
            ),
            "Hình thức kỷ luật (Luật Viên chức; NĐ 112/2020/NĐ-CP), từ nhẹ đến nặng.",
        ),
        Vocabulary(
            "initiative_kind",
            (
                Choice("SANG_KIEN", "Sáng kiến", ("SK", "Sáng kiến kinh nghiệm", "SKKN")),
                Choice("DE_TAI", "Đề tài", ("Đề tài khoa học", "Đề tài NCKH", "Đề án", "Công trình khoa học")),
            ),
        ),
        Vocabulary(
            "level",
            (
                Choice("CO_SO", "Cơ sở", ("Cấp cơ sở", "Cấp trường", "Trường")),
                Choice("HUYEN", "Cấp huyện", ("Huyện", "Quận", "Cấp quận", "Cấp xã", "Xã", "Phường")),
                Choice("TINH", "Cấp tỉnh", ("Tỉnh", "Thành phố", "Cấp bộ", "Bộ", "Cấp ngành")),
                Choice("TOAN_QUOC", "Toàn quốc", ("Cấp toàn quốc", "Quốc gia")),
            ),
            "Cấp công nhận / phạm vi ảnh hưởng của sáng kiến, đề tài.",
        ),
        Vocabulary(
            "achievement_kind",
            (
                Choice("PHONG_TRAO", "Xuất sắc trong phong trào thi đua",
                       ("Phong trào", "Phong trào thi đua", "Thành tích xuất sắc trong phong trào thi đua",
                        "Thành tích xuất sắc", "Tiêu biểu")),
                Choice("ANH_HUONG", "Có phạm vi ảnh hưởng",
                       ("Ảnh hưởng", "Nhiều thành tích", "Nhiều thành tích có phạm vi ảnh hưởng",
                        "Thành tích có phạm vi ảnh hưởng")),
                Choice("DOT_XUAT", "Đột xuất", ("Thành tích đột xuất",)),
            ),
            "Loại thành tích Hội đồng ghi nhận (phương án xét Bằng khen tỉnh/Bộ; Luật 06/2022 Điều 74 khoản 1).",
        ),
        Vocabulary("yes_no", (Choice("1", "Có", ("x", "1", "yes", "true", "đúng", "rồi")),
                              Choice("0", "Không", ("0", "no", "false", "sai", "-")))),
        Vocabulary("gender", (Choice("NAM", "Nam", ("M", "male")), Choice("NU", "Nữ", ("Nu", "F", "female")))),
        Vocabulary(
            "contract",
            (
                Choice("VIEN_CHUC", "Viên chức", ("Biên chế", "Công chức", "VC")),
                Choice("HOP_DONG", "Hợp đồng lao động", ("Hợp đồng", "HĐLĐ", "HĐ", "Hợp đồng 111")),
            ),
        ),
        Vocabulary(
            "role",
            (
                Choice("CHU_TICH", "Chủ tịch", ("Chủ tịch Hội đồng", "CT")),
                Choice("PHO_CHU_TICH", "Phó Chủ tịch", ("Phó Chủ tịch Hội đồng", "PCT")),
                Choice("THU_KY", "Thư ký", ("Thư ký Hội đồng", "TK")),
                Choice("UY_VIEN", "Ủy viên", ("Uỷ viên", "Thành viên", "UV")),
            ),
        ),
        Vocabulary(
            "attendance",
            (Choice("1", "Có mặt", ("Dự họp", "Có", "x")), Choice("0", "Vắng", ("Vắng mặt", "Không"))),
        ),
        Vocabulary(
            "subject_kind",
            (
                Choice("PERSON", "Cá nhân", ("CN",)),
                Choice("TEAM", "Tập thể", ("Tổ", "TT")),
            ),
        ),
        Vocabulary(
            "ballot_source",
            (
                Choice("MEETING", "Tại cuộc họp", ("Tại họp", "Trực tiếp", "")),
                Choice("WRITTEN", "Ý kiến bằng văn bản", ("Văn bản", "Bằng văn bản", "Phiếu xin ý kiến")),
            ),
        ),
        Vocabulary(
            "approval_method",
            (
                Choice("HANDS", "Biểu quyết giơ tay", ("Giơ tay", "Biểu quyết", "Biểu quyết công khai")),
                Choice("SLIPS", "Phiếu biểu quyết", ("Phiếu", "Bỏ phiếu", "Bằng phiếu", "Phiếu kín", "Bỏ phiếu kín")),
            ),
            "Cách Hội đồng thông qua danh sách không bỏ phiếu kín (LĐTT, TTLĐTT).",
        ),
        Vocabulary(
            "override_level",
            (Choice("trường", "Trường", ("cấp trường",)), Choice("tỉnh", "Tỉnh", ("cấp tỉnh", "Sở", "Thành phố"))),
        ),
    )
}

# Ballot marks: what the counting committee may type in a candidate cell.
MARKS: dict[str, str] = {
    "APPROVE": "1, x, đồng ý, ✓ — đồng ý",
    "DISAPPROVE": "0, -, không, gạch — không đồng ý",
    "BLANK": "ô trống — không đánh dấu",
}
MARK_ALIASES: dict[str, str] = {
    **dict.fromkeys(["1", "x", "đồng ý", "dong y", "đ", "có", "✓", "✔", "v", "đy"], "APPROVE"),
    **dict.fromkeys(["0", "-", "không", "khong", "k", "gạch", "không đồng ý", "kđy", "✗"], "DISAPPROVE"),
    "": "BLANK",
}


@cache
def _labels(vocab: str) -> dict[str, str]:
    return {c.code: c.label for c in VOCABULARIES[vocab].choices}


def label(vocab: str, code: object) -> str:
    """The label of ``code`` (an enum member or its value) in ``vocab``; the code itself when unknown."""
    value = getattr(code, "value", code)
    return _labels(vocab).get(str(value), str(value))


def title_label(title: object) -> str:
    """Vietnamese name of a title code: ``title_label("LDTT") == "Lao động tiên tiến"``."""
    return label("title", title)
