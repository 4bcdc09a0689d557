"""``playbook postmortem new`` and ``check``: drafts from the seed's template, and written reports checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.loader import default_path

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "incident-response-playbook.md"
SECTIONS = [
    "Summary",
    "Impact",
    "Timeline",
    "Root Cause",
    "Resolution",
    "What Went Well",
    "What Went Wrong",
    "Action Items",
    "Lessons Learned",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def seed_path() -> Path:
    """The seed document: the copy in tests/seed/, else shared/seed/ beside the repository."""
    candidates = [REPO_ROOT / "tests" / "seed" / SEED_NAME, REPO_ROOT.parent / "shared" / "seed" / SEED_NAME]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(f"the seed {SEED_NAME} is in none of {[str(c) for c in candidates]}")


def seed_template() -> str:
    """The Markdown inside the seed's '## Postmortem Template' code block."""
    text = seed_path().read_text(encoding="utf-8")
    _, _, after = text.partition("## Postmortem Template\n")
    match = re.search(r"```markdown\n(.*?)\n```", after, re.DOTALL)
    assert match, "no ```markdown block under '## Postmortem Template' in the seed"
    return match.group(1) + "\n"


def draft(tmp_path: Path, *extra: str, name: str = "pm.md") -> tuple[Path, str]:
    path = tmp_path / name
    args = ["postmortem", "new", "--severity", "P1", "--title", "SSE 流中断", "--date", "2026-01-31"]
    result = run(*args, "--author", "Alice", *extra, "--output", str(path))
    assert result.exit_code == 0, result.output
    return path, path.read_text(encoding="utf-8")


def split_sections(markdown: str) -> dict[str, str]:
    """'## Heading' → its body (without the rules between sections), in order."""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return {k: v.replace("\n---\n", "\n").strip("\n") for k, v in sections.items()}


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


# --- new ---------------------------------------------------------------------------------------


def test_the_seed_template_is_where_the_test_expects() -> None:
    template = seed_template()
    assert template.startswith("# Postmortem: [事件标题]\n")
    assert list(split_sections(template)) == SECTIONS


