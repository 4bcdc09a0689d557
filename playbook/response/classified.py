"""Classification answers: the severity of an incident, as the command line and scripts show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook.derive import severity_title
from playbook.model import Playbook, Severity
from playbook.problems import printable

__all__ = ["Classified"]


@dataclass(frozen=True)
class Classified:
    """The severity that :meth:`playbook.Playbook.classify` chose, with the playbook that words it."""

    book: Playbook
    severity: Severity

    def to_dict(self) -> dict[str, Any]:
        """The severity as a JSON-ready mapping, every field as the playbook states it."""
        return self.severity.model_dump(mode="json")

    def to_text(self) -> str:
        """The id and the title, tab-separated: ``P0<TAB>P0 - Critical（紧急）``."""
        title = printable(severity_title(self.book, self.severity)).replace("\t", "\\t")
        return f"{printable(self.severity.id)}\t{title}\n"
