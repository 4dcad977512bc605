"""Writing files so that nothing is lost.

* :func:`atomic_path`: a temporary file beside the target, renamed over it at the end (the mode of the file
  it replaces kept on request); an error names the target, never the temporary file.
* :func:`file_lock`: a lock file beside a file that is read, changed and written back (the results workbook),
  so that two runs cannot lose each other's sheets; the second waits a bounded time, then fails clearly.
* :func:`replace_files`: a set of files in a folder (the dossier) replaced as a whole: written into a
  temporary folder beside them and swapped in at the end; on any failure the previous files are untouched.
* :func:`os_error_message`: what went wrong with a file or folder the user chose, in Vietnamese, with what
  to do (a read-only folder, a name too long, a full disk), and :func:`display_path` to quote a path short.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from thidua_xl.errors import InputError
from thidua_xl.messages import t

QUOTE_MAX = 80  # characters of a path or value quoted in a message (the middle is elided)
LOCK_WAIT = 30.0  # seconds a second run waits for the results workbook before giving up
LOCK_STALE = 15 * 60  # seconds after which a lock file left by a crashed run is taken over
NAME_MAX = 255  # bytes in one path component on common file systems (ext4, NTFS, APFS)


def display_path(path: object, limit: int = QUOTE_MAX) -> str:
    """``path`` (or any value) as text of at most ``limit`` characters: the middle elided with ``…``."""
    text = str(path)
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return text[:head] + "…" + text[len(text) - (limit - 1 - head):]


def _retarget(exc: OSError, target: Path) -> OSError:
    """The same error, naming ``target`` (the file the user chose) instead of a temporary file."""
    new = type(exc)(exc.errno, exc.strerror, str(target)) if exc.errno is not None else type(exc)(str(target))
    return new


@contextmanager
def atomic_path(target: str | os.PathLike[str], keep_mode: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends without error it replaces ``target``.

    On any error the temporary file is removed and ``target`` is left as it was; an :class:`OSError` names
    ``target``, never the temporary file. The new file gets the usual permissions (0666 minus the umask;
    mkstemp alone would give 0600), or with ``keep_mode`` those of the file it replaces.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=".~", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise _retarget(exc, target) from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        try:
            if keep_mode and target.exists():
                shutil.copymode(target, tmp)
            else:
                _default_mode(tmp)
            os.replace(tmp, target)
        except OSError as exc:
            raise _retarget(exc, target) from None
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


# ----------------------------------------------------------------------------- lock


def lock_path(target: str | os.PathLike[str]) -> Path:
    """The lock file of ``target``: ``truong_ketqua.xlsx`` → ``truong_ketqua.xlsx.lock`` beside it."""
    p = Path(target)
    return p.with_name(p.name + ".lock")


def _stale(lock: Path) -> bool:
    """A lock left by a run that is gone: its process no longer exists (same computer, POSIX), or it is
    older than :data:`LOCK_STALE`."""
    try:
        age = time.time() - lock.stat().st_mtime
        owner = lock.read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False  # vanished or unreadable this instant: look again at the next poll
    if age > LOCK_STALE:
        return True
    if os.name == "posix" and len(owner) >= 2 and owner[0].isdigit() and owner[1] == socket.gethostname():
        try:
            os.kill(int(owner[0]), 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except OSError:
            return False
    return False


@contextmanager
def file_lock(target: str | os.PathLike[str], timeout: float | None = None, poll: float = 0.1) -> Iterator[Path]:
    """Hold the lock file of ``target`` (see :func:`lock_path`) for the block: created exclusively, holding
    the process id and computer name, removed at the end. Another run holding it is waited for at most
    ``timeout`` seconds (default :data:`LOCK_WAIT`), then :class:`InputError`; a stale lock is taken over."""
    target = Path(target)
    lock = lock_path(target)
    wait = LOCK_WAIT if timeout is None else timeout
    deadline = time.monotonic() + wait
    while True:
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            if time.monotonic() >= deadline:
                raise InputError(t("common.results_busy", path=display_path(target), lock=lock.name,
                                   seconds=f"{wait:g}")) from None
            time.sleep(poll)
        except OSError as exc:  # a read-only folder, a name too long: about the target, not the lock
            raise _retarget(exc, target) from None
    try:
        os.write(fd, f"{os.getpid()} {socket.gethostname()}\n".encode())
    finally:
        os.close(fd)
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)


# ----------------------------------------------------------------------------- a set of files as a whole


def replace_files(folder: str | os.PathLike[str], files: Mapping[str, bytes], remove: Iterable[str] = ()) -> None:
    """Write ``files`` (path relative to ``folder`` → content) and delete ``remove`` as one change.

    Everything is first written into a temporary folder inside ``folder`` (same disk: renames are atomic);
    then the files to replace or delete are moved aside into a second temporary folder, the new ones moved
    in, and the old ones dropped. Any failure — while writing (disk full) or while swapping (a document
    open in Word) — moves everything back: the previous files are left as they were. Other files of
    ``folder`` are never touched. An :class:`OSError` names ``folder`` or a final file, never a temporary one.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".~moi-", dir=folder))
    except OSError as exc:
        raise _retarget(exc, folder) from None
    backup: Path | None = None
    moved: list[str] = []  # old files moved into the backup
    placed: list[str] = []  # new files moved into the folder
    try:
        for rel, blob in files.items():
            staged = stage / rel
            try:
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_bytes(blob)
            except OSError as exc:
                raise _retarget(exc, folder / rel) from None
            _default_mode(staged)
        try:
            backup = Path(tempfile.mkdtemp(prefix=".~cu-", dir=folder))
        except OSError as exc:
            raise _retarget(exc, folder) from None
        for rel in [*files, *(r for r in remove if r not in files)]:
            old = folder / rel
            if old.is_file():
                try:
                    (backup / rel).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(old, backup / rel)
                except OSError as exc:
                    raise _retarget(exc, old) from None
                moved.append(rel)
        for rel in files:
            new = folder / rel
            try:
                new.parent.mkdir(parents=True, exist_ok=True)
                os.replace(stage / rel, new)
            except OSError as exc:
                raise _retarget(exc, new) from None
            placed.append(rel)
    except BaseException:
        restored = _undo(folder, stage, backup, placed, moved)
        shutil.rmtree(stage, ignore_errors=True)
        if backup is not None and restored:
            shutil.rmtree(backup, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    shutil.rmtree(backup, ignore_errors=True)


def _undo(folder: Path, stage: Path, backup: Path | None, placed: list[str], moved: list[str]) -> bool:
    """Put the previous files back after a failed :func:`replace_files`; False if one could not be (it
    then stays in the backup folder, which is kept)."""
    ok = True
    for rel in reversed(placed):
        try:
            os.replace(folder / rel, stage / rel)
        except OSError:
            ok = False
    for rel in reversed(moved):
        try:
            os.replace(backup / rel, folder / rel)  # type: ignore[operator]  # moved implies a backup
        except OSError:
            ok = False
    return ok


# ----------------------------------------------------------------------------- messages


def os_error_message(exc: OSError, path: str | os.PathLike[str] | None = None, writing: bool = True) -> str:
    """What went wrong with ``path`` (default: the error's file), in Vietnamese, with what to do; the path
    quoted in at most :data:`QUOTE_MAX` characters."""
    target = Path(path if path is not None else (exc.filename or ""))
    shown = display_path(target)
    example = display_path(Path.home() / "Documents" / (target.name or "ket_qua"), 60)
    if exc.errno == errno.ENAMETOOLONG or too_long(target):
        return t("common.name_too_long", n=len(str(target)), path=shown)
    if exc.errno == errno.ENOSPC:
        return t("common.disk_full", path=shown)
    if isinstance(exc, FileNotFoundError) and not writing:
        return t("common.file_not_found", path=shown)
    if writing and (isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS)):
        folder = _existing_folder(target)
        if exc.errno == errno.EROFS or not target.exists() or not os.access(folder, os.W_OK):
            return t("common.folder_read_only", path=shown, folder=display_path(folder), example=example)
        return t("common.file_locked", path=shown)
    reason = display_path(exc.strerror or (str(exc) if exc.errno is None else "") or type(exc).__name__)
    return t("common.cannot_write" if writing else "common.cannot_read", path=shown, reason=reason)


def too_long(path: object) -> bool:
    """A path the system refuses for its length (a name over :data:`NAME_MAX` bytes)."""
    return any(len(part.encode("utf-8", "surrogateescape")) > NAME_MAX for part in Path(str(path)).parts)


def _existing_folder(path: Path) -> Path:
    """The nearest folder of ``path`` that exists (where a new file would have to be created)."""
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder
