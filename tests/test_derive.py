"""Facts stated once in the playbook and derived for the API and the site alike."""

from __future__ import annotations

from conftest import MINIMAL_PLAYBOOK, SMALL_PLAYBOOK

import playbook.derive as derive
import playbook.site as generator
from playbook import default, validate_text
from playbook.model import Playbook
from playbook.response import checklist


def _book(text: str) -> Playbook:
    result = validate_text(text)
    assert result.playbook is not None, result.problems
    return result.playbook


def test_alert_conditions_name_the_metric_as_the_playbook_does() -> None:
    book = default()
    assert book.detection is not None
    alerts = [alert for source in book.detection.sources for alert in source.alerts]
    assert [derive.alert_condition(book, a) for a in alerts] == [
        "API 错误率 > 5%",
        "响应时间 > 2s",
        "数据库连接池 > 90%",
    ]
    below = _book(
        MINIMAL_PLAYBOOK
        + """\
metrics:
  - {id: success, name: Success rate, unit: "%"}
detection:
  sources:
    - {id: alerts, name: Alerts, alerts: [{metric: success, below: 90%}], priority: high}
"""
    )
    assert below.detection is not None
    assert derive.alert_condition(below, below.detection.sources[0].alerts[0]) == "Success rate < 90%"


# Three external rules whose channels are stated once, on `a`: `c` takes those of `b`, which
# takes those of `a`. The rules that refer come first, before the rule they refer to.
CHAIN = SMALL_PLAYBOOK.replace(
    "    - {id: outage, scenario: Outage, channels: [Status page], message: We are on it, owner: ic}\n",
    "    - {id: c, scenario: Slow pages, same_channels_as: b, content: How slow, owner: [ic, ops]}\n"
    "    - {id: b, scenario: Data loss, same_channels_as: a, content: What was lost, owner: ops}\n"
    "    - {id: a, scenario: Outage, channels: [Status page, Email], message: We are on it, owner: ic}\n",
)


def test_channels_followed_through_a_chain_are_the_same_in_the_api_and_on_the_site() -> None:
    book = _book(CHAIN)
    channels = ("Status page", "Email")
    assert derive.channels(book) == {"a": channels, "b": channels, "c": channels}
    shown = " / ".join(channels)

    items = {item.id: item for item in checklist(book, "S1")}
    for rule in ("a", "b", "c"):
        assert items[f"external:{rule}"].text.startswith(f"{shown}: "), items[f"external:{rule}"]

    files = generator.render(book)
    cells = [
        line.split(" | ")[:2]
        for line in files["communication.md"].split("## External Communication", 1)[1].splitlines()
        if line.startswith("| ") and not line.startswith("| Scenario")
    ]
    page: dict[str, str] = {}
    for scenario, cell in cells:
        # A reader takes "Same as above" to mean the channels of the row above.
        page[scenario.lstrip("| ")] = page[list(page)[-1]] if cell == "Same as above" else cell
    assert page == {"Slow pages": shown, "Data loss": shown, "Outage": shown}
    assert files["checklists/s1.md"].count(f"{shown}: ") == 3

    owned = {"roles/ic.md": ("Outage", "Slow pages"), "roles/ops.md": ("Data loss", "Slow pages")}
    for path, scenarios in owned.items():
        for scenario in scenarios:
            assert f"| {scenario} | {shown} | " in files[path], (path, scenario)


def test_an_external_rule_is_worded_the_same_by_the_api_and_the_site() -> None:
    text = SMALL_PLAYBOOK.replace(
        "message: We are on it, owner: ic}",
        "message: We are on it, content: Progress, every: 15m, owner: ic}",
    )
    book = _book(text)
    said = derive.external_content(book, book.communication.external[0])  # type: ignore[union-attr]
    assert said == 'every 15 minutes: "We are on it"; Progress'
    (item,) = [i for i in checklist(book, "S1") if i.kind == "external"]
    assert item.text == f"Status page: {said}"
    files = generator.render(book)
    assert said.replace('"', "&quot;") in files["communication.md"] or said in files["communication.md"]
    assert said in files["checklists/s1.md"] or said.replace('"', "&quot;") in files["checklists/s1.md"]
