"""Every word the program adds to a playbook, in the playbook's language, from one table.

Free text in a playbook stays as its authors wrote it; only values the program
derives (durations, deadlines, rules stated once and shown in several places)
and the words around them are phrased here. Chinese is used for ``zh*``
languages, English otherwise. English output uses ASCII punctuation.
:mod:`playbook.wording.labels` holds the site's headings and column names, and
:mod:`playbook.wording.terms` those of calendars, conditions, timers, facets and lifecycles.
"""

from __future__ import annotations

from datetime import timedelta

from playbook.clock import BusinessTime
from playbook.wording.labels import Labels, labels, material_language
from playbook.wording.terms import Terms, terms

__all__ = ["Labels", "Phrases", "Terms", "labels", "material_language", "phrases", "terms"]

_ZH: dict[str, str] = {
    "hour": "{n} 小时",
    "hours": "{n} 小时",
    "minute": "{n} 分钟",
    "minutes": "{n} 分钟",
    "second": "{n} 秒",
    "seconds": "{n} 秒",
    "zero": "0 秒",
    "day": "{n} 天",
    "days": "{n} 天",
    "week": "{n} 周",
    "weeks": "{n} 周",
    "month": "{n} 个月",
    "months": "{n} 个月",
    "year": "{n} 年",
    "years": "{n} 年",
    "bh": "{n} 个工作小时",
    "bhs": "{n} 个工作小时",
    "bd": "{n} 个工作日",
    "bds": "{n} 个工作日",
    "no_respond": "无响应目标",
    "no_resolve": "无解决目标",
    "within": "{d}内",
    "every": "每 {d}",
    "lasting": "持续 {d}",
    "respond": "{within}响应",
    "resolve": "{within}{what}",
    "resolve_default": "解决",
    "update": "{every}更新状态",
    "update_detail": "{text}（{audience}，{channels}）",
    "notify": "通知 {audience}（{channels}，{when}）",
    "notify_untimed": "通知 {audience}（{channels}）",
    "paren": "{text}（{note}）",
    "colon": "：",
    "list": "、",
    "clause": "，",
    "quote": '"{text}"',
    "labelled": "{label}：{text}",
    "owned": "{text} — {owners}",
    "postmortem_title": "Postmortem: [事件标题]",
    "cadenced": "{every}{text}",
    "observed": "{condition}（{seen}）",
    "commander": "Incident Commander：{name}",
    "targets": "响应目标",
    "external": "对外沟通",
    "after_rollback": "回滚后",
    "immediately": "立即",
    "per-severity": "按 Severity 定义",
    "on-resolution": "结束时",
    "postmortem-meeting": "复盘会议时",
    "start": "事件启动",
    "update_event": "状态更新",
    "resolved": "事件结束",
    "postmortem": "复盘完成",
    "after_event": "{event}后 {d}内",
    "before_event": "{event}前 {d}",
    "for_first": "{every}（前 {d}）",
    "then": "之后{text}",
    "once": "{d}后更新一次",
    "in_state": "{state}状态下{text}",
    "lead": "负责人：{name}",
    "coverage": "仅在{calendar}内处理",
    "coverage_always": "7×24 小时",
    "escalate_unless": "{d}内未{event}：{action}",
    "escalate_state": "{d}后仍处于{state}：{action}",
    "escalate_after": "{d}后：{action}",
    "page": "呼叫 {roles}",
    "postmortem_due": "复盘报告：{event}后 {d}内",
    "postmortem_none": "无需复盘",
    "only_for": "仅适用于：{what}",
    "event_declared": "事件宣布",
    "event_acknowledged": "确认响应",
    "event_mitigated": "止损",
    "event_resolved": "事件解决",
}

_EN: dict[str, str] = {
    "hour": "{n} hour",
    "hours": "{n} hours",
    "minute": "{n} minute",
    "minutes": "{n} minutes",
    "second": "{n} second",
    "seconds": "{n} seconds",
    "zero": "0 seconds",
    "day": "{n} day",
    "days": "{n} days",
    "week": "{n} week",
    "weeks": "{n} weeks",
    "month": "{n} month",
    "months": "{n} months",
    "year": "{n} year",
    "years": "{n} years",
    "bh": "{n} business hour",
    "bhs": "{n} business hours",
    "bd": "{n} business day",
    "bds": "{n} business days",
    "no_respond": "no response target",
    "no_resolve": "no resolution target",
    "within": "within {d}",
    "every": "every {d}",
    "lasting": "for {d}",
    "respond": "respond {within}",
    "resolve": "{what} {within}",
    "resolve_default": "resolve",
    "update": "status update {every}",
    "update_detail": "{text} ({audience}, {channels})",
    "notify": "Notify {audience} on {channels} ({when})",
    "notify_untimed": "Notify {audience} on {channels}",
    "paren": "{text} ({note})",
    "colon": ": ",
    "list": ", ",
    "clause": "; ",
    "quote": '"{text}"',
    "labelled": "{label}: {text}",
    "owned": "{text} - {owners}",
    "postmortem_title": "Postmortem: [Incident title]",
    "cadenced": "{every}: {text}",
    "observed": "{condition} (observed {seen})",
    "commander": "Incident Commander: {name}",
    "targets": "Targets",
    "external": "External communication",
    "after_rollback": "after a rollback",
    "immediately": "immediately",
    "per-severity": "as the severity defines",
    "on-resolution": "at resolution",
    "postmortem-meeting": "at the postmortem meeting",
    "start": "Incident start",
    "update_event": "Status update",
    "resolved": "Incident resolved",
    "postmortem": "Postmortem complete",
    "after_event": "within {d} of {event}",
    "before_event": "{d} before {event}",
    "for_first": "{every} for the first {d}",
    "then": "then {text}",
    "once": "one update after {d}",
    "in_state": "while {state}: {text}",
    "lead": "Lead: {name}",
    "coverage": "worked in {calendar} only",
    "coverage_always": "24x7",
    "escalate_unless": "not {event} within {d}: {action}",
    "escalate_state": "still {state} after {d}: {action}",
    "escalate_after": "after {d}: {action}",
    "page": "page {roles}",
    "postmortem_due": "postmortem report within {d} of {event}",
    "postmortem_none": "no postmortem required",
    "only_for": "only for: {what}",
    "event_declared": "declaration",
    "event_acknowledged": "acknowledged",
    "event_mitigated": "mitigated",
    "event_resolved": "resolution",
}


