"""Ids are unique within every collection.

Severities, impact and reach levels, roles, metrics, detection sources, triage
steps, phases, steps (across all phases), communication rules and templates,
template fields, rollback tiers, signals, rules, procedure steps, verification
items, postmortem fields and sections, and related documents: each id names one
item. The second use of an id is reported, with the line of the first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from playbook.checks import Finding
from playbook.model import Playbook
from playbook.source import Loc

ID = "unique-ids"
SEVERITY = "error"


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def collections(playbook: Playbook) -> Iterator[tuple[str, list[tuple[Loc, _HasId]]]]:
    """Every id collection of the playbook: a name, and each item with its loc."""

    def at(loc: Loc, items: Sequence[_HasId]) -> list[tuple[Loc, _HasId]]:
        return [((*loc, i), item) for i, item in enumerate(items)]

    yield "severity", at(("severities",), playbook.severities)
    yield "impact level", at(("classification", "impact"), playbook.classification.impact)
    yield "reach level", at(("classification", "reach"), playbook.classification.reach)
    yield "role", at(("roles",), playbook.roles)
    yield "metric", at(("metrics",), playbook.metrics)
    yield "related document", at(("related_documents",), playbook.related_documents)
    yield "phase", at(("workflow",), playbook.workflow)
    yield (
        "step",
        [
            (("workflow", p, "steps", s), step)
            for p, phase in enumerate(playbook.workflow)
            for s, step in enumerate(phase.steps)
        ],
    )
    if playbook.detection:
        yield "detection source", at(("detection", "sources"), playbook.detection.sources)
        yield "triage step", at(("detection", "triage"), playbook.detection.triage)
    if playbook.communication:
        comms = playbook.communication
        yield "internal rule", at(("communication", "internal"), comms.internal)
        yield "external rule", at(("communication", "external"), comms.external)
        yield "template", at(("communication", "templates"), comms.templates)
        for t, template in enumerate(comms.templates):
            loc = ("communication", "templates", t, "fields")
            yield f"field of template '{template.id}'", at(loc, template.fields)
    if playbook.rollback:
        rollback = playbook.rollback
        yield "rollback tier", at(("rollback", "tiers"), rollback.tiers)
        yield "signal", at(("rollback", "signals"), rollback.signals)
        yield "rollback rule", at(("rollback", "rules"), rollback.rules)
        yield "procedure step", at(("rollback", "procedure"), rollback.procedure)
        yield "verification item", at(("rollback", "verification"), rollback.verification)
    if playbook.postmortem:
        yield "postmortem field", at(("postmortem", "fields"), playbook.postmortem.fields)
        yield "postmortem section", at(("postmortem", "sections"), playbook.postmortem.sections)


def check(playbook: Playbook) -> Iterator[Finding]:
    for kind, items in collections(playbook):
        first: dict[str, Loc] = {}
        for loc, item in items:
            if item.id in first:
                yield Finding((*loc, "id"), f"{kind} id '{item.id}' is already used", first=first[item.id])
            else:
                first[item.id] = loc