def test_a_draft_is_the_seed_template_with_the_known_fields_filled(tmp_path: Path) -> None:
    _, text = draft(tmp_path)
    expected = seed_template()
    for old, new in [
        ("# Postmortem: [事件标题]\n", "# Postmortem: SSE 流中断\n"),
        ("**Date**: YYYY-MM-DD\n", "**Date**: 2026-01-31\n"),
        ("**Severity**: P0 / P1 / P2\n", "**Severity**: P1\n"),
        ("**Author**: [姓名]\n", "**Author**: Alice\n"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert text == expected


def test_a_draft_has_the_seed_sections_with_the_seed_bodies(tmp_path: Path) -> None:
    _, text = draft(tmp_path)
    assert split_sections(text) == split_sections(seed_template())
    # The header lines keep the seed's placeholders where the playbook knows nothing.
    assert "**Duration**: HH:MM - HH:MM (X 小时 Y 分钟)" in text.splitlines()
    assert "**Status**: Draft / Final" in text.splitlines()


def test_new_to_standard_output_without_author() -> None:
    result = run("postmortem", "new", "--severity", "p0", "--title", "API 全挂", "--date", "2026-02-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "# Postmortem: API 全挂"
    assert "**Severity**: P0" in lines
    assert "**Date**: 2026-02-01" in lines
    assert "**Author**: [姓名]" in lines


def test_new_defaults_the_date_to_today() -> None:
    result = run("postmortem", "new", "--severity", "P2", "--title", "x")
    assert result.exit_code == 0
    assert re.search(r"^\*\*Date\*\*: \d{4}-\d{2}-\d{2}$", result.stdout, re.MULTILINE)


@pytest.mark.parametrize(
    "args",
    [
        ["--severity", "P7", "--title", "x"],
        ["--severity", "P1", "--title", "x", "--date", "31/01/2026"],
        ["--title", "x"],
    ],
)
def test_new_refuses_bad_options(args: list[str]) -> None:
    result = run("postmortem", "new", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_output_writes_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "new.md"
    result = run("postmortem", "new", "--severity", "P1", "--title", "t", "--output", str(path))
    assert result.exit_code == 0
    assert result.stdout == f"{path}: written\n"
    assert path.read_text(encoding="utf-8").startswith("# Postmortem: t\n")


def test_output_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "existing.md"
    path.write_text("my half-written report\n", encoding="utf-8")
    result = run("postmortem", "new", "--severity", "P1", "--title", "t", "--output", str(path))
    assert result.exit_code == 2
    assert "never overwritten" in result.output
    assert path.read_text(encoding="utf-8") == "my half-written report\n"


# --- check -------------------------------------------------------------------------------------


def check(path: Path, *extra: str) -> Result:
    return run("postmortem", "check", *extra, str(path))


def test_check_of_a_fresh_draft_reports_every_section_at_its_heading(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    result = check(path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    expected_errors = [
        f"{path}:{line_of(text, f'## {title}')}:1: error[postmortem]: section '{title}' still holds the "
        "template's text"
        for title in SECTIONS
    ]
    assert [line for line in lines if "error[" in line] == expected_errors
    assert [line for line in lines if "warning[" in line] == [
        f"{path}:{line_of(text, '**Duration**: HH:MM - HH:MM (X 小时 Y 分钟)')}:1: warning[postmortem]: "
        "'Duration' is not filled in",
        f"{path}:{line_of(text, '**Status**: Draft / Final')}:1: warning[postmortem]: "
        "'Status' is not filled in",
    ]
    assert lines[-1] == "1 file checked: invalid, 9 error(s), 2 warning(s)"


WRITTEN = {
    "Summary": "SSE 流在 10:02 至 10:40 间断开，约 30% 用户的 Solve 流程中断。",
    "Impact": "- **用户影响**：约 30% 活跃用户\n- **功能影响**：Solve 流程\n- **持续时间**：38 分钟\n"
    "- **业务影响**：无收入损失",
    "Timeline": "| 时间 | 事件 |\n|------|------|\n| 10:02 | 首次告警 |\n| 10:40 | 宣布事件结束 |",
    "Root Cause": "负载均衡器的空闲超时从 300s 改成了 30s。",
    "Resolution": "恢复超时配置并回滚网关版本。",
    "What Went Well": "- 告警 2 分钟内响应",
    "What Went Wrong": "- 配置变更未经评审",
    "Action Items": "| # | 改进措施 | 负责人 | 截止日期 | 状态 |\n|---|---|---|---|---|\n"
    "| 1 | 配置变更加评审 | Bob | 2026-02-15 | TODO |",
    "Lessons Learned": "网关配置也是代码。",
}


def written_report(text: str) -> str:
    """The draft with every section written and the header filled in."""
    sections = split_sections(text)
    for title, body in WRITTEN.items():
        assert sections[title] in text
        text = text.replace(f"## {title}\n\n{sections[title]}\n", f"## {title}\n\n{body}\n", 1)
    text = text.replace(
        "**Duration**: HH:MM - HH:MM (X 小时 Y 分钟)", "**Duration**: 10:02 - 10:40 (38 分钟)"
    )
    return text.replace("**Status**: Draft / Final", "**Status**: Final")


def test_check_of_a_written_report_passes(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    path.write_text(written_report(text), encoding="utf-8")
    assert split_sections(path.read_text(encoding="utf-8")) == WRITTEN
    for extra in ([], ["--strict"]):
        result = check(path, *extra)
        assert result.exit_code == 0, result.output
        assert result.stdout == "1 file checked: valid\n"


def test_check_reports_a_missing_section(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    report = written_report(text)
    report = report.replace(f"## Root Cause\n\n{WRITTEN['Root Cause']}\n\n---\n\n", "")
    assert "Root Cause" not in report
    path.write_text(report, encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:1:1: error[postmortem]: missing section '## Root Cause'",
        "1 file checked: invalid, 1 error(s), 0 warning(s)",
    ]


def test_check_reports_an_empty_section(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    report = written_report(text).replace(f"## Resolution\n\n{WRITTEN['Resolution']}\n", "## Resolution\n\n")
    path.write_text(report, encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:{line_of(report, '## Resolution')}:1: error[postmortem]: section 'Resolution' is empty"
    )


def test_check_reports_one_section_left_as_template(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    report = written_report(text)
    report = report.replace(
        f"## What Went Wrong\n\n{WRITTEN['What Went Wrong']}\n",
        "## What Went Wrong\n\n- [可以改进的地方 1]\n- [可以改进的地方 2]\n",
    )
    path.write_text(report, encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:{line_of(report, '## What Went Wrong')}:1: error[postmortem]: "
        "section 'What Went Wrong' still holds the template's text",
        "1 file checked: invalid, 1 error(s), 0 warning(s)",
    ]


def test_strict_makes_unfilled_header_fields_fail(tmp_path: Path) -> None:
    path, text = draft(tmp_path)
    report = written_report(text).replace("**Status**: Final", "**Status**: Draft / Final")
    path.write_text(report, encoding="utf-8")
    at = line_of(report, "**Status**: Draft / Final")
    warning = f"{path}:{at}:1: warning[postmortem]: 'Status' is not filled in"
    plain = check(path)
    assert plain.exit_code == 0
    assert plain.stdout.splitlines() == [warning, "1 file checked: valid, 0 error(s), 1 warning(s)"]
    strict = check(path, "--strict")
    assert strict.exit_code == 1
    assert strict.stdout.splitlines() == [warning, "1 file checked: invalid, 0 error(s), 1 warning(s)"]


def test_strict_fails_a_draft_without_author(tmp_path: Path) -> None:
    path = tmp_path / "anon.md"
    result = run(
        "postmortem", "new", "--severity", "P1", "--title", "t", "--date", "2026-01-31", "-o", str(path)
    )
    assert result.exit_code == 0
    report = written_report(path.read_text(encoding="utf-8"))
    path.write_text(report, encoding="utf-8")
    assert check(path).exit_code == 0
    strict = check(path, "--strict")
    assert strict.exit_code == 1
    assert (
        f"{path}:{line_of(report, '**Author**: [姓名]')}:1: warning[postmortem]: 'Author' is not filled in"
        in (strict.stdout.splitlines())
    )


def test_check_against_a_playbook_without_postmortem_is_a_usage_error(tmp_path: Path) -> None:
    text = default_path().read_text(encoding="utf-8")
    head, _, tail = text.partition("\npostmortem:\n")
    _, _, rest = tail.partition("\nrelated_documents:")
    book = tmp_path / "no-pm.yaml"
    book.write_text(head + "\nrelated_documents:" + rest, encoding="utf-8")
    report = tmp_path / "r.md"
    report.write_text("# x\n", encoding="utf-8")
    result = run("postmortem", "check", "-p", str(book), str(report))
    assert result.exit_code == 2, result.output
    assert "no postmortem section" in result.output
