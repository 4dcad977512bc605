"""Processes measured by the benchmarks start as an installed copy does: with the project's bytecode compiled
(pip compiles it when it installs a wheel). Under PYTHONDONTWRITEBYTECODE=1 (set on the machine these figures
come from) an editable checkout would compile every module it imports in every process (≈ 0.08 s of each
start-up). The bytecode goes to benchmarks/data/pycache, not into the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compiled_bytecode() -> None:
    """Set this process's environment (inherited by every process it starts) and compile the project once."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    cache = ROOT / "benchmarks" / "data" / "pycache"
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(cache))
    cache.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "thidua_xl")], check=True, cwd=ROOT)
