"""Conditions can hold, and what applies has someone engaged to do it.

- A severity group lists each severity once, and a ``when`` names each
  severity, group and incident type once.
- A step applies only where its phase does, so a step whose ``when`` and its
  phase's ``when`` share no incident never applies.
- A role with a ``when`` is engaged only for those incidents. A workflow
  step, an external communication rule, an escalation (the roles it pages)
  and a rollback procedure step have, for every incident they apply to, at
  least one of their roles engaged; otherwise nobody does them.

Severities and groups name known ids, and incident types declared ones
(``references``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from playbook.checks.base import Cover, Covers, Finding
from playbook.model import Playbook, walk
from playbook.model.when import When
from playbook.problems import Level
from playbook.source import Loc

ID = "when"
SEVERITY: Level = "warning"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (
    ("roles",),
    ("workflow",),
    ("severity_groups",),
    ("severities",),
    ("incident_types",),
)

_OTHER = object()  # an incident of a type no condition at hand names, or of no type


def check(playbook: Playbook) -> Iterator[Finding]:
    for g, group in enumerate(playbook.severity_groups):
        yield from _twice(group.severities, ("severity_groups", g, "severities"), "severity")
    for visit in walk(playbook):
        if isinstance(visit.value, When):
            when = visit.value
            yield from _twice(when.severity, (*visit.loc, "severity"), "severity")
            yield from _twice(when.group, (*visit.loc, "group"), "group")
            yield from _twice(when.incident_type, (*visit.loc, "incident_type"), "incident type")
    covers = Covers(playbook)
    roles: dict[str, Cover | None] = {}
    for role in playbook.roles:
        roles.setdefault(role.id, None if role.when is None else covers.of(role.when))
    for p, phase in enumerate(playbook.workflow):
        outer = covers.of(phase.when)
        for s, step in enumerate(phase.steps):
            loc: Loc = ("workflow", p, "steps", s)
            inner = covers.of(step.when)
            cover = outer & inner
            if cover.empty and not outer.empty and not inner.empty:
                yield Finding(
                    (*loc, "when"),
                    f"step {step.id} never applies: its phase '{phase.id}' applies to no incident its "
                    "'when' names",
                )
            elif not cover.empty:
                yield from _engaged(covers, roles, cover, step.owner, (*loc, "owner"), f"step {step.id}")
    if playbook.communication is not None:
        for n, rule in enumerate(playbook.communication.external):
            loc = ("communication", "external", n, "owner")
            yield from _engaged(covers, roles, covers.of(rule.when), rule.owner, loc, f"rule '{rule.id}'")
    for n, timer in enumerate(playbook.escalations):
        if timer.page:
            loc = ("escalations", n, "page")
            what = f"escalation '{timer.id}'"
            yield from _engaged(covers, roles, covers.of(timer.when), timer.page, loc, what)
    if playbook.rollback is not None:
        for n, procedure in enumerate(playbook.rollback.procedure):
            loc = ("rollback", "procedure", n, "owner")
            what = f"procedure step '{procedure.id}'"
            yield from _engaged(covers, roles, covers.of(None), procedure.owner, loc, what)


def _twice(ids: Sequence[str], loc: Loc, what: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for k, item in enumerate(ids):
        if item in first:
            yield Finding((*loc, k), f"{what} '{item}' is listed twice", first=(*loc, first[item]))
        else:
            first[item] = k


def _engaged(
    covers: Covers, roles: dict[str, Cover | None], cover: Cover, owners: Sequence[str], loc: Loc, what: str
) -> Iterator[Finding]:
    conditions: list[Cover] = []
    for owner in owners:
        if owner not in roles:
            return  # a references error
        condition = roles[owner]
        if condition is None:
            return  # engaged for every incident
        conditions.append(condition)
    # Incidents of a type that no condition here names all behave alike: one bucket stands for them.
    named: dict[object, None] = {}
    for condition in (cover, *conditions):
        named.update(dict.fromkeys(condition.types or ()))
    for bucket in (*named, _OTHER):
        if cover.types is not None and bucket not in cover.types:
            continue
        engaged = 0
        for condition in conditions:
            if condition.types is None or bucket in condition.types:
                engaged |= condition.severities
        missing = cover.severities & ~engaged
        if missing:
            kind = f" of type '{bucket}'" if bucket is not _OTHER else " of other types" if named else ""
            yield Finding(
                loc,
                f"{what} applies to {covers.names(missing)} incidents{kind}, but none of its roles "
                f"({', '.join(owners)}) is engaged for them (see the roles' 'when')",
            )
            return
