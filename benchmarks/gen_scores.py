"""Synthetic workbook for the scoring benchmark: N staff (default 50,000) × 10 months of scores.

    python benchmarks/gen_scores.py [N] [OUT.xlsx]

Sheets: Thông tin chung, Tổ (teams of 40), Cán bộ, Đăng ký thi đua and Hội đồng TĐKT (headers only: they are
required), Tiêu chí, Đợt thi đua (the four default phases), Lịch thi đua (the default plan) and Điểm: one total
row per person and month (09/2024 – 06/2025), council's score for most, the team's or the self-score for the
rest, a few deductions and bonuses, one person in 200 without a month's score. Written with openpyxl's
write-only mode; seeded, so the same N always gives the same workbook; ``thidua validate`` finds no error.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from thidua_xl.core.scoring import defaults
from thidua_xl.workbook import schema as s

HO = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan")
DEM = ("Thị", "Văn", "Thu", "Minh", "Ngọc", "Thanh", "Hữu", "Kim", "Đức", "Quang", "Thúy", "Hồng")
TEN = ("Hà", "Hằng", "Lan", "Mai", "Nga", "An", "Bình", "Dũng", "Hải", "Trang", "Yến", "Thảo", "Quỳnh", "Sơn")
MONTHS = ("09/2024", "10/2024", "11/2024", "12/2024", "01/2025", "02/2025", "03/2025", "04/2025", "05/2025",
          "06/2025")


def generate(n: int, out: Path, seed: int = 17) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    teams = [f"Tổ {i:04d}" for i in range(max(1, n // 40))]
    ids = [f"CB{i:06d}" for i in range(n)]
    ws = wb.create_sheet(s.INFO.name)
    for row in (["Mục", "Giá trị"], ["Tên trường", "Trường THCS Hiệu Năng"], ["Cơ quan chủ quản", "UBND PHƯỜNG A"],
                ["Năm học", "2024-2025"], ["Địa danh", "Hà Nội"], ["Ngày họp Hội đồng", "25/05/2025"],
                ["Hiệu trưởng", "Trần Văn Bình"], ["Thư ký Hội đồng", "Lê Thị Mai"]):
        ws.append(row)
    ws = wb.create_sheet(s.TEAMS.name)
    ws.append(["Tên tổ", "Mã tổ trưởng"])
    for i, team in enumerate(teams):
        ws.append([team, ids[(i * 40) % n]])
    ws = wb.create_sheet(s.STAFF.name)
    ws.append(["Mã CB", "Họ và tên", "Tổ", "Ngày tuyển dụng", "Xếp loại"])
    for i, sid in enumerate(ids):
        recruited = dt.datetime(2024, 11, 15) if i % 500 == 3 else dt.datetime(rng.randint(1995, 2023), 9, 1)
        ws.append([sid, f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}", teams[i // 40 % len(teams)],
                   recruited, "Hoàn thành tốt nhiệm vụ"])
    for spec in (s.REGISTRATIONS, s.COUNCIL):
        wb.create_sheet(spec.name).append([c.header for c in spec.columns if c.required])
    ws = wb.create_sheet(s.CRITERIA.name)
    ws.append(["Mã tiêu chí", "Tiêu chí", "Điểm tối đa"])
    for code, name, top in (("TC1", "Phẩm chất", 20), ("TC2", "Chuyên môn", 40), ("TC3", "Kết quả", 30),
                            ("TC4", "Phong trào", 10)):
        ws.append([code, name, top])
    ws = wb.create_sheet(s.PHASES.name)
    ws.append(["Đợt", "Từ ngày", "Đến ngày", "Chủ đề"])
    for ph in defaults.default_phases(2024):
        ws.append([ph.number, ph.start.strftime("%d/%m/%Y"), ph.end.strftime("%d/%m/%Y"), ph.theme])
    ws = wb.create_sheet(s.CALENDAR.name)
    ws.append(["Công việc", "Người thực hiện", "Từ ngày", "Hạn", "Đã xong", "Loại việc"])
    for task in defaults.default_calendar(2024):
        ws.append([task.task, task.who, task.start.strftime("%d/%m/%Y"), task.due.strftime("%d/%m/%Y"), "Không",
                   task.kind or None])
    ws = wb.create_sheet(s.SCORES.name)
    ws.append(["Mã CB", "Tháng", "Tự chấm", "Tổ chấm", "Hội đồng chấm", "Điểm trừ", "Điểm cộng", "Ghi chú"])
    for i, sid in enumerate(ids):
        level = rng.gauss(84, 7)
        for k, month in enumerate(MONTHS):
            if i % 500 == 3 and k < 3:
                continue  # recruited 15/11/2024
            if i % 200 == 11 and k == 4:
                continue  # a missing month
            x = max(40.0, min(99.0, level + rng.gauss(0, 4)))
            score = round(x * 2) / 2
            r = rng.random()
            council = score if r < 0.9 else None
            team = score if r < 0.97 else None
            ded = 2 if rng.random() < 0.03 else None
            bonus = 3 if rng.random() < 0.03 else None
            ws.append([sid, month, round(min(100, score + 1) * 2) / 2, team, council, ded, bonus,
                       "Đi muộn" if ded else None])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    path = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "data" / f"scores_{n}.xlsx"
    print(generate(n, path))
