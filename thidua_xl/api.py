"""The operations users run: read → rules → check → tally → report. The CLI, the ribbon, the worksheet
functions and Jupyter call these, and only these run the chain, so every face agrees by construction.

``source`` everywhere may be a path to a .xlsx file, an already-read :class:`SchoolData`, a mapping
``{sheet name: rows}``, or an object with a ``read_tables()`` method returning such a mapping (the Excel
"book" interface).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thidua_xl.core import authority, eligibility
from thidua_xl.core import tally as tally_mod
from thidua_xl.core.model import CheckResult, SchoolData, TallyResult, Title, Verdict
from thidua_xl.core.rules import RuleSet, ruleset_for
from thidua_xl.errors import InputError, RuleSetError
from thidua_xl.messages import t
from thidua_xl.perf import paused_gc
from thidua_xl.views.compare import RegimeComparison, comparison
from thidua_xl.views.explain import Explanation, check_kind, explain_result, resolve_subject, resolve_title
from thidua_xl.vocabulary import title_label
from thidua_xl.workbook import reader, schema

if TYPE_CHECKING:
    from thidua_xl.reports import DossierResult

Source = "str | os.PathLike[str] | SchoolData | Mapping[str, list[list[Any]]] | Any"

__all__ = [
    "InputError",
    "calendar",
    "check",
    "check_and_tally",
    "compare_regimes",
    "explain",
    "for_school_year",
    "read",
    "report",
    "require_clean",
    "resolve_title",
    "rollup",
    "ruleset",
    "score",
    "score_documents",
    "table_kind",
    "tally",
    "tally_council",
    "validate",
    "ward_documents",
]


def read(source: Any) -> SchoolData:
    """Read the standard workbook into core objects; problems are collected in ``.problems``."""
    if isinstance(source, SchoolData):
        return source
    if isinstance(source, (str, os.PathLike)):
        data = reader.read_workbook(Path(source))
    elif isinstance(source, Mapping):
        data = reader.read_tables(source)
    elif hasattr(source, "read_tables"):
        data = reader.read_tables(source.read_tables(), path=str(getattr(source, "fullname", "")))
    else:
        raise TypeError(f"Không đọc được nguồn dữ liệu kiểu {type(source).__name__}.")
    _rule_warnings(data)
    return data


def _rule_warnings(data: SchoolData) -> None:
    """Warnings that need the rule set (the regime is known only with it), added to ``data.problems``: a
    deciding level naming a district under a regime without districts (core/authority.py)."""
    try:
        rules = ruleset(data)
    except InputError:
        return  # no usable school year or regime: the reader has already said so
    data.problems.extend(authority.district_problems(data.info, rules))


def validate(source: Any) -> SchoolData:
    """Read and validate; the returned data carries every problem found (errors and warnings)."""
    return read(source)


def table_kind(rows: list[list[Any]], header_rows: int = 6) -> str | None:
    """Which standard sheet a bare range is (the worksheet functions get ranges, not sheets), from the
    header among its first ``header_rows`` rows: the best-matching sheet's name, or None."""
    best, best_score = None, 0
    rows = rows[:header_rows]
    for spec in schema.INPUT_SHEETS:
        if spec.layout == "keyvalue":
            lookup = schema.column_lookup(spec)
            score = sum(1 for r in rows if r and schema.header_key(reader.to_id(r[0])) in lookup) if rows else 0
        else:
            _, mapping, _, _ = reader.find_header(rows, spec)
            required = {c.key for c in spec.columns if c.required}
            score = len(mapping) + len(required & {c.key for c in mapping.values()})
        if score > best_score:
            best, best_score = spec, score
    if best is None or best_score < 2:
        return None
    return best.name


def for_school_year(data: SchoolData, school_year: str | None) -> SchoolData:
    """``data`` considered in another school year: a shallow copy with ``info.school_year`` replaced
    (the caller's data is never changed). Without a year, ``data`` itself."""
    if not school_year:
        return data
    return dataclasses.replace(data, info=dataclasses.replace(data.info, school_year=school_year))


def require_clean(data: SchoolData) -> None:
    """Raise :class:`InputError` when the data has errors (the operations below need clean data)."""
    if data.errors:
        raise InputError(t("common.has_errors", n=len(data.errors), path=data.path or "..."))


