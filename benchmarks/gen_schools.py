"""Synthetic schools for the roll-up (``thidua gop``): N standard workbooks of varied sizes in a folder, the ward's
workbook (its list of schools, the plan's registration deadline, criteria and scores for the schools) and the
ward council's workbook — with defects planted, returned (and printed) so tests can assert each is found where
it was put.

    python benchmarks/gen_schools.py [N] [STAFF] [OUT_DIR]

Planted (with N ≥ 5): a person in two schools (same name and date of birth, nominated by both), a school whose
tally is not certified (no quorum), a registration after the deadline, a nominee put to the vote who is not
eligible (rated HTTNV, voted for CSTĐCS), a school on the ward's list that sent nothing. Seeded: the same
arguments always give the same files.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.reports.context import file_stem
from thidua_xl.workbook.demo import DEM_NAM, DEM_NU, HO, TEN_NAM, TEN_NU
from thidua_xl.workbook.template import write_template

SCHOOL_YEAR = "2024-2025"
DEADLINE = dt.date(2024, 9, 30)
REG_DATE = dt.date(2024, 9, 20)
LATE_DATE = dt.date(2024, 10, 15)
GROUPS = ("Khối Mầm non", "Khối Tiểu học", "Khối THCS")
KINDS = {"Khối Mầm non": "Trường Mầm non", "Khối Tiểu học": "Trường Tiểu học", "Khối THCS": "Trường THCS"}
PLACES = ("Ngọc Lâm", "Bồ Đề", "Gia Thụy", "Long Biên", "Thạch Bàn", "Phúc Đồng", "Việt Hưng", "Đức Giang",
          "Sài Đồng", "Phúc Lợi", "Cự Khối", "Giang Biên", "Thượng Thanh", "Ái Mộ", "Lâm Du", "Hồng Tiến")
CRITERIA = (  # mã, tiêu chí, nhóm, điểm tối đa, trọng số
    ("TC1", "Thực hiện nhiệm vụ năm học, chất lượng giáo dục", "Chuyên môn", 40, 1),
    ("TC2", "Xây dựng đội ngũ, đổi mới phương pháp", "Chuyên môn", 20, 1),
    ("TC3", "Cơ sở vật chất, trường học an toàn", "Quản lý", 20, 1),
    ("TC4", "Phong trào thi đua, công tác khen thưởng", "Phong trào", 10, 2),
)


@dataclass
class Planted:
    """What the generator planted, for tests to find (file names are the files' names in the folder)."""

    folder: str
    ward: str
    council: str
    files: list[str] = field(default_factory=list)
    duplicate: dict[str, Any] = field(default_factory=dict)  # name, birth_date, files, subjects
    uncertified: dict[str, Any] = field(default_factory=dict)  # file, code
    late: dict[str, Any] = field(default_factory=dict)  # file, subject, date
    not_eligible: dict[str, Any] = field(default_factory=dict)  # file, subject, title
    missing: dict[str, Any] = field(default_factory=dict)  # code, name, row (in "Danh sách trường")
    over_max: dict[str, Any] = field(default_factory=dict)  # code, criterion: a reviewer's score above the max
    council_candidates: list[str] = field(default_factory=list)  # on the council's ballots
    higher: dict[str, Any] = field(default_factory=dict)  # code, subject, title: proposed for a title decided above

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


def _name(rng: random.Random) -> tuple[str, m.Gender]:
    woman = rng.random() < 0.75
    return (f"{rng.choice(HO)} {rng.choice(DEM_NU if woman else DEM_NAM)} {rng.choice(TEN_NU if woman else TEN_NAM)}",
            m.Gender.NU if woman else m.Gender.NAM)


def build_school(code: str, name: str, n_staff: int, rng: random.Random, meeting: dt.date) -> m.SchoolData:
    """A valid school of ``n_staff`` people: teams of about 10, one in five HTXSNV with a recognised initiative
    (registered and voted for CSTĐCS), everyone registered for LĐTT, lists approved by a show of hands, a council
    of 9 all present, 9 ballots."""
    data = m.SchoolData()
    data.info = m.SchoolInfo(
        school_name=name, governing_body="UBND PHƯỜNG LONG BIÊN", school_year=SCHOOL_YEAR, place_name="Long Biên",
        meeting_date=meeting, principal="", secretary="", province="Hà Nội", commune="phường Long Biên",
        doc_code=code, approvals_ldtt=9, approvals_ttldtt=9)
    n_teams = max(1, n_staff // 10)
    used: set[str] = set()
    for k in range(n_teams):
        data.teams.append(m.Team(f"Tổ {k + 1:02d}", rating=m.Rating.HTTNV))
    for i in range(n_staff):
        full, gender = _name(rng)
        while full in used:
            full, gender = _name(rng)
        used.add(full)
        entry = dt.date(rng.randint(2000, 2020), 9, 1)
        sid = f"GV{i + 1:03d}"
        team = data.teams[i % n_teams]
        if not team.leader_id:
            team.leader_id = sid
        excellent = i % 5 == 1
        data.staff.append(m.Staff(
            sid, full, gender, dt.date(entry.year - rng.randint(22, 26), rng.randint(1, 12), rng.randint(1, 28)),
            "Giáo viên", team.name, entry, entry, m.ContractType.VIEN_CHUC,
            rating=m.Rating.HTXSNV if excellent else m.Rating.HTTNV))
        data.registrations.append(m.Registration(False, sid, m.Title.LDTT, REG_DATE))
        if excellent:
            data.registrations.append(m.Registration(False, sid, m.Title.CSTDCS, REG_DATE))
            data.initiatives.append(m.Initiative(sid, f"Sáng kiến {code}-{sid}", m.InitiativeKind.SANG_KIEN,
                                                 m.Level.CO_SO, f"{i + 10}/QĐ-{code}", dt.date(2025, 5, 10),
                                                 SCHOOL_YEAR))
        for year in ("2022-2023", "2023-2024"):
            data.history.append(m.HistoryRecord(sid, year, m.Rating.HTTNV, m.Title.LDTT, "123/QĐ-UBND",
                                                dt.date(int(year[5:]), 7, 15), "UBND quận Long Biên"))
    for team in data.teams:
        data.registrations.append(m.Registration(True, team.name, m.Title.TTLDTT, REG_DATE))
    principal = data.staff[0]
    data.info.principal = principal.full_name
    data.info.secretary = data.staff[1].full_name if n_staff > 1 else principal.full_name
    roles = [m.CouncilRole.CHU_TICH, m.CouncilRole.PHO_CHU_TICH, m.CouncilRole.THU_KY] + [m.CouncilRole.UY_VIEN] * 6
    for k, role in enumerate(roles):
        member = data.staff[k % n_staff]
        data.council.append(m.CouncilMember(member.full_name, role, member.id))
    cands = [s.id for s in data.staff if s.rating is m.Rating.HTXSNV]
    if cands:
        data.rounds.append(m.BallotRound(m.Title.CSTDCS, list(cands)))
        for b in range(len(data.council)):
            data.ballots.append(m.Ballot(str(b + 1), m.Title.CSTDCS, {c: m.Mark.APPROVE for c in cands}))
    return data


def _nominate(data: m.SchoolData, sid: str) -> None:
    """Put ``sid`` on the CSTĐCS ballot, approved by every ballot."""
    rnd = next(r for r in data.rounds if r.title is m.Title.CSTDCS)
    rnd.candidates.append(sid)
    for b in data.ballots:
        b.marks[sid] = m.Mark.APPROVE


def _bang_khen(data: m.SchoolData) -> None:
    """GV007 (HTXSNV) eligible for Bằng khen tỉnh — CSTĐCS the two years before, an initiative each year — and
    voted for it: a title decided above the ward (the ward's tờ trình)."""
    sid = "GV007"
    if sid not in data.staff_by_id():
        return
    for year in ("2022-2023", "2023-2024"):
        data.history.append(m.HistoryRecord(sid, year, m.Rating.HTXSNV, m.Title.CSTDCS, "215/QĐ-UBND",
                                            dt.date(int(year[5:]), 7, 20), "UBND quận Long Biên"))
        data.initiatives.append(m.Initiative(sid, f"Sáng kiến {year}", m.InitiativeKind.SANG_KIEN, m.Level.CO_SO,
                                             "12/QĐ", dt.date(int(year[5:]), 5, 10), year))
    data.rounds.append(m.BallotRound(m.Title.BK_TINH, [sid]))
    for b in range(len(data.council)):
        data.ballots.append(m.Ballot(str(b + 1), m.Title.BK_TINH, {sid: m.Mark.APPROVE}))


def generate(n: int, staff: int, out: Path, seed: int = 16) -> Planted:
    """N schools of about ``staff`` people each (varied ±50%) in ``out/ho_so_cac_truong``, the ward's workbook
    ``out/phuong.xlsx`` and the ward council's ``out/hoi_dong_phuong.xlsx``."""
    rng = random.Random(seed)
    folder = out / "ho_so_cac_truong"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.xlsx"):
        old.unlink()
    planted = Planted(str(folder), str(out / "phuong.xlsx"), str(out / "hoi_dong_phuong.xlsx"))
    entries: list[tuple[str, str, str]] = []
    schools: list[tuple[str, str, m.SchoolData]] = []
    for k in range(n):
        group = GROUPS[k % len(GROUPS)]
        code = f"T{k + 1:03d}"
        name = f"{KINDS[group]} {PLACES[k % len(PLACES)]}" + (f" {k // len(PLACES) + 1}" if k >= len(PLACES) else "")
        size = max(6, round(staff * rng.uniform(0.5, 1.5))) if n > 1 else staff
        # half the schools meet after 01/07/2025: re-checked under regime 2025
        meeting = dt.date(2025, 5, 25) if k % 2 == 0 else dt.date(2025, 7, 10)
        data = build_school(code, name, size, rng, meeting)
        entries.append((code, name, group))
        schools.append((code, name, data))
    if n >= 1:
        _bang_khen(schools[0][2])
        planted.higher = {"code": schools[0][0], "subject": "GV007", "title": "BK_TINH"}
    if n >= 5:
        # a person in two schools: school 1's GV002 (HTXSNV, CSTĐCS candidate) also on school 2's list
        a, b = schools[0][2], schools[1][2]
        person = next(s for s in a.staff if s.id == "GV002")
        twin = b.staff_by_id()["GV003"]
        twin.full_name, twin.birth_date, twin.gender = person.full_name.upper(), person.birth_date, person.gender
        twin.rating = m.Rating.HTXSNV
        b.initiatives.append(m.Initiative("GV003", "Sáng kiến trùng", m.InitiativeKind.SANG_KIEN, m.Level.CO_SO,
                                          "99/QĐ", dt.date(2025, 5, 10), SCHOOL_YEAR))
        b.registrations.append(m.Registration(False, "GV003", m.Title.CSTDCS, REG_DATE))
        _nominate(b, "GV003")
        planted.duplicate = {"name": person.full_name, "birth_date": person.birth_date.isoformat(),
                             "codes": [schools[0][0], schools[1][0]], "subjects": ["GV002", "GV003"]}
        # an uncertified tally: school 3's council without quorum (6 of 9 absent)
        for member in schools[2][2].council[3:]:
            member.present, member.absence_reason = False, "Công tác"
        planted.uncertified = {"code": schools[2][0]}
        # a late registration in school 4
        reg = next(r for r in schools[3][2].registrations if r.subject == "GV004" and r.title is m.Title.LDTT)
        reg.date = LATE_DATE
        planted.late = {"code": schools[3][0], "subject": "GV004", "date": LATE_DATE.isoformat()}
        # a nominee not eligible in school 5: GV005 rated HTTNV, voted for CSTĐCS
        _nominate(schools[4][2], "GV005")
        planted.not_eligible = {"code": schools[4][0], "subject": "GV005", "title": "CSTDCS"}
    for code, name, data in schools:
        path = folder / f"{code}_{file_stem(name)}.xlsx"
        write_template(path, data)
        planted.files.append(path.name)
        for key in ("duplicate", "uncertified", "late", "not_eligible", "higher"):
            info = getattr(planted, key)
            if info.get("code") == code:
                info["file"] = path.name
            if code in info.get("codes", ()):
                info.setdefault("files", []).append(path.name)
    missing = ("T999", "Trường Tiểu học Chưa Gửi", GROUPS[1]) if n >= 5 else None
    over = (entries[0][0], "TC3") if n >= 5 else None
    write_ward(Path(planted.ward), entries + ([missing] if missing else []), rng, over)
    if missing:
        planted.missing = {"code": missing[0], "name": missing[1], "row": len(entries) + 2}
    if over:
        planted.over_max = {"code": over[0], "criterion": over[1]}
    planted.council_candidates = council_candidates(schools)
    write_council(Path(planted.council), planted.council_candidates)
    return planted


def write_ward(path: Path, entries: list[tuple[str, str, str]], rng: random.Random,
               over: tuple[str, str] | None = None) -> Path:
    """The ward's workbook: Thông tin chung, Danh sách trường, Tiêu chí chấm điểm, Điểm các trường."""
    from openpyxl import Workbook  # heavy: only the generator writes workbooks

    wb = Workbook()
    ws = wb.active
    ws.title = "Thông tin chung"
    for row in (["Mục", "Giá trị"], ["Tên đơn vị", "UBND PHƯỜNG LONG BIÊN"], ["Cấp", "Phường"],
                ["Năm học", SCHOOL_YEAR], ["Hạn đăng ký thi đua", DEADLINE], ["Địa danh", "Long Biên"],
                ["Tỉnh/Thành phố", "Hà Nội"], ["Chủ tịch", "Nguyễn Văn Hùng"], ["Chữ viết tắt đơn vị", "UBND"],
                ["Ngày quyết định", dt.date(2025, 7, 25)]):
        ws.append(row)
    ws = wb.create_sheet("Danh sách trường")
    ws.append(["Mã trường", "Tên trường", "Khối thi đua"])
    for e in entries:
        ws.append(list(e))
    ws = wb.create_sheet("Tiêu chí chấm điểm")
    ws.append(["Mã", "Tiêu chí", "Nhóm", "Điểm tối đa", "Trọng số"])
    for c in CRITERIA:
        ws.append(list(c))
    ws = wb.create_sheet("Điểm các trường")
    ws.append(["Mã trường", "Mã tiêu chí", "Điểm tự chấm", "Điểm thẩm định", "Ghi chú"])
    for code, _, _ in entries:
        if code == "T999":
            continue
        for k, (crit, _, _, top, _) in enumerate(CRITERIA):
            self_score = round(top * rng.uniform(0.7, 1.0), 1)
            review: Any = round(min(self_score, top * rng.uniform(0.6, 1.0)), 1)
            note = ""
            if over is not None and (code, crit) == over:
                review, note = top + 5, "Điểm thẩm định nhập nhầm"
            elif k == 3 and code.endswith("2"):
                review, note = None, "Chưa thẩm định"
            ws.append([code, crit, self_score, review, note])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def council_candidates(schools: list[tuple[str, str, m.SchoolData]]) -> list[str]:
    """The first candidate on each of the first three schools' ballots, as ``<mã trường>.<mã CB>``."""
    cands = []
    for code, _, data in schools[:3]:
        first = next((r.candidates[0] for r in data.rounds if r.candidates), None)
        if first:
            cands.append(f"{code}.{first}")
    return cands


def write_council(path: Path, cands: list[str], title: str = "Chiến sĩ thi đua cơ sở",
                  meeting: dt.date = dt.date(2025, 7, 20)) -> Path:
    """The council's workbook: Thông tin chung, Hội đồng TĐKT (9 members), Danh sách bỏ phiếu and Phiếu bầu for
    ``title`` over ``cands`` (keys ``<mã trường>.<mã CB>``); each candidate gets 8 approvals of 9."""
    from openpyxl import Workbook  # heavy: only the generator writes workbooks

    wb = Workbook()
    ws = wb.active
    ws.title = "Thông tin chung"
    for row in (["Mục", "Giá trị"], ["Tên trường", "UBND PHƯỜNG LONG BIÊN"], ["Cơ quan chủ quản", "UBND THÀNH PHỐ HÀ NỘI"],
                ["Năm học", SCHOOL_YEAR], ["Địa danh", "Long Biên"], ["Ngày họp Hội đồng", meeting],
                ["Hiệu trưởng", "Nguyễn Văn Hùng"], ["Tỉnh/Thành phố", "Hà Nội"]):
        ws.append(row)
    ws = wb.create_sheet("Hội đồng TĐKT")
    ws.append(["Họ và tên", "Chức danh trong Hội đồng", "Có mặt", "Lý do vắng", "Ý kiến bằng văn bản"])
    members = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Nam", "Phạm Thị Hoa", "Hoàng Văn Đức", "Vũ Thị Mai",
               "Đỗ Văn Long", "Bùi Thị Yến", "Ngô Văn Sơn"]
    for k, name in enumerate(members):
        ws.append([name, "Chủ tịch" if k == 0 else ("Thư ký" if k == 1 else "Ủy viên"), "Có mặt", "", "Không"])
    ws = wb.create_sheet("Danh sách bỏ phiếu")
    ws.append(["Danh hiệu", "Mã CB hoặc tên tổ"])
    for c in cands:
        ws.append([title, c])
    ws = wb.create_sheet("Phiếu bầu")
    ws.append(["Số phiếu", "Danh hiệu", "Loại phiếu"] + cands)
    for b in range(len(members)):
        ws.append([b + 1, title, "Tại cuộc họp"]
                  + ["x" if (b + j) % 9 else "0" for j in range(len(cands))])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    n = int(args[0]) if args else 5
    staff = int(args[1]) if len(args) > 1 else 20
    out = Path(args[2]) if len(args) > 2 else Path(__file__).parent / "data" / f"schools_{n}x{staff}"
    planted = generate(n, staff, out)
    print(json.dumps(planted.as_dict(), ensure_ascii=False, indent=2, default=str))



if __name__ == "__main__":
    main()
