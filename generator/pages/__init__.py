"""Every page of the site, one module each, in the order of the navigation.

A page function takes the shared :class:`~generator.context.Context` and
returns its pages (and files such as a download), or nothing when the
playbook lacks its section. It is pure: it reads the context, links with
:func:`generator.links.link` from its own path, and lays text out with a
template of ``generator/templates``.

:data:`PAGES` fixes the order in which pages are generated, which is the
order of the navigation. To add a page: write its module here with a
template in ``generator/templates``, add its function to :data:`PAGES`,
add its words to :mod:`playbook.wording.labels`, and, when it is a section
of its own, its entry in :func:`generator.pages.home.sections`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.context import Context
from generator.page import File, Page
from generator.pages.checklists import checklists
from generator.pages.communication import communication
from generator.pages.detection import detection
from generator.pages.home import home
from generator.pages.matrix import matrix
from generator.pages.postmortem import postmortem
from generator.pages.related import related
from generator.pages.roles import roles
from generator.pages.rollback import rollback
from generator.pages.severities import severities
from generator.pages.workflow import workflow

__all__ = ["PAGES", "PageFunction"]

PageFunction = Callable[[Context], Sequence[Page | File]]
"""A page module's function: the context in, its pages and files out."""

PAGES: tuple[PageFunction, ...] = (
    home,
    severities,
    matrix,
    detection,
    workflow,
    checklists,
    roles,
    communication,
    rollback,
    postmortem,
    related,
)
"""Every page function, in the order of the navigation."""