def ruleset(data: SchoolData | None, school_year: str | None = None, regime: str | None = None) -> RuleSet:
    """The rule set for the data, with the workbook's overrides: the regime of the consideration date,
    else of the council meeting date ("Thông tin chung"), else of the school year (or the one given);
    a forced ``regime`` (``--che-do``, or "Chế độ" in the workbook) wins. Without data: the rule set of
    ``school_year`` (or ``regime``)."""
    year = school_year or (data.info.school_year if data is not None else "")
    overrides = data.overrides if data is not None else None
    forced = regime or (data.info.regime if data is not None else None) or None
    info = data.info if data is not None else None
    try:
        return ruleset_for(year, overrides, forced, consideration_date=info.consideration_date if info else None,
                           meeting_date=info.meeting_date if info else None)
    except RuleSetError as exc:
        raise InputError(str(exc)) from None


def check(source: Any, school_year: str | None = None, regime: str | None = None, *,
          titles: set[Title] | None = None) -> CheckResult:
    """Eligibility of every person and team for every title (or only ``titles``), see
    :mod:`thidua_xl.core.eligibility`."""
    data = read(source)
    require_clean(data)
    data = for_school_year(data, school_year)
    return eligibility.check_school(data, ruleset(data, school_year, regime), titles=titles)


def tally(source: Any, school_year: str | None = None, regime: str | None = None,
          with_eligibility: bool = True, checked: CheckResult | None = None) -> TallyResult:
    """The council's secret-ballot tally (see :mod:`thidua_xl.core.tally`).

    ``checked`` is an eligibility result already computed for the same data (it is then reused);
    otherwise eligibility is computed here unless ``with_eligibility`` is false.
    """
    data = read(source)
    require_clean(data)
    data = for_school_year(data, school_year)
    rules = ruleset(data, school_year, regime)
    verdicts = checked
    if verdicts is None and with_eligibility:
        verdicts = eligibility.check_school(data, rules)
    result = tally_mod.tally_school(data, rules, verdicts)
    result.regime_choice = rules.choice
    return result


def check_and_tally(source: Any, school_year: str | None = None,
                    regime: str | None = None) -> tuple[CheckResult, TallyResult]:
    """:func:`check` then :func:`tally` reusing its verdicts: the two results of ``thidua check`` and
    ``thidua tally`` for one read of ``source``."""
    data = read(source)
    checked = check(data, school_year, regime)
    return checked, tally(data, school_year, regime, checked=checked)


def explain(source: Any, subject: str, title: Title | str, school_year: str | None = None,
            regime: str | None = None) -> Explanation:
    """Every criterion for one person (staff ID or full name) or one team and one title, with facts, rule
    values, citations and overrides.

    ``source`` is what :func:`check` accepts — then every criterion is evaluated and shown, passed or not —
    or an existing :class:`CheckResult` / :class:`Verdict` (then only what the result recorded).

    >>> e = thidua_xl.explain("workbooks/demo_thcs.xlsx", "GV005", "CSTDCS")   # doctest: +SKIP
    >>> print(e)                                                                # doctest: +SKIP
    """
    if isinstance(source, (CheckResult, Verdict)):
        return explain_result(source, subject, title)
    wanted = resolve_title(title)
    data = read(source)
    require_clean(data)
    data = for_school_year(data, school_year)
    rules = ruleset(data, school_year, regime)
    key, is_team = resolve_subject(subject, [(s.id, s.full_name) for s in data.staff],
                                   [tm.name for tm in data.teams])
    check_kind(key, is_team, wanted)
    verdict = eligibility.explain(data, rules, key, wanted)
    if verdict is None:
        raise InputError(t("nb.explain.no_verdict", subject=key, title=title_label(wanted)))
    return Explanation.from_verdict(verdict, data.info.school_year, rules.regime, rules)


def compare_regimes(source: Any, regime_a: str = "2024", regime_b: str = "2025",
                    school_year: str | None = None) -> RegimeComparison:
    """Check the same workbook under two regimes and list who changes verdict, and why. The workbook is
    read once.

    >>> cmp = thidua_xl.compare_regimes("workbooks/demo_thcs.xlsx", "2017", "2024")   # doctest: +SKIP
    >>> cmp.flips                                                                      # doctest: +SKIP
    """
    data = read(source)
    a = check(data, school_year=school_year, regime=str(regime_a))
    b = check(data, school_year=school_year, regime=str(regime_b))
    return comparison(a, b, str(regime_a), str(regime_b))