_PERIOD_UNITS = {"d": "day", "w": "week", "mo": "month", "y": "year"}


class Phrases:
    """Phrasing of derived values in one language, from one table of patterns."""

    def __init__(self, language: str) -> None:
        self.chinese = language.lower().startswith("zh")
        self.words = _ZH if self.chinese else _EN
        self.colon = self.words["colon"]
        self.list_separator = self.words["list"]
        self.clause_separator = self.words["clause"]

    def word(self, key: str, **values: str) -> str:
        """The table's pattern ``key`` filled with ``values``."""
        return self.words[key].format(**values)

    def duration(self, value: timedelta | BusinessTime) -> str:
        """``15 分钟``, ``1 小时 30 分钟``; ``15 minutes``, ``1 hour 30 minutes``, ``2 business days``."""
        if isinstance(value, BusinessTime):
            return self.words[value.unit if value.amount == 1 else value.unit + "s"].format(n=value.amount)
        seconds = int(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        parts = [
            self.words[unit if count == 1 else unit + "s"].format(n=count)
            for count, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second"))
            if count
        ]
        return " ".join(parts) or self.words["zero"]

    def period(self, amount: int, unit: str) -> str:
        """A calendar period (``6mo``, as amount and unit): ``6 个月`` / ``6 months``.

        ``unit`` is ``d``, ``w``, ``mo`` or ``y``.
        """
        word = _PERIOD_UNITS[unit]
        return self.words[word if amount == 1 else word + "s"].format(n=amount)

    def within(self, value: timedelta | BusinessTime) -> str:
        """``15 分钟内`` / ``within 15 minutes``."""
        return self.word("within", d=self.duration(value))

    def every(self, value: timedelta | BusinessTime) -> str:
        """``每 15 分钟`` / ``every 15 minutes``."""
        return self.word("every", d=self.duration(value))

    def lasting(self, value: timedelta | BusinessTime) -> str:
        """``持续 5 分钟`` / ``for 5 minutes``."""
        return self.word("lasting", d=self.duration(value))

    def respond(self, value: timedelta | BusinessTime | None) -> str:
        """``15 分钟内响应`` / ``respond within 15 minutes``; ``no response target`` for none."""
        if value is None:
            return self.words["no_respond"]
        return self.word("respond", within=self.within(value))

    def resolve(self, value: timedelta | BusinessTime | None, resolution: str | None) -> str:
        """``1 小时内止损或回滚`` / ``resolve within 1 hour``; ``no resolution target`` for none."""
        if value is None:
            return self.words["no_resolve"]
        what = resolution or self.words["resolve_default"]
        return self.word("resolve", within=self.within(value), what=what)

    def update(self, value: timedelta | BusinessTime) -> str:
        """``每 15 分钟更新状态`` / ``status update every 15 minutes``."""
        return self.word("update", every=self.every(value))

    def paren(self, text: str, note: str | None) -> str:
        """``P0 - Critical（紧急）`` / ``Contain (mitigate)``; just ``text`` without a note."""
        return self.word("paren", text=text, note=note) if note else text

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """Items joined as the seed joins them: ``a + b``."""
        return " + ".join(items)

    def timing(self, keyword: str) -> str:
        """A timing keyword in words: ``immediately`` → ``立即``."""
        return self.words.get(keyword, keyword)

    def event(self, event: str) -> str:
        """A communication event in words: ``start`` → ``事件启动``."""
        return self.words["update_event" if event == "update" else event]


_PHRASES: dict[bool, Phrases] = {}


def phrases(language: str) -> Phrases:
    """The :class:`Phrases` for a BCP 47 language tag."""
    chinese = language.lower().startswith("zh")
    if chinese not in _PHRASES:
        _PHRASES[chinese] = Phrases("zh" if chinese else "en")
    return _PHRASES[chinese]
