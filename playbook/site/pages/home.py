"""The home page: the playbook's name, version and review, purpose and scope, and a link to every section."""

from __future__ import annotations

from markupsafe import Markup

from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import role_link
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "home"]

PATH = "index.md"


def home(ctx: Context) -> tuple[Page, ...]:
    """``index.md``, first in the navigation."""
    return (
        page(
            ctx,
            PATH,
            ctx.book.name,
            "index.md.j2",
            nav_title=ctx.L.home,
            first=ctx.book.severities[0],
            sections=sections(ctx),
            has_schema=ctx.has_schema,
            review=review(ctx),
        ),
    )


def review(ctx: Context) -> Markup | None:
    """How often the playbook is reviewed and by whom, with the last and next dates when known."""
    section = ctx.book.review
    if section is None:
        return None
    values: dict[str, Markup | str] = {"period": ctx.say.period(section.every.amount, section.every.unit)}
    if section.owner is not None:
        values["owner"] = role_link(ctx, PATH, section.owner)
    due = section.next_due()
    if section.last_reviewed is None or due is None:
        return escape.fill(ctx.L.reviewed if section.owner else ctx.L.reviewed_unowned, **values)
    values |= {"last": section.last_reviewed.isoformat(), "due": due.isoformat()}
    return escape.fill(ctx.L.reviewed_last if section.owner else ctx.L.reviewed_last_unowned, **values)


def sections(ctx: Context) -> list[tuple[str, str]]:
    """``(path, title)`` of the first page of every section the playbook has, in navigation order.

    Each section's page skips itself on the same condition, and a test holds the
    two together: every page listed here exists, and every such page is listed.
    """
    book, L, T = ctx.book, ctx.L, ctx.T
    candidates = (
        ("severities.md", L.severities, True),
        ("calendars.md", T.calendars, bool(book.calendars)),
        ("detection.md", L.detection, book.detection is not None),
        ("workflow.md", L.workflow, bool(book.workflow)),
        ("checklists/index.md", L.checklists, True),
        ("roles/index.md", L.roles, bool(book.roles)),
        ("communication.md", L.communication, book.communication is not None),
        ("rollback.md", L.rollback, book.rollback is not None),
        ("postmortem.md", L.postmortem, book.postmortem is not None),
        (
            "terms.md",
            T.terms,
            bool(book.severity_groups or book.incident_types or book.states or book.events),
        ),
        ("related.md", L.related, bool(book.related_documents)),
    )
    return [(path, title) for path, title, present in candidates if present]
