"""The one atomic writer: a failed write leaves the old file and no temporary file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from thidua_xl.fileio import atomic_path, write_atomic


def test_write_replaces_the_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "ket_qua.docx"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ket_qua.docx"]
    if os.name == "posix":
        mask = os.umask(0)
        os.umask(mask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_an_error_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "so_tinh.xlsx"
    target.write_bytes(b"input kept")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half written")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"input kept"
    assert [p.name for p in tmp_path.iterdir()] == ["so_tinh.xlsx"]


def test_keep_mode_keeps_the_replaced_file_permissions(tmp_path: Path) -> None:
    target = tmp_path / "so_tinh.xlsx"
    target.write_bytes(b"x")
    target.chmod(0o640)
    with atomic_path(target, keep_mode=True) as tmp:
        tmp.write_bytes(b"y")
    assert target.read_bytes() == b"y"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o640
