"""The response workflow: a diagram of the phases, and each phase's steps with their owners."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Phase, Step
from playbook.site import escape
from playbook.site.context import Context, slug
from playbook.site.fragments import only_for, owners
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["MERMAID_PATH", "PATH", "workflow"]

PATH = "workflow.md"

MERMAID_PATH = "assets/vendor/mermaid.min.js"
"""Where the site serves Mermaid from (vendored from its npm package, shipped in this package)."""


def workflow(ctx: Context) -> tuple[Page, ...]:
    """``workflow.md``, when the playbook has a workflow."""
    book = ctx.book
    if not book.workflow:
        return ()
    phases: list[dict[str, Any]] = []
    for number, phase in enumerate(book.workflow, 1):
        rows = [[step.id, _action(ctx, step), owners(ctx, PATH, step.owner)] for step in phase.steps]
        heading = ctx.L.phase_heading.format(number=number, name=derive.phase_name(book, phase))
        phases.append(
            {
                "heading": heading,
                "anchor": f"phase-{slug(phase.id)}",
                "only": only_for(ctx, PATH, phase.when),
                "rows": rows,
            }
        )
    overview = [[_phase(ctx, p), p.goal or ""] for p in book.workflow]
    return (
        page(
            ctx,
            PATH,
            ctx.L.workflow,
            "workflow.md.j2",
            diagram=_diagram(ctx),
            mermaid_src=link(PATH, MERMAID_PATH),
            overview_rows=overview,
            phases=phases,
        ),
    )


def _action(ctx: Context, step: Step) -> Markup | str:
    """The step's action with its deadline, and the badge of its condition."""
    text = ctx.step_texts.get(step.id, step.action)
    badge = only_for(ctx, PATH, step.when)
    return Markup("{} {}").format(text, badge) if badge else text


def _phase(ctx: Context, phase: Phase) -> Markup | str:
    """The phase's name, and the badge of its condition."""
    name = derive.phase_name(ctx.book, phase)
    badge = only_for(ctx, PATH, phase.when)
    return Markup("{} {}").format(name, badge) if badge else name


def _diagram(ctx: Context) -> Markup:
    """The phases left to right as a Mermaid flowchart, each with its goal (or label) below."""
    lines = ["flowchart LR"]
    ids = [f"p{n}" for n in range(len(ctx.book.workflow))]
    for node, phase in zip(ids, ctx.book.workflow, strict=True):
        label = escape.mermaid(phase.name)
        below = phase.goal or phase.label
        if below:
            label += "<br/>" + escape.mermaid(below)
        lines.append(f'    {node}["{label}"]')
    if len(ids) > 1:
        lines.append("    " + " --> ".join(ids))
    body = "\n".join(lines)
    return Markup(f"``` mermaid\n{body}\n```")
