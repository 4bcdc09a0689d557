"""The postmortem: which incidents need one and by when, its lifecycle, the template to copy or download."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Postmortem, PostmortemSection
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import only_for, severity
from playbook.site.page import File, Page
from playbook.site.templating import page

__all__ = ["DOWNLOAD_NAME", "DOWNLOAD_PATH", "PATH", "postmortem"]

PATH = "postmortem.md"

DOWNLOAD_NAME = "postmortem-template.md"
"""The file name a browser saves the postmortem template under."""

DOWNLOAD_PATH = "downloads/postmortem-template.txt"
"""Where the site serves the template (``.txt``, so that MkDocs copies it instead of building it)."""

Row = list[Markup | str]


def postmortem(ctx: Context) -> tuple[Page | File, ...]:
    """``postmortem.md`` and the downloadable template, when the playbook has a postmortem section."""
    section = ctx.book.postmortem
    if section is None:
        return ()
    L = ctx.L
    template = escape.plain(derive.postmortem_markdown(ctx.book), multiline=True)
    shown = page(
        ctx,
        PATH,
        L.postmortem,
        "postmortem.md.j2",
        meeting=(
            L.meeting.format(within=ctx.say.within(section.meeting_within))
            if section.meeting_within is not None
            else None
        ),
        required=only_for(ctx, PATH, section.required),
        due_rows=_due(ctx, section),
        statuses=[
            Markup("**{}**{}").format(escape.text(s.name), _described(ctx, s.description))
            for s in section.statuses
        ],
        download_label=L.download.format(name=DOWNLOAD_NAME),
        download_path=DOWNLOAD_PATH,
        download_name=DOWNLOAD_NAME,
        block=escape.fence(template, "markdown"),
        section_rows=list(_sections(section.sections, 0)),
    )
    return (shown, File(DOWNLOAD_PATH, template))


def _described(ctx: Context, description: str | None) -> Markup:
    return Markup("{}{}").format(ctx.L.colon, escape.text(description)) if description else Markup()


def _due(ctx: Context, section: Postmortem) -> list[Row]:
    """Each severity with when its report is due, or that it needs none, once the section says either."""
    if section.required is None and not section.due:
        return []
    book, say = ctx.book, ctx.say
    rows: list[Row] = []
    for s in book.severities:
        due = derive.postmortem_due(book, s)
        if due is not None:
            text = say.word(
                "after_event", d=say.duration(due.within), event=derive.event_name(book, due.after)
            )
        elif derive.postmortem_required(book, s):
            text = ctx.L.nothing
        else:
            text = say.word("postmortem_none")
        rows.append([severity(ctx, PATH, s.id), text])
    return rows


def _sections(sections: Iterable[PostmortemSection], depth: int) -> Iterable[Row]:
    """``[title, id]`` of every section, a subsection indented under its parent."""
    for s in sections:
        yield [Markup("{}{}").format(Markup("&emsp;" * depth), escape.text(s.title)), escape.code(s.id)]
        yield from _sections(s.sections, depth + 1)
