"""Relative links between pages of the site, so that it works opened from disk."""

from __future__ import annotations

import posixpath

__all__ = ["link"]


def link(from_page: str, to: str, anchor: str | None = None) -> str:
    """The relative path from the page ``from_page`` to ``to`` (both paths under ``site/``).

    ``link("roles/ic.md", "matrix.md")`` is ``../matrix.md``;
    ``link("matrix.md", "severities.md", "sev-p0")`` is ``severities.md#sev-p0``.
    """
    target = posixpath.relpath(to, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target
