"""The site of one playbook: a pure function from a :class:`Playbook` to ``{path: text}``.

The pages come from the page functions of :mod:`playbook.site.pages`, in the
order of :data:`playbook.site.pages.PAGES`, each given the same
:class:`~playbook.site.context.Context`; the navigation, the stylesheets and the
machine-readable files are added beside them. Facts are derived by
:mod:`playbook.derive` and worded by :mod:`playbook.wording`, so each is
worded in one place; every value a page prints goes through
:mod:`playbook.site.escape`.
"""

from __future__ import annotations

from playbook.model import Playbook
from playbook.site import emoji
from playbook.site.assets import assets, vendored
from playbook.site.context import context
from playbook.site.data import data_files
from playbook.site.nav import NAV_FILE, nav
from playbook.site.page import Page
from playbook.site.pages import PAGES
from playbook.site.pages.postmortem import DOWNLOAD_NAME
from playbook.site.pages.workflow import MERMAID_PATH

__all__ = ["DOWNLOAD_NAME", "MERMAID_PATH", "NAV_FILE", "render"]


def render(playbook: Playbook, *, schema: str | None = None) -> dict[str, str]:
    """Every generated file of the site, as ``{path relative to site/: text}``.

    ``schema`` is the JSON Schema text to publish as ``playbook.schema.json``
    (the caller provides it, so that this package needs only the model).
    Paths use ``/``; the result is sorted by path and does not depend on time,
    machine or environment.
    """
    ctx = context(playbook, has_schema=schema is not None)
    made = [item for page_function in PAGES for item in page_function(ctx)]
    files = {item.path: item.text for item in made}
    files.update(assets(playbook, emoji.used(item.text for item in made)))
    files.update(vendored())
    files[NAV_FILE] = nav(playbook, [item for item in made if isinstance(item, Page)])
    files.update(data_files(playbook, schema))
    return dict(sorted(files.items()))
