"""The project's error classes (the bottom layer: every layer may import this; it imports nothing)."""

from __future__ import annotations


class InputError(Exception):
    """Bad input the user can fix (message in Vietnamese). Faces show it without a traceback."""


class RuleSetError(ValueError):
    """A rule-set file is malformed, or an override cannot be applied."""
