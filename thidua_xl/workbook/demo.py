"""The demo workbook: a lower-secondary school, school year 2024-2025, seeded and deterministic.

Planted situations (documented with expected verdicts in docs/demo.md):
  GV050 new hire (< 6 months)        GV012 maternity leave 6 months       GV047 reprimand this year
  GV005 HTXSNV + initiative, unregistered                                  GV007 HTXSNV, no initiative
  GV002 2 consecutive CSTĐCS + 2 initiatives (Bằng khen)                   GV001 CSTĐCS run + provincial initiative
  GV003 CSTĐCS run broken in 2022-2023   GV030 20 years in sector minus a discipline period (no KNC)
  GV031 28 years (KNC)                   GV032 16 years, 6 in an especially difficult area (KNC, reduction)
  GV049 pending disciplinary review     team "Tổ Ngoại ngữ - Khoa học xã hội" exactly 7/10 LĐTT
  team "Tổ Văn phòng" below 70% (unregistered staff)
  GV021 Bằng khen through an achievement recorded on "Thành tích" (outstanding in a movement, provincial)
  GV018 a sudden achievement (Bằng khen, alternative "đột xuất")
"""

from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction
from pathlib import Path

from thidua_xl.core import model as m
from thidua_xl.workbook.template import write_template

SCHOOL_YEAR = "2024-2025"
PAST_YEARS = ("2021-2022", "2022-2023", "2023-2024")
TEAMS = (
    ("Tổ Toán - Tin", 14, "HTXSNV"),
    ("Tổ Ngữ văn", 12, "HTTNV"),
    ("Tổ Khoa học tự nhiên", 14, "HTXSNV"),
    ("Tổ Ngoại ngữ - Khoa học xã hội", 10, "HTTNV"),
    ("Tổ Văn phòng", 8, "HTTNV"),
)
SUBJECTS = {
    "Tổ Toán - Tin": ("Toán", "Tin học"),
    "Tổ Ngữ văn": ("Ngữ văn",),
    "Tổ Khoa học tự nhiên": ("Vật lý", "Hóa học", "Sinh học", "Công nghệ"),
    "Tổ Ngoại ngữ - Khoa học xã hội": ("Tiếng Anh", "Lịch sử và Địa lý", "Giáo dục công dân", "Âm nhạc"),
    "Tổ Văn phòng": ("Kế toán", "Văn thư", "Thư viện", "Thiết bị", "Y tế học đường"),
}
HO = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Phan", "Trịnh")
DEM_NU = ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thị Thu", "Hồng", "Phương", "Kim", "Bích")
DEM_NAM = ("Văn", "Minh", "Đức", "Quang", "Hữu", "Thành", "Xuân")
TEN_NU = ("Hà", "Hằng", "Hương", "Lan", "Mai", "Nga", "Ngân", "Oanh", "Phượng", "Thảo", "Trang", "Yến", "Hạnh",
          "Dung", "Giang", "Huyền", "Loan", "Nhung", "Quỳnh", "Tâm", "Thủy", "Vân", "Ánh", "Châu", "Diệp", "Liên")
TEN_NAM = ("An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Sơn", "Tuấn", "Việt")
INITIATIVE_TOPICS = (
    "Ứng dụng GeoGebra trong dạy học hình học lớp 8",
    "Tổ chức dạy học theo trạm môn Ngữ văn lớp 7",
    "Xây dựng ngân hàng câu hỏi trắc nghiệm Vật lý 9 trên Google Forms",
    "Một số biện pháp nâng cao kỹ năng nghe tiếng Anh cho học sinh lớp 6",
    "Vận dụng dạy học dự án trong môn Khoa học tự nhiên 8",
    "Quản lý hồ sơ chuyên môn bằng phần mềm trực tuyến",
    "Giáo dục kỹ năng sống qua hoạt động trải nghiệm lớp 9",
    "Đổi mới sinh hoạt chuyên môn theo nghiên cứu bài học",
)
UNREGISTERED = {"GV005", "NV003", "NV005", "NV007"}


def _d(text: str) -> dt.date:
    d, mth, y = (int(x) for x in text.split("/"))
    return dt.date(y, mth, d)


