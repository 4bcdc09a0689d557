"""The roles: an index, then one page per role listing everything it owns and decides."""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import external_content, procedure_how, role_link
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page
from playbook.model import Role

__all__ = ["INDEX", "roles"]

INDEX = "roles/index.md"

Row = list[Markup | str]


def roles(ctx: Context) -> tuple[Page, ...]:
    """``roles/index.md``, then each role's page, when the playbook names roles."""
    L = ctx.L
    if not ctx.book.roles:
        return ()
    pages, rows = [], []
    for role in ctx.book.roles:
        path = ctx.role_pages[role.id]
        steps, procedures, external = _steps(ctx, role), _procedures(ctx, path, role), _external(ctx, role)
        pages.append(_role(ctx, role, path, steps, procedures, external))
        rows.append(_index_row(ctx, role, steps, procedures + external))
    index = page(ctx, INDEX, L.roles, "roles_index.md.j2", nav_title=L.roles, section=L.roles, rows=rows)
    return (index, *pages)


def _steps(ctx: Context, role: Role) -> list[Row]:
    """``[phase, step id, action]`` of every step the role owns."""
    return [
        [derive.phase_name(ctx.book, phase), step.id, ctx.step_texts.get(step.id, step.action)]
        for phase in ctx.book.workflow
        for step in phase.steps
        if role.id in step.owner
    ]


def _procedures(ctx: Context, here: str, role: Role) -> list[Row]:
    """``[component, method, how]`` of every rollback procedure the role owns."""
    rollback = ctx.book.rollback
    if rollback is None:
        return []
    return [
        [p.component, p.method, procedure_how(ctx, here, p)] for p in rollback.procedure if role.id in p.owner
    ]


def _external(ctx: Context, role: Role) -> list[Row]:
    """``[scenario, channels, content]`` of every external communication the role owns."""
    comms = ctx.book.communication
    if comms is None:
        return []
    return [
        [rule.scenario, " / ".join(ctx.channels[rule.id]), external_content(ctx, rule)]
        for rule in comms.external
        if role.id in rule.owner
    ]


def _decisions(ctx: Context, role: Role) -> list[str]:
    """The rollback tiers the role decides on, by title."""
    rollback = ctx.book.rollback
    tiers = rollback.tiers if rollback is not None else ()
    return [derive.tier_title(ctx.book, t.label, t.note) for t in tiers if t.decided_by == role.id]


def _role(
    ctx: Context, role: Role, path: str, steps: list[Row], procedures: list[Row], external: list[Row]
) -> Page:
    decisions = [escape.link(title, link(path, "rollback.md")) for title in _decisions(ctx, role)]
    return page(
        ctx,
        path,
        role.name,
        "role.md.j2",
        section=ctx.L.roles,
        role=role,
        step_rows=steps,
        procedure_rows=procedures,
        external_rows=external,
        decisions=decisions,
    )


def _index_row(ctx: Context, role: Role, steps: list[Row], duties: list[Row]) -> Row:
    """The role, the steps it owns, and its other duties (rollback, external communication, decisions)."""
    owned = [str(row[1]) for row in steps]
    others = [str(row[0]) for row in duties]
    if ctx.book.rollback is not None:
        others += [t.label for t in ctx.book.rollback.tiers if t.decided_by == role.id]
    return [
        role_link(ctx, INDEX, role.id),
        ", ".join(owned) if owned else ctx.L.nothing,
        ctx.join(others) if others else ctx.L.nothing,
    ]
