"""Two processes for very large workbooks: a forked child checks the second half of the staff and
sends its verdicts back compactly (the distinct reasons once, then indexes); on any failure this
process checks that half itself, so the result is the same either way."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from thidua_xl import perf
from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import NO_FACTS, Context

T = m.Title
# Below this many staff a second process costs more than it saves (a performance setting, not law).
PARALLEL_MIN_STAFF = 20_000
# The share of the staff this process checks when two do: a little more than half, as the child also packs and
# sends its verdicts, which this process would otherwise wait for (a performance setting measured on the 50,000
# staff benchmark, not law).
PARENT_SHARE = 0.53
last_processes = 1  # how many processes the last check_school used (diagnostics and tests)
# A full check emits these person titles, in this order, for every person (as engine.people appends them).
PERSON_ORDER = (T.LDTT, T.CSTDCS, T.CSTD_TINH, T.CSTD_TQ, T.BK_TINH, T.BK_BO, T.BK_TTG, T.GIAY_KHEN, T.KNC)

People = Callable[..., tuple[list[Any], dict[str, bool], dict[str, bool]]]


def auto_processes(n_staff: int) -> int:
    if n_staff < PARALLEL_MIN_STAFF or os.environ.get("THIDUA_PROCESSES") == "1":
        return 1
    return 2 if (os.cpu_count() or 1) > 1 else 1


def can_fork() -> bool:
    """Forking is safe only on Linux with no other thread running (Jupyter kernels and Excel's UDF
    server have threads: they always check in one process)."""
    return perf.can_fork()


def own_records(data: m.SchoolData, staff: list[m.Staff]) -> m.SchoolData:
    """``data`` with only the records that the checks of ``staff`` and of the teams look up (each person's
    registrations, history, initiatives and achievements, every team's): what each of two processes indexes
    for its half, so that the indexing is split too. Staff, teams and everything else stay whole."""
    import dataclasses  # only a forked check splits its data (not every start-up)

    ids = {p.id for p in staff}
    return dataclasses.replace(
        data, registrations=[r for r in data.registrations if r.is_team or r.subject in ids],
        history=[h for h in data.history if h.is_team or h.subject in ids],
        initiatives=[i for i in data.initiatives if i.staff_id in ids],
        achievements=[a for a in data.achievements if a.staff_id in ids])


def people_in_two(build_context: Callable[[m.SchoolData], Context], data: m.SchoolData, half: int, want: set[T],
                  people: People) -> tuple[list[m.Verdict], dict[str, bool], dict[str, bool], Context]:
    """Check ``data.staff[half:]`` with ``people`` in a forked child while this process checks
    ``staff[:half]``, each over a context of its own half's records (:func:`own_records`, built by
    ``build_context``); the child sends its verdicts back compactly (reason table + indexes). If the child
    fails for any reason, this process checks the second half itself: the result is the same either way.
    Returns the verdicts, who passes LĐTT and CSTĐCS, and this process's context (the teams are checked
    with it: it holds every team's records)."""
    staff = data.staff
    second = staff[half:]

    def second_half() -> tuple[list[tuple[str, ...]], list[tuple[int, ...]], dict[int, str]]:
        reasons, _, _ = people(build_context(own_records(data, second)), second, want, None, build=False)
        return pack(reasons)

    pending = perf.forked(second_half)
    ctx = build_context(own_records(data, staff[:half]))
    verdicts, ldtt_ok, cstdcs_ok = people(ctx, staff[:half], want, None)
    try:
        packed = pending.result()
    except Exception:  # noqa: BLE001 - the child failed: this process checks that half below
        packed = None
    more = unpack(packed, second) if packed is not None else None
    if more is not None:
        for v in more:
            if v.title is T.LDTT:
                ldtt_ok[v.subject] = v.eligible
            elif v.title is T.CSTDCS:
                cstdcs_ok[v.subject] = v.eligible
    else:
        more, l2, c2 = people(build_context(own_records(data, second)), second, want, None)
        ldtt_ok.update(l2)
        cstdcs_ok.update(c2)
    verdicts.extend(more)
    return verdicts, ldtt_ok, cstdcs_ok, ctx


def pack(reason_lists: list[tuple[list[m.Reason], str]]
         ) -> tuple[list[tuple[str, ...]], list[tuple[int, ...]], dict[int, str]]:
    """(distinct reasons as field tuples, each verdict's reasons as indexes into them, the alternative met
    by verdict index where there is one)."""
    reason_ids: dict[int, int] = {}
    table: list[tuple[str, ...]] = []
    rows: list[tuple[int, ...]] = []
    bases: dict[int, str] = {}
    for n, (reasons, basis) in enumerate(reason_lists):
        if basis:
            bases[n] = basis
        ids = []
        for r in reasons:
            k = reason_ids.get(id(r))
            if k is None:
                k = reason_ids[id(r)] = len(table)
                table.append((r.code, r.message, r.citation, r.tag, r.param))
            ids.append(k)
        rows.append(tuple(ids))
    return table, rows, bases


def unpack(packed: tuple[list[tuple[str, ...]], list[tuple[int, ...]], dict[int, str]], staff: list[m.Staff]
           ) -> list[m.Verdict] | None:
    """The child's verdicts rebuilt (None when they do not fit ``staff``, so the caller recomputes)."""
    table, rows, bases = packed
    n = len(PERSON_ORDER)
    if len(rows) != n * len(staff):
        return None
    reasons = [m.Reason(*fields) for fields in table]
    # verdicts with the same reasons share one list, as the reasons themselves are shared (read-only)
    lists: dict[tuple[int, ...], list[m.Reason]] = {}
    out = []
    V = m.Verdict
    i = 0
    for p in staff:
        sid, name, team = p.id, p.full_name, p.team
        for title in PERSON_ORDER:
            ids = rows[i]
            found = lists.get(ids)
            if found is None:
                found = lists[ids] = [reasons[r] for r in ids]
            out.append(V(sid, name, title, not ids, found, (), NO_FACTS, False, team, bases.get(i, "")))
            i += 1
    return out
