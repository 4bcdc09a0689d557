"""The response API: checklists, incident timelines, rollback decisions and messages.

Each function takes a loaded (and therefore consistent) playbook model; the
same functions are methods of :class:`playbook.Playbook` and, for the default
playbook, module-level functions of :mod:`playbook`.
"""

from __future__ import annotations

from playbook.errors import MessageError, UnknownNameError
from playbook.response.checklist import Checklist, ChecklistItem, checklist
from playbook.response.classified import Classified
from playbook.response.messages import Message, preview_message, render_message
from playbook.response.rollback import Match, Observation, RollbackDecision, decide_rollback
from playbook.response.timeline import Deadline, Timeline, timeline

__all__ = [
    "Checklist",
    "ChecklistItem",
    "Classified",
    "Deadline",
    "Match",
    "Message",
    "MessageError",
    "Observation",
    "RollbackDecision",
    "Timeline",
    "UnknownNameError",
    "checklist",
    "decide_rollback",
    "preview_message",
    "render_message",
    "timeline",
]
