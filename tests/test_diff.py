"""The semantic diff: edits of the default playbook, each with the change lines it must give.

Every case is a text replacement on playbook/data/clarity.yaml; both sides are
validated (no errors) before they are compared. Then the command on two real
git revisions of a scratch repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from pydantic import ValidationError

from playbook.cli import main
from playbook.loader import default_path, validate_text
from playbook.model import Playbook
from playbook.review.diff import Change, compare, diff, to_json, to_markdown
from playbook.schema import json_schema

CLARITY = default_path().read_text(encoding="utf-8")


def edited(old: str, new: str, text: str = CLARITY) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in clarity.yaml"
    return text.replace(old, new)


def book(text: str, name: str) -> Playbook:
    result = validate_text(text, name)
    assert result.playbook is not None and not result.errors, [str(p) for p in result.problems]
    return result.playbook


BASE = book(CLARITY, "old")


def changes_for(*replacements: tuple[str, str]) -> list[Change]:
    text = CLARITY
    for old, new in replacements:
        text = edited(old, new, text)
    return diff(BASE, book(text, "new"))


# (name, [(old text, new text), ...], [expected change lines]); "(looser)" marks the loosening ones.
EDITS: list[tuple[str, list[tuple[str, str]], list[str]]] = [
    (
        "respond-within-longer",
        [("    respond_within: 30m\n", "    respond_within: 1h\n")],
        ["severities[P1].respond_within 30m → 1h (looser)"],
    ),
    (
        "respond-within-shorter",
        [("    respond_within: 15m\n", "    respond_within: 10m\n")],
        ["severities[P0].respond_within 15m → 10m (stricter)"],
    ),
    (
        "resolve-within-shorter",
        [("    resolve_within: 4h\n", "    resolve_within: 2h\n")],
        ["severities[P1].resolve_within 4h → 2h (stricter)"],
    ),
    (
        "update-every-longer",
        [("    update_every: 2h\n", "    update_every: 4h\n")],
        ["severities[P2].update_every 2h → 4h (looser)"],
    ),
    (
        "matrix-cell-more-severe",
        [("many:       {low: P2,", "many:       {low: P1,")],
        ["classification.matrix.many.low P2 → P1 (stricter)"],
    ),
    (
        "matrix-cell-less-severe",
        [("widespread: {low: P1,", "widespread: {low: P2,")],
        ["classification.matrix.widespread.low P1 → P2 (looser)"],
    ),
    (
        "when-in-doubt-lower",
        [("when_in_doubt: higher", "when_in_doubt: lower")],
        ["classification.when_in_doubt higher → lower (looser)"],
    ),
    (
        "step-owner",
        [("owner: [backend-lead, devops-lead]}", "owner: devops}")],
        ["workflow[contain].steps[3.3].owner backend-lead, devops-lead → devops"],
    ),
    (
        "step-owner-single",
        [
            (
                '{id: "3.4", action: 验证止损效果, owner: qa-lead}',
                '{id: "3.4", action: 验证止损效果, owner: devops}',
            )
        ],
        ["workflow[contain].steps[3.4].owner qa-lead → devops"],
    ),
    (
        "step-removed",
        [('      - {id: "4.5", action: 宣布事件结束, owner: incident-commander}\n', "")],
        ["workflow[recover].steps[4.5] removed (looser)"],
    ),
    (
        "step-added",
        [
            (
                '      - {id: "4.5", action: 宣布事件结束, owner: incident-commander}\n',
                '      - {id: "4.5", action: 宣布事件结束, owner: incident-commander}\n'
                '      - {id: "4.6", action: 通知用户, owner: comms-lead}\n',
            )
        ],
        ["workflow[recover].steps[4.6] added"],
    ),
    (
        "rollback-threshold-raised",
        [("above: 10%, for: 5m}", "above: 15%, for: 5m}")],
        ["rollback.rules[error-rate-critical].above 10% → 15% (looser)"],
    ),
    (
        "rollback-hold-longer",
        [("above: 10%, for: 5m}", "above: 10%, for: 10m}")],
        ["rollback.rules[error-rate-critical].for 5m → 10m (looser)"],
    ),
    (
        "rollback-below-lowered",
        [("metric: payment_success_rate, below: 90%}", "metric: payment_success_rate, below: 80%}")],
        ["rollback.rules[payment-failing].below 90% → 80% (looser)"],
    ),
    (
        "rollback-below-raised",
        [("metric: payment_success_rate, below: 90%}", "metric: payment_success_rate, below: 95%}")],
        ["rollback.rules[payment-failing].below 90% → 95% (stricter)"],
    ),
    (
        "rollback-between-floor-raised",
        [("between: [5%, 10%], for: 10m}", "between: [6%, 10%], for: 10m}")],
        ["rollback.rules[error-rate-elevated].between 5%, 10% → 6%, 10% (looser)"],
    ),
    (
        "rollback-rule-immediate-to-consider",
        [("{id: payment-failing, tier: immediate", "{id: payment-failing, tier: consider")],
        ["rollback.rules[payment-failing].tier immediate → consider (looser)"],
    ),
    (
        "rollback-rule-consider-to-none",
        [("{id: latency-degraded, tier: consider", "{id: latency-degraded, tier: none")],
        ["rollback.rules[latency-degraded].tier consider → none (looser)"],
    ),
    (
        "rollback-rule-consider-to-immediate",
        [("{id: hotfix-too-slow, tier: consider", "{id: hotfix-too-slow, tier: immediate")],
        ["rollback.rules[hotfix-too-slow].tier consider → immediate (stricter)"],
    ),
    (
        "rollback-rule-removed",
        [("    - {id: quick-fix, tier: none, signal: quick_fix_available}\n", "")],
        ["rollback.rules[quick-fix] removed (looser)"],
    ),
    (
        "verification-item-removed",
        [("    - {id: login, item: 用户可正常登录}\n", "")],
        ["rollback.verification[login] removed (looser)"],
    ),
    (
        "procedure-owner",
        [
            (
                "operation: EAS Update rollback, owner: mobile-lead}",
                "operation: EAS Update rollback, owner: devops}",
            )
        ],
        ["rollback.procedure[mobile].owner mobile-lead → devops"],
    ),
    (
        "alert-threshold-raised",
        [("{metric: db_pool_usage, above: 90%}", "{metric: db_pool_usage, above: 95%}")],
        ["detection.sources[monitoring-alerts].alerts[db_pool_usage >].above 90% → 95% (looser)"],
    ),
    (
        "alert-threshold-lowered",
        [("{metric: response_time, above: 2s}", "{metric: response_time, above: 1s}")],
        ["detection.sources[monitoring-alerts].alerts[response_time >].above 2s → 1s (stricter)"],
    ),
    (
        "alert-removed",
        [("        - {metric: db_pool_usage, above: 90%}\n", "")],
        ["detection.sources[monitoring-alerts].alerts[db_pool_usage >] removed (looser)"],
    ),
    (
        "source-priority",
        [("      priority: low\n", "      priority: medium\n")],
        ["detection.sources[scheduled-checks].priority low → medium"],
    ),
    (
        "postmortem-meeting-later",
        [("meeting_within: 48h", "meeting_within: 72h")],
        ["postmortem.meeting_within 48h → 72h (looser)"],
    ),
    (
        "postmortem-section-removed",
        [
            (
                "    - id: lessons\n      title: Lessons Learned\n"
                '      body: "[从这次事件中学到的关键经验]"\n',
                "",
            )
        ],
        ["postmortem.sections[lessons] removed (looser)"],
    ),
    (
        "internal-timing-immediately-to-30m",
        [("audience: [相关技术团队], timing: immediately}", "audience: [相关技术团队], timing: 30m}")],
        ["communication.internal[p1-start].timing immediately → 30m (looser)"],
    ),
    (
        "internal-timing-longer",
        [("audience: [对应模块负责人], timing: 30m}", "audience: [对应模块负责人], timing: 1h}")],
        ["communication.internal[p2-start].timing 30m → 1h (looser)"],
    ),
    (
        "severity-label",
        [("    label: 高\n", "    label: 很高\n")],
        ["severities[P1].label 高 → 很高"],
    ),
    (
        "hold-time-added",  # a rule that fired at once now waits 10 minutes: it fires later
        [
            (
                "metric: payment_success_rate, below: 90%}",
                "metric: payment_success_rate, below: 90%, for: 10m}",
            )
        ],
        ["rollback.rules[payment-failing].for none → 10m (looser)"],
    ),
]


def test_there_are_enough_distinct_edits() -> None:
    assert len(EDITS) >= 14
    assert len({name for name, _, _ in EDITS}) == len(EDITS)


@pytest.mark.parametrize(
    ("replacements", "expected"), [(r, e) for _, r, e in EDITS], ids=[n for n, _, _ in EDITS]
)
def test_edit_gives_exactly_the_expected_change_lines(
    replacements: list[tuple[str, str]], expected: list[str]
) -> None:
    changes = changes_for(*replacements)
    assert [str(c) for c in changes] == expected
    # The flag agrees with the line, and only "looser" lines loosen.
    assert [c.loosens for c in changes] == [line.endswith("(looser)") for line in expected]
    for change in changes:
        if change.loosens:
            assert change.direction in ("looser", "removed")
        else:
            assert change.direction in ("stricter", "changed", "added")


def test_the_reverse_of_a_looser_edit_is_not_looser() -> None:
    tightened = book(edited("    respond_within: 30m\n", "    respond_within: 1h\n"), "loose")
    changes = diff(tightened, BASE)
    assert [str(c) for c in changes] == ["severities[P1].respond_within 1h → 30m (stricter)"]
    assert not any(c.loosens for c in changes)


def test_an_added_rollback_rule_is_not_looser() -> None:
    changes = changes_for(
        (
            "    - {id: quick-fix, tier: none, signal: quick_fix_available}\n",
            "    - {id: quick-fix, tier: none, signal: quick_fix_available}\n"
            "    - {id: slow-responses, tier: consider, metric: response_time, above: 5s}\n",
        )
    )
    assert [str(c) for c in changes] == ["rollback.rules[slow-responses] added"]
    assert not changes[0].loosens


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("when_in_doubt: higher           # 有疑问时，偏向选择更高级别", "when_in_doubt: higher"),
        ("    examples: [API 全挂, 数据库不可访问, 支付完全失败, 用户无法登录]\n", "    examples:\n"
         "      - API 全挂\n      - 数据库不可访问\n      - 支付完全失败\n      - 用户无法登录\n"),
    ],
    ids=["comment", "flow-to-block"],
)  # fmt: skip
def test_no_change_in_meaning(old: str, new: str) -> None:
    changes = changes_for((old, new))
    assert changes == []
    assert to_markdown(changes, "a.yaml", "b.yaml") == "No change in meaning between `a.yaml` and `b.yaml`.\n"
    assert json.loads(to_json(changes, "a.yaml", "b.yaml")) == {
        "old": "a.yaml",
        "new": "b.yaml",
        "loosens": False,
        "changes": [],
    }


def test_identical_playbooks_have_no_change() -> None:
    assert diff(BASE, book(CLARITY, "same")) == []


def test_several_edits_together_in_document_order() -> None:
    changes = changes_for(
        ("    respond_within: 30m\n", "    respond_within: 1h\n"),
        ("many:       {low: P2,", "many:       {low: P1,"),
        ("owner: [backend-lead, devops-lead]}", "owner: devops}"),
        ("above: 10%, for: 5m}", "above: 15%, for: 5m}"),
    )
    assert [str(c) for c in changes] == [
        "severities[P1].respond_within 30m → 1h (looser)",
        "classification.matrix.many.low P2 → P1 (stricter)",
        "workflow[contain].steps[3.3].owner backend-lead, devops-lead → devops",
        "rollback.rules[error-rate-critical].above 10% → 15% (looser)",
    ]
    markdown = to_markdown(changes, "old.yaml", "new.yaml")
    assert markdown == (
        "### Playbook changes: `old.yaml` → `new.yaml`\n"
        "\n"
        "**2 change(s) loosen the playbook:**\n"
        "\n"
        "- ⚠️ `severities[P1].respond_within` `30m` → `1h` (looser)\n"
        "- ⚠️ `rollback.rules[error-rate-critical].above` `10%` → `15%` (looser)\n"
        "\n"
        "Other changes:\n"
        "\n"
        "- `classification.matrix.many.low` `P2` → `P1` (stricter)\n"
        "- `workflow[contain].steps[3.3].owner` `backend-lead, devops-lead` → `devops`\n"
    )
    body = json.loads(to_json(changes, "old.yaml", "new.yaml"))
    assert body["loosens"] is True
    assert body["changes"][0] == {
        "where": "severities[P1].respond_within",
        "text": "severities[P1].respond_within 30m → 1h",
        "direction": "looser",
        "loosens": True,
    }
    assert [c["loosens"] for c in body["changes"]] == [True, False, False, True]


# --- changes in meaning the diff must not miss ----------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "mentions"),
    [
        # The "中断持续" external update every 30 minutes becomes every 2 hours.
        ("      every: 30m\n", "      every: 2h\n", ["ongoing", "30m", "2h"]),
        # The Root Cause section stops being required.
        (
            '      body: "[详细描述根本原因]"\n',
            '      body: "[详细描述根本原因]"\n      required: false\n',
            ["root-cause"],
        ),
    ],
    ids=["external-update-less-often", "postmortem-section-optional"],
)
def test_a_loosening_outside_the_core_sections_is_flagged(old: str, new: str, mentions: list[str]) -> None:
    changes = changes_for((old, new))
    assert changes, "a change in meaning gave no change at all"
    assert any(c.loosens for c in changes), [str(c) for c in changes]
    text = " ".join(str(c) for c in changes)
    for word in mentions:
        assert word in text


@pytest.mark.parametrize(
    ("old", "new", "mentions"),
    [
        (
            "    - id: commander\n      title: 指派 Incident Commander\n      derive: commander\n",
            "",
            "commander",
        ),
        (
            "{id: p1-start, event: start, severity: P1,",
            "{id: p1-start, event: start, severity: P2,",
            "p1-start",
        ),
    ],
    ids=["triage-step-removed", "internal-rule-severity"],
)
def test_other_changes_in_meaning_are_reported(old: str, new: str, mentions: str) -> None:
    changes = changes_for((old, new))
    assert any(mentions in str(c) for c in changes), [str(c) for c in changes]


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            [("when_in_doubt: higher", "when_in_doubt: higher\nchecks: {severity-order: off}")],
            ["checks.severity-order error → off (looser)"],
        ),
        (
            [("when_in_doubt: higher", "when_in_doubt: higher\nchecks: {severity-order: warning}")],
            ["checks.severity-order error → warning (looser)"],
        ),
        (
            [("label: p95\n    unit: s\n", "label: p95\n    unit: ms\n")],
            ["metrics[p95_latency].unit s → ms"],
        ),
        (
            [(CLARITY[CLARITY.index("scope:") : CLARITY.index("severities:")], "")],
            ["scope removed"],
        ),
        (
            [("when_in_doubt: higher", "when_in_doubt: higher\nreview: {every: 6mo, owner: qa-lead}")],
            ["review added"],
        ),
    ],
    ids=["check-turned-off", "check-made-warning", "metric-unit", "scope-deleted", "review-added"],
)  # fmt: skip
def test_changes_the_old_diff_missed(replacements: list[tuple[str, str]], expected: list[str]) -> None:
    assert [str(c) for c in changes_for(*replacements)] == expected


def test_a_longer_review_period_is_looser() -> None:
    base = edited("when_in_doubt: higher", "when_in_doubt: higher\nreview: {every: 6mo, owner: qa-lead}")
    longer = base.replace("every: 6mo", "every: 1y")
    changes = diff(book(base, "old"), book(longer, "new"))
    assert [str(c) for c in changes] == ["review.every 6mo → 1y (looser)"]


def _leaves(node: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _leaves(value, (*path, i))]
    return [path]


def _mutations(value: object) -> list[object]:
    """Other values of the same kind, most likely to stay valid first."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int | float):
        return [value + 1]
    text = str(value)
    candidates: list[object] = []
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?(%|s|ms)?", text):
        number = re.match(r"[0-9.]+", text)
        assert number is not None
        candidates.append(f"{float(number.group()) + 1:g}{text[number.end() :]}")
    if re.fullmatch(r"([0-9]+[dhms])+", text):
        candidates.append(text + "1s" if not text.endswith("s") else text.replace("s", "", 1) + "1m")
        candidates.append("7h")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        candidates.append("2020-02-02")
    return [*candidates, text + "x", text + "-x", "x" + text, *ENUM_WORDS, "P1", "P2", None]


