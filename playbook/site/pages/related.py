"""Related documents: each with an anchor other pages link to; documents still to write as gaps."""

from __future__ import annotations

import re

from markupsafe import Markup

from playbook.site import escape
from playbook.site.context import Context
from playbook.site.fragments import gap
from playbook.site.page import Page
from playbook.site.templating import page

__all__ = ["PATH", "related"]

PATH = "related.md"


def related(ctx: Context) -> tuple[Page, ...]:
    """``related.md``, when the playbook lists related documents."""
    if not ctx.book.related_documents:
        return ()
    rows = []
    gaps = []
    for doc in ctx.book.related_documents:
        anchor = Markup('<span id="{}"></span>').format(ctx.document_anchors[doc.id])
        if doc.is_gap:
            path: Markup = gap(ctx)
            gaps.append(
                Markup("{}{}{}").format(escape.text(doc.title), ctx.L.colon, escape.text(doc.purpose or ""))
            )
        elif re.match(r"(?i)(https?|mailto):", doc.path.strip()):
            path = escape.link(escape.code(doc.path), doc.path)
        else:
            path = escape.code(doc.path)
        rows.append([Markup("{}{}").format(anchor, escape.text(doc.title)), path, doc.purpose or ""])
    return (page(ctx, PATH, ctx.L.related, "related.md.j2", rows=rows, gaps=gaps),)
