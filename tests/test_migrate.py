"""``playbook migrate``: format 1 to format 2 by editing the ``format`` line, and nothing else.

The default playbook, copied, migrates and gives every answer it gave before:
each classification, checklist, timeline, rollback decision, message and site
page. Comments and layout survive byte for byte. Hostile files are refused
without a write: symbolic links, hard links, other encodings, invalid files.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from playbook.api import Playbook, load
from playbook.cli import main
from playbook.loader import default_path
from playbook.migrate import MigrationError, plan, write_in_place
from playbook.site import render

CLARITY = default_path().read_bytes()
START = datetime.fromisoformat("2026-01-02T16:30+08:00")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["migrate", *args])


def copy(tmp_path: Path, name: str = "playbook.yaml", blob: bytes = CLARITY) -> Path:
    path = tmp_path / name
    path.write_bytes(blob)
    return path


def only_format_changed(before: bytes, after: bytes) -> None:
    old, new = before.decode("utf-8").splitlines(True), after.decode("utf-8").splitlines(True)
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert len(changed) == 1
    (a, b) = changed[0]
    assert a.replace("1", "2", 1) == b, (a, b)


# --- every answer is the same ---------------------------------------------------------------


def _readings(book: Playbook) -> list[tuple[dict[str, tuple[str, str]], list[str]]]:
    """Metric readings at, just above and just below every rule's thresholds, held and not."""
    out: list[tuple[dict[str, tuple[str, str]], list[str]]] = [({}, [])]
    rollback = book.rollback
    assert rollback is not None
    for rule in rollback.rules:
        if rule.signal is not None:
            out.append(({}, [rule.signal]))
            continue
        bounds = [q for q in (rule.above, rule.below, *(rule.between or ())) if q is not None]
        for bound, factor, held in product(bounds, (0.99, 1.0, 1.01), ("1s", "1h")):
            assert rule.metric is not None
            value = f"{bound.value * factor:g}{bound.unit}"
            out.append(({rule.metric: (value, held)}, []))
    return out


def answers(book: Playbook) -> dict[str, Any]:
    """Every answer of the API on ``book``, and its site pages (``playbook.json`` without ``format``)."""
    out: dict[str, Any] = {}
    impacts = [level.id for level in book.classification.impact]
    reaches = [level.id for level in book.classification.reach]
    for impact, reach in product(impacts, reaches):
        out[f"classify {impact} {reach}"] = book.classify(impact, reach).model_dump(mode="json")
    for pair in pairwise(impacts):
        out[f"classify {pair} {reaches[0]}"] = book.classify(list(pair), reaches[0]).model_dump(mode="json")
    for severity in book.severities:
        out[f"checklist {severity.id}"] = book.checklist(severity.id).to_dict()
        for phase in book.workflow:
            out[f"checklist {severity.id} {phase.id}"] = book.checklist(severity.id, phase.id).to_text()
        out[f"timeline {severity.id}"] = book.timeline(severity.id, START).to_dict()
    for i, (metrics, signals) in enumerate(_readings(book)):
        if metrics or signals:
            out[f"rollback {i}"] = book.decide_rollback(metrics, signals).to_dict()
    assert book.communication is not None
    for template, severity in product(book.communication.templates, book.severities):
        fields = {f.id: (f.choices[0] if f.choices else "x") for f in template.fields if f.source == "input"}
        out[f"message {template.id} {severity.id}"] = book.render_message(
            template.id, fields, severity=severity.id, now=START
        )
    for page, text in render(book).items():
        if page.endswith("playbook.json"):
            data = json.loads(text)
            data.pop("format")
            text = json.dumps(data)
        out[f"page {page}"] = text
    return out


def test_the_default_playbook_migrates_with_every_answer_the_same(tmp_path: Path) -> None:
    path = copy(tmp_path)
    before = answers(load(path))
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: migrated to format 2\n"
    migrated = load(path)
    assert migrated.format == 2
    after = answers(migrated)
    assert len(before) > 100
    assert after.keys() == before.keys()
    assert [key for key in before if before[key] != after[key]] == []
    only_format_changed(CLARITY, path.read_bytes())


