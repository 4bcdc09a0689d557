"""Checklists: the ordered duties of one severity, as Markdown, text or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from playbook.derive import ChecklistItem, checklist_items, group_items, phase_id, severity_title
from playbook.errors import UnknownNameError
from playbook.model import Playbook, Severity
from playbook.model.base import spelling
from playbook.problems import printable
from playbook.wording import phrases

__all__ = ["Checklist", "ChecklistItem", "checklist", "markdown_text"]

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#!|~&])")
_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def markdown_text(value: str) -> str:
    """``value`` as inert Markdown text on one line.

    No comment, HTML, image, link, heading, table cell or emphasis starts in
    it, and no ``@mention`` notifies anyone when the list is pasted on GitHub.
    """
    one_line = _BREAKS.sub(" ", value)
    return _MARKDOWN.sub(r"\\\1", printable(one_line)).replace("@", "@\u200b")


@dataclass(frozen=True)
class Checklist:
    """The ordered checklist of one severity, optionally of one phase."""

    book: Playbook
    severity: Severity
    phase: str | None
    items: tuple[ChecklistItem, ...]

    @property
    def playbook(self) -> str:
        """The playbook's name."""
        return self.book.name

    @property
    def title(self) -> str:
        """The severity's title: ``P0 - Critical（紧急）``."""
        return severity_title(self.book, self.severity)

    def __iter__(self) -> Iterator[ChecklistItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def to_dict(self) -> dict[str, Any]:
        """The checklist as a JSON-ready mapping."""
        return {
            "playbook": self.playbook,
            "severity": self.severity.id,
            "phase": self.phase,
            "items": [item.to_dict() for item in self.items],
        }

    def to_json(self) -> str:
        """The checklist as indented JSON."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def groups(self) -> list[tuple[str, list[ChecklistItem]]]:
        """The items under their headings, in order: targets, each phase, external communication."""
        return group_items(self.book, list(self.items))

    def _line(self, item: ChecklistItem, escape: Callable[[str], str] = printable) -> str:
        """One item on one line, each value from the playbook passed through ``escape``."""
        say = phrases(self.book.language)
        text = f"{escape(item.id)} {escape(item.text)}" if item.kind == "step" else escape(item.text)
        if item.when:
            text = f"({escape(item.when)}) {text}"
        if item.owner_names and item.kind != "command":
            text = say.word("owned", text=text, owners=" / ".join(escape(n) for n in item.owner_names))
        return text

    def to_markdown(self) -> str:
        """A Markdown task list, grouped under a heading per phase; every value from the playbook inert."""
        lines = [f"# {markdown_text(self.title)}", ""]
        for title, items in self.groups():
            lines += [f"## {markdown_text(title)}", ""]
            lines += [f"- [ ] {self._line(item, markdown_text)}" for item in items]
            lines.append("")
        return "\n".join(lines)

    def to_text(self) -> str:
        """Plain text, one ``[ ]`` line per item."""
        lines = [printable(self.title)]
        for title, items in self.groups():
            lines += ["", printable(title)]
            lines += [f"  [ ] {self._line(item)}" for item in items]
        return "\n".join(lines) + "\n"


def checklist(
    book: Playbook, severity: str | Severity, phase: str | None = None, *, incident_type: str | None = None
) -> Checklist:
    """Every workflow step and what ``severity`` adds to it, in order.

    See :func:`playbook.derive.checklist_items` for the order. With ``phase``
    (an id, name or label): only that phase's items; an unknown phase raises
    :class:`UnknownNameError` listing the phase ids. ``incident_type`` (an id
    or name of the playbook's ``incident_types``) keeps the steps and rules
    whose ``when`` names it; without it, those for a type are left out.
    """
    level = book.severity(severity)
    wanted = None
    if phase is not None:
        wanted = phase_id(book, phase)
        if wanted is None:
            raise UnknownNameError("phase", phase, [p.id for p in book.workflow])
    kind = incident_type_id(book, incident_type)
    return Checklist(book, level, wanted, tuple(checklist_items(book, level, wanted, kind)))


def incident_type_id(book: Playbook, incident_type: str | None) -> str | None:
    """The id of the incident type named ``incident_type`` (id or name, any case); None for None.

    Raises :class:`UnknownNameError` listing the type ids.
    """
    if incident_type is None:
        return None
    if not isinstance(incident_type, str):
        raise TypeError(f"an incident type is given by its id or name, not {type(incident_type).__name__}")
    wanted = spelling(incident_type)
    for kind in book.incident_types:
        if wanted in (spelling(kind.id), spelling(kind.name)):
            return kind.id
    raise UnknownNameError("incident type", incident_type, [t.id for t in book.incident_types])
