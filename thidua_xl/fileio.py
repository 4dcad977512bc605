"""Writing files so that nothing is lost: a temporary file beside the target, renamed over it at the end."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: str | os.PathLike[str], keep_mode: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends without error it replaces ``target``.

    On any error the temporary file is removed and ``target`` is left as it was. The new file gets the
    usual permissions (0666 minus the umask; mkstemp alone would give 0600), or with ``keep_mode`` those
    of the file it replaces.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if keep_mode and target.exists():
            shutil.copymode(target, tmp)
        else:
            _default_mode(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (see :func:`atomic_path`)."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def _default_mode(path: Path) -> None:
    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)
