"""What every page needs, computed once from the playbook and never changed.

The site's words (:class:`~playbook.wording.Labels`, :class:`~playbook.wording.Phrases`),
the derived facts several pages show (severity titles, step wording, channels
followed through ``same_channels_as``), lookups by id, and the path and anchor
of every page and target that other pages link to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

import playbook.derive as derive
from playbook.derive import slug
from playbook.model import Document, Playbook, Role
from playbook.wording import Labels, Phrases, labels, phrases

__all__ = ["Context", "context", "slug"]

_K = TypeVar("_K")
_V = TypeVar("_V")


@dataclass(frozen=True)
class Context:
    """The shared, read-only input of every page function."""

    book: Playbook
    L: Labels
    say: Phrases
    has_schema: bool
    """Whether ``playbook.schema.json`` is published beside the pages."""
    roles: Mapping[str, Role]
    documents: Mapping[str, Document]
    titles: Mapping[str, str]
    """Severity id → ``P0 - Critical（紧急）``."""
    step_texts: Mapping[str, str]
    """Step id → its action with its deadline."""
    channels: Mapping[str, tuple[str, ...]]
    """External rule id → its channels, followed through ``same_channels_as``."""
    checklist_pages: Mapping[str, str]
    """Severity id → the path of its checklist page."""
    role_pages: Mapping[str, str]
    """Role id → the path of its page."""
    severity_anchors: Mapping[str, str]
    """Severity id → its heading's anchor on ``severities.md``."""
    document_anchors: Mapping[str, str]
    """Document id → its row's anchor on ``related.md``."""

    def join(self, items: Iterable[str]) -> str:
        """Free-text items as a list in the playbook's language: ``a、b`` / ``a, b``."""
        return self.say.list_separator.join(items)


def context(book: Playbook, *, has_schema: bool = False) -> Context:
    """The :class:`Context` of ``book``'s site."""
    severity_slugs = _unique_slugs(s.id for s in book.severities)
    role_slugs = _unique_slugs(role.id for role in book.roles)
    return Context(
        book=book,
        L=labels(book.language),
        say=phrases(book.language),
        has_schema=has_schema,
        roles=_frozen({role.id: role for role in book.roles}),
        documents=_frozen({d.id: d for d in book.related_documents}),
        titles=_frozen({s.id: derive.severity_title(book, s) for s in book.severities}),
        step_texts=_frozen(
            {step.id: derive.step_text(book, step) for phase in book.workflow for step in phase.steps}
        ),
        channels=_frozen(derive.channels(book)),
        checklist_pages=_frozen({s: f"checklists/{slug}.md" for s, slug in severity_slugs.items()}),
        role_pages=_frozen({r: f"roles/{slug}.md" for r, slug in role_slugs.items()}),
        severity_anchors=_frozen({s: f"sev-{slug}" for s, slug in severity_slugs.items()}),
        document_anchors=_frozen(
            {d: f"doc-{slug}" for d, slug in _unique_slugs(d.id for d in book.related_documents).items()}
        ),
    )


RESERVED = frozenset({"index"})
"""Slugs a page of its own never takes: ``roles/index.md`` is the list of roles."""


def _unique_slugs(ids: Iterable[str]) -> dict[str, str]:
    return derive.unique_slugs(ids, RESERVED)


def _frozen(mapping: dict[_K, _V]) -> Mapping[_K, _V]:
    return MappingProxyType(mapping)
