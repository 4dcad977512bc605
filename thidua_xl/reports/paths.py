"""Where the default dossier templates live: a leaf module, so the package and ``build_templates`` (which
writes them) both import it without importing each other."""

from __future__ import annotations

from pathlib import Path

REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
