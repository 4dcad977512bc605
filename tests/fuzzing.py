"""Hostile workbooks for the fuzz test (tests/test_fuzz.py) and the long run (benchmarks/fuzz_workbooks.py).

``mutate(tables, rng)`` changes the small standard workbook of :func:`test_reader.sheets` the way real
files and hostile users do: random values of random types in random cells (headers included), deleted
columns and rows, swapped, renamed and deleted sheets. ``run(path)`` reads it as every face does
(``api.read`` + check + tally, and the CLI's ``check``/``tally``) and returns what went wrong: an exception
that is not the project's :class:`~thidua_xl.errors.InputError`, an exit code 3, or an input file changed.
The generator only needs ``rng.random/randrange/choice`` (a ``random.Random``, or hypothesis' ``randoms()``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import io
import random
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import wbfactory

from thidua_xl import api, cli
from thidua_xl.errors import InputError
from thidua_xl.workbook import schema as s

# Values a secretary types (mostly valid: the data stays clean often enough for check and tally to run).
PLAUSIBLE: tuple[Any, ...] = (
    None, "", " ", "Có", "Không", "x", "1", "0", 1, 0, "HTXSNV", "HTTNV", "HTNV", "KHTNV", "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở", "Giấy khen", "Kỷ niệm chương", "Tập thể lao động tiên tiến", "Tổ Toán - Tin",
    "Tổ Ngữ văn", "GV001", "GV002", "GV003", "GV005", "01/09/2010", "15/07/2024", dt.date(2015, 9, 1),
    dt.datetime(2020, 5, 20), 3, 6, 0.5, "2,5", "6 tháng", "Cá nhân", "Tập thể", "Có mặt", "Vắng", "Nữ", "Nam",
    "2023-2024", "2024-2025", "Khiển trách", "Cảnh cáo", "Sáng kiến", "Cơ sở", "Cấp tỉnh", "Ủy viên", "Thư ký",
    "Tại cuộc họp", "đồng ý", "-", "Viên chức", "Trường",
)
# Values that broke the reader once, or could (issue 20), and their relatives.
HOSTILE: tuple[Any, ...] = (
    "2015", 2015, 1985.0, 1e308, -1e308, "1e100000000", "1e5000", "-1e-5000", 10**20, -1, -0.5, 13, 46, 2.5e9,
    "09/14/1978", "03/04/1978", "31/02/2024", "29/02/2023", "00/00/0000", "1/1/1", "ngày 5 tháng 9 năm 2024",
    "9/2015", "12345", "99999", "0001-0002", "9998-9999", "2024-2026", "2024–2025", "#DIV/0!", "#N/A", "#REF!",
    "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", '=HYPERLINK("http://x","y")', "=1/0", "=cmd|' /C calc'!A0",
    "+1", "@SUM(A1)", "-", "\t", "\n", "ＧＶ００１", unicodedata.normalize("NFD", "Nguyễn Thị Hồng"), "GV001 ",
    " gv001", "x" * 5000, "9" * 400, "0" * 40 + "1", "1/0", "1/3", "½", "٣", "𝟘", "🙂", "NaN", "inf", "-inf",
    dt.datetime(1900, 1, 1), dt.date(1899, 12, 31), dt.date(9999, 12, 31), dt.datetime(2025, 5, 25, 23, 59),
    True, False, "TRUE", "Mã CB", "Họ và tên", "Xếp loại", "Danh hiệu", "Thông tin chung", "Cán bộ", 0.1 + 0.2,
    "\u200bGV001", "GV\u00a0001", "Đ", "\u00d0", "'", '"', "<>&", "]]>", "\\", "%s", "{0}", "{value}",
)


# Values aimed at one kind of column (chosen by the column's header when the cell is under a known header).
FOR_KIND: dict[str, tuple[Any, ...]] = {
    "number": (2015, 1e308, -1e308, "1e100000000", "1e5000", "1E+400", -1, 46, 13, 12.5, "2,5", "1/0", "1/3",
               "6 tháng", "9" * 400, 10**30, 0.1 + 0.2, "12 năm", "-0"),
    "int": (2015, 1e308, "1e100000000", -1, 0, 10**30, 2.5, "3,0", "10001", "1e3"),
    "date": (2015, "2015", 1985.0, "9/2015", "09/14/1978", "03/04/1978", "14/09/1978", 1, 2, 1900, 2958465,
             2958466, 45000, "45000", dt.date(1900, 1, 1), dt.datetime(1905, 7, 7), dt.date(9999, 12, 31),
             "31/12/9999", "01/01/1800", "29/02/2024", "29/02/2023", "ngày 5 tháng 9 năm 2024", "5/9/24",
             "2024-09-05", "05.09.2024", "05/09/2024 08:00"),
}


def random_value(rng: Any, kind: str = "") -> Any:
    if kind in FOR_KIND and rng.random() < 0.4:
        return rng.choice(FOR_KIND[kind])
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(PLAUSIBLE)
    if roll < 0.85:
        return rng.choice(HOSTILE)
    kind = rng.randrange(5)
    if kind == 0:
        return rng.randrange(-10**6, 10**6)
    if kind == 1:
        return (rng.random() - 0.5) * 10 ** rng.randrange(0, 300)
    if kind == 2:
        return "".join(chr(rng.choice((rng.randrange(32, 127), rng.randrange(0xC0, 0x1EF9))))
                       for _ in range(rng.randrange(0, 30)))
    if kind == 3:
        return dt.date(1900, 1, 1) + dt.timedelta(days=rng.randrange(0, 2_900_000))
    return "/".join(str(rng.randrange(0, 40)) for _ in range(rng.randrange(1, 4))) + str(rng.randrange(0, 2100))


@dataclass
class Mutated:
    tables: dict[str, list[list[Any]]]
    steps: list[str] = field(default_factory=list)


def _kind(sheet: str, rows: list[list[Any]], r: int, c: int) -> str:
    """The kind of the column a cell is in (by the sheet's first row and the schema), or ""."""
    spec = s.sheet_lookup().get(s.header_key(sheet))
    if spec is None or not rows:
        return ""
    if spec.layout == "keyvalue":
        label = rows[r][0] if rows[r] else None
        col = s.column_lookup(spec).get(s.header_key(label)) if c == 1 and isinstance(label, str) else None
    else:
        head = rows[0][c] if c < len(rows[0]) else None
        col = s.column_lookup(spec).get(s.header_key(head)) if isinstance(head, str) else None
    return col.kind if col is not None else ""


def mutate(tables: dict[str, list[list[Any]]], rng: Any, n: int | None = None) -> Mutated:
    """``n`` (default 1–6) random changes to a deep copy of ``tables``; ``steps`` says what was done."""
    out = Mutated(copy.deepcopy(tables))
    t = out.tables
    for _ in range(rng.randrange(1, 7) if n is None else n):
        names = list(t)
        if not names:
            break
        op = rng.random()
        name = rng.choice(names)
        rows = t[name]
        if op < 0.7 or not rows:  # a value in a cell: mostly under the header, sometimes anywhere
            width = max((len(x) for x in rows), default=1)
            if len(rows) > 1 and width > 0 and rng.random() < 0.7:
                r, c = rng.randrange(1, len(rows)), rng.randrange(0, width)
            else:
                r, c = rng.randrange(0, len(rows) + 2), rng.randrange(0, max(width, 1) + 2)
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            while len(row) <= c:
                row.append(None)
            row[c] = random_value(rng, _kind(name, rows, r, c))
            out.steps.append(f"{name}!R{r + 1}C{c + 1} = {row[c]!r:.60}")
        elif op < 0.78 and max(map(len, rows)) > 0:  # a deleted column
            c = rng.randrange(0, max(map(len, rows)))
            for row in rows:
                if c < len(row):
                    del row[c]
            out.steps.append(f"{name}: column {c + 1} deleted")
        elif op < 0.84:  # a deleted or duplicated row
            r = rng.randrange(0, len(rows))
            if rng.random() < 0.5:
                del rows[r]
                out.steps.append(f"{name}: row {r + 1} deleted")
            else:
                rows.insert(r, list(rows[r]))
                out.steps.append(f"{name}: row {r + 1} duplicated")
        elif op < 0.92 and len(names) > 1:  # two sheets swapped (each under the other's name)
            other = rng.choice([x for x in names if x != name])
            t[name], t[other] = t[other], t[name]
            out.steps.append(f"sheets '{name}' and '{other}' swapped")
        elif op < 0.96:  # a sheet renamed: an alias, a near miss, or another sheet's name in any case
            new = rng.choice([*(a for spec in s.INPUT_SHEETS for a in spec.aliases), name.upper(), name + " ",
                              "Sheet1", "Kết quả xét"])
            if new not in t:
                t = out.tables = {(new if k == name else k): v for k, v in t.items()}
                out.steps.append(f"sheet '{name}' renamed '{new}'")
        else:
            del t[name]
            out.steps.append(f"sheet '{name}' deleted")
    return out


def write(path: Path, tables: dict[str, list[list[Any]]]) -> Path:
    """The tables as a real .xlsx (openpyxl: text starting with '=' becomes a formula, error texts error
    cells, as Excel saves them)."""
    return wbfactory.write(path, tables)


@dataclass
class Outcome:
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0
    clean: bool = False  # the read had no error: check and tally ran


def run(path: Path, cli_commands: tuple[str, ...] = ("check", "tally")) -> Outcome:
    """Read, check and tally ``path`` as the faces do; every failure that is not the user's located input
    error, every exit code 3 and any change to the input file is recorded."""
    out = Outcome()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    start = time.perf_counter()
    try:
        data = api.read(path)
        out.clean = not data.errors
        for p in data.problems:
            if not p.sheet or not p.message:
                out.failures.append(f"problem without a sheet or message: {p}")
        try:
            checked = api.check(data)
            api.tally(data, checked=checked)
        except InputError:
            pass
    except InputError:
        pass
    except Exception:  # noqa: BLE001 - the point: anything else is a defect
        out.failures.append(traceback.format_exc(limit=8))
    for command in cli_commands:
        buf_out, buf_err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(buf_out), contextlib.redirect_stderr(buf_err):
            try:
                code = cli.main([command, str(path), "--json", *(["--khong-ghi"] if command == "check" else [])])
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
        if code not in (0, 1, 2):
            out.failures.append(f"thidua {command}: exit {code}\n{buf_err.getvalue()[-2000:]}")
    out.seconds = time.perf_counter() - start
    if hashlib.sha256(path.read_bytes()).hexdigest() != before:
        out.failures.append("the input file changed")
    return out


def seeded(seed: int) -> random.Random:
    return random.Random(seed)
