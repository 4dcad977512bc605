"""Metadata of the TDKT_ worksheet functions, read without importing xlwings (for the add-in builder,
the docs and the tests). Every public function of :mod:`thidua_xl.excel.udfs` whose name starts with
``TDKT_`` is a worksheet function; its argument descriptions come from ``Annotated[..., {"doc": ...}]``
type hints (the form xlwings reads for the function wizard)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, get_type_hints

PREFIX = "TDKT_"


@dataclass(frozen=True)
class UdfArg:
    name: str
    doc: str
    optional: bool = False
    vararg: bool = False


@dataclass(frozen=True)
class UdfSpec:
    name: str  # the Excel name, identical to the Python function name (xlwings classic needs that)
    doc: str  # first paragraph of the docstring (function wizard)
    args: list[UdfArg] = field(default_factory=list)
    array: bool = False  # returns a 2-D block that spills
    module: str = "thidua_xl.excel.udfs"
    example: str = ""  # the docstring's "Ví dụ:" line (a formula, Vietnamese list separator ";")
    details: str = ""  # the rest of the docstring


def _doc_of(hint: Any) -> str:
    for meta in getattr(hint, "__metadata__", ()):
        if isinstance(meta, dict) and "doc" in meta:
            return str(meta["doc"])
    return ""


def spec_of(func: Any) -> UdfSpec:
    hints = get_type_hints(func, include_extras=True)
    sig = inspect.signature(func)
    args = []
    for p in sig.parameters.values():
        args.append(UdfArg(p.name, _doc_of(hints.get(p.name)),
                           optional=p.default is not inspect.Parameter.empty,
                           vararg=p.kind is inspect.Parameter.VAR_POSITIONAL))
    doc = inspect.getdoc(func) or ""
    paragraphs = [p.replace("\n", " ") for p in doc.split("\n\n")]
    example = next((p[len("Ví dụ:"):].strip() for p in paragraphs if p.startswith("Ví dụ:")), "")
    details = " ".join(p for p in paragraphs[1:] if not p.startswith("Ví dụ:"))
    return UdfSpec(func.__name__, paragraphs[0], args, array=bool(getattr(func, "__tdkt_array__", False)),
                   example=example, details=details)


def udf_specs() -> list[UdfSpec]:
    """Every TDKT_ function, in the order they are defined in :mod:`thidua_xl.excel.udfs`."""
    from thidua_xl.excel import udfs  # heavy: the worksheet functions import xlwings

    funcs = [f for n, f in vars(udfs).items() if n.startswith(PREFIX) and callable(f)]
    funcs.sort(key=lambda f: inspect.getsourcelines(f)[1])
    return [spec_of(f) for f in funcs]
