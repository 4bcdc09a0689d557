"""The items of a severity's checklist: every duty, in order, as the API and the site list them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from typing import Any, Literal

from playbook.clock import BusinessTime, format_span
from playbook.derive.facts import channels, external_content, phase_name, step_due, step_text, timing_text
from playbook.derive.timing import (
    cadence_text,
    coverage_text,
    deadline_text,
    escalation_text,
    event_name,
    postmortem_due,
)
from playbook.model import Playbook, Severity
from playbook.model.base import spelling
from playbook.wording import phrases

__all__ = ["ChecklistItem", "ItemKind", "checklist_items", "group_items", "phase_id"]

ItemKind = Literal[
    "respond",
    "command",
    "coverage",
    "notify",
    "update",
    "escalate",
    "resolve",
    "postmortem",
    "step",
    "verify",
    "external",
]


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do: a workflow step, or what the severity adds to it.

    ``due`` is the deadline relative to the start of the incident, where the
    playbook fixes one; ``when`` names a condition (such as a rollback).
    """

    id: str
    kind: ItemKind
    text: str
    phase: str | None = None
    owners: tuple[str, ...] = ()
    owner_names: tuple[str, ...] = ()
    due: timedelta | BusinessTime | None = None
    when: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The item as a JSON-ready mapping (``due`` as ``15m``)."""
        data = asdict(self)
        data["owners"] = list(self.owners)
        data["owner_names"] = list(self.owner_names)
        data["due"] = format_span(self.due) if self.due is not None else None
        return data


def phase_id(book: Playbook, phase: str) -> str | None:
    """The id of the phase named ``phase`` (its id, name or label, any case), or None."""
    if not isinstance(phase, str):
        raise TypeError(f"a phase is given by its id, name or label, not {type(phase).__name__}")
    for current in book.workflow:
        if phase == current.id:
            return current.id
    wanted = spelling(phase)
    for field in ("id", "name", "label"):
        for current in book.workflow:
            value = getattr(current, field)
            if value is not None and spelling(value) == wanted:
                return current.id
    return None


def checklist_items(
    book: Playbook, level: Severity, only_phase: str | None = None, incident_type: str | None = None
) -> list[ChecklistItem]:
    """Every workflow step and what ``level`` adds to it, in order.

    Without ``only_phase`` (a phase id): the severity's targets first
    (respond, commander, notifications, update cadence, escalation,
    resolution target), then every phase's steps; the rollback verification
    items follow the phase whose id is ``contain`` (or the third phase),
    marked as applying after a rollback; external communication that applies
    to this severity closes the list, each item conditioned on its scenario.
    With ``only_phase``: only that phase's items. Phases, steps and rules
    with a ``when`` that does not cover ``level`` and ``incident_type`` (None:
    an incident of no declared type) are left out.
    """
    say = phrases(book.language)
    roles = {role.id: role.name for role in book.roles}
    items: list[ChecklistItem] = [] if only_phase is not None else _targets(book, level, incident_type)
    verify_after = _verification_phase(book)
    for current in book.workflow:
        if only_phase is not None and current.id != only_phase:
            continue
        if not book.applies(current.when, level.id, incident_type):
            continue
        items += [
            ChecklistItem(
                id=step.id,
                kind="step",
                text=step_text(book, step),
                phase=current.id,
                owners=step.owner,
                owner_names=tuple(roles.get(o, o) for o in step.owner),
                due=step_due(book, step),
            )
            for step in current.steps
            if book.applies(step.when, level.id, incident_type)
        ]
        if current.id == verify_after and book.rollback is not None:
            when = say.word("after_rollback")
            items += [
                ChecklistItem(id=f"verify:{v.id}", kind="verify", text=v.item, phase=current.id, when=when)
                for v in book.rollback.verification
            ]
    if only_phase is None and book.communication is not None:
        items += _external(book, level, roles, incident_type)
    return items


def group_items(book: Playbook, items: list[ChecklistItem]) -> list[tuple[str, list[ChecklistItem]]]:
    """The items under their headings, in order: targets, each phase, external communication."""
    say = phrases(book.language)
    names = {p.id: phase_name(book, p) for p in book.workflow}
    groups: list[tuple[str, list[ChecklistItem]]] = []
    for item in items:
        if item.kind == "external":
            title = say.word("external")
        elif item.phase:
            title = names.get(item.phase, item.phase)
        else:
            title = say.word("targets")
        if not groups or groups[-1][0] != title:
            groups.append((title, []))
        groups[-1][1].append(item)
    return groups


def _external(
    book: Playbook, level: Severity, roles: dict[str, str], incident_type: str | None
) -> list[ChecklistItem]:
    assert book.communication is not None
    say = phrases(book.language)
    resolved = channels(book)
    items = []
    for rule in book.communication.external:
        if rule.severities and level.id not in rule.severities:
            continue
        if not book.applies(rule.when, level.id, incident_type):
            continue
        what = external_content(book, rule)
        text = say.word("labelled", label=" / ".join(resolved.get(rule.id, ())), text=what)
        if rule.deadline is not None:
            text = say.paren(text, deadline_text(book, rule.deadline))
        items.append(
            ChecklistItem(
                id=f"external:{rule.id}",
                kind="external",
                text=text,
                owners=rule.owner,
                owner_names=tuple(roles.get(o, o) for o in rule.owner),
                when=rule.scenario,
            )
        )
    return items


def _verification_phase(book: Playbook) -> str | None:
    ids = [p.id for p in book.workflow]
    if "contain" in ids:
        return "contain"
    return ids[2] if len(ids) > 2 else (ids[-1] if ids else None)


def _targets(book: Playbook, level: Severity, incident_type: str | None) -> list[ChecklistItem]:
    say = phrases(book.language)
    items = [
        ChecklistItem(
            id="respond", kind="respond", text=say.respond(level.respond_within), due=level.respond_within
        )
    ]
    if level.coverage != "24x7":
        items.append(ChecklistItem(id="coverage", kind="coverage", text=coverage_text(book, level)))
    lead = book.lead_for(level)
    if lead is not None:
        name = next((r.name for r in book.roles if r.id == lead), lead)
        items.append(
            ChecklistItem(
                id="command",
                kind="command",
                text=say.word("lead", name=name),
                owners=(lead,),
                owner_names=(name,),
            )
        )
    elif level.commander:
        items.append(
            ChecklistItem(id="command", kind="command", text=say.word("commander", name=level.commander))
        )
    comms = book.communication
    internal = tuple(
        rule for rule in (comms.internal if comms else ()) if book.applies(rule.when, level.id, incident_type)
    )
    audiences: list[str] = []
    for rule in internal:
        if rule.event != "start" or rule.severity not in (None, level.id):
            continue
        audiences.append(_duty(say.join(rule.audience)))
        text = say.word(
            "notify" if rule.timing is not None else "notify_untimed",
            audience=say.join(rule.audience),
            channels=say.join(rule.channels),
            when=timing_text(book, rule.timing, level),
        )
        due = (
            rule.timing
            if isinstance(rule.timing, timedelta)
            else (timedelta(0) if rule.timing == "immediately" else None)
        )
        items.append(ChecklistItem(id=f"notify:{rule.id}", kind="notify", text=text, due=due))
    cadence = cadence_text(book, level)
    if cadence is not None:
        text = cadence
        # Only a rule that follows the severity's cadence carries it; one with a cadence of its
        # own (an executive summary every 30 minutes) is a different update.
        updates = [
            r
            for r in internal
            if r.event == "update" and r.severity in (None, level.id) and r.timing == "per-severity"
        ]
        for rule in updates[:1]:
            text = say.word(
                "update_detail", text=text, audience=say.join(rule.audience), channels=say.join(rule.channels)
            )
        first = level.updates[0] if level.updates else None
        next_update = level.update_every or (first.every or first.once if first is not None else None)
        items.append(ChecklistItem(id="update", kind="update", text=text, due=next_update))
    if level.escalation:
        _escalation(items, level.escalation, audiences, say.clause_separator)
    for timer in book.escalations:
        if book.applies(timer.when, level.id, incident_type):
            items.append(
                ChecklistItem(
                    id=f"escalation:{timer.id}",
                    kind="escalate",
                    text=escalation_text(book, timer),
                    owners=timer.page or (),
                    due=timer.after,
                )
            )
    items.append(
        ChecklistItem(
            id="resolve",
            kind="resolve",
            text=say.resolve(level.resolve_within, level.resolution),
            due=level.resolve_within,
        )
    )
    report = postmortem_due(book, level, incident_type)
    if report is not None:
        items.append(
            ChecklistItem(
                id="postmortem",
                kind="postmortem",
                text=say.word(
                    "postmortem_due", d=say.duration(report.within), event=event_name(book, report.after)
                ),
            )
        )
    return items


_FILLER = re.compile(r"通知|立即|\bnotify\b|\bimmediately\b|[\s,，、;；:：()（）+]+", re.IGNORECASE)


def _duty(text: str) -> str:
    """A notice's words without filler, to tell whether two notices are one duty."""
    return _FILLER.sub("", text).casefold()


def _escalation(items: list[ChecklistItem], escalation: str, audiences: list[str], separator: str) -> None:
    """Who is told when the severity is declared: one duty with the start notices, stated once.

    Said in the same words as a notice's audience, the escalation adds nothing; otherwise
    its wording joins the first notice. With no notice, it is an item of its own.
    """
    notices = [n for n, item in enumerate(items) if item.kind == "notify"]
    if not notices:
        items.append(ChecklistItem(id="escalate", kind="escalate", text=escalation))
    elif _duty(escalation) not in audiences:
        first = items[notices[0]]
        items[notices[0]] = replace(first, text=separator.join([first.text, escalation]))
