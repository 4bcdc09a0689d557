"""Finding the playbook a command runs on, the way a user expects it found.

In order, the first that gives a path wins:

1. the path given on the command line (``-p/--playbook``; handled by the caller);
2. the ``PLAYBOOK`` environment variable;
3. walking up from the working directory, in each directory, nearest first:
   ``pyproject.toml`` with a ``[tool.playbook]`` table holding ``playbook = "path"``,
   then ``.playbook.toml`` holding ``playbook = "path"`` (paths relative to that file),
   then the conventional names ``playbook.yaml``, ``playbook.yml``, ``.playbook/`` and
   ``playbook/`` (a folder only when it holds YAML files).

The walk stops at the root of a git repository (a directory holding ``.git``)
or at the filesystem root. The packaged playbooks are never found this way;
they are reached on purpose by name (:func:`example`).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from playbook.files import read_bounded

__all__ = [
    "ENVIRONMENT",
    "NOT_FOUND",
    "DiscoveryError",
    "Found",
    "example",
    "examples",
    "find_playbook",
]

ENVIRONMENT = "PLAYBOOK"
"""The environment variable naming the playbook."""

CONVENTIONAL = ("playbook.yaml", "playbook.yml", ".playbook", "playbook")
"""The names a playbook has when nothing says where it is, in the order they are tried."""

NOT_FOUND = (
    "no playbook found here or in any folder above; point at one with -p/--playbook PATH, "
    'the PLAYBOOK environment variable or `[tool.playbook] playbook = "PATH"` in pyproject.toml, '
    "create one with `playbook init`, or use a packaged example with --example clarity"
)
"""What to tell a user when :func:`find_playbook` finds nothing."""

_SUFFIXES = (".yaml", ".yml")
_CONFIG_LIMIT = 1024 * 1024


class DiscoveryError(ValueError):
    """A configuration that says where the playbook is, but cannot be read or names nothing."""


@dataclass(frozen=True)
class Found:
    """A playbook path and what named it (for messages)."""

    path: Path
    source: str


def examples() -> dict[str, Path]:
    """The packaged example playbooks by name: ``{"clarity": .../data/clarity.yaml}``."""
    data = Path(str(resources.files("playbook") / "data"))
    return {p.stem: p for p in sorted(data.glob("*.yaml"))}


def example(name: str) -> Path:
    """The packaged example playbook ``name``; :class:`DiscoveryError` naming the choices otherwise."""
    known = examples()
    if name not in known:
        raise DiscoveryError(f"no example playbook {name!r}; choose one of: {', '.join(known)}")
    return known[name]


def find_playbook(start: Path | None = None, environ: Mapping[str, str] | None = None) -> Found | None:
    """The playbook to use when none is given on the command line, or ``None`` when there is none.

    ``start`` is where the walk begins (default: the working directory);
    ``environ`` the environment (default: :data:`os.environ`). Raises
    :class:`DiscoveryError` for a configuration file that is malformed or names
    a path that does not exist.
    """
    env = os.environ if environ is None else environ
    named = env.get(ENVIRONMENT, "")
    if named:
        path = Path(named)
        if named != "-" and not path.exists():
            raise DiscoveryError(f"{ENVIRONMENT}={named}: no such file or folder")
        return Found(path, f"the {ENVIRONMENT} environment variable")
    for folder in _upwards((start or Path.cwd()).absolute()):
        found = _configured(folder) or _conventional(folder)
        if found is not None:
            return found
    return None


def _upwards(start: Path) -> Iterator[Path]:
    for folder in (start, *start.parents):
        yield folder
        if (folder / ".git").exists():
            return


def _configured(folder: Path) -> Found | None:
    for name, table in (("pyproject.toml", ("tool", "playbook")), (".playbook.toml", ())):
        file = folder / name
        if not file.is_file():
            continue
        section: object = _read_toml(file)
        for key in table:
            section = section.get(key) if isinstance(section, dict) else None
        if not isinstance(section, dict) or "playbook" not in section:
            continue
        where = f"{file}: [{'.'.join(table)}] playbook" if table else f"{file}: playbook"
        value = section["playbook"]
        if not isinstance(value, str) or not value:
            raise DiscoveryError(f"{where} must be a path as a string")
        path = folder / value
        if not path.exists():
            raise DiscoveryError(f"{where} = {value!r}: no such file or folder ({path})")
        return Found(path, str(file))
    return None


def _read_toml(file: Path) -> dict[str, object]:
    try:
        text = read_bounded(file, _CONFIG_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DiscoveryError(f"{file}: cannot be read: {reason}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # The message ends with "(at line L, column C)".
        raise DiscoveryError(f"{file}: not valid TOML: {exc}") from None


def _conventional(folder: Path) -> Found | None:
    for name in CONVENTIONAL:
        path = folder / name
        if path.is_file() and name.endswith(_SUFFIXES):
            return Found(path, "its conventional name")
        if path.is_dir() and not name.endswith(_SUFFIXES) and _holds_yaml(path):
            return Found(path, "its conventional name")
    return None


def _holds_yaml(folder: Path) -> bool:
    try:
        return any(p.suffix in _SUFFIXES and p.is_file() for p in folder.iterdir())
    except OSError:
        return False
