"""The site's stylesheets: layout, print, and one colour per severity."""

from __future__ import annotations

from playbook.site import templating
from playbook.site.palette import colours
from playbook.model import Playbook
from playbook.wording import labels

__all__ = ["assets"]

_STYLESHEETS = ("playbook.css", "print.css", "severities.css")


def assets(book: Playbook) -> dict[str, str]:
    """``{path: text}`` of every stylesheet under ``assets/``."""
    values = {"L": labels(book.language), "colours": colours([s.id for s in book.severities])}
    return {f"assets/{name}": templating.raw(f"{name}.j2", values) for name in _STYLESHEETS}