def _names(rng: random.Random, n: int) -> list[tuple[str, m.Gender]]:
    out: list[tuple[str, m.Gender]] = []
    seen: set[str] = set()
    while len(out) < n:
        woman = rng.random() < 0.78
        name = f"{rng.choice(HO)} {rng.choice(DEM_NU if woman else DEM_NAM)} {rng.choice(TEN_NU if woman else TEN_NAM)}"
        if name not in seen:
            seen.add(name)
            out.append((name, m.Gender.NU if woman else m.Gender.NAM))
    return out


def build_demo(seed: int = 2025) -> m.SchoolData:
    """The demo school as core objects (deterministic for a given seed)."""
    rng = random.Random(seed)
    data = m.SchoolData()
    data.info = m.SchoolInfo(
        school_name="Trường THCS Ngọc Lâm", governing_body="UBND QUẬN LONG BIÊN", school_year=SCHOOL_YEAR,
        place_name="Long Biên", meeting_date=_d("25/05/2025"), consideration_date=_d("31/05/2025"),
        principal="Trần Thị Thanh Hương", secretary="Lê Thị Mai", under_department=False, province="Hà Nội",
        commune="quận Long Biên", doc_code="THCSNL",
        approvals_ldtt=10, approvals_ttldtt=10,  # LĐTT, TTLĐTT lists approved by a show of hands (no ballot)
        meeting_start="8:00", meeting_end="10:30", counting_end="9:45",
    )
    people = _names(rng, 60)
    gv = nv = 0
    for team_name, size, rating in TEAMS:
        data.teams.append(m.Team(team_name, rating=m.Rating(rating)))
        for k in range(size):
            name, gender = people.pop(0)
            if team_name == "Tổ Văn phòng":
                nv += 1
                sid, position = f"NV{nv:03d}", f"Nhân viên {rng.choice(SUBJECTS[team_name]).lower()}"
            else:
                gv += 1
                sid, position = f"GV{gv:03d}", f"Giáo viên {rng.choice(SUBJECTS[team_name])}"
            if k == 0:
                position = "Tổ trưởng, " + position[0].lower() + position[1:]
                data.teams[-1].leader_id = sid
            entry = dt.date(rng.randint(1998, 2018), 9, 1)
            birth = dt.date(entry.year - rng.randint(22, 25), rng.randint(1, 12), rng.randint(1, 28))
            data.staff.append(m.Staff(
                id=sid, full_name=name, gender=gender, birth_date=birth, position=position, team=team_name,
                recruited_date=entry, sector_entry_date=entry,
                contract_type=m.ContractType.VIEN_CHUC if sid.startswith("GV") or rng.random() < 0.5
                else m.ContractType.HOP_DONG,
                rating=m.Rating.HTXSNV if rng.random() < 0.2 else m.Rating.HTTNV,
            ))
    by_id = data.staff_by_id()
    # The principal, vice principal and counsellors are not in the teams list of this demo.
    _plant(data, by_id)
    # History: three past years of ratings and titles.
    for p in data.staff:
        for year in PAST_YEARS:
            if p.recruited_date and p.recruited_date.year >= int(year[:4]) + 1:
                continue
            r = m.Rating.HTXSNV if rng.random() < 0.25 else m.Rating.HTTNV
            data.history.append(m.HistoryRecord(p.id, year, r, m.Title.LDTT, f"{rng.randint(100, 999)}/QĐ-UBND",
                                                dt.date(int(year[5:]), 7, 15), "UBND quận Long Biên"))
    _plant_history(data)
    # Registrations (start of the school year).
    reg_date = _d("25/09/2024")
    for p in data.staff:
        if p.id in UNREGISTERED:
            continue
        data.registrations.append(m.Registration(False, p.id, m.Title.LDTT, reg_date))
    for sid in ("GV001", "GV002", "GV003", "GV007", "GV015", "GV040"):
        data.registrations.append(m.Registration(False, sid, m.Title.CSTDCS, reg_date))
    for sid in ("GV001",):
        data.registrations.append(m.Registration(False, sid, m.Title.CSTD_TINH, reg_date))
    for t in data.teams:
        data.registrations.append(m.Registration(True, t.name, m.Title.TTLDTT, reg_date))
    for tname in ("Tổ Toán - Tin", "Tổ Khoa học tự nhiên"):
        data.registrations.append(m.Registration(True, tname, m.Title.TTLDXS, reg_date))
    _council_and_ballots(data, rng)
    return data


