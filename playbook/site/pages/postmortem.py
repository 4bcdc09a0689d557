"""The postmortem template: when to meet, the template to copy or download, and its sections."""

from __future__ import annotations

import playbook.derive as derive
from playbook.site import escape
from playbook.site.context import Context
from playbook.site.page import File, Page
from playbook.site.templating import page

__all__ = ["DOWNLOAD_NAME", "DOWNLOAD_PATH", "PATH", "postmortem"]

PATH = "postmortem.md"

DOWNLOAD_NAME = "postmortem-template.md"
"""The file name a browser saves the postmortem template under."""

DOWNLOAD_PATH = "downloads/postmortem-template.txt"
"""Where the site serves the template (``.txt``, so that MkDocs copies it instead of building it)."""


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
        download_label=L.download.format(name=DOWNLOAD_NAME),
        download_path=DOWNLOAD_PATH,
        download_name=DOWNLOAD_NAME,
        block=escape.fence(template, "markdown"),
        section_rows=[[s.title, escape.code(s.id)] for s in section.sections],
    )
    return (shown, File(DOWNLOAD_PATH, template))
