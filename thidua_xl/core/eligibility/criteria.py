"""The one way a title's check states a criterion of the law: :meth:`Judge.require`.

``j.require(months >= need, "NEW_HIRE", "ldtt.min_service_months", months=months, need=need)``

- ``code`` is the stable code of the criterion; ``param`` the rule-set key whose value, citation and tag
  it applies (printed on the reason);
- the sentences come from the message catalogue (:mod:`thidua_xl.messages.eligibility`) under ``key``
  (default ``elig.<code in lower case>``), each filled with the same keyword facts:
  ``<key>`` the reason when the criterion fails, and — only when explaining — ``<key>.label``,
  ``<key>.rule`` and ``<key>.fact`` (or ``<key>.fact.passed`` / ``<key>.fact.failed`` when the fact is
  just whether it passed);
- when not explaining, a passing criterion costs one boolean test, and a failing one appends the
  reason shared by every verdict that fails the same way (:meth:`Context.reason`);
- a title whose criteria read only a few facts of the person (runs, counts, whether registered) gathers
  them first and states its criteria through :func:`judged`: once per distinct facts, the judge shared by
  everyone who has them (conduct, which reads the person's disciplines, is added on a copy:
  ``titles.common.with_conduct``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context, message_key


class Judge:
    """Collects the outcome of the criteria for one (subject, title)."""

    __slots__ = ("ctx", "reasons", "criteria", "explain", "basis")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.explain = ctx.explain
        self.reasons: list[m.Reason] = []
        # Criteria are recorded only to explain; otherwise every verdict shares one empty tuple.
        self.criteria: list[m.Criterion] | tuple[()] = [] if self.explain else ()
        self.basis = ""  # the alternative met, when a title has several (Bằng khen): Vietnamese, cited

    def require(self, ok: bool, code: str, param: str, key: str | None = None, /, **facts: Any) -> bool:
        """The criterion ``code`` (rule ``param``) is met when ``ok``; otherwise its reason is recorded."""
        if ok:
            if self.explain:
                self._record(True, code, param, key, facts)
            return True
        ctx = self.ctx
        spec = ctx._specs.get(key or code)
        # the common case: a reason seen before, found by the facts its sentence uses (as Context.reason keys it)
        r = ctx._shared.get((code, param, key, spec[1](facts))) if spec is not None else None
        self.reasons.append(r if r is not None else ctx.reason(code, param, key, facts))
        if self.explain:
            self._record(False, code, param, key, facts)
        return False

    def note(self, ok: bool, code: str, param: str, key: str | None = None, /, **facts: Any) -> None:
        """A fact shown in the explanation only: recorded like a criterion, never a reason."""
        if self.explain:
            self._record(ok, code, param, key, facts)

    def _record(self, ok: bool, code: str, param: str, key: str | None, facts: Mapping[str, Any]) -> None:
        ctx, msg = self.ctx, self.ctx.msg
        key = key or message_key(code)
        fact = msg.get(f"{key}.fact") or msg[f"{key}.fact.{'passed' if ok else 'failed'}"]
        self.criteria.append(m.Criterion(  # type: ignore[union-attr]
            code, msg[f"{key}.label"].format(**facts), ok, fact.format(**facts), msg[f"{key}.rule"].format(**facts),
            ctx.cite.get(param, ""), ctx.tag.get(param, ""), param, ctx.ov.get(param, "")))

    def copy(self) -> Judge:
        """A judge with the same outcome so far, to add criteria to (a shared one is never changed)."""
        j = Judge(self.ctx)
        j.reasons.extend(self.reasons)
        if self.explain:
            j.criteria.extend(self.criteria)  # type: ignore[union-attr]
        j.basis = self.basis
        return j

    def extend(self, other: Judge) -> None:
        self.reasons.extend(other.reasons)
        if self.explain:
            self.criteria.extend(other.criteria)  # type: ignore[union-attr]


def judged(ctx: Context, criteria: Callable[..., None], *facts: Hashable) -> Judge:
    """A judge of ``criteria(j, *facts)``, criteria that read nothing but ``facts`` and the run's rule values
    and messages. When not explaining, everyone with the same facts shares one judge (a verdict's reasons
    are read-only), so the criteria are stated once per distinct facts, not once per person."""
    if ctx.explain:
        j = Judge(ctx)
        criteria(j, *facts)
        return j
    key = (criteria, facts)
    j = ctx.judged.get(key)
    if j is None:
        j = ctx.judged[key] = Judge(ctx)
        criteria(j, *facts)
    return j
