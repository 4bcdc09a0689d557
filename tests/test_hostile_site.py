"""The site writer against hostile layouts: repositories, private folders, pipes, links, no hard links."""

from __future__ import annotations

import errno
import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.loader import validate
from playbook.site.writer import MANIFEST, ManifestError, check_site, write_site

PAGES = {"index.md": "# Home\n", "roles/a.md": "# A\n"}


def test_a_repository_root_is_never_a_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("mine\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["docs", "--example", "clarity", "--site", "."])
    assert result.exit_code == 1
    assert "repository" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "README.md"]
    assert not list(tmp_path.parent.glob(f".{tmp_path.name}.playbook-new*"))


def test_private_folders_stay_private(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, PAGES)
    (site / "private").mkdir()
    os.chmod(site / "private", 0o700)
    os.chmod(site, 0o750)
    write_site(site, {**PAGES, "index.md": "# Home v2\n"})
    assert stat.S_IMODE(os.stat(site).st_mode) == 0o750
    assert stat.S_IMODE(os.stat(site / "private").st_mode) == 0o700


def test_where_hard_links_are_refused_the_site_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    write_site(site, PAGES)
    (site / "mine.md").write_text("mine\n", "utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    report = write_site(site, {**PAGES, "index.md": "# Home v2\n"})
    assert report.written == ("index.md",)
    assert (site / "index.md").read_text("utf-8") == "# Home v2\n"
    assert (site / "mine.md").read_text("utf-8") == "mine\n"
    assert check_site(site, {**PAGES, "index.md": "# Home v2\n"}) == []
    assert not list(tmp_path.glob(".site.playbook-new*"))


def test_a_manifest_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    os.mkfifo(site / MANIFEST)
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            write_site(site, PAGES)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert outcome and isinstance(outcome[0], ManifestError), "the writer waited on a pipe"
    with pytest.raises(ManifestError, match="named pipe"):
        check_site(site, PAGES)


def test_docs_check_reports_a_refused_manifest_without_a_traceback(tmp_path: Path) -> None:
    site = tmp_path / "site"
    runner = CliRunner()
    assert runner.invoke(main, ["docs", "--example", "clarity", "--site", str(site)]).exit_code == 0
    (site / "up").symlink_to("..")
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    manifest["files"]["up/README.md"] = "0" * 64
    (site / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    result = runner.invoke(main, ["docs", "--example", "clarity", "--check", "--site", str(site)])
    assert result.exit_code == 1
    assert "symbolic link" in result.output


@pytest.mark.parametrize("site", ["/dev/null", "a" * 5000])
def test_docs_with_a_site_that_is_no_folder_is_a_usage_error(site: str) -> None:
    for extra in ([], ["--check"]):
        result = CliRunner().invoke(main, ["docs", "--example", "clarity", "--site", site, *extra])
        assert result.exit_code == 2, result.output


def test_schema_never_writes_through_a_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = tmp_path / "victim"
    victim.write_text("precious\n", "utf-8")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "report.schema.json").symlink_to(victim)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 2
    assert "symbolic link" in result.output
    assert victim.read_text("utf-8") == "precious\n"


def test_a_pipe_in_a_playbook_folder_is_reported(tmp_path: Path, small_playbook_text: str) -> None:
    (tmp_path / "main.yaml").write_text(small_playbook_text, "utf-8")
    os.mkfifo(tmp_path / "x.yaml")
    problems = validate(tmp_path).problems
    assert any(p.path.endswith("x.yaml") and p.check == "io" for p in problems), problems


def test_a_stray_half_written_file_is_listed_and_then_cleaned(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(site, PAGES)
    (site / "roles" / ".playbook-tmp-a.md.x1y2.tmp").write_text("half\n", "utf-8")
    assert [str(d) for d in check_site(site, PAGES)] == ["roles/.playbook-tmp-a.md.x1y2.tmp: extra"]
    write_site(site, PAGES)
    assert check_site(site, PAGES) == []
