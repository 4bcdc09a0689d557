"""Semantic diff of two playbooks: what changed in meaning, and what got looser.

Both playbooks are walked with :func:`playbook.model.walk`; every value gets a
path in which list items are named by their id (``severities[P1].respond_within``),
so reordering is not a change and a renamed item is one removal and one
addition. Whether a change is *looser* (lets an incident be handled more
slowly or with less) comes from the :class:`~playbook.model.Looser` marker the
model declares on the field: a longer target, a less severe matrix cell, a
higher rollback threshold, a longer hold time, a removed step, rule or
section, a rule moved to a milder tier, a check turned off or made a warning,
a level worked in business hours only. A ``when``, a relative deadline, an
update cadence and a calendar's hours and holidays are each judged as a whole
(:mod:`playbook.review.looser`). Any other edit is listed plainly. A section
added to the model is covered the moment it is declared. :func:`compare` adds
the exported alerting rules the changes add, remove or alter
(:mod:`playbook.review.alerts`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from playbook.checks import DEFAULTS
from playbook.model import Identity, Looser, Playbook, Ref, Shape, walk
from playbook.model.classification import Band
from playbook.model.timing import Deadline
from playbook.model.walk import fields_of, marker
from playbook.model.when import When
from playbook.problems import printable
from playbook.review.alerts import AlertChange, alert_changes, words
from playbook.review.looser import Sides, judge

__all__ = ["Change", "Comparison", "code", "compare", "diff", "to_json", "to_markdown"]

Direction = Literal["looser", "stricter", "changed", "added", "removed"]


@dataclass(frozen=True)
class Change:
    """One difference in meaning between two playbooks."""

    where: str
    text: str
    direction: Direction
    loosens: bool
    before: str | None = None
    """The old value as shown, for a change of value (None for an item added or removed)."""
    after: str | None = None
    """The new value as shown."""
    note: str | None = None
    """What the change affects, or why it is looser (``no longer for SEV-2``), when the values do not say."""

    @property
    def verdict(self) -> str:
        """`` (looser)``, `` (stricter)`` or nothing; with the note when there is one."""
        return self._verdict(self.note)

    def _verdict(self, note: str | None) -> str:
        word = "looser" if self.loosens else ("stricter" if self.direction == "stricter" else "")
        if note is None:
            return f" ({word})" if word else ""
        return f" ({word}: {note})" if word else f" ({note})"

    def __str__(self) -> str:
        return f"{self.text}{self.verdict}"

    def to_markdown(self) -> str:
        """The change with every value from the playbooks in an inert code span."""
        verdict = self._verdict(None if self.note is None else _inert(self.note))
        if self.before is None or self.after is None:
            return f"{code(self.where)} {self.direction}{verdict}"
        return f"{code(self.where)} {code(self.before)} → {code(self.after)}{verdict}"

    def to_dict(self) -> dict[str, Any]:
        """The change as a JSON-ready mapping: where, text, direction, loosens, and note when there is one."""
        out: dict[str, Any] = {
            "where": self.where,
            "text": self.text,
            "direction": self.direction,
            "loosens": self.loosens,
        }
        if self.note is not None:
            out["note"] = self.note
        return out


def _inert(text: str) -> str:
    # A note holds ids, values and fixed words; escaping what Markdown reads keeps it plain text.
    return re.sub(r"([\\`*_{}\[\]<>#!|~@&])", r"\\\1", printable(text))


def code(text: str) -> str:
    """``text`` as a Markdown code span that nothing inside can end: HTML, mentions, comments inert.

    Control characters and line breaks are escaped, and the span is fenced
    with one backtick more than the longest run inside.
    """
    shown = printable(text) or " "
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown[0] in "` " or shown[-1] in "` " else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


@dataclass(frozen=True)
class _Entry:
    value: Any
    shape: Shape
    node: bool
    """An item of a list or a section: a thing that can be added or removed as a whole."""
    removal_loosens: bool
    field: str = ""
    parent: BaseModel | None = None
    """The model whose field holds the value."""


def diff(old: Playbook, new: Playbook) -> list[Change]:
    """Every change in meaning from ``old`` to ``new``: ``old``'s order, then what ``new`` adds."""
    before, after = _entries(_effective(old)), _entries(_effective(new))
    sides = Sides(old, new)
    changes: list[Change] = []
    gone: list[str] = []
    for path, entry in before.items():
        if any(_under(path, prefix) for prefix in gone):
            continue
        other = after.get(path)
        if entry.node and entry.value is not None and (other is None or other.value is None):
            gone.append(path)
            changes.append(Change(path, f"{path} removed", "removed", entry.removal_loosens))
        elif other is not None and not entry.node:
            changes += _compare(path, entry, other, sides)
    born: list[str] = []
    for path, entry in after.items():
        if entry.node and entry.value is not None and any(_under(path, prefix) for prefix in born):
            continue
        previous = before.get(path)
        if entry.node and entry.value is not None and (previous is None or previous.value is None):
            born.append(path)
            changes.append(Change(path, f"{path} added", "added", False))
    return changes


