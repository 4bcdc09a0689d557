"""The site's stylesheets: layout, print, and one colour per severity."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import playbook.derive as derive
from playbook.site import templating
from playbook.site.palette import colours
from playbook.model import Playbook
from playbook.wording import labels

__all__ = ["VENDORED", "assets", "vendored"]

_STYLESHEETS = ("playbook.css", "print.css", "severities.css")


def assets(book: Playbook) -> dict[str, str]:
    """``{path: text}`` of every stylesheet under ``assets/``."""
    values = {
        "L": labels(book.language),
        "colours": colours([s.id for s in book.severities]),
        "format2": derive.uses_format_2(book),
    }
    return {f"assets/{name}": templating.raw(f"{name}.j2", values) for name in _STYLESHEETS}


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
