"""The ribbon's actions: one list, the single source of truth for ids, labels, icons and callbacks.

The ribbon XML, the VBA callbacks of the add-in (``thidua addin build``), the classic entry point
(:func:`thidua_xl.excel.classic.on_ribbon`) and the documentation all read :data:`ACTIONS`.
Each action runs the same core operation as the command line, on the open workbook, through the
small book interface of :mod:`thidua_xl.excel.book`; it writes only its own result sheets and returns
the Vietnamese message shown to the user at the end.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.errors import InputError
from thidua_xl.excel.book import Book
from thidua_xl.messages import t
from thidua_xl.views import check as check_view
from thidua_xl.views import scoring as scoring_view
from thidua_xl.views import tally as tally_view
from thidua_xl.workbook.schema import RESULT_SHEETS
from thidua_xl.workbook.template import write_template
from thidua_xl.workbook.writer import problems_table

TAB_ID = "tdktTab"
TAB_LABEL = "Thi đua"
CLASSIC_MODULE = "thidua_xl.excel.classic"


@dataclass(frozen=True)
class Group:
    id: str
    label: str


@dataclass(frozen=True)
class Action:
    id: str  # stable ASCII id, also the ribbon button id and the argument of on_ribbon()
    group: str  # Group.id
    label: str  # button label (Vietnamese)
    screentip: str  # one-line tooltip title
    supertip: str  # longer tooltip: what it does and where the result goes
    image: str  # imageMso of a built-in Office icon
    run: Callable[[Book], str]  # the operation; returns the closing message

    @property
    def vba_sub(self) -> str:
        """Name of the VBA callback Sub (one per button) in the add-in's ribbon module."""
        return "TDKT_On_" + self.id

    @property
    def python_call(self) -> str:
        """The Python statement the VBA callback passes to RunPython."""
        return f"import {CLASSIC_MODULE} as m; m.on_ribbon('{self.id}')"


# ----------------------------------------------------------------------------- the operations


def _msg(key: str, **kw: Any) -> str:
    return t(key, **kw)


def _results_dir(book: Book, suffix: str) -> Path:
    """A folder next to the open workbook (``<tên>_hoso``); the user's Documents when it is unsaved."""
    folder = book.folder or Path.home()
    stem = Path(book.name).stem or "thidua"
    return folder / f"{stem}_{suffix}"


def run_new_workbook(book: Book) -> str:
    """Create the standard (empty) workbook next to the open one, never over an existing file."""
    folder = book.folder or Path.home()
    target = folder / "mau_thidua.xlsx"
    k = 1
    while target.exists():
        k += 1
        target = folder / f"mau_thidua_{k}.xlsx"
    write_template(target)
    book.open_file(target)
    return _msg("excel.done.new_workbook", path=target)


def run_validate(book: Book) -> str:
    data = api.read(book)
    book.replace_sheet(problems_table(data.problems))
    table = problems_table(data.problems).name
    return _msg("excel.done.validate", errors=len(data.errors), warnings=len(data.problems) - len(data.errors),
                sheet=table)


def run_check(book: Book) -> str:
    data = api.read(book)
    result = api.check(data)
    tables = check_view.to_tables(result)
    for table in tables:
        book.replace_sheet(table)
    people = {v.subject for v in result.people}
    eligible = sum(1 for v in result.people if v.eligible)
    return _msg("excel.done.check", people=len(people), eligible=eligible, regime=result.regime,
                sheets=", ".join(t.name for t in tables))


def _tally(book: Book) -> tuple[Any, list[Any]]:
    data = api.read(book)
    result = api.tally(data)
    return result, tally_view.to_tables(result)


def run_score(book: Book) -> str:
    """Scoring through the year and the calendar's reminders (issue 17): the sheets of ``thidua diem`` and the
    'Nhắc việc thi đua' sheet; nothing written when the workbook has neither scores nor a calendar."""
    data = api.read(book)
    if not data.scores and not data.calendar:
        return _msg("scoring.excel.none")
    tables = []
    text = []
    if data.scores:
        result = api.score(data)
        tables += scoring_view.to_tables(result)
        text.append(_msg("scoring.excel.done", people=len(result.people), months=len(result.months),
                         missing=sum(len(p.missing) for p in result.people)))
    if data.calendar:
        cal = api.calendar(data)
        tables.append(scoring_view.calendar_table(cal.tasks, cal.today, cal.days))
        text.append(_msg("scoring.excel.calendar", overdue=len(cal.overdue), soon=len(cal.soon), days=cal.days))
    for table in tables:
        book.replace_sheet(table)
    return " ".join(text) + " " + _msg("scoring.excel.sheets", sheets=", ".join(t.name for t in tables))


