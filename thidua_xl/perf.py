"""Small performance helpers shared by the core."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a block builds many small objects.

    Reading a workbook, checking a school and building a result table create tens of thousands of
    records that form no reference cycles; a full collection in the middle would only walk them all
    (and every cell the caller holds), which made the same call take 35 or 60 ms at random. Reference
    counting still frees everything as usual; the collector resumes (if it was on) when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def without_gc(fn: F) -> F:
    """Decorator form of :func:`paused_gc`."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with paused_gc():
            return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def can_fork() -> bool:
    """Forking is safe only on Linux with no other thread running (Jupyter kernels and Excel's UDF server have
    threads; so does a progress bar while it shows)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Pending:
    """What :func:`forked` started: :meth:`result` waits for it and returns its value (or raises its error)."""

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], pid: int = 0, fd: int = -1) -> None:
        self._fn, self._args, self._pid, self._fd = fn, args, pid, fd
        self._done = False
        self._value: Any = None

    def result(self) -> Any:
        if self._done:
            return self._value
        self._done = True
        if not self._pid:  # not forked: run it here, now
            self._value = self._fn(*self._args)
            return self._value
        import pickle  # only a forked step pickles (not every start-up)

        try:
            with os.fdopen(self._fd, "rb") as fh:
                payload = fh.read()
        finally:  # also when interrupted (Ctrl-C) while waiting: the child is waited for, never left a zombie
            _, status = os.waitpid(self._pid, 0)
        if status != 0 or not payload:  # the child died (killed, out of memory): do the work here
            self._value = self._fn(*self._args)
            return self._value
        ok, value = pickle.loads(payload)
        if not ok:
            raise value
        self._value = value
        return value


def forked(fn: Callable[..., Any], *args: Any) -> Pending:
    """Start ``fn(*args)`` in a forked child, so that this process goes on with other work (printing while
    the results workbook is written); ``.result()`` waits for it. The child gets a copy of everything, sends
    back only the value (or the exception) pickled, and leaves without running this process's cleanup. Where
    forking is unsafe (not Linux, or another thread runs: Jupyter, Excel's UDF server, a progress bar) or
    fails, ``fn`` runs at ``.result()`` in this process: the outcome is the same either way. ``fn`` must
    not write to this process's standard streams."""
    if not can_fork():
        return Pending(fn, args)
    try:
        r, w = os.pipe()
        pid = os.fork()
    except OSError:
        return Pending(fn, args)
    if pid == 0:  # child: compute, send, leave
        status = 1
        try:
            import pickle  # as above

            os.close(r)
            try:
                out: tuple[bool, Any] = (True, fn(*args))
            except BaseException as exc:  # noqa: BLE001 - sent to the parent, which raises it
                out = (False, exc)
            try:
                payload = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that cannot be pickled: the parent redoes the work
                payload = b""
            with os.fdopen(w, "wb") as fh:
                fh.write(payload)
            status = 0 if payload else 1
        finally:
            os._exit(status)
    os.close(w)
    return Pending(fn, args, pid, r)


# What the commands built, kept until the process ends, when the `thidua` program ends it at once after a command
# (see :func:`leave_at_once`); None otherwise (a test, Jupyter, Excel: everything is freed as usual).
_kept: list[Any] | None = None


def leave_at_once() -> None:
    """The `thidua` program is about to run a command that declares ``LEAVE_AT_ONCE``: the cyclic collector is
    off for the rest of the process (the command builds no cycles) and what it keeps (:func:`keep_until_exit`)
    is not torn down object by object: the program ends the process as soon as the command returns and its
    output is flushed."""
    global _kept
    _kept = []
    gc.disable()


def leaving() -> bool:
    return _kept is not None


def keep_until_exit(*objects: Any) -> None:
    """Hold ``objects`` (a school's data, its verdicts) until the process ends, when it ends at once: freeing
    millions of small objects one by one takes longer than the exit itself. Elsewhere, nothing."""
    if _kept is not None:
        _kept.extend(objects)