def _under(path: str, prefix: str) -> bool:
    return path.startswith(prefix) and path[len(prefix) : len(prefix) + 1] in (".", "[")


def _effective(book: Playbook) -> Playbook:
    # An absent check is at its default severity: turning it off or down must show.
    return book.model_copy(update={"checks": {**DEFAULTS, **book.checks}})


def _name(item: Any, index: int) -> str:
    if isinstance(item, BaseModel):
        for spec in fields_of(type(item)):
            if marker(spec.shape, Identity) is not None:
                found = getattr(item, spec.name)
                if found is not None:
                    return str(found)
        key = getattr(item, "key", None)
        if isinstance(key, str):
            return key
        # An item without an id of its own is named by what it refers to (an axis level by its severity).
        for spec in fields_of(type(item)):
            found = getattr(item, spec.name)
            if marker(spec.shape, Ref) is not None and isinstance(found, str):
                return found
    return str(index)


_WHOLE_MODELS = (When, Deadline, Band)
_WHOLE_WAYS = ("cadence", "hours", "holidays")


def _whole(shape: Shape) -> bool:
    """A value compared as one: a condition, a deadline, a cadence, a calendar's hours or holidays."""
    if shape.model in _WHOLE_MODELS:
        return True
    looser = marker(shape, Looser)
    return looser is not None and looser.way in _WHOLE_WAYS


def _entries(book: Playbook) -> dict[str, _Entry]:
    """Every value of ``book`` under its path, in document order."""
    paths: dict[tuple[str | int, ...], str] = {(): ""}
    shapes: dict[tuple[str | int, ...], Shape] = {}
    inside: set[tuple[str | int, ...]] = set()
    out: dict[str, _Entry] = {}
    for visit in walk(book):
        if visit.key:
            continue
        parent = visit.loc[:-1]
        if parent in inside:
            inside.add(visit.loc)
            continue
        container = shapes.get(parent)
        if container is not None and container.kind == "list" and container.item is not None:
            if container.item.kind == "value":
                continue  # a list of plain values is compared as one value
            path = f"{paths[parent]}[{_name(visit.value, int(visit.loc[-1]))}]"
            while path in out:
                path += "'"
            removal = marker(container, Looser)
            out[path] = _Entry(
                visit.value, visit.shape, True, removal is not None and removal.way == "removal"
            )
        else:
            path = f"{paths[parent]}.{visit.loc[-1]}" if paths[parent] else str(visit.loc[-1])
            if _whole(visit.shape):
                inside.add(visit.loc)
                out[path] = _Entry(visit.value, visit.shape, False, False, visit.field, visit.parent)
            elif visit.shape.kind == "model":
                removal = marker(visit.shape, Looser)
                loosens = removal is not None and removal.way == "removal"
                out[path] = _Entry(visit.value, visit.shape, True, loosens)
            elif visit.shape.kind == "value" or (
                visit.shape.kind == "list"
                and visit.shape.item is not None
                and visit.shape.item.kind == "value"
            ):
                out[path] = _Entry(visit.value, visit.shape, False, False, visit.field, visit.parent)
        paths[visit.loc] = path
        shapes[visit.loc] = visit.shape
    return out


