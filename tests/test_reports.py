"""The nomination dossier (issue 5): content and NĐ 30/2020 format of every generated Word document.

The renderer is tested against hand-made CheckResult / TallyResult objects (the core's result contract in
model.py), for each legal regime; an end-to-end test runs the real engines on the demo workbook.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from thidua_xl import reports
from thidua_xl.core.model import (
    Achievement,
    AchievementKind,
    CandidateTally,
    CheckResult,
    CouncilMember,
    CouncilRole,
    Gender,
    HistoryRecord,
    Initiative,
    InitiativeKind,
    InvalidBallot,
    Level,
    ListApproval,
    Rating,
    Registration,
    SchoolData,
    SchoolInfo,
    Staff,
    TallyResult,
    Team,
    Title,
    TitleTally,
    Verdict,
)
from thidua_xl.core.rules import ruleset_for
from thidua_xl.reports import context as ctx
from thidua_xl.text import name_key

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
YEARS = {"2017": "2022-2023", "2024": "2024-2025", "2025": "2025-2026"}
COMMUNE = {"2017": "quận Long Biên", "2024": "quận Long Biên", "2025": "phường Long Biên"}

PEOPLE = [  # id, name, gender, position, team, rating
    ("GV01", "Nguyễn Thị Hồng", Gender.NU, "Giáo viên Toán", "Tổ Toán", Rating.HTXSNV),
    ("GV02", "Phạm Văn An", Gender.NAM, "Giáo viên Toán", "Tổ Toán", Rating.HTTNV),
    ("GV03", "Lê Thu Hà", Gender.NU, "Giáo viên Văn", "Tổ Văn", Rating.HTXSNV),
    ("GV04", "Trần Minh Ánh", Gender.NU, "Tổ trưởng, giáo viên Văn", "Tổ Văn", Rating.HTXSNV),
    ("GV05", "Đỗ Văn Bình", Gender.NAM, "Nhân viên", "Tổ Văn phòng", Rating.HTNV),
]


# ---------------------------------------------------------------- hand-made data and results


def make_data(regime: str = "2024", under_department: bool = False) -> SchoolData:
    year = YEARS[regime]
    end = int(year[-4:])
    staff = [Staff(i, n, g, dt.date(1980 + k, 3, 12), pos, team, dt.date(2005, 9, 1), dt.date(2005, 9, 1),
                   rating=r) for k, (i, n, g, pos, team, r) in enumerate(PEOPLE)]
    prev = f"{end - 2}-{end - 1}"
    info = SchoolInfo(
        school_name="Trường THCS Thử Nghiệm", governing_body=f"UBND {COMMUNE[regime].upper()}", school_year=year,
        place_name="Long Biên", meeting_date=dt.date(end, 5, 25), consideration_date=dt.date(end, 5, 31),
        principal="Trần Văn Bình", secretary="Lê Thị Mai", under_department=under_department, province="Hà Nội",
        commune=COMMUNE[regime], doc_code="THCSTN",
    )
    council = [
        CouncilMember("Trần Văn Bình", CouncilRole.CHU_TICH),
        CouncilMember("Lê Thị Mai", CouncilRole.THU_KY),
        CouncilMember("Nguyễn Thị Hồng", CouncilRole.UY_VIEN, "GV01"),
        CouncilMember("Phạm Văn An", CouncilRole.UY_VIEN, "GV02"),
        CouncilMember("Lê Thu Hà", CouncilRole.UY_VIEN, "GV03", present=False, absence_reason="Nghỉ thai sản",
                      written_opinion=True),
    ]
    return SchoolData(
        info=info, staff=staff, teams=[Team("Tổ Toán", "GV01", Rating.HTXSNV), Team("Tổ Văn", "GV04", Rating.HTTNV)],
        registrations=[Registration(False, "GV01", Title.CSTDCS, dt.date(end - 1, 9, 20)),
                       Registration(False, "GV01", Title.LDTT, dt.date(end - 1, 9, 20)),
                       Registration(False, "GV03", Title.CSTDCS, dt.date(end - 1, 9, 21)),
                       Registration(False, "GV04", Title.CSTDCS, dt.date(end - 1, 9, 22)),
                       Registration(True, "Tổ Toán", Title.TTLDTT, dt.date(end - 1, 9, 22))],
        initiatives=[Initiative("GV01", "Dạy hình học với GeoGebra", InitiativeKind.SANG_KIEN, Level.CO_SO,
                                "12/QĐ-THCSTN", dt.date(end, 5, 20), year)],
        history=[HistoryRecord("GV01", prev, Rating.HTXSNV, Title.CSTDCS, "1234/QĐ-UBND", dt.date(end - 1, 7, 20),
                               "UBND quận Long Biên"),
                 HistoryRecord("GV01", prev, Rating.HTXSNV, Title.GIAY_KHEN, "77/QĐ-UBND", dt.date(end - 1, 7, 21),
                               "UBND quận Long Biên")],
        council=council,
    )


def make_checked(data: SchoolData) -> CheckResult:
    verdicts = []
    for i, n, *_ in PEOPLE:
        verdicts.append(Verdict(i, n, Title.LDTT, eligible=i != "GV05"))
        verdicts.append(Verdict(i, n, Title.CSTDCS, eligible=i in ("GV01", "GV03", "GV04")))
    verdicts.append(Verdict("Tổ Toán", "Tổ Toán", Title.TTLDTT, True, is_team=True, team="Tổ Toán"))
    verdicts.append(Verdict("Tổ Văn", "Tổ Văn", Title.TTLDTT, False, is_team=True, team="Tổ Văn"))
    return CheckResult(data.info.school_year, "", verdicts)


def _cand(subject: str, name: str, approvals: int, proposed: bool, passed: bool = True, revote: bool = False,
          notes: list[str] | None = None) -> CandidateTally:
    return CandidateTally(Title.CSTDCS, subject, name, approvals, 5 - approvals, 0, "total_members", 5,
                          Fraction(approvals, 5), passed, None, revote, True, proposed, notes or [])


def make_tallied(data: SchoolData, certified: bool = True) -> TallyResult:
    threshold = ruleset_for(data.info.school_year)["vote.threshold.CSTDCS"]  # cite the regime's own rule
    tt = TitleTally(
        Title.CSTDCS, "≥ 80% tổng số thành viên Hội đồng", threshold.citation_text, threshold.tag_text,
        issued=5, returned=5, valid=4, invalid=1,
        invalid_ballots=[InvalidBallot("3", Title.CSTDCS, "UNREADABLE_MARK", "Có ô không đọc được: GV03")],
        candidates=[_cand("GV01", "Nguyễn Thị Hồng", 5, True), _cand("GV04", "Trần Minh Ánh", 4, True),
                    _cand("GV03", "Lê Thu Hà", 3, False, passed=False, notes=["Chưa đạt ngưỡng: 3/5 = 60,00%"])],
        quota=None, quota_text="", written=1,
    )
    return TallyResult(data.info.school_year, "2024", council_total=5, present=4, written_opinions=1,
                       quorum_required=4, quorum_ok=certified, titles=[tt], certified=certified,
                       hash="ab" * 32)


def build(tmp_path: Path, regime: str = "2024", **kw: object) -> tuple[reports.DossierResult, SchoolData]:
    data = make_data(regime, under_department=bool(kw.pop("under_department", False)))
    rules = ruleset_for(data.info.school_year)
    result = reports.build_dossier(data, rules, make_checked(data), make_tallied(data), tmp_path / f"out_{regime}", **kw)
    return result, data


# ---------------------------------------------------------------- reading helpers


def paragraphs(path: Path) -> list[str]:
    """Every paragraph text in document order, table cells included."""
    doc = Document(str(path))
    return [Paragraph(p, doc).text for p in doc.element.body.iter(f"{W}p")]


def text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def tables(path: Path) -> list[list[list[str]]]:
    doc = Document(str(path))
    return [[[c.text for c in row.cells] for row in tbl.rows] for tbl in doc.tables]


def doc_path(result: reports.DossierResult, prefix: str) -> Path:
    return next(p for p in result.files if p.name.startswith(prefix))


def reports_of(result: reports.DossierResult) -> list[Path]:
    return [p for p in result.files if p.parent.name == "05_bao_cao_thanh_tich"]


def all_text(result: reports.DossierResult) -> str:
    return "\n".join(text(p) for p in result.files)


# ---------------------------------------------------------------- files


def test_every_document_is_written(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    names = [p.relative_to(result.out_dir).as_posix() for p in result.files]
    assert names[:4] == ["01_to_trinh.docx", "02_danh_sach_de_nghi.docx", "03_bien_ban_hop_hoi_dong.docx",
                         "04_bien_ban_kiem_phieu.docx"]
    assert "06_tong_hop_dang_ky_thi_dua.docx" in names
    # one achievement report per CSTĐCS nominee (LĐTT needs none by default)
    assert [p.name for p in reports_of(result)] == ["001_GV04_Tran_Minh_Anh_CSTDCS.docx",
                                                    "002_GV01_Nguyen_Thi_Hong_CSTDCS.docx"]
    assert result.reports == 2
    assert result.bundle == result.out_dir / "ho_so_de_nghi_2024-2025.docx" and result.bundle.is_file()
    assert result.files[-1] == result.bundle
    assert (result.out_dir / reports.MANIFEST).is_file()
    assert not list(result.out_dir.rglob("*.tmp"))
    for p in result.files:
        Document(str(p))  # every file opens


def test_bundle_holds_every_document_in_order(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    bundle = text(result.bundle)
    starts = [bundle.index(marker) for marker in ("TỜ TRÌNH", "DANH SÁCH", "BIÊN BẢN\n", "BIÊN BẢN KIỂM PHIẾU",
                                                  "BÁO CÁO THÀNH TÍCH", "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA")]
    assert starts == sorted(starts)
    assert bundle.split("\n").count("BÁO CÁO THÀNH TÍCH") == 2
    for p in result.files[:-1]:
        for line in paragraphs(p):
            assert line in bundle


def _appends(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the documents docxcompose appends (the rest of a bundle is copied in as text)."""
    from docxcompose.composer import Composer

    calls: list[int] = []
    original = Composer.append

    def counting(self: Composer, doc: object, *a: object, **k: object) -> None:
        calls.append(1)
        original(self, doc, *a, **k)

    monkeypatch.setattr(Composer, "append", counting)
    return calls


