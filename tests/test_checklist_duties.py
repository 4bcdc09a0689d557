"""A checklist states each duty once: in every playbook, for every severity and incident type."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook import api
from playbook.derive.checklist import _duty

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOKS = [
    ROOT / "playbook" / "data" / "clarity.yaml",
    *sorted((ROOT / "examples").glob("*/playbook.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "format2").glob("*.yaml")),
]


@pytest.mark.parametrize("path", PLAYBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_checklist_holds_two_items_with_the_same_duty(path: Path) -> None:
    book = api.load(path)
    for severity in book.severities:
        for kind in [None, *(t.id for t in book.incident_types)]:
            items = book.checklist(severity.id, incident_type=kind).items
            seen: dict[str, str] = {}
            for item in items:
                key = _duty(item.text) + "|" + (item.phase or "")
                assert key not in seen, f"{severity.id}: {item.text!r} repeats {seen[key]!r}"
                seen[key] = item.text
            kinds = {item.kind for item in items}
            assert not {"escalate", "notify"} <= kinds or all(i.id != "escalate" for i in items), (
                f"{severity.id}: the escalation and a start notice are listed apart"
            )


def test_the_seed_duplicates_are_merged_keeping_both_wordings() -> None:
    book = api.load(PLAYBOOKS[0])
    p2 = [item.text for item in book.checklist("P2").items if item.kind in ("notify", "escalate")]
    assert p2 == ["通知 对应模块负责人（Slack，30 分钟内）"]
    p0 = [item.text for item in book.checklist("P0").items if item.kind in ("notify", "escalate")]
    assert p0 == ["通知 全技术团队 + 管理层（Slack + 电话，立即），立即通知所有相关负责人 + 管理层"]