def _plant(data: m.SchoolData, by_id: dict[str, m.Staff]) -> None:
    # a. new hire: 4.5 months of service at 31/05/2025.
    p = by_id["GV050"]
    p.recruited_date, p.sector_entry_date, p.note = _d("15/01/2025"), _d("15/01/2025"), "Mới tuyển dụng"
    p.birth_date = _d("03/04/2001")
    # b. maternity leave, still LĐTT.
    p = by_id["GV012"]
    p.gender, p.absence.maternity_months, p.rating, p.note = m.Gender.NU, Fraction(6), m.Rating.HTTNV, "Nghỉ thai sản"
    # c. reprimand this school year.
    p = by_id["GV047"]
    p.disciplines.append(m.Discipline(m.DisciplineLevel.KHIEN_TRACH, _d("10/01/2025"), _d("10/01/2026"),
                                      "05/QĐ-THCSNL", m.SourceRef("Cán bộ", 0)))
    p.rating = m.Rating.HTNV
    # d. excellent teacher with an initiative who did not register.
    by_id["GV005"].rating = m.Rating.HTXSNV
    # e. HTXSNV without initiative (CSTĐCS under 2024, not under 2017).
    by_id["GV007"].rating = m.Rating.HTXSNV
    # f. CSTĐCS runs and initiatives.
    for sid in ("GV001", "GV002", "GV003", "GV015", "GV040"):
        by_id[sid].rating = m.Rating.HTXSNV
    by_id["GV001"].sector_entry_date = by_id["GV001"].recruited_date = _d("01/09/2006")
    by_id["GV002"].sector_entry_date = by_id["GV002"].recruited_date = _d("01/09/2010")
    # g. Kỷ niệm chương.
    p = by_id["GV030"]
    p.sector_entry_date = p.recruited_date = _d("01/09/2004")
    p.disciplines.append(m.Discipline(m.DisciplineLevel.KHIEN_TRACH, _d("15/03/2012"), _d("15/03/2013"),
                                      "12/QĐ-PGDĐT", m.SourceRef("Kỷ luật", 0)))
    p = by_id["GV031"]
    p.sector_entry_date, p.recruited_date = _d("01/09/1997"), _d("01/09/2003")
    p = by_id["GV032"]
    p.sector_entry_date, p.recruited_date = _d("01/09/2009"), _d("01/09/2015")
    p.difficult_area_years, p.in_difficult_area_now = Fraction(6), True
    p.note = "Công tác tại điểm trường vùng đặc biệt khó khăn"
    # h. pending disciplinary review.
    by_id["GV049"].pending_discipline = True
    # A Giấy khen achievement flag for a few teachers.
    for sid in ("GV001", "GV002", "GV015", "GV021"):
        by_id[sid].outstanding_achievement = True
    # What the báo cáo thành tích prints about a person (optional columns), for the CSTĐCS candidates; GV040
    # has no qualification recorded: her report keeps that line highlighted for the secretary.
    facts = {
        "GV001": ("Xã Đông Hội, huyện Đông Anh, Hà Nội", "Phường Ngọc Lâm, quận Long Biên, Hà Nội",
                  "Thạc sĩ Lý luận và phương pháp dạy học môn Toán", "Trung cấp", "Thạc sĩ"),
        "GV002": ("Xã Kim Sơn, huyện Gia Lâm, Hà Nội", "Phường Bồ Đề, quận Long Biên, Hà Nội",
                  "Đại học Sư phạm Ngữ văn", "Sơ cấp", "Cử nhân"),
        "GV003": ("Xã Văn Đức, huyện Gia Lâm, Hà Nội", "Phường Gia Thụy, quận Long Biên, Hà Nội",
                  "Đại học Sư phạm Tiếng Anh", "Sơ cấp", "Cử nhân"),
        "GV007": ("Thị trấn Trâu Quỳ, huyện Gia Lâm, Hà Nội", "Phường Ngọc Lâm, quận Long Biên, Hà Nội",
                  "Đại học Sư phạm Vật lý", "Sơ cấp", "Cử nhân"),
        "GV040": ("Xã Phù Đổng, huyện Gia Lâm, Hà Nội", "Phường Long Biên, quận Long Biên, Hà Nội", "", "",
                  "Cử nhân"),
    }
    for sid, (home, residence, qualification, theory, academic) in facts.items():
        p = by_id[sid]
        p.hometown, p.residence, p.qualification = home, residence, qualification
        p.political_theory, p.academic_titles = theory, academic
    # Initiatives with decisions.
    def add(sid: str, i: int, level: m.Level, year: str, no: str, date: str,
            kind: m.InitiativeKind = m.InitiativeKind.SANG_KIEN) -> None:
        data.initiatives.append(m.Initiative(sid, INITIATIVE_TOPICS[i], kind, level, no, _d(date), year))

    add("GV001", 0, m.Level.CO_SO, "2023-2024", "41/QĐ-THCSNL", "20/05/2024")
    add("GV001", 6, m.Level.TINH, "2024-2025", "1520/QĐ-SGDĐT", "12/05/2025")
    add("GV002", 2, m.Level.CO_SO, "2023-2024", "41/QĐ-THCSNL", "20/05/2024")
    add("GV002", 4, m.Level.CO_SO, "2024-2025", "38/QĐ-THCSNL", "16/05/2025")
    add("GV003", 1, m.Level.CO_SO, "2024-2025", "38/QĐ-THCSNL", "16/05/2025")
    add("GV005", 7, m.Level.CO_SO, "2024-2025", "38/QĐ-THCSNL", "16/05/2025")
    add("GV015", 3, m.Level.CO_SO, "2024-2025", "38/QĐ-THCSNL", "16/05/2025")
    add("GV040", 5, m.Level.CO_SO, "2024-2025", "38/QĐ-THCSNL", "16/05/2025", m.InitiativeKind.DE_TAI)
    # Achievements the council records (sheet "Thành tích"): Bằng khen through another alternative.
    data.achievements += [
        m.Achievement("GV021", "Giải Nhất Hội thi giáo viên dạy giỏi cấp thành phố",
                      m.AchievementKind.PHONG_TRAO, m.Level.TINH, "1234/QĐ-SGDĐT", _d("15/04/2025"),
                      "Sở GDĐT Hà Nội", SCHOOL_YEAR),
        m.Achievement("GV018", "Dũng cảm cứu học sinh bị đuối nước tại sông Đuống",
                      m.AchievementKind.DOT_XUAT, m.Level.HUYEN, "215/QĐ-UBND", _d("02/06/2024"),
                      "UBND quận Long Biên", "2023-2024"),
        m.Achievement("GV018", "Dũng cảm giúp người dân trong cơn bão số 3 (Yagi)",
                      m.AchievementKind.DOT_XUAT, m.Level.HUYEN, "1876/QĐ-UBND", _d("20/09/2024"),
                      "UBND quận Long Biên", SCHOOL_YEAR),
    ]


