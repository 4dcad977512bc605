"""Every defect the reader must report: severity, code, sheet, Excel row and column letter, Vietnamese text.

Fixture rows (see test_reader.sheets): "Cán bộ" row 2 = GV001 … row 6 = GV005; columns follow the schema
(A Mã CB, B Họ và tên, C Giới tính, D Ngày sinh, F Tổ, J Nghỉ thai sản, O Xếp loại, P Kỷ luật, T Số năm ĐBKK).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_reader import problems_of, sheets, staff_row, write_xlsx

from thidua_xl.core import model as m
from thidua_xl.errors import InputError
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import read_workbook


def _read(tmp_path: Path, d: dict[str, list[list[Any]]]) -> m.SchoolData:
    return read_workbook(write_xlsx(tmp_path / "loi.xlsx", d))


def _one(data: m.SchoolData, code: str) -> m.Problem:
    found = [p for p in data.problems if p.code == code]
    assert len(found) == 1, data.problems
    return found[0]


def test_duplicate_staff_id(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name].append(staff_row("GV002", "Vũ Văn Bình", "Tổ Ngữ văn"))
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "DUPLICATE_ID", "Cán bộ", 7, "A")}
    p = data.problems[0]
    assert p.column == "A (Mã CB)" and p.value == "GV002"
    assert p.message == "Mã cán bộ 'GV002' bị trùng (đã có ở dòng 3)." and p.suggestion
    assert len(data.staff) == 5  # the first one is kept


def test_unknown_team_in_registration_and_on_staff(tmp_path: Path) -> None:
    d = sheets()
    d[s.REGISTRATIONS.name].append(["Tập thể", "Tổ Hóa", "", "Tập thể lao động tiên tiến", "20/09/2024"])
    d[s.STAFF.name][2][5] = "Tổ Hoá học"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "UNKNOWN_TEAM", "Đăng ký thi đua", 5, "B"),
                                 ("error", "UNKNOWN_TEAM", "Cán bộ", 3, "F")}
    reg = next(p for p in data.problems if p.sheet == "Đăng ký thi đua")
    assert reg.message == "Tổ 'Tổ Hóa' không có trong trang 'Tổ'." and "trang 'Tổ'" in reg.suggestion
    assert len(data.registrations) == 3


def test_impossible_date(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][3][3] = "31/02/2024"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "BAD_VALUE", "Cán bộ", 4, "D")}
    p = data.problems[0]
    assert p.message == "Ngày '31/02/2024' không tồn tại."
    assert p.suggestion.startswith("Sửa thành ngày có thật, dạng dd/mm/yyyy")
    assert p.column == "D (Ngày sinh)" and p.value == "31/02/2024"
    assert data.staff[2].birth_date is None  # the rest of the person is still read


def test_text_that_is_not_a_date(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][2][6] = "tháng 9"
    p = _one(_read(tmp_path, d), "BAD_VALUE")
    assert (p.row, p.column, p.message) == (3, "G (Ngày tuyển dụng)", "'tháng 9' không phải là ngày.")


def test_rating_outside_the_list(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][4][14] = "Giỏi"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "BAD_VALUE", "Cán bộ", 5, "O")}
    p = data.problems[0]
    assert p.message == "Giá trị 'Giỏi' không có trong danh sách."
    assert p.suggestion == "Chọn một trong: HTXSNV, HTTNV, HTNV, KHTNV."


def test_values_outside_other_vocabularies_suggest_the_labels(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][1][2] = "Khác"
    d[s.REGISTRATIONS.name][2][3] = "Giáo viên dạy giỏi"
    d[s.COUNCIL.name][2][3] = "Có lẽ"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "BAD_VALUE", "Cán bộ", 2, "C"),
                                 ("error", "BAD_VALUE", "Đăng ký thi đua", 3, "D"),
                                 ("error", "BAD_VALUE", "Hội đồng TĐKT", 3, "D")}
    by_sheet = {p.sheet: p for p in data.problems}
    assert by_sheet["Cán bộ"].suggestion == "Chọn một trong: Nam, Nữ."
    assert "Lao động tiên tiến" in by_sheet["Đăng ký thi đua"].suggestion
    assert "Có mặt, Vắng" in by_sheet["Hội đồng TĐKT"].suggestion


def test_records_naming_a_person_not_on_the_staff_sheet(tmp_path: Path) -> None:
    d = sheets()
    d[s.REGISTRATIONS.name].append(["Cá nhân", "GV999", "", "Lao động tiên tiến", "20/09/2024"])
    d[s.INITIATIVES.name].append(["GV998", "", "Sáng kiến X", "Sáng kiến", "Cơ sở", "", "", "2024-2025"])
    d[s.HISTORY.name].append(["GV997", "", "2022-2023", "HTTNV", "", "", "", ""])
    d[s.DISCIPLINE.name].append(["GV996", "", "Khiển trách", "", "01/01/2015", ""])
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "UNKNOWN_PERSON", "Đăng ký thi đua", 5, "B"),
                                 ("error", "UNKNOWN_PERSON", "Sáng kiến - Đề tài", 3, "A"),
                                 ("error", "UNKNOWN_PERSON", "Lịch sử thi đua", 4, "A"),
                                 ("error", "UNKNOWN_PERSON", "Kỷ luật", 3, "A")}
    reg = next(p for p in data.problems if p.sheet == "Đăng ký thi đua")
    assert reg.message == "Mã cán bộ 'GV999' không có trong trang Cán bộ." and reg.value == "GV999"
    assert len(data.registrations) == 3 and len(data.initiatives) == 1 and len(data.history) == 2


def test_missing_required_value(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][5][1] = "   "
    d[s.REGISTRATIONS.name][2][3] = None
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "MISSING_VALUE", "Cán bộ", 6, "B"),
                                 ("error", "MISSING_VALUE", "Đăng ký thi đua", 3, "D")}
    p = next(p for p in data.problems if p.sheet == "Cán bộ")
    assert p.column == "B (Họ và tên)" and p.message == "Ô 'Họ và tên' còn trống."


def test_missing_required_column_and_sheet(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name] = [row[:14] + row[15:] for row in d[s.STAFF.name]]  # drop "Xếp loại"
    del d[s.COUNCIL.name]
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "MISSING_COLUMN", "Cán bộ", 1, "Xếp"),
                                 ("error", "MISSING_SHEET", "Hội đồng TĐKT", None, "")}
    col = _one(data, "MISSING_COLUMN")
    assert col.column == "Xếp loại" and col.message == "Thiếu cột 'Xếp loại'." and "Đánh giá" in col.suggestion
    assert _one(data, "MISSING_SHEET").message == "Thiếu trang tính 'Hội đồng TĐKT'."
    assert len(data.staff) == 5  # everything else is still read


def test_sheet_without_a_header_row(tmp_path: Path) -> None:
    d = sheets()
    d[s.TEAMS.name] = [["Toán"], ["Văn"]]
    data = _read(tmp_path, d)
    p = _one(data, "NO_HEADER")
    assert (p.severity, p.sheet) == ("error", "Tổ") and "Tên tổ" in p.suggestion


def test_bad_school_year(tmp_path: Path) -> None:
    d = sheets()
    d[s.INFO.name][3][1] = "2024-2026"
    d[s.HISTORY.name][1][2] = "2023"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "BAD_SCHOOL_YEAR", "Thông tin chung", 4, "B"),
                                 ("error", "BAD_VALUE", "Lịch sử thi đua", 2, "C")}
    p = _one(data, "BAD_SCHOOL_YEAR")
    assert p.message == "Năm học '2024-2026' không đúng dạng." and "2024-2025" in p.suggestion


def test_missing_general_information(tmp_path: Path) -> None:
    d = sheets()
    d[s.INFO.name][6][1] = ""  # Hiệu trưởng
    d[s.INFO.name] = [r for r in d[s.INFO.name] if r[0] != "Địa danh"]
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "MISSING_VALUE", "Thông tin chung", 6, "B"),
                                 ("error", "MISSING_VALUE", "Thông tin chung", None, "B")}


def test_months_out_of_range_and_negative_numbers(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][1][9] = 13
    d[s.STAFF.name][2][19] = "-2"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "BAD_VALUE", "Cán bộ", 2, "J"), ("error", "BAD_VALUE", "Cán bộ", 3, "T")}
    months = next(p for p in data.problems if p.row == 2)
    assert months.message == "Số tháng '13' nằm ngoài khoảng 0–12."


def test_unreadable_ballot_mark_is_a_warning(tmp_path: Path) -> None:
    d = sheets()
    d[s.BALLOTS.name][2][5] = "x?"
    data = _read(tmp_path, d)
    assert problems_of(data) == {("warning", "UNREADABLE_MARK", "Phiếu bầu", 3, "F")}
    p = data.problems[0]
    assert p.column == "F (GV001)" and p.value == "x?" and "không hợp lệ" in p.message
    ballot = data.ballots[1]
    assert ballot.marks["GV001"] is m.Mark.UNREADABLE and ballot.raw["GV001"] == "x?"
    assert data.errors == []


def test_duplicate_ballot_number_is_not_a_reader_problem(tmp_path: Path) -> None:
    d = sheets()
    d[s.BALLOTS.name][2][0] = 1
    data = _read(tmp_path, d)
    assert data.problems == [] and [b.number for b in data.ballots] == ["1", "1", "3", "4"]


def test_unknown_ambiguous_and_duplicate_candidates(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name].append(staff_row("GV006", "Phạm Văn An", "Tổ Ngữ văn"))  # a namesake of GV002
    d[s.BALLOTS.name][0] += ["GV404", "Phạm Văn An", "gv001"]
    d[s.ROUNDS.name].append(["Chiến sĩ thi đua cơ sở", "Ai đó", "", None, None])
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "UNKNOWN_CANDIDATE", "Phiếu bầu", 1, "H"),
                                 ("error", "AMBIGUOUS_CANDIDATE", "Phiếu bầu", 1, "I"),
                                 ("error", "DUPLICATE_CANDIDATE", "Phiếu bầu", 1, "J"),
                                 ("error", "UNKNOWN_CANDIDATE", "Danh sách bỏ phiếu", 4, "B")}
    assert "GV002, GV006" in _one(data, "AMBIGUOUS_CANDIDATE").message


def test_title_not_for_this_kind_of_subject(tmp_path: Path) -> None:
    d = sheets()
    d[s.REGISTRATIONS.name].append(["Cá nhân", "GV003", "", "Tập thể lao động xuất sắc", "20/09/2024"])
    d[s.REGISTRATIONS.name].append(["Tập thể", "Tổ Ngữ văn", "", "Lao động tiên tiến", "20/09/2024"])
    d[s.REGISTRATIONS.name].append(["Tập thể", "Tổ Ngữ văn", "", "Giấy khen", "20/09/2024"])  # allowed
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "TITLE_KIND_MISMATCH", "Đăng ký thi đua", 5, "D"),
                                 ("error", "TITLE_KIND_MISMATCH", "Đăng ký thi đua", 6, "D")}
    first = next(p for p in data.problems if p.row == 5)
    assert first.message == ("Danh hiệu 'Tập thể lao động xuất sắc' chỉ dành cho tập thể, nhưng dòng này là "
                             "cá nhân.")


def test_duplicate_team_and_unknown_leader(tmp_path: Path) -> None:
    d = sheets()
    d[s.TEAMS.name].append(["tổ ngữ  văn", "GV404", "", ""])
    d[s.TEAMS.name].append(["Tổ Văn phòng", "GV404", "", ""])
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "DUPLICATE_TEAM", "Tổ", 4, "A"),
                                 ("warning", "UNKNOWN_PERSON", "Tổ", 5, "B")}


def test_warnings_that_catch_typing_slips(tmp_path: Path) -> None:
    d = sheets()
    d[s.REGISTRATIONS.name][2][2] = "Lê Thu Hà"  # GV002 is Phạm Văn An: probably a mistyped ID
    d[s.REGISTRATIONS.name][1][2] = "nguyen thi hong"  # same name without diacritics: fine
    d[s.REGISTRATIONS.name].append(["Cá nhân", "GV002", "", "Lao động tiên tiến", "21/09/2024"])
    d[s.STAFF.name][2][6] = "01/09/2026"  # recruited after the meeting
    d[s.STAFF.name][4][17] = "01/01/2024"  # discipline ends before it starts (10/01/2025)
    d[s.STAFF.name][3][10] = 8  # 6 months maternity + 8 sick
    d[s.HISTORY.name].append(["GV002", "", "2022-2023", "", "", "", "", ""])
    d[s.STAFF.name][0].append("Ghi chú")  # a second "Ghi chú" column
    data = _read(tmp_path, d)
    assert problems_of(data) == {("warning", "NAME_MISMATCH", "Đăng ký thi đua", 3, "C"),
                                 ("warning", "DUPLICATE_REGISTRATION", "Đăng ký thi đua", 5, "B"),
                                 ("warning", "FUTURE_DATE", "Cán bộ", 3, "G"),
                                 ("warning", "END_BEFORE_START", "Cán bộ", 5, "R"),
                                 ("warning", "ABSENCE_TOTAL", "Cán bộ", 4, "J"),
                                 ("warning", "HISTORY_EMPTY", "Lịch sử thi đua", 4, "D"),
                                 ("warning", "DUPLICATE_COLUMN", "Cán bộ", 1, "AD")}  # after the last column
    assert data.errors == []
    slip = _one(data, "NAME_MISMATCH")
    assert slip.message == "Họ tên 'Lê Thu Hà' khác với tên của mã 'GV002' trên trang Cán bộ ('Phạm Văn An')."
    assert _one(data, "FUTURE_DATE").message == "Ngày '01/09/2026' ở sau ngày xét 25/05/2025."


def test_every_problem_is_collected_not_only_the_first(tmp_path: Path) -> None:
    """The issue's planted defects, all in one workbook: each one reported, each with sheet/row/column."""
    d = sheets()
    d[s.STAFF.name][0][1] = "HỌ TÊN"  # a header renamed to an alias: no problem
    d[s.STAFF.name].append(staff_row("GV002", "Vũ Văn Bình", "Tổ Ngữ văn"))  # row 7: duplicate ID
    d[s.STAFF.name][3][3] = "31/02/2024"  # row 4: impossible date
    d[s.STAFF.name][4][14] = "Giỏi"  # row 5: rating outside the list
    d[s.REGISTRATIONS.name].append(["Tập thể", "Tổ Hóa", "", "Tập thể lao động tiên tiến", "20/09/2024"])
    d[s.REGISTRATIONS.name].append(["Cá nhân", "GV999", "", "Lao động tiên tiến", "20/09/2024"])
    d[s.BALLOTS.name][3][6] = "??"  # row 4, column G: unreadable mark
    data = _read(tmp_path, d)
    assert problems_of(data) == {("error", "DUPLICATE_ID", "Cán bộ", 7, "A"),
                                 ("error", "BAD_VALUE", "Cán bộ", 4, "D"),
                                 ("error", "BAD_VALUE", "Cán bộ", 5, "O"),
                                 ("error", "UNKNOWN_TEAM", "Đăng ký thi đua", 5, "B"),
                                 ("error", "UNKNOWN_PERSON", "Đăng ký thi đua", 6, "B"),
                                 ("warning", "UNREADABLE_MARK", "Phiếu bầu", 4, "G")}
    for p in data.problems:
        assert p.message and p.suggestion and p.value
        assert p.as_dict()["muc_do"] in ("lỗi", "cảnh báo")


def test_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_workbook(tmp_path / "khong_co.xlsx")
    junk = tmp_path / "rac.xlsx"
    junk.write_text("không phải excel", encoding="utf-8")
    with pytest.raises(InputError, match="không phải sổ tính Excel"):
        read_workbook(junk)
