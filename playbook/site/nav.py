"""The navigation MkDocs inherits: the site's name, language and pages, in generation order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from playbook.site import escape, templating
from playbook.site.page import Page
from playbook.model import Playbook
from playbook.wording import labels, material_language

__all__ = ["NAV_FILE", "nav"]

NAV_FILE = ".nav.yml"
"""Generated MkDocs configuration (site name, language, nav) that ``mkdocs.yml`` inherits."""


def nav(book: Playbook, pages: Iterable[Page]) -> str:
    """The text of :data:`NAV_FILE`: a page without a section is an entry, a section lists its pages."""
    items: list[dict[str, Any]] = []
    sections: dict[str, dict[str, Any]] = {}
    for page in pages:
        if page.section is None:
            items.append({"title": page.nav_title or page.title, "path": page.path, "children": []})
            continue
        if page.section not in sections:
            sections[page.section] = {"title": page.section, "path": "", "children": []}
            items.append(sections[page.section])
        sections[page.section]["children"].append(page.path)
    return templating.raw(
        "nav.yml.j2",
        {
            "L": labels(book.language),
            "site_name": escape.text(book.name),
            "language": material_language(book.language),
            "nav": items,
        },
    )
