"""TDKT_ worksheet functions (classic xlwings UDFs, the free BSD part of xlwings; the same module also
serves xlwings Server/Lite).

Every function here is thin: it turns the ranges Excel passes into the standard tables, calls the same
core as the command line, and turns the answer into cell values. The data ranges (``*bang``) are the
tables of the standard workbook *with their header row* (Cán bộ, Đăng ký thi đua, Lịch sử thi đua, Kỷ
luật, Sáng kiến - Đề tài, Thông tin chung, ...), in any order: each is recognised by its headers.

A rule that is not met is never an error: it is FALSE with its reason (see :func:`TDKT_GIAI_THICH`).
Bad input gives a real Excel error value: ``#N/A`` (unknown staff ID or title), ``#VALUE!`` (a range that
is not a standard table, data with errors), ``#NUM!`` (impossible numbers); the reason is the text
that :func:`TDKT_GIAI_THICH` returns for the same arguments.

Results are cached per set of arguments, so a column of single-person formulas over the same ranges reads
and checks the data once.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from fractions import Fraction
from typing import Annotated, Any

import xlwings as xw

from thidua_xl import api
from thidua_xl.core.model import INDIVIDUAL_TITLES, SchoolData, Title
from thidua_xl.core.tally import threshold_text
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.perf import without_gc
from thidua_xl.text import name_key, normalize_name, percent_value, strip_diacritics
from thidua_xl.views.scoring import points
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.reader import as_rows, to_id, to_school_year

NA, VALUE, NUM = "#N/A", "#VALUE!", "#NUM!"
HEADER_ROWS = 6  # a range's header is among its first rows (a title line may sit above it)
ALL = ("", "*", "TAT CA", "TẤT CẢ", "ALL")

# err_to_str: a cell showing #N/A, #DIV/0!, ... arrives as that text, which the reader reports with its sheet, row
# and column (xlwings otherwise passes it as an empty cell: a registration mark lost to an error would read as "not
# registered"); the same as the ribbon's reading of the open workbook (excel/book.py)
Tables = Annotated[list, {"ndim": 2, "err_to_str": True, "doc": "Các bảng của sổ tính chuẩn, mỗi vùng gồm cả dòng tiêu đề "
                                            "(Cán bộ, Đăng ký thi đua, Lịch sử thi đua, Kỷ luật, ...), thứ tự "
                                            "tùy ý."}]
StaffId = Annotated[Any, {"doc": "Mã cán bộ (cột Mã CB), ví dụ GV001."}]
TitleArg = Annotated[Any, {"doc": "Mã danh hiệu: LDTT, CSTDCS, CSTD_TINH, CSTD_TQ, BK_TINH, BK_BO, BK_TTG, "
                                  "GIAY_KHEN, KNC (hoặc tên đầy đủ)."}]
YearArg = Annotated[Any, {"doc": "Năm học xét, ví dụ \"2024-2025\"; để \"\" thì lấy trong bảng Thông tin chung."}]


def _spills(func: Any) -> Any:
    """Mark a worksheet function whose result is a 2-D block that spills (read by the add-in builder and
    the docs). A decorator, not a module-level loop: xlwings' "Import functions" wraps every module
    attribute carrying ``__xlfunc__``, so a loop variable left bound would be wrapped twice."""
    func.__tdkt_array__ = True
    return func


class UdfError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# ----------------------------------------------------------------------------- data from ranges


def _rows(value: Any) -> list[list[Any]]:
    return as_rows(value)


def classify(rows: list[list[Any]]) -> str | None:
    """Which standard sheet a range is, from its header row (the best-matching sheet, or None)."""
    return api.table_kind(rows, HEADER_ROWS)


def _school_data(school_year: Any, tables: tuple[Any, ...], titles: frozenset[Any] | None = None) -> SchoolData:
    """The ranges read as a school's data; with ``titles``, only the sheets those verdicts use are read."""
    named: dict[str, list[list[Any]]] = {}
    for n, value in enumerate(tables, start=1):
        rows = _rows(value)
        if not rows:
            continue
        name = classify(rows)
        if name is None:
            raise UdfError(VALUE, t("udf.unknown_table", n=n))
        if name in named and name == s.BALLOTS.name:
            name = s.BALLOTS_SECOND.name
        named[name] = rows
    if titles:
        used = {s.SHEETS[k].name for k in s.sheets_for(titles)}
        named = {name: rows for name, rows in named.items() if name in used}
    if s.STAFF.name not in named:
        raise UdfError(VALUE, t("udf.no_staff_table"))
    year = _school_year(school_year)
    if s.INFO.name not in named:
        if not year:
            raise UdfError(VALUE, t("udf.no_school_year"))
        named[s.INFO.name] = [[s.INFO.column("school_year").header, year]]
    data = api.read(named)
    if year:
        data = api.for_school_year(data, year)
    if not data.info.school_year:
        raise UdfError(VALUE, t("udf.no_school_year"))
    # A function gets only the tables it needs: missing sheets, and the info lines a formula does not
    # use (school name, principal, ...), are not errors here.
    errors = [p for p in data.errors if p.code != "MISSING_SHEET"
              and not (p.sheet == s.INFO.name and p.code == "MISSING_VALUE")]
    if errors:
        p = errors[0]
        where = f"{p.sheet}, dòng {p.row}, cột {p.column}" if p.row else p.sheet
        raise UdfError(VALUE, t("udf.data_error", error=f"{where}: {p.message} {p.suggestion}".strip()))
    # what is left are the tolerated errors above: not errors for the operations either
    return dataclasses.replace(data, problems=data.warnings)


