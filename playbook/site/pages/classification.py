"""Classification without a matrix: one table per facet (axes), or the levels by their descriptions.

With axes, a classify form above the tables has a choice per facet and
answers with the most severe of the levels chosen, in the browser, from the
ranks the page carries (``data-pb-data``).
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from playbook.model import AxisLevel
from playbook.site import escape
from playbook.site.context import Context, slug
from playbook.site.fragments import band, classify_answers, severity
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "classification"]

PATH = "classification.md"


def classification(ctx: Context) -> tuple[Page, ...]:
    """``classification.md``, unless a matrix decides (``matrix.md`` shows it).

    With axes: a table per facet, each level with the severity it calls for
    and its band; the most severe facet wins. Without: the levels to choose
    from by their descriptions.
    """
    cls = ctx.book.classification
    if cls.kind == "matrix":
        return ()
    axes: list[dict[str, Any]] = []
    for axis in cls.axes:
        # From what is observed to the answer: the band, the level, then the severity.
        banded = any(level.band is not None for level in axis.levels)
        named = any(level.name or level.id or level.description for level in axis.levels)
        rows = []
        for level in axis.levels:
            row: list[Markup | str] = []
            if banded:
                row.append(band(ctx, level.band) if level.band is not None else ctx.L.nothing)
            if named:
                row.append(_level(ctx, level))
            row.append(severity(ctx, PATH, level.severity))
            rows.append(row)
        head = [ctx.T.band] if banded else []
        head += [ctx.T.level] if named else []
        head += [ctx.L.severity]
        axes.append(
            {
                "name": axis.name,
                "anchor": f"axis-{slug(axis.id)}",
                "description": axis.description,
                "head": head,
                "rows": rows,
            }
        )
    levels = [
        Markup("{}{}{}").format(
            severity(ctx, PATH, s.id),
            ctx.L.colon if s.impact else "",
            escape.text(s.impact) if s.impact else "",
        )
        for s in ctx.book.severities
    ]
    return (
        page(
            ctx,
            PATH,
            ctx.T.classification,
            "classification.md.j2",
            axes=axes,
            banded=any(level.band is not None for axis in cls.axes for level in axis.levels),
            levels=levels if not cls.axes else [],
            selects=[
                {
                    "name": axis.id,
                    "label": axis.name,
                    "options": [_option(ctx, level) for level in axis.levels],
                }
                for axis in cls.axes
            ],
            ranks=escape.html_attr(json.dumps({s.id: n for n, s in enumerate(ctx.book.severities)})),
            answers=classify_answers(ctx, PATH),
            when_in_doubt=ctx.L.when_in_doubt[cls.when_in_doubt],
        ),
    )


def _level(ctx: Context, level: AxisLevel) -> Markup:
    """The level's name (or id) in bold, then its description."""
    name = level.name or level.id
    shown = Markup("**{}**").format(escape.text(name)) if name else Markup()
    if level.description:
        between = Markup(ctx.L.colon) if name else Markup()
        shown = Markup("{}{}{}").format(shown, between, escape.text(level.description))
    return shown or escape.text(ctx.L.nothing)


def _option(ctx: Context, level: AxisLevel) -> tuple[str, str]:
    """A level as a choice of the form: its severity, and its name, band or description with that severity."""
    shown = level.name or level.id or (band(ctx, level.band) if level.band else None) or level.description
    return level.severity, f"{shown}{ctx.T.arrow}{level.severity}" if shown else level.severity
