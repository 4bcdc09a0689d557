"""Detection and triage: where incidents are noticed, and the first questions to ask."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page
from playbook.model import Severity

__all__ = ["PATH", "detection"]

PATH = "detection.md"


def detection(ctx: Context) -> tuple[Page, ...]:
    """``detection.md``, when the playbook has a detection section."""
    section = ctx.book.detection
    if section is None:
        return ()
    source_rows = []
    for source in section.sources:
        shown = [derive.alert_condition(ctx.book, alert) for alert in source.alerts] + list(source.examples)
        source_rows.append(
            [
                Markup("**{}**").format(escape.text(source.name)),
                ctx.join(shown),
                ctx.L.priorities[source.priority],
            ]
        )
    triage: list[dict[str, Any]] = []
    for step in section.triage:
        lines: list[Markup | str] = list(step.questions)
        if step.derive == "classification":
            if ctx.book.classification.kind == "matrix":
                lines.append(
                    Markup("{} {}").format(
                        escape.text(ctx.L.see_matrix), escape.link(ctx.L.matrix, link(PATH, "matrix.md"))
                    )
                )
            lines.append(ctx.L.when_in_doubt[ctx.book.classification.when_in_doubt])
        elif step.derive == "commander":
            lines += _commander_lines(ctx)
        triage.append({"title": step.title, "lines": lines})
    return (page(ctx, PATH, ctx.L.detection, "detection.md.j2", source_rows=source_rows, triage=triage),)


def _commander_lines(ctx: Context) -> list[Markup]:
    """Who commands, grouped by commander: ``P0/P1：由在线的最资深工程师担任``."""
    groups: dict[str, list[Severity]] = {}
    for s in ctx.book.severities:
        if s.commander:
            groups.setdefault(s.commander, []).append(s)
    return [
        Markup("{}{}{}").format(
            Markup("/").join(badge(s.id) for s in levels),
            ctx.L.colon,
            escape.text(ctx.L.commanded_by.format(commander=commander)),
        )
        for commander, levels in groups.items()
    ]
