"""The site's stylesheets and script: layout, print, one colour per severity, the live tool.

``playbook.js`` (see its template) ticks checklists, answers the classify
form, draws the workflow upright on a phone, hints at tables wider than the
screen and wraps emoji; ``playbook.css`` paints those emoji from the pictures
:mod:`playbook.site.emoji` inlines, and ``print.css`` puts the playbook's
name, version and date on every printed page.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from markupsafe import Markup

import playbook.derive as derive
from playbook.model import Playbook
from playbook.site import emoji, templating
from playbook.site.palette import colours
from playbook.wording import labels, terms

__all__ = ["SCRIPT", "VENDORED", "assets", "vendored"]

_STYLESHEETS = ("playbook.css", "print.css", "severities.css")
SCRIPT = "assets/playbook.js"
"""The site's one script of its own, which the MkDocs configuration loads on every page."""


def assets(book: Playbook, emoji_found: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{path: text}`` of every stylesheet under ``assets/``, and of :data:`SCRIPT`.

    ``emoji_found`` maps each emoji the pages use to its picture's name
    (:func:`playbook.site.emoji.used`).
    """
    T = terms(book.language)
    found = dict(emoji_found or {})
    values = {
        "L": labels(book.language),
        "colours": colours([s.id for s in book.severities]),
        "format2": derive.uses_format_2(book),
        "emoji_rules": emoji.rules(found),
        "emoji_credit": Markup(emoji.ATTRIBUTION) if found else "",
        "print_footer": _css_string(_footer(book, T.page)),
        "words": {
            "new_incident": T.new_incident,
            "undo": T.undo,
            "no_incident": T.no_incident,
            "incident_started": T.incident_started,
            "ticked_at": T.ticked_at,
            "kept_here": T.kept_here,
            "scroll_hint": T.scroll_hint,
        },
        "emoji": found,
    }
    files = {f"assets/{name}": templating.raw(f"{name}.j2", values) for name in _STYLESHEETS}
    files[SCRIPT] = templating.raw("playbook.js.j2", values)
    return files


def _footer(book: Playbook, page: str) -> tuple[str, str]:
    """The printed page's footer, the text before its number and after it.

    ``Name · Version 1.0 · Last Updated 2025-12-23 · Page `` and nothing, in English.
    """
    L = labels(book.language)
    parts = [book.name]
    if book.version:
        parts.append(f"{L.version} {book.version}")
    if book.updated:
        parts.append(f"{L.updated} {book.updated.isoformat()}")
    before, _, after = page.partition("{page}")
    return L.dot.join(parts) + L.dot + before, after


def _css_string(parts: tuple[str, str]) -> Markup:
    """``"text" counter(page) "text"`` for a CSS ``content``: all but ASCII letters and digits escaped."""
    before, after = (
        '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in part) + '"'
        for part in parts
    )
    return Markup(f"{before} counter(page) {after}")


_VENDOR = Path(__file__).parent / "vendor"
VENDORED = (
    "mermaid.min.js",
    "mermaid.LICENSE.txt",
    "mermaid.NOTICE.txt",
    "iframe-worker.shim.js",
    "iframe-worker.LICENSE.txt",
)
"""Files the site serves as they ship in the package, from their npm packages, with their licences:
Mermaid (the workflow diagram) and iframe-worker 1.0.4 (search opened from disk)."""


@cache
def vendored() -> dict[str, str]:
    """The vendored files under ``assets/vendor/``, read once."""
    return {f"assets/vendor/{name}": (_VENDOR / name).read_text(encoding="utf-8") for name in VENDORED}
