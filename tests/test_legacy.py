"""Legacy Vietnamese encodings (TCVN3/ABC, VNI): a corpus of names converted both ways, names that look
alike in both encodings, and no conversion of real Unicode Vietnamese or ASCII."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from thidua_xl import legacy as L

NAMES = [
    "Nguyễn Thị Hồng", "Trần Văn Bình", "Đào Thị Ưng", "Lê Ngọc Ánh", "Phạm Thị Ngọc Ánh", "Hoàng Thị Hằng",
    "Vũ Thị Ỷ", "Dương Quốc Vượng", "Trương Thị Thuỷ", "Lý Hữu Tĩnh", "Ông Ích Khiêm", "Đặng Thùy Dương",
    "Bùi Thị Nguyệt Ánh", "Ngô Quang Huy", "Đỗ Thị Lệ Quyên", "Hồ Xuân Hương", "Võ Thị Sáu", "Phan Bội Châu",
    "Huỳnh Thúc Kháng", "Lương Thế Vinh", "Trịnh Thị Huyền Trang", "Âu Dương Khải", "Ứng Văn Ước",
    "Ông Thị Ổn", "Ỷ Lan", "Ấu Triệu", "Giàng A Páo", "Lò Văn Bún", "Quàng Thị Ỏn", "Tổ Toán - Tin",
    "Tổ Ngữ văn - Lịch sử", "Giáo viên Tiếng Anh", "Trường THCS Lê Quý Đôn", "Nghỉ ốm 2 tháng",
]
CAPS = ["NGUYỄN VĂN ẤT", "TRẦN THỊ ỨNG", "ĐẶNG THỊ YẾN", "LÊ QUÝ ĐÔN", "PHẠM NGỌC THẠCH"]


@pytest.mark.parametrize("enc", [L.TCVN3, L.VNI])
@pytest.mark.parametrize("name", NAMES + CAPS)
def test_names_round_trip_and_are_detected(name: str, enc: str) -> None:
    typed = L.encode(name, enc)
    assert typed != name
    assert L.decode(typed, enc) == name
    assert L.detect(typed) == enc, typed
    assert L.to_unicode(typed) == (name, enc)
    assert unicodedata.is_normalized("NFC", L.to_unicode(typed)[0])


def test_every_letter_in_both_encodings() -> None:
    letters = "aàáảãạăằắẳẵặâầấẩẫậđeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ"
    for ch in letters + letters.upper():
        word = "B" + ch + "n" if ch.islower() else ch
        for enc in (L.TCVN3, L.VNI):
            assert L.decode(L.encode(word, enc), enc) == word, (ch, enc)


def test_known_spellings() -> None:
    # as old files really hold them (Windows-1252 letters standing for the font's glyphs)
    assert L.to_unicode("NguyÔn ThÞ Hång") == ("Nguyễn Thị Hồng", L.TCVN3)
    assert L.to_unicode("Nguyeãn Thò Hoàng") == ("Nguyễn Thị Hồng", L.VNI)
    assert L.to_unicode("Tr\u00ad¬ng ThÞ Thuû") == ("Trương Thị Thuỷ", L.TCVN3)
    assert L.to_unicode("Tieáng Vieät") == ("Tiếng Việt", L.VNI)
    assert L.to_unicode("TiÕng ViÖt") == ("Tiếng Việt", L.TCVN3)


@pytest.mark.parametrize("text", NAMES + CAPS + [
    "GV001", "Nguyen Van An", "Hoàng", "Thò", "Tó", "Müller", "José", "François", "H'Hen Niê", "Y Moan Êban",
    "Ksor H'Lan", "Nguyễn Thị Hoà", "Tô Thị Thuý", "Đinh Thị Ánh", "Châu Ngọc Diễm", "Ngô Thị Nguyệt",
    "Ghi chú: đã nghỉ 3 tháng (ốm)", "45/QĐ-THCS", "", "  ", "Phòng GD&ĐT", "Zoë", "Ñandú",
])
def test_no_false_positive_on_unicode_or_ascii(text: str) -> None:
    assert L.detect(text) == ""
    assert L.to_unicode(text) == (text, "")


def test_look_alike_in_both_encodings() -> None:
    # VNI for "Thị Hồng" is itself correct Unicode ("Thò Hoàng"): without a font, a lone cell stays as typed;
    # in a column whose other cells are VNI (and none has a Unicode-only letter), it is VNI too.
    vni = L.encode("Thị Hồng", L.VNI)
    assert vni == "Thò Hoàng" and L.detect(vni) == ""
    column = [L.encode(n, L.VNI) for n in ("Nguyễn Thị Hồng", "Trần Văn Bình")] + [vni]
    assert L.column_encoding(column) == L.VNI
    assert L.to_unicode(vni, L.VNI) == ("Thị Hồng", L.VNI)
    # one Unicode-only letter anywhere: the column is Unicode, ambiguous cells stay
    assert L.column_encoding(column + ["Dương"]) == ""
    # TCVN3 and VNI spell "Lê Tuấn" with different bytes and each is read in its own encoding
    t3, vn = L.encode("Lê Tuấn", L.TCVN3), L.encode("Lê Tuấn", L.VNI)
    assert (L.detect(t3), L.detect(vn)) == (L.TCVN3, L.VNI)
    # the same characters read in each encoding give different names: the one that reads as Vietnamese wins
    assert L.decode("Hoµng", L.VNI) != "Hoàng" and L.to_unicode("Hoµng") == ("Hoàng", L.TCVN3)


def test_fonts() -> None:
    assert L.font_encoding(".VnTime") == L.TCVN3
    assert L.font_encoding(".VnTimeH") == L.TCVN3 + "H"
    assert L.font_encoding(".VnArialH") == L.TCVN3 + "H"
    assert L.font_encoding("VNI-Times") == L.VNI
    assert L.font_encoding("Times New Roman") == L.font_encoding("Calibri") == L.font_encoding(None) == ""
    # an upper-case font draws lower-case codes as capitals
    assert L.to_unicode("NguyÔn ThÞ Hång", L.TCVN3 + "H") == ("NGUYỄN THỊ HỒNG", L.TCVN3)
    assert L.to_unicode("Nguyen", L.TCVN3 + "H") == ("NGUYEN", L.TCVN3)
    # a font says so even where statistics could not tell
    assert L.to_unicode("Tó", L.TCVN3) == ("Tú", L.TCVN3)


# ---------------------------------------------------------------- in a real workbook


def _legacy_workbook(path: Path) -> Path:
    from openpyxl import load_workbook  # heavy: only the tests that write a real .xlsx
    from openpyxl.styles import Font

    from tests import wbfactory

    sheets = wbfactory.base_sheets()
    staff = sheets["Cán bộ"]
    staff[1][1] = L.encode("Nguyễn Thị Hồng", L.TCVN3)  # .VnTime font set below
    staff[2][1] = L.encode("Phạm Văn An", L.VNI)  # no legacy font: statistics
    staff[3][1] = L.encode("Lê Thu Hà", L.TCVN3).lower()  # .VnTimeH: drawn in capitals
    staff[4][1] = L.encode("Đỗ Minh Châu", L.TCVN3)  # statistics
    reg = sheets["Đăng ký thi đua"]
    reg[0].append("Họ tên (tham khảo)")
    reg[1].append(L.encode("Nguyễn Thị Hồng", L.TCVN3))
    sheets["Thông tin chung"][5][1] = L.encode("Trần Văn Bình", L.VNI)
    sheets["Phiếu bầu"][0][6] = L.encode("Phạm Văn An", L.TCVN3)  # a candidate column headed by a name
    wbfactory.write(path, sheets)
    wb = load_workbook(path)
    wb["Cán bộ"]["B2"].font = Font(name=".VnTime")
    wb["Cán bộ"]["B4"].font = Font(name=".VnTimeH")
    wb.save(path)
    return path


def test_workbook_names_in_tcvn3_and_vni_are_read_as_unicode(tmp_path: Path) -> None:
    import hashlib

    from thidua_xl.workbook.fonts import font_cells
    from thidua_xl.workbook.reader import read_workbook

    path = _legacy_workbook(tmp_path / "cu.xlsx")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    assert font_cells(path, ["Cán bộ"]) == {"Cán bộ": {(1, 1): L.TCVN3, (3, 1): L.TCVN3 + "H"}}
    data = read_workbook(path)
    names = {p.id: p.full_name for p in data.staff}
    assert names == {"GV001": "Nguyễn Thị Hồng", "GV002": "Phạm Văn An", "GV003": "Lê Thu Hà",
                     "GV004": "Đỗ Minh Châu"}
    assert data.info.principal == "Trần Văn Bình"
    legacy = [p for p in data.problems if p.code == "LEGACY_ENCODING"]
    assert all(p.severity == "warning" for p in legacy)
    where = {(p.sheet, p.row, p.column) for p in legacy}
    assert where == {("Cán bộ", r, "B (Họ và tên)") for r in (2, 3, 4, 5)} | {
        ("Đăng ký thi đua", 2, "E (Họ tên (tham khảo))"), ("Thông tin chung", 6, "B (Hiệu trưởng)"),
        ("Phiếu bầu", 1, f"G ({L.encode('Phạm Văn An', L.TCVN3)})")}
    assert all("GV002" in b.marks for b in data.ballots)
    gv1 = next(p for p in legacy if p.sheet == "Cán bộ" and p.row == 2)
    assert gv1.value == "NguyÔn ThÞ Hång" and "'NguyÔn ThÞ Hång' được đọc là 'Nguyễn Thị Hồng'" in gv1.message
    assert "TCVN3" in gv1.message
    assert "VNI" in next(p for p in legacy if p.sheet == "Cán bộ" and p.row == 3).message
    # the reference name now matches: no misleading "gõ nhầm mã" warning
    assert not [p for p in data.problems if p.code == "NAME_MISMATCH"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the input is never altered


def test_unicode_workbook_has_no_conversion_and_loads_no_font_reader(tmp_path: Path) -> None:
    from tests import wbfactory
    from thidua_xl.workbook.fonts import font_cells, legacy_fonts_in
    from thidua_xl.workbook.reader import read_workbook

    path = wbfactory.write(tmp_path / "moi.xlsx")
    assert not legacy_fonts_in(path) and font_cells(path, ["Cán bộ"]) == {}
    assert not [p for p in read_workbook(path).problems if p.code == "LEGACY_ENCODING"]


def test_the_dossier_gets_the_unicode_names(tmp_path: Path) -> None:
    import docx  # heavy: python-docx only in the tests that open a real .docx

    from thidua_xl import cli

    path = _legacy_workbook(tmp_path / "cu.xlsx")
    assert cli.main(["report", str(path), "-o", str(tmp_path / "ho_so")]) == 0
    minutes = next((tmp_path / "ho_so").glob("03_*.docx"))
    text = "\n".join(p.text for p in docx.Document(str(minutes)).paragraphs)
    assert "Nguyễn Thị Hồng" in text and "Trần Văn Bình" in text
    assert "NguyÔn" not in text and "Traàn" not in text
