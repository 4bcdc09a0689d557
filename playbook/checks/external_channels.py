"""Every external rule reaches users somewhere: its channels, or another rule's, without a loop.

An external rule lists its ``channels`` or names another rule with
``same_channels_as``. A ``same_channels_as`` chain that comes back to a rule
already on it is reported, naming the loop; so is a rule that ends up with
no channels at all (none of its own, and none at the end of its chain). A
``same_channels_as`` naming no rule is a ``references`` error instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.model import ExternalRule, Playbook
from playbook.problems import Level
from playbook.source import Loc

ID = "external-channels"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("communication", "external"),)

_SEPARATOR = " → "
_SHOWN = 6


def _name_loop(loop: list[str], start: int) -> str:
    """The loop from ``loop[start]`` back to it; a long one by its first few rules and its length."""
    count = len(loop)
    shown = [loop[(start + k) % count] for k in range(min(count, _SHOWN))]
    if count > _SHOWN:
        shown.append(f"… ({count} rules)")
    return _SEPARATOR.join([*shown, loop[start]])


def check(playbook: Playbook) -> Iterator[Finding]:
    if playbook.communication is None:
        return
    external = playbook.communication.external
    rules: dict[str, ExternalRule] = {}
    for rule in external:
        rules.setdefault(rule.id, rule)
    # Each rule's outcome, found once: ("ok", ""), ("dangling", ""), ("loop", text), ("empty", last id).
    outcome: dict[str, tuple[str, str]] = {}
    for start in rules:
        path: list[str] = []
        position: dict[str, int] = {}
        current: ExternalRule | None = rules[start]
        result: tuple[str, str]
        while True:
            if current is None:
                result = ("dangling", "")
                break
            if current.id in outcome:
                result = outcome[current.id]
                if result[0] == "loop":
                    result = ("into-loop", result[1])
                break
            if current.id in position:
                loop = path[position[current.id] :]
                for k, rule_id in enumerate(loop):
                    outcome[rule_id] = ("loop", _name_loop(loop, k))
                text = _name_loop(loop, 0)
                path = path[: position[current.id]]
                result = ("into-loop", text)
                break
            position[current.id] = len(path)
            path.append(current.id)
            if current.channels:
                result = ("ok", "")
                break
            if current.same_channels_as is None:
                result = ("empty", current.id)
                break
            current = rules.get(current.same_channels_as)
        for rule_id in path:
            outcome.setdefault(rule_id, result)
    seen: set[str] = set()
    for index, rule in enumerate(external):
        if rule.id in seen:
            continue
        seen.add(rule.id)
        kind, detail = outcome[rule.id]
        loc: Loc = ("communication", "external", index)
        if kind == "loop":
            yield Finding(
                (*loc, "same_channels_as"),
                f"external rule '{rule.id}': same_channels_as loops ({detail}); "
                "give one rule of the loop its own channels",
            )
        elif kind == "into-loop":
            yield Finding(
                (*loc, "same_channels_as"),
                f"external rule '{rule.id}' has no channels: its same_channels_as chain "
                f"runs into a loop ({detail})",
            )
        elif kind == "empty" and detail == rule.id:
            yield Finding(
                (*loc, "channels"),
                f"external rule '{rule.id}' has no channels; list its channels or name a rule "
                "with same_channels_as",
            )
        elif kind == "empty":
            yield Finding(
                (*loc, "same_channels_as"),
                f"external rule '{rule.id}' has no channels: its same_channels_as chain "
                f"ends at '{detail}', which has none",
            )
