"""The severity levels: what each means, how fast to respond and resolve, who commands."""

from __future__ import annotations

from markupsafe import Markup

from playbook.site import escape
from playbook.site.context import Context
from playbook.site.page import Page
from playbook.site.templating import page
from playbook.model import Severity

__all__ = ["PATH", "severities"]

PATH = "severities.md"

Row = list[Markup | str]


def severities(ctx: Context) -> tuple[Page, ...]:
    """``severities.md``: one heading and one table per severity."""
    rows = {s.id: _rows(ctx, s) for s in ctx.book.severities}
    return (page(ctx, PATH, ctx.L.severities, "severities.md.j2", severity_rows=rows),)


def _rows(ctx: Context, s: Severity) -> list[Row]:
    L, say = ctx.L, ctx.say
    table: list[Row] = []

    def row(label: str, value: Markup | str) -> None:
        table.append([Markup("**{}**").format(escape.text(label)), value])

    if s.impact:
        row(L.impact, s.impact)
    if s.examples:
        row(L.examples, ctx.join(s.examples))
    row(L.respond, say.respond(s.respond_within))
    row(L.resolve, say.resolve(s.resolve_within, s.resolution))
    if s.escalation:
        row(L.escalation, s.escalation)
    if s.update_every is not None:
        row(L.update_every, say.update(s.update_every))
    if s.commander:
        row(L.commander, s.commander)
    return table
