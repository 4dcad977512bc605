"""The plan's calendar as an iCalendar file (RFC 5545) that a phone, Outlook or Google Calendar imports.

One all-day VEVENT per row of "Lịch thi đua": DTSTART the "Từ ngày" (the deadline when there is none), DTEND the
day after the deadline (all-day ends are exclusive, so the event covers the deadline), SUMMARY the task,
DESCRIPTION who does it. The UID is a hash of the row's content and the school, so importing the file again
updates the same events instead of adding copies. Rows without any date are left out. Written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from thidua_xl.core.model import CalendarTask
from thidua_xl.fileio import write_atomic
from thidua_xl.messages import t

PRODID = "-//thidua_xl//Lich thi dua//VI"


def event_uid(task: CalendarTask, school: str) -> str:
    """Stable across runs and machines: the same row of the same school gives the same UID."""
    text = "\x1f".join([school, task.task, task.who, task.start.isoformat() if task.start else "",
                        task.due.isoformat() if task.due else ""])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32] + "@thidua-xl"


def ics_bytes(tasks: Sequence[CalendarTask], school: str = "", school_year: str = "",
              stamp: dt.datetime | None = None) -> tuple[bytes, int]:
    """(the .ics file, the number of events). ``stamp``: DTSTAMP (default: now, UTC)."""
    from icalendar import Calendar, Event  # start-up time: icalendar only when a calendar is exported

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("calendar.ics_name", school=school or "", year=school_year or "").replace("  ", " "))
    now = stamp or dt.datetime.now(dt.timezone.utc)
    n = 0
    for task in tasks:
        first = task.start or task.due
        last = task.due or task.start
        if first is None or last is None:
            continue
        if last < first:
            first = last
        ev = Event()
        ev.add("uid", event_uid(task, school))
        ev.add("dtstamp", now)
        ev.add("dtstart", first)
        ev.add("dtend", last + dt.timedelta(days=1))
        ev.add("summary", task.task)
        if task.who:
            ev.add("description", t("calendar.ics_who", who=task.who))
        ev.add("transp", "TRANSPARENT")
        if task.done:
            ev.add("status", "CONFIRMED")
        cal.add_component(ev)
        n += 1
    return cal.to_ical(), n


def write_ics(tasks: Sequence[CalendarTask], path: str | os.PathLike[str], school: str = "",
              school_year: str = "") -> tuple[Path, int]:
    data, n = ics_bytes(tasks, school, school_year)
    target = Path(path)
    write_atomic(target, data)
    return target, n
