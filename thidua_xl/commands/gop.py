"""``thidua gop INPUTS... -o OUT.xlsx``: the ward (or Sở) rolls up every school's workbook."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from thidua_xl import api
from thidua_xl.cli import EXIT_INPUT, EXIT_OK, EXIT_WARN
from thidua_xl.commands._common import add_limit_argument, console, parse_day, phase, print_json, print_table
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.perf import forked, paused_gc
from thidua_xl.views import rollup as rollup_view
from thidua_xl.views import tally as tally_view
from thidua_xl.workbook import writer

NAME = "gop"
LEAVE_AT_ONCE = True  # everything is written and waited for when run returns (cli.program)
ORDER = 45
HELP = "Tổng hợp hồ sơ thi đua của các trường (roll up every school's workbook at the ward or Sở)"
DESCRIPTION = (
    "Đọc sổ tính chuẩn của mọi trường (các tệp hoặc thư mục .xlsx), xét lại từng trường bằng cùng bộ quy tắc theo "
    "chế độ của ngày xét của trường, kiểm phiếu, rồi kiểm tra chéo: một người được hai trường đề nghị, kiểm phiếu "
    "chưa được chứng nhận, người được đề nghị nhưng không đủ điều kiện, đăng ký sau hạn, trường chưa gửi. Ghi sổ "
    "tính tổng hợp; không sửa tệp của trường.\n"
    "Reads every school's standard workbook (files or folders of .xlsx), re-checks each under the regime of its "
    "own consideration date, tallies it, then checks across schools. Writes the roll-up workbook; the schools' "
    "files are never changed.\n\n"
    "Mã thoát (exit codes): 0 = xong (done); 1 = có vấn đề khi dùng --strict (problems found, with --strict); "
    "2 = dữ liệu hoặc tham số sai (bad input)."
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", type=Path, metavar="INPUTS",
                   help="sổ tính của các trường hoặc thư mục chứa chúng (school workbooks or folders)")
    p.add_argument("-o", "--ket-qua", dest="results", type=Path, default=None, metavar="OUT.xlsx",
                   help="sổ tính tổng hợp; mặc định tong_hop_ketqua.xlsx trong thư mục đầu tiên "
                        "(the roll-up workbook; default tong_hop_ketqua.xlsx in the first folder)")
    p.add_argument("--cau-hinh", dest="config", type=Path, default=None, metavar="WARD.xlsx",
                   help="sổ tính của phường/Sở: Thông tin chung, Danh sách trường, Tiêu chí chấm điểm, Điểm các "
                        "trường (the ward's workbook)")
    p.add_argument("--hoi-dong", dest="council", type=Path, default=None, metavar="COUNCIL.xlsx",
                   help="phiếu bầu của Hội đồng TĐKT cấp phường/tỉnh (the higher council's ballots)")
    p.add_argument("--cap-hoi-dong", dest="council_level", choices=("phuong", "tinh"), default="phuong",
                   help="Hội đồng cấp phường/xã (ngưỡng vote.threshold của bộ quy định) hoặc cấp tỉnh (CSTĐ tỉnh, "
                        "toàn quốc: ngưỡng vote.higher_council) (the council's level: ward or province)")
    p.add_argument("--ho-so", dest="dossier", type=Path, default=None, metavar="DIR",
                   help="thư mục ghi Quyết định, tờ trình, bảng tổng hợp và biểu đồ (folder for the ward's "
                        "documents and charts)")
    p.add_argument("--han-dang-ky", dest="deadline", type=parse_day, default=None, metavar="DD/MM/YYYY",
                   help="hạn đăng ký thi đua của kế hoạch, thay giá trị trong sổ tính của phường "
                        "(the plan's registration deadline)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON (print JSON)")
    p.add_argument("--strict", action="store_true",
                   help="mã thoát 1 khi có lỗi hoặc cảnh báo (exit 1 when any problem is found)")
    p.add_argument("--mot-tien-trinh", dest="one_process", action="store_true",
                   help="đọc các trường trong một tiến trình (read the schools in one process)")
    add_limit_argument(p)


def default_output(inputs: list[Path]) -> Path:
    first = inputs[0]
    folder = first if first.is_dir() else first.parent
    return folder / "tong_hop_ketqua.xlsx"


def _counter() -> Callable[[int, int], None] | None:
    """"Đang xét các trường 57/200" on the line :func:`phase` shows (a terminal only)."""
    if not sys.stderr.isatty():
        return None
    text = t("rollup.cli.progress")

    def step(done: int, total: int) -> None:
        sys.stderr.write(f"\r{text} {done}/{total}")
        sys.stderr.flush()

    return step


class _Cancelled(Exception):
    """The roll-up stopped (bad input) after its writer was started: nothing is written."""


_UNSENT: Any = object()


class _Writer:
    """The roll-up workbook's process, forked as soon as every school is done (``api.rollup``'s ``on_schools``):
    it makes the per-school and per-title sheets (the largest) while this process runs the checks across schools,
    the scoring and the higher council's tally, then receives those through a pipe (:meth:`send`) and writes the
    workbook. Where forking is unsafe it all runs at :meth:`result`, here (``perf.forked``); a forked process that
    is lost is redone here too, with what was sent (kept)."""

    def __init__(self, partial: Any, out: Path) -> None:
        self._r, self._w = os.pipe()
        self._rest: Any = _UNSENT
        self._open = True
        self._partial, self._out = partial, out
        self._pending = forked(self._write, partial, out)

    def _write(self, partial: Any, out: Path) -> Path:
        made = {"schools": rollup_view.schools_table(partial), "titles": rollup_view.titles_table(partial)}
        partial.problems, partial.scores, partial.scoring_rule, council = self._received()
        tables = rollup_view.to_tables(partial, made)
        if council is not None:
            tables += rollup_view.council_tables(council, partial.config.unit_name)
        return writer.write_results(tables, out)

    def _received(self) -> tuple[Any, ...]:
        if self._rest is not _UNSENT:  # here (not forked, or redone): what send kept
            if self._rest is None:
                raise _Cancelled
            return tuple(self._rest)
        import pickle  # start-up time: only a forked writer pickles

        os.close(self._w)  # the forked process: its copy of the writing end, so that the pipe ends when sent
        chunks = []
        while chunk := os.read(self._r, 1 << 20):
            chunks.append(chunk)
        if not chunks:
            raise _Cancelled
        return tuple(pickle.loads(b"".join(chunks)))

    def send(self, rest: tuple[Any, ...] | None) -> None:
        """The roll-up's problems, scores, scoring rule and council tally to the writer (None: stop, write
        nothing)."""
        import pickle  # start-up time: as above

        if not self._open:
            return
        self._open = False
        self._rest = rest
        try:
            if rest is not None:
                data = memoryview(pickle.dumps(rest, protocol=pickle.HIGHEST_PROTOCOL))
                while data:
                    data = data[os.write(self._w, data):]
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass  # the forked process is gone, or the rest cannot be pickled: written here (see result)
        finally:
            os.close(self._w)
            os.close(self._r)

    def result(self) -> Path:
        """The workbook written (waited for): its path. Raises what writing it raised."""
        try:
            return self._pending.result()
        except _Cancelled:  # the forked process did not get the rest (it could not be pickled): written here
            if self._rest is None:
                raise
            return self._write(self._partial, self._out)

    def cancel(self) -> None:
        """The roll-up ended without output (bad input): the writer stops, writes nothing, and is waited for."""
        if self._open:
            self.send(None)
            try:
                self._pending.result()
            except _Cancelled:
                pass


def _print_text(result: Any, written: Path, limit: int) -> None:
    con = console()
    titles = rollup_view.titles_in(result)
    rows, styles = [], []
    for s in result.schools:
        rows.append([s.code, s.name, s.regime, s.staff,
                     ", ".join(f"{rollup_view.short(tt)} {s.eligible[tt]}" for tt in titles if s.eligible.get(tt)),
                     ", ".join(f"{rollup_view.short(tt)} {s.proposed[tt]}" for tt in titles if s.proposed.get(tt)),
                     rollup_view.certification(s), s.errors or ""])
        styles.append("red" if s.failed or s.certified is False else "")
    print_table(t("rollup.cli.schools", n=len(result.schools)),
                ["Mã", "Trường", "Chế độ", "CB", "Đủ điều kiện", "Đề nghị", "Kiểm phiếu", "Lỗi"], rows, styles,
                limit=limit, where=t("common.rows_shown_where_file", sheet=rollup_view.SHEETS["schools"], path=written))
    prows = [["Lỗi" if p.problem.severity == "error" else "Cảnh báo", p.school, p.file, p.problem.sheet,
              p.problem.row or "", p.problem.message] for p in result.problems]
    if prows:
        print_table(t("rollup.cli.problems", n=len(prows)), ["Mức", "Mã trường", "Tệp", "Trang", "Dòng", "Nội dung"],
                    prows, ["red" if r[0] == "Lỗi" else "yellow" for r in prows], limit=limit,
                    where=t("common.rows_shown_where_file", sheet=rollup_view.SHEETS["cross"], path=written))
    else:
        con.print(t("rollup.view.cross_clean"))
    con.print(t("rollup.cli.totals", staff=sum(s.staff for s in result.schools),
                eligible=", ".join(f"{rollup_view.short(tt)} {result.total_eligible(tt)}" for tt in titles) or "—",
                proposed=", ".join(f"{rollup_view.short(tt)} {result.total_proposed(tt)}" for tt in titles) or "—"))


def run(args: argparse.Namespace) -> int:
    out = args.results or default_output(args.inputs)
    started: list[_Writer] = []

    def start(partial: Any) -> None:
        if partial.schools:
            started.append(_Writer(partial, out))

    try:
        # a counter on the notice line, not a progress bar: a bar's thread would keep the schools from being shared
        # with a forked process (api.rollup forks only when no other thread runs)
        with phase(t("rollup.cli.progress")):
            result = api.rollup(args.inputs, args.config, deadline=args.deadline,
                                processes=1 if args.one_process else None, on_progress=_counter(),
                                exclude=[out, args.council], on_schools=start)
        if not result.schools:
            raise InputError(t("rollup.cli.no_files", inputs=", ".join(str(p) for p in args.inputs)))
        if not started:  # api.rollup did not call back (a stand-in for it): the writer starts now
            start(result)
        with paused_gc():  # the outputs build rows, cells and pieces of text, no cycles: a collection would only
            return _output(args, result, out, started[0])  # walk them and every school's results
    except InputError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_INPUT
    finally:
        for w in started:  # stopped before its workbook was sent its last sheets: it writes nothing
            w.cancel()


def _output(args: argparse.Namespace, result: Any, out: Path, writing: _Writer) -> int:
    council = None
    if args.council is not None:
        council = api.tally_council(args.council, result, "province" if args.council_level == "tinh" else "ward")
    # the roll-up workbook is written by a second process, started when the schools were done, while this one made
    # the checks across schools and the council's tally (sent to it now), makes the documents and prints (where
    # forking is safe; else at .result(), here); the command ends only when it is written
    writing.send((result.problems, result.scores, result.scoring_rule, council))
    try:
        docs = api.ward_documents(result, args.dossier, council) if args.dossier is not None else None
        if args.json:
            doc = rollup_view.to_json(result)
            if council is not None:
                doc["hoi_dong_cap_tren"] = tally_view.to_json(council)
            print_json(doc)
        else:
            _print_text(result, out, args.limit)
    finally:
        written = writing.result()
    if args.json:
        print(t("rollup.cli.written", path=written), file=sys.stderr)
        if docs is not None:
            print(t("rollup.cli.documents", n=len(docs.files), charts=len(docs.charts), path=docs.out_dir), file=sys.stderr)
    else:
        console().print(t("rollup.cli.written", path=written))
        if council is not None:
            for line in tally_view.summary_lines(council):
                console().print(line)
        if docs is not None:
            console().print(t("rollup.cli.documents", n=len(docs.files), charts=len(docs.charts), path=docs.out_dir))
    problems = bool(result.problems) or any(s.problems for s in result.schools)
    return EXIT_WARN if args.strict and problems else EXIT_OK
