"""Who a user meant: one person or team from what was typed (pure; built from staff and teams, no I/O).

Used by the workbook reader (ballot headers, the round list) and by ``explain`` (the subject argument), so
both accept the same spellings, tried in this order:

1. a staff ID exactly as on the Cán bộ sheet;
2. a team name (case-insensitive, NFC, stray spaces and a trailing ":" or "(*)" ignored);
3. a staff ID in another case ("gv001");
4. a full name folded the same way as team names — several people of that name give the list of their IDs;
5. "ID - name", "ID: name", "ID (name)": the ID before the separator.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from thidua_xl.core.model import Staff, Team
from thidua_xl.errors import InputError
from thidua_xl.messages import t
from thidua_xl.text import clean, header_key

_HEAD = re.compile(r"[\s\-–:(]+")


class Subjects:
    """The people (staff ID → full name) and teams one can name; lookups built on first use."""

    __slots__ = ("names", "_teams", "_ids_folded", "_by_name")

    def __init__(self, people: Iterable[tuple[str, str]] = (), teams: Iterable[str] = ()) -> None:
        self.names: dict[str, str] = {}  # staff ID → full name, first occurrence of an ID wins
        for sid, name in people:
            self.names.setdefault(sid, name)
        self._teams: dict[str, str] = {}  # folded team name → the name as given, first wins
        for team in teams:
            self._teams.setdefault(header_key(team), team)
        self._ids_folded: dict[str, str] | None = None
        self._by_name: dict[str, list[str]] | None = None

    @classmethod
    def of(cls, staff: Iterable[Staff], teams: Iterable[Team]) -> Subjects:
        """From the people and teams of a read workbook (their IDs and team names are unique)."""
        out = cls((), (tm.name for tm in teams))
        out.names = {p.id: p.full_name for p in staff}  # one comprehension: 50,000 people in a few ms
        return out

    def person(self, text: str) -> str | None:
        """The staff ID as listed (exact, else case-insensitive), or None."""
        if text in self.names:
            return text
        if self._ids_folded is None:
            self._ids_folded = {}
            for sid in self.names:
                self._ids_folded.setdefault(sid.casefold(), sid)
        return self._ids_folded.get(text.casefold())

    def team(self, text: str) -> str | None:
        """The team name as listed, or None."""
        return self._teams.get(header_key(text))

    def named(self, text: str) -> list[str]:
        """Staff IDs whose full name is ``text`` (folded), in list order."""
        if self._by_name is None:  # built on first use: most of what is typed is an ID
            self._by_name = {}
            for sid, name in self.names.items():
                self._by_name.setdefault(header_key(name), []).append(sid)
        return self._by_name.get(header_key(text), [])

    def find(self, text: str) -> tuple[str, bool] | list[str] | None:
        """``(staff ID or team name, is_team)``; the IDs when a full name is ambiguous; None when unknown."""
        if text in self.names:
            return text, False
        team = self.team(text)
        if team is not None:
            return team, True
        sid = self.person(text)
        if sid is not None:
            return sid, False
        ids = self.named(text)
        if ids:
            return (ids[0], False) if len(ids) == 1 else list(ids)
        head = _HEAD.split(text, maxsplit=1)[0]
        sid = self.person(head) if head and head != text else None
        return None if sid is None else (sid, False)


def resolve_subject(subject: str, people: Iterable[tuple[str, str]],
                    teams: Iterable[str]) -> tuple[str, bool]:
    """``(staff ID or team name, is_team)`` for what a user typed; :class:`InputError` (in Vietnamese) when
    it names nobody or several people."""
    raw = str(subject).strip()
    subjects = Subjects(people, teams)
    found = subjects.find(clean(raw))
    if isinstance(found, list):
        raise InputError(t("nb.explain.ambiguous_subject", subject=raw, ids=", ".join(sorted(found))))
    if found is None:
        example = min(subjects.names) if subjects.names else "GV001"
        raise InputError(t("nb.explain.unknown_subject", subject=raw, example=example))
    return found
