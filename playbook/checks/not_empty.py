"""Nothing a responder relies on is empty.

A workflow phase has steps; a triage step has questions or derives its content;
a rollback guide that has rules also has a verification checklist; a postmortem
template has sections; a template field offers choices only when it has two or
more. (A template body must hold text: a blank one is an ``invalid-value``.)
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks import Finding
from playbook.model import Playbook

ID = "not-empty"
SEVERITY = "error"


def check(playbook: Playbook) -> Iterator[Finding]:
    for p, phase in enumerate(playbook.workflow):
        if not phase.steps:
            yield Finding(("workflow", p), f"phase '{phase.id}' has no steps")
    if playbook.detection:
        for t, step in enumerate(playbook.detection.triage):
            if not step.questions and step.derive is None:
                yield Finding(
                    ("detection", "triage", t),
                    f"triage step '{step.id}' has neither questions nor 'derive'",
                )
    if playbook.rollback and playbook.rollback.rules and not playbook.rollback.verification:
        yield Finding(("rollback",), "rollback rules without a verification checklist")
    if playbook.postmortem and not playbook.postmortem.sections:
        yield Finding(("postmortem",), "the postmortem template has no sections")
    if playbook.communication:
        for t, template in enumerate(playbook.communication.templates):
            for f, field in enumerate(template.fields):
                if len(field.choices) == 1:
                    yield Finding(
                        ("communication", "templates", t, "fields", f, "choices"),
                        f"field '{field.id}' offers a single choice; give two or more, or none",
                    )
