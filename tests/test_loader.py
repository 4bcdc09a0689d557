"""Loading and validating: the default playbook, every problem located, folders, foreign playbooks."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

import playbook
from playbook.loader import RevisionError, default_path, load, validate, validate_revision, validate_text
from playbook.problems import PlaybookError

Position = Callable[..., tuple[int, int]]
Edit = Callable[[str, str, str], str]


def located(result: playbook.Result) -> list[tuple[str, int, int]]:
    return [(p.check, p.line, p.column) for p in result.problems]


# --- the default playbook ------------------------------------------------------------------


def test_default_playbook_has_no_problems() -> None:
    result = validate()
    assert result.problems == []
    assert result.playbook is not None
    assert result.playbook.name == "Clarity Incident Response Playbook"


def test_default_path_is_packaged_clarity_yaml() -> None:
    path = default_path()
    assert path.name == "clarity.yaml"
    assert path.is_file()


def test_load_default_is_the_same_as_load_of_its_path() -> None:
    assert load() == load(default_path())


def test_default_playbook_content() -> None:
    book = load()
    assert [s.id for s in book.severities] == ["P0", "P1", "P2"]
    assert book.severity("P0").respond_within.total_seconds() == 15 * 60
    assert book.severity("p2").resolve_within.total_seconds() == 24 * 3600
    assert book.postmortem is not None
    assert book.postmortem.meeting_within.total_seconds() == 48 * 3600


def test_public_api_exports() -> None:
    for name in playbook.__all__:
        assert hasattr(playbook, name), name


# --- errors --------------------------------------------------------------------------------


def three_errors(minimal: str, edit: Edit) -> str:
    text = edit(minimal, "name: Minimal\n", "name: Minimal\ncolour: red\n")  # unknown key
    text = edit(text, "respond_within: 15m", "respond_within: 15")  # bare number
    return edit(text, "    - {id: high, name: High Impact}", "    - {id: high}")  # missing name


def test_every_problem_is_reported_in_one_run(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = three_errors(minimal_playbook_text, edit_text)
    result = validate_text(text, "three.yaml")
    assert result.playbook is None
    assert located(result) == [
        ("unknown-key", *text_position(text, "colour")),
        ("invalid-value", *text_position(text, "15\n")),
        ("missing-key", *text_position(text, "{id: high}")),
    ]
    assert all(p.path == "three.yaml" and p.severity == "error" for p in result.problems)


def test_load_raises_playbook_error_with_all_problems(
    tmp_path: Path, minimal_playbook_text: str, edit_text: Edit
) -> None:
    path = tmp_path / "three.yaml"
    path.write_text(three_errors(minimal_playbook_text, edit_text), encoding="utf-8")
    with pytest.raises(PlaybookError) as info:
        load(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert len(error.problems) == 3
    assert {p.check for p in error.problems} == {"unknown-key", "invalid-value", "missing-key"}
    assert all(p.path == str(path) for p in error.problems)
    assert "3 error(s)" in str(error)
    for problem in error.problems:
        assert str(problem) in str(error)


def test_validate_and_validate_text_agree(
    tmp_path: Path, minimal_playbook_text: str, edit_text: Edit
) -> None:
    text = three_errors(minimal_playbook_text, edit_text)
    path = tmp_path / "three.yaml"
    path.write_text(text, encoding="utf-8")
    assert validate(path).problems == validate_text(text, str(path)).problems


def test_unknown_key_suggests_the_closest(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "    respond_within: 1h\n", "    respnd_within: 1h\n")
    result = validate_text(text)
    unknown = [p for p in result.problems if p.check == "unknown-key"]
    assert len(unknown) == 1
    assert (unknown[0].line, unknown[0].column) == text_position(text, "respnd_within")
    assert "respnd_within" in unknown[0].message
    assert "did you mean 'respond_within'?" in unknown[0].message
    # and the required key it was meant to be is missing
    assert "missing-key" in {p.check for p in result.problems}


def test_unknown_key_far_from_any_lists_the_allowed_keys(minimal_playbook_text: str, edit_text: Edit) -> None:
    text = edit_text(minimal_playbook_text, "name: Minimal\n", "name: Minimal\nzzz: 1\n")
    (problem,) = validate_text(text).problems
    assert problem.check == "unknown-key"
    assert "severities" in problem.message
    assert "classification" in problem.message


def test_missing_key_points_at_the_block_mapping(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "  - id: S2\n    name: Minor\n", "  - id: S2\n")
    (problem,) = validate_text(text).problems
    assert problem.check == "missing-key"
    assert "'name'" in problem.message
    # the mapping that lacks the key starts at its first key
    assert (problem.line, problem.column) == text_position(text, "id: S2")


def test_missing_key_points_at_the_flow_mapping(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(minimal_playbook_text, "{id: few, name: Few Users}", "{id: few}")
    (problem,) = validate_text(text).problems
    assert problem.check == "missing-key"
    assert (problem.line, problem.column) == text_position(text, "{id: few}")


def test_missing_top_level_section_points_at_the_document(
    minimal_playbook_text: str, text_position: Position
) -> None:
    head, _, _ = minimal_playbook_text.partition("classification:")
    (problem,) = validate_text(head).problems
    assert problem.check == "missing-key"
    assert "'classification'" in problem.message
    assert (problem.line, problem.column) == (1, 1)


def test_value_error_points_at_the_value_after_chinese_text(
    minimal_playbook_text: str, edit_text: Edit, text_position: Position
) -> None:
    text = edit_text(
        minimal_playbook_text,
        "    - {id: low, name: Low Impact}",
        "    - {id: low, name: 低影响, description: 很少}\n    - {id: 中, name: 中影响}",
    )
    problems = validate_text(text).problems
    assert [(p.check, p.line, p.column) for p in problems] == [
        ("invalid-value", *text_position(text, "中, name")),
    ]
    assert "not a valid id" in problems[0].message


def test_quoting_hint_for_a_number_where_text_is_expected(
    minimal_playbook_text: str, edit_text: Edit
) -> None:
    text = edit_text(minimal_playbook_text, "name: Minimal", "name: 1.0")
    (problem,) = validate_text(text).problems
    assert problem.check == "invalid-value"
    assert '"1.0"' in problem.message


def test_validate_never_raises_for_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    (problem,) = validate(missing).problems
    assert problem.check == "io"
    with pytest.raises(PlaybookError):
        load(missing)


@pytest.mark.parametrize("text", ["# only a comment\n", "~\n", "null\n", "---\n...\n"])
def test_a_document_without_content_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "nothing.yaml"
    path.write_text(text, encoding="utf-8")
    for result in (validate(path), validate_text(text, str(path))):
        assert result.playbook is None
        assert result.errors, f"{text!r} was reported as valid"
    with pytest.raises(PlaybookError):
        load(path)


@pytest.mark.parametrize("text", ["- a\n- b\n", "just text\n", "42\n"])
def test_a_document_that_is_not_a_mapping(text: str) -> None:
    (problem,) = validate_text(text).problems
    assert problem.check == "invalid-value"
    assert (problem.line, problem.column) == (1, 1)
    assert "mapping of sections" in problem.message


def test_too_many_problems_are_capped(minimal_playbook_text: str) -> None:
    extra = "".join(f"unknown_{i}: 1\n" for i in range(30))
    result = validate_text(minimal_playbook_text + extra, limits=playbook.Limits(max_problems=10))
    assert len(result.problems) == 11
    assert result.problems[-1].check == "too-many-problems"
    assert "20 more" in result.problems[-1].message


# --- a playbook folder -----------------------------------------------------------------------


def split_default(folder: Path, *cuts: str) -> list[Path]:
    """Write the default playbook to ``folder`` as several files, cut before each top-level key."""
    lines = default_path().read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [0] + [next(i for i, line in enumerate(lines) if line.startswith(f"{cut}:")) for cut in cuts]
    bounds = [*starts, len(lines)]
    paths = []
    for n, (start, end) in enumerate(itertools.pairwise(bounds)):
        path = folder / f"{n}-part.{'yml' if n == 2 else 'yaml'}"
        path.write_text("".join(lines[start:end]), encoding="utf-8")
        paths.append(path)
    return paths


def test_folder_loads_like_the_single_file(tmp_path: Path) -> None:
    files = split_default(tmp_path, "severities", "roles")
    assert len(files) == 3
    result = validate(tmp_path)
    assert result.problems == []
    assert result.playbook == load()
    assert load(tmp_path) == load()


def test_folder_problem_points_at_the_right_file(tmp_path: Path, text_position: Position) -> None:
    files = split_default(tmp_path, "severities", "roles")
    text = files[2].read_text(encoding="utf-8")
    text = text.replace("owner: relevant-owners}", "owner: nobody}")
    files[2].write_text(text, encoding="utf-8")
    (problem,) = validate(tmp_path).problems
    assert problem.check == "references"
    assert problem.path == str(files[2])
    assert (problem.line, problem.column) == text_position(text, "nobody")


def test_section_in_two_files_names_both(tmp_path: Path) -> None:
    files = split_default(tmp_path, "severities", "roles")
    extra = tmp_path / "9-more.yaml"
    extra.write_text("# more roles\nroles:\n  - {id: x, name: X}\n", encoding="utf-8")
    problems = [p for p in validate(tmp_path).problems if p.check == "duplicate-section"]
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.path, problem.line, problem.column) == (str(extra), 2, 1)
    assert "'roles'" in problem.message
    assert f"{files[2]}:1:1" in problem.message
    with pytest.raises(PlaybookError):
        load(tmp_path)


def test_folder_without_yaml_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not yaml\n", encoding="utf-8")
    (problem,) = validate(tmp_path).problems
    assert problem.check == "io"


def test_folder_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    split_default(tmp_path, "severities", "roles")
    (tmp_path / "9-list.yaml").write_text("- a\n", encoding="utf-8")
    problems = validate(tmp_path).problems
    assert [(p.check, p.path) for p in problems] == [("invalid-value", str(tmp_path / "9-list.yaml"))]


def test_folder_of_files_without_content_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("~\n", encoding="utf-8")
    result = validate(tmp_path)
    assert result.playbook is None
    assert result.errors, "a folder with no section at all was reported as valid"


# --- a foreign playbook ----------------------------------------------------------------------

FOREIGN = """\
format: 1
name: Acme Incident Process
language: en
severities:
  - {id: SEV-1, name: Critical, respond_within: 5m, resolve_within: 1h}
  - {id: SEV-2, name: Major, respond_within: 15m, resolve_within: 4h}
  - {id: SEV-3, name: Moderate, respond_within: 1h, resolve_within: 1d}
  - {id: SEV-4, name: Minor, respond_within: 4h, resolve_within: P3D}
  - {id: SEV-5, name: Cosmetic, respond_within: 1d, resolve_within: 14d}
