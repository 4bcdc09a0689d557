"""Facts stated once in the playbook and derived for the API and the site alike."""

from __future__ import annotations

from conftest import MINIMAL_PLAYBOOK

import playbook.derive as derive
from playbook import default, validate_text
from playbook.model import Playbook


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