def _plant_history(data: m.SchoolData) -> None:
    def set_title(sid: str, year: str, title: m.Title, no: str) -> None:
        data.history.append(m.HistoryRecord(sid, year, m.Rating.HTXSNV, title, no, dt.date(int(year[5:]), 7, 20),
                                            "UBND quận Long Biên"))
        for h in data.history:
            if h.subject == sid and h.school_year == year:
                h.rating = m.Rating.HTXSNV

    for year, no in (("2021-2022", "2140/QĐ-UBND"), ("2022-2023", "2215/QĐ-UBND"), ("2023-2024", "2318/QĐ-UBND")):
        set_title("GV001", year, m.Title.CSTDCS, no)
    for year, no in (("2022-2023", "2215/QĐ-UBND"), ("2023-2024", "2318/QĐ-UBND")):
        set_title("GV002", year, m.Title.CSTDCS, no)
    for year, no in (("2021-2022", "2140/QĐ-UBND"), ("2023-2024", "2318/QĐ-UBND")):
        set_title("GV003", year, m.Title.CSTDCS, no)
    data.history.sort(key=lambda h: (h.subject, h.school_year, h.title.value if h.title else ""))
    # Team history: LĐTT-level collective titles.
    for t in data.teams:
        for year in PAST_YEARS:
            data.history.append(m.HistoryRecord(t.name, year, None, m.Title.TTLDTT, f"2{year[2:4]}9/QĐ-UBND",
                                                dt.date(int(year[5:]), 7, 20), "UBND quận Long Biên", True))


