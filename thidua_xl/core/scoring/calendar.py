"""The plan's calendar: what is overdue, what falls due within N days, and the registration and dossier
deadlines that the checks use.

A task is the registration deadline when its "Loại việc" says so ("Đăng ký", any case or accents), or, when
no task has a kind, when its text names registration ("đăng ký"); the dossier deadline likewise with "hồ sơ".
Among several such tasks the latest deadline is the one checked (a school that gives two rounds of
registration means the last). A registration dated after that deadline is a warning at its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from thidua_xl.core.model import CalendarTask, Registration
from thidua_xl.text import strip_diacritics

DUE_SOON_DAYS = 7  # default of `--ngay N`: a display setting of the reminder, not a rule
_REGISTRATION = "dang ky"
_DOSSIER = "ho so"


def _folded(text: str) -> str:
    return strip_diacritics(text).casefold()


@dataclass(frozen=True, slots=True)
class Due:
    """A task not done with its deadline against ``today``: ``days`` left (negative: overdue)."""

    task: CalendarTask
    days: int

    @property
    def overdue(self) -> bool:
        return self.days < 0


def reminders(tasks: Sequence[CalendarTask], today: dt.date, days: int = DUE_SOON_DAYS
              ) -> tuple[list[Due], list[Due]]:
    """(overdue, due within ``days`` days from ``today`` included), each by deadline; done tasks and tasks
    without a deadline are neither."""
    overdue: list[Due] = []
    soon: list[Due] = []
    for task in tasks:
        if task.done or task.due is None:
            continue
        left = (task.due - today).days
        if left < 0:
            overdue.append(Due(task, left))
        elif left <= days:
            soon.append(Due(task, left))
    key = lambda d: (d.task.due, d.task.task)  # noqa: E731
    return sorted(overdue, key=key), sorted(soon, key=key)


def _deadline(tasks: Sequence[CalendarTask], word: str) -> CalendarTask | None:
    with_kind = [t for t in tasks if t.kind]
    if with_kind:
        found = [t for t in with_kind if word in _folded(t.kind) and t.due is not None]
    else:
        found = [t for t in tasks if word in _folded(t.task) and t.due is not None]
    return max(found, key=lambda t: t.due, default=None)  # type: ignore[arg-type,return-value]


def registration_deadline(tasks: Sequence[CalendarTask]) -> CalendarTask | None:
    return _deadline(tasks, _REGISTRATION)


def dossier_deadline(tasks: Sequence[CalendarTask]) -> CalendarTask | None:
    return _deadline(tasks, _DOSSIER)


def late_registrations(registrations: Sequence[Registration], tasks: Sequence[CalendarTask]
                       ) -> tuple[CalendarTask | None, list[Registration]]:
    """(the registration deadline, the registrations dated after it)."""
    deadline = registration_deadline(tasks)
    if deadline is None or deadline.due is None:
        return deadline, []
    return deadline, [r for r in registrations if r.date is not None and r.date > deadline.due]


@dataclass(slots=True)
class CalendarStatus:
    """The calendar on ``today``: every task, what is overdue or due soon, and the deadlines the checks use."""

    tasks: list[CalendarTask]
    today: dt.date
    days: int
    overdue: list[Due]
    soon: list[Due]
    registration: CalendarTask | None  # the registration deadline
    late: list[Registration]  # registrations dated after it
    dossier: CalendarTask | None  # the dossier deadline


def calendar_status(tasks: Sequence[CalendarTask], registrations: Sequence[Registration], today: dt.date,
                    days: int = DUE_SOON_DAYS) -> CalendarStatus:
    overdue, soon = reminders(tasks, today, days)
    deadline, late = late_registrations(registrations, tasks)
    return CalendarStatus(list(tasks), today, days, overdue, soon, deadline, late, dossier_deadline(tasks))
