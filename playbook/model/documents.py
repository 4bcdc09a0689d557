"""Related documents: runbooks and procedures the playbook refers to, and the repository they live in."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["Document", "Repository"]


class Document(Node):
    """A related document. ``path: TBD`` marks a document that does not exist yet."""

    id: Annotated[Id, Identity("related document")]
    """The document's id, as procedure steps refer to it."""
    title: Text
    """The document's title."""
    path: Text
    """Where the document is (a path or an address); TBD marks one still to be written."""
    purpose: Text | None = None
    """What the document is for."""

    @property
    def is_gap(self) -> bool:
        """True when the document is still to be written (``path: TBD``)."""
        return self.path.strip().upper() == "TBD"


def _web_address(value: str) -> str:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ValueError(f"a repository URL starts with https:// or http:// and names a host, not {value!r}")
    return value.strip()


class Repository(Node):
    """Where the team keeps its documents, so that a related document's path becomes a link."""

    url: Annotated[
        Text,
        AfterValidator(_web_address),
        Field(json_schema_extra={"pattern": r"^[Hh][Tt][Tt][Pp][Ss]?://[^/\s]"}),
    ]
    """The address a related document's path is relative to, such as
    ``https://github.com/org/repo/blob/main/``: the path ``docs/PROD_DEPLOY.md`` then links to
    ``https://github.com/org/repo/blob/main/docs/PROD_DEPLOY.md``. Without it, paths are shown
    as text, marked as not linked."""
