"""The shape of the package (docs/architecture.md): imports point down only, no import circle, and an import
inside a function body exists only to keep start-up fast (and says so in a comment).

The import graph is read from the source with ``ast`` (every import, at module level or inside a function),
so a violation hidden in a function body is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "thidua_xl"

# Layers, from the bottom. A module may import modules of its own layer and of the layers listed for it.
BOTTOM = ("thidua_xl.errors", "thidua_xl.text", "thidua_xl.vocabulary", "thidua_xl.messages", "thidua_xl.perf",
          "thidua_xl.fileio", "thidua_xl.legacy")
CORE = ("thidua_xl.core",)
VIEWS = ("thidua_xl.views",)
IO = ("thidua_xl.workbook", "thidua_xl.reports")
API = ("thidua_xl.api",)
FACES = ("thidua_xl.excel", "thidua_xl.notebook", "thidua_xl.commands", "thidua_xl.cli", "thidua_xl.charts",
         "thidua_xl.server")
ROOT = ("thidua_xl",)  # the package's __init__: lazy entry points to api (and the notebook's display hook)

ALLOWED: dict[tuple[str, ...], tuple[str, ...]] = {
    BOTTOM: BOTTOM,
    CORE: BOTTOM + CORE,
    # views present core results; they may name result sheets (workbook.schema is pure data)
    VIEWS: BOTTOM + CORE + VIEWS + ("thidua_xl.workbook.schema",),
    IO: BOTTOM + CORE + VIEWS + IO,
    API: BOTTOM + CORE + VIEWS + IO + API,
    FACES: BOTTOM + CORE + VIEWS + IO + API + FACES + ROOT,
    ROOT: BOTTOM + API + FACES + ROOT,
}

# Third-party libraries that are slow to import: the only reason to import inside a function body.
HEAVY = ("pandas", "numpy", "openpyxl", "docx", "docxtpl", "docxcompose", "xlwings", "matplotlib",
         "python_calamine", "rich", "jinja2", "yaml", "IPython", "PIL", "ms_ovba", "lxml",
         "xlwings_server", "fastapi", "uvicorn", "starlette", "httpx")


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def _resolve(importer: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The thidua_xl modules an import statement loads (a ``from pkg import sub`` names the submodule)."""
    out: list[str] = []
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.split(".")[0] == "thidua_xl"]
    base = node.module or ""
    if node.level:
        pkg = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            pkg = pkg.rpartition(".")[0]
        base = f"{pkg}.{base}" if base else pkg
    if base.split(".")[0] != "thidua_xl":
        return []
    for alias in node.names:
        sub = f"{base}.{alias.name}"
        out.append(sub if sub in MODULES else base)
    return out


def _imports(name: str) -> list[tuple[str, int, bool]]:
    """(imported thidua_xl module, line, inside a function body) for every import in module ``name``."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_func: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                found.extend((mod, child.lineno, in_func) for mod in _resolve(name, child))
            visit(child, in_func or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return found


def _layer(module: str) -> tuple[str, ...]:
    best: tuple[tuple[str, ...], int] | None = None
    for layer in ALLOWED:
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (layer, len(prefix))
    assert best is not None, f"{module} belongs to no layer: add it to tests/test_architecture.py"
    return best[0]


def _allowed(importer: str, imported: str) -> bool:
    return any(imported == p or imported.startswith(p + ".") for p in ALLOWED[_layer(importer)])


def test_every_module_belongs_to_a_layer() -> None:
    for name in MODULES:
        _layer(name)


def test_imports_point_down_only() -> None:
    bad = [f"{name}:{line} imports {mod}" for name in MODULES for mod, line, _ in _imports(name)
           if not _allowed(name, mod)]
    assert not bad, "imports pointing up a layer:\n" + "\n".join(bad)


def test_the_core_imports_no_io_report_or_face() -> None:
    for name in MODULES:
        if name.startswith("thidua_xl.core"):
            outward = [m for m, _, _ in _imports(name) if not m.startswith(("thidua_xl.core",) + BOTTOM)]
            assert not outward, f"{name} imports {outward}"


def test_no_import_circle() -> None:
    graph = {name: {m for m, _, _ in _imports(name) if m != name} for name in MODULES}
    # A package's __init__ that only re-exports its own submodules is not part of a circle through them.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [])
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles[:10])


def _function_imports() -> list[tuple[str, int, str, bool]]:
    """(module, line, source line, explained) of every import statement inside a function body.

    An import is explained when it, or the block of import lines it belongs to, carries a comment on a
    line of the block or on the line just above the block."""
    out = []
    for name, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for fn in ast.walk(tree):
            if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    i = node.lineno - 1
                    end = (node.end_lineno or node.lineno) - 1
                    block = lines[i:end + 1]
                    j = i - 1
                    while j >= 0 and lines[j].lstrip().startswith(("import ", "from ")):
                        block.append(lines[j])
                        j -= 1
                    explained = any("#" in b for b in block) or (j >= 0 and lines[j].strip().startswith("#"))
                    out.append((name, node.lineno, lines[i], explained))
    return sorted(set(out))


def test_an_import_in_a_function_body_is_for_start_up_time_and_says_so() -> None:
    """Each one loads a heavy library (or a project module that does at its top) and carries a comment
    saying why it waits."""
    missing = [f"{mod}:{line}: {src.strip()}" for mod, line, src, explained in _function_imports() if not explained]
    assert not missing, f"{len(missing)} imports in function bodies without a start-up comment:\n" + "\n".join(missing)


@pytest.mark.parametrize("lib", HEAVY)
def test_import_thidua_xl_loads_no_heavy_library(lib: str) -> None:
    import subprocess
    import sys

    code = f"import sys, thidua_xl; sys.exit(1 if {lib!r} in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0, lib