def _compare(path: str, entry: _Entry, other: _Entry, sides: Sides) -> Iterator[Change]:
    old, new = entry.value, other.value
    if old == new and type(old) is type(new) and entry.shape.model is None:
        return
    judged = judge(entry.shape, entry.field, old, new, (entry.parent, other.parent), sides)
    if judged is None:
        return
    verdict = judged.verdict.loosens
    direction: Direction
    if verdict is None:
        direction = "added" if old is None else ("removed" if new is None else "changed")
    else:
        direction = "looser" if verdict else "stricter"
    text = f"{path} {judged.before} → {judged.after}"
    yield Change(path, text, direction, bool(verdict), judged.before, judged.after, judged.verdict.note)


@dataclass(frozen=True)
class Comparison:
    """What changed in meaning from the playbook named ``old`` to the one named ``new``."""

    old: str
    new: str
    changes: tuple[Change, ...]
    alerts: tuple[AlertChange, ...] = ()
    """The exported alerting rules the changes add, remove or alter."""

    @property
    def loosens(self) -> bool:
        """True when any change loosens the playbook."""
        return any(c.loosens for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """``{"old", "new", "loosens", "changes": [...]}``, JSON-ready; ``"alerts"`` too when any changes."""
        out: dict[str, Any] = {
            "old": self.old,
            "new": self.new,
            "loosens": self.loosens,
            "changes": [c.to_dict() for c in self.changes],
        }
        if self.alerts:
            out["alerts"] = [a.to_dict() for a in self.alerts]
        return out

    def to_markdown(self) -> str:
        """A Markdown summary for a pull-request comment; looser changes first."""
        old, new = code(self.old), code(self.new)
        if not self.changes:
            return f"No change in meaning between {old} and {new}.\n"
        looser = [c for c in self.changes if c.loosens]
        lines = [f"### Playbook changes: {old} → {new}", ""]
        if looser:
            lines += [f"**{len(looser)} change(s) loosen the playbook:**", ""]
            lines += [f"- ⚠️ {c.to_markdown()}" for c in looser]
            lines.append("")
        rest = [c for c in self.changes if not c.loosens]
        if rest:
            lines += ["Other changes:", ""] if looser else []
            lines += [f"- {c.to_markdown()}" for c in rest]
            lines.append("")
        if self.alerts:
            lines += [f"**{len(self.alerts)} exported alert(s) change** (`playbook export prometheus`):", ""]
            lines += [f"- {_alert_markdown(a)}" for a in self.alerts]
            lines.append("")
        return "\n".join(lines)


def _alert_markdown(change: AlertChange) -> str:
    """An alert's change with every value from the playbooks in an inert code span."""
    if not change.parts:
        return f"{code(change.alert)} {words(change.change)}"
    parts = "; ".join(f"{code(part)} {code(before)} → {code(after)}" for part, before, after in change.parts)
    return f"{code(change.alert)}: {parts}"


def compare(old: Playbook, new: Playbook, old_name: str, new_name: str) -> Comparison:
    """:func:`diff` of two playbooks, with the names they are shown by, and the alerts that change."""
    changes = tuple(diff(old, new))
    return Comparison(old_name, new_name, changes, alert_changes(old, new) if changes else ())


def to_markdown(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """A Markdown summary for a pull-request comment; see :meth:`Comparison.to_markdown`."""
    return Comparison(old_name, new_name, tuple(changes)).to_markdown()


def to_json(changes: Sequence[Change], old_name: str, new_name: str) -> str:
    """The changes as JSON: ``{"old", "new", "loosens", "changes": [...]}``."""
    body = Comparison(old_name, new_name, tuple(changes)).to_dict()
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
