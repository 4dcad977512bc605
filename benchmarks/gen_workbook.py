"""Synthetic standard workbook with N staff (default 50,000) and data in proportion.

    python benchmarks/gen_workbook.py [N] [OUT.xlsx]

Per person: one LĐTT registration, three history years, a rating and absences; one initiative per 5 people;
teams of 40; a council of 11 with one ballot round of 100 candidates x 11 ballots. Seeded, deterministic.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from thidua_xl.workbook import schema as s

HO = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương")
DEM = ("Thị", "Văn", "Thu", "Minh", "Ngọc", "Thanh", "Hữu", "Kim")
TEN = ("Hà", "Hằng", "Lan", "Mai", "Nga", "An", "Bình", "Dũng", "Hải", "Trang", "Yến", "Thảo", "Quỳnh", "Sơn")


def generate(n: int, out: Path, seed: int = 7) -> Path:
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    teams = [f"Tổ {i:04d}" for i in range(max(1, n // 40))]
    ws = wb.create_sheet(s.INFO.name)
    for row in (["Tên trường", "Trường THCS Hiệu Năng"], ["Cơ quan chủ quản", "UBND PHƯỜNG A"],
                ["Năm học", "2024-2025"], ["Địa danh", "Hà Nội"], ["Ngày họp Hội đồng", "25/05/2025"],
                ["Hiệu trưởng", "Trần Văn Bình"]):
        ws.append(row)
    ws = wb.create_sheet(s.TEAMS.name)
    ws.append([c.header for c in s.TEAMS.columns])
    for t in teams:
        ws.append([t, "", "HTTNV", ""])
    ws = wb.create_sheet(s.STAFF.name)
    ws.append([c.header for c in s.STAFF.columns])
    ratings = ("HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV")
    for i in range(n):
        year = rng.randint(1995, 2023)
        ws.append([f"CB{i:06d}", f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}", rng.choice(("Nam", "Nữ")),
                   f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year - 23}", "Giáo viên", teams[i % len(teams)],
                   f"01/09/{year}", f"01/09/{year}", "Viên chức", 0, 0, 0, 0, None, rng.choice(ratings), None, None,
                   None, "Không", 0, "Không", 0, "Không", ""])
    ws = wb.create_sheet(s.REGISTRATIONS.name)
    ws.append([c.header for c in s.REGISTRATIONS.columns])
    for i in range(n):
        ws.append(["Cá nhân", f"CB{i:06d}", "", "Lao động tiên tiến", "25/09/2024"])
    ws = wb.create_sheet(s.INITIATIVES.name)
    ws.append([c.header for c in s.INITIATIVES.columns])
    for i in range(0, n, 5):
        ws.append([f"CB{i:06d}", "", f"Sáng kiến số {i}", "Sáng kiến", "Cơ sở", f"{i}/QĐ", "20/05/2025", "2024-2025"])
    ws = wb.create_sheet(s.HISTORY.name)
    ws.append([c.header for c in s.HISTORY.columns])
    for i in range(n):
        for y in ("2021-2022", "2022-2023", "2023-2024"):
            ws.append([f"CB{i:06d}", "", y, rng.choice(ratings), "Lao động tiên tiến", "123/QĐ-UBND", "15/07/2024",
                       "UBND"])
    ws = wb.create_sheet(s.COUNCIL.name)
    ws.append([c.header for c in s.COUNCIL.columns])
    for k in range(11):
        ws.append([f"Thành viên {k}", "", "Chủ tịch" if k == 0 else "Ủy viên", "Có mặt", "", "Không"])
    cands = [f"CB{i:06d}" for i in range(min(n, 100))]
    ws = wb.create_sheet(s.BALLOTS.name)
    ws.append([c.header for c in s.BALLOTS.columns] + cands)
    for b in range(11):
        ws.append([b + 1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None]
                  + [rng.choice(("x", "0", "")) for _ in cands])
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent / "data" / f"synthetic_{n}.xlsx"
    print(generate(n, out))
