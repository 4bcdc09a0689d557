"""Severity targets are ordered.

Severities are listed most severe first, so a more severe level never has a
longer ``respond_within``, ``resolve_within`` or ``update_every`` than the
level after it. Within one level, the response comes no later than the
resolution, and status updates are due at least once before the resolution
target: ``update_every``, or the first step of ``updates`` that applies when
the incident is declared (one without a ``state``, or in the first state).
Targets are compared only when both are set and of one kind (calendar time,
working hours or working days); ``none`` is no target.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from playbook.checks.base import Finding
from playbook.clock import BusinessTime, format_span, span_key
from playbook.model import Playbook, Severity
from playbook.problems import Level
from playbook.source import Loc

ID = "severity-order"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("severities",),)

_TARGETS = ("respond_within", "resolve_within", "update_every")
Span = timedelta | BusinessTime


def _longer(a: Span | None, b: Span | None) -> bool:
    """Whether ``a`` is longer than ``b``, when both are set and of one kind."""
    if a is None or b is None:
        return False
    ka, kb = span_key(a), span_key(b)
    return ka[0] == kb[0] and ka[1] > kb[1]


def check(playbook: Playbook) -> Iterator[Finding]:
    levels = playbook.severities
    for index, severity in enumerate(levels):
        loc = ("severities", index)
        respond, resolve = severity.respond_within, severity.resolve_within
        if _longer(respond, resolve):
            assert respond is not None and resolve is not None
            yield Finding(
                (*loc, "respond_within"),
                f"{severity.id} respond_within {format_span(respond)} is longer "
                f"than its resolve_within {format_span(resolve)}",
            )
        if severity.update_every is not None and _longer(severity.update_every, resolve):
            assert resolve is not None
            yield Finding(
                (*loc, "update_every"),
                f"{severity.id} update_every {format_span(severity.update_every)} is longer "
                f"than its resolve_within {format_span(resolve)}",
            )
        yield from _first_update(playbook, severity, loc)
        if index == 0:
            continue
        previous = levels[index - 1]
        for target in _TARGETS:
            mine, theirs = getattr(severity, target), getattr(previous, target)
            if _longer(theirs, mine):
                yield Finding(
                    (*loc, target),
                    f"{severity.id} {target} {format_span(mine)} is shorter than "
                    f"{previous.id}'s {format_span(theirs)}, but {previous.id} is more severe",
                )


def _first_update(playbook: Playbook, severity: Severity, loc: Loc) -> Iterator[Finding]:
    initial = playbook.states[0].id if playbook.states else None
    for n, step in enumerate(severity.updates):
        if step.state is not None and step.state != initial:
            continue
        key, span = ("every", step.every) if step.every is not None else ("once", step.once)
        if span is not None and _longer(span, severity.resolve_within):
            assert severity.resolve_within is not None
            yield Finding(
                (*loc, "updates", n, key),
                f"{severity.id}'s first status update ({key} {format_span(span)}) is due after "
                f"its resolve_within {format_span(severity.resolve_within)}",
            )
        return
