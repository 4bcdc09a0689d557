"""Time facts in words, stated once: deadlines relative to events, cadences, coverage, escalations."""

from __future__ import annotations

from playbook.model import Playbook, Severity, walk
from playbook.model.postmortem import PostmortemDue
from playbook.model.timing import Cadence, Deadline, Escalation
from playbook.model.when import BUILTIN_EVENTS, When
from playbook.wording import phrases

__all__ = [
    "cadence_text",
    "coverage_text",
    "deadline_text",
    "escalation_text",
    "event_name",
    "postmortem_due",
    "postmortem_required",
    "state_name",
    "uses_format_2",
    "when_text",
]


def event_name(book: Playbook, event: str) -> str:
    """A declared event's name, or a built-in event in words."""
    for declared in book.events:
        if declared.id == event:
            return declared.name
    if event in BUILTIN_EVENTS:
        return phrases(book.language).word(f"event_{event}")
    return event


def state_name(book: Playbook, state: str) -> str:
    """A state's name (Investigating), or its id when undeclared."""
    return next((s.name for s in book.states if s.id == state), state)


def deadline_text(book: Playbook, deadline: Deadline) -> str:
    """``within 5 minutes of first communication``; ``24 hours before postmortem meeting``."""
    say = phrases(book.language)
    event = event_name(book, deadline.event)
    if deadline.after is not None:
        return say.word("after_event", d=say.duration(deadline.offset), event=event)
    return say.word("before_event", d=say.duration(deadline.offset), event=event)


def _cadence_step(book: Playbook, step: Cadence) -> str:
    say = phrases(book.language)
    if step.once is not None:
        text = say.word("once", d=say.duration(step.once))
    else:
        assert step.every is not None
        text = say.update(step.every)
        if step.until is not None:
            text = say.word("for_first", every=text, d=say.duration(step.until))
    if step.state is not None:
        text = say.word("in_state", state=state_name(book, step.state), text=text)
    return text


def cadence_text(book: Playbook, severity: Severity) -> str | None:
    """The severity's status update cadence in words, or None when it sets none."""
    say = phrases(book.language)
    if severity.updates:
        parts = [_cadence_step(book, step) for step in severity.updates]
        out = [parts[0]]
        for previous, step, part in zip(severity.updates, severity.updates[1:], parts[1:], strict=False):
            timed = previous.until is not None and step.state is None
            out.append(say.word("then", text=part) if timed else part)
        return say.clause_separator.join(out)
    if severity.update_every is not None:
        return say.update(severity.update_every)
    return None


def coverage_text(book: Playbook, severity: Severity) -> str:
    """``24x7``, or ``worked in Office hours only``."""
    say = phrases(book.language)
    if severity.coverage == "24x7":
        return say.word("coverage_always")
    calendar = book.calendar(severity.coverage)
    name = (calendar.name or calendar.id) if calendar is not None else severity.coverage
    return say.word("coverage", calendar=name)


def _roles(book: Playbook, ids: tuple[str, ...]) -> str:
    names = {role.id: role.name for role in book.roles}
    return phrases(book.language).join(tuple(names.get(i, i) for i in ids))


def escalation_text(book: Playbook, escalation: Escalation) -> str:
    """``not acknowledged within 15 minutes: page Incident Manager``."""
    say = phrases(book.language)
    parts = []
    if escalation.page:
        parts.append(say.word("page", roles=_roles(book, escalation.page)))
    if escalation.action:
        parts.append(escalation.action)
    action = say.clause_separator.join(parts)
    d = say.duration(escalation.after)
    if escalation.from_ is not None:
        d = say.word("after_event", d=d, event=event_name(book, escalation.from_))
    if escalation.unless is not None:
        return say.word("escalate_unless", d=d, event=event_name(book, escalation.unless), action=action)
    if escalation.while_state is not None:
        return say.word("escalate_state", d=d, state=state_name(book, escalation.while_state), action=action)
    return say.word("escalate_after", d=d, action=action)


def when_text(book: Playbook, when: When | None) -> str | None:
    """``only for: SEV-1, Major``, ``only for: Security``, ``only for: Security (SEV-1, SEV-2)``.

    Severities and groups are alternatives; incident types narrow them, so
    with both the severities follow the types in brackets. None without a
    condition.
    """
    if when is None:
        return None
    say = phrases(book.language)
    groups = {g.id: g.name or g.id for g in book.severity_groups}
    types = {t.id: t.name for t in book.incident_types}
    levels = say.list_separator.join([*when.severity, *(groups.get(g, g) for g in when.group)])
    kinds = say.list_separator.join(types.get(t, t) for t in when.incident_type)
    what = say.paren(kinds, levels) if kinds else levels
    return say.word("only_for", what=what)


def postmortem_required(book: Playbook, severity: Severity, incident_type: str | None = None) -> bool:
    """Whether an incident of ``severity`` (and ``incident_type``) needs a postmortem."""
    postmortem = book.postmortem
    return postmortem is not None and book.applies(postmortem.required, severity.id, incident_type)


def postmortem_due(
    book: Playbook, severity: Severity, incident_type: str | None = None
) -> PostmortemDue | None:
    """The postmortem deadline that applies to ``severity`` (the first that matches), if any."""
    postmortem = book.postmortem
    if postmortem is None or not postmortem_required(book, severity, incident_type):
        return None
    return next((due for due in postmortem.due if book.applies(due.when, severity.id, incident_type)), None)


def uses_format_2(book: Playbook) -> bool:
    """Whether the playbook states anything only format 2 can: the site then styles what shows it."""
    top = (
        book.severity_groups,
        book.incident_types,
        book.calendars,
        book.states,
        book.events,
        book.escalations,
    )
    if any(top) or book.lead is not None or book.classification.axes:
        return True
    for severity in book.severities:
        if severity.coverage != "24x7" or severity.updates or severity.lead or severity.response:
            return True
    return any(isinstance(visit.value, When) for visit in walk(book))