def _enum_words(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [str(v) for v in node.get("enum", []) if isinstance(v, str)]
        return found + [word for value in node.values() for word in _enum_words(value)]
    if isinstance(node, list):
        return [word for value in node for word in _enum_words(value)]
    return []


# A scale that fits each unit, for a metric whose expression gives one.
SCALES = {"%": "percent", "s": "seconds", "ms": "milliseconds"}

# Every word the format offers as a choice (tiers, events, units, sources, ...), for mutating a choice.
ENUM_WORDS = list(dict.fromkeys(_enum_words(json_schema())))


def _set(data: object, path: tuple[object, ...], value: object) -> object:
    copy = json.loads(json.dumps(data))
    node = copy
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    node[path[-1]] = value  # type: ignore[index]
    return copy


def test_every_scalar_leaf_of_the_default_playbook_is_seen_by_the_diff() -> None:
    """Change every scalar of clarity.yaml, one at a time: the diff reports each change."""
    data = yaml.safe_load(CLARITY)
    leaves = [path for path in _leaves(data) if path != ("format",)]  # format 1 has no other value
    assert len(leaves) > 300
    unchanged = []
    for path in leaves:
        node: object = data
        for key in path:
            node = node[key]  # type: ignore[index]
        for candidate in _mutations(node):
            changed = _set(data, path, candidate)
            if path[-1] == "unit" and candidate in SCALES:
                # A metric's unit and its expression's scale go together: change both at once.
                changed = _set(changed, (*path[:-1], "scale"), SCALES[candidate])
            try:
                other = Playbook.model_validate(changed)
            except ValidationError:
                continue
            if other == BASE:
                continue
            if not diff(BASE, other):
                unchanged.append((path, node, candidate))
            break
        else:
            unchanged.append((path, node, "no valid mutation"))
    assert unchanged == []


# --- the command on two git revisions ----------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with two commits of clarity.yaml: HEAD~1 the shipped one, HEAD edited."""
    for name in [k for k in os.environ if k.startswith("GIT_")]:
        monkeypatch.delenv(name)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Test")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copyfile(default_path(), root / "clarity.yaml")
    git(root, "add", "clarity.yaml")
    git(root, "commit", "-q", "-m", "the shipped playbook")
    text = edited("    respond_within: 30m\n", "    respond_within: 1h\n")
    text = edited("many:       {low: P2,", "many:       {low: P1,", text)
    (root / "clarity.yaml").write_text(text, encoding="utf-8")
    git(root, "commit", "-q", "-am", "loosen P1, tighten many × low")
    monkeypatch.chdir(root)
    return root


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


EXPECTED_MARKDOWN = (
    "### Playbook changes: `HEAD~1:clarity.yaml` → `HEAD:clarity.yaml`\n"
    "\n"
    "**1 change(s) loosen the playbook:**\n"
    "\n"
    "- ⚠️ `severities[P1].respond_within` `30m` → `1h` (looser)\n"
    "\n"
    "Other changes:\n"
    "\n"
    "- `classification.matrix.many.low` `P2` → `P1` (stricter)\n"
)


def test_diff_of_two_revisions_as_markdown(repo: Path) -> None:
    result = run("diff", "HEAD~1:clarity.yaml", "HEAD:clarity.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_MARKDOWN


def test_diff_of_two_revisions_as_json(repo: Path) -> None:
    result = run("diff", "--format", "json", "HEAD~1:clarity.yaml", "HEAD:clarity.yaml")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "old": "HEAD~1:clarity.yaml",
        "new": "HEAD:clarity.yaml",
        "loosens": True,
        "changes": [
            {
                "where": "severities[P1].respond_within",
                "text": "severities[P1].respond_within 30m → 1h",
                "direction": "looser",
                "loosens": True,
            },
            {
                "where": "classification.matrix.many.low",
                "text": "classification.matrix.many.low P2 → P1",
                "direction": "stricter",
                "loosens": False,
            },
        ],
    }


def test_diff_of_a_revision_and_the_working_file(repo: Path) -> None:
    result = run("diff", "HEAD~1:clarity.yaml", "clarity.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_MARKDOWN.replace("`HEAD:clarity.yaml`", "`clarity.yaml`")


def test_diff_of_the_same_revision_has_no_change(repo: Path) -> None:
    result = run("diff", "--fail-on-looser", "HEAD:clarity.yaml", "clarity.yaml")
    assert result.exit_code == 0
    assert result.stdout == "No change in meaning between `HEAD:clarity.yaml` and `clarity.yaml`.\n"


def test_fail_on_looser_exits_1(repo: Path) -> None:
    result = run("diff", "--fail-on-looser", "HEAD~1:clarity.yaml", "HEAD:clarity.yaml")
    assert result.exit_code == 1
    assert result.stdout == EXPECTED_MARKDOWN


def test_fail_on_looser_passes_a_change_that_only_tightens(repo: Path) -> None:
    # HEAD → HEAD~1 makes P1 stricter again and many × low looser again: still looser.
    result = run("diff", "--fail-on-looser", "HEAD:clarity.yaml", "HEAD~1:clarity.yaml")
    assert result.exit_code == 1
    text = edited("many:       {low: P2,", "many:       {low: P1,")
    (repo / "stricter.yaml").write_text(text, encoding="utf-8")
    result = run("diff", "--fail-on-looser", "HEAD~1:clarity.yaml", "stricter.yaml")
    assert result.exit_code == 0
    assert "- `classification.matrix.many.low` `P2` → `P1` (stricter)" in result.stdout


@pytest.mark.parametrize(
    "spec", ["no-such-branch:clarity.yaml", "HEAD~5:clarity.yaml", "HEAD:missing.yaml", "missing.yaml"]
)
def test_a_bad_revision_or_path_is_a_usage_error(repo: Path, spec: str) -> None:
    result = run("diff", spec, "HEAD:clarity.yaml")
    assert result.exit_code == 2
    assert spec in result.stderr
    assert "Traceback" not in result.output


def test_an_invalid_side_exits_1_with_its_problems(repo: Path) -> None:
    text = edited("    respond_within: 30m\n", "    respond_within: 30\n")
    (repo / "clarity.yaml").write_text(text, encoding="utf-8")
    git(repo, "commit", "-q", "-am", "break it")
    result = run("diff", "HEAD~1:clarity.yaml", "HEAD:clarity.yaml")
    assert result.exit_code == 1
    assert result.stdout == ""
    line = text.splitlines().index("    respond_within: 30") + 1
    assert f"HEAD:clarity.yaml:{line}:21: error[invalid-value]" in result.stderr
    assert "HEAD:clarity.yaml: the playbook is invalid" in result.stderr


def test_diff_outside_a_git_repository_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = run("diff", "HEAD~1:clarity.yaml", str(default_path()))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_comparison_carries_the_names_and_renders_like_the_functions() -> None:
    text = edited("    respond_within: 30m\n", "    respond_within: 1h\n")
    text = edited("many:       {low: P2,", "many:       {low: P1,", text)
    result = compare(BASE, book(text, "new"), "a.yaml", "b.yaml")
    assert result.loosens
    assert [str(c) for c in result.changes] == [
        "severities[P1].respond_within 30m → 1h (looser)",
        "classification.matrix.many.low P2 → P1 (stricter)",
    ]
    assert result.to_markdown() == to_markdown(result.changes, "a.yaml", "b.yaml")
    assert result.to_dict() == json.loads(to_json(result.changes, "a.yaml", "b.yaml"))
    assert (result.to_dict()["old"], result.to_dict()["new"], result.to_dict()["loosens"]) == (
        "a.yaml",
        "b.yaml",
        True,
    )
    same = compare(BASE, BASE, "a", "a")
    assert not same.loosens
    assert same.to_markdown() == "No change in meaning between `a` and `a`.\n"


def test_markdown_keeps_free_text_inert() -> None:
    payloads = [
        "<!-- hide the rest",
        "![x](https://tracker.example/p.gif)",
        "@octocat please approve",
        "\n\n### ✅ No change loosens the playbook",
        "`` break out ``` of the span",
        "<script>alert(1)</script>",
    ]
    for payload in payloads:
        changes = changes_for(
            ("action: 验证止损效果, owner: qa-lead}", f"action: {json.dumps(payload)}, owner: qa-lead}}")
        )
        markdown = to_markdown(changes, "a.yaml", "b.yaml")
        (line,) = [line for line in markdown.splitlines() if "steps[3.4].action" in line]
        # One list item, every value inside a code span that nothing in it can close.
        spans = re.findall(r"(`+)(.*?)\1", line)
        assert any(payload.strip().replace("\n", "\\x0a") in span.strip() for _, span in spans), (
            payload,
            line,
        )
        assert markdown.count("\n### ") == 0 and "\n\n### ✅" not in markdown
        outside = re.sub(r"(`+).*?\1", "", line)
        assert not any(mark in outside for mark in ("<", "@", "![", "###")), outside
