"""Eligibility of every person and every team for every title, under the regime of the school year.

Each title's check is a small function over the person's facts and the rule set (``titles/``, one
module per title family); it records **every** failed criterion as a :class:`~thidua_xl.core.model.Reason`
(stable code, Vietnamese sentence with the facts, citation with any override) through one call per
criterion, :meth:`Judge.require <thidua_xl.core.eligibility.criteria.Judge.require>`. With
``explain=True`` every criterion, passed or not, is also recorded as a
:class:`~thidua_xl.core.model.Criterion` (fact used, rule value, citation, confidence tag, override).

- ``context.py``: what a run computes once (rule values, citations, labels, indexes, shared reasons);
- ``criteria.py``: the :class:`Judge`; its sentences are in :mod:`thidua_xl.messages.eligibility`;
- ``dates.py``: the date arithmetic (service months, anniversaries, school years);
- ``titles/``: ``ldtt``, ``cstdcs``, ``cstd``, ``bang_khen``, ``giay_khen``, ``knc``, ``teams`` and the
  shared criteria in ``common``;
- ``engine.py``: the loop over people then teams (:func:`check_school`, :func:`explain`);
- ``parallel.py``: the two-process split of very large checks (``parallel.last_processes``).

"Consecutive" runs end with the year considered (this year's own outcome counts) and go back year by
year through the history sheet; the first year that breaks the run is named.
"""

from __future__ import annotations

from thidua_xl.core.eligibility.engine import check_school, explain

__all__ = ["check_school", "explain"]
