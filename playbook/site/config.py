"""Where an MkDocs configuration puts the pages and the built site, read before the pages exist.

MkDocs itself cannot load the configuration at that point: it inherits the
generated ``site/.nav.yml``, which is written from the very pages being
placed. :func:`mkdocs_dirs` reads only ``docs_dir`` and ``site_dir``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["MAX_CONFIG_BYTES", "ConfigError", "mkdocs_dirs", "read_config"]

MAX_CONFIG_BYTES = 1024 * 1024
"""A larger file is refused unread: MkDocs configurations are a few kilobytes."""


class ConfigError(ValueError):
    """The MkDocs configuration cannot be read, or its ``docs_dir`` or ``site_dir`` is not a path."""


class _Lenient(yaml.SafeLoader):
    """Safe YAML that reads any tag (``!!python/name:...``, ``!ENV``) as nothing instead of failing."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(config: Path) -> dict[Any, Any]:
    """The mapping an MkDocs configuration holds (tags read as nothing); :class:`ConfigError` if unreadable."""
    try:
        if config.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{config}: larger than {MAX_CONFIG_BYTES} bytes; not an MkDocs configuration")
        data: Any = yaml.load(config.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{config}: cannot be read: {reason}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{config}: not a readable MkDocs configuration: {exc}") from None
    except (RecursionError, MemoryError):
        # PyYAML composes recursively: thousands of nested brackets exhaust the stack.
        raise ConfigError(f"{config}: nested too deeply or too large to be an MkDocs configuration") from None
    return data if isinstance(data, dict) else {}


def mkdocs_dirs(config: Path) -> tuple[Path, Path]:
    """``docs_dir`` and ``site_dir`` of the MkDocs configuration ``config``, relative to its folder.

    They default to ``docs`` and ``site`` as in MkDocs. Raises
    :class:`ConfigError` for a file that cannot be read or parsed, or that
    gives either key a value other than text.
    """
    data = read_config(config)
    base = config.parent
    return base / _folder(config, data, "docs_dir", "docs"), base / _folder(config, data, "site_dir", "site")


def _folder(config: Path, data: dict[Any, Any], key: str, default: str) -> str:
    value = data.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        # Text only: an alias-built list could be enormous once written out.
        raise ConfigError(f"{config}: {key} must be a folder name, not {type(value).__name__}")
    if "\0" in value:
        raise ConfigError(f"{config}: {key} holds a NUL character; it is not a folder name")
    return value