def report(source: Any, out_dir: str | os.PathLike[str] = "out", pdf: bool = False,
           templates: str | os.PathLike[str] | None = None, *, checked: CheckResult | None = None,
           tallied: TallyResult | None = None, bundle: bool = True,
           on_progress: Callable[[int, int], None] | None = None) -> DossierResult:
    """The nomination dossier as Word files (see :mod:`thidua_xl.reports`).

    ``checked``/``tallied`` are reused when already computed for the same data; otherwise the
    eligibility check and the tally run here. ``on_progress(done, total)`` follows the documents made.
    """
    from thidua_xl import reports  # start-up time: the dossier's modules only when a dossier is made

    data = read(source)
    require_clean(data)
    rules = ruleset(data)
    if checked is None:
        checked = eligibility.check_school(data, rules)
    if tallied is None:
        tallied = tally_mod.tally_school(data, rules, checked)
    return reports.build_dossier(data, rules, checked, tallied, Path(out_dir), pdf=pdf, templates=templates,
                                 bundle=bundle, on_progress=on_progress)


# ---------------------------------------------------------------- the level above the school (issue 16)

# Below this many school files one process reads them all (a second process costs more than it saves).
ROLLUP_PARALLEL_MIN = 6


def _rollup_school(path: str, entries: list[Any]) -> Any:
    """One school for the roll-up: read, check and tally exactly as ``thidua check`` / ``thidua tally`` do, then
    summarised (:func:`thidua_xl.core.rollup.summarize`). Never raises for a bad file: it is a located problem."""
    from thidua_xl.core import rollup as rollup_core  # start-up time: only the roll-up needs it

    with paused_gc():  # a school's records form no cycles: a collection would only walk them
        return _rollup_one(Path(path), entries, rollup_core)


def _rollup_one(p: Path, entries: list[Any], rollup_core: Any) -> Any:
    try:
        data = read(p)
    except (InputError, OSError) as exc:
        entry = rollup_core.match_school(entries, p.stem, "")
        return rollup_core.SchoolResult(p.name, entry.code if entry else "", entry.name if entry else p.stem,
                                        entry.group if entry else "", failed=str(exc))
    entry = rollup_core.match_school(entries, p.stem, data.info.school_name)
    try:
        checked = check(data)
        tallied = tally(data, checked=checked)
    except InputError as exc:
        return rollup_core.SchoolResult(p.name, entry.code if entry else "", data.info.school_name or p.stem,
                                        entry.group if entry else "", school_year=data.info.school_year,
                                        problems=list(data.problems), failed=str(exc))
    return rollup_core.summarize(data, checked, tallied, p.name, entry)