def _council_and_ballots(data: m.SchoolData, rng: random.Random) -> None:
    by_id = data.staff_by_id()
    members = [
        m.CouncilMember("Trần Thị Thanh Hương", m.CouncilRole.CHU_TICH),
        m.CouncilMember("Phạm Quang Huy", m.CouncilRole.PHO_CHU_TICH),
        m.CouncilMember("Lê Thị Mai", m.CouncilRole.THU_KY),
    ]
    for t in data.teams:
        leader = by_id[t.leader_id]
        members.append(m.CouncilMember(leader.full_name, m.CouncilRole.UY_VIEN, leader.id))
    members.append(m.CouncilMember("Hoàng Thị Thu Trang", m.CouncilRole.UY_VIEN))  # Chủ tịch Công đoàn
    members.append(m.CouncilMember("Bùi Văn Sơn", m.CouncilRole.UY_VIEN))  # Bí thư Chi đoàn
    members.append(m.CouncilMember("Vũ Thị Ngọc Ánh", m.CouncilRole.UY_VIEN, present=False,
                                   absence_reason="Nghỉ ốm", written_opinion=True))
    data.council = members  # 11 members, 10 present, 1 written opinion
    # Ban kiểm phiếu: the Phó Chủ tịch heads it, the union and youth leaders count with him.
    members[1].counting_role = "Trưởng ban"
    for member in members:
        if member.name in ("Hoàng Thị Thu Trang", "Bùi Văn Sơn"):
            member.counting_role = "Thành viên"

    # CSTĐCS: 11 ballots (10 at the meeting, 1 written opinion); ballot 4 declared invalid by the committee.
    approvals = {"GV001": 10, "GV002": 10, "GV007": 9, "GV005": 9, "GV015": 8, "GV040": 9, "GV003": 9}
    cands = list(approvals)
    data.rounds.append(m.BallotRound(m.Title.CSTDCS, cands))
    data.rounds.append(m.BallotRound(m.Title.CSTD_TINH, ["GV001"]))
    data.rounds.append(m.BallotRound(m.Title.TTLDXS, ["Tổ Toán - Tin", "Tổ Khoa học tự nhiên"]))
    valid_numbers = [n for n in range(1, 12) if n != 4]
    marks: dict[int, dict[str, m.Mark]] = {n: {} for n in range(1, 12)}
    for c, k in approvals.items():
        yes = set(rng.sample(valid_numbers, k))
        for n in valid_numbers:
            marks[n][c] = m.Mark.APPROVE if n in yes else m.Mark.DISAPPROVE
    marks[4] = {c: m.Mark.APPROVE for c in cands}
    for n in range(1, 12):
        data.ballots.append(m.Ballot(
            str(n), m.Title.CSTDCS, marks[n],
            m.BallotSource.WRITTEN if n == 11 else m.BallotSource.MEETING,
            declared_invalid=(n == 4), declared_reason="Phiếu rách, viết thêm tên ngoài danh sách" if n == 4 else "",
        ))
    for n in range(1, 12):
        data.ballots.append(m.Ballot(str(n), m.Title.CSTD_TINH, {"GV001": m.Mark.DISAPPROVE if n == 7 else m.Mark.APPROVE},
                                     m.BallotSource.WRITTEN if n == 11 else m.BallotSource.MEETING))
        data.ballots.append(m.Ballot(str(n), m.Title.TTLDXS,
                                     {"Tổ Toán - Tin": m.Mark.APPROVE,
                                      "Tổ Khoa học tự nhiên": m.Mark.DISAPPROVE if n in (3, 8) else m.Mark.APPROVE},
                                     m.BallotSource.WRITTEN if n == 11 else m.BallotSource.MEETING))


def write_demo(path: Path, seed: int = 2025) -> Path:
    return write_template(Path(path), build_demo(seed))
