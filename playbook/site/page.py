"""What a page function returns: pages, and files published beside them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["File", "Page"]


@dataclass(frozen=True)
class Page:
    """A Markdown page of the site and where it sits in the navigation.

    A page with no ``section`` is an entry of its own, under ``nav_title`` (or
    its ``title``); pages with a ``section`` are listed together under it, in
    the order they are generated.
    """

    path: str
    title: str
    text: str
    nav_title: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class File:
    """A file published beside the pages and outside the navigation, such as a download."""

    path: str
    text: str
