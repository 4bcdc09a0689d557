"""Typed values written as words in the playbook's language (``15 分钟``, ``1 hour``).

Free text in a playbook stays as its authors wrote it; only values the program
derives (durations, deadlines, rules stated once and shown in several places)
are phrased here. Chinese is used for ``zh*`` languages, English otherwise.
"""

from __future__ import annotations

from datetime import timedelta

__all__ = ["Phrases", "phrases"]


class Phrases:
    """Phrasing of derived values in one language."""

    def __init__(self, language: str) -> None:
        self.chinese = language.lower().startswith("zh")

    def duration(self, value: timedelta) -> str:
        """``15 分钟``, ``1 小时``, ``1 小时 30 分钟``; ``15 minutes``, ``1 hour 30 minutes``."""
        seconds = int(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        units = (
            (hours, "小时", "hour"),
            (minutes, "分钟", "minute"),
            (secs, "秒", "second"),
        )
        parts = []
        for count, zh, en in units:
            if count:
                parts.append(f"{count} {zh}" if self.chinese else f"{count} {en}{'s' if count != 1 else ''}")
        return " ".join(parts) or ("0 秒" if self.chinese else "0 seconds")

    def within(self, value: timedelta) -> str:
        """``15 分钟内`` / ``within 15 minutes``."""
        return f"{self.duration(value)}内" if self.chinese else f"within {self.duration(value)}"

    def every(self, value: timedelta) -> str:
        """``每 15 分钟`` / ``every 15 minutes``."""
        return f"每 {self.duration(value)}" if self.chinese else f"every {self.duration(value)}"

    def lasting(self, value: timedelta) -> str:
        """``持续 5 分钟`` / ``for 5 minutes``."""
        return f"持续 {self.duration(value)}" if self.chinese else f"for {self.duration(value)}"

    def respond(self, value: timedelta) -> str:
        """``15 分钟内响应`` / ``respond within 15 minutes``."""
        return f"{self.within(value)}响应" if self.chinese else f"respond {self.within(value)}"

    def resolve(self, value: timedelta, resolution: str | None) -> str:
        """``1 小时内止损或回滚`` / ``resolve within 1 hour``."""
        what = resolution or ("解决" if self.chinese else "resolve")
        return f"{self.within(value)}{what}" if self.chinese else f"{what} {self.within(value)}"

    def update(self, value: timedelta) -> str:
        """``每 15 分钟更新状态`` / ``status update every 15 minutes``."""
        return f"{self.every(value)}更新状态" if self.chinese else f"status update {self.every(value)}"

    def join(self, items: list[str]) -> str:
        """Items joined as the seed joins them: ``a + b``."""
        return " + ".join(items)

    def timing(self, keyword: str) -> str:
        """A timing keyword in words: ``immediately`` → ``立即``."""
        zh = {
            "immediately": "立即",
            "per-severity": "按 Severity 定义",
            "on-resolution": "结束时",
        }
        en = {
            "immediately": "immediately",
            "per-severity": "as the severity defines",
            "on-resolution": "at resolution",
        }
        return (zh if self.chinese else en).get(keyword, keyword)

    def event(self, event: str) -> str:
        """A communication event in words: ``start`` → ``事件启动``."""
        zh = {"start": "事件启动", "update": "状态更新", "resolved": "事件结束", "postmortem": "复盘完成"}
        en = {
            "start": "Incident start",
            "update": "Status update",
            "resolved": "Incident resolved",
            "postmortem": "Postmortem complete",
        }
        return (zh if self.chinese else en)[event]


def phrases(language: str) -> Phrases:
    """The :class:`Phrases` for a BCP 47 language tag."""
    return Phrases(language)
