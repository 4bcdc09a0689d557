"""The severity levels: what each means, its targets and when it is worked, who leads, who is paged."""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Severity
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import coverage, escalation, only_for, role_link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "severities"]

PATH = "severities.md"

Row = list[Markup | str]


def severities(ctx: Context) -> tuple[Page, ...]:
    """``severities.md``: one heading and one table per severity, then its typical response."""
    rows = {s.id: _rows(ctx, s) for s in ctx.book.severities}
    return (page(ctx, PATH, ctx.L.severities, "severities.md.j2", severity_rows=rows),)


def _rows(ctx: Context, s: Severity) -> list[Row]:
    L, T, say, book = ctx.L, ctx.T, ctx.say, ctx.book
    table: list[Row] = []

    def row(label: str, value: Markup | str) -> None:
        table.append([Markup("**{}**").format(escape.text(label)), value])

    if s.impact:
        row(L.impact, s.impact)
    if s.examples:
        row(L.examples, ctx.join(s.examples))
    row(L.respond, say.respond(s.respond_within))
    row(L.resolve, say.resolve(s.resolve_within, s.resolution))
    if book.calendars:
        row(T.coverage, coverage(ctx, PATH, s))
    lead = book.lead_for(s)
    if lead is not None:
        row(T.lead, role_link(ctx, PATH, lead))
    if s.escalation:
        row(L.escalation, s.escalation)
    timers = _timers(ctx, s)
    if timers:
        row(T.escalation_timers, Markup("<br>").join(timers))
    cadence = derive.cadence_text(book, s)
    if cadence is not None:
        row(L.update_every, cadence)
    if s.commander:
        row(L.commander, s.commander)
    return table


def _timers(ctx: Context, s: Severity) -> list[Markup]:
    """The escalation timers that can fire for ``s``; one kept to some incident types says which."""
    lines = []
    for timer in ctx.book.escalations:
        if timer.when is not None and not timer.when.matches_severity(s.id, ctx.book.groups):
            continue
        line = escalation(ctx, PATH, timer)
        badge = only_for(ctx, PATH, timer.when) if timer.when and timer.when.incident_type else None
        lines.append(Markup("{} {}").format(line, badge) if badge else line)
    return lines
