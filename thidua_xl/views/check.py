"""Eligibility results as people and programs read them: the JSON of ``thidua check --json`` and the
result sheets "Kết quả xét" and "Danh hiệu tập thể"."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.rules import tag_code_of
from thidua_xl.messages import t
from thidua_xl.views.table import ResultTable
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook.schema import RESULT_SHEETS

T = m.Title

def reason_json(r: m.Reason) -> dict[str, str]:
    """A reason for programs: its code, sentence and citation; the confidence as a code (``do_tin_cay``:
    VERIFIED … LOCAL, OVERRIDDEN) and in Vietnamese (``muc_tin_cay``)."""
    return {**r.as_dict(), "do_tin_cay": tag_code_of(r.tag), "muc_tin_cay": r.tag}


def reason_text(r: m.Reason) -> str:
    """A reason as a results sheet shows it: the sentence, then the confidence of its rule in Vietnamese
    when the rule is not verified ("… [chưa kiểm chứng]")."""
    return f"{r.message} [{r.tag}]" if r.tag and tag_code_of(r.tag) != "VERIFIED" else r.message


def to_json(result: m.CheckResult) -> dict[str, Any]:
    # "dat_theo": the alternative met (Bằng khen tỉnh/Bộ), only on the verdicts that have one
    people = [{"ma": v.subject, "ho_ten": v.name, "danh_hieu": v.title.value, "du_dieu_kien": v.eligible,
               "ly_do": [reason_json(r) for r in v.reasons], **({"dat_theo": v.basis} if v.basis else {})}
              for v in result.people]
    teams = [{"to": v.subject, "danh_hieu": v.title.value, "du_dieu_kien": v.eligible,
              "ly_do": [reason_json(r) for r in v.reasons]} for v in result.teams]
    return {"nam_hoc": result.school_year, "che_do": result.regime, "che_do_theo": regime_basis(result.rules),
            "ca_nhan": people, "tap_the": teams}


def iter_json(result: m.CheckResult, batch: int = 2000) -> Iterator[bytes]:
    """:func:`to_json` as compact JSON (no whitespace) in UTF-8, in pieces of about ``batch`` verdicts, made as
    they are written: the same keys and values in the same order, each value encoded by the C encoder, no tree
    of dicts for the whole school. The engine shares reasons (and the reason lists of verdicts that fail alike):
    each distinct reason is encoded once, and each distinct verdict tail (title, outcome, reasons, alternative
    met) once, so a verdict costs one concatenation of bytes."""
    enc: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str).encode
    reasons: dict[int, str] = {}  # id of a shared Reason -> its JSON (every reason stays alive meanwhile)
    yes_no = {True: '"du_dieu_kien":true,', False: '"du_dieu_kien":false,'}
    titles = {x: f'"danh_hieu":{enc(x.value)},' for x in m.Title}

    def tail(v: m.Verdict, basis: bool = True) -> bytes:
        out = []
        for r in v.reasons:
            text = reasons.get(id(r))
            if text is None:
                text = reasons[id(r)] = enc(reason_json(r))
            out.append(text)
        return (titles[v.title] + yes_no[v.eligible] + '"ly_do":[' + ",".join(out) + "]"
                + (f',"dat_theo":{enc(v.basis)}}}' if basis and v.basis else "}")).encode()

    # a verdict's tail keyed by what it is made of: title, outcome, alternative met and the ids of its reasons
    # (every verdict, hence every reason, stays alive meanwhile: no id is reused)
    tails: dict[tuple[Any, ...], bytes] = {}
    yield (f'{{"nam_hoc":{enc(result.school_year)},"che_do":{enc(result.regime)},'
           f'"che_do_theo":{enc(regime_basis(result.rules))},"ca_nhan":[').encode()
    pieces: list[bytes] = []  # head, tail, "," of each verdict of the batch: joined once
    add = pieces.extend
    sep = b""  # "," before every batch but the first
    who: tuple[str, str] | None = None
    head = b""
    n = 0
    for v in result.people:
        if who != (v.subject, v.name):  # a person's verdicts come together: encode the name once
            who, head = (v.subject, v.name), f'{{"ma":{enc(v.subject)},"ho_ten":{enc(v.name)},'.encode()
        rs = v.reasons
        key = ((v.title, v.eligible, v.basis, id(rs[0])) if len(rs) == 1
               else (v.title, v.eligible, v.basis, *map(id, rs)))
        end = tails.get(key)
        if end is None:
            end = tails[key] = tail(v)
        add((head, end, b","))
        n += 1
        if n == batch:
            pieces.pop()
            yield sep + b"".join(pieces)
            sep, n = b",", 0
            pieces.clear()
    if pieces:
        pieces.pop()
    yield (sep if pieces else b"") + b"".join(pieces) + b'],"tap_the":['
    yield b",".join(f'{{"to":{enc(v.subject)},'.encode() + tail(v, False) for v in result.teams) + b"]}"


def regime_basis(source: object) -> dict[str, Any] | None:
    """``che_do_theo``: what decided the regime (the rule set's or the result's ``RegimeChoice``), or None."""
    choice = getattr(source, "choice", source)
    return choice.as_dict() if choice is not None and hasattr(choice, "as_dict") else None


def short_reason(v: m.Verdict) -> str:
    if v.eligible:
        return t("elig.eligible_by", basis=v.basis) if v.basis else "Đủ"
    return "Không đủ: " + "; ".join(reason_text(r) for r in v.reasons)


def to_tables(result: m.CheckResult) -> list[ResultTable]:
    titles = list(m.INDIVIDUAL_TITLES)
    column = {title: 3 + i for i, title in enumerate(titles)}
    # the engine shares Reason objects: each cell text is made once, keyed by the alternative met (eligible),
    # the id of the one reason, or the ids of the reasons (never alive at once with another object's id: every
    # verdict stays alive meanwhile)
    texts: dict[tuple[int, ...] | int | str, str] = {}
    blank = [""] * len(titles)
    # one row per person in the order first met (name and team from that first verdict), a column per title
    # (a title met twice: its last verdict), "" where a title has no verdict
    by_person: dict[str, list[object]] = {}
    who, row = None, blank
    for v in result.people:
        if v.subject != who:  # a person's verdicts come together: their row is looked up once
            who = v.subject
            row = by_person.get(who)  # type: ignore[assignment]
            if row is None:
                row = by_person[who] = [who, v.name, v.team, *blank]
        c = column.get(v.title)
        if c is not None:
            rs = v.reasons
            key = v.basis if v.eligible else id(rs[0]) if len(rs) == 1 else tuple(map(id, rs))
            found = texts.get(key)
            if found is None:
                found = texts[key] = short_reason(v)
            row[c] = found
    rows = list(by_person.values())
    people = ResultTable(
        RESULT_SHEETS["eligibility"], ["Mã CB", "Họ và tên", "Tổ"] + [title_label(tt) for tt in titles], rows,
        widths=[9, 24, 22] + [40] * len(titles),
        title=f"Kết quả xét điều kiện năm học {result.school_year} — chế độ {result.regime}",
        notes=[t("elig.table_note")],
    )
    trows: list[list[object]] = []
    hl: dict[int, str] = {}
    for i, v in enumerate(result.teams):
        trows.append([v.subject, title_label(v.title), "Đủ" if v.eligible else "Không đủ",
                      "; ".join(f"{r.message} ({r.citation}" + (f"; {r.tag})" if r.tag else ")")
                                for r in v.reasons)])
        hl[i] = "ok" if v.eligible else "bad"
    teams = ResultTable(RESULT_SHEETS["teams"], ["Tổ", "Danh hiệu", "Kết quả", "Lý do và căn cứ"], trows,
                          widths=[30, 28, 12, 100], title=f"Danh hiệu tập thể năm học {result.school_year}",
                          highlight=hl)
    return [people, teams]
