"""Reader tolerances: real .xlsx files written with openpyxl, read back with python-calamine.

The helper at the top (:func:`sheets`, :func:`write_xlsx`) builds a small valid standard workbook from
plain row lists, like a secretary types them; the defect, writer and CLI tests import it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import unicodedata
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import wbfactory

from thidua_xl.core import model as m
from thidua_xl.core.subjects import Subjects, resolve_subject
from thidua_xl.core.tally import round_candidates
from thidua_xl.errors import InputError
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import (
    CellError,
    read_tables,
    read_workbook,
    to_date,
    to_id,
    to_number,
    to_school_year,
)

# ---------------------------------------------------------------- fixture workbook (shared helper)

STAFF_HEADERS = [c.header for c in s.STAFF.columns]


def staff_row(sid: Any, name: str, team: str, rating: str = "HTTNV", **kw: Any) -> list[Any]:
    """One "Cán bộ" row in canonical column order; keyword arguments by column key."""
    values: dict[str, Any] = {"id": sid, "full_name": name, "gender": "Nữ", "birth_date": "12/03/1985",
                              "position": "Giáo viên", "team": team, "recruited_date": "01/09/2010",
                              "sector_entry_date": "01/09/2010", "contract_type": "Viên chức", "rating": rating,
                              "pending_discipline": "Không", **kw}
    return [values.get(c.key) for c in s.STAFF.columns]


def sheets() -> dict[str, list[list[Any]]]:
    """A small valid workbook: 5 staff in 2 teams, every input sheet filled."""
    return {
        s.INFO.name: [
            ["Mục", "Giá trị"],
            ["Tên trường *", "Trường THCS Thử Nghiệm"],
            ["Cơ quan chủ quản *", "UBND PHƯỜNG LONG BIÊN"],
            ["Năm học *", "2024-2025"],
            ["Địa danh", "Long Biên"],
            ["Ngày họp Hội đồng", "25/05/2025"],
            ["Hiệu trưởng", "Trần Văn Bình"],
            ["Thư ký Hội đồng", "Lê Thị Mai"],
            ["Trực thuộc Sở", "Không"],
        ],
        s.TEAMS.name: [["Tên tổ", "Mã tổ trưởng", "Xếp loại tập thể", "Ghi chú"],
                       ["Tổ Toán - Tin", "GV001", "HTXSNV", ""], ["Tổ Ngữ văn", "GV003", "HTTNV", ""]],
        s.STAFF.name: [
            list(STAFF_HEADERS),
            staff_row("GV001", "Nguyễn Thị Hồng", "Tổ Toán - Tin", "HTXSNV"),
            staff_row("GV002", "Phạm Văn An", "Tổ Toán - Tin", gender="Nam"),
            staff_row("GV003", "Lê Thu Hà", "Tổ Ngữ văn", maternity_months=6),
            staff_row("GV004", "Đỗ Minh Châu", "Tổ Ngữ văn", "HTNV", discipline_level="Khiển trách",
                      discipline_date="10/01/2025", discipline_end="10/01/2026"),
            staff_row("GV005", "Vũ Thị Lan", "Tổ Ngữ văn"),
        ],
        s.REGISTRATIONS.name: [
            ["Cá nhân/Tập thể", "Mã CB hoặc tên tổ", "Họ tên (tham khảo)", "Danh hiệu đăng ký", "Ngày đăng ký"],
            ["Cá nhân", "GV001", "Nguyễn Thị Hồng", "Chiến sĩ thi đua cơ sở", "20/09/2024"],
            ["Cá nhân", "GV002", "Phạm Văn An", "Lao động tiên tiến", "20/09/2024"],
            ["Tập thể", "Tổ Toán - Tin", "", "Tập thể lao động tiên tiến", "20/09/2024"],
        ],
        s.INITIATIVES.name: [
            ["Mã CB", "Họ tên (tham khảo)", "Tên sáng kiến/đề tài", "Loại", "Cấp công nhận", "Số quyết định",
             "Ngày quyết định", "Năm học"],
            ["GV001", "Nguyễn Thị Hồng", "Dạy hình học với GeoGebra", "Sáng kiến", "Cơ sở", "12/QĐ-THCS",
             "20/05/2025", "2024-2025"],
        ],
        s.HISTORY.name: [
            ["Mã CB hoặc tên tổ", "Họ tên (tham khảo)", "Năm học", "Xếp loại", "Danh hiệu/Khen thưởng",
             "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"],
            ["GV001", "Nguyễn Thị Hồng", "2023-2024", "HTXSNV", "Chiến sĩ thi đua cơ sở", "1234/QĐ-UBND",
             "15/07/2024", "UBND quận Long Biên"],
            ["Tổ Toán - Tin", "", "2023-2024", "", "Tập thể lao động tiên tiến", "1235/QĐ-UBND", "15/07/2024",
             "UBND quận Long Biên"],
        ],
        s.DISCIPLINE.name: [
            ["Mã CB", "Họ tên (tham khảo)", "Hình thức kỷ luật", "Số quyết định", "Ngày quyết định", "Ngày hết hạn"],
            ["GV005", "Vũ Thị Lan", "Cảnh cáo", "5/QĐ-PGD", "15/03/2012", "15/03/2013"],
        ],
        s.COUNCIL.name: [
            ["Họ và tên", "Mã CB", "Chức danh trong Hội đồng", "Có mặt", "Lý do vắng", "Ý kiến bằng văn bản"],
            ["Trần Văn Bình", "", "Chủ tịch", "Có mặt", "", "Không"],
            ["Lê Thị Mai", "", "Thư ký", "Có mặt", "", "Không"],
            ["Nguyễn Thị Hồng", "GV001", "Ủy viên", "Có mặt", "", "Không"],
            ["Lê Thu Hà", "GV003", "Ủy viên", "Vắng", "Nghỉ thai sản", "Có"],
        ],
        s.ROUNDS.name: [
            ["Danh hiệu", "Mã CB hoặc tên tổ", "Họ tên (tham khảo)", "Số được chọn tối đa", "Số phiếu phát ra"],
            ["Chiến sĩ thi đua cơ sở", "GV001", "Nguyễn Thị Hồng", 1, 4],
            ["Chiến sĩ thi đua cơ sở", "GV002", "Phạm Văn An", None, None],
        ],
        s.BALLOTS.name: [
            [c.header for c in s.BALLOT_FIXED] + ["GV001", "GV002"],
            [1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None],
            [2, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "1", "0"],
            [3, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", "-"],
            [4, "Chiến sĩ thi đua cơ sở", "Ý kiến bằng văn bản", None, None, "đồng ý", None],
        ],
    }


def write_xlsx(path: Path, data: dict[str, list[list[Any]]] | None = None, title_rows: int = 0,
               extra_sheets: dict[str, list[list[Any]]] | None = None) -> Path:
    """Write ``data`` (default :func:`sheets`) as a real .xlsx (see :func:`wbfactory.write`)."""
    return wbfactory.write(path, {**(data if data is not None else sheets()), **(extra_sheets or {})}, title_rows,
                           title="TRƯỜNG THCS THỬ NGHIỆM")


def problems_of(data: m.SchoolData) -> set[tuple[str, str, str, int | None, str]]:
    """(severity, code, sheet, row, column letter) of every problem."""
    return {(p.severity, p.code, p.sheet, p.row, p.column.split(" ")[0]) for p in data.problems}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- a clean workbook


def test_clean_workbook_reads_into_model_objects(tmp_path: Path) -> None:
    p = write_xlsx(tmp_path / "truong.xlsx")
    data = read_workbook(p)
    assert data.problems == []
    assert data.path == str(p)
    info = data.info
    assert (info.school_name, info.school_year, info.meeting_date) == ("Trường THCS Thử Nghiệm", "2024-2025",
                                                                       dt.date(2025, 5, 25))
    assert info.consideration_date == info.meeting_date and info.under_department is False
    assert [x.id for x in data.staff] == ["GV001", "GV002", "GV003", "GV004", "GV005"]
    hong, an, ha, chau, lan = data.staff
    assert hong.rating is m.Rating.HTXSNV and an.gender is m.Gender.NAM and hong.gender is m.Gender.NU
    assert hong.birth_date == dt.date(1985, 3, 12) and hong.contract_type is m.ContractType.VIEN_CHUC
    assert hong.source == m.SourceRef("Cán bộ", 2)
    assert ha.absence.maternity_months == 6 and isinstance(ha.absence.maternity_months, Fraction)
    assert chau.disciplines[0].level is m.DisciplineLevel.KHIEN_TRACH
    assert chau.disciplines[0].end_date == dt.date(2026, 1, 10)
    assert lan.disciplines[0].level is m.DisciplineLevel.CANH_CAO  # from the "Kỷ luật" sheet
    assert lan.disciplines[0].source == m.SourceRef("Kỷ luật", 2)
    assert [t.name for t in data.teams] == ["Tổ Toán - Tin", "Tổ Ngữ văn"]
    team_reg = data.registrations[2]
    assert team_reg.is_team and team_reg.subject == "Tổ Toán - Tin" and team_reg.title is m.Title.TTLDTT
    assert data.initiatives[0].kind is m.InitiativeKind.SANG_KIEN and data.initiatives[0].level is m.Level.CO_SO
    assert data.history[1].is_team and data.history[1].title is m.Title.TTLDTT
    assert data.council[3].present is False and data.council[3].written_opinion is True
    assert data.council[2].role is m.CouncilRole.UY_VIEN and data.council[0].role is m.CouncilRole.CHU_TICH
    rnd = data.rounds[0]
    assert (rnd.title, rnd.candidates, rnd.max_choices, rnd.issued) == (m.Title.CSTDCS, ["GV001", "GV002"], 1, 4)
    b2, b4 = data.ballots[1], data.ballots[3]
    assert b2.number == "2" and b2.marks == {"GV001": m.Mark.APPROVE, "GV002": m.Mark.DISAPPROVE}
    assert b2.raw == {"GV001": "1", "GV002": "0"} and b2.source == m.SourceRef("Phiếu bầu", 3)
    assert b4.source_kind is m.BallotSource.WRITTEN and b4.marks["GV002"] is m.Mark.BLANK
    assert data.ballots_second is None  # no second-entry sheet


def test_input_file_is_never_written(tmp_path: Path) -> None:
    p = write_xlsx(tmp_path / "truong.xlsx")
    os.chmod(p, 0o444)  # read-only: any attempt to write would fail loudly
    before, mtime = _sha(p), p.stat().st_mtime_ns
    read_workbook(p)
    assert _sha(p) == before and p.stat().st_mtime_ns == mtime
    assert sorted(x.name for x in tmp_path.iterdir()) == ["truong.xlsx"]  # no lock or temp file either


# ---------------------------------------------------------------- tolerances


def test_header_below_merged_title_rows(tmp_path: Path) -> None:
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", title_rows=3))
    assert data.problems == []
    assert len(data.staff) == 5 and data.staff[0].source == m.SourceRef("Cán bộ", 5)  # header on row 4
    assert data.ballots[0].source.row == 5 and data.registrations[0].source.row == 5


def test_alias_headers_in_any_case_and_stray_spaces(tmp_path: Path) -> None:
    d = sheets()
    staff = d[s.STAFF.name]
    staff[0][0] = "MÃ CÁN BỘ"
    staff[0][1] = "  họ  TÊN : "
    staff[0][14] = "Xếp loại năm học (*)"
    d[s.COUNCIL.name][0][0] = "HỌ VÀ TÊN"
    d[s.REGISTRATIONS.name][0][3] = "Danh hiệu"
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []  # a header matched through an alias is not a problem
    assert data.staff[0].full_name == "Nguyễn Thị Hồng" and data.staff[0].rating is m.Rating.HTXSNV
    assert data.council[0].name == "Trần Văn Bình"


def test_nfd_text_stray_spaces_and_case_are_normalised(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][1][1] = unicodedata.normalize("NFD", "  nguyễn   THỊ hồng ")
    d[s.STAFF.name][2][5] = unicodedata.normalize("NFD", " tổ toán -  tin")  # team, other case and spacing
    d[s.STAFF.name][3][14] = " htxsnv "
    d[s.TEAMS.name][2][0] = unicodedata.normalize("NFD", "Tổ Ngữ văn")
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    hong = data.staff[0]
    assert hong.full_name == "Nguyễn Thị Hồng" and unicodedata.is_normalized("NFC", hong.full_name)
    assert data.staff[1].team == "Tổ Toán - Tin"  # the name as written on the Tổ sheet
    assert data.staff[2].rating is m.Rating.HTXSNV
    assert data.teams[1].name == "Tổ Ngữ văn" and unicodedata.is_normalized("NFC", data.teams[1].name)


def test_numbers_stored_as_text_and_numeric_ids(tmp_path: Path) -> None:
    d = sheets()
    d[s.STAFF.name][3] = staff_row("GV003", "Lê Thu Hà", "Tổ Ngữ văn", maternity_months="2,5", sick_months="1 tháng",
                                   difficult_area_years="3", study_military_years=1.5)
    d[s.STAFF.name].append(staff_row(7, "Hồ Văn Bảy", "Tổ Ngữ văn"))  # ID typed as a number
    d[s.REGISTRATIONS.name].append(["Cá nhân", 7.0, "", "Lao động tiên tiến", "20/09/2024"])
    d[s.BALLOTS.name][1][0] = 1.0
    d[s.ROUNDS.name][1][3] = "1"
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    ha = data.staff[2]
    assert ha.absence.maternity_months == Fraction(5, 2) and ha.absence.sick_months == 1
    assert ha.difficult_area_years == 3 and ha.study_military_years == Fraction(3, 2)
    assert data.staff[-1].id == "7" and data.registrations[-1].subject == "7"
    assert data.ballots[0].number == "1" and data.rounds[0].max_choices == 1


def test_dates_as_text_excel_dates_and_serials(tmp_path: Path) -> None:
    d = sheets()
    rows = d[s.STAFF.name]
    rows[1][3] = dt.datetime(1985, 3, 12)  # a real Excel date cell
    rows[2][3] = "2/1/1990"  # d/m/yyyy
    rows[3][3] = "1988-11-20"  # ISO
    rows[4][3] = 34829  # a serial number without date format: 1995-05-10
    rows[5][3] = "ngày 5 tháng 9 năm 1991"
    rows[1][6] = "01.09.2008"
    d[s.INFO.name][5][1] = dt.date(2025, 5, 25)
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    assert [p.birth_date for p in data.staff] == [dt.date(1985, 3, 12), dt.date(1990, 1, 2), dt.date(1988, 11, 20),
                                                   dt.date(1995, 5, 10), dt.date(1991, 9, 5)]
    assert data.staff[0].recruited_date == dt.date(2008, 9, 1)
    assert data.info.meeting_date == dt.date(2025, 5, 25)


def test_trailing_empty_rows_whitespace_rows_and_extra_columns(tmp_path: Path) -> None:
    d = sheets()
    staff = d[s.STAFF.name]
    staff[0].append("Số điện thoại")  # a column the school added
    staff[1].append("0912 345 678")
    staff.insert(3, [None] * 5)  # a blank row in the middle
    staff.extend([[None] * 3, ["  ", None, " "], [None, None, None, None, None, None, "\u00a0"]])
    d[s.REGISTRATIONS.name].extend([["", "", "", "", ""]] * 3)
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    assert len(data.staff) == 5 and data.staff[2].source.row == 5  # row numbers still those of Excel


def test_unknown_sheets_and_result_sheets_are_ignored(tmp_path: Path) -> None:
    extra = {"Kết quả xét": [["Mã CB", "Kết quả"], ["GV001", "???"]], "Ghi chú của tôi": [["bất kỳ", 1, None]],
             "Hướng dẫn": [["Đọc kỹ"]]}
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", extra_sheets=extra))
    assert data.problems == [] and len(data.staff) == 5


def test_sheet_names_by_alias_and_case(tmp_path: Path) -> None:
    d = sheets()
    d["DANH SÁCH CÁN BỘ"] = d.pop(s.STAFF.name)
    d["Hội đồng"] = d.pop(s.COUNCIL.name)
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == [] and data.staff[0].source.sheet == "DANH SÁCH CÁN BỘ" and len(data.council) == 4


def test_info_sheet_tolerances(tmp_path: Path) -> None:
    d = sheets()
    info = d[s.INFO.name]
    info.insert(0, ["THÔNG TIN CHUNG CỦA TRƯỜNG"])
    info[4][1] = "2024 – 2025"  # spaces and an en dash
    info.append(["Mục riêng của trường", "giữ lại"])
    info.append(["Ngày xét", "31/05/2025"])
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    assert data.info.school_year == "2024-2025" and data.info.consideration_date == dt.date(2025, 5, 31)
    assert data.info.extra == {"Mục riêng của trường": "giữ lại"}


def test_ballot_headers_by_name_team_and_id_with_name(tmp_path: Path) -> None:
    d = sheets()
    d.pop(s.ROUNDS.name)
    d[s.BALLOTS.name] = [
        [c.header for c in s.BALLOT_FIXED] + ["STT", "GV001 - Nguyễn Thị Hồng", "PHẠM VĂN AN", "Tổ Ngữ văn"],
        [1, "CSTĐCS", "", None, None, 1, "X", "", None],
        [2, "Chiến sĩ thi đua cơ sở", "", None, None, 2, "✓", "không", None],
        [1, "Tập thể lao động xuất sắc", "", None, None, 3, None, None, "x"],
        [1, "TTLĐXS", "", None, None, 4, None, None, "1"],  # duplicate number: the tally decides, not the reader
    ]
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == []
    assert data.ballots[0].marks == {"GV001": m.Mark.APPROVE, "GV002": m.Mark.BLANK, "Tổ Ngữ văn": m.Mark.BLANK}
    assert data.ballots[1].marks["GV002"] is m.Mark.DISAPPROVE and data.ballots[1].raw["GV002"] == "không"
    # No list rows: the reader declares no round; the tally takes the candidates marked on the ballots.
    assert data.rounds == []
    rounds = {title: r.candidates for title, r in round_candidates(data).rounds.items()}
    assert rounds == {m.Title.CSTDCS: ["GV001", "GV002"], m.Title.TTLDXS: ["Tổ Ngữ văn"]}


def test_second_entry_sheet(tmp_path: Path) -> None:
    d = sheets()
    d[s.BALLOTS_SECOND.name] = [list(r) for r in d[s.BALLOTS.name]]
    data = read_workbook(write_xlsx(tmp_path / "a.xlsx", d))
    assert data.problems == [] and data.ballots_second is not None and len(data.ballots_second) == 4
    d[s.BALLOTS_SECOND.name] = d[s.BALLOTS.name][:1]  # header only: no second entry was made
    assert read_workbook(write_xlsx(tmp_path / "b.xlsx", d)).ballots_second is None


def test_read_tables_is_host_independent() -> None:
    """What the Excel face passes: values through xlwings (None for blanks, floats, datetimes, ragged rows)."""
    d = sheets()
    d[s.STAFF.name][1] = d[s.STAFF.name][1][:15]  # trailing blanks trimmed
    d[s.STAFF.name][2][3] = dt.datetime(1990, 1, 2)
    d[s.BALLOTS.name][1][0] = 1.0
    data = read_tables(d, path="[Book1]")
    assert data.problems == [] and data.path == "[Book1]"
    assert data.staff[1].birth_date == dt.date(1990, 1, 2) and data.ballots[0].number == "1"


# ---------------------------------------------------------------- converters


@pytest.mark.parametrize(("value", "expected"), [
    ("05/09/2024", dt.date(2024, 9, 5)), ("5/9/2024", dt.date(2024, 9, 5)), ("2024-09-05", dt.date(2024, 9, 5)),
    ("05-09-2024", dt.date(2024, 9, 5)), ("05.09.2024", dt.date(2024, 9, 5)), ("05/09/24", dt.date(2024, 9, 5)),
    ("05/09/2024 00:00:00", dt.date(2024, 9, 5)), (45540, dt.date(2024, 9, 5)), (45540.5, dt.date(2024, 9, 5)),
    ("45540", dt.date(2024, 9, 5)), (dt.datetime(2024, 9, 5, 8, 30), dt.date(2024, 9, 5)),
    ("Ngày 05 tháng 9 năm 2024", dt.date(2024, 9, 5)), ("", None), (None, None), ("  ", None),
])
def test_to_date(value: object, expected: dt.date | None) -> None:
    assert to_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2024", "32/01/2024", "00/01/2024", "hôm qua", "12/2024", "05/09/198",
                                   True, -3])
def test_to_date_rejects(value: object) -> None:
    with pytest.raises(CellError):
        to_date(value)


def test_other_converters() -> None:
    assert to_id(1.0) == "1" and to_id(12) == "12" and to_id(" GV001 ") == "GV001" and to_id("GV001") == "GV001"
    assert to_id(unicodedata.normalize("NFD", "Tổ Văn")) == "Tổ Văn"
    assert to_number("2,5") == Fraction(5, 2) and to_number(0.1) == Fraction(1, 10) and to_number("6 tháng") == 6
    assert to_school_year("2023 - 2024") == "2023-2024" and to_school_year("2023/2024") == "2023-2024"


def test_ids_in_another_case_and_one_row_sheets_from_a_host() -> None:
    d: dict[str, Any] = sheets()
    d[s.REGISTRATIONS.name][1][1] = "gv001"  # typed in lower case on another sheet
    d[s.DISCIPLINE.name] = d[s.DISCIPLINE.name][0]  # xlwings gives a flat list for a one-row range
    data = read_tables(d)
    assert data.problems == []
    assert data.registrations[0].subject == "GV001" and data.staff[4].disciplines == []


# ---------------------------------------------------------------- one resolver of a person or team

_PEOPLE = [("GV001", "Nguyễn Thị Hồng"), ("GV002", "Lê Văn An"), ("GV003", "Lê Văn An"), ("gv004", "Trần Bình")]
_TEAMS = ["Tổ Toán - Tin", "Tổ Văn phòng"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("GV001", ("GV001", False)),  # staff ID as listed
    ("gv001", ("GV001", False)),  # in another case
    ("GV004", ("gv004", False)),
    ("tổ toán - tin", ("Tổ Toán - Tin", True)),  # team name folded
    ("Tổ Văn phòng:", ("Tổ Văn phòng", True)),
    ("NGUYỄN THỊ HỒNG", ("GV001", False)),  # full name folded
    ("GV002 - Lê Văn An", ("GV002", False)),  # "ID - name"
    ("gv003: Lê Văn An", ("GV003", False)),
    ("Lê Văn An", ["GV002", "GV003"]),  # ambiguous: the IDs in list order
    ("Nguyen Thi Hong", None),  # accents are not folded away
    ("GV009 - Nguyễn Thị Hồng", None),
])
def test_subjects_find(typed: str, expected: object) -> None:
    assert Subjects(_PEOPLE, _TEAMS).find(typed) == expected


def test_resolve_subject_messages_and_duplicate_people() -> None:
    people = _PEOPLE + [("GV001", "Nguyễn Thị Hồng")]  # one row per verdict: the same person twice
    assert resolve_subject(" Nguyễn Thị Hồng ", people, _TEAMS) == ("GV001", False)
    with pytest.raises(InputError, match="GV002, GV003"):
        resolve_subject("lê văn an", people, _TEAMS)
    with pytest.raises(InputError, match="GV001"):  # the unknown message gives the first ID as an example
        resolve_subject("Không ai", people, _TEAMS)


def test_ballot_header_and_round_list_use_the_resolver() -> None:
    d: dict[str, Any] = sheets()
    staff = d[s.STAFF.name]
    header = d[s.BALLOTS.name][0]
    first_id, first_name = staff[1][0], staff[1][1]
    expected = read_tables(d)
    idx = header.index(first_id)
    header[idx] = f"{first_id.lower()} - {first_name}"
    data = read_tables(d)
    assert data.problems == expected.problems
    assert [b.marks for b in data.ballots] == [b.marks for b in expected.ballots]
