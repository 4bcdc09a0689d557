"""The roles: an index and the escalation timers, then a page per role listing all it owns and decides."""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Role
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import escalation, external_content, only_for, procedure_how, role_link
from playbook.site.links import link
from playbook.site.page import Page
from playbook.site.templating import page

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
    index = page(
        ctx,
        INDEX,
        L.roles,
        "roles_index.md.j2",
        nav_title=L.roles,
        section=L.roles,
        rows=rows,
        timer_rows=[
            [escalation(ctx, INDEX, timer), only_for(ctx, INDEX, timer.when) or ctx.T.all_incidents]
            for timer in ctx.book.escalations
        ],
    )
    return (index, *pages)


def _staffing(ctx: Context, here: str, role: Role) -> list[Markup]:
    """``Rotation: Primary on-call``, ``Fallback: Incident Manager``: who staffs the role, who steps in."""
    lines = []
    if role.rotation:
        lines.append(escape.fill(f"{ctx.T.rotation}{ctx.L.colon}{{rotation}}", rotation=role.rotation))
    if role.fallback:
        fallback = role_link(ctx, here, role.fallback)
        lines.append(escape.fill(f"{ctx.T.fallback}{ctx.L.colon}{{role}}", role=fallback))
    return lines


def _marks(ctx: Context, here: str, role: Role) -> list[Markup]:
    """The role's badges: lead (of every level, or of the levels named), and its condition."""
    marks = []
    led = [s.id for s in ctx.book.severities if ctx.book.lead_for(s) == role.id]
    if led:
        text = ctx.T.lead_role
        if len(led) < len(ctx.book.severities):
            text = ctx.say.paren(text, ctx.say.list_separator.join(led))
        marks.append(Markup('<span class="pb-lead">{}</span>').format(escape.text(text)))
    condition = only_for(ctx, here, role.when)
    if condition is not None:
        marks.append(condition)
    return marks


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
        marks=_marks(ctx, path, role),
        fallback=role_link(ctx, path, role.fallback) if role.fallback else None,
        timers=[
            escalation(ctx, path, timer) for timer in ctx.book.escalations if role.id in (timer.page or ())
        ],
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
    shown = Markup(" ").join([role_link(ctx, INDEX, role.id), *_marks(ctx, INDEX, role)])
    return [
        Markup("<br>").join([shown, *_staffing(ctx, INDEX, role)]),
        ", ".join(owned) if owned else ctx.L.nothing,
        ctx.join(others) if others else ctx.L.nothing,
    ]
