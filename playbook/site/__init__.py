"""The documentation site, generated from a playbook.

:func:`render` turns a :class:`~playbook.model.Playbook` into the files of the
site (Markdown pages, CSS, the navigation MkDocs inherits, ``playbook.json``):
one module per page in :mod:`playbook.site.pages`, run in the order of its
registry on a shared :class:`~playbook.site.context.Context`;
:func:`write_site` puts them in ``site/``, touching only files it wrote before
(listed in ``site/.generated.json``); :func:`check_site` lists what is stale.
The package imports the model layer of :mod:`playbook` only, never its loader
or CLI.
"""

from __future__ import annotations

from playbook.site.site import DOWNLOAD_NAME, MERMAID_PATH, NAV_FILE, render
from playbook.site.writer import (
    MANIFEST,
    BusyError,
    ConflictError,
    Difference,
    ManifestError,
    WriteReport,
    check_site,
    write_site,
)

__all__ = [
    "DOWNLOAD_NAME",
    "MANIFEST",
    "MERMAID_PATH",
    "NAV_FILE",
    "BusyError",
    "ConflictError",
    "Difference",
    "ManifestError",
    "WriteReport",
    "check_site",
    "render",
    "write_site",
]
