"""Message template placeholders match the template's fields.

Every ``{placeholder}`` in a template body names a field the template declares,
every declared field appears in the body, and braces are balanced (a literal
brace is written twice: ``{{``).
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "template-fields"
SEVERITY: Level = "error"
RELAXABLE = False
PARTIAL: tuple[Loc, ...] = (("communication", "templates"),)


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.communication is None:
        return
    for t, template in enumerate(playbook.communication.templates):
        base = ("communication", "templates", t)
        try:
            used = template.placeholders()
        except ValueError as exc:
            yield Finding((*base, "body"), f"template '{template.id}': {exc}")
            continue
        declared = [field.id for field in template.fields]
        for name in dict.fromkeys(used):
            if name not in declared:
                known = ", ".join(declared) or "none"
                yield Finding(
                    (*base, "body"),
                    f"template '{template.id}' uses {{{name}}}, which is not one of its fields ({known})",
                )
        for f, field in enumerate(template.fields):
            if field.id not in used:
                yield Finding(
                    (*base, "fields", f, "id"),
                    f"field '{field.id}' of template '{template.id}' is not used in its body",
                )
