"""Team titles, from the members' outcomes: Tập thể lao động tiên tiến and Tập thể lao động xuất sắc."""

from __future__ import annotations

from fractions import Fraction

from thidua_xl.core import model as m
from thidua_xl.core.eligibility.context import Context
from thidua_xl.core.eligibility.criteria import Judge
from thidua_xl.core.eligibility.titles.common import in_year, num, registered

T = m.Title


def check_team(ctx: Context, team: m.Team, members: list[m.Staff], ldtt_ok: dict[str, bool],
               cstdcs_ok: dict[str, bool]) -> tuple[Judge, Judge, dict[str, object]]:
    """(TTLĐTT, TTLĐXS, the facts shown with both: members, LĐTT count, LĐTT share)."""
    n = len(members)
    n_ldtt = sum(1 for p in members if ldtt_ok.get(p.id))
    share = Fraction(n_ldtt, n) if n else Fraction(0)
    facts: dict[str, object] = {"members": n, "ldtt": n_ldtt, "share": share}
    return (check_ttldtt(ctx, team, members, n_ldtt, share),
            check_ttldxs(ctx, team, members, n_ldtt, share, cstdcs_ok), facts)


def check_ttldtt(ctx: Context, team: m.Team, members: list[m.Staff], n_ldtt: int, share: Fraction) -> Judge:
    """Registered; ``team.ttldtt.ldtt_share`` of the members LĐTT; no member disciplined from
    ``team.ttldtt.discipline_from``."""
    j = Judge(ctx)
    _share_and_discipline(j, team, T.TTLDTT, "team.ttldtt", members, n_ldtt, share)
    return j


def check_ttldxs(ctx: Context, team: m.Team, members: list[m.Staff], n_ldtt: int, share: Fraction,
                 cstdcs_ok: dict[str, bool]) -> Judge:
    """As TTLĐTT with the ``team.ttldxs.*`` values; every member rated ``team.ttldxs.min_member_rating``
    or better; a member CSTĐCS (``team.ttldxs.needs_cstdcs``); the team rated ``team.ttldxs.team_rating``."""
    j = Judge(ctx)
    _share_and_discipline(j, team, T.TTLDXS, "team.ttldxs", members, n_ldtt, share)
    need = m.Rating(ctx.v["team.ttldxs.min_member_rating"])
    short = [p for p in members if p.rating is None or p.rating.rank < need.rank]
    j.require(not short, "MEMBER_NOT_COMPLETE", "team.ttldxs.min_member_rating", done=len(members) - len(short),
              n=len(members), names=", ".join(p.full_name for p in short))
    if ctx.v["team.ttldxs.needs_cstdcs"]:
        j.require(any(cstdcs_ok.get(p.id) for p in members), "NO_CSTDCS_MEMBER", "team.ttldxs.needs_cstdcs")
    need = m.Rating(ctx.v["team.ttldxs.team_rating"])
    j.require(team.rating is not None and team.rating.rank >= need.rank, "TEAM_RATING", "team.ttldxs.team_rating",
              rating=ctx.rating_text[team.rating], need=ctx.rating_text[need])
    return j


def _share_and_discipline(j: Judge, team: m.Team, title: T, prefix: str, members: list[m.Staff], n_ldtt: int,
                          share: Fraction) -> None:
    ctx = j.ctx
    registered(j, True, team.name, title)
    n = len(members)
    need = ctx.v[f"{prefix}.ldtt_share"]
    above = ctx.v[f"{prefix}.comparator"] != ">="  # ">": strictly more than the share
    j.require(n > 0 and (share > need if above else share >= need), "LDTT_SHARE", f"{prefix}.ldtt_share",
              n_ldtt=n_ldtt, n=n, pct=_percent(share), need=num(need * 100),
              comp=ctx.msg["elig.above" if above else "elig.from"],
              sign=ctx.msg["elig.above.sign" if above else "elig.from.sign"])
    floor = ctx.v[f"{prefix}.discipline_from"]
    if floor:
        sev = m.DisciplineLevel(floor).severity
        bad = [p for p in members if any(d.level.severity >= sev and in_year(d, ctx) for d in p.disciplines)]
        j.require(not bad, "MEMBER_DISCIPLINE", f"{prefix}.discipline_from", names=", ".join(p.full_name for p in bad),
                  floor=ctx.discipline_text[floor])


def _percent(share: Fraction) -> str:
    """The share in the team sentences: two decimals of the float, as always printed here ("66,67");
    not text.format_percent, which rounds exact halves up (a team of 32: 3,125% → "3,13", here "3,12")."""
    return f"{float(share * 100):.2f}".replace(".", ",")
