"""Every step of an update cadence can apply.

A severity's ``updates`` are read in order, and at any moment the first step
that applies sets the next update. So:

- a step that repeats for ever (``every`` with no ``until`` and no
  ``state``) is the last: no step after it could ever apply;
- each ``until`` is later than the ``until`` of every earlier step without a
  ``state``, since a step takes over where those end, and would otherwise
  end before it begins (untils are compared when both are of one kind:
  calendar time, working hours or working days);
- ``update_every`` and ``updates`` are not both given: ``updates`` is the
  cadence then, and ``update_every`` would be ignored;
- a state is not given two steps with no ``until`` to tell them apart: the
  first would always win.

A step's ``state`` names a declared state (a ``references`` error otherwise);
the first update falls before the resolution target (``severity-order``).
"""

from __future__ import annotations

from collections.abc import Iterator

from playbook.checks.base import Finding
from playbook.clock import Span, format_span, span_key
from playbook.model import Playbook, Severity
from playbook.problems import Level
from playbook.source import Loc

ID = "cadence"
SEVERITY: Level = "error"
RELAXABLE = True
PARTIAL: tuple[Loc, ...] = (("severities",), ("states",))


def check(playbook: Playbook) -> Iterator[Finding]:
    for index, severity in enumerate(playbook.severities):
        loc: Loc = ("severities", index)
        if severity.updates and severity.update_every is not None:
            yield Finding(
                (*loc, "update_every"),
                f"{severity.id} gives both update_every and updates; updates is its cadence, so "
                "update_every is ignored: state the cadence once",
            )
        yield from _steps(severity, loc)


def _steps(severity: Severity, loc: Loc) -> Iterator[Finding]:
    forever: tuple[Span, int] | None = None  # the step that repeats for ever, and where it stands
    # The latest `until` of the earlier steps without a state, per kind of span.
    latest: dict[int, tuple[Span, int]] = {}
    open_states: dict[str, int] = {}  # a state's step with no until, and where it stands
    for n, step in enumerate(severity.updates):
        here: Loc = (*loc, "updates", n)
        if step.state is not None and step.until is None:
            if step.state in open_states:
                yield Finding(
                    (*here, "state"),
                    f"this step of {severity.id}'s updates never applies: an earlier step already "
                    f"sets the cadence while '{step.state}' lasts",
                    first=(*loc, "updates", open_states[step.state]),
                )
                continue
            open_states[step.state] = n
        if forever is not None:
            yield Finding(
                here,
                f"this step of {severity.id}'s updates never applies: an earlier step "
                f"repeats every {format_span(forever[0])} for ever (no until, no state)",
                first=(*loc, "updates", forever[1]),
            )
            continue
        if step.until is not None:
            kind, amount = span_key(step.until)
            earlier = latest.get(kind)
            if earlier is not None and amount <= span_key(earlier[0])[1]:
                yield Finding(
                    (*here, "until"),
                    f"until {format_span(step.until)} is not later than the until "
                    f"{format_span(earlier[0])} of an earlier step, where this one starts: "
                    "the step would end before it begins",
                    first=(*loc, "updates", earlier[1], "until"),
                )
            elif step.state is None:
                latest[kind] = (step.until, n)
        elif step.every is not None and step.state is None:
            forever = (step.every, n)
