"""The errors the API raises for a question it cannot answer; each is a :class:`ValueError`."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["MessageError", "UnknownLevelError", "UnknownNameError"]


class UnknownLevelError(ValueError):
    """An impact, reach or severity that the playbook does not define; ``choices`` lists the valid ones."""

    def __init__(self, axis: str, value: str, choices: Iterable[str]) -> None:
        self.axis = axis
        self.value = value
        self.choices = tuple(choices)
        super().__init__(f"unknown {axis} {value!r}; choose one of: {', '.join(self.choices)}")


class UnknownNameError(ValueError):
    """A name (metric, signal, template, phase, field) the playbook does not define."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown {kind} {name!r}; known: {', '.join(self.known) or 'none'}")


class MessageError(ValueError):
    """A message cannot be rendered: fields are missing, unknown or not one of the choices."""
