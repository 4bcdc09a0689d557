"""Detection and triage: where incidents are noticed, and the first questions to ask."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Severity
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge, role_link
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "detection"]

PATH = derive.DETECTION_PAGE


def detection(ctx: Context) -> tuple[Page, ...]:
    """``detection.md``, when the playbook has a detection section."""
    section = ctx.book.detection
    if section is None:
        return ()
    source_rows = []
    alert_rows = []
    for source, watches in zip(section.sources, derive.alerts(ctx.book).detection, strict=True):
        alert_rows += [
            [
                Markup('<span id="{}"></span>{}').format(watch.anchor, escape.code(watch.name)),
                derive.alert_condition(ctx.book, alert),
                source.name,
            ]
            for alert, watch in zip(source.alerts, watches, strict=True)
            if watch.exported
        ]
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
            lines.append(
                Markup("{} {}").format(
                    escape.text(ctx.L.see_matrix),
                    escape.link(ctx.classification_title, link(PATH, ctx.classification_page)),
                )
            )
            lines.append(ctx.L.when_in_doubt[ctx.book.classification.when_in_doubt])
        elif step.derive == "commander":
            lines += _commander_lines(ctx)
        triage.append({"title": step.title, "lines": lines})
    return (
        page(
            ctx,
            PATH,
            ctx.L.detection,
            "detection.md.j2",
            source_rows=source_rows,
            alert_rows=alert_rows,
            triage=triage,
        ),
    )


def _commander_lines(ctx: Context) -> list[Markup]:
    """Who commands, grouped: ``P0/P1：由在线的最资深工程师担任``; a lead role is linked to its page."""
    groups: dict[tuple[str, str], list[Severity]] = {}
    for s in ctx.book.severities:
        lead = ctx.book.lead_for(s)
        if s.commander:
            groups.setdefault(("commander", s.commander), []).append(s)
        elif lead is not None:
            groups.setdefault(("role", lead), []).append(s)
    return [
        Markup("{}{}{}").format(
            Markup("/").join(badge(s.id) for s in levels),
            ctx.L.colon,
            (
                escape.text(ctx.L.commanded_by.format(commander=who))
                if kind == "commander"
                else role_link(ctx, PATH, who)
            ),
        )
        for (kind, who), levels in groups.items()
    ]
