"""Building the site with MkDocs from nothing but the generated files.

The generated pages and configuration are written to a temporary folder;
a project's own ``mkdocs.yml`` may add the keys in :data:`OWN_KEYS` on top
(the site's address, repository links, copyright, extra stylesheets and
scripts, theme colours and logo); MkDocs builds strictly into the output
folder. The output folder is the only place written: a folder that holds
files this command did not build is refused, so MkDocs never clears a folder
of the user's. MkDocs runs as a child that ends when this process ends. A
build segments Chinese with a search dictionary made from its pages
(:mod:`playbook.site.search`), which jieba loads in milliseconds.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from playbook.site.config import ConfigError, read_config
from playbook.site.nav import NAV_FILE
from playbook.site.search import dictionary, stock_dictionary
from playbook.site.swap import locked

__all__ = ["BASE_CSS", "BASE_JS", "MARKER", "OWN_KEYS", "BuildError", "build", "settings"]

OWN_KEYS = (
    "site_url",
    "site_author",
    "site_description",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "extra",
    "extra_css",
    "extra_javascript",
    "theme",
)
"""Keys of a project's own mkdocs.yml that ``playbook build`` applies over the generated configuration."""

_BUILD_KEYS = ("INHERIT", "docs_dir", "site_dir")
BASE_CSS = ("assets/playbook.css", "assets/severities.css", "assets/print.css")
BASE_JS = ("assets/playbook.js",)
"""The site's own script; a project's ``extra_javascript`` (like its ``extra_css``) comes after it."""
MARKER = ".playbook-build"
"""Left in the output folder, so that a later build knows the folder as its own."""
_PR_SET_PDEATHSIG = 1


class BuildError(Exception):
    """The site cannot be built where it was asked to be; nothing was written."""


def settings(config: Path) -> tuple[dict[str, Any], list[str]]:
    """The keys of ``config`` that a build applies, and the keys it leaves out (besides its own)."""
    try:
        data = read_config(config)
    except ConfigError as exc:
        raise BuildError(str(exc)) from None
    own = {key: value for key, value in data.items() if key in OWN_KEYS}
    ignored = sorted(str(key) for key in data if key not in OWN_KEYS and key not in _BUILD_KEYS)
    return own, ignored


def _check_output(output: Path) -> None:
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        raise BuildError(f"{output}: not a folder a build can write")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildError(
            f"{output}: holds files that playbook build did not write; choose an empty or new folder"
        )


def _config(work: Path, output: Path, own: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    config: dict[str, Any] = {"INHERIT": f"docs/{NAV_FILE}", "docs_dir": "docs", "site_dir": str(output)}
    config.update(own)
    css = own.get("extra_css")
    if isinstance(css, list):
        config["extra_css"] = [*BASE_CSS, *css]
    js = own.get("extra_javascript")
    if isinstance(js, list):
        config["extra_javascript"] = [*BASE_JS, *js]
    config.update(extra)
    return config


def _die_with_parent() -> None:
    # Linux: the child gets SIGTERM when this process ends, even by SIGKILL.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _run(command: list[str], env: Mapping[str, str] | None = None) -> int:
    """Run ``command`` and wait; it ends when this process ends, however that happens."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    child = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)  # noqa: PLW1509
    try:
        return child.wait()
    except BaseException:
        # As Ctrl-C would: MkDocs then removes its own temporary files; terminate it if it lingers.
        for sent in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
            if child.poll() is not None:
                break
            child.send_signal(sent)
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=10)
        raise


def build(
    files: Mapping[str, str],
    output: Path,
    *,
    own: Mapping[str, Any] | None = None,
    serve: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> int:
    """Build ``files`` (the generated site) into ``output`` with MkDocs; MkDocs' exit code.

    With ``serve`` (an address such as ``127.0.0.1:8000``), ``mkdocs serve``
    previews instead, and ``extra`` configuration (hooks, files to watch) is
    added. Raises :class:`BuildError` before writing anything when
    ``output`` is not a folder this command may write.
    """
    output = output.resolve()
    if serve is None:
        _check_output(output)
    with tempfile.TemporaryDirectory(prefix="playbook-build-") as folder:
        work = Path(folder)
        for path, text in files.items():
            target = work / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        config = work / "mkdocs.yml"
        body = _config(work, output, own or {}, extra or {})
        mkdocs = [sys.executable, "-m", "mkdocs"]
        if serve is not None:
            # The preview's pages change as the playbook does: it keeps the stock dictionary.
            config.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
            return _run([*mkdocs, "serve", "--config-file", str(config), "--dev-addr", serve])
        env = _search_dictionary(files, work, body)
        config.write_text(yaml.safe_dump(body, allow_unicode=True, sort_keys=False), encoding="utf-8")
        output.parent.mkdir(parents=True, exist_ok=True)
        with locked(output):  # two builds at once would write one folder together
            code = _run([*mkdocs, "build", "--strict", "--config-file", str(config)], env)
        if code == 0:
            (output / MARKER).write_text("built by playbook build\n", encoding="utf-8")
        return code


def _search_dictionary(files: Mapping[str, str], work: Path, config: dict[str, Any]) -> dict[str, str]:
    """Point the search at a dictionary of the pages' words; the environment MkDocs then runs in.

    jieba caches a dictionary it has read in the temporary folder, under a
    name made from the dictionary's path; the build's own temporary folder
    keeps those caches from piling up.
    """
    stock = stock_dictionary()
    if stock is None:
        return {}
    texts = [text for path, text in files.items() if path.endswith(".md") or path == NAV_FILE]
    path = work / "search" / "jieba.txt"
    path.parent.mkdir()
    path.write_text(dictionary(texts, stock), encoding="utf-8")
    config["plugins"] = {"search": {"jieba_dict": str(path)}}
    (work / "tmp").mkdir()
    return {"TMPDIR": str(work / "tmp")}