_CACHE: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_CACHE_SIZE = 8


_LAST: list[Any] = [None, None]  # the last call's arguments (a copy) and their key


def _key(school_year: Any, tables: tuple[Any, ...]) -> tuple[Any, ...]:
    """A fingerprint of the arguments: every cell value takes part (any edit gives a new key).

    A column of formulas over the same ranges recalculates one call after another, each handed new
    objects with the same values: a call equal to the last one (compared cell by cell in C, no hashing of
    every text) reuses its key; only different arguments are fingerprinted."""
    year = str(school_year)
    rows = [_rows(t) for t in tables]
    last, key = _LAST
    if last is not None and last == (year, rows):
        return key
    key = (year, tuple(len(r) for r in rows), hash(tuple(tuple(r) for t in rows for r in t)))
    _LAST[:] = [(year, [[list(r) for r in t] for t in rows]), key]  # a copy: the reader never sees it
    return key


def _cached(kind: str, key: tuple[Any, ...], build: Any) -> Any:
    full = (kind, *key)
    hit = _CACHE.get(full)
    if hit is not None:
        _CACHE.move_to_end(full)
        return hit
    value = build()
    _CACHE[full] = value
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return value


def _checked(school_year: Any, tables: tuple[Any, ...], key: tuple[Any, ...] | None = None,
             titles: frozenset[Any] | None = None) -> tuple[Any, Any]:
    """(data, CheckResult) for these ranges (only ``titles`` when given), computed once per distinct
    set of arguments."""
    key = key or _key(school_year, tables)

    def build() -> tuple[Any, Any]:
        data = _cached(kind.replace("check", "data"), key, lambda: _school_data(school_year, tables, titles))
        return data, api.check(data, titles=set(titles) if titles else None)

    kind = "check" if titles is None else "check:" + ",".join(sorted(t.value for t in titles))
    return _cached(kind, key, build)


def _title(value: Any) -> Title:
    try:
        return api.resolve_title(str(value).strip())
    except (KeyError, ValueError, InputError):
        raise UdfError(NA, t("udf.unknown_title", title=value, codes=", ".join(x.value for x in Title))) from None


@without_gc
def _verdict(staff_id: Any, title: Any, school_year: Any, tables: tuple[Any, ...]) -> Any:
    wanted = _title(title)
    key = _key(school_year, tables)
    _, result = _checked(school_year, tables, key)
    sid = to_id(staff_id)
    index = _cached("index", key, lambda: {(v.subject, v.title): v for v in (*result.people, *result.teams)})
    v = index.get((sid, wanted))
    if v is None:
        raise UdfError(NA, t("udf.unknown_staff", id=sid))
    return v


def _reasons(v: Any) -> str:
    if v.eligible:
        return t("udf.eligible")
    return "\n".join(f"{r.message} ({r.citation})" for r in v.reasons)


