"""The person-or-team lookup of "explain one case" (the explanation itself: :mod:`thidua_xl.views.explain`,
computed by :func:`thidua_xl.api.explain`)."""

from __future__ import annotations

from thidua_xl.core.subjects import resolve_subject


def _resolve_subject(subject: str, people: list[tuple[str, str]], teams: list[str]) -> tuple[str, bool]:
    """(key, is_team) for a staff ID, a full name, a team name or "ID - name" — the one resolver,
    :func:`thidua_xl.core.subjects.resolve_subject` (the reader resolves ballot headers with it too)."""
    return resolve_subject(subject, people, teams)
