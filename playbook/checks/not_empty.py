"""Nothing a responder relies on is empty.

Every collection the model marks as one that must hold something does: a
workflow phase has steps; a triage step has questions or derives its content;
a rollback guide that has rules also has a verification checklist; a
postmortem template has sections. A template field offers choices only when
it has two or more. (A template body must hold text: a blank one is an
``invalid-value``.) On a partial model, a collection that lost an item, or
whose parent lost a part, is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding, LeftOut
from playbook.model import NotEmpty, Playbook, TemplateField, walk
from playbook.model.walk import marker
from playbook.problems import Level

ID = "not-empty"
SEVERITY: Level = "error"
RELAXABLE = True


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, tuple | list | dict) and not value)


def check(playbook: Playbook) -> Iterator[Finding]:
    for visit in walk(playbook):
        rule = marker(visit.shape, NotEmpty)
        parent = visit.parent
        if rule is not None and parent is not None and _empty(visit.value):
            if rule.when is not None and _empty(getattr(parent, rule.when)):
                continue
            if rule.unless is not None and not _empty(getattr(parent, rule.unless)):
                continue
            if rule.format is not None and rule.format != playbook.format:
                continue
            yield Finding(visit.loc, rule.message.format(id=getattr(parent, "id", "")))
        elif isinstance(visit.value, TemplateField) and len(visit.value.choices) == 1:
            yield Finding(
                (*visit.loc, "choices"),
                f"field '{visit.value.id}' offers a single choice; give two or more, or none",
            )


def check_partial(playbook: Playbook, left_out: LeftOut) -> Iterator[Finding]:
    return (finding for finding in check(playbook) if not left_out.shrank(finding.loc))