def run_tally(book: Book) -> str:
    result, tables = _tally(book)
    for table in tables:
        book.replace_sheet(table)
    key = "excel.done.tally_certified" if result.certified else "excel.done.tally_not_certified"
    return _msg(key, titles=len(result.titles), sheets=", ".join(t.name for t in tables))


def run_reconcile(book: Book) -> str:
    """Only the double-entry reconciliation sheet (the second entry of the ballots against the first)."""
    result, tables = _tally(book)
    name = RESULT_SHEETS["reconcile"]
    mine = [t for t in tables if t.name == name]
    for table in mine:
        book.replace_sheet(table)
    if not result.double_entry:
        return _msg("excel.done.reconcile_none")
    if result.discrepancies:
        return _msg("excel.done.reconcile_diff", n=len(result.discrepancies), sheet=name)
    return _msg("excel.done.reconcile_ok", sheet=name)


SCHOOL_TEMPLATES = "mau_ho_so"  # the school's own .docx templates, in a folder next to the workbook


def run_dossier(book: Book) -> str:
    out = _results_dir(book, "hoso")
    own = book.folder / SCHOOL_TEMPLATES if book.folder is not None else None
    templates = own if own is not None and own.is_dir() else None
    dossier = api.report(book, out_dir=out, templates=templates)
    text = _msg("excel.done.dossier", n=len(dossier.files), path=out)
    checks = [w for w in dossier.warnings if w.startswith(_msg("reports.warn.template_check", text=""))]
    if checks:  # the school's templates: what `thidua templates check` would say, first one in full
        text += " " + _msg("excel.done.dossier_templates", n=len(checks), first=checks[0])
    return text


ROLLUP_FOLDER = "ho_so_cac_truong"  # the schools' workbooks, in a folder next to the ward's workbook


def run_rollup(book: Book) -> str:
    """``thidua gop`` from the ward's open workbook: the schools' workbooks in ``ho_so_cac_truong/`` next to it
    (the book interface has no folder picker), the open workbook as the ward's settings when it is saved; writes
    ``tong_hop_ketqua.xlsx`` and the documents in ``tong_hop_hoso/`` beside it, then opens the roll-up workbook."""
    from thidua_xl.views import rollup as rollup_view  # start-up time: only this button needs the roll-up
    from thidua_xl.workbook.writer import write_results  # start-up time: as above

    if book.folder is None:
        return _msg("rollup.excel.unsaved")
    folder = book.folder / ROLLUP_FOLDER
    if not folder.is_dir():
        return _msg("rollup.excel.no_folder", folder=folder)
    own = Path(getattr(book, "fullname", "") or "")
    config = own if own.suffix.lower() == ".xlsx" and own.is_file() else None
    result = api.rollup([folder], config)
    if not result.schools:
        return _msg("rollup.excel.no_files", folder=folder)
    out = write_results(rollup_view.to_tables(result), book.folder / "tong_hop_ketqua.xlsx")
    docs = api.ward_documents(result, book.folder / "tong_hop_hoso")
    book.open_file(out)
    errors = sum(p.problem.severity == "error" for p in result.problems)
    return _msg("rollup.excel.done", n=len(result.schools), errors=errors, warnings=len(result.problems) - errors,
                path=out, docs=docs.out_dir)


def run_open_folder(book: Book) -> str:
    out = _results_dir(book, "hoso")
    if not out.is_dir():
        return _msg("excel.done.no_folder", path=out)
    open_path(out)
    return _msg("excel.done.open_folder", path=out)


DOCTOR_CALL = "from thidua_xl.cli import main; raise SystemExit(main(['addin', 'doctor']))"


