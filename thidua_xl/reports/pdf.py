"""PDF copies of the dossier with LibreOffice (``soffice --headless --convert-to pdf``), when installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

EXECUTABLES = ("soffice", "libreoffice")
TIMEOUT_S = 600


class PdfUnavailable(RuntimeError):
    """LibreOffice is not installed (not on PATH)."""


class PdfFailed(RuntimeError):
    """LibreOffice ran but did not produce every PDF."""


def find_soffice(lookup: Callable[[str], str | None] | None = None) -> str | None:
    """The LibreOffice executable, or ``None``. ``lookup`` defaults to :func:`shutil.which`."""
    which = lookup or shutil.which
    for name in EXECUTABLES:
        found = which(name)
        if found:
            return found
    return None


def available(lookup: Callable[[str], str | None] | None = None) -> bool:
    return find_soffice(lookup) is not None


def convert(files: Sequence[Path], lookup: Callable[[str], str | None] | None = None) -> list[Path]:
    """Convert each .docx to a .pdf beside it (one LibreOffice run per folder); returns the PDFs.

    Raises :class:`PdfUnavailable` when LibreOffice is not found, :class:`PdfFailed` when a PDF is missing
    afterwards.
    """
    exe = find_soffice(lookup)
    if exe is None:
        raise PdfUnavailable()
    by_dir: dict[Path, list[Path]] = {}
    for f in files:
        by_dir.setdefault(Path(f).parent, []).append(Path(f))
    out: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="thidua_lo_") as profile:
        for folder, items in by_dir.items():
            cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder), *[str(p) for p in items]]
            try:
                subprocess.run(cmd, check=True, capture_output=True, timeout=TIMEOUT_S)
            except (OSError, subprocess.SubprocessError) as exc:
                raise PdfFailed(str(exc)) from None
            for p in items:
                target = p.with_suffix(".pdf")
                if not target.is_file():
                    raise PdfFailed(f"thiếu {target.name}")
                out.append(target)
    return out
