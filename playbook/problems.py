"""Problems found in a playbook file, each pointing at a line and column."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["Level", "PlaybookError", "Problem"]

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``path:line:col: severity[check]: message``.

    ``line`` and ``column`` count from 1 and point at the YAML node at fault
    (for a missing key: the mapping that lacks it).
    """

    path: str
    line: int
    column: int
    severity: Level
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity}[{self.check}]: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        """The problem as a JSON-ready mapping."""
        return asdict(self)


class PlaybookError(ValueError):
    """Raised by :func:`playbook.load` when a playbook has errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        lines = "\n".join(str(p) for p in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s) in the playbook:\n{lines}{more}")
