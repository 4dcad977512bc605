"""All user-facing text, in Vietnamese with full diacritics: one place for messages.

Each area has its own catalogue module (``common``, ``reader``, ``eligibility``, ``tally``, ``reports``,
``excel``, ``cli``) holding a ``MESSAGES`` dict of ``str.format`` templates with unique keys.
Use :func:`t`: ``t("reader.duplicate_id", id="GV001")``.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    merged: dict[str, str] = {}
    for mod in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        for key, text in getattr(module, "MESSAGES", {}).items():
            if key in merged:
                raise KeyError(f"message key defined twice: {key}")
            merged[key] = text
    return merged


def t(key: str, **kwargs: object) -> str:
    """The Vietnamese message ``key`` filled with ``kwargs``."""
    template = catalogue()[key]
    return template.format(**kwargs) if kwargs else template
