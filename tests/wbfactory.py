"""Build small, real standard workbooks with openpyxl for tests (rows given as lists, like a secretary types)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from thidua_xl.workbook import schema as s

INFO = [
    ["Tên trường", "Trường THCS Thử Nghiệm"],
    ["Cơ quan chủ quản", "UBND PHƯỜNG LONG BIÊN"],
    ["Năm học", "2024-2025"],
    ["Địa danh", "Long Biên"],
    ["Ngày họp Hội đồng", "25/05/2025"],
    ["Hiệu trưởng", "Trần Văn Bình"],
    ["Thư ký Hội đồng", "Lê Thị Mai"],
    ["Xã/Phường (Quận/Huyện)", "quận Long Biên"],
    ["Tỉnh/Thành phố", "Hà Nội"],
]
TEAMS = [["Tên tổ", "Mã tổ trưởng", "Xếp loại tập thể"], ["Tổ Toán", "GV001", "HTXSNV"], ["Tổ Văn", "GV003", "HTTNV"]]
STAFF_HEADER = ["Mã CB", "Họ và tên", "Giới tính", "Ngày sinh", "Chức vụ", "Tổ", "Ngày tuyển dụng", "Ngày vào ngành",
                "Xếp loại", "Kỷ luật", "Ngày quyết định kỷ luật", "Ngày hết hạn kỷ luật", "Nghỉ thai sản (tháng)"]
STAFF = [
    STAFF_HEADER,
    ["GV001", "Nguyễn Thị Hồng", "Nữ", "12/03/1985", "Giáo viên Toán", "Tổ Toán", "01/09/2008", "01/09/2008",
     "HTXSNV", None, None, None, None],
    ["GV002", "Phạm Văn An", "Nam", "02/01/1990", "Giáo viên Toán", "Tổ Toán", "01/09/2012", "01/09/2012", "HTTNV",
     None, None, None, None],
    ["GV003", "Lê Thu Hà", "Nữ", "20/11/1988", "Giáo viên Văn", "Tổ Văn", "01/09/2010", "01/09/2010", "HTTNV", None,
     None, None, "6"],
    ["GV004", "Đỗ Minh Châu", "Nữ", "05/05/1995", "Giáo viên Văn", "Tổ Văn", "01/09/2020", "01/09/2020", "HTNV",
     "Khiển trách", "10/01/2025", "10/01/2026", None],
]
REGISTRATIONS = [
    ["Cá nhân/Tập thể", "Mã CB hoặc tên tổ", "Danh hiệu đăng ký", "Ngày đăng ký"],
    ["Cá nhân", "GV001", "Chiến sĩ thi đua cơ sở", "20/09/2024"],
    ["Cá nhân", "GV002", "Lao động tiên tiến", "20/09/2024"],
    ["Tập thể", "Tổ Toán", "Tập thể lao động tiên tiến", "20/09/2024"],
]
INITIATIVES = [
    ["Mã CB", "Tên sáng kiến/đề tài", "Loại", "Cấp công nhận", "Số quyết định", "Ngày quyết định", "Năm học"],
    ["GV001", "Dạy hình học với GeoGebra", "Sáng kiến", "Cơ sở", "12/QĐ-THCS", "20/05/2025", "2024-2025"],
]
HISTORY = [
    ["Mã CB hoặc tên tổ", "Năm học", "Xếp loại", "Danh hiệu/Khen thưởng", "Số quyết định"],
    ["GV001", "2023-2024", "HTXSNV", "Chiến sĩ thi đua cơ sở", "1234/QĐ-UBND"],
    ["GV001", "2022-2023", "HTXSNV", "Lao động tiên tiến", "987/QĐ-UBND"],
]
COUNCIL = [
    ["Họ và tên", "Mã CB", "Chức danh trong Hội đồng", "Có mặt", "Lý do vắng", "Ý kiến bằng văn bản"],
    ["Trần Văn Bình", "", "Chủ tịch", "Có mặt", "", "Không"],
    ["Lê Thị Mai", "", "Thư ký", "Có mặt", "", "Không"],
    ["Nguyễn Thị Hồng", "GV001", "Ủy viên", "Có mặt", "", "Không"],
    ["Phạm Văn An", "GV002", "Ủy viên", "Có mặt", "", "Không"],
    ["Lê Thu Hà", "GV003", "Ủy viên", "Vắng", "Nghỉ thai sản", "Có"],
]
BALLOTS = [
    ["Số phiếu", "Danh hiệu", "Loại phiếu", "Ban kiểm phiếu tuyên bố không hợp lệ", "Lý do không hợp lệ", "GV001",
     "GV002"],
    [1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None],
    [2, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "1", None],
    [3, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None],
    [4, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None, "x", None],
    [5, "Chiến sĩ thi đua cơ sở", "Ý kiến bằng văn bản", None, None, "x", None],
]
ROUNDS = [["Danh hiệu", "Mã CB hoặc tên tổ"], ["Chiến sĩ thi đua cơ sở", "GV001"]]


def base_sheets() -> dict[str, list[list[Any]]]:
    return {
        s.INFO.name: [list(r) for r in INFO],
        s.TEAMS.name: [list(r) for r in TEAMS],
        s.STAFF.name: [list(r) for r in STAFF],
        s.REGISTRATIONS.name: [list(r) for r in REGISTRATIONS],
        s.INITIATIVES.name: [list(r) for r in INITIATIVES],
        s.HISTORY.name: [list(r) for r in HISTORY],
        s.COUNCIL.name: [list(r) for r in COUNCIL],
        s.ROUNDS.name: [list(r) for r in ROUNDS],
        s.BALLOTS.name: [list(r) for r in BALLOTS],
    }


def write(path: Path, sheets: dict[str, list[list[Any]]] | None = None, title_rows: int = 0,
          title: str = "DANH SÁCH") -> Path:
    """Write sheets (default: a small valid workbook) as a real .xlsx. ``title_rows`` puts that many rows
    above every table header, the first a merged title (and from 3 rows a merged school-year line), as
    schools do."""
    from openpyxl import Workbook  # heavy: only the tests that write a real .xlsx

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in (base_sheets() if sheets is None else sheets).items():
        ws = wb.create_sheet(name)
        offset = 0
        if title_rows and name != s.INFO.name:
            ws.cell(row=1, column=1, value=f"{title} — {name.upper()}")
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
            if title_rows > 2:
                ws.cell(row=2, column=1, value="Năm học 2024-2025")
                ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=6)
            offset = title_rows
        for r, row in enumerate(rows, start=1 + offset):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v)
    wb.save(path)
    return path