def run_doctor(book: Book) -> str:
    """The report of ``thidua addin doctor`` for the Python Excel started, in the closing message box.
    Run as a child process of that Python: the same report as the command, and the add-in builder (which
    reads this list) is not imported here."""
    try:
        done = subprocess.run([sys.executable, "-c", DOCTOR_CALL], capture_output=True, text=True,  # noqa: S603
                              encoding="utf-8", errors="replace", timeout=180, check=False,
                              env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    except (OSError, subprocess.SubprocessError) as exc:
        return _msg("excel.done.doctor_failed", error=exc)
    return (done.stdout or done.stderr).strip()


def open_path(path: Path) -> None:
    """Open a folder in the system's file manager (Explorer, Finder, xdg-open)."""
    if os.environ.get("THIDUA_NO_OPEN"):
        return
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
    else:
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        try:
            subprocess.Popen([opener, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        except OSError:
            pass


# ----------------------------------------------------------------------------- the list

GROUPS: list[Group] = [
    Group("grpData", "Dữ liệu"),
    Group("grpCheck", "Xét"),
    Group("grpTally", "Kiểm phiếu"),
    Group("grpDossier", "Hồ sơ"),
    Group("grpSetup", "Cài đặt"),
]

ACTIONS: list[Action] = [
    Action("new_workbook", "grpData", "Tạo sổ tính chuẩn", "Tạo sổ tính chuẩn",
           "Tạo tệp mau_thidua.xlsx (các trang nhập liệu có tiêu đề, danh sách chọn và hướng dẫn) cạnh sổ tính "
           "đang mở, rồi mở tệp đó.", "FileNew", run_new_workbook),
    Action("validate", "grpData", "Kiểm tra dữ liệu", "Kiểm tra dữ liệu",
           "Đọc mọi trang nhập liệu và liệt kê từng lỗi (trang, dòng, cột, gợi ý sửa) vào trang \"Kiểm tra dữ "
           "liệu\". Không sửa trang nào của bạn.", "ReviewAcceptChange", run_validate),
    Action("check", "grpCheck", "Xét điều kiện", "Xét điều kiện danh hiệu",
           "Xét mọi cá nhân và tập thể với mọi danh hiệu theo chế độ của năm học; ghi kết quả, lý do và căn cứ "
           "vào trang \"Kết quả xét\".", "AcceptInvitation", run_check),
    Action("score", "grpCheck", "Chấm điểm", "Chấm điểm thi đua và nhắc việc",
           "Tính điểm thi đua theo tháng, theo đợt và cả năm (trang Điểm), xếp loại theo quy chế của trường, xếp hạng, "
           "người thiếu điểm tháng, xếp loại gợi ý; ghi trang \"Kết quả chấm điểm\" và các trang theo đợt, theo tổ. "
           "Có trang Lịch thi đua thì ghi thêm trang \"Nhắc việc thi đua\" (việc quá hạn, sắp đến hạn).",
           "ChartInsert", run_score),
    Action("tally", "grpTally", "Kiểm phiếu", "Kiểm phiếu bầu",
           "Kiểm phiếu cho từng danh hiệu: túc số, phiếu không hợp lệ, ngưỡng, chỉ tiêu; ghi vào trang \"Kết "
           "quả kiểm phiếu\" và nhật ký kiểm phiếu.", "TableInsert", run_tally),
    Action("reconcile", "grpTally", "Đối chiếu hai lần nhập", "Đối chiếu hai lần nhập phiếu",
           "So lần nhập phiếu thứ hai với lần thứ nhất, ghi từng chỗ chênh lệch vào trang \"Đối chiếu phiếu\".",
           "ReviewCompareMenu", run_reconcile),
    Action("dossier", "grpDossier", "Lập hồ sơ", "Lập hồ sơ đề nghị",
           "Tạo các tệp Word (tờ trình, biên bản, danh sách, báo cáo thành tích) trong thư mục <tên sổ>_hoso cạnh "
           "sổ tính.", "FileSaveAsWordDocx", run_dossier),
    Action("rollup", "grpDossier", "Tổng hợp các trường", "Tổng hợp hồ sơ các trường",
           "Phường/Sở: đọc sổ tính của mọi trường trong thư mục ho_so_cac_truong cạnh sổ tính đang mở, xét lại, kiểm "
           "tra chéo, chấm điểm; ghi tong_hop_ketqua.xlsx và Quyết định, tờ trình vào thư mục tong_hop_hoso.",
           "GroupConsolidate", run_rollup),
    Action("open_folder", "grpDossier", "Mở thư mục hồ sơ", "Mở thư mục hồ sơ",
           "Mở thư mục chứa các tệp hồ sơ đã tạo.", "FileOpen", run_open_folder),
    Action("doctor", "grpSetup", "Kiểm tra cài đặt", "Kiểm tra cài đặt add-in",
           "Kiểm tra Python, thư viện xlwings, tệp cấu hình, gói thidua_xl và phiên bản Excel; mỗi mục ✓ hoặc ✗ "
           "kèm cách sửa (như lệnh thidua addin doctor).", "Help", run_doctor),
]

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}


def run_action(action_id: str, book: Book) -> str:
    """Run one action on the book and show its closing message; bad input becomes a Vietnamese message,
    never a traceback. Returns the message shown."""
    action = BY_ID.get(action_id)
    if action is None:
        text = _msg("excel.error.unknown_action", id=action_id)
        book.message(text, error=True)
        return text
    try:
        text = action.run(book)
    except InputError as exc:
        text = _msg("excel.error.input", action=action.label, error=exc)
        book.message(text, error=True)
        return text
    except PermissionError as exc:
        text = _msg("excel.error.locked", action=action.label, path=exc.filename or "")
        book.message(text, error=True)
        return text
    except Exception as exc:  # noqa: BLE001 - a message box, never a traceback, and nothing was written
        text = _msg("excel.error.unexpected", action=action.label, error=f"{type(exc).__name__}: {exc}")
        book.message(text, error=True)
        return text
    book.message(text)
    return text
