"""Names derived from ids: slugs for files and anchors, and identifiers for alerts."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["camel", "slug", "unique", "unique_slugs"]


def slug(value: str) -> str:
    """``value`` as a file name or anchor: lower case letters, digits, ``_`` and ``-``."""
    out = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-")
    return out or "x"


def unique(base: str, taken: set[str], following: dict[str, int]) -> str:
    """``base``, or ``base-2``, ``base-3``... when taken; the result is added to ``taken``.

    ``following`` remembers the last suffix of each base, so n names cost n steps.
    """
    current = base
    while current in taken:
        following[base] = following.get(base, 1) + 1
        current = f"{base}-{following[base]}"
    taken.add(current)
    return current


def unique_slugs(ids: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """Each id's slug, made unique in order (``p0``, ``p0-2``); ``reserved`` slugs are never given.

    Ids differing only by case or by ``.`` would collide as file names on some
    systems, and an id ``index`` would overwrite a section's own index page.
    """
    taken = set(reserved)
    following: dict[str, int] = {}
    return {item: unique(slug(item), taken, following) for item in ids}


def camel(*ids: str) -> str:
    """Ids as one identifier: ``camel("rollback", "error-rate-critical")`` is ``RollbackErrorRateCritical``.

    Letters and digits are kept, every other character separates words. The
    result starts with a letter (``Alert`` is put before a leading digit), so
    it is a valid Prometheus name.
    """
    words = [w for text in ids for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    out = "".join(w[:1].upper() + w[1:] for w in words)
    return out if out[:1].isalpha() else f"Alert{out}"