def test_comments_and_layout_survive_byte_for_byte(tmp_path: Path) -> None:
    path = copy(tmp_path)
    assert run(str(path)).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text == CLARITY.decode("utf-8").replace("\nformat: 1\n", "\nformat: 2\n", 1)
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# 有疑问时，偏向选择更高级别" in text


@pytest.mark.parametrize(
    ("written", "migrated"),
    [
        ("format: 1  # the version\n", "format: 2  # the version\n"),
        ("format:   1\n", "format:   2\n"),
        ("format: 01\n", "format: 2\n"),
        ("format:\n  1\n", "format:\n  2\n"),
    ],
    ids=["comment", "spaces", "leading-zero", "next-line"],
)
def test_the_format_value_is_replaced_where_it_stands(tmp_path: Path, written: str, migrated: str) -> None:
    blob = CLARITY.replace(b"format: 1\n", written.encode(), 1)
    path = copy(tmp_path, blob=blob)
    if load_or_none(path) is None:
        pytest.skip("not a format 1 file the loader accepts")
    assert run(str(path)).exit_code == 0
    assert path.read_bytes() == blob.replace(written.encode(), migrated.encode(), 1)


def load_or_none(path: Path) -> Playbook | None:
    try:
        return load(path)
    except ValueError:
        return None


def test_a_flow_mapping_and_crlf_line_endings(tmp_path: Path) -> None:
    flow = b"{format: 1, name: Tiny, severities: [{id: S1, name: One, respond_within: 1h, "
    flow += b"resolve_within: 4h}], classification: {impact: [{id: hi, name: High}], "
    flow += b"reach: [{id: all, name: All}], matrix: {all: {hi: S1}}}}\r\n"
    path = copy(tmp_path, "flow.yaml", b"# keep me\r\n" + flow)
    assert run(str(path)).exit_code == 0
    assert path.read_bytes() == b"# keep me\r\n" + flow.replace(b"format: 1", b"format: 2")


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = copy(tmp_path, blob=b"\xef\xbb\xbf" + CLARITY)
    assert run(str(path)).exit_code == 0
    assert path.read_bytes() == b"\xef\xbb\xbf" + CLARITY.replace(b"\nformat: 1\n", b"\nformat: 2\n", 1)


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    path = copy(tmp_path)
    path.chmod(0o640)
    assert run(str(path)).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["playbook.yaml"]


def test_a_playbook_folder_migrates_the_file_holding_format(tmp_path: Path) -> None:
    folder = tmp_path / "playbook"
    folder.mkdir()
    text = CLARITY.decode("utf-8")
    cut = text.index("\nroles:")
    (folder / "a.yaml").write_text(text[:cut] + "\n", encoding="utf-8")
    (folder / "b.yaml").write_text(text[cut + 1 :], encoding="utf-8")
    before = answers(load(folder))
    result = run(str(folder))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder / 'a.yaml'}: migrated to format 2\n"
    assert (folder / "b.yaml").read_text(encoding="utf-8") == text[cut + 1 :]
    assert answers(load(folder)) == before


# --- --check and --output ---------------------------------------------------------------------


def test_check_says_whether_migration_is_needed(tmp_path: Path) -> None:
    path = copy(tmp_path)
    result = run("--check", str(path))
    assert result.exit_code == 1
    assert "format 1" in result.stdout
    assert path.read_bytes() == CLARITY
    assert run(str(path)).exit_code == 0
    result = run("--check", str(path))
    assert (result.exit_code, result.stdout) == (0, f"{path}: already format 2\n")


def test_already_format_2_is_left_alone(tmp_path: Path) -> None:
    blob = CLARITY.replace(b"\nformat: 1\n", b"\nformat: 2\n", 1)
    path = copy(tmp_path, blob=blob)
    before = path.stat().st_mtime_ns
    result = run(str(path))
    assert (result.exit_code, result.stdout) == (0, f"{path}: already format 2\n")
    assert path.read_bytes() == blob and path.stat().st_mtime_ns == before