def _percent(share: Fraction, digits: int = 2) -> float:
    """``share`` as a percentage rounded half up (the way Vietnamese documents round), not half even."""
    return float(percent_value(share, digits))


def _number(value: Any) -> Fraction:
    try:
        x = Fraction(str(value).strip().replace(",", ".")) if isinstance(value, str) else Fraction(value)
    except (TypeError, ValueError, ZeroDivisionError):
        raise UdfError(VALUE, t("udf.not_number", value=value)) from None
    if x < 0:
        raise UdfError(NUM, t("udf.not_number", value=value))
    return x


# ----------------------------------------------------------------------------- eligibility


@xw.func
def TDKT_XET(ma_cb: StaffId, danh_hieu: TitleArg, nam_hoc: YearArg, *bang: Tables) -> Any:  # noqa: N802
    """Người có mã này có đủ điều kiện danh hiệu không (TRUE/FALSE). Lý do: xem TDKT_GIAI_THICH.

    Ví dụ: =TDKT_XET(A2; "LDTT"; ""; 'Thông tin chung'!A1:B14; 'Cán bộ'!A1:X60; 'Đăng ký thi đua'!A1:E70)
    """
    try:
        return bool(_verdict(ma_cb, danh_hieu, nam_hoc, bang).eligible)
    except UdfError as exc:
        return exc.code


@xw.func
def TDKT_GIAI_THICH(ma_cb: StaffId, danh_hieu: TitleArg, nam_hoc: YearArg, *bang: Tables) -> str:  # noqa: N802
    """Lý do người này không đủ điều kiện danh hiệu, kèm căn cứ pháp lý ("Đủ điều kiện" nếu đạt).

    Cùng đối số với TDKT_XET; khi đối số sai, hàm trả về lời giải thích lỗi thay cho giá trị lỗi.

    Ví dụ: =TDKT_GIAI_THICH(A2; "CSTDCS"; ""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X500; 'Đăng ký thi đua'!A1:E600)
    """
    try:
        return _reasons(_verdict(ma_cb, danh_hieu, nam_hoc, bang))
    except UdfError as exc:
        return f"{exc.code} {exc.message}"


@_spills
@xw.func
def TDKT_XET_BANG(danh_hieu: TitleArg, nam_hoc: YearArg, *bang: Tables) -> list[list[Any]]:  # noqa: N802
    """Bảng kết quả xét cho mọi người (tràn ra nhiều ô): một danh hiệu, hoặc "" cho mọi danh hiệu.

    Một danh hiệu: Mã CB | Họ và tên | Tổ | Đủ điều kiện | Lý do. Mọi danh hiệu: một cột TRUE/FALSE cho mỗi
    danh hiệu và cột Lý do. Với một danh hiệu, hàm chỉ đọc các bảng danh hiệu đó cần (ví dụ LĐTT không đọc
    Lịch sử thi đua và Sáng kiến - Đề tài), nên lỗi ở bảng khác không chặn kết quả.

    Ví dụ: =TDKT_XET_BANG("LDTT"; ""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X500; 'Đăng ký thi đua'!A1:E600; 'Lịch sử thi đua'!A1:H2000; 'Kỷ luật'!A1:F50)
    """
    try:
        return _table(danh_hieu, nam_hoc, bang)
    except UdfError as exc:
        return [[f"{exc.code} {exc.message}"]]


@without_gc
def _table(title: Any, school_year: Any, tables: tuple[Any, ...]) -> list[list[Any]]:
    all_titles = str(title).strip().upper() in ALL if title is not None else True
    titles = list(INDIVIDUAL_TITLES) if all_titles else [_title(title)]
    data, result = _checked(school_year, tables, titles=None if all_titles else frozenset(titles))
    by_person: dict[str, dict[Any, Any]] = {}
    for v in result.people:
        by_person.setdefault(v.subject, {})[v.title] = v
    staff = sorted(data.staff, key=lambda p: (p.team, name_key(p.full_name)))
    head = [t("udf.header.id"), t("udf.header.name"), t("udf.header.team")]
    if all_titles:
        out: list[list[Any]] = [head + [x.value for x in titles] + [t("udf.header.reasons")]]
    else:
        out = [head + [t("udf.header.eligible"), t("udf.header.reasons")]]
    for person in staff:
        verdicts = by_person.get(person.id, {})
        row: list[Any] = [person.id, person.full_name, person.team]
        reasons = []
        for x in titles:
            v = verdicts.get(x)
            row.append(bool(v and v.eligible))
            if v is not None and not v.eligible:
                text = "; ".join(r.message for r in v.reasons)
                reasons.append(f"{x.value}: {text}" if all_titles else _reasons(v))
        row.append("\n".join(reasons))
        out.append(row)
    return out