def test_bundle_copies_plain_bodies_as_text_byte_identical_to_docxcompose(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15: a document rendered from a template docxcompose has already merged is copied in without
    parsing its package; the bundle is byte for byte the one docxcompose makes appending every document."""
    result, _ = build(tmp_path)
    blobs = [p.read_bytes() for p in result.files[:-1]]
    cover = {"school": "Trường THCS Thử", "year": "2024-2025", "labels": [p.stem for p in result.files[:-1]]}
    calls = _appends(monkeypatch)
    fast = reports.compose(blobs, cover=cover)
    fast_appends = len(calls)
    slow = reports.compose(blobs, cover=cover, fast=False)
    assert fast == slow
    assert len(calls) - fast_appends == len(blobs) and fast_appends < len(blobs) - 1  # some bodies copied as text


def test_bundle_leaves_a_body_docxcompose_changes_to_docxcompose(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A body with something docxcompose renumbers or merges (here a bookmark, a numbered paragraph) is
    appended by docxcompose, and the bundle stays the same as without the text copy."""
    result, _ = build(tmp_path)
    blobs = [p.read_bytes() for p in result.files[:-1]]

    def with_body_marks(blob: bytes) -> bytes:
        src = zipfile.ZipFile(io.BytesIO(blob))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:p>", b'<w:p><w:bookmarkStart w:id="7" w:name="mine"/>'
                                                  b'<w:bookmarkEnd w:id="7"/>', 1)
                dst.writestr(info, data)
        return out.getvalue()

    marked = [blobs[0], *(with_body_marks(b) for b in blobs[1:])]
    assert all(b"mine" in zipfile.ZipFile(io.BytesIO(b)).read("word/document.xml") for b in marked[1:])
    calls = _appends(monkeypatch)
    fast = reports.compose(marked)
    assert len(calls) == len(marked) - 1  # every one through docxcompose
    assert fast == reports.compose(marked, fast=False)
    assert text_of(fast).split("\n").count("BÁO CÁO THÀNH TÍCH") == 2


