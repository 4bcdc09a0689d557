"""The README's examples run as written."""

from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_examples_pass() -> None:
    result = doctest.testfile(
        str(README),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted >= 15
    assert result.failed == 0


def test_readme_lists_every_check() -> None:
    from playbook.checks import CHECKS, STRUCTURAL, markdown_table

    text = README.read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- checks:")) + len("-->\n")
    table = text[start : text.index("<!-- end checks -->")]
    assert table == markdown_table(), "the README's table of checks is stale: paste `markdown_table()`"
    for check_id in [*STRUCTURAL, *(check.ID for check in CHECKS)]:
        assert f"| `{check_id}` |" in table, check_id


def test_readme_names_every_check_that_cannot_be_relaxed() -> None:
    from playbook.checks import LOCKED

    text = README.read_text(encoding="utf-8")
    start = text.index("neither can the checks the API")
    passage = text[start : text.index("\n\n", start)]
    assert sorted(name for name in LOCKED) == sorted(name for name in LOCKED if f"`{name}`" in passage), (
        "the README's list of checks that cannot be relaxed is stale"
    )


def test_the_rule_shown_beside_its_playbook_lines_is_the_committed_export() -> None:
    """The README's example rule and the playbook lines it comes from are what the files hold."""
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- rule: a test compares this block with the committed export -->")
    playbook_block, rule_block = (
        part.split("\n", 1)[1].split("```", 1)[0] for part in text[start:].split("```yaml")[1:3]
    )
    root = README.parent
    assert rule_block in (root / "alerts" / "prometheus.rules.yml").read_text(encoding="utf-8")
    source = (root / "playbook" / "data" / "clarity.yaml").read_text(encoding="utf-8")
    for line in playbook_block.splitlines()[1:]:
        assert line in source, line


_ANSWER_COMMANDS = ("classify", "checklist", "timeline", "rollback", "message")


def _console_answers() -> list[tuple[list[str], list[str]]]:
    """The answer commands of the README's command-line block, each with the output lines it shows."""
    import shlex

    text = README.read_text(encoding="utf-8")
    start = text.index("```console", text.index("## The command line"))
    block = text[start : text.index("```\n", start + 10)].splitlines()[1:]
    out: list[tuple[list[str], list[str]]] = []
    lines = iter(block)
    for line in lines:
        if not line.startswith("$ playbook "):
            if out and line.strip() and line.strip() != "...":
                out[-1][1].append(line.strip())
            continue
        command = line[2:]
        while command.endswith("\\"):
            command = command[:-1] + next(lines).strip()
        args = shlex.split(command, comments=True)[1:]
        out.append((args, []))
    return [(args, shown) for args, shown in out if args[0] in _ANSWER_COMMANDS]


def test_the_readme_answer_commands_run_and_print_what_it_shows() -> None:
    from click.testing import CliRunner

    from playbook.cli import main

    examples = _console_answers()
    assert len(examples) >= 8
    for args, shown in examples:
        if "-p" not in args:
            args = [*args, "--example", "clarity"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
        lines = [line.strip() for line in result.output.splitlines()]
        for expected in shown:
            assert expected in lines, (args, expected, result.output)
