"""A `thidua serve` started on a free localhost port for the length of a ``with`` block: for the tests, the
benchmark and a ward's own smoke test. It runs in a process group of its own, which is ended (by its id) when
the block ends; its output goes to ``log``."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(tokens: Path, log: Path, *options: str, timeout: float = 60) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT``, https with ``--cert``) once the server answers. ``tokens``: the token store
    it reads; xlwings settings of this process are not passed on (only the licence key)."""
    import httpx  # heavy: the HTTP client (server extra), only here

    env = {k: v for k, v in os.environ.items() if not k.startswith("XLWINGS_") or k == "XLWINGS_LICENSE_KEY"}
    env.update(THIDUA_SERVER_TOKENS=str(tokens), XLWINGS_LOG_LEVEL=os.environ.get("XLWINGS_LOG_LEVEL", "INFO"))
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "thidua_xl.cli", "serve", "--port", str(port), *options],
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"{'https' if '--cert' in options else 'http'}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(base + "/", timeout=1, verify=False).status_code == 200:  # a test certificate
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"thidua serve did not start:\n{log.read_text(encoding='utf-8', errors='replace')}")
            time.sleep(0.2)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the process group started above (uvicorn and its workers)
        proc.wait(timeout=30)