classification:
  impact:
    - {id: minor, name: Minor Impact}
    - {id: major, name: Major Impact}
    - {id: severe, name: Severe Impact}
  reach:
    - {id: one, name: One Customer}
    - {id: several, name: Several Customers}
    - {id: all, name: All Customers}
  matrix:
    one:     {minor: SEV-5, major: SEV-4, severe: SEV-3}
    several: {minor: SEV-4, major: SEV-3, severe: SEV-2}
    all:     {minor: SEV-3, major: SEV-2, severe: SEV-1}
"""


def test_foreign_playbook_validates_and_classifies(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(FOREIGN, encoding="utf-8")
    result = validate(path)
    assert result.problems == []
    book = load(path)
    assert [s.id for s in book.severities] == ["SEV-1", "SEV-2", "SEV-3", "SEV-4", "SEV-5"]
    assert book.classify("minor", "one").id == "SEV-5"
    assert book.classify("severe", "all").id == "SEV-1"
    assert book.classify("Major Impact", "several customers").id == "SEV-3"
    assert book.classify(["minor", "major"], "all").id == "SEV-2"
    assert book.rank("sev-4") == 3


# --- a file as git holds it at a revision ----------------------------------------------------


def git(repo: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path, minimal_playbook_text: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose HEAD~1 holds the minimal playbook and HEAD a copy with a bare-number duration."""
    for name in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(name)
    git(tmp_path, "init", "-q")
    for key, value in (
        ("user.name", "Test"),
        ("user.email", "t@example.invalid"),
        ("commit.gpgsign", "false"),
    ):
        git(tmp_path, "config", key, value)
    (tmp_path / "book.yaml").write_text(minimal_playbook_text, encoding="utf-8")
    git(tmp_path, "add", "book.yaml")
    git(tmp_path, "commit", "-q", "-m", "valid")
    broken = minimal_playbook_text.replace("respond_within: 15m", "respond_within: 15")
    (tmp_path / "book.yaml").write_text(broken, encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "broken")
    return tmp_path


