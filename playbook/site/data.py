"""The machine-readable files published beside the pages, for tools in other languages."""

from __future__ import annotations

import json

from playbook.model import Playbook

__all__ = ["data_files"]


def data_files(book: Playbook, schema: str | None) -> dict[str, str]:
    """``playbook.json`` (the resolved model) and, when given, ``playbook.schema.json``."""
    files = {
        "playbook.json": json.dumps(
            book.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False, indent=2
        )
        + "\n"
    }
    if schema is not None:
        files["playbook.schema.json"] = schema
    return files
