"""Cadences, deadlines relative to events, and escalation timers."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from pydantic import Field, model_validator

from playbook.clock import BusinessTime
from playbook.model.base import Id, Identity, Looser, Node, Owners, Ref, SpanValue, Text
from playbook.model.when import When

__all__ = ["Cadence", "Deadline", "Escalation"]

_LONGER = Looser("longer")


class Cadence(Node):
    """One step of an update cadence.

    ``{every: 20m, until: 2h}`` then ``{every: 1h}``: every 20 minutes for the
    first two hours, then hourly. ``{once: 2bd}``: a single update. ``state``
    limits the step to the time the incident spends in one state.
    """

    every: Annotated[SpanValue | None, _LONGER] = None
    """Repeat at this interval."""
    once: Annotated[SpanValue | None, _LONGER] = None
    """A single update, this long after the incident is declared (or enters ``state``)."""
    until: SpanValue | None = None
    """Only until this long after the incident is declared; the next step takes over."""
    state: Annotated[Id | None, Ref("state")] = None
    """Only while the incident is in this state."""

    @model_validator(mode="after")
    def _one_kind(self) -> Cadence:
        if (self.every is None) == (self.once is None):
            raise ValueError("a cadence step has exactly one of 'every' or 'once'")
        if self.once is not None and self.until is not None:
            raise ValueError("a single update ('once') takes no 'until'")
        return self


class Deadline(Node):
    """A deadline relative to an event.

    ``{within: 5m, after: first-communication}``: five minutes after it;
    ``{by: 24h, before: postmortem-meeting}``: a day before it.
    """

    within: Annotated[SpanValue | None, _LONGER] = None
    """How long after ``after``."""
    after: Id | None = None
    """The event the deadline counts from: declared, acknowledged, mitigated, resolved or a declared one."""
    by: Annotated[SpanValue | None, Looser("lower")] = None
    """How long before ``before``."""
    before: Id | None = None
    """The event the deadline counts back from."""

    @model_validator(mode="after")
    def _one_way(self) -> Deadline:
        given = tuple(x is not None for x in (self.within, self.after, self.by, self.before))
        if given not in ((True, True, False, False), (False, False, True, True)):
            raise ValueError(
                "a deadline is {within: <duration>, after: <event>} or {by: <duration>, before: <event>}"
            )
        if isinstance(self.by, BusinessTime):
            raise ValueError(
                f"a deadline before an event is counted in calendar time: write 'by' as 24h, not {self.by}"
            )
        return self

    @property
    def event(self) -> str:
        """The event the deadline is relative to."""
        return self.after if self.after is not None else str(self.before)

    @property
    def offset(self) -> timedelta | BusinessTime:
        """The span from or to the event."""
        value = self.within if self.within is not None else self.by
        assert value is not None
        return value


class Escalation(Node):
    """An escalation timer: if something has not happened in time, someone is paged.

    ``{after: 15m, unless: acknowledged, page: incident-manager}``;
    ``{after: 30m, while_state: investigating, page: incident-manager}``.
    """

    id: Annotated[Id, Identity("escalation")]
    """The escalation's id."""
    after: Annotated[SpanValue, _LONGER]
    """How long after the incident is declared (or enters ``while_state``, or ``from`` happens)."""
    from_: Id | None = Field(None, alias="from")
    """The event the timer counts from, when not the declaration (acknowledged, or a declared event)."""
    unless: Id | None = None
    """The event that stops the timer (acknowledged, mitigated, ...)."""
    while_state: Annotated[Id | None, Ref("state")] = None
    """The state the incident must still be in for the timer to fire."""
    page: Annotated[Owners | None, Field(None)] = None
    """The roles paged when the timer fires."""
    action: Text | None = None
    """What happens when the timer fires, in the playbook's words."""
    when: When | None = None
    """Only for these severities, groups or incident types."""

    @model_validator(mode="after")
    def _does_something(self) -> Escalation:
        if not self.page and self.action is None:
            raise ValueError("an escalation says whom it pages ('page') or what happens ('action')")
        return self
