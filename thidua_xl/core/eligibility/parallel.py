"""Two processes for very large workbooks: a forked child checks the second half of the staff and
sends its verdicts back compactly (the distinct reasons once, then indexes); on any failure this
process checks that half itself, so the result is the same either way."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import NO_FACTS, Context

T = m.Title
# Below this many staff a second process costs more than it saves (a performance setting, not law).
PARALLEL_MIN_STAFF = 20_000
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
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def people_in_two(ctx: Context, staff: list[m.Staff], half: int, want: set[T], people: People
                  ) -> tuple[list[m.Verdict], dict[str, bool], dict[str, bool]]:
    """Check ``staff[half:]`` with ``people`` in a forked child while this process checks ``staff[:half]``;
    the child sends its verdicts back compactly (reason table + indexes). If the child fails for any
    reason, this process checks the second half itself: the result is the same either way."""
    import pickle  # only a forked check pickles (not every start-up)

    second = staff[half:]
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: compute, send, leave without running the parent's cleanup
        status = 1
        try:
            os.close(r)
            reasons, _, _ = people(ctx, second, want, None, build=False)
            payload = pickle.dumps(pack(reasons), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(w, "wb") as fh:
                fh.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(w)
    try:
        verdicts, ldtt_ok, cstdcs_ok = people(ctx, staff[:half], want, None)
    finally:
        with os.fdopen(r, "rb") as fh:
            payload = fh.read()
        _, status = os.waitpid(pid, 0)
    more = unpack(pickle.loads(payload), second) if status == 0 and payload else None
    if more is not None:
        for v in more:
            if v.title is T.LDTT:
                ldtt_ok[v.subject] = v.eligible
            elif v.title is T.CSTDCS:
                cstdcs_ok[v.subject] = v.eligible
    else:
        more, l2, c2 = people(ctx, second, want, None)
        ldtt_ok.update(l2)
        cstdcs_ok.update(c2)
    verdicts.extend(more)
    return verdicts, ldtt_ok, cstdcs_ok


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
    out = []
    V = m.Verdict
    for k, p in enumerate(staff):
        sid, name, team = p.id, p.full_name, p.team
        for i, (title, ids) in enumerate(zip(PERSON_ORDER, rows[k * n:(k + 1) * n]), k * n):
            out.append(V(sid, name, title, not ids, [reasons[r] for r in ids], (), NO_FACTS, False, team,
                         bases.get(i, "")))
    return out
