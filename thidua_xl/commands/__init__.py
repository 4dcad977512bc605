"""One module per ``thidua`` subcommand, discovered by :mod:`thidua_xl.cli`.

Each module defines ``NAME``, ``HELP`` (Vietnamese, then English in parentheses), ``ORDER`` (position in
``--help``), ``add_arguments(parser)`` and ``run(args) -> int`` (an exit code from ``thidua_xl.cli``).
Module top level must stay light: heavy imports go inside ``run``.
"""