# ----------------------------------------------------------------------------- votes


def _threshold(title: Any, school_year: Any) -> tuple[Any, Any]:
    """(Threshold, its Param) of a title's vote under the school year's rule set."""
    rules = _rules(school_year)
    wanted = _title(title)
    param = rules.params.get(f"vote.threshold.{wanted.value}")
    if param is None:
        raise UdfError(NA, t("udf.no_threshold", title=wanted.value))
    return param.value, param


def _school_year(value: Any) -> str:
    """The ``nam_hoc`` argument as "2024-2025", or "" when left empty; a malformed year is a #VALUE! with
    the reason (an unquoted 2024-2025 reaches Python as the number -1: Excel subtracted)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = int(value) if float(value).is_integer() else value
        key = "udf.school_year_subtracted" if number == -1 else "udf.bad_school_year"
        raise UdfError(VALUE, t(key, value=number))
    try:
        return to_school_year(value) or ""
    except ValueError as exc:  # CellError: its own sentence (e.g. a year out of range) and hint
        key, hint, kw = getattr(exc, "key", ""), getattr(exc, "hint", ""), getattr(exc, "kw", {})
        if not key:
            raise UdfError(VALUE, t("udf.bad_school_year", value=str(value).strip())) from None
        raise UdfError(VALUE, f"{t(key, **kw)} {t(hint, **kw)}".strip()) from None


def _rules(school_year: Any) -> Any:
    year = _school_year(school_year)
    if not year:
        raise UdfError(VALUE, t("udf.no_school_year"))
    try:
        return api.ruleset(None, year)
    except InputError as exc:
        raise UdfError(VALUE, str(exc)) from None


@xw.func
def TDKT_TINH_TY_LE(so_phieu: Annotated[Any, {"doc": "Số phiếu đồng ý."}],  # noqa: N802
                    co_so: Annotated[Any, {"doc": "Cơ sở tính: tổng số thành viên Hội đồng (hoặc số phiếu hợp "
                                                  "lệ, tùy quy định của danh hiệu; xem TDKT_NGUONG)."}],
                    so_le: Annotated[Any, {"doc": "Số chữ số thập phân (mặc định 2)."}] = 2) -> Any:
    """Tỷ lệ phần trăm số phiếu trên cơ sở tính, làm tròn kiểu Việt Nam (5 trở lên làm tròn lên).

    Ví dụ: =TDKT_TINH_TY_LE(9; 11) trả về 81,82.
    """
    try:
        votes, base = _number(so_phieu), _number(co_so)
        if base == 0:
            raise UdfError(NUM, t("udf.zero_base"))
        if votes > base:
            raise UdfError(NUM, t("udf.more_than_base", votes=so_phieu, base=co_so))
        digits = int(_number(so_le if so_le not in (None, "") else 2))
        return _percent(votes / base, digits)
    except UdfError as exc:
        return exc.code


@xw.func
def TDKT_DAT_NGUONG(so_phieu: Annotated[Any, {"doc": "Số phiếu đồng ý của ứng viên."}],  # noqa: N802
                    co_so: Annotated[Any, {"doc": "Số đếm của cơ sở tính mà quy định danh hiệu dùng (xem "
                                                  "TDKT_NGUONG)."}],
                    danh_hieu: TitleArg, nam_hoc: YearArg) -> Any:
    """Số phiếu có đạt ngưỡng bầu của danh hiệu theo quy định của năm học không (TRUE/FALSE).

    So sánh bằng phân số chính xác, không làm tròn: "từ 70% trở lên" là ≥, "trên 50%" là >.

    Ví dụ: =TDKT_DAT_NGUONG(9; 11; "CSTDCS"; "2024-2025") trả về TRUE (9/11 ≥ 80%).
    """
    try:
        threshold, _ = _threshold(danh_hieu, nam_hoc)
        votes, base = _number(so_phieu), _number(co_so)
        if votes > base:
            raise UdfError(NUM, t("udf.more_than_base", votes=so_phieu, base=co_so))
        return bool(threshold.passes(int(votes), int(base)))
    except UdfError as exc:
        return exc.code


@xw.func
def TDKT_NGUONG(danh_hieu: TitleArg, nam_hoc: YearArg) -> str:  # noqa: N802
    """Ngưỡng bầu của danh hiệu theo năm học: tỷ lệ, cơ sở tính và căn cứ pháp lý.

    Ví dụ: =TDKT_NGUONG("CSTDCS"; "2024-2025")
    """
    try:
        th, param = _threshold(danh_hieu, nam_hoc)
        return f"{threshold_text(th)} ({param.citation_text} [{param.tag_text}])"
    except UdfError as exc:
        return f"{exc.code} {exc.message}"


@_spills
@xw.func
def TDKT_KIEM_PHIEU(nam_hoc: YearArg, *bang: Tables) -> list[list[Any]]:  # noqa: N802
    """Bảng kiểm phiếu (tràn ra nhiều ô): mỗi ứng viên một dòng với số phiếu, tỷ lệ, ngưỡng, đề nghị.

    Truyền các bảng Hội đồng TĐKT, Danh sách bỏ phiếu, Phiếu bầu (và Cán bộ, để đối chiếu điều kiện).

    Ví dụ: =TDKT_KIEM_PHIEU(""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X500; 'Hội đồng TĐKT'!A1:F30; 'Danh sách bỏ phiếu'!A1:E50; 'Phiếu bầu'!A1:N60)
    """
    try:
        return _tally_rows(nam_hoc, bang)
    except UdfError as exc:
        return [[f"{exc.code} {exc.message}"]]


def _tally_rows(school_year: Any, tables: tuple[Any, ...]) -> list[list[Any]]:
    def build() -> Any:
        data, result = _checked(school_year, tables)
        return api.tally(data, checked=result)

    res = _cached("tally", _key(school_year, tables), build)
    out: list[list[Any]] = [["Danh hiệu", "Mã", "Họ và tên", "Đồng ý", "Cơ sở", "Tỷ lệ (%)", "Đạt ngưỡng",
                             "Trong chỉ tiêu", "Đủ điều kiện", "Đề nghị"]]
    for tt in res.titles:
        for c in tt.candidates:
            out.append([tt.title.value, c.subject, c.name, c.approvals, c.base_count,
                        _percent(c.share),
                        bool(c.threshold_passed), "" if c.within_quota is None else bool(c.within_quota),
                        "" if c.eligible is None else bool(c.eligible), bool(c.proposed)])
    return out


# ----------------------------------------------------------------------------- names


@xw.func
def TDKT_CHUAN_HOA_TEN(ho_ten: Annotated[Any, {"doc": "Họ và tên cần chuẩn hóa."}]) -> str:  # noqa: N802
    """Chuẩn hóa họ tên tiếng Việt: dựng sẵn Unicode (NFC), bỏ khoảng trắng thừa, viết hoa chữ đầu mỗi từ.

    Ví dụ: =TDKT_CHUAN_HOA_TEN("  nguyễn   thị  hồng ") trả về "Nguyễn Thị Hồng".
    """
    return normalize_name("" if ho_ten is None else str(ho_ten))


@_spills
@xw.func
def TDKT_SAP_XEP_TEN(danh_sach: Annotated[list, {"ndim": 2, "doc": "Vùng chứa các họ tên (một cột), hoặc "
                                                                    "nhiều cột mà cột đầu là họ tên."}]
                     ) -> list[list[Any]]:  # noqa: N802
    """Sắp xếp danh sách theo tên kiểu Việt Nam: tên, rồi tên đệm, rồi họ, theo thứ tự chữ cái tiếng Việt.

    Trả về các dòng đã sắp xếp (tràn ra nhiều ô); các cột khác đi theo dòng của họ tên.

    Ví dụ: =TDKT_SAP_XEP_TEN(B2:D60)
    """
    rows = [r for r in _rows(danh_sach) if r and r[0] not in (None, "")]
    if not rows:
        return [[NA]]
    return sorted(rows, key=lambda r: name_key(str(r[0])))




# ----------------------------------------------------------------------------- scoring through the year

PeriodArg = Annotated[Any, {"doc": "Tháng (9, \"09/2024\" hoặc một ngày trong tháng), đợt (\"Đợt 1\", \"D1\"), hoặc \"\" "
                                   "cho cả năm."}]


def _period(value: Any, school_year: str) -> tuple[str, Any]:
    """("year", None) | ("phase", n) | ("month", first day of the month) from the ``thang_hoac_dot`` argument."""
    from thidua_xl.workbook.scoring import MonthError, to_month  # start-up time: only the scoring functions

    if value is None or (isinstance(value, str) and not value.strip()):
        return "year", None
    if isinstance(value, str):
        text = strip_diacritics(value).casefold().replace(" ", "")
        for prefix in ("dot", "d"):
            if text.startswith(prefix) and text[len(prefix):].isdigit():
                return "phase", int(text[len(prefix):])
    try:
        return "month", to_month(value, school_year)
    except MonthError:
        raise UdfError(VALUE, t("scoring.udf.bad_period", value=value)) from None


@without_gc
def _score_of(staff_id: Any, period: Any, school_year: Any, tables: tuple[Any, ...]) -> tuple[Any, str]:
    """(the score as a fraction, its band) of one person in a month, a phase or the year."""
    key = _key(school_year, tables)
    data = _cached("data", key, lambda: _school_data(school_year, tables))
    if not data.scores:
        raise UdfError(NA, t("scoring.udf.no_scores"))
    result = _cached("score", key, lambda: api.score(data))
    sid = to_id(staff_id)
    person = result.person(sid)
    if person is None:
        raise UdfError(NA, t("scoring.udf.unknown", id=sid))
    kind, which = _period(period, result.school_year)
    if kind == "year":
        value, band, label = person.year, person.suggested, t("scoring.udf.period_year")
    elif kind == "phase":
        ps = person.phases.get(which)
        value, band = (ps.total, ps.band) if ps else (None, "")
        label = t("scoring.udf.period_phase", n=which)
    else:
        ms = person.months.get(which)
        value, band = (ms.total, ms.band) if ms else (None, "")
        label = t("scoring.udf.period_month", month=f"{which:%m/%Y}")
    if value is None:
        raise UdfError(NA, t("scoring.udf.no_score", id=sid, period=label))
    return value, band


@xw.func
def TDKT_DIEM(ma_cb: StaffId, thang_hoac_dot: PeriodArg, nam_hoc: YearArg, *bang: Tables) -> Any:  # noqa: N802
    """Điểm thi đua của một người trong một tháng, một đợt hoặc cả năm (trung bình các tháng), như lệnh thidua diem.

    Điểm tháng: Hội đồng chấm, nếu trống thì Tổ chấm, nếu trống nữa thì Tự chấm; trừ điểm trừ, cộng điểm cộng. Truyền
    các bảng Cán bộ, Điểm (và Tiêu chí, Đợt thi đua, Xếp loại điểm nếu có). #N/A khi người ấy chưa có điểm.

    Ví dụ: =TDKT_DIEM(A2; "09/2024"; ""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X80; 'Điểm'!A1:K800; 'Đợt thi đua'!A1:D5)
    """
    try:
        value, _ = _score_of(ma_cb, thang_hoac_dot, nam_hoc, bang)
        return points(value)
    except UdfError as exc:
        return exc.code


@xw.func
def TDKT_XEP_LOAI_DIEM(ma_cb: StaffId, thang_hoac_dot: PeriodArg, nam_hoc: YearArg, *bang: Tables) -> Any:  # noqa: N802
    """Xếp loại theo điểm thi đua (quy chế của trường, trang Xếp loại điểm) trong một tháng, một đợt hoặc cả năm.

    Cả năm ("") là xếp loại GỢI Ý từ điểm trung bình các tháng, để Hội đồng xác nhận. Cùng đối số với TDKT_DIEM.

    Ví dụ: =TDKT_XEP_LOAI_DIEM(A2; ""; ""; 'Thông tin chung'!A1:B20; 'Cán bộ'!A1:X80; 'Điểm'!A1:K800; 'Xếp loại điểm'!A1:B6)
    """
    try:
        _, band = _score_of(ma_cb, thang_hoac_dot, nam_hoc, bang)
        return band
    except UdfError as exc:
        return exc.code
