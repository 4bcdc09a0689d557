"""A project's own MkDocs configuration, read without MkDocs: its keys, for ``playbook build``.

MkDocs' own loader would need every plugin and tag the file names; the build
only takes a few plain keys from it (see :mod:`playbook.site.build`), so the
file is read as safe YAML with any tag read as nothing, bounded in size and
depth.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["MAX_CONFIG_BYTES", "ConfigError", "read_config"]

MAX_CONFIG_BYTES = 1024 * 1024
"""A larger file is refused unread: MkDocs configurations are a few kilobytes."""


class ConfigError(ValueError):
    """The MkDocs configuration cannot be read as a mapping of settings."""


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
