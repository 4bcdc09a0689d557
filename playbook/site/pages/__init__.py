"""Every page of the site, one module each, in the order of the navigation.

A page function takes the shared :class:`~playbook.site.context.Context` and
returns its pages (and files such as a download), or nothing when the
playbook lacks its section. It is pure: it reads the context, links with
:func:`playbook.site.links.link` from its own path, and lays text out with a
template of ``playbook/site/templates``.

:data:`PAGES` fixes the order in which pages are generated, which is the
order of the navigation. To add a page: write its module here with a
template in ``playbook/site/templates``, add its function to :data:`PAGES`,
add its words to :mod:`playbook.wording.labels` (or :mod:`playbook.wording.terms`),
and, when it is a section of its own, its entry in :func:`generator.pages.home.sections`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from playbook.site.context import Context
from playbook.site.page import File, Page
from playbook.site.pages.calendars import calendars
from playbook.site.pages.checklists import checklists
from playbook.site.pages.classification import classification
from playbook.site.pages.communication import communication
from playbook.site.pages.detection import detection
from playbook.site.pages.home import home
from playbook.site.pages.matrix import matrix
from playbook.site.pages.postmortem import postmortem
from playbook.site.pages.related import related
from playbook.site.pages.roles import roles
from playbook.site.pages.rollback import rollback
from playbook.site.pages.severities import severities
from playbook.site.pages.terms import terms
from playbook.site.pages.workflow import workflow

__all__ = ["PAGES", "PageFunction"]

PageFunction = Callable[[Context], Sequence[Page | File]]
"""A page module's function: the context in, its pages and files out."""

PAGES: tuple[PageFunction, ...] = (
    home,
    severities,
    matrix,
    classification,
    calendars,
    detection,
    workflow,
    checklists,
    roles,
    communication,
    rollback,
    postmortem,
    terms,
    related,
)
"""Every page function, in the order of the navigation."""