def test_output_writes_a_new_file_and_leaves_the_original(tmp_path: Path) -> None:
    path = copy(tmp_path)
    out = tmp_path / "v2.yaml"
    result = run(str(path), "--output", str(out))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == CLARITY
    only_format_changed(CLARITY, out.read_bytes())
    assert load(out).format == 2


def test_output_never_overwrites(tmp_path: Path) -> None:
    path = copy(tmp_path)
    out = tmp_path / "taken.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = run(str(path), "-o", str(out))
    assert result.exit_code == 2
    assert "never overwritten" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    assert run(str(path), "-o", str(dangling)).exit_code == 2
    assert not (tmp_path / "nowhere.yaml").exists()


def test_output_dash_prints_the_migrated_text(tmp_path: Path) -> None:
    path = copy(tmp_path)
    result = run(str(path), "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes == CLARITY.replace(b"\nformat: 1\n", b"\nformat: 2\n", 1)
    assert path.read_bytes() == CLARITY


def test_check_and_output_together_is_a_usage_error(tmp_path: Path) -> None:
    assert run("--check", "-o", "x.yaml", str(copy(tmp_path))).exit_code == 2


# --- hostile cases: refused, nothing written -----------------------------------------------------


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = copy(tmp_path, "real.yaml")
    link = tmp_path / "playbook.yaml"
    link.symlink_to(target)
    result = run(str(link))
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr and "Traceback" not in result.output
    assert target.read_bytes() == CLARITY and link.is_symlink()


def test_a_file_with_other_hard_links_is_refused(tmp_path: Path) -> None:
    path = copy(tmp_path)
    os.link(path, tmp_path / "other.yaml")
    result = run(str(path))
    assert result.exit_code == 1
    assert "hard links" in result.stderr
    assert path.read_bytes() == CLARITY


def test_a_file_that_is_not_utf8_is_refused_with_its_problem(tmp_path: Path) -> None:
    blob = CLARITY.decode("utf-8").replace("name: Clarity", "name: Café").encode("latin-1", "replace")
    path = copy(tmp_path, blob=blob)
    result = run(str(path))
    assert result.exit_code == 1
    assert "error[yaml-encoding]" in result.stderr
    assert path.read_bytes() == blob


def test_an_invalid_file_is_refused_with_its_problems(tmp_path: Path) -> None:
    blob = CLARITY.replace(b"    respond_within: 30m\n", b"    respond_within: 30\n", 1)
    path = copy(tmp_path, blob=blob)
    result = run(str(path))
    assert result.exit_code == 1
    assert "error[invalid-value]" in result.stderr and "the playbook is invalid" in result.stderr
    assert path.read_bytes() == blob


def test_a_change_in_meaning_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import playbook.migrate as migrate

    path = copy(tmp_path)
    # A format whose files read differently would be caught before anything is written.
    renamed = lambda blob, name: blob.replace(b"name: Clarity", b"name: Other", 1)  # noqa: E731
    monkeypatch.setattr(migrate, "_edit", renamed)
    with pytest.raises(MigrationError, match="would mean something else"):
        plan(path)
    assert path.read_bytes() == CLARITY


def test_a_file_changed_after_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = copy(tmp_path)
    migration = plan(path)
    path.write_bytes(CLARITY + b"# edited meanwhile\n")
    with pytest.raises(MigrationError, match="changed since it was read"):
        write_in_place(migration)
    assert path.read_bytes().endswith(b"# edited meanwhile\n")


def test_no_playbook_found_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.delenv("PLAYBOOK", raising=False)
    (tmp_path / ".git").mkdir()
    result = run()
    assert result.exit_code == 2
    assert "no playbook found" in result.stderr


def test_the_discovered_playbook_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PLAYBOOK", raising=False)
    (tmp_path / ".git").mkdir()
    path = copy(tmp_path)
    result = run()
    assert result.exit_code == 0, result.output
    assert load(path).format == 2
    shutil.rmtree(tmp_path / ".git")
