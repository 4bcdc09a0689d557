"""Terms: the severity groups, incident types, states and events that conditions and deadlines name."""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import BUILTIN_EVENTS
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "terms"]

PATH = "terms.md"

Row = list[Markup | str]


def terms(ctx: Context) -> tuple[Page, ...]:
    """``terms.md``, when the playbook declares severity groups, incident types, states or events."""
    book = ctx.book
    if not (book.severity_groups or book.incident_types or book.states or book.events):
        return ()
    groups = [
        [
            _named(ctx, "group", g.id, g.name or g.id),
            Markup(" ").join(_severity(ctx, s) for s in g.severities),
            g.description or "",
        ]
        for g in book.severity_groups
    ]
    types = [[_named(ctx, "type", t.id, t.name), t.description or ""] for t in book.incident_types]
    states = [
        Markup("{}{}").format(
            _named(ctx, "state", s.id, s.name),
            Markup("{}{}").format(ctx.L.colon, escape.text(s.description)) if s.description else "",
        )
        for s in book.states
    ]
    events: list[Row] = []
    if book.events:
        events = [
            [_named(ctx, "event", e, derive.event_name(book, e)), ctx.T.built_in] for e in BUILTIN_EVENTS
        ]
        events += [[_named(ctx, "event", e.id, e.name), e.description or ""] for e in book.events]
    return (
        page(
            ctx,
            PATH,
            ctx.T.terms,
            "terms.md.j2",
            groups=groups,
            types=types,
            states=states,
            events=events,
        ),
    )


def _named(ctx: Context, kind: str, item: str, name: str) -> Markup:
    """The term's name in bold, its id beside it, and the anchor that conditions link to."""
    return Markup('<span id="{}"></span>**{}** {}').format(
        ctx.term_anchors[(kind, item)], escape.text(name), escape.code(item)
    )


def _severity(ctx: Context, severity_id: str) -> Markup:
    return escape.link(badge(severity_id), link(PATH, "severities.md", ctx.severity_anchors.get(severity_id)))
