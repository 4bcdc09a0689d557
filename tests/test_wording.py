"""Every word the program adds comes from one table, and English output is ASCII."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path

from playbook import api, derive, response
from playbook.wording import phrases

REPO = Path(__file__).resolve().parent.parent


def english(small_playbook_text: str) -> api.Playbook:
    text = (
        small_playbook_text
        .replace("name: Critical\n", "name: Critical\n    label: urgent\n    commander: Lead\n")
        .replace("    name: Fix\n", "    name: Fix\n    label: mitigate\n")
        .replace("{id: slow, tier: consider, metric: latency, above: 5s}",
                 "{id: slow, tier: consider, metric: latency, above: 5s, description: Slow pages}")
        .replace("      - {id: \"2.1\", action: Fix it, owner: [ops, ic]}",
                 "      - {id: \"2.1\", action: Fix it, owner: [ops, ic], within: 30m}")
        .replace("message: We are on it, owner: ic}", "message: We are on it, owner: ic, every: 30m}")
    )  # fmt: skip
    result = api.validate_text(text)
    assert not result.errors, [str(p) for p in result.errors]
    assert isinstance(result.playbook, api.Playbook)
    return result.playbook


def test_english_output_is_ascii(small_playbook_text: str) -> None:
    book = english(small_playbook_text)
    outputs = [derive.severity_title(book, s) for s in book.severities]
    for severity in book.severities:
        checklist = book.checklist(severity)
        outputs += [checklist.to_text(), checklist.to_markdown(), checklist.to_json()]
    start = datetime.fromisoformat("2026-01-01T10:00+00:00")
    outputs += [str(book.timeline("S1", start).to_dict())]
    decision = book.decide_rollback({"error_rate": ("12%", "6m"), "latency": ("6s", "1m")}, ["login_down"])
    outputs += [m.reason for m in decision.matched]
    outputs += [derive.rule_text(book, rule) for rule in book.rollback.rules] if book.rollback else []
    outputs += [derive.phase_name(book, phase) for phase in book.workflow]
    outputs += [derive.postmortem_markdown(book)]
    assert "Fix (mitigate)" in outputs and "S1 - Critical (urgent)" in outputs
    for text in outputs:
        assert text.isascii(), [c for c in text if not c.isascii()]


def test_chinese_output_keeps_its_punctuation() -> None:
    import playbook

    book = playbook.default()
    assert derive.severity_title(book, book.severities[0]) == "P0 - Critical（紧急）"
    assert "（" in book.checklist("P0").to_text()


def test_both_languages_have_every_pattern() -> None:
    zh, en = phrases("zh-CN"), phrases("en")
    assert zh.words.keys() == en.words.keys()
    for key in zh.words:
        fields_zh = {n for _, n, _, _ in __import__("string").Formatter().parse(zh.words[key]) if n}
        fields_en = {n for _, n, _, _ in __import__("string").Formatter().parse(en.words[key]) if n}
        assert fields_zh == fields_en, key


def test_no_language_branch_outside_the_wording_package() -> None:
    offenders = []
    for path in [*(REPO / "playbook").rglob("*.py"), *(REPO / "playbook" / "site").rglob("*.py")]:
        if "wording" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "chinese":
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_response_checklist_and_derive_agree_on_the_title(small_playbook_text: str) -> None:
    book = english(small_playbook_text)
    checklist = response.checklist(book, "S1")
    assert checklist.to_text().splitlines()[0] == derive.severity_title(book, book.severities[0])
