"""The checklists: an index, then one printable, tickable page per severity.

A severity's page lists :func:`playbook.derive.checklist_items`, the items
the API's ``checklist`` returns; when an incident type changes them, a tab per
such type lists that type's checklist beside the standard one.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.derive import ChecklistItem
from playbook.model import Severity, When
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge, escalation, only_for, owners
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["INDEX", "checklists"]

INDEX = "checklists/index.md"


def checklists(ctx: Context) -> tuple[Page, ...]:
    """``checklists/index.md``, then each severity's checklist, in the order of the severities."""
    L = ctx.L
    rows = [
        [
            Markup("{} {}").format(badge(s.id), escape.text(s.name)),
            ctx.say.respond(s.respond_within),
            ctx.say.resolve(s.resolve_within, s.resolution),
            escape.link(_title(ctx, s), link(INDEX, ctx.checklist_pages[s.id])),
        ]
        for s in ctx.book.severities
    ]
    index = page(
        ctx,
        INDEX,
        L.checklists,
        "checklists_index.md.j2",
        nav_title=L.checklists,
        section=L.checklists,
        rows=rows,
    )
    return (index, *(_checklist(ctx, s) for s in ctx.book.severities))


def _title(ctx: Context, s: Severity) -> str:
    return ctx.L.checklist_of.format(title=ctx.titles[s.id])


def _checklist(ctx: Context, s: Severity) -> Page:
    path = ctx.checklist_pages[s.id]
    conditions = _conditions(ctx)
    standard = derive.checklist_items(ctx.book, s)
    variants = [(ctx.T.standard, standard)]
    for kind in ctx.book.incident_types:
        items = derive.checklist_items(ctx.book, s, incident_type=kind.id)
        if items != standard:
            variants.append((kind.name, items))
    shown: list[dict[str, Any]] = [
        {
            "title": title,
            "groups": [
                {"title": heading, "lines": [_line(ctx, path, item, conditions) for item in grouped]}
                for heading, grouped in derive.group_items(ctx.book, items)
            ],
        }
        for title, items in variants
    ]
    title = _title(ctx, s)
    return page(
        ctx,
        path,
        title,
        "checklist.md.j2",
        section=ctx.L.checklists,
        heading=title,
        severity=s,
        definition=Markup("{}{}{}").format(
            escape.text(ctx.L.definition),
            ctx.L.colon,
            escape.link(ctx.titles[s.id], link(path, "severities.md", ctx.severity_anchors[s.id])),
        ),
        variants=shown,
    )


def _conditions(ctx: Context) -> dict[str, tuple[When | None, ...]]:
    """Item id → the conditions it was kept under: a step's phase's and its own, a rule's, a timer's."""
    book = ctx.book
    out: dict[str, tuple[When | None, ...]] = {}
    for phase in book.workflow:
        for step in phase.steps:
            out[f"step:{step.id}"] = (phase.when, step.when)
    if book.communication is not None:
        out |= {f"notify:{rule.id}": (rule.when,) for rule in book.communication.internal}
        out |= {f"external:{rule.id}": (rule.when,) for rule in book.communication.external}
    out |= {f"escalation:{timer.id}": (timer.when,) for timer in book.escalations}
    return out


def _line(
    ctx: Context, here: str, item: ChecklistItem, conditions: dict[str, tuple[When | None, ...]]
) -> Markup:
    """One item: a step with its id, its condition in italics, its owners linked, its conditions' badges."""
    timer = next((t for t in ctx.book.escalations if f"escalation:{t.id}" == item.id), None)
    key = f"step:{item.id}" if item.kind == "step" else item.id
    text = escape.text(f"{item.id} {item.text}" if item.kind == "step" else item.text)
    if timer is not None:
        text = escalation(ctx, here, timer)
    elif item.kind == "command" and len(item.owners) == 1 and item.owners[0] in ctx.roles:
        text = escape.link(item.text, link(here, ctx.role_pages[item.owners[0]]))
    if item.when:
        text = Markup('<span class="pb-when">{}</span>{}{}').format(escape.text(item.when), ctx.L.colon, text)
    if item.owners and timer is None and item.kind != "command":
        text = Markup("{}{}{}").format(text, ctx.L.owned_by, owners(ctx, here, item.owners))
    for when in conditions.get(key, ()):
        badge = only_for(ctx, here, when)
        if badge is not None:
            text = Markup("{} {}").format(text, badge)
    return text
