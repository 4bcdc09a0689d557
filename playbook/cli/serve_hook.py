"""An MkDocs hook for ``playbook build --serve``: the preview follows the playbook as it is edited.

MkDocs watches the playbook file; before each rebuild this hook renders the
pages again from it into the preview's pages folder. A playbook with errors
keeps the last good pages, and its problems are logged.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

__all__ = ["SOURCE", "on_pre_build"]

SOURCE = "PLAYBOOK_SERVE_SOURCE"
"""The environment variable that names the playbook being previewed."""

log = logging.getLogger("mkdocs.plugins.playbook")


def on_pre_build(config: Any, **_: Any) -> None:
    """Render the pages again from the playbook named by :data:`SOURCE`."""
    from playbook.api import validate
    from playbook.schema import schema_text
    from playbook.site import render

    source = os.environ.get(SOURCE)
    if not source:
        return
    result = validate(source)
    if result.playbook is None or result.errors:
        for problem in result.problems:
            log.warning(str(problem))
        return
    docs = Path(config["docs_dir"])
    for path, text in render(result.playbook, schema=schema_text()).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
