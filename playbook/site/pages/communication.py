"""The communication plan: who is told what and when, inside and outside, and the message templates."""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge, external_content, only_for, owners
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "communication"]

PATH = "communication.md"


def communication(ctx: Context) -> tuple[Page, ...]:
    """``communication.md``, when the playbook has a communication section."""
    comms = ctx.book.communication
    if comms is None:
        return ()
    say = ctx.say
    internal_rows = []
    for rule in comms.internal:
        scenario = escape.text(say.event(rule.event))
        if rule.severity:
            scenario = Markup("{} {}").format(badge(rule.severity), scenario)
        condition = only_for(ctx, PATH, rule.when)
        if condition is not None:
            scenario = Markup("{} {}").format(scenario, condition)
        when = escape.text(derive.timing_text(ctx.book, rule.timing))
        if rule.timing == "per-severity":
            when = escape.link(when, link(PATH, "severities.md"))
        if rule.deadline is not None:
            when = Markup("{}{}{}").format(
                when, say.clause_separator, escape.text(derive.deadline_text(ctx.book, rule.deadline))
            )
        internal_rows.append([scenario, say.join(list(rule.channels)), say.join(list(rule.audience)), when])
    external_rows = []
    previous: tuple[str, ...] | None = None
    for external in comms.external:
        shown = ctx.channels[external.id]
        # A rule that takes its channels from the row above says so, as the seed does.
        same = external.same_channels_as and shown == previous
        cell = ctx.L.same_as_above if same else " / ".join(shown)
        previous = shown
        content: Markup | str = external_content(ctx, external)
        if external.deadline is not None:
            content = ctx.say.clause_separator.join(
                [content, derive.deadline_text(ctx.book, external.deadline)]
            )
        condition = only_for(ctx, PATH, external.when)
        if condition is not None:
            content = Markup("{} {}").format(content, condition)
        external_rows.append(
            [external.scenario, cell or ctx.L.nothing, content, owners(ctx, PATH, external.owner, " + ")]
        )
    templates = [
        {"name": t.name, "block": escape.fence(derive.template_preview(ctx.book, t))} for t in comms.templates
    ]
    return (
        page(
            ctx,
            PATH,
            ctx.L.communication,
            "communication.md.j2",
            internal_rows=internal_rows,
            external_rows=external_rows,
            templates=templates,
        ),
    )