def _rollup_schools(files: list[Path], entries: list[Any], processes: int,
                    on_progress: Callable[[int, int], None] | None, meanwhile: Callable[[], None] | None = None
                    ) -> list[Any]:
    """Every school's :func:`_rollup_school`, in the order of ``files``; in ``processes`` processes. ``meanwhile()``:
    work of this process that needs no school, done once the other processes have started (it must not raise)."""
    n = len(files)
    out: list[Any] = [None] * n
    done = 0

    def land(i: int, school: Any) -> None:
        nonlocal done
        out[i] = school
        done += 1
        if on_progress is not None:
            on_progress(done, n)

    if processes <= 1 or n <= 1:
        if meanwhile is not None:
            meanwhile()
        for i, f in enumerate(files):
            land(i, _rollup_school(str(f), entries))
        return out
    from thidua_xl.perf import can_fork  # start-up time: only a roll-up of many schools uses processes

    # the largest files first, the smallest last: the processes end together (no one left with a big school)
    order = sorted(range(n), key=lambda i: -_size(files[i]))
    tasks = _task_pipe(order) if can_fork() else None
    if tasks is not None:
        _rollup_shared(files, entries, tasks, processes - 1, land, meanwhile)
    else:  # another thread runs (a progress bar on a terminal, Jupyter, Excel's UDF server): forking would copy
        import multiprocessing  # it unsafely; fresh processes instead. Start-up time: as above
        from concurrent.futures import ProcessPoolExecutor  # start-up time: as above

        chunk = max(1, min(4, n // (processes * 8)))  # a few schools per task: fewer round trips
        with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn")) as pool:
            schools = pool.map(_rollup_school, [str(files[i]) for i in order], [entries] * n, chunksize=chunk)
            if meanwhile is not None:
                meanwhile()
            for i, school in zip(order, schools):
                land(i, school)
    for i in range(n):
        if out[i] is None:  # a school a child took but never sent back (it died): done here, the same result
            land(i, _rollup_school(str(files[i]), entries))
    return out


def _task_pipe(order: list[int]) -> int | None:
    """The reading end of a pipe holding the indexes ``order`` (4 bytes each), its writing end closed: processes
    that read it to the end take each index once (a pipe read of 4 bytes is atomic). None when the pipe cannot hold
    them all (written without blocking: nobody reads it yet)."""
    import struct  # start-up time: only a roll-up of many schools uses processes

    tasks_r, tasks_w = os.pipe()
    payload = b"".join(struct.pack("=I", i) for i in order)
    try:
        _roomy(tasks_w)
        os.set_blocking(tasks_w, False)
        written = os.write(tasks_w, payload)
    except BlockingIOError:
        written = 0
    finally:
        os.close(tasks_w)
    if written < len(payload):
        os.close(tasks_r)
        return None
    return tasks_r


def _rollup_shared(files: list[Path], entries: list[Any], tasks_r: int, children: int,
                   land: Callable[[int, Any], None], meanwhile: Callable[[], None] | None = None) -> None:
    """The schools shared by this process and ``children`` forked children (everything imported, nothing sent
    to them): each process takes the next index from the pipe ``tasks_r`` (:func:`_task_pipe`) until it is empty,
    so they end together; a child sends each school back as it is done, and this process takes them in between
    its own (no school is pickled twice, none waits in a queue). A child that dies only loses the school it was
    on: the caller does it."""
    import struct  # start-up time: as above
    from multiprocessing.connection import Pipe, wait  # start-up time: as above

    def take() -> int | None:
        got = os.read(tasks_r, 4)
        return struct.unpack("=I", got)[0] if len(got) == 4 else None

    pids: list[int] = []
    conns: list[Any] = []
    try:
        for _ in range(children):
            receive, send = Pipe(duplex=False)
            _roomy(send.fileno())
            try:
                pid = os.fork()
            except OSError:  # no process to be had (a limit of the system): this process does the rest
                receive.close()
                send.close()
                break
            if pid == 0:  # child: take, do, send; leave without running this process's cleanup
                status = 1
                try:
                    for other in conns:
                        other.close()
                    receive.close()
                    while (i := take()) is not None:
                        send.send((i, _rollup_school(str(files[i]), entries)))
                    send.close()
                    status = 0
                finally:
                    os._exit(status)
            send.close()
            pids.append(pid)
            conns.append(receive)
        if meanwhile is not None:
            meanwhile()
        while (i := take()) is not None:
            land(i, _rollup_school(str(files[i]), entries))
            for c in wait(conns, timeout=0):
                _receive(c, conns, land)
        while conns:  # the children's last schools
            for c in wait(conns):
                _receive(c, conns, land)
    finally:
        for c in conns:
            c.close()
        for pid in pids:
            os.waitpid(pid, 0)
        os.close(tasks_r)


def _roomy(fd: int) -> None:
    """A pipe of 1 MiB (Linux's limit for anyone): it holds a few schools (a child seldom waits for this process)
    or the indexes of 250 000."""
    import fcntl  # start-up time: as above (only where forking is possible: Linux)

    try:
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (OSError, AttributeError):  # an older kernel, a lower limit: the default room
        pass


def _receive(conn: Any, conns: list[Any], land: Callable[[int, Any], None]) -> None:
    """One school a child sent; at the end of its pipe (the child is done, or died) the pipe is closed."""
    import pickle  # start-up time: as above

    try:
        land(*conn.recv())
    except (EOFError, OSError, pickle.UnpicklingError):
        conns.remove(conn)
        conn.close()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def rollup(inputs: Any, config: Any = None, *, deadline: Any = None, processes: int | None = None,
           on_progress: Callable[[int, int], None] | None = None, exclude: Any = (),
           on_schools: Callable[[Any], None] | None = None) -> Any:
    """Every school's workbook (files, or folders of ``*.xlsx``) read, re-checked under the regime of its own
    consideration date and tallied, then the checks across schools (:mod:`thidua_xl.core.rollup`).

    ``config``: the ward's workbook (its list of schools, the plan's registration deadline, the criteria for
    scoring schools) or None. ``deadline``: a date that replaces the workbook's deadline. ``processes``: 1 or 2
    (None: two when there are enough files and two cores). ``on_progress(done, total)`` follows the schools.
    ``exclude``: files of a folder that are not schools' workbooks (the output, the council's workbook).
    ``on_schools(result)``: called with the roll-up as soon as every school is done, before the checks across
    schools and the scoring fill in its problems and scores (``thidua gop`` starts writing the workbook there).
    """
    from thidua_xl.core import rollup as rollup_core  # start-up time: only the roll-up needs it
    from thidua_xl.workbook import rollup as rollup_io  # start-up time: only the roll-up needs it

    ward = rollup_core.WardConfig()
    tables: Mapping[str, Any] = {}
    if isinstance(config, rollup_core.WardConfig):
        ward = config
    elif config is not None:
        ward, tables = rollup_io.read_ward(config)
    if deadline is not None:
        ward.deadline = deadline
    items = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    skip = [*exclude, *([config] if isinstance(config, (str, os.PathLike)) else [])]
    files = rollup_io.list_inputs(items, exclude=[p for p in skip if p is not None])
    entries = list(ward.schools)
    n = len(files)
    if processes is None:
        processes = 2 if n >= ROLLUP_PARALLEL_MIN and (os.cpu_count() or 1) > 1 else 1

    def scoring(schools: list[Any]) -> tuple[list[Any], list[Any], Any]:
        """(problems, scores, rule: None without criteria) of the ward's scoring of schools."""
        def default_rule() -> Any:
            return rollup_core.ScoringRule.from_rules(_ward_rules(ward, schools))

        criteria, scores, rule, problems = rollup_io.read_scoring(tables, ward, default_rule)
        found = [rollup_core.RollupProblem(ward.path, "", p) for p in problems]
        if not criteria:
            return found, [], None
        rule = rule or default_rule()
        ranked, located = rollup_core.score_schools(criteria, scores, ward.schools, rule, ward.path)
        return found + located, ranked, rule

    early: list[Any] = []  # the scoring, or what it raised, done while the schools are read

    def meanwhile() -> None:
        try:
            early.append(scoring([]))
        except Exception as exc:  # noqa: BLE001 - raised where the scoring is otherwise done, after the schools
            early.append(exc)

    # the scoring needs no school when the ward's workbook dates its decision and names its school year (its rule
    # set is then that of the workbook, see _ward_rules): done by this process while another reads schools
    independent = ward.decision_date is not None and bool(ward.school_year)
    with paused_gc():  # every school's results are kept: a collection would only walk them all (no cycles)
        results = _rollup_schools(files, entries, processes, on_progress, meanwhile if independent else None)
        result = rollup_core.Rollup(results, ward)
        if on_schools is not None:
            on_schools(result)
        result.problems = [rollup_core.RollupProblem(ward.path, "", p) for p in ward.problems]
        result.problems += rollup_core.cross_checks(results, ward)
        scored = early[0] if early else scoring(results)
        if isinstance(scored, Exception):
            raise scored
        problems, result.scores, rule = scored
        result.problems += problems
        if rule is not None:
            result.scoring_rule = rule
    return result


def score(source: Any, school_year: str | None = None, regime: str | None = None, *,
          on_progress: Callable[[str], None] | None = None) -> Any:
    """Scoring through the year (issue 17): every person's and team's monthly, per-phase and yearly scores,
    bands, ranks, missing months and the suggested rating, see :mod:`thidua_xl.core.scoring` (a
    :class:`~thidua_xl.core.scoring.ScoringResult`). Bands: the "Xếp loại điểm" sheet, else ``scoring.bands``.

    >>> r = thidua_xl.api.score("workbooks/demo_diem.xlsx")          # doctest: +SKIP
    >>> r.person("GV001").suggested                                   # doctest: +SKIP
    """
    from thidua_xl.core import scoring  # start-up time: only `thidua diem` and its faces need it

    data = read(source)
    require_clean(data)
    data = for_school_year(data, school_year)
    rules = ruleset(data, school_year, regime)
    param = rules["scoring.bands"]
    bands = scoring.bands_from(data.score_bands, param.value, param.citation_text, param.tag_code)
    return scoring.score_school(data, bands, Fraction(rules.value("scoring.max_points")), on_progress)


def calendar(source: Any, today: dt.date | None = None, days: int | None = None) -> Any:
    """The plan's calendar on ``today`` (default: the real date): overdue tasks, tasks due within ``days``
    (default 7), the registration and dossier deadlines and the registrations dated after the first (a
    :class:`~thidua_xl.core.scoring.calendar.CalendarStatus`). Works on data with errors elsewhere."""
    from thidua_xl.core.scoring import calendar as cal  # start-up time: only the calendar's faces need it

    data = read(source)
    return cal.calendar_status(data.calendar, data.registrations, today or dt.date.today(),
                               cal.DUE_SOON_DAYS if days is None else days)


def tally_council(source: Any, rolled: Any = None, level: str = "ward") -> TallyResult:
    """The higher council's own secret-ballot tally (the ward's, or the province's for CSTĐ tỉnh/toàn quốc), by
    the same engine as a school's (:mod:`thidua_xl.core.rollup.council`).

    ``source``: the council's workbook in the standard format — "Thông tin chung", "Hội đồng TĐKT", "Danh sách
    bỏ phiếu", "Phiếu bầu"; the candidates are the roll-up's nominees as ``<mã trường>.<mã CB>`` (the sheets
    "Tổ", "Cán bộ", "Đăng ký thi đua" are made from ``rolled`` when absent). ``level``: "ward" (the rule set's
    thresholds) or "province" (``vote.higher_council.*``).
    """
    from thidua_xl.core import rollup as rollup_core  # start-up time: only the roll-up needs it
    from thidua_xl.workbook import rollup as rollup_io  # start-up time: only the roll-up needs it

    if level not in rollup_core.council.LEVELS:
        raise InputError(t("rollup.council.bad_level", level=level, levels=", ".join(rollup_core.council.LEVELS)))
    nominees = rolled.nominees() if rolled is not None else []
    if isinstance(source, (str, os.PathLike)):
        data = reader.read_tables(rollup_io.council_tables(source, nominees), path=str(source))
        _rule_warnings(data)
    else:
        data = read(source)
    require_clean(data)
    rules = rollup_core.council_rules(ruleset(data), level)
    verdicts = (rollup_core.council_verdicts(nominees, data.info.school_year, rules.regime)
                if rolled is not None else None)
    result = tally_mod.tally_school(data, rules, verdicts)
    result.regime_choice = rules.choice
    return result


def ward_documents(rolled: Any, out_dir: str | os.PathLike[str], council: TallyResult | None = None) -> Any:
    """The ward's documents from a roll-up (:mod:`thidua_xl.reports.ward`): the Quyết định công nhận and its
    list for the titles the ward decides, the tờ trình for the titles decided above, the summary per school —
    under the rule set of the decision date ("Ngày quyết định" of the ward's workbook; else the latest date a
    school was considered on), whose "Căn cứ" lines and deciding levels are those in force that day."""
    from thidua_xl.reports import ward  # start-up time: python-docx and Jinja2 only when documents are made

    return ward.build_ward_documents(rolled, _ward_rules(rolled.config, rolled.schools), out_dir, council)


def _ward_rules(config: Any, schools: Any) -> RuleSet:
    """The ward's rule set: that of its decision date ("Ngày quyết định" of the ward's workbook; else the latest
    date a school was considered on) and school year (else the first school's)."""
    dates = [s.considered_on for s in schools if s.considered_on is not None]
    on = config.decision_date or (max(dates) if dates else None)
    year = config.school_year or next((s.school_year for s in schools if s.school_year), "")
    try:
        return ruleset_for(year, consideration_date=on)
    except RuleSetError as exc:
        raise InputError(str(exc)) from None


def score_documents(source: Any, out_dir: str | os.PathLike[str], phases: Any = (), months: Any = (), *,
                    templates: str | os.PathLike[str] | None = None, scored: Any = None) -> Any:
    """The sơ kết of each phase in ``phases`` and the team-meeting table of each month in ``months`` (dates, first
    of the month) as Word files in ``out_dir`` (:mod:`thidua_xl.reports.scoring`); ``scored``: a result of
    :func:`score` for the same data, reused."""
    from thidua_xl.reports.scoring import build_scoring_documents  # start-up time: only these documents

    data = read(source)
    result = scored if scored is not None else score(data)
    return build_scoring_documents(data, result, out_dir, list(phases), list(months), templates)
