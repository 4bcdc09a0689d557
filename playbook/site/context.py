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
from playbook.model import BUILTIN_EVENTS, Document, Playbook, Role
from playbook.wording import Labels, Phrases, Terms, labels, phrases, terms

__all__ = ["Context", "context", "slug"]

_K = TypeVar("_K")
_V = TypeVar("_V")


@dataclass(frozen=True)
class Context:
    """The shared, read-only input of every page function."""

    book: Playbook
    L: Labels
    T: Terms
    """The words of calendars, conditions, timers, facets and lifecycles."""
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
    classification_page: str
    """Where severity is decided: ``matrix.md``, or ``classification.md`` (facets, or descriptions)."""
    classification_title: str
    """That page's title."""
    calendar_anchors: Mapping[str, str]
    """Calendar id → its heading's anchor on ``calendars.md``."""
    term_anchors: Mapping[tuple[str, str], str]
    """``(kind, id)`` → its row's anchor on ``terms.md``; kinds: group, type, state, event."""
    action_anchors: Mapping[str, str]
    """Mitigation action id → its row's anchor on ``rollback.md``."""

    def join(self, items: Iterable[str]) -> str:
        """Free-text items as a list in the playbook's language: ``a、b`` / ``a, b``."""
        return self.say.list_separator.join(items)


def context(book: Playbook, *, has_schema: bool = False) -> Context:
    """The :class:`Context` of ``book``'s site."""
    severity_slugs = _unique_slugs(s.id for s in book.severities)
    role_slugs = _unique_slugs(role.id for role in book.roles)
    L = labels(book.language)
    T = terms(book.language)
    matrix = book.classification.kind == "matrix"
    return Context(
        book=book,
        L=L,
        T=T,
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
        classification_page="matrix.md" if matrix else "classification.md",
        classification_title=L.matrix if matrix else T.classification,
        calendar_anchors=_anchors("cal", (c.id for c in book.calendars)),
        term_anchors=_frozen(_terms(book)),
        action_anchors=_anchors("act", (a.id for a in book.rollback.actions) if book.rollback else ()),
    )


RESERVED = frozenset({"index"})
"""Slugs a page of its own never takes: ``roles/index.md`` is the list of roles."""


def _unique_slugs(ids: Iterable[str]) -> dict[str, str]:
    return derive.unique_slugs(ids, RESERVED)


def _anchors(prefix: str, ids: Iterable[str]) -> Mapping[str, str]:
    return _frozen({item: f"{prefix}-{slug}" for item, slug in _unique_slugs(ids).items()})


def _terms(book: Playbook) -> dict[tuple[str, str], str]:
    """The anchors of the terms page: severity groups, incident types, states, then events."""
    kinds = (
        ("group", [g.id for g in book.severity_groups]),
        ("type", [t.id for t in book.incident_types]),
        ("state", [s.id for s in book.states]),
        ("event", list(dict.fromkeys([*BUILTIN_EVENTS, *(e.id for e in book.events)]))),
    )
    return {
        (kind, item): f"{kind}-{slug}" for kind, ids in kinds for item, slug in _unique_slugs(ids).items()
    }


def _frozen(mapping: dict[_K, _V]) -> Mapping[_K, _V]:
    return MappingProxyType(mapping)
