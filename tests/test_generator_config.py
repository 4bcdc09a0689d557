"""``playbook.site.config``: a project's own MkDocs configuration, read without MkDocs."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.site.config import MAX_CONFIG_BYTES, ConfigError, read_config

REPO = Path(__file__).resolve().parent.parent


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "mkdocs.yml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_repository_configuration() -> None:
    assert read_config(REPO / "mkdocs.yml") == {
        "INHERIT": "site/.nav.yml",
        "docs_dir": "site",
        "site_dir": "build/site",
    }


def test_anything_but_a_mapping_holds_no_setting(tmp_path: Path) -> None:
    assert read_config(write(tmp_path, "")) == {}
    assert read_config(write(tmp_path, "- a list\n")) == {}


def test_python_tags_and_env_tags_are_read_as_nothing(tmp_path: Path) -> None:
    text = (
        "site_url: !ENV [SITE_URL, https://example.org/]\n"
        "markdown_extensions:\n"
        "  - pymdownx.superfences:\n"
        "      custom_fences:\n"
        "        - name: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n"
    )
    data = read_config(write(tmp_path, text))
    assert data["site_url"] is None
    assert data["markdown_extensions"][0]["pymdownx.superfences"]["custom_fences"][0]["format"] is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("docs_dir: [\n", "not a readable MkDocs configuration"),
        (b"docs_dir: caf\xe9\n", "cannot be read"),
        (b"x: " + b"a" * (MAX_CONFIG_BYTES + 1), "larger than"),
    ],
)
def test_a_bad_configuration_is_a_config_error(tmp_path: Path, text: str | bytes, says: str) -> None:
    with pytest.raises(ConfigError, match=says) as caught:
        read_config(write(tmp_path, text))
    assert isinstance(caught.value, ValueError)
    assert str(tmp_path / "mkdocs.yml") in str(caught.value)
