"""The blank standard workbook (``thidua init``) and its documentation, derived from the schema alone."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

from thidua_xl.core.model import Mark, SchoolData
from thidua_xl.workbook import schema as s
from thidua_xl.workbook.scoring import scoring_rows

VALIDATION_ROWS = 2000
LISTS_SHEET = "Danh mục"
HEADER_FILL = "D9E1F2"
WORKFLOW = [
    "1. Đầu năm học: cá nhân và tổ đăng ký thi đua (trang Đăng ký thi đua).",
    "2. Cuối năm học: điền xếp loại, nghỉ thai sản/ốm/đi học, kỷ luật, sáng kiến (trang Cán bộ, Sáng kiến - Đề tài).",
    "3. Chạy 'thidua validate' (hoặc nút Kiểm tra dữ liệu trong Excel) và sửa các lỗi được báo.",
    "4. Chạy 'thidua check' để xem ai đủ điều kiện danh hiệu nào và vì sao.",
    "5. Họp Hội đồng TĐKT: điền trang Hội đồng TĐKT, Danh sách bỏ phiếu; Ban kiểm phiếu nhập Phiếu bầu.",
    "6. Chạy 'thidua tally' (kiểm phiếu) rồi 'thidua report' (lập hồ sơ Word).",
]


def _choices_text(col: s.Column) -> str:
    if col.kind == "date":
        lo, hi = col.bounds or s.DATE_YEARS
        return f"năm {lo}–{hi}; ghi đủ ngày/tháng/năm, không ghi riêng năm"
    if col.kind in ("number", "int") and col.bounds is not None:
        return f"từ {col.bounds[0]} đến {col.bounds[1]}"
    if not col.vocab:
        return ""
    vocab = s.VOCABULARIES[col.vocab]
    return "; ".join(c.label + (f" (hoặc {', '.join(a for a in c.aliases if a)})" if any(c.aliases) else "")
                     for c in vocab.choices)


def _kind_text(col: s.Column) -> str:
    return {"date": "ngày (dd/mm/yyyy)", "number": "số", "int": "số nguyên", "id": "mã", "name": "họ tên",
            "code": "chọn trong danh sách", "bool": "chọn trong danh sách", "text": "chữ"}[col.kind]


def _cell_value(v: Any) -> Any:
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else float(v)
    if hasattr(v, "value") and not isinstance(v, (str, int, float)):
        return v.value
    return v


def write_template(path: Path, data: SchoolData | None = None) -> Path:
    """Write the standard workbook (blank, or filled from ``data``) to ``path``."""
    # heavy: openpyxl only when a workbook is written (the CLI and the ribbon import this module at start)
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    guide = wb.active
    guide.title = s.GUIDE_NAME
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_ranges: dict[str, str] = {}
    for ci, (name, vocab) in enumerate(s.VOCABULARIES.items(), start=1):
        letter = get_column_letter(ci)
        lists.cell(row=1, column=ci, value=name)
        for ri, label in enumerate(vocab.labels, start=2):
            lists.cell(row=ri, column=ci, value=label)
        list_ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(vocab.labels) + 1}"

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)

    def validation(ws: Any, vocab: str, ref: str) -> None:
        dv = DataValidation(type="list", formula1=list_ranges[vocab], allow_blank=True, showErrorMessage=True,
                            errorTitle="Giá trị không có trong danh sách",
                            error="Chọn một giá trị trong danh sách: " + ", ".join(s.VOCABULARIES[vocab].labels))
        dv.add(ref)
        ws.add_data_validation(dv)

    for spec in s.INPUT_SHEETS:
        ws = wb.create_sheet(spec.name)
        if spec.layout == "keyvalue":
            ws.cell(row=1, column=1, value="Mục").font = bold
            ws.cell(row=1, column=2, value="Giá trị").font = bold
            ws.cell(row=1, column=3, value="Hướng dẫn").font = bold
            for c in range(1, 4):
                ws.cell(row=1, column=c).fill = fill
            for r, col in enumerate(spec.columns, start=2):
                ws.cell(row=r, column=1, value=col.header + (" *" if col.required else "")).font = bold
                ws.cell(row=r, column=3, value=col.help)
                value = getattr(data.info, col.key, None) if data else None
                if col.kind == "bool":
                    value = ("Có" if value else "Không") if data else None
                if value not in (None, ""):
                    ws.cell(row=r, column=2, value=value)
                if col.kind == "date":
                    ws.cell(row=r, column=2).number_format = "DD/MM/YYYY"
                if col.vocab:
                    validation(ws, col.vocab, f"B{r}")
            ws.column_dimensions["A"].width = 30
            ws.column_dimensions["B"].width = 40
            ws.column_dimensions["C"].width = 80
            ws.freeze_panes = "A2"
            continue
        columns = list(spec.columns)
        extra_headers: list[str] = []
        if spec.layout == "ballots" and data is not None:
            extra_headers = _ballot_candidates(data, spec.key)
        for ci, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=ci, value=col.header)
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            note = col.help or ""
            if col.vocab:
                note = (note + " " if note else "") + "Chọn: " + ", ".join(s.VOCABULARIES[col.vocab].labels) + "."
            if note:
                cell.comment = Comment(note, "thidua_xl")
            letter = get_column_letter(ci)
            ws.column_dimensions[letter].width = col.width
            if col.vocab:
                validation(ws, col.vocab, f"{letter}2:{letter}{VALIDATION_ROWS}")
            if col.kind == "date":
                for r in range(2, 2 + max(1, len(_rows(data, spec)))):
                    ws.cell(row=r, column=ci).number_format = "DD/MM/YYYY"
        for j, header in enumerate(extra_headers, start=len(columns) + 1):
            cell = ws.cell(row=1, column=j, value=header)
            cell.font = bold
            cell.fill = fill
            ws.column_dimensions[get_column_letter(j)].width = 9
        ws.row_dimensions[1].height = 32
        ws.freeze_panes = "A2"
        for r, row in enumerate(_rows(data, spec), start=2):
            for c, v in enumerate(row, start=1):
                if v not in (None, ""):
                    cell = ws.cell(row=r, column=c, value=_cell_value(v))
                    if isinstance(v, dt.date):
                        cell.number_format = "DD/MM/YYYY"

    _write_guide(guide)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _write_guide(ws: Any) -> None:
    from openpyxl.styles import Alignment, Font  # heavy: openpyxl only when a workbook is written

    lines: list[tuple[str, str]] = [("title", "HƯỚNG DẪN SỔ TÍNH THI ĐUA – KHEN THƯỞNG (thidua_xl)"), ("", "")]
    lines.append(("h", "Quy trình"))
    lines += [("", w) for w in WORKFLOW]
    lines.append(("", ""))
    lines.append(("", "Không đổi tên trang và tiêu đề cột (hoặc dùng tên khác được chấp nhận, xem docs/workbook.md). "
                      "Cột có dấu * là bắt buộc. Kết quả được ghi ra tệp <tên>_ketqua.xlsx; các trang dữ liệu "
                      "này không bao giờ bị sửa."))
    for spec in s.INPUT_SHEETS:
        lines.append(("", ""))
        lines.append(("h", f"Trang '{spec.name}'" + ("" if spec.required else " (không bắt buộc)")))
        lines.append(("", spec.help))
        for col in spec.columns:
            text = f"• {col.header}{' *' if col.required else ''} — {_kind_text(col)}"
            if col.help:
                text += f". {col.help}"
            if col.vocab:
                text += f" Giá trị: {_choices_text(col)}."
            if col.example:
                text += f" Ví dụ: {col.example}."
            lines.append(("", text))
    lines.append(("", ""))
    lines.append(("h", "Cách ghi dấu trên phiếu bầu"))
    lines += [("", f"• {v}") for v in s.MARKS.values()]
    for r, (kind, text) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "h":
            cell.font = Font(bold=True, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 130


def _ballot_candidates(data: SchoolData, key: str) -> list[str]:
    ballots = data.ballots if key == "ballots" else (data.ballots_second or [])
    seen: list[str] = []
    for rnd in data.rounds:
        for c in rnd.candidates:
            if c not in seen:
                seen.append(c)
    for b in ballots:
        for c in b.marks:
            if c not in seen:
                seen.append(c)
    return seen


_MARK_TEXT = {"APPROVE": "x", "DISAPPROVE": "0", "BLANK": None, "UNREADABLE": "?"}


def _label(vocab: str, code: Any) -> Any:
    if code in (None, ""):
        return None
    code = getattr(code, "value", code)
    return next((c.label for c in s.VOCABULARIES[vocab].choices if c.code == code), code)


def _yes(v: bool) -> str:
    return "Có" if v else "Không"


def _rows(data: SchoolData | None, spec: s.SheetSpec) -> list[list[Any]]:
    """Rows of ``spec`` filled from ``data`` (in the schema's column order)."""
    if data is None:
        return []
    key = spec.key
    if key == "teams":
        return [[t.name, t.leader_id, _label("rating", t.rating), t.note] for t in data.teams]
    if key == "staff":
        out = []
        for p in data.staff:
            d = p.disciplines[0] if p.disciplines and p.disciplines[0].source and \
                p.disciplines[0].source.sheet == s.STAFF.name else None
            a = p.absence
            out.append([p.id, p.full_name, _label("gender", p.gender), p.birth_date, p.position, p.team,
                        p.recruited_date, p.sector_entry_date, _label("contract", p.contract_type),
                        a.maternity_months or None, a.sick_months or None, a.study_months or None,
                        a.unpaid_months or None, None if a.study_result_ok is None else _yes(a.study_result_ok),
                        _label("rating", p.rating), _label("discipline", d.level) if d else None,
                        d.decision_date if d else None, d.end_date if d else None, _yes(p.pending_discipline),
                        p.difficult_area_years or None, _yes(p.in_difficult_area_now),
                        p.study_military_years or None, _yes(p.outstanding_achievement), p.note,
                        p.hometown, p.residence, p.qualification, p.political_theory, p.academic_titles])
        return out
    names = {p.id: p.full_name for p in data.staff}
    if key == "registrations":
        return [["Tập thể" if r.is_team else "Cá nhân", r.subject, "" if r.is_team else names.get(r.subject, ""),
                 _label("title", r.title), r.date] for r in data.registrations]
    if key == "initiatives":
        return [[i.staff_id, names.get(i.staff_id, ""), i.name, _label("initiative_kind", i.kind),
                 _label("level", i.level), i.decision_no, i.decision_date, i.school_year] for i in data.initiatives]
    if key == "achievements":
        return [[a.staff_id, names.get(a.staff_id, ""), a.description, _label("achievement_kind", a.kind),
                 _label("level", a.level), a.decision_no, a.decision_date, a.issuer, a.school_year]
                for a in data.achievements]
    if key == "history":
        return [[h.subject, "" if h.is_team else names.get(h.subject, ""), h.school_year, _label("rating", h.rating),
                 _label("title", h.title), h.decision_no, h.decision_date, h.issuer] for h in data.history]
    if key == "discipline":
        return [[p.id, p.full_name, _label("discipline", d.level), d.decision_no, d.decision_date, d.end_date]
                for p in data.staff for d in p.disciplines
                if not (d.source and d.source.sheet == s.STAFF.name)]
    if key == "council":
        return [[c.name, c.staff_id, _label("role", c.role), "Có mặt" if c.present else "Vắng", c.absence_reason,
                 _yes(c.written_opinion), c.counting_role] for c in data.council]
    if key == "overrides":
        return [[o.key, o.value, _label("override_level", o.level), o.citation, o.note] for o in data.overrides]
    if key == "rounds":
        out = []
        for rnd in data.rounds:
            for i, c in enumerate(rnd.candidates):
                out.append([_label("title", rnd.title), c, names.get(c, ""), rnd.max_choices if i == 0 else None,
                            rnd.issued if i == 0 else None])
        return out
    if key in ("ballots", "ballots_second"):
        ballots = data.ballots if key == "ballots" else (data.ballots_second or [])
        cands = _ballot_candidates(data, key)
        return [[b.number, _label("title", b.title), _label("ballot_source", b.source_kind),
                 "Có" if b.declared_invalid else None, b.declared_reason or None]
                + [_MARK_TEXT[b.marks.get(c, Mark.BLANK).value]
                   for c in cands] for b in ballots]
    return scoring_rows(data, spec)  # the optional sheets of the year's emulation


def render_docs() -> str:
    """docs/workbook.md, generated from the schema (a test keeps the committed file equal to this)."""
    out = [
        "# Sổ tính chuẩn thidua_xl",
        "",
        "*This file is generated from `thidua_xl/workbook/schema.py` by `python workbooks/make_workbooks.py`; "
        "it documents every sheet, column, accepted value and accepted alias of the standard workbook. "
        "Do not edit by hand.*",
        "",
        "Tạo sổ tính trống: `thidua init truong.xlsx`. Tên trang và tiêu đề cột so khớp không phân biệt hoa "
        "thường, khoảng trắng thừa và dạng Unicode (NFC/NFD); các tên khác được chấp nhận ghi ở cột cuối.",
        "Dòng tiêu đề có thể nằm dưới vài dòng tiêu đề phụ hoặc ô gộp; cột thừa được bỏ qua; ngày có thể gõ "
        "dạng chữ dd/mm/yyyy; số có thể lưu dạng chữ (dấu phẩy thập phân được chấp nhận).",
        "",
        "Mỗi cột số và cột ngày có **khoảng hợp lý** (cột 'Giá trị chấp nhận'): giá trị ngoài khoảng là lỗi, "
        "ghi rõ trang, dòng, cột. Một năm đứng riêng (`2015`, kể cả gõ vào ô định dạng ngày) hay chỉ tháng/năm "
        "(`9/2015`) không phải là ngày: hãy ghi đủ ngày/tháng/năm. Ô hiện lỗi Excel (`#DIV/0!`, `#N/A`, `#REF!`, "
        "`#VALUE!`, `#NAME?`...) là lỗi, không bị coi là ô trống. Ngày chỉ đọc được theo kiểu Mỹ tháng/ngày/năm "
        "(`09/14/1978`) là lỗi; khi một cột có ngày như vậy, mọi ngày khác trong cột có thể đảo ngày và tháng "
        "(`03/04/1978`) đều được cảnh báo.",
        "",
    ]
    for spec in s.INPUT_SHEETS:
        out.append(f"## {spec.name}" + ("" if spec.required else " (không bắt buộc)"))
        out.append("")
        out.append(spec.help)
        if spec.aliases:
            out.append("")
            out.append("Tên trang khác được chấp nhận: " + ", ".join(f"`{a}`" for a in spec.aliases) + ".")
        out.append("")
        if spec.layout == "keyvalue":
            out.append("Bố cục: cột A là tên mục, cột B là giá trị.")
            out.append("")
        out.append("| Cột | Bắt buộc | Kiểu | Giá trị chấp nhận | Ví dụ | Tên khác được chấp nhận |")
        out.append("|---|---|---|---|---|---|")
        for col in spec.columns:
            desc = _kind_text(col) + (f" — {col.help}" if col.help else "")
            out.append(f"| {col.header} | {'có' if col.required else ''} | {desc} | {_choices_text(col)} | "
                       f"{col.example} | {', '.join(col.aliases)} |")
        if spec.layout == "ballots":
            out.append("")
            out.append("Sau các cột trên, **mỗi cột là một ứng viên** (tiêu đề = Mã CB, họ tên đúng như trang Cán bộ, "
                       "hoặc tên tổ).")
        out.append("")
    out.append("## Dấu trên phiếu bầu")
    out.append("")
    out += [f"- {v}" for v in s.MARKS.values()]
    out.append("- Mọi dấu khác (ví dụ `?`, `x?`, `2`) là **không đọc được**: phiếu bị tính không hợp lệ, có lý do.")
    out.append("")
    out.append("Các giá trị được chấp nhận: " + ", ".join(f"`{k}`" for k in s.MARK_ALIASES if k) + ".")
    out.append("")
    out.append("## Trang kết quả (do thidua_xl ghi, trong tệp `<tên>_ketqua.xlsx`)")
    out.append("")
    out += [f"- {name}" for name in s.RESULT_SHEETS.values()]
    out.append("")
    return "\n".join(out)
