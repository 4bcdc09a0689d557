"""A role's fallbacks lead to someone.

A role's ``fallback`` is the role that steps in when it cannot be reached,
and that role may have a fallback of its own. Following them must not lead
back to a role already on the way (``incident-manager`` → ``lead`` →
``incident-manager``): when none of them can be reached, nobody steps in.
Each loop is reported once, at the first of its roles.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "fallback"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("roles",),)


def check(playbook: Playbook) -> Iterator[Finding]:
    index: dict[str, int] = {}
    for n, role in enumerate(playbook.roles):
        index.setdefault(role.id, n)
    fallback = {role.id: role.fallback for role in playbook.roles}
    walked: dict[str, int] = {}  # role id -> the walk that reached it first
    for start, role in enumerate(playbook.roles):
        path: list[str] = []
        here: str | None = role.id
        while here is not None and here in fallback and here not in walked:
            walked[here] = start
            path.append(here)
            here = fallback[here]
        if here is None or walked.get(here) != start:
            continue  # the chain ends, or joins one walked before
        loop = path[path.index(here) :]
        head = min(loop, key=index.__getitem__)
        turn = loop.index(head)
        shown = [*loop[turn:], *loop[:turn], head]
        message = (
            f"role '{head}' falls back to itself"
            if len(loop) == 1
            else f"fallback loop: {' → '.join(shown)}; when none of them can be reached, nobody steps in"
        )
        yield Finding(("roles", index[head], "fallback"), message)