def test_bundle_cover_index_lists_every_document_with_its_page_field(tmp_path: Path) -> None:
    """The cover's lines after the first are copies of it with their own number, name and PAGEREF field."""
    result, _ = build(tmp_path)
    blobs = [p.read_bytes() for p in result.files[:-1]]
    labels = [" lề hai bên ", *(f"Văn bản {i}" for i in range(1, len(blobs)))]
    doc = Document(io.BytesIO(reports.compose(blobs, cover={"school": "Trường", "year": "2024-2025",
                                                             "labels": labels})))
    rows = doc.tables[0].rows[1:]
    assert [[c.text for c in r.cells[:2]] for r in rows] == [[str(i), x] for i, x in enumerate(labels, start=1)]
    instr = [" ".join(t.text for t in r._tr.iter(f"{W}instrText")) for r in rows]
    assert instr == [f" PAGEREF thidua_doc_{i}_end \\h " for i in range(len(labels))]
    spaces = [r.cells[1]._tc.find(f".//{W}t").get("{http://www.w3.org/XML/1998/namespace}space") for r in rows]
    assert spaces == ["preserve"] + [None] * (len(labels) - 1)


def text_of(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    return "\n".join(Paragraph(p, doc).text for p in doc.element.body.iter(f"{W}p"))


# ---------------------------------------------------------------- tờ trình: căn cứ and addressee per regime


def test_to_trinh_2024(tmp_path: Path) -> None:
    result, _ = build(tmp_path, "2024")
    body = text(doc_path(result, "01_"))
    assert "TỜ TRÌNH" in body
    assert "Về việc đề nghị công nhận danh hiệu thi đua năm học 2024-2025" in body
    assert "Số: …/TTr-THCSTN" in body
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân quận Long Biên." in body
    assert "Căn cứ Nghị định số 98/2023/NĐ-CP" in body
    assert "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15" in body
    assert "91/2017" not in body and "152/2025" not in body
    assert "- Danh hiệu “Lao động tiên tiến”: 04 cá nhân;" in body
    assert "- Danh hiệu “Chiến sĩ thi đua cơ sở”: 02 cá nhân;" in body
    assert "- Danh hiệu “Tập thể lao động tiên tiến”: 01 tập thể." in body
    assert "Tổng cộng: 06 lượt cá nhân (04 người) và 01 lượt tập thể." in body
    assert "Long Biên, ngày 25 tháng 5 năm 2025" in body
    assert "Trần Văn Bình" in body
    # căn cứ lines end with ";" and the last with "."
    lines = [p for p in paragraphs(doc_path(result, "01_")) if p.startswith("Căn cứ ")
             and not p.startswith("Căn cứ kết quả bình xét")]
    assert all(line.endswith(";") for line in lines[:-1]) and lines[-1].endswith(".")
    assert "Biên bản họp Hội đồng Thi đua – Khen thưởng Trường THCS Thử Nghiệm ngày 25 tháng 5 năm 2025." in lines[-1]


def test_regime_2017_never_cites_later_decrees(tmp_path: Path) -> None:
    result, _ = build(tmp_path, "2017")
    body = text(doc_path(result, "01_"))
    assert "Căn cứ Nghị định số 91/2017/NĐ-CP" in body
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân quận Long Biên." in body
    everything = all_text(result)
    assert "98/2023" not in everything and "152/2025" not in everything
    report = text(reports_of(result)[0])
    assert "Mẫu số 02 – Nghị định số 91/2017/NĐ-CP" in report


def test_regime_2025_cites_nd_152_and_addresses_the_ward(tmp_path: Path) -> None:
    result, _ = build(tmp_path, "2025")
    body = text(doc_path(result, "01_"))
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in body
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân phường Long Biên." in body
    assert "Mẫu số 01 – Phụ lục Nghị định số 152/2025/NĐ-CP" in body  # the forms are NĐ 152's, not QĐ 638's
    everything = all_text(result)
    assert "98/2023" not in everything and "91/2017" not in everything and "638/QĐ-BNV" not in everything
    assert "Mẫu số 05 – Phụ lục Nghị định số 152/2025/NĐ-CP" in text(reports_of(result)[0])
    assert result.regime == "2025"
    assert any("chưa được kiểm chứng" in w for w in result.warnings)


def test_school_under_the_department_addresses_the_director(tmp_path: Path) -> None:
    result, _ = build(tmp_path, "2024", under_department=True)
    body = text(doc_path(result, "01_"))
    assert "Kính gửi: Giám đốc Sở Giáo dục và Đào tạo Hà Nội." in body
    assert "Ủy ban nhân dân" not in body
    assert result.authority == "Giám đốc Sở Giáo dục và Đào tạo Hà Nội"


def test_stale_district_after_july_2025_is_warned(tmp_path: Path) -> None:
    data = make_data("2025")
    data.info.commune = "quận Long Biên"
    result = reports.build_dossier(data, ruleset_for(data.info.school_year), make_checked(data), make_tallied(data), tmp_path / "o")
    assert any("xã/phường" in w and "quận Long Biên" in w for w in result.warnings)


# ---------------------------------------------------------------- danh sách


def test_danh_sach_one_table_per_title_in_vietnamese_name_order(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    path = doc_path(result, "02_")
    body = text(path)
    assert "(Kèm theo Tờ trình số …/TTr-THCSTN ngày 25 tháng 5 năm 2025 của Trường THCS Thử Nghiệm)" in body
    assert "I. DANH HIỆU “LAO ĐỘNG TIÊN TIẾN” (04 cá nhân)" in body
    assert "II. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ” (02 cá nhân)" in body
    assert "III. DANH HIỆU “TẬP THỂ LAO ĐỘNG TIÊN TIẾN” (01 tập thể)" in body
    tbls = tables(path)[1:-1]  # without the head and the signature tables
    assert len(tbls) == 3
    ldtt, cstdcs, team = tbls
    assert ldtt[0] == ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Tổ chuyên môn", "Thành tích nổi bật",
                       "Tỷ lệ phiếu đồng ý"]
    names = [row[1] for row in ldtt[1:]]
    assert names == sorted(names, key=name_key) == ["Phạm Văn An", "Trần Minh Ánh", "Lê Thu Hà", "Nguyễn Thị Hồng"]
    assert [row[0] for row in ldtt[1:]] == ["1", "2", "3", "4"]
    assert ldtt[1][6] == "—"  # LĐTT was not voted
    assert [row[1] for row in cstdcs[1:]] == ["Trần Minh Ánh", "Nguyễn Thị Hồng"]
    hong = cstdcs[2]
    assert hong[2:5] == ["12/03/1980", "Giáo viên Toán", "Tổ Toán"]
    assert "Hoàn thành xuất sắc nhiệm vụ năm học 2024-2025" in hong[5]
    assert "“Dạy hình học với GeoGebra”" in hong[5] and "12/QĐ-THCSTN" in hong[5]
    assert hong[6] == "100,00%" and cstdcs[1][6] == "80,00%"
    assert team[1][1] == "Tổ Toán" and "hoàn thành xuất sắc nhiệm vụ" in team[1][2]


# ---------------------------------------------------------------- biên bản


def test_bien_ban_kiem_phieu_figures(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    path = doc_path(result, "04_")
    body = text(path)
    assert "BIÊN BẢN KIỂM PHIẾU" in body and "Số: …/BB-BKP" in body
    assert "I. DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”" in body
    assert "- Số phiếu phát ra: 5; số phiếu thu về: 5 (không thu về: 0), trong đó 1 phiếu là ý kiến bằng văn bản." \
        in body
    assert "- Số phiếu hợp lệ: 4; số phiếu không hợp lệ: 1." in body
    assert ("- Ngưỡng: ≥ 80% tổng số thành viên Hội đồng (khoản 7 Điều 30 NĐ 98/2023/NĐ-CP [theo nguồn thứ cấp, chưa đối chiếu công báo]); tỷ lệ tính "
            "trên tổng số thành viên Hội đồng (5).") in body
    assert "- Chỉ tiêu: Không giới hạn số lượng." in body
    assert "Mã băm SHA-256 của dữ liệu phiếu (đối chiếu với sổ tính nhập liệu): " + "ab" * 32 in body
    assert "Kết quả kiểm phiếu được chứng nhận" in body
    tbls = tables(path)
    invalid = next(tb for tb in tbls if tb[0][0] == "STT" and tb[0][1] == "Số phiếu")
    assert invalid[1] == ["1", "3", "Có ô không đọc được: GV03"]
    table = next(tb for tb in tbls if tb[0][:2] == ["STT", "Họ và tên"])
    # a candidate's remarks are one row across the table under the candidate (no tall thin column)
    cands = [r for r in table if not r[0].startswith("Ghi chú: ")]
    assert len(table[0]) == 8 and "Ghi chú" not in table[0]
    assert cands[1] == ["1", "Nguyễn Thị Hồng", "5", "0", "0", "100,00%", "Đạt", "Đề nghị"]
    assert cands[3] == ["3", "Lê Thu Hà", "3", "2", "0", "60,00%", "Không đạt", "Không đề nghị"]
    note = table[table.index(cands[3]) + 1]
    assert note[0].startswith("Ghi chú: ") and "Chưa đạt ngưỡng" in note[0] and len(set(note)) == 1


def test_bien_ban_kiem_phieu_revote_and_not_certified(tmp_path: Path) -> None:
    data = make_data()
    tallied = make_tallied(data, certified=False)
    tallied.titles[0].quota = 1
    tallied.titles[0].quota_text = "Chỉ tiêu: tối đa 1 người."
    tallied.titles[0].candidates[0].revote = True
    tallied.titles[0].candidates[0].proposed = False
    tallied.titles[0].candidates[1].revote = True
    tallied.titles[0].candidates[1].proposed = False
    tallied.audit = [("Đủ túc số", False)]
    result = reports.build_dossier(data, ruleset_for(data.info.school_year), make_checked(data), tallied, tmp_path / "o")
    body = text(doc_path(result, "04_"))
    assert "- Cần bỏ phiếu lại: Nguyễn Thị Hồng, Trần Minh Ánh." in body
    assert "- Chỉ tiêu: tối đa 1 người." in body and "Chỉ tiêu: Chỉ tiêu:" not in body  # never doubled
    assert "CHƯA được chứng nhận" in body and "- Chưa thỏa: Đủ túc số" in body
    assert result.certified is False
    assert any("chưa được chứng nhận" in w for w in result.warnings)
    assert "Cần bỏ phiếu lại: Nguyễn Thị Hồng, Trần Minh Ánh." in text(doc_path(result, "03_"))


def test_bien_ban_hop(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    path = doc_path(result, "03_")
    body = text(path)
    assert "Chủ tọa: Trần Văn Bình – Chủ tịch Hội đồng." in body
    assert "Thư ký: Lê Thị Mai." in body
    assert ("Thành phần: Hội đồng Thi đua – Khen thưởng có 5 thành viên; có mặt 4, vắng 1 (trong đó 1 thành viên có "
            "ý kiến bằng văn bản).") in body
    assert "Cuộc họp đủ túc số (4/5 thành viên có mặt, 1 ý kiến bằng văn bản; cần ít nhất 4)." in body
    members = next(tb for tb in tables(path) if tb[0][0] == "STT")
    assert members[5] == ["5", "Lê Thu Hà", "Ủy viên", "Vắng (Nghỉ thai sản); có ý kiến bằng văn bản"]
    assert ("1. Danh hiệu “Chiến sĩ thi đua cơ sở”: phát ra 5 phiếu, thu về 5 phiếu; hợp lệ 4, không hợp lệ 1. "
            "Ngưỡng: ≥ 80% tổng số thành viên Hội đồng. Số được đề nghị: 2.") in body
    assert "Danh hiệu “Chiến sĩ thi đua cơ sở” (02 cá nhân): Trần Minh Ánh (80,00%), Nguyễn Thị Hồng (100,00%)." in body
    assert "Danh hiệu “Lao động tiên tiến” (04 cá nhân): Phạm Văn An, Trần Minh Ánh, Lê Thu Hà, Nguyễn Thị Hồng." in body
    assert "[Ghi tóm tắt ý kiến thảo luận" in body


# ---------------------------------------------------------------- báo cáo thành tích, đăng ký


def test_bao_cao_thanh_tich_prefilled_per_nominee(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    path = next(p for p in reports_of(result) if "GV01" in p.name)
    body = text(path)
    assert "Mẫu số 03 – Nghị định số 98/2023/NĐ-CP" in body
    assert "BÁO CÁO THÀNH TÍCH" in body
    assert "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”" in body
    assert "- Họ tên: Nguyễn Thị Hồng; giới tính: Nữ." in body
    assert "- Ngày, tháng, năm sinh: 12/03/1980." in body
    assert "- Đơn vị công tác: Tổ Toán, Trường THCS Thử Nghiệm." in body
    assert "ngày vào ngành: 01/09/2005 (19 năm)" in body
    assert "[Nêu nhiệm vụ được giao" in body  # place for the narrative
    assert "Kết quả bỏ phiếu của Hội đồng Thi đua – Khen thưởng Trường THCS Thử Nghiệm: 5/5 (100,00%)." in body
    tbls = tables(path)
    ratings = next(tb for tb in tbls if tb[0] == ["Năm học", "Xếp loại chất lượng"])
    assert ratings[1:] == [["2022-2023", "(chưa có dữ liệu)"],
                           ["2023-2024", "Hoàn thành xuất sắc nhiệm vụ"],
                           ["2024-2025", "Hoàn thành xuất sắc nhiệm vụ"]]
    inits = next(tb for tb in tbls if tb[0][1] == "Tên sáng kiến, đề tài")
    assert inits[1] == ["1", "Dạy hình học với GeoGebra", "Sáng kiến", "cấp cơ sở", "Số 12/QĐ-THCSTN ngày 20/05/2025",
                        "2024-2025"]
    past = [tb for tb in tbls if tb[0][0] == "Năm học" and len(tb[0]) == 4]
    assert past[0][1] == ["2023-2024", "Chiến sĩ thi đua cơ sở", "Số 1234/QĐ-UBND ngày 20/07/2024",
                          "UBND quận Long Biên"]
    assert past[1][1][1] == "Giấy khen"
    assert "NGƯỜI BÁO CÁO THÀNH TÍCH" in body and "XÁC NHẬN, ĐỀ NGHỊ" in body
    # the other nominee has no initiative: "Không có."
    other = text(next(p for p in reports_of(result) if "GV04" in p.name))
    assert "b) Sáng kiến, đề tài được công nhận:\nKhông có." in other


def test_bang_tong_hop_dang_ky(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    path = doc_path(result, "06_")
    body = text(path)
    assert "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA" in body and "Số: …/BC-THCSTN" in body
    assert "Long Biên, ngày 22 tháng 9 năm 2024" in body  # the last registration date
    assert "II. CÁ NHÂN ĐĂNG KÝ (03 người)" in body and "III. TẬP THỂ ĐĂNG KÝ (01 tập thể)" in body
    tbls = tables(path)
    by_title = next(tb for tb in tbls if tb[0][1] == "Danh hiệu thi đua")
    assert by_title[1:] == [["1", "Lao động tiên tiến", "1", "0"], ["2", "Chiến sĩ thi đua cơ sở", "3", "0"],
                            ["3", "Tập thể lao động tiên tiến", "0", "1"]]
    people = next(tb for tb in tbls if tb[0][-1] == "Ngày đăng ký" and tb[0][1] == "Họ và tên")
    assert [r[1] for r in people[1:]] == ["Trần Minh Ánh", "Lê Thu Hà", "Nguyễn Thị Hồng"]
    assert people[3][4] == "Lao động tiên tiến; Chiến sĩ thi đua cơ sở"


# ---------------------------------------------------------------- format (NĐ 30/2020)


def _runs_with(doc: Document, needle: str) -> list:
    return [r for p in doc.element.body.iter(f"{W}p") for r in Paragraph(p, doc).runs if needle in r.text]


@pytest.mark.parametrize("prefix", ["01_", "02_", "03_", "04_", "05_", "06_"])
def test_nd30_format(tmp_path: Path, prefix: str) -> None:
    result, _ = build(tmp_path)
    path = reports_of(result)[0] if prefix == "05_" else doc_path(result, prefix)
    doc = Document(str(path))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert 20 <= round(sec.top_margin.mm) <= 25 and 20 <= round(sec.bottom_margin.mm) <= 25
    assert 30 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.find(f"{W}rFonts")
    assert fonts.get(f"{W}eastAsia") == "Times New Roman"

    (national,) = _runs_with(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert national.bold and Pt(12) <= national.font.size <= Pt(13)
    (motto,) = _runs_with(doc, "Độc lập - Tự do - Hạnh phúc")
    assert motto.bold and motto.underline and Pt(13) <= motto.font.size <= Pt(14)
    (agency,) = _runs_with(doc, "TRƯỜNG THCS THỬ NGHIỆM")
    assert agency.bold
    governing = _runs_with(doc, "UBND QUẬN LONG BIÊN")[0]  # the head comes first
    assert not governing.bold
    (date,) = _runs_with(doc, "Long Biên, ngày")
    assert date.italic and Pt(13) <= date.font.size <= Pt(14)
    for run in (national, motto, date):
        assert run._r.rPr.find(f"{W}rFonts").get(f"{W}eastAsia") == "Times New Roman"
    doc_type = next(r for r in _runs_with(doc, "") if r.text in ("TỜ TRÌNH", "DANH SÁCH", "BIÊN BẢN",
                                                                 "BIÊN BẢN KIỂM PHIẾU", "BÁO CÁO THÀNH TÍCH",
                                                                 "BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA"))
    assert doc_type.bold and Pt(13) <= doc_type.font.size <= Pt(14) and doc_type.text == doc_type.text.upper()

    # page numbers: centred PAGE field in the header, not on the first page
    assert sec.different_first_page_header_footer
    header_xml = sec.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert sec.header.paragraphs[0].alignment == 1  # CENTER
    assert "PAGE" not in sec.first_page_header._element.xml

    # signature: position upper bold; the name bold
    sig = doc.tables[-1]
    cell_runs = [r for c in sig.rows[0].cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    titles = [r for r in cell_runs if r.text in ("HIỆU TRƯỞNG", "THƯ KÝ", "CHỦ TỌA", "TRƯỞNG BAN KIỂM PHIẾU",
                                                 "NGƯỜI BÁO CÁO THÀNH TÍCH")]
    assert titles and all(r.bold for r in titles)
    assert all(r.bold for r in cell_runs if r.text in ("Trần Văn Bình", "Lê Thị Mai"))


def test_recipients_block_format(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    doc = Document(str(doc_path(result, "01_")))
    (label,) = _runs_with(doc, "Nơi nhận:")
    assert label.bold and label.italic and label.font.size == Pt(12)
    (entry,) = _runs_with(doc, "- Như trên;")
    assert entry.font.size == Pt(11)
    (summary,) = _runs_with(doc, "Về việc đề nghị công nhận")
    assert summary.bold
    can_cu = _runs_with(doc, "Căn cứ Nghị định")[0]
    assert can_cu.italic


# ---------------------------------------------------------------- determinism, reruns, templates


def test_deterministic_byte_identical(tmp_path: Path) -> None:
    data = make_data()
    rules = ruleset_for(data.info.school_year)
    a = reports.build_dossier(data, rules, make_checked(data), make_tallied(data), tmp_path / "a")
    b = reports.build_dossier(data, rules, make_checked(data), make_tallied(data), tmp_path / "b")
    for pa, pb in zip(a.files, b.files):
        assert pa.relative_to(a.out_dir) == pb.relative_to(b.out_dir)
        assert paragraphs(pa) == paragraphs(pb)
        assert pa.read_bytes() == pb.read_bytes()
    assert len(a.files) == len(b.files)


def test_rerun_replaces_only_its_own_files(tmp_path: Path) -> None:
    data = make_data()
    rules = ruleset_for(data.info.school_year)
    out = tmp_path / "o"
    first = reports.build_dossier(data, rules, make_checked(data), make_tallied(data), out)
    mine = out / "ghi_chu_cua_thu_ky.docx"
    mine.write_bytes(b"not ours")
    (out / "05_bao_cao_thanh_tich" / "ban_nhap.txt").write_text("nháp", encoding="utf-8")
    tallied = make_tallied(data)
    tallied.titles[0].candidates[1].proposed = False  # GV04 no longer proposed
    second = reports.build_dossier(data, rules, make_checked(data), tallied, out)
    assert len(reports_of(first)) == 2 and len(reports_of(second)) == 1
    assert not any(p.is_file() for p in reports_of(first) if "GV04" in p.name)  # stale report removed
    assert mine.read_bytes() == b"not ours"
    assert (out / "05_bao_cao_thanh_tich" / "ban_nhap.txt").is_file()
    assert all(p.is_file() for p in second.files)


def test_committed_templates_are_up_to_date() -> None:
    from thidua_xl.reports.build_templates import BUILDERS, template_bytes

    for name in BUILDERS:
        committed = reports.REPO_TEMPLATES / name
        assert committed.is_file(), f"templates/{name} missing: run python -m thidua_xl.reports.build_templates"
        assert committed.read_bytes() == template_bytes(name), f"templates/{name} is stale: rebuild the templates"


def test_school_template_folder_with_fallback(tmp_path: Path) -> None:
    from thidua_xl.reports import blocks as b
    from thidua_xl.reports.build_templates import to_trinh

    own = tmp_path / "mau_truong"
    own.mkdir()
    doc = to_trinh()
    b.body(doc, "Mẫu riêng của trường: {{ school.name }}; biến lạ: [{{ school.hieu_pho }}]")
    doc.save(str(own / "to_trinh.docx"))
    data = make_data()
    result = reports.build_dossier(data, ruleset_for(data.info.school_year), make_checked(data), make_tallied(data), tmp_path / "o", templates=own)
    body = text(doc_path(result, "01_"))
    assert "Mẫu riêng của trường: Trường THCS Thử Nghiệm; biến lạ: []" in body
    assert "BIÊN BẢN KIỂM PHIẾU" in text(doc_path(result, "04_"))  # default used for the missing file
    assert any("mau_truong/to_trinh.docx" in w and "hieu_pho" in w for w in result.warnings)
    assert any("không có 'danh_sach.docx'" in w for w in result.warnings)


def test_missing_template_folder_is_an_input_error(tmp_path: Path) -> None:
    from thidua_xl.errors import InputError

    data = make_data()
    with pytest.raises(InputError, match="Không tìm thấy thư mục mẫu"):
        reports.build_dossier(data, ruleset_for(data.info.school_year), make_checked(data), make_tallied(data), tmp_path / "o", templates=tmp_path / "khong_co")


def test_template_syntax_error_is_an_input_error(tmp_path: Path) -> None:
    from thidua_xl.errors import InputError
    from thidua_xl.reports import blocks as b

    own = tmp_path / "mau"
    own.mkdir()
    doc = b.new_document()
    b.body(doc, "{% for x in titles %}không đóng vòng lặp")
    doc.save(str(own / "to_trinh.docx"))
    data = make_data()
    with pytest.raises(InputError, match="to_trinh.docx"):
        reports.build_dossier(data, ruleset_for(data.info.school_year), make_checked(data), make_tallied(data), tmp_path / "o", templates=own)


def test_fast_renderer_matches_docxtpl() -> None:
    from thidua_xl.reports.render import Template, render_docxtpl

    data = make_data()
    rules = ruleset_for(data.info.school_year)
    checked, tallied = make_checked(data), make_tallied(data)
    noms = ctx.nominations(data, rules, checked, tallied)
    common = ctx.build_context(data, rules, checked, tallied, noms)
    nominee = {**common, **ctx.nominee_context(noms.by_title[Title.CSTDCS][0], data, rules)}

    def texts(blob: bytes) -> list[tuple[str, bool | None, bool | None]]:
        doc = Document(io.BytesIO(blob))
        return [(r.text, r.bold, r.italic) for p in doc.element.body.iter(f"{W}p") for r in Paragraph(p, doc).runs]

    for name in reports.TEMPLATE_NAMES:
        cx = nominee if name == reports.NOMINEE_TEMPLATE else common
        data_bytes = reports.default_template(name)
        fast, undefined = Template(name, data_bytes).render(cx)
        assert not undefined
        assert texts(fast) == texts(render_docxtpl(data_bytes, cx)), name


def test_context_provides_exactly_the_documented_variables() -> None:
    data = make_data()
    rules = ruleset_for(data.info.school_year)
    tallied = make_tallied(data)
    tallied.audit = [("Đủ túc số", False)]
    tallied.approvals = [ListApproval(Title.LDTT, "HANDS", 3, 4, "total_members", 5, "> 50% tổng số thành viên Hội "
                                      "đồng", "Quy chế thi đua, khen thưởng của đơn vị", "GAP", True, True)]
    data.council[2].counting_role = "Trưởng ban"  # the lists that are empty without these
    data.achievements = [Achievement(p.id, "Giải Nhì Hội thi giáo viên dạy giỏi", AchievementKind.PHONG_TRAO,
                                     Level.HUYEN, school_year=data.info.school_year) for p in data.staff]
    noms = ctx.nominations(data, rules, make_checked(data), tallied)
    common = ctx.build_context(data, rules, make_checked(data), tallied, noms)
    assert ctx.value_paths(common) == ctx.variable_paths(ctx.VARIABLES)
    nominee = ctx.nominee_context(noms.by_title[Title.CSTDCS][1], data, rules)
    assert ctx.value_paths(nominee) == ctx.variable_paths(ctx.NOMINEE_VARIABLES)


def test_no_ballots_and_no_nominees(tmp_path: Path) -> None:
    data = make_data()
    checked = CheckResult(data.info.school_year, "2024", [])
    tallied = TallyResult(data.info.school_year, "2024", 5, 4, 1, 4, True)
    result = reports.build_dossier(data, ruleset_for(data.info.school_year), checked, tallied, tmp_path / "o")
    assert "Năm học này không có cá nhân, tập thể nào được đề nghị." in text(doc_path(result, "01_"))
    assert "Không có cá nhân, tập thể nào được đề nghị." in text(doc_path(result, "02_"))
    assert result.reports == 0 and result.certified is None
    assert any("Không có cá nhân" in w for w in result.warnings)


def test_date_text_nd30_padding() -> None:
    assert ctx.date_text(dt.date(2025, 1, 5)) == "ngày 05 tháng 01 năm 2025"
    assert ctx.date_text(dt.date(2025, 2, 15)) == "ngày 15 tháng 02 năm 2025"
    assert ctx.date_text(dt.date(2025, 5, 25)) == "ngày 25 tháng 5 năm 2025"
    assert ctx.date_text(None) == "ngày … tháng … năm …"


def test_forms_per_regime() -> None:
    assert ruleset_for("2022-2023").value("forms.individual_report.number") == "Mẫu số 02"
    assert ruleset_for("2024-2025").value("forms.individual_report.number") == "Mẫu số 03"
    assert ruleset_for("2025-2026").value("forms.individual_report.number") == "Mẫu số 05"
    assert ruleset_for("2025-2026").value("forms.submission.number") == "Mẫu số 01"
    assert ruleset_for("2024-2025").value("forms.submission.number") == ""
    collective = ruleset_for("2025-2026")["forms.collective_report.number"]
    assert (collective.value, collective.tag, collective.inherited_from) == ("Mẫu số 04", "UNVERIFIED", "")
    assert ruleset_for("2024-2025").value("forms.collective_report.number") == "Mẫu số 02"
    for key in ("forms.individual_report.number", "forms.submission.number", "forms.collective_report.number"):
        assert ruleset_for("2025-2026")[key].cite.doc == "NĐ 152/2025/NĐ-CP"


def test_output_zip_has_fixed_timestamps(tmp_path: Path) -> None:
    result, _ = build(tmp_path)
    with zipfile.ZipFile(result.files[0]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "2020-01-01T00:00:00Z" in zf.read("docProps/core.xml").decode()


# ---------------------------------------------------------------- PDF


def test_pdf_without_libreoffice_is_a_clear_message(tmp_path: Path) -> None:
    result, _ = build(tmp_path, pdf=True, soffice_lookup=lambda name: None)
    assert result.pdf_missing and result.pdfs == []
    assert any("Không tìm thấy LibreOffice" in w and "vẫn được tạo" in w for w in result.warnings)
    assert all(p.is_file() for p in result.files)


def test_pdf_module_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from thidua_xl.reports import pdf

    empty = tmp_path / "empty_bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert pdf.find_soffice() is None
    with pytest.raises(pdf.PdfUnavailable):
        pdf.convert([tmp_path / "x.docx"])
    assert pdf.find_soffice(lambda name: "/opt/lo/soffice" if name == "soffice" else None) == "/opt/lo/soffice"


def test_docs_list_every_template_variable() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "reports.md").read_text(encoding="utf-8")
    for path in ctx.variable_paths(ctx.VARIABLES) | ctx.variable_paths(ctx.NOMINEE_VARIABLES):
        assert f"`{path}`" in docs or f"`{path}[]`" in docs, path
