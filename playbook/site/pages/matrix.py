"""The severity matrix: reach × impact as a grid of linked cells, the classify form, the levels, the legend.

Each cell links to its severity's checklist. The classify form answers from
the matrix the page itself carries (``data-pb-matrix``), in the browser, with
no request; its answers are laid out here, one per severity, and the page's
script shows the one that applies. The levels of both axes are listed with
the value ``classify`` takes and what each means.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from playbook.model import Level
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import badge, classify_answers
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "matrix"]

PATH = "matrix.md"


def matrix(ctx: Context) -> tuple[Page, ...]:
    """``matrix.md``: the widest reach on top, one column per impact."""
    cls = ctx.book.classification
    if cls.kind != "matrix":
        return ()
    rows: list[dict[str, Any]] = [
        {
            "reach": reach,
            "cells": [_cell(ctx, cls.matrix.get(reach.id, {}).get(impact.id)) for impact in cls.impact],
        }
        for reach in reversed(cls.reach)
    ]
    described = any(level.description for level in (*cls.impact, *cls.reach))
    return (
        page(
            ctx,
            PATH,
            ctx.L.matrix,
            "matrix.md.j2",
            impacts=cls.impact,
            matrix_rows=rows,
            when_in_doubt=ctx.L.when_in_doubt[cls.when_in_doubt],
            matrix_data=escape.html_attr(json.dumps(cls.matrix, ensure_ascii=False, sort_keys=True)),
            selects=[
                {
                    "name": "impact",
                    "label": ctx.T.impact_axis,
                    "options": [(x.id, x.name) for x in cls.impact],
                },
                {"name": "reach", "label": ctx.T.reach_axis, "options": [(x.id, x.name) for x in cls.reach]},
            ],
            answers=classify_answers(ctx, PATH),
            level_tables=[
                (ctx.T.impact_axis, _levels(ctx, cls.impact, described)),
                (ctx.T.reach_axis, _levels(ctx, cls.reach, described)),
            ],
            level_head=[ctx.T.level, ctx.T.level_id] + ([ctx.T.description] if described else []),
            described=described,
            legend=[_legend(ctx, s.id) for s in ctx.book.severities],
        ),
    )


def _cell(ctx: Context, severity_id: str | None) -> dict[str, Any] | None:
    """A cell: its severity, linked to that severity's checklist, titled with its full name."""
    if severity_id is None:
        return None
    target = ctx.checklist_pages.get(severity_id)
    shown = escape.text(severity_id)
    return {
        "severity": severity_id,
        "title": ctx.L.checklist_of.format(title=ctx.titles.get(severity_id, severity_id)),
        "shown": escape.link(shown, link(PATH, target)) if target else shown,
    }


def _levels(ctx: Context, levels: tuple[Level, ...], described: bool) -> list[list[Markup | str]]:
    rows: list[list[Markup | str]] = []
    for level in levels:
        row: list[Markup | str] = [Markup("**{}**").format(escape.text(level.name)), escape.code(level.id)]
        if described:
            row.append(level.description or ctx.T.not_described)
        rows.append(row)
    return rows


def _legend(ctx: Context, severity_id: str) -> Markup:
    """A severity's badge, its definition and its checklist, each linked."""
    level = ctx.book.severity(severity_id)
    definition = escape.link(
        ctx.titles[severity_id], link(PATH, "severities.md", ctx.severity_anchors[severity_id])
    )
    line = Markup("{} {}").format(badge(severity_id), definition)
    if level.impact:
        line = Markup("{}{}{}").format(line, ctx.L.colon, escape.text(level.impact))
    checklist = escape.link(ctx.L.checklist, link(PATH, ctx.checklist_pages[severity_id]))
    return Markup("{}{}{}").format(line, ctx.L.dot, checklist)