def test_validate_revision_reads_the_file_at_that_revision(repo: Path) -> None:
    old = validate_revision("HEAD~1:book.yaml", cwd=repo)
    assert old.problems == []
    assert old.playbook is not None and old.playbook.name == "Minimal"
    [problem] = validate_revision("HEAD:book.yaml", cwd=repo).problems
    assert (problem.path, problem.line, problem.column, problem.check) == (
        "HEAD:book.yaml",
        6,
        21,
        "invalid-value",
    )


def test_validate_revision_builds_the_api_playbook(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = playbook.api.validate_revision("HEAD~1:book.yaml")
    assert isinstance(result.playbook, playbook.Playbook)
    assert result.playbook.classify("high", "few").id == "S1"


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("nope:book.yaml", "nope:book.yaml: "),
        ("HEAD:missing.yaml", "HEAD:missing.yaml: "),
        ("book.yaml", "not REVISION:PATH"),
        ("--output=/tmp/x:y", "not REVISION:PATH"),
    ],
)
def test_validate_revision_raises_a_revision_error(repo: Path, spec: str, says: str) -> None:
    with pytest.raises(RevisionError, match=re.escape(says)) as caught:
        validate_revision(spec, cwd=repo)
    assert isinstance(caught.value, ValueError)


def test_validate_revision_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    with pytest.raises(RevisionError, match=re.escape("HEAD:book.yaml: ")):
        validate_revision("HEAD:book.yaml", cwd=tmp_path)


def test_validate_revision_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-bin"))
    with pytest.raises(RevisionError, match="cannot run git"):
        validate_revision("HEAD:book.yaml", cwd=repo)


def test_validate_revision_reads_no_more_than_the_limit(repo: Path) -> None:
    (repo / "big.yaml").write_text("name: x\n" + "# padding\n" * 2000, encoding="utf-8")
    git(repo, "add", "big.yaml")
    git(repo, "commit", "-q", "-m", "big")
    [problem] = validate_revision("HEAD:big.yaml", cwd=repo, limits=playbook.Limits(max_bytes=1000)).problems
    assert (problem.path, problem.check) == ("HEAD:big.yaml", "yaml-limit")
