"""Snapshot every user-visible output, to show that a refactoring changed nothing.

    python benchmarks/compare_outputs.py snapshot DIR      # write the outputs of this checkout to DIR
    python benchmarks/compare_outputs.py compare DIR_A DIR_B  # exit 1 and list the files that differ

The workbooks: the demo workbook and a seeded synthetic school (300 staff), each under the regimes
2017, 2024 and 2025 (forced with the "Chế độ áp dụng" cell, the data unchanged). For each, through the
command line only (so the snapshot does not depend on the internal layout): ``check --json``, every
cell of the results workbook ``check`` and ``tally`` write, ``tally --json`` and the text (paragraphs,
tables, headers, footers) of every .docx ``report`` writes. For the demo workbook also the text of
``explain`` for every person and team and every title, and ``compare_regimes`` for the three pairs.
"""

from __future__ import annotations

import contextlib
import filecmp
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
REGIMES = ("2017", "2024", "2025")
INFO_SHEET = "Thông tin chung"
REGIME_LABEL = "Chế độ áp dụng"


def _with_regime(src: Path, dst: Path, regime: str) -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[INFO_SHEET]
    for row in ws.iter_rows(min_row=1):
        if row[0].value and str(row[0].value).startswith(REGIME_LABEL):
            row[1].value = regime
            break
    else:
        ws.append([REGIME_LABEL, regime])
    wb.save(dst)
    return dst


def _cli(argv: list[str]) -> tuple[int, str]:
    from thidua_xl.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            rc = main(argv)
        except SystemExit as exc:  # argparse
            rc = int(exc.code or 0)
    return rc, out.getvalue()


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lines = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else str(v) for v in row))
    return "\n".join(lines) + "\n"


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    lines: list[str] = []
    for section in doc.sections:
        for part in (section.header, section.footer):
            lines.extend(p.text for p in part.paragraphs)
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = []
                    for tc in tr.iterchildren():
                        if tc.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t")))
                    lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def _explain_all(path: Path, out: Path) -> None:
    import thidua_xl
    from thidua_xl.workbook.reader import read_workbook

    data = read_workbook(path)
    titles = ["LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_BO", "BK_TTG", "GIAY_KHEN", "KNC"]
    lines = []
    for p in data.staff:
        for title in titles:
            lines.append(str(thidua_xl.explain(data, p.id, title)))
    for team in data.teams:
        for title in ("TTLDTT", "TTLDXS"):
            lines.append(str(thidua_xl.explain(data, team.name, title)))
    (out / "explain.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    for a, b in (("2017", "2024"), ("2024", "2025"), ("2017", "2025")):
        cmp_ = thidua_xl.compare_regimes(data, a, b)
        (out / f"compare_{a}_{b}.txt").write_text(str(cmp_) + "\n", encoding="utf-8")


def snapshot(dest: Path) -> None:
    from gen_workbook import generate

    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_:
        tmp = Path(tmp_)
        sources = {"demo": ROOT / "workbooks" / "demo_thcs.xlsx",
                   "synth": generate(300, tmp / "synth.xlsx")}
        for name, src in sources.items():
            for regime in REGIMES:
                key = f"{name}_{regime}"
                out = dest / key
                out.mkdir(exist_ok=True)
                wb = _with_regime(src, tmp / f"{key}.xlsx", regime)
                rc, text = _cli(["check", str(wb), "--json", "--khong-ghi"])
                (out / "check.json").write_text(f"rc={rc}\n{text}", encoding="utf-8")
                results = tmp / f"{key}_ketqua.xlsx"
                rc, _ = _cli(["check", str(wb), "-o", str(results)])
                rc2, text = _cli(["tally", str(wb), "--json"])
                (out / "tally.json").write_text(f"rc={rc2}\n{text}", encoding="utf-8")
                rc3, _ = _cli(["tally", str(wb), "-o", str(results)])
                (out / "results.txt").write_text(f"rc={rc},{rc3}\n" + _xlsx_text(results), encoding="utf-8")
                docs = tmp / f"{key}_docs"
                rc, _ = _cli(["report", str(wb), "-o", str(docs)])
                (out / "report_rc.txt").write_text(f"rc={rc}\n", encoding="utf-8")
                for docx in sorted(docs.rglob("*.docx")):
                    (out / f"{docx.stem}.txt").write_text(_docx_text(docx), encoding="utf-8")
                if name == "demo":
                    _explain_all(wb, out)
                print(f"{key}: xong", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)


def compare(a: Path, b: Path) -> int:
    bad = []
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    for rel in sorted(names_a ^ names_b):
        bad.append(f"only in one: {rel}")
    for rel in sorted(names_a & names_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            bad.append(f"differs: {rel}")
    print("\n".join(bad) if bad else f"identical: {len(names_a)} files")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "snapshot":
        snapshot(Path(sys.argv[2]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "compare":
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        print(__doc__)
        sys.exit(2)
