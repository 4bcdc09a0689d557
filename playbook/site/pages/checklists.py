"""The checklists: an index, then one printable, tickable page per severity."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge, owners
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page
from playbook.derive import ChecklistItem
from playbook.model import Severity

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
    items = derive.checklist_items(ctx.book, s)
    groups: list[dict[str, Any]] = [
        {"title": heading, "lines": [_line(ctx, path, item) for item in grouped]}
        for heading, grouped in derive.group_items(ctx.book, items)
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
        groups=groups,
    )


def _line(ctx: Context, here: str, item: ChecklistItem) -> Markup:
    """One item: a step with its id, its condition in italics, its owners linked."""
    text = escape.text(f"{item.id} {item.text}" if item.kind == "step" else item.text)
    if item.when:
        text = Markup('<span class="pb-when">{}</span>{}{}').format(escape.text(item.when), ctx.L.colon, text)
    if item.owners:
        text = Markup("{}{}{}").format(text, ctx.L.owned_by, owners(ctx, here, item.owners))
    return text
