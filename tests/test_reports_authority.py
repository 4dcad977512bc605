"""Who decides what (issue 13, points 4, 6, 7): the deciding authority per title and regime as cited rule data,
the dossier split by authority, the forms of NĐ 152/2025, and the warning for a district named after 07/2025.

The end-to-end tests write a real copy of the demo workbook (school year and dates moved to 2025-2026), read it
through the API and open the generated .docx files with python-docx.
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from test_reports import build, doc_path, make_checked, make_data, make_tallied, text

from thidua_xl import api, reports
from thidua_xl.core import authority as auth
from thidua_xl.core.model import CandidateTally, Title, TitleTally
from thidua_xl.core.rules import load_ruleset, ruleset_for

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "workbooks" / "demo_thcs.xlsx"
ENGLISH_TAGS = re.compile(r"\b(UNVERIFIED|SECONDARY|VERIFIED|GAP|LOCAL)\b")
# texts not in force on a consideration date in 2026 (replaced, or never the source of the forms)
NOT_IN_FORCE_2026 = ("98/2023", "91/2017", "01/2024/TT-BNV", "35/2015", "22/2018", "12/2019", "21/2020",
                     "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003", "638/QĐ-BNV")
YEARS = {"2017": "2022-2023", "2024": "2024-2025", "2025": "2025-2026"}


# ---------------------------------------------------------------- helpers


def moved_demo(tmp_path: Path, years: int = 1, **fields: str) -> Path:
    """A copy of the demo workbook with the school year and every date of "Thông tin chung" moved by ``years``
    (and the given items replaced: label prefix → value)."""
    wb = openpyxl.load_workbook(DEMO)
    ws = wb["Thông tin chung"]
    for row in ws.iter_rows(min_row=2):
        label = str(row[0].value or "")
        if label.startswith("Năm học"):
            a, b = (int(x) for x in str(row[1].value).split("-"))
            row[1].value = f"{a + years}-{b + years}"
        elif isinstance(row[1].value, dt.datetime):
            row[1].value = row[1].value.replace(year=row[1].value.year + years)
        for prefix, value in fields.items():
            if label.startswith(prefix):
                row[1].value = value
    path = tmp_path / f"demo_moved_{years}.xlsx"
    wb.save(path)
    return path


def docx_text(path: Path) -> str:
    """Every paragraph, table cell, header and footer of a .docx (python-docx)."""
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    for section in d.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def info_row(path: Path, prefix: str) -> int:
    ws = openpyxl.load_workbook(path)["Thông tin chung"]
    return next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith(prefix))


# ---------------------------------------------------------------- rule data


@pytest.mark.parametrize("regime", ["2017", "2024", "2025"])
def test_every_title_has_one_cited_deciding_level(regime: str) -> None:
    rules = ruleset_for(YEARS[regime])
    placed: dict[str, str] = {}
    for level in auth.LEVELS:
        p = rules[f"authority.{level}.titles"]
        assert p.cite.doc and p.tag
        for code in p.value:
            assert code not in placed, (code, placed.get(code), level)
            placed[code] = level
    assert set(placed) == {t.value for t in Title}
    assert {auth.level_of(rules, t) for t in (Title.LDTT, Title.CSTDCS, Title.TTLDTT, Title.GIAY_KHEN)} == {"local"}
    assert {auth.level_of(rules, t) for t in (Title.CSTD_TINH, Title.TTLDXS, Title.BK_TINH)} == {"province"}
    assert {auth.level_of(rules, t) for t in (Title.BK_BO, Title.KNC)} == {"minister"}
    assert {auth.level_of(rules, t) for t in (Title.CSTD_TQ, Title.BK_TTG)} == {"prime_minister"}


def test_authority_citations_per_regime() -> None:
    r2025, r2024, r2017 = ruleset_for("2025-2026"), ruleset_for("2024-2025"), ruleset_for("2022-2023")
    assert str(r2025["authority.local.titles"].cite) == "Điều 59 NĐ 129/2025/NĐ-CP"
    assert str(r2025["authority.default"].cite) == "Điều 59 NĐ 129/2025/NĐ-CP"
    assert str(r2024["authority.local.titles"].cite) == "khoản 1, khoản 2 Điều 80 Luật 06/2022/QH15"
    assert r2024["authority.local.titles"].tag == "VERIFIED"
    assert str(r2017["authority.local.titles"].cite) == "khoản 2 Điều 43 NĐ 91/2017/NĐ-CP"
    assert "06/2022" not in str(r2017["authority.default"].cite)
    assert "Điều 77" not in str(r2017["authority.default"].cite)  # Điều 77 of the 2003 Law is the President's
    assert r2025.value("authority.district_level") is False
    assert r2024.value("authority.district_level") is True and r2017.value("authority.district_level") is True


def test_names_and_district_words() -> None:
    r2024, r2025 = load_ruleset("2024"), load_ruleset("2025")
    assert auth.province_name("Hà Nội", r2025) == "thành phố Hà Nội"
    assert auth.province_name("Nghệ An", r2025) == "tỉnh Nghệ An"
    assert auth.province_name("tỉnh Nghệ An", r2025) == "tỉnh Nghệ An"
    assert auth.province_name("", r2025) == "…"
    # the centrally-run cities are dated data: Huế is one in the 2025 rule set, not in 2024's list
    assert auth.province_name("Huế", r2025) == "thành phố Huế"
    assert auth.province_name("Huế", r2024) == "tỉnh Huế"
    assert auth.province_name("hồ chí minh", r2024) == "thành phố hồ chí minh"
    for name in ("quận Long Biên", "UBND HUYỆN GIA LÂM", "Phòng GD&ĐT quận Ba Đình", "UBND thị xã Sơn Tây",
                 "Phòng Giáo dục và Đào tạo huyện Đông Anh"):
        assert auth.names_district(name), name
    for name in ("phường Long Biên", "UBND PHƯỜNG LONG BIÊN", "xã Bát Tràng", "Sở GDĐT Hà Nội", "phường Quang Trung",
                 "xã Huyền Hội"):
        assert not auth.names_district(name), name


# ---------------------------------------------------------------- the dossier split by deciding authority


def _with_higher_titles(out: Path, regime: str = "2025", under_department: bool = False
                        ) -> tuple[reports.DossierResult, str]:
    """Hand-made data: LĐTT, CSTĐCS, TTLĐTT (next level) plus a CSTĐ tỉnh and a Bằng khen Bộ trưởng (higher)."""
    data = make_data(regime, under_department=under_department)
    tallied = make_tallied(data)

    def cand(title: Title, subject: str, name: str) -> CandidateTally:
        return CandidateTally(title, subject, name, 5, 0, 0, "total_members", 5, Fraction(1), True, None, False,
                              True, True, [])

    for title, subject, name in ((Title.CSTD_TINH, "GV01", "Nguyễn Thị Hồng"), (Title.BK_BO, "GV04", "Trần Minh Ánh")):
        tallied.titles.append(TitleTally(title, "≥ 80% tổng số thành viên Hội đồng", "", "", issued=5, returned=5,
                                         valid=5, invalid=0, candidates=[cand(title, subject, name)]))
    rules = ruleset_for(data.info.school_year)
    return reports.build_dossier(data, rules, make_checked(data), tallied, out), data.info.school_year


def test_to_trinh_splits_titles_by_deciding_authority(tmp_path: Path) -> None:
    result, _ = _with_higher_titles(tmp_path, "2025")
    body = text(doc_path(result, "01_"))
    ward = "Chủ tịch Ủy ban nhân dân phường Long Biên"
    assert f"Kính gửi: {ward}." in body
    assert f"1. Đề nghị {ward} quyết định công nhận:" in body
    assert f"2. Đề nghị {ward} xem xét, trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội quyết định tặng:" in body
    assert f"3. Đề nghị {ward} xem xét, trình Bộ trưởng Bộ Giáo dục và Đào tạo quyết định tặng:" in body
    # each title under its own authority, in that order
    i_ldtt = body.index("Danh hiệu “Lao động tiên tiến”: 04 cá nhân;")
    i_ttldtt = body.index("Danh hiệu “Tập thể lao động tiên tiến”: 01 tập thể.")
    i_cstd = body.index("Danh hiệu “Chiến sĩ thi đua cấp tỉnh”: 01 cá nhân.")
    i_bk = body.index("Bằng khen Bộ trưởng: 01 cá nhân.")
    assert body.index("1. Đề nghị") < i_ldtt < i_ttldtt < body.index("2. Đề nghị") < i_cstd < body.index("3. Đề nghị")
    assert body.index("3. Đề nghị") < i_bk


def test_danh_sach_and_bien_ban_split_by_authority(tmp_path: Path) -> None:
    result, _ = _with_higher_titles(tmp_path, "2025")
    ds = text(doc_path(result, "02_"))
    assert "A. ĐỀ NGHỊ CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG BIÊN QUYẾT ĐỊNH CÔNG NHẬN" in ds
    assert ("B. ĐỀ NGHỊ CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LONG BIÊN XEM XÉT, TRÌNH CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ "
            "HÀ NỘI QUYẾT ĐỊNH TẶNG") in ds
    assert ds.index("A. ĐỀ NGHỊ") < ds.index("DANH HIỆU “LAO ĐỘNG TIÊN TIẾN”") < ds.index("B. ĐỀ NGHỊ") \
        < ds.index("DANH HIỆU “CHIẾN SĨ THI ĐUA CẤP TỈNH”") < ds.index("C. ĐỀ NGHỊ")
    bb = text(doc_path(result, "03_"))
    assert "A. Đề nghị Chủ tịch Ủy ban nhân dân phường Long Biên quyết định công nhận cho" in bb
    assert ("B. Đề nghị Chủ tịch Ủy ban nhân dân phường Long Biên xem xét, trình Chủ tịch Ủy ban nhân dân thành phố "
            "Hà Nội quyết định tặng cho 01 lượt cá nhân (01 người):") in bb
    assert "1. Danh hiệu “Chiến sĩ thi đua cấp tỉnh” (01 cá nhân): Nguyễn Thị Hồng (100,00%)." in bb


def test_school_under_the_department_goes_through_the_director(tmp_path: Path) -> None:
    result, _ = _with_higher_titles(tmp_path, "2024", under_department=True)
    body = text(doc_path(result, "01_"))
    director = "Giám đốc Sở Giáo dục và Đào tạo Hà Nội"
    assert f"1. Đề nghị {director} quyết định công nhận:" in body
    assert f"2. Đề nghị {director} xem xét, trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội quyết định tặng:" in body
    assert "quận" not in body


def test_2024_addresses_the_district_chairman(tmp_path: Path) -> None:
    result, _ = build(tmp_path, "2024")
    body = text(doc_path(result, "01_"))
    assert "1. Đề nghị Chủ tịch Ủy ban nhân dân quận Long Biên quyết định công nhận:" in body
    assert "xem xét, trình" not in body  # every proposed title is decided by the next level


# ---------------------------------------------------------------- no district after 07/2025


def test_validation_warns_a_district_in_a_2025_workbook(tmp_path: Path) -> None:
    path = moved_demo(tmp_path)
    data = api.validate(path)
    found = {p.column: p for p in data.problems if p.code == "DISTRICT_AFTER_2025"}
    assert set(found) == {"B (Xã/Phường (Quận/Huyện))", "B (Cơ quan chủ quản)"}
    commune = found["B (Xã/Phường (Quận/Huyện))"]
    assert commune.severity == "warning" and commune.sheet == "Thông tin chung"
    assert commune.row == info_row(path, "Xã/Phường") and commune.value == "quận Long Biên"
    assert "không còn cấp quận/huyện" in commune.message
    assert "UBND xã/phường" in commune.suggestion and "Sở GDĐT thành phố Hà Nội" in commune.suggestion
    assert found["B (Cơ quan chủ quản)"].row == info_row(path, "Cơ quan chủ quản")
    assert not data.errors


def test_no_district_warning_before_july_2025_or_for_a_ward(tmp_path: Path) -> None:
    assert not [p for p in api.validate(DEMO).problems if p.code == "DISTRICT_AFTER_2025"]  # 2024-2025: districts
    ward = moved_demo(tmp_path, **{"Xã/Phường": "phường Long Biên", "Cơ quan chủ quản": "UBND PHƯỜNG LONG BIÊN"})
    assert not [p for p in api.validate(ward).problems if p.code == "DISTRICT_AFTER_2025"]
    dept = moved_demo(tmp_path, 2, **{"Trực thuộc Sở": "Có", "Cơ quan chủ quản": "SỞ GDĐT HÀ NỘI"})
    assert not [p for p in api.validate(dept).problems if p.code == "DISTRICT_AFTER_2025"]


def test_demo_moved_to_2025_2026_dossier(tmp_path: Path) -> None:
    """The issue's acceptance test: the dossier of the demo workbook moved to 2025-2026 cites only texts in force,
    splits the titles by authority, never addresses a district chairman, and has no English tag."""
    path = moved_demo(tmp_path)
    result = api.report(path, tmp_path / "hoso")
    assert result.regime == "2025"
    assert "quận" not in result.authority
    everything = {f.name: docx_text(f) for f in result.files}
    assert len(everything) >= 6
    for name, body in everything.items():
        for doc in NOT_IN_FORCE_2026:
            assert doc not in body, (name, doc)
        assert not ENGLISH_TAGS.search(body), (name, ENGLISH_TAGS.search(body))
        assert "UBND QUẬN" not in body, name  # the governing-body header (past decisions keep their issuer)
        assert not re.search(r"Chủ tịch (Ủy ban nhân dân|UBND) (quận|huyện)", body, re.IGNORECASE), name
    to_trinh = everything["01_to_trinh.docx"]
    assert "Mẫu số 01 – Phụ lục Nghị định số 152/2025/NĐ-CP" in to_trinh
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in to_trinh
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã/phường …." in to_trinh
    assert "1. Đề nghị Chủ tịch Ủy ban nhân dân xã/phường … quyết định công nhận:" in to_trinh
    assert ("2. Đề nghị Chủ tịch Ủy ban nhân dân xã/phường … xem xét, trình Chủ tịch Ủy ban nhân dân thành phố Hà Nội "
            "quyết định tặng:") in to_trinh
    assert "UBND XÃ/PHƯỜNG …" in to_trinh and "UBND QUẬN" not in to_trinh
    report = next(b for n, b in everything.items() if n.endswith("_CSTDCS.docx"))
    assert "Mẫu số 05 – Phụ lục Nghị định số 152/2025/NĐ-CP" in report
    assert "A. ĐỀ NGHỊ CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ/PHƯỜNG … QUYẾT ĐỊNH CÔNG NHẬN" in everything["02_danh_sach_de_nghi.docx"]
    assert any("quận Long Biên" in w for w in result.warnings)


def test_blank_commune_is_left_for_the_secretary(tmp_path: Path) -> None:
    for regime, expected in (("2024", "Chủ tịch Ủy ban nhân dân …"), ("2025", "Chủ tịch Ủy ban nhân dân xã/phường …")):
        data = make_data(regime)
        data.info.commune = ""
        rules = ruleset_for(data.info.school_year)
        assert auth.next_level_name(data.info, rules)[0] == expected
        result = reports.build_dossier(data, rules, make_checked(data), make_tallied(data), tmp_path / regime)
        assert f"Kính gửi: {expected}." in text(doc_path(result, "01_"))


def test_rules_document_shows_who_decides() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    part = docs.split("### Ai quyết định (chế độ 2025)", 1)[1].split("##", 1)[0]
    assert ("| Chiến sĩ thi đua cơ sở | Cấp nhận tờ trình: Chủ tịch UBND xã/phường; trường trực thuộc Sở: Giám đốc Sở "
            "GDĐT | Điều 59 NĐ 129/2025/NĐ-CP |") in part
    assert "| Tập thể lao động xuất sắc | Chủ tịch Ủy ban nhân dân tỉnh/thành phố |" in part
    assert not ENGLISH_TAGS.search(part)
    before = docs.split("### Ai quyết định (chế độ 2024)", 1)[1].split("##", 1)[0]
    assert "Chủ tịch UBND quận/huyện" in before and "khoản 1, khoản 2 Điều 80 Luật 06/2022/QH15" in before


def test_the_minutes_say_which_date_decided_the_regime(tmp_path: Path) -> None:
    """Issue 13 point 3: a 2024-2025 year whose council meets on 15/07/2025 falls under 2025 (NĐ 152/2025 in
    force from 01/07/2025), and the biên bản họp says that the meeting date decided it."""
    wb = openpyxl.load_workbook(DEMO)
    ws = wb["Thông tin chung"]
    for row in ws.iter_rows(min_row=2):
        label = str(row[0].value or "")
        if label.startswith("Ngày họp"):
            row[1].value = dt.datetime(2025, 7, 15)
        elif label.startswith("Ngày xét"):
            row[1].value = None
    path = tmp_path / "hop_15_07_2025.xlsx"
    wb.save(path)
    result = api.report(path, tmp_path / "ho_so")
    minutes = docx_text(next(f for f in result.files if "bien_ban_hop" in Path(f).name))
    assert "Chế độ 2025 theo ngày họp Hội đồng 15/07/2025." in minutes
    assert "98/2023" not in minutes.split("2. Xét điều kiện")[1].split("\n")[0]
    # the demo as shipped: considered 31/05/2025, regime 2024, and the minutes say so
    shipped = api.report(DEMO, tmp_path / "ho_so_demo")
    minutes = docx_text(next(f for f in shipped.files if "bien_ban_hop" in Path(f).name))
    assert "Chế độ 2024 theo ngày xét 31/05/2025." in minutes
