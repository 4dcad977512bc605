"""Template contexts: plain dicts built from the workbook data, the rule set and the core results.

Every template sees the common context (:func:`build_context`); the achievement report
(``bao_cao_ca_nhan.docx``) also sees ``nominee`` (:func:`nominee_context`). :data:`VARIABLES` documents
every variable a template may use; ``thidua templates check`` checks templates against it and a test
checks that the builder provides exactly these keys. Values are strings (already formatted in
Vietnamese), numbers, booleans or lists of such dicts; nothing depends on the clock, so the same workbook
always gives the same documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from thidua_xl.core import authority as auth
from thidua_xl.core.model import (
    INDIVIDUAL_TITLES,
    CandidateTally,
    CheckResult,
    CouncilRole,
    HistoryRecord,
    SchoolData,
    SchoolInfo,
    Staff,
    TallyResult,
    Title,
)
from thidua_xl.core.tally import vocab
from thidua_xl.messages import t
from thidua_xl.messages.reports import LABELS
from thidua_xl.text import format_percent, header_key, name_key, strip_diacritics, vi_key
from thidua_xl.views.tally import approval_line
from thidua_xl.vocabulary import title_label

DOTS = "…"

# ---------------------------------------------------------------- the documented variables
# A dict is an object with these fields; a one-element list is a list of objects of that shape;
# a string is the description of a scalar.

_NOMINEE_ROW = {
    "stt": "số thứ tự trong bảng (1, 2, …)",
    "id": "mã cán bộ hoặc tên tập thể",
    "name": "họ và tên (hoặc tên tập thể)",
    "gender": "Nam / Nữ / trống",
    "birth_date": "ngày sinh dd/mm/yyyy",
    "position": "chức vụ, môn dạy",
    "team": "tổ chuyên môn",
    "achievement": "thành tích nổi bật (xếp loại năm học, sáng kiến năm học)",
    "approvals": "số phiếu đồng ý (trống khi không bỏ phiếu)",
    "base_count": "cơ sở tính tỷ lệ (số)",
    "percent": "tỷ lệ phiếu đồng ý, ví dụ 90,91% (— khi không bỏ phiếu)",
    "vote_text": "10/11 (90,91%) hoặc —",
    "is_team": "đúng nếu là tập thể",
}

VARIABLES: dict[str, Any] = {
    "school": {
        "name": "tên trường, ví dụ Trường THCS Ngọc Lâm",
        "name_upper": "tên trường viết hoa (khối tên cơ quan)",
        "governing_body": "cơ quan chủ quản",
        "governing_body_upper": "cơ quan chủ quản viết hoa",
        "governing_body_text": "cơ quan chủ quản viết thường như trong câu (Nơi nhận): UBND quận Long Biên",
        "school_year": "năm học, ví dụ 2024-2025",
        "place": "địa danh ghi trên văn bản",
        "principal": "họ tên hiệu trưởng",
        "secretary": "họ tên thư ký Hội đồng",
        "province": "tỉnh/thành phố",
        "commune": "xã/phường (quận/huyện trước 07/2025)",
        "doc_code": "chữ viết tắt đơn vị trong ký hiệu văn bản",
        "under_department": "đúng nếu trường trực thuộc Sở",
    },
    "regime": {
        "id": "mã chế độ: 2017, 2024, 2025",
        "label": "các văn bản của chế độ",
        "basis": ["các dòng căn cứ pháp lý của chế độ (rules basis.lines), chưa có chữ 'Căn cứ'"],
        "authority": "cấp quyết định, ví dụ Chủ tịch Ủy ban nhân dân phường Long Biên",
        "authority_cite": "căn cứ của cấp quyết định",
        "unverified": "đúng nếu chế độ có giá trị chưa kiểm chứng",
        "choice": "điều gì quyết định chế độ, ví dụ Chế độ 2025 theo ngày họp Hội đồng 15/07/2025",
    },
    "authorities": [{
        "number": "số thứ tự của nhóm (1, 2, …)",
        "letter": "chữ cái của nhóm (A, B, …)",
        "level": "cấp quyết định: local (cấp nhận tờ trình), province, minister, prime_minister",
        "name": "cấp quyết định các danh hiệu của nhóm, ví dụ Chủ tịch Ủy ban nhân dân thành phố Hà Nội",
        "cite": "căn cứ thẩm quyền [độ tin cậy]",
        "decided_here": "đúng nếu cấp nhận tờ trình quyết định (đề nghị quyết định công nhận)",
        "request": "Đề nghị … quyết định công nhận / Đề nghị … xem xét, trình … quyết định tặng",
        "request_upper": "như trên, viết hoa (tiêu đề nhóm trong danh sách)",
        "conclusion": "như trên, chữ thường (kết luận của biên bản họp)",
        "text": "câu tổng hợp của nhóm, ví dụ 04 lượt cá nhân (04 người) và 01 lượt tập thể",
    }],
    "forms": {
        "individual_number": "số mẫu báo cáo thành tích cá nhân, ví dụ Mẫu số 03",
        "individual_source": "văn bản ban hành mẫu, ví dụ Nghị định số 98/2023/NĐ-CP",
        "individual_label": "Mẫu số 03 – Nghị định số 98/2023/NĐ-CP",
        "individual_cite": "căn cứ và độ tin cậy của số mẫu",
        "submission_number": "số mẫu tờ trình (trống nếu không có)",
        "submission_label": "nhãn mẫu tờ trình (trống nếu không có)",
    },
    "numbers": {
        "to_trinh": "…/TTr-<ký hiệu>",
        "bien_ban": "…/BB-HĐTĐKT",
        "kiem_phieu": "…/BB-BKP",
        "dang_ky": "…/BC-<ký hiệu>",
    },
    "dates": {
        "meeting": "ngày họp dd/mm/yyyy",
        "meeting_text": "ngày 25 tháng 5 năm 2025",
        "place_date": "Long Biên, ngày 25 tháng 5 năm 2025 (ngày họp)",
        "registration_place_date": "địa danh, ngày tháng của bảng đăng ký (ngày đăng ký muộn nhất)",
    },
    "meeting": {
        "chair": "chủ tọa (Chủ tịch Hội đồng)",
        "chair_role": "chức danh của chủ tọa",
        "secretary": "thư ký cuộc họp",
        "total": "tổng số thành viên Hội đồng",
        "present": "số có mặt",
        "absent": "số vắng",
        "written": "số vắng có ý kiến bằng văn bản",
        "quorum_required": "số thành viên có mặt tối thiểu (— khi chưa kiểm phiếu)",
        "quorum_ok": "đúng nếu đủ túc số",
        "quorum_text": "câu kết luận về túc số",
        "members": [{"stt": "", "name": "", "role": "chức danh trong Hội đồng", "attendance": "Có mặt / Vắng (…)"}],
        "absentees": [{"name": "", "reason": "lý do vắng", "written": "Có / Không (ý kiến bằng văn bản)"}],
        "start_text": "giờ bắt đầu họp, ví dụ 8 giờ 00 phút (… giờ … phút khi chưa ghi)",
        "end_text": "giờ kết thúc họp (… giờ … phút khi chưa ghi)",
        "counting_end_text": "giờ lập xong biên bản kiểm phiếu (… giờ … phút khi chưa ghi)",
        "counting_board": [{"name": "", "role": "Trưởng ban / Thành viên Ban kiểm phiếu"}],
        "counting_head": "Trưởng ban kiểm phiếu (… khi chưa ghi)",
        "counting_member": "thành viên Ban kiểm phiếu ký biên bản (… khi chưa ghi)",
    },
    "titles": [{
        "code": "mã danh hiệu (LDTT, CSTDCS, …)",
        "label": "tên danh hiệu",
        "label_upper": "tên danh hiệu viết hoa",
        "roman": "số La Mã của mục (I, II, …)",
        "is_team": "đúng nếu là danh hiệu tập thể",
        "unit": "cá nhân / tập thể",
        "count": "số được đề nghị",
        "count_text": "số được đề nghị, hai chữ số khi dưới 10 (05)",
        "voted": "đúng nếu Hội đồng bỏ phiếu danh hiệu này",
        "threshold_text": "ngưỡng phiếu (trống khi không bỏ phiếu)",
        "group": "số thứ tự nhóm cấp quyết định (authorities[].number)",
        "authority": "cấp quyết định danh hiệu này",
        "decided_here": "đúng nếu cấp nhận tờ trình quyết định danh hiệu này",
        "line": "dòng của tờ trình, ví dụ Danh hiệu “Lao động tiên tiến”: 04 cá nhân",
        "nominees": [_NOMINEE_ROW],
    }],
    "summary": {
        "individuals": "tổng số lượt cá nhân được đề nghị",
        "people": "số người (không trùng) được đề nghị",
        "teams": "số lượt tập thể được đề nghị",
        "lines": [{"label": "", "count": "", "unit": "", "text": "“Lao động tiên tiến”: 51 cá nhân"}],
        "text": "câu tổng hợp, ví dụ 57 lượt cá nhân và 4 tập thể",
    },
    "to_trinh": {
        "can_cu": ["dòng căn cứ hoàn chỉnh: 'Căn cứ …;' (dòng cuối kết thúc bằng dấu chấm)"],
        "subject": "trích yếu: Về việc đề nghị công nhận danh hiệu thi đua năm học …",
    },
    "tally": {
        "available": "đúng nếu có kết quả kiểm phiếu",
        "hash": "mã băm SHA-256 của dữ liệu phiếu",
        "certified": "đúng nếu kết quả được chứng nhận",
        "certified_text": "câu về chứng nhận kết quả",
        "double_entry_text": "câu về đối chiếu hai lần nhập",
        "notes": ["ghi chú kiểm tra (các điều kiện không thỏa)"],
        "approvals": [{"code": "mã danh hiệu", "label": "", "text": "câu của biên bản: danh sách không bỏ phiếu kín "
                       "được Hội đồng thông qua bằng biểu quyết giơ tay/phiếu biểu quyết, số đồng ý, ngưỡng, kết quả",
                       "approved": "đúng/sai; trống khi chưa ghi số đồng ý"}],
        "titles": [{
            "label": "", "label_upper": "", "roman": "", "code": "",
            "issued": "phiếu phát ra", "returned": "phiếu thu về", "not_returned": "phiếu không thu về",
            "valid": "phiếu hợp lệ", "invalid": "phiếu không hợp lệ", "written": "phiếu là ý kiến bằng văn bản",
            "invalid_ballots": [{"stt": "", "number": "số phiếu", "reason": "lý do"}],
            "threshold_text": "ngưỡng, ví dụ ≥ 80% tổng số thành viên Hội đồng",
            "threshold_cite": "căn cứ của ngưỡng [độ tin cậy]",
            "base_text": "cơ sở tính tỷ lệ và số, ví dụ tổng số thành viên Hội đồng (11)",
            "quota_text": "câu chỉ tiêu, ví dụ Chỉ tiêu: không quá 2 người — … (đã có chữ “Chỉ tiêu:”)",
            "revote": "đúng nếu cần bỏ phiếu lại",
            "revote_names": "tên những người cần bỏ phiếu lại",
            "passed": "số người được đề nghị",
            "candidates": [{
                "stt": "", "name": "", "id": "", "approvals": "", "disapprovals": "", "blanks": "",
                "base_count": "", "percent": "", "threshold": "Đạt / Không đạt", "result": "Đề nghị / …",
                "notes": "ghi chú",
            }],
        }],
    },
    "registrations": {
        "people_count": "số cá nhân đăng ký",
        "teams_count": "số tập thể đăng ký",
        "people_count_text": "số cá nhân đăng ký, hai chữ số khi dưới 10 (05)",
        "teams_count_text": "số tập thể đăng ký, hai chữ số khi dưới 10 (05)",
        "by_title": [{"stt": "", "label": "", "people": "", "teams": ""}],
        "people": [{"stt": "", "id": "", "name": "", "position": "", "team": "", "titles": "", "date": ""}],
        "teams": [{"stt": "", "name": "", "titles": "", "date": ""}],
    },
}

NOMINEE_VARIABLES: dict[str, Any] = {
    "nominee": {
        "id": "mã cán bộ",
        "name": "họ và tên",
        "name_upper": "họ và tên viết hoa",
        "gender": "giới tính",
        "birth_date": "ngày sinh",
        "position": "chức vụ, môn dạy",
        "team": "tổ",
        "unit": "đơn vị công tác (tên trường)",
        "contract": "viên chức / hợp đồng",
        "recruited_date": "ngày tuyển dụng",
        "sector_entry_date": "ngày vào ngành",
        "sector_years": "thời gian công tác trong ngành, ví dụ 18 năm",
        "rating": "xếp loại năm học đang xét",
        "title_code": "mã danh hiệu đề nghị",
        "title_label": "tên danh hiệu đề nghị",
        "award_heading": "ĐỀ NGHỊ CÔNG NHẬN DANH HIỆU “CHIẾN SĨ THI ĐUA CƠ SỞ”",
        "period_text": "thời kỳ báo cáo, ví dụ năm học 2024-2025",
        "vote_text": "kết quả bỏ phiếu, ví dụ 10/11 (90,91%)",
        "ratings": [{"year": "năm học", "rating": "xếp loại"}],
        "initiatives": [{"stt": "", "name": "", "kind": "", "level": "", "decision": "số, ngày quyết định",
                         "year": ""}],
        "titles": [{"stt": "", "year": "", "label": "", "decision": "", "issuer": ""}],
        "awards": [{"stt": "", "year": "", "label": "", "decision": "", "issuer": ""}],
        "file_stem": "tên tệp (không dấu)",
        "hometown": "quê quán (cột Quê quán của trang Cán bộ; trống: chưa ghi)",
        "residence": "nơi thường trú (trống: chưa ghi)",
        "qualification": "trình độ chuyên môn, nghiệp vụ (trống: chưa ghi)",
        "political_theory": "trình độ lý luận chính trị (trống: chưa ghi)",
        "academic_titles": "học hàm, học vị, danh hiệu, giải thưởng (trống: chưa ghi)",
        "achievements": [{"stt": "", "year": "năm học", "text": "thành tích (trang Thành tích), phạm vi và văn bản "
                                                               "công nhận"}],
    },
}

TEAM_TITLES_ORDER: tuple[Title, ...] = (Title.TTLDTT, Title.TTLDXS)
EMULATION_TITLES = (Title.LDTT, Title.CSTDCS, Title.CSTD_TINH, Title.CSTD_TQ, Title.TTLDTT, Title.TTLDXS)
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


# ---------------------------------------------------------------- formatting helpers


def count_text(n: int) -> str:
    """A count of persons or teams in the dossier's text: two digits under 10 ("05 cá nhân"), the one
    format of every document (tờ trình, danh sách, biên bản, bảng tổng hợp)."""
    return f"{n:02d}"


def date_short(d: dt.date | None) -> str:
    """25/05/2025 (… when unknown)."""
    return d.strftime("%d/%m/%Y") if d else DOTS


def date_text(d: dt.date | None) -> str:
    """NĐ 30/2020 form: "ngày 05 tháng 01 năm 2025", "ngày 25 tháng 5 năm 2025" (day < 10 and months 1, 2 padded)."""
    if d is None:
        return "ngày … tháng … năm …"
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date(place: str, d: dt.date | None) -> str:
    return f"{place or DOTS}, {date_text(d)}"


def can_cu_lines(basis: Iterable[str], *more: str) -> list[str]:
    """A document's "Căn cứ" lines: "Căn cứ" and each legal basis line (the rule set's ``basis.lines``), then the
    lines ``more`` as given; ";" after each line but the last, "." after the last."""
    lines = [f"Căn cứ {line}" for line in basis] + list(more)
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def governing_body(info: SchoolInfo, rules: Any) -> str:
    """The governing body as printed under ``rules``: a blank to fill ("UBND xã/phường …") where it names a
    district and the rule set has no district level (none since 07/2025: never print one; the check warns)."""
    governing = info.governing_body
    if rules.params.get("authority.district_level") is not None and not rules.get("authority.district_level") \
            and auth.names_district(governing):
        return t("authority.governing_blank")
    return governing


def roman(i: int) -> str:
    return _ROMAN[i] if i < len(_ROMAN) else str(i + 1)


def _rating(r: Any) -> str:
    return t(f"reports.rating.{r.value}") if r is not None else ""


def _gender(g: Any) -> str:
    return LABELS[f"gender.{g.value}"]


def _upper(text: str) -> str:
    return text.upper()


_ABBREVIATIONS = {"UBND", "HĐND", "TP", "TP.", "TW", "GD", "GDĐT", "GD&ĐT", "ĐT", "THCS", "THPT", "TH", "MN"}
_UNIT_WORDS = {"tỉnh", "thành", "phố", "quận", "huyện", "thị", "xã", "phường", "trấn", "đặc", "khu"}
_PHRASES = {"giáo dục và đào tạo": "Giáo dục và Đào tạo"}


def running_case(text: str) -> str:
    """An agency name typed all in capitals ("UBND QUẬN LONG BIÊN") in running-text casing ("UBND quận Long
    Biên"): abbreviations kept, the first word and the place name after an administrative unit capitalised,
    the rest lower case. A name not all in capitals is returned as typed."""
    if not text or text != text.upper() or not any(c.isalpha() for c in text):
        return text
    out: list[str] = []
    after_unit = False
    for k, word in enumerate(text.split()):
        if word in _ABBREVIATIONS:
            out.append(word)
            continue
        low = word.lower()
        if low in _UNIT_WORDS and not (after_unit and out and out[-1].lower() not in _UNIT_WORDS):
            out.append(low if k else word.capitalize())
            after_unit = True
        elif after_unit or k == 0:
            out.append(word.capitalize())
        else:
            out.append(low)
    result = " ".join(out)
    for phrase, cased in _PHRASES.items():
        result = result.replace(phrase, cased)
    return result


def file_stem(text: str) -> str:
    """ASCII file-name part: "Ngô Phương Nga" → "Ngo_Phuong_Nga"."""
    ascii_text = strip_diacritics(text)
    out = "".join(ch if ch.isalnum() else "_" for ch in ascii_text)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_") or "x"


def _school_years_back(school_year: str, n: int) -> list[str]:
    """The ``n`` school years ending with ``school_year``, oldest first."""
    try:
        a = int(school_year.split("-")[0])
    except (ValueError, IndexError):
        return [school_year] if school_year else []
    return [f"{a - k}-{a - k + 1}" for k in range(max(n, 1) - 1, -1, -1)]


def _decision(no: str, d: dt.date | None) -> str:
    if not no and d is None:
        return ""
    parts = []
    if no:
        parts.append(f"Số {no}")
    if d is not None:
        parts.append(f"ngày {date_short(d)}")
    return " ".join(parts)


# ---------------------------------------------------------------- nominations


@dataclass(slots=True)
class Nomination:
    """One subject proposed for one title, with its vote when there was one."""

    title: Title
    subject: str
    name: str
    is_team: bool
    vote: CandidateTally | None = None


@dataclass(slots=True)
class Nominations:
    by_title: dict[Title, list[Nomination]] = field(default_factory=dict)
    voted: set[Title] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def _codes(rules: Any, key: str, warnings: list[str]) -> tuple[Title, ...]:
    raw = rules.get(key, ()) or ()
    out: list[Title] = []
    bad: list[str] = []
    for code in raw:
        try:
            out.append(Title(str(code).strip().upper()))
        except ValueError:
            bad.append(str(code))
    if bad:
        warnings.append(t("reports.warn.unknown_title_code", param=key, codes=", ".join(bad)))
    return tuple(out)


def nominations(data: SchoolData, rules: Any, checked: CheckResult | None,
                tallied: TallyResult | None) -> Nominations:
    """Who is proposed for what: the tally's ``proposed`` for voted titles; for titles in
    ``dossier.titles_without_vote`` that were not voted, the eligible subjects of the check."""
    out = Nominations()
    staff = data.staff_by_id()
    voted = {tt.title: tt for tt in (tallied.titles if tallied else [])}
    rejected = {a.title for a in (tallied.approvals if tallied else []) if a.approved is False}
    out.voted = set(voted)
    without_vote = _codes(rules, "dossier.titles_without_vote", out.warnings)
    for title in Title:
        items: list[Nomination] = []
        if title in voted:
            for c in voted[title].candidates:
                if c.proposed:
                    items.append(Nomination(title, c.subject, c.name, title.is_team, c))
        elif title in without_vote and checked is not None and title not in rejected:
            for v in checked.verdicts:
                if v.title == title and v.eligible:
                    items.append(Nomination(title, v.subject, v.name, v.is_team))
        if not items:
            continue
        for n in items:
            if not n.is_team and n.subject in staff:
                n.name = staff[n.subject].full_name or n.name
        if title.is_team:
            items.sort(key=lambda n: (vi_key(n.name), n.subject))
        else:
            items.sort(key=lambda n: name_key(n.name, n.subject))
        out.by_title[title] = items
    return out


# ---------------------------------------------------------------- the context


def _authority(data: SchoolData, rules: Any, warnings: list[str]) -> tuple[str, str]:
    """The level that receives the tờ trình (see :mod:`thidua_xl.core.authority`) and its citation."""
    info = data.info
    name, p = auth.next_level_name(info, rules)
    if p is None:
        return DOTS, ""
    commune = info.commune.strip()
    if not info.under_department:
        low = commune.casefold()
        if not commune:
            warnings.append(t("reports.warn.no_commune"))
        elif auth.stale_commune(info, rules):
            warnings.append(t("reports.warn.commune_district", year=info.school_year, regime=rules.regime,
                              commune=commune))
        elif rules.get("authority.district_level", False) and low.startswith(("xã", "phường", "thị trấn")):
            warnings.append(t("reports.warn.commune_ward", year=info.school_year, regime=rules.regime,
                              commune=commune))
    return name, f"{p.citation_text} [{p.tag_text}]"


def _title_line(title: Title, count: int, unit: str) -> str:
    label = title_label(title)
    head = f"Danh hiệu “{label}”" if title in EMULATION_TITLES else label
    return f"{head}: {count_text(count)} {unit}"


def _counts(items: Iterable[tuple[Title, list[Nomination]]]) -> tuple[int, int, int]:
    """(individual nominations, distinct people, team nominations) of the titles ``items``."""
    individuals = teams = 0
    people: set[str] = set()
    for title, noms in items:
        if title.is_team:
            teams += len(noms)
        else:
            individuals += len(noms)
            people.update(n.subject for n in noms)
    return individuals, len(people), teams


def _summary_text(items: Iterable[tuple[Title, list[Nomination]]]) -> str:
    individuals, people, teams = _counts(items)
    parts = []
    if individuals:
        parts.append(f"{count_text(individuals)} lượt cá nhân ({count_text(people)} người)")
    if teams:
        parts.append(f"{count_text(teams)} lượt tập thể")
    return " và ".join(parts) if parts else "0"


def _groups(data: SchoolData, rules: Any, noms: Nominations, next_name: str
            ) -> tuple[list[tuple[Title, list[Nomination], auth.Authority]], list[dict[str, Any]]]:
    """The proposed titles ordered by deciding authority (the next level first, then the higher levels in
    the order of :data:`auth.LEVELS`, each name once), and the groups as printed."""
    decided = [(title, items, auth.deciding(data.info, rules, title)) for title, items in noms.by_title.items()]
    order = {lv: i for i, lv in enumerate(auth.LEVELS)}
    decided.sort(key=lambda x: order[x[2].level])  # stable: the Title order within a level
    groups: list[dict[str, Any]] = []
    letters = "ABCDEFGH"
    for _title, _items, a in decided:
        if groups and groups[-1]["level"] == a.level:
            continue
        k = len(groups)
        if a.next_level:
            request = t("authority.request.next", authority=next_name)
            conclusion = t("authority.conclusion.next", authority=next_name)
        else:
            request = t("authority.request.higher", next=next_name, authority=a.name)
            conclusion = t("authority.conclusion.higher", next=next_name, authority=a.name)
        groups.append({
            "number": k + 1, "letter": letters[k] if k < len(letters) else str(k + 1), "level": a.level,
            "name": a.name, "cite": f"{a.cite} [{a.tag}]" if a.cite else "", "decided_here": a.next_level,
            "request": request, "request_upper": _upper(request), "conclusion": conclusion,
            "text": _summary_text((x, i) for x, i, b in decided if b.level == a.level),
        })
    return decided, groups


def _achievement(p: Staff | None, year: str, inits: dict[str, list[Any]]) -> str:
    if p is None:
        return ""
    parts: list[str] = []
    if p.rating is not None:
        parts.append(f"{_rating(p.rating)} năm học {year}")
    for i in inits.get(p.id, []):
        if i.school_year and i.school_year != year:
            continue
        kind = t(f"reports.kind.{i.kind.value}")
        text = f"{kind} “{i.name}” được công nhận {t(f'reports.level.{i.level.value}')}"
        dec = _decision(i.decision_no, i.decision_date)
        if dec:
            text += f" ({dec})"
        parts.append(text)
    return "; ".join(parts)


def _team_achievement(data: SchoolData, name: str) -> str:
    team = next((tm for tm in data.teams if tm.name == name), None)
    if team is None or team.rating is None:
        return ""
    return f"Tập thể {_rating(team.rating).lower()} năm học {data.info.school_year}"


def _nominee_row(i: int, n: Nomination, data: SchoolData, staff: dict[str, Staff],
                 inits: dict[str, list[Any]]) -> dict[str, Any]:
    p = None if n.is_team else staff.get(n.subject)
    c = n.vote
    row = {
        "stt": i,
        "id": n.subject,
        "name": n.name,
        "gender": _gender(p.gender) if p is not None and p.gender is not None else "",
        "birth_date": date_short(p.birth_date) if p is not None and p.birth_date else "",
        "position": p.position if p is not None else "",
        "team": p.team if p is not None else (n.name if n.is_team else ""),
        "achievement": _team_achievement(data, n.subject) if n.is_team else _achievement(
            p, data.info.school_year, inits),
        "approvals": c.approvals if c is not None else "",
        "base_count": c.base_count if c is not None else "",
        "percent": format_percent(c.share) if c is not None else "—",
        "vote_text": f"{c.approvals}/{c.base_count} ({format_percent(c.share)})" if c is not None else "—",
        "is_team": n.is_team,
    }
    return row


def history_index(data: SchoolData) -> dict[str, list[HistoryRecord]]:
    """Past records of each person (staff ID → records)."""
    out: dict[str, list[HistoryRecord]] = {}
    for h in data.history:
        if not h.is_team:
            out.setdefault(h.subject, []).append(h)
    return out


def _initiatives_by_staff(data: SchoolData) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for i in data.initiatives:
        out.setdefault(i.staff_id, []).append(i)
    for items in out.values():
        items.sort(key=lambda i: (i.school_year, i.decision_date or dt.date.min, i.name))
    return out


def _council(data: SchoolData, tallied: TallyResult | None) -> dict[str, Any]:
    info = data.info
    members = data.council
    chair = next((m for m in members if m.role == CouncilRole.CHU_TICH), None)
    sec = next((m for m in members if m.role == CouncilRole.THU_KY), None)
    rows = []
    absentees = []
    for i, m in enumerate(members, start=1):
        if m.present:
            att = t("reports.word.present")
        else:
            reason = m.absence_reason or t("reports.word.no_reason")
            att = f"{t('reports.word.absent')} ({reason})"
            if m.written_opinion:
                att += f"; {t('reports.word.written')}"
            absentees.append({"name": m.name, "reason": reason,
                              "written": t("reports.word.yes") if m.written_opinion else t("reports.word.no")})
        rows.append({"stt": i, "name": m.name, "role": t(f"reports.role.{m.role.value}"), "attendance": att})
    total = len(members)
    present = sum(1 for m in members if m.present)
    written = sum(1 for m in members if not m.present and m.written_opinion)
    if tallied is not None:
        required: Any = tallied.quorum_required
        ok = tallied.quorum_ok
        wpart = t("reports.quorum.written_part", n=tallied.written_opinions) if tallied.written_opinions else ""
        qtext = t("reports.quorum.ok" if ok else "reports.quorum.bad", present=tallied.present,
                  total=tallied.council_total, written=wpart, required=required)
    else:
        required, ok, qtext = "—", False, t("reports.quorum.unknown")
    board = [m for m in members if m.counting_role.strip()]
    board.sort(key=lambda m: not _is_head(m.counting_role))
    head = next((m.name for m in board if _is_head(m.counting_role)), DOTS)
    member = next((m.name for m in board if not _is_head(m.counting_role)), DOTS)
    return {
        "start_text": time_text(info.meeting_start),
        "end_text": time_text(info.meeting_end),
        "counting_end_text": time_text(info.counting_end),
        "counting_board": [{"name": m.name, "role": t("reports.counting.head" if _is_head(m.counting_role)
                                                       else "reports.counting.member")} for m in board],
        "counting_head": head,
        "counting_member": member,
        "chair": chair.name if chair else (info.principal or DOTS),
        "chair_role": t("reports.role.CHU_TICH"),
        "secretary": sec.name if sec else (info.secretary or DOTS),
        "total": total,
        "present": present,
        "absent": total - present,
        "written": written,
        "quorum_required": required,
        "quorum_ok": ok,
        "quorum_text": qtext,
        "members": rows,
        "absentees": absentees,
    }


def _is_head(role: str) -> bool:
    """"Trưởng ban" (any case, with or without diacritics) heads the Ban kiểm phiếu."""
    return header_key(role).startswith(("trưởng", "truong"))


def time_text(value: str) -> str:
    """A time typed in the workbook ("8:00", "08:30:00", "8h30", "8 giờ 30", Excel's fraction of a day) as
    "8 giờ 30 phút"; blank: "… giờ … phút"; anything else as typed."""
    text = (value or "").strip()
    if not text:
        return t("reports.time.blank")
    try:
        frac = float(text.replace(",", "."))
    except ValueError:
        frac = -1.0
    if 0 <= frac < 1 and not re.fullmatch(r"\d{1,2}", text):
        minutes = round(frac * 24 * 60)
        return t("reports.time.text", h=minutes // 60, m=f"{minutes % 60:02d}")
    match = re.fullmatch(r"(\d{1,2})\s*(?:(?::|h|giờ|g)\s*(\d{1,2})?)?(?::\d{1,2})?\s*(?:phút|p)?", text,
                         flags=re.IGNORECASE)
    if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
        return t("reports.time.text", h=int(match.group(1)), m=f"{int(match.group(2) or 0):02d}")
    return text


def _threshold_cite(tt: Any, rules: Any) -> str:
    """The threshold's basis as printed. A value inherited from an earlier regime (and not overridden) is
    not cited by the earlier regime's decree — that decree no longer applies — but said to be inherited."""
    p = rules.params.get(f"vote.threshold.{tt.title.value}") if rules is not None else None
    if p is not None and p.inherited_from and p.override is None:
        return t("reports.threshold.inherited", regime=p.inherited_from, tag=p.tag_text)
    return f"{tt.threshold_citation} [{tt.threshold_tag}]" if tt.threshold_citation else ""


def _tally(tallied: TallyResult | None, staff: dict[str, Staff], rules: Any = None) -> dict[str, Any]:
    if tallied is None:
        return {"available": False, "hash": "", "certified": False, "certified_text": "",
                "double_entry_text": "", "notes": [], "approvals": [], "titles": []}
    titles = []
    for k, tt in enumerate(tallied.titles):
        cands = []
        revote_names = []
        for i, c in enumerate(tt.candidates, start=1):
            name = staff[c.subject].full_name if c.subject in staff else c.name
            if c.revote:
                result = t("reports.word.revote")
                revote_names.append(name)
            elif c.proposed:
                result = t("reports.word.proposed")
            else:
                result = t("reports.word.not_proposed")
            cands.append({
                "stt": i, "name": name, "id": c.subject, "approvals": c.approvals, "disapprovals": c.disapprovals,
                "blanks": c.blanks, "base_count": c.base_count, "percent": format_percent(c.share),
                "threshold": t("reports.word.pass") if c.threshold_passed else t("reports.word.fail"),
                "result": result, "notes": "; ".join(c.notes),
            })
        base = tt.candidates[0].base if tt.candidates else ""
        base_count = tt.candidates[0].base_count if tt.candidates else ""
        try:
            base_label = vocab(f"base.{base}") if base else ""
        except KeyError:
            base_label = base
        titles.append({
            "code": tt.title.value, "label": title_label(tt.title), "label_upper": _upper(title_label(tt.title)),
            "roman": roman(k),
            "issued": tt.issued, "returned": tt.returned, "not_returned": tt.not_returned, "valid": tt.valid,
            "invalid": tt.invalid, "written": tt.written,
            "invalid_ballots": [{"stt": i, "number": ib.number, "reason": ib.reason}
                                for i, ib in enumerate(tt.invalid_ballots, start=1)],
            "threshold_text": tt.threshold_text,
            "threshold_cite": _threshold_cite(tt, rules),
            "base_text": f"{base_label} ({base_count})" if base_label else "",
            # tt.quota_text is a whole sentence "Chỉ tiêu: …" (tally.quota.*): never prefixed again
            "quota_text": tt.quota_text or t("reports.word.no_quota"),
            "revote": bool(revote_names),
            "revote_names": ", ".join(revote_names),
            "passed": sum(1 for c in tt.candidates if c.proposed),
            "candidates": cands,
        })
    if not tallied.double_entry:
        de = t("reports.double_entry.none")
    elif tallied.discrepancies:
        de = t("reports.double_entry.bad", n=len(tallied.discrepancies))
    else:
        de = t("reports.double_entry.ok")
    return {
        "available": True,
        "hash": tallied.hash,
        "certified": tallied.certified,
        "certified_text": t("reports.certified.yes" if tallied.certified else "reports.certified.no"),
        "double_entry_text": de,
        "notes": [fact for fact, ok in tallied.audit if not ok],
        "approvals": [{"code": a.title.value, "label": title_label(a.title), "text": approval_line(a),
                       "approved": a.approved} for a in tallied.approvals],
        "titles": titles,
    }


def _registrations(data: SchoolData, staff: dict[str, Staff]) -> dict[str, Any]:
    people: dict[str, list[Any]] = {}
    teams: dict[str, list[Any]] = {}
    for r in data.registrations:
        (teams if r.is_team else people).setdefault(r.subject, []).append(r)
    by_title = []
    for title in Title:
        np_ = sum(1 for regs in people.values() if any(r.title == title for r in regs))
        nt = sum(1 for regs in teams.values() if any(r.title == title for r in regs))
        if np_ or nt:
            by_title.append({"stt": len(by_title) + 1, "label": title_label(title), "people": np_, "teams": nt})

    def titles_of(regs: list[Any]) -> str:
        order = {tt: i for i, tt in enumerate(Title)}
        seen = sorted({r.title for r in regs}, key=order.__getitem__)
        return "; ".join(title_label(x) for x in seen)

    def last_date(regs: list[Any]) -> str:
        dates = [r.date for r in regs if r.date is not None]
        return date_short(max(dates)) if dates else ""

    prow = []
    for sid in sorted(people, key=lambda s: name_key(staff[s].full_name if s in staff else s, s)):
        p = staff.get(sid)
        prow.append({"stt": len(prow) + 1, "id": sid, "name": p.full_name if p else sid,
                     "position": p.position if p else "", "team": p.team if p else "",
                     "titles": titles_of(people[sid]), "date": last_date(people[sid])})
    trow = []
    for name in sorted(teams, key=lambda s: (vi_key(s), s)):
        trow.append({"stt": len(trow) + 1, "name": name, "titles": titles_of(teams[name]),
                     "date": last_date(teams[name])})
    return {"people_count": len(prow), "teams_count": len(trow), "people_count_text": count_text(len(prow)),
            "teams_count_text": count_text(len(trow)), "by_title": by_title, "people": prow,
            "teams": trow}


def build_context(data: SchoolData, rules: Any, checked: CheckResult | None, tallied: TallyResult | None,
                  noms: Nominations | None = None, warnings: list[str] | None = None) -> dict[str, Any]:
    """The common context of every template (see :data:`VARIABLES`)."""
    warnings = warnings if warnings is not None else []
    noms = noms if noms is not None else nominations(data, rules, checked, tallied)
    info = data.info
    staff = data.staff_by_id()
    inits = _initiatives_by_staff(data)
    code = info.doc_code.strip()
    suffix = f"-{code}" if code else ""
    authority, authority_cite = _authority(data, rules, warnings)
    unverified = sorted(k for k, p in rules.params.items() if p.tag == "UNVERIFIED")
    meeting_date = info.meeting_date

    decided, groups = _groups(data, rules, noms, authority)
    group_of = {g["level"]: g["number"] for g in groups}
    titles = []
    lines = []
    for k, (title, items, a) in enumerate(decided):
        tt = next((x for x in (tallied.titles if tallied else []) if x.title == title), None)
        unit = t("reports.word.team") if title.is_team else t("reports.word.person")
        titles.append({
            "code": title.value, "label": title_label(title), "label_upper": _upper(title_label(title)),
            "roman": roman(k), "is_team": title.is_team, "unit": unit, "count": len(items),
            "count_text": count_text(len(items)),
            "voted": title in noms.voted, "threshold_text": tt.threshold_text if tt else "",
            "group": group_of[a.level], "authority": a.name, "decided_here": a.next_level,
            "line": _title_line(title, len(items), unit),
            "nominees": [_nominee_row(i, n, data, staff, inits) for i, n in enumerate(items, start=1)],
        })
        lines.append({"label": title_label(title), "count": len(items), "unit": unit,
                      "text": f"“{title_label(title)}”: {count_text(len(items))} {unit}"})
    every = [(title, items) for title, items, _ in decided]
    individuals, people, teams = _counts(every)

    basis = [str(x) for x in rules.get("basis.lines", ())]
    school = info.school_name or DOTS
    year = info.school_year
    can_cu = can_cu_lines(basis, f"Căn cứ Kế hoạch thi đua, khen thưởng năm học {year} của {school}",
                          f"Căn cứ Biên bản họp Hội đồng Thi đua – Khen thưởng {school} {date_text(meeting_date)}")

    reg_dates = [r.date for r in data.registrations if r.date is not None]
    form_num = str(rules.get("forms.individual_report.number", "") or "")
    form_src = str(rules.get("forms.individual_report.source", "") or "")
    sub_num = str(rules.get("forms.submission.number", "") or "")
    sub_src = str(rules.get("forms.submission.source", "") or "")
    form_cite = ""
    if "forms.individual_report.number" in rules:
        fp = rules["forms.individual_report.number"]
        form_cite = f"{fp.citation_text} [{fp.tag_text}]"

    governing = governing_body(info, rules)
    return {
        "school": {
            "name": school, "name_upper": _upper(school), "governing_body": governing,
            "governing_body_upper": _upper(governing), "governing_body_text": running_case(governing),
            "school_year": year,
            "place": info.place_name or DOTS, "principal": info.principal or DOTS,
            "secretary": info.secretary or DOTS, "province": info.province, "commune": info.commune,
            "doc_code": code, "under_department": info.under_department,
        },
        "regime": {
            "id": rules.regime, "label": rules.label, "basis": basis, "authority": authority,
            "authority_cite": authority_cite, "unverified": bool(unverified),
            "choice": rules.choice.text if rules.choice is not None else "",
        },
        "authorities": groups,
        "forms": {
            "individual_number": form_num, "individual_source": form_src,
            "individual_label": " – ".join(x for x in (form_num, form_src) if x),
            "individual_cite": form_cite,
            "submission_number": sub_num,
            "submission_label": " – ".join(x for x in (sub_num, sub_src) if x) if sub_num else "",
        },
        "numbers": {
            "to_trinh": f"{DOTS}/TTr{suffix}", "bien_ban": f"{DOTS}/BB-HĐTĐKT", "kiem_phieu": f"{DOTS}/BB-BKP",
            "dang_ky": f"{DOTS}/BC{suffix}",
        },
        "dates": {
            "meeting": date_short(meeting_date), "meeting_text": date_text(meeting_date),
            "place_date": place_date(info.place_name, meeting_date),
            "registration_place_date": place_date(info.place_name, max(reg_dates) if reg_dates else None),
        },
        "meeting": _council(data, tallied),
        "titles": titles,
        "summary": {"individuals": individuals, "people": people, "teams": teams, "lines": lines,
                    "text": _summary_text(every)},
        "to_trinh": {
            "can_cu": can_cu,
            "subject": f"Về việc đề nghị công nhận danh hiệu thi đua năm học {year}",
        },
        "tally": _tally(tallied, staff, rules),
        "registrations": _registrations(data, staff),
    }


# ---------------------------------------------------------------- achievement report of one nominee

_AWARD_VERB = {Title.LDTT: "recognise", Title.CSTDCS: "recognise", Title.TTLDTT: "recognise",
               Title.TTLDXS: "recognise", Title.CSTD_TINH: "confer_title", Title.CSTD_TQ: "confer_title"}


def report_titles(rules: Any, warnings: list[str]) -> tuple[Title, ...]:
    """Individual titles that need a báo cáo thành tích (``forms.individual_report.titles``)."""
    return tuple(x for x in _codes(rules, "forms.individual_report.titles", warnings) if x in INDIVIDUAL_TITLES)


def _history_rows(records: Iterable[HistoryRecord], titles: bool,
                  years: set[str] | None = None) -> list[dict[str, Any]]:
    rows = []
    for h in sorted(records, key=lambda h: (h.school_year, h.decision_date or dt.date.min, h.title.value
                                            if h.title else "")):
        if h.title is None or (h.title in EMULATION_TITLES) != titles:
            continue
        if years is not None and h.school_year not in years:
            continue
        rows.append({"stt": len(rows) + 1, "year": h.school_year, "label": title_label(h.title),
                     "decision": _decision(h.decision_no, h.decision_date), "issuer": h.issuer})
    return rows


def nominee_context(n: Nomination, data: SchoolData, rules: Any,
                    history: dict[str, list[HistoryRecord]] | None = None,
                    inits: dict[str, list[Any]] | None = None,
                    staff: dict[str, Staff] | None = None) -> dict[str, Any]:
    """``nominee`` for the achievement report of one person for one title (see :data:`NOMINEE_VARIABLES`).

    ``history``, ``inits`` and ``staff`` are indexes shared across nominees (built here when omitted).
    """
    info = data.info
    p = (staff if staff is not None else data.staff_by_id()).get(n.subject)
    if history is None:
        history = history_index(data)
    if inits is None:
        inits = _initiatives_by_staff(data)
    own = history.get(n.subject, [])
    years_key = f"forms.report_years.{n.title.value}"
    n_years = int(rules.get(years_key, rules.get("forms.report_years.default", 1)) or 1)
    period = _school_years_back(info.school_year, n_years)
    ratings = []
    for year in period:
        if year == info.school_year and p is not None and p.rating is not None:
            ratings.append({"year": year, "rating": _rating(p.rating)})
            continue
        rec = next((h for h in own if h.school_year == year and h.rating is not None), None)
        ratings.append({"year": year, "rating": _rating(rec.rating) if rec else t("reports.word.no_data")})
    period_set = set(period)
    init_rows = []
    for i in inits.get(n.subject, []):
        if i.school_year and i.school_year not in period_set:
            continue
        init_rows.append({"stt": len(init_rows) + 1, "name": i.name, "kind": t(f"reports.kind.{i.kind.value}"),
                          "level": t(f"reports.level.{i.level.value}"),
                          "decision": _decision(i.decision_no, i.decision_date), "year": i.school_year})
    verb = t(f"reports.award.{_AWARD_VERB.get(n.title, 'confer')}")
    label = title_label(n.title)
    if n.title in _AWARD_VERB:
        heading = f"ĐỀ NGHỊ {verb} “{label.upper()}”"
    else:
        heading = f"ĐỀ NGHỊ {verb} {label.upper()}"
    sector_years = ""
    if p is not None and p.sector_entry_date is not None:
        ref = info.consideration_date or info.meeting_date
        if ref is not None:
            days = (ref - p.sector_entry_date).days
            sector_years = f"{max(days, 0) // 365} năm"
    c = n.vote
    achievements = [a for a in data.achievements if a.staff_id == n.subject
                     and (not a.school_year or a.school_year in period_set)]
    achievements.sort(key=lambda a: (a.school_year, a.decision_date or dt.date.min, a.description))
    achievement_rows = []
    for a in achievements:
        dec = _decision(a.decision_no, a.decision_date)
        extra = ", ".join(x for x in (t(f"reports.level.{a.level.value}"), dec, a.issuer) if x)
        achievement_rows.append({"stt": len(achievement_rows) + 1, "year": a.school_year,
                                 "text": f"{a.description} ({extra})" if extra else a.description})
    period_text = (f"năm học {period[0]}" if len(period) == 1
                   else f"từ năm học {period[0]} đến năm học {period[-1]}") if period else ""
    return {
        "nominee": {
            "id": n.subject,
            "name": n.name,
            "name_upper": n.name.upper(),
            "gender": _gender(p.gender) if p is not None and p.gender is not None else DOTS,
            "birth_date": date_short(p.birth_date) if p is not None else DOTS,
            "position": (p.position if p is not None else "") or DOTS,
            "team": (p.team if p is not None else "") or DOTS,
            "unit": info.school_name or DOTS,
            "contract": t(f"reports.contract.{p.contract_type.value}") if p is not None and p.contract_type
            else DOTS,
            "recruited_date": date_short(p.recruited_date) if p is not None else DOTS,
            "sector_entry_date": date_short(p.sector_entry_date) if p is not None else DOTS,
            "sector_years": sector_years or DOTS,
            "rating": _rating(p.rating) if p is not None and p.rating is not None else DOTS,
            "title_code": n.title.value,
            "title_label": label,
            "award_heading": heading,
            "period_text": period_text,
            "vote_text": f"{c.approvals}/{c.base_count} ({format_percent(c.share)})" if c is not None else "—",
            "ratings": ratings,
            "initiatives": init_rows,
            # emulation titles of the report period only (the "Danh hiệu thi đua" table of the form)
            "titles": _history_rows(own, titles=True, years=period_set),
            "awards": _history_rows(own, titles=False),
            "file_stem": f"{file_stem(n.subject)}_{file_stem(n.name)}_{n.title.value}",
            "hometown": p.hometown if p is not None else "",
            "residence": p.residence if p is not None else "",
            "qualification": p.qualification if p is not None else "",
            "political_theory": p.political_theory if p is not None else "",
            "academic_titles": p.academic_titles if p is not None else "",
            "achievements": achievement_rows,
        }
    }


# ---------------------------------------------------------------- schema helpers (tests, lint)


def variable_paths(schema: Any = None, prefix: str = "") -> set[str]:
    """Every documented path: "school", "school.name", "titles[]", "titles[].nominees[].name", …"""
    return _paths(VARIABLES if schema is None else schema, prefix, every_item=False)


def value_paths(value: Any, prefix: str = "") -> set[str]:
    """The same paths, taken from an actual context (for the consistency test)."""
    return _paths(value, prefix, every_item=True)


def _paths(value: Any, prefix: str, every_item: bool) -> set[str]:
    """The dotted paths of nested dicts and lists; a list's items are described by its first (a schema) or
    all of them (an actual context)."""
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            path = f"{prefix}.{k}" if prefix else k
            out.add(path)
            out |= _paths(v, path, every_item)
    elif isinstance(value, list) and value:
        out.add(prefix + "[]")
        for item in (value if every_item else value[:1]):
            out |= _paths(item, prefix + "[]", every_item)
    return out
