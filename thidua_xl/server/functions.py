"""The custom functions: the classic ``TDKT_`` worksheet functions, registered with xlwings Server.

One source: the list is :func:`thidua_xl.excel.udfspec.udf_specs` (every ``TDKT_`` function of
:mod:`thidua_xl.excel.udfs`), and each custom function runs the very same code object. Each is a *copy* of
the classic function object decorated with xlwings Server's explicit ``func`` decorator, so the metadata is
never empty whatever mode ``import xlwings`` chose first (``XLWINGS_ON_SERVER``), and the classic function
objects are left as they are. In Excel they appear under the manifest's namespace: ``=THIDUA.TDKT_XET(...)``.
"""

from __future__ import annotations

import types
from typing import Any

from thidua_xl.excel.udfspec import udf_specs

MODULE_NAME = "custom_functions"  # the module name xlwings Server's router imports


def _copy(f: Any) -> Any:
    """A new function object running ``f``'s code (same globals, defaults, annotations, docstring)."""
    g = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__, f.__closure__)
    g.__kwdefaults__ = f.__kwdefaults__
    g.__annotations__ = dict(f.__annotations__)
    g.__doc__ = f.__doc__
    g.__module__ = f.__module__
    g.__qualname__ = f.__qualname__
    return g


def build_module() -> types.ModuleType:
    """The ``custom_functions`` module xlwings Server serves: every TDKT_ function."""
    import xlwings.server  # heavy: xlwings (PRO part, licence-gated) only when the server starts

    from thidua_xl.excel import udfs  # heavy: the worksheet functions import xlwings at their top

    module = types.ModuleType(MODULE_NAME, "Các hàm TDKT_ của thidua_xl cho xlwings Server.")
    for spec in udf_specs():
        setattr(module, spec.name, xlwings.server.func(_copy(getattr(udfs, spec.name))))
    return module
