"""The operations users run: read → core → (write). The CLI, the ribbon and Jupyter call these.

``source`` everywhere may be a path to a .xlsx file, an already-read :class:`SchoolData`, or an
object with a ``read_tables()`` method returning ``{sheet name: rows}`` (the Excel "book" interface).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from thidua_xl.core.model import SchoolData
from thidua_xl.errors import InputError

Source = "str | os.PathLike[str] | SchoolData | Any"


def read(source: Any) -> SchoolData:
    """Read the standard workbook into core objects; problems are collected in ``.problems``."""
    if isinstance(source, SchoolData):
        return source
    from thidua_xl.workbook import reader

    if isinstance(source, (str, os.PathLike)):
        return reader.read_workbook(Path(source))
    if hasattr(source, "read_tables"):
        return reader.read_tables(source.read_tables(), path=str(getattr(source, "fullname", "")))
    raise TypeError(f"Không đọc được nguồn dữ liệu kiểu {type(source).__name__}.")


def validate(source: Any) -> SchoolData:
    """Read and validate; the returned data carries every problem found (errors and warnings)."""
    return read(source)


def ruleset(data: SchoolData, school_year: str | None = None, regime: str | None = None) -> Any:
    """The rule set for the data's school year (or the one given), with the workbook's overrides."""
    from thidua_xl.core.rules import RuleSetError, ruleset_for

    year = school_year or data.info.school_year
    try:
        return ruleset_for(year, data.overrides, regime or data.info.regime or None)
    except RuleSetError as exc:
        raise InputError(str(exc)) from None


def check(source: Any, school_year: str | None = None, regime: str | None = None) -> Any:
    """Eligibility of every person and team for every title (see :mod:`thidua_xl.core.eligibility`)."""
    from thidua_xl.core import eligibility

    data = read(source)
    _require_clean(data)
    if school_year:
        data.info.school_year = school_year
    return eligibility.check_school(data, ruleset(data, school_year, regime))


def tally(source: Any, school_year: str | None = None, regime: str | None = None,
          with_eligibility: bool = True, checked: Any = None) -> Any:
    """The council's secret-ballot tally (see :mod:`thidua_xl.core.tally`).

    ``checked`` is an eligibility result already computed for the same data (it is then reused);
    otherwise eligibility is computed here unless ``with_eligibility`` is false.
    """
    from thidua_xl.core import tally as tally_mod

    data = read(source)
    _require_clean(data)
    if school_year:
        data.info.school_year = school_year
    rules = ruleset(data, school_year, regime)
    verdicts = checked
    if verdicts is None and with_eligibility:
        from thidua_xl.core import eligibility

        verdicts = eligibility.check_school(data, rules)
    return tally_mod.tally_school(data, rules, verdicts)


def explain(source: Any, subject: str, title: Any, school_year: str | None = None,
            regime: str | None = None) -> Any:
    """Every criterion of one person (or team) for one title, with facts, rule values, citations and
    overrides (see :func:`thidua_xl.notebook.explain`)."""
    from thidua_xl import notebook

    return notebook.explain(source, subject, title, school_year=school_year, regime=regime)


def compare_regimes(source: Any, regime_a: str = "2024", regime_b: str = "2025",
                    school_year: str | None = None) -> Any:
    """Who changes verdict, and why, between two regimes (see :func:`thidua_xl.notebook.compare_regimes`)."""
    from thidua_xl import notebook

    return notebook.compare_regimes(source, regime_a, regime_b, school_year=school_year)


def report(source: Any, out_dir: str | os.PathLike[str] = "out", pdf: bool = False,
           templates: str | os.PathLike[str] | None = None) -> Any:
    """The nomination dossier as Word files (see :mod:`thidua_xl.reports`)."""
    from thidua_xl import reports

    data = read(source)
    _require_clean(data)
    return reports.build_dossier(data, Path(out_dir), pdf=pdf, templates=templates)


def _require_clean(data: SchoolData) -> None:
    if data.errors:
        from thidua_xl.messages import t

        raise InputError(t("common.has_errors", n=len(data.errors), path=data.path or "..."))
