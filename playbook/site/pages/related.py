"""Related documents: each with an anchor other pages link to; documents still to write as gaps.

A path is a link when the playbook says where the documents live
(``repository.url``) or gives an address; otherwise it is shown as text and
marked as not linked, with a note that says why.
"""

from __future__ import annotations

from markupsafe import Markup

import playbook.derive as derive
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
    unlinked = False
    for doc in ctx.book.related_documents:
        anchor = Markup('<span id="{}"></span>').format(ctx.document_anchors[doc.id])
        url = derive.document_url(ctx.book, doc)
        if doc.is_gap:
            path: Markup = gap(ctx)
            gaps.append(
                Markup("{}{}{}").format(escape.text(doc.title), ctx.L.colon, escape.text(doc.purpose or ""))
            )
        elif url is not None and escape.safe_href(url) is not None:
            path = escape.link(escape.code(doc.path), url)
        else:
            unlinked = True
            # The mark is drawn from its attribute, so that the cell's text stays the path.
            path = Markup('{}<span class="pb-unlinked" data-label="{}"></span>').format(
                escape.code(doc.path), escape.html_attr(ctx.T.not_linked)
            )
        rows.append([Markup("{}{}").format(anchor, escape.text(doc.title)), path, doc.purpose or ""])
    return (
        page(
            ctx,
            PATH,
            ctx.L.related,
            "related.md.j2",
            rows=rows,
            gaps=gaps,
            unlinked_note=ctx.T.not_linked_note if unlinked else None,
        ),
    )
