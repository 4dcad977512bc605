"""Synthetic standard workbook with N staff (default 50,000) and every other sheet in proportion.

    python benchmarks/gen_workbook.py [N] [OUT.xlsx]

Per person: one registration (LĐTT; CSTĐCS for one in ten), three history years, a rating and absences;
one initiative per 5 people; one earlier discipline per 100; teams of 40 (each registering TTLĐTT);
a council of 11; ballot lists and 11 ballots for CSTĐCS (N/500 candidates) and TTLĐXS (N/2000 teams); the CSTĐCS
ballots and the council can be made larger (see generate).
Dates are a realistic mix: real Excel date cells (birth dates, decisions) and text typed as dd/mm/yyyy.
Written with openpyxl's write-only mode; seeded, so the same N always gives the same workbook.
The workbook is valid: ``thidua validate`` reports no error on it.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from thidua_xl.workbook import schema as s

HO = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan")
DEM = ("Thị", "Văn", "Thu", "Minh", "Ngọc", "Thanh", "Hữu", "Kim", "Đức", "Quang", "Thúy", "Hồng")
TEN = ("Hà", "Hằng", "Lan", "Mai", "Nga", "An", "Bình", "Dũng", "Hải", "Trang", "Yến", "Thảo", "Quỳnh", "Sơn",
       "Tuấn", "Hương", "Long", "Phương")
RATINGS = ("HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTNV")
YEARS = ("2021-2022", "2022-2023", "2023-2024")


def _headers(spec: s.SheetSpec) -> list[str]:
    return [c.header for c in spec.columns]


def generate(n: int, out: Path, seed: int = 7, ballots: int = 11, candidates: int | None = None) -> Path:
    """``ballots``: ballots per round (the council has as many members, all present); ``candidates``: the
    people on the CSTĐCS ballot (default N/500), e.g. ``generate(100, out, ballots=10_000, candidates=100)``
    for the tally benchmark."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    teams = [f"Tổ {i:04d}" for i in range(max(1, n // 40))]
    ids = [f"CB{i:06d}" for i in range(n)]
    names = [f"{rng.choice(HO)} {rng.choice(DEM)} {rng.choice(TEN)}" for _ in range(n)]

    ws = wb.create_sheet(s.INFO.name)
    ws.append(["Mục", "Giá trị"])
    for row in (["Tên trường", "Trường THCS Hiệu Năng"], ["Cơ quan chủ quản", "UBND PHƯỜNG A"],
                ["Năm học", "2024-2025"], ["Địa danh", "Hà Nội"], ["Ngày họp Hội đồng", "25/05/2025"],
                ["Hiệu trưởng", "Trần Văn Bình"], ["Thư ký Hội đồng", "Lê Thị Mai"]):
        ws.append(row)

    ws = wb.create_sheet(s.TEAMS.name)
    ws.append(_headers(s.TEAMS))
    for i, team in enumerate(teams):
        ws.append([team, ids[(i * 40) % n], rng.choice(RATINGS), ""])

    ws = wb.create_sheet(s.STAFF.name)
    ws.append(_headers(s.STAFF))
    for i in range(n):
        year = rng.randint(1990, 2023)
        birth = dt.date(year - rng.randint(22, 30), rng.randint(1, 12), rng.randint(1, 28))
        maternity = 6 if i % 50 == 7 else 0
        ws.append([ids[i], names[i], rng.choice(("Nam", "Nữ")), birth, "Giáo viên", teams[i % len(teams)],
                   f"01/09/{year}", f"01/09/{year}", "Viên chức" if i % 10 else "Hợp đồng lao động",
                   maternity, 0, 0, 0, None, rng.choice(RATINGS), None, None, None, "Không", i % 3, "Không", 0,
                   "Có" if i % 20 == 0 else "Không", ""])

    ws = wb.create_sheet(s.REGISTRATIONS.name)
    ws.append(_headers(s.REGISTRATIONS))
    for i in range(n):
        title = "Chiến sĩ thi đua cơ sở" if i % 10 == 0 else "Lao động tiên tiến"
        ws.append(["Cá nhân", ids[i], names[i], title, "25/09/2024"])
    for team in teams:
        ws.append(["Tập thể", team, "", "Tập thể lao động tiên tiến", "25/09/2024"])

    ws = wb.create_sheet(s.INITIATIVES.name)
    ws.append(_headers(s.INITIATIVES))
    for i in range(0, n, 5):
        ws.append([ids[i], names[i], f"Sáng kiến số {i}", "Sáng kiến", rng.choice(("Cơ sở", "Cơ sở", "Cấp tỉnh")),
                   f"{i}/QĐ", dt.date(2025, 5, 20), "2024-2025"])

    ws = wb.create_sheet(s.HISTORY.name)
    ws.append(_headers(s.HISTORY))
    for i in range(n):
        for y in YEARS:
            ws.append([ids[i], "", y, rng.choice(RATINGS), "Lao động tiên tiến", "123/QĐ-UBND",
                       f"15/07/{y[-4:]}", "UBND"])

    ws = wb.create_sheet(s.DISCIPLINE.name)
    ws.append(_headers(s.DISCIPLINE))
    for i in range(3, n, 100):
        ws.append([ids[i], names[i], "Khiển trách", f"{i}/QĐ-KL", "10/03/2015", "10/03/2016"])

    ws = wb.create_sheet(s.COUNCIL.name)
    ws.append(_headers(s.COUNCIL))
    for k in range(max(11, ballots)):
        ws.append([names[k % n] if k < n else f"Thành viên {k}", ids[k] if k < n else "",
                   "Chủ tịch" if k == 0 else ("Thư ký" if k == 1 else "Ủy viên"), "Có mặt", "", "Không"])

    k = candidates or max(1, n // 500)
    people = ids[:: max(1, n // k)][:k]
    team_cands = teams[: max(1, n // 2000)]
    ws = wb.create_sheet(s.ROUNDS.name)
    ws.append(_headers(s.ROUNDS))
    for k, c in enumerate(people):
        ws.append(["Chiến sĩ thi đua cơ sở", c, "", len(people) if k == 0 else None,
                   max(11, ballots) if k == 0 else None])
    for c in team_cands:
        ws.append(["Tập thể lao động xuất sắc", c, "", None, None])

    ws = wb.create_sheet(s.BALLOTS.name)
    ws.append(_headers(s.BALLOTS) + people + team_cands)
    for b in range(ballots):
        ws.append([b + 1, "Chiến sĩ thi đua cơ sở", "Tại cuộc họp", None, None]
                  + [rng.choice(("x", "x", "0", "")) for _ in people] + [None] * len(team_cands))
    for b in range(11):
        ws.append([b + 1, "Tập thể lao động xuất sắc", "Tại cuộc họp", None, None]
                  + [None] * len(people) + [rng.choice(("x", "1", "0")) for _ in team_cands])

    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 50_000
    out = Path(args[1]) if len(args) > 1 else Path(__file__).parent / "data" / f"synthetic_{n}.xlsx"
    print(generate(n, out))


if __name__ == "__main__":
    main()
