"""``generator.config``: docs_dir and site_dir of an MkDocs configuration, read before the pages exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.site.config import MAX_CONFIG_BYTES, ConfigError, mkdocs_dirs

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_configuration() -> None:
    assert mkdocs_dirs(REPO / "mkdocs.yml") == (REPO / "site", REPO / "build" / "site")


def test_defaults_are_those_of_mkdocs(tmp_path: Path) -> None:
    assert mkdocs_dirs(write(tmp_path, "site_name: x\n")) == (tmp_path / "docs", tmp_path / "site")
    assert mkdocs_dirs(write(tmp_path, "")) == (tmp_path / "docs", tmp_path / "site")
    assert mkdocs_dirs(write(tmp_path, "- a list\n")) == (tmp_path / "docs", tmp_path / "site")


def test_python_tags_and_env_tags_are_read_as_nothing(tmp_path: Path) -> None:
    text = (
        "INHERIT: site/.nav.yml\n"
        "docs_dir: pages\n"
        "site_dir: !ENV [SITE_DIR, out]\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    assert mkdocs_dirs(write(tmp_path, text)) == (tmp_path / "pages", tmp_path / "site")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("docs_dir: [\n", "not a readable MkDocs configuration"),
        (b"docs_dir: caf\xe9\n", "cannot be read"),
        ("docs_dir: [a, b]\n", "docs_dir must be a folder name"),
        ("a: &x [1, 1]\nb: &y [*x, *x]\nsite_dir: [*y, *y]\n", "site_dir must be a folder name"),
    ],
)
def test_a_bad_configuration_is_a_config_error(tmp_path: Path, text: str | bytes, says: str) -> None:
    with pytest.raises(ConfigError, match=says) as caught:
        mkdocs_dirs(write(tmp_path, text))
    assert isinstance(caught.value, ValueError)
    assert str(tmp_path / "mkdocs.yml") in str(caught.value)


def test_a_missing_or_huge_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        mkdocs_dirs(tmp_path / "absent.yml")
    with pytest.raises(ConfigError, match="larger than"):
        mkdocs_dirs(write(tmp_path, "#" * (MAX_CONFIG_BYTES + 1)))
