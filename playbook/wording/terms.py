"""Words of the site for calendars, conditions, timers, facets and lifecycles, in the playbook's language.

:mod:`playbook.wording.labels` holds the words every playbook's site uses;
these are the words around the parts a playbook may add: working hours and
holidays, severity groups, incident types, states and events, the lead role,
escalation timers, classification by facets, mitigation actions and the
postmortem's requirement, deadlines and lifecycle; and the words of the site
as a live tool: level definitions, the classify form, ticking a checklist,
tables that scroll, documents that are not linked, the printed page's footer.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Terms", "terms"]


@dataclass(frozen=True)
class Terms:
    """Every fixed string the pages use for those parts."""

    coverage: str
    lead: str
    lead_role: str
    response: str
    escalation_timers: str
    calendars: str
    time_zone: str
    day: str
    hours: str
    closed: str
    weekdays: dict[str, str]
    holidays: str
    date: str
    name: str
    description: str
    covers: str
    business_time: str
    classification: str
    facets_intro: str
    by_description: str
    level: str
    band: str
    bands_note: str
    terms: str
    severity_groups: str
    incident_types: str
    states: str
    states_intro: str
    events: str
    built_in: str
    rotation: str
    fallback: str
    timer: str
    pages: str
    applies_to: str
    all_incidents: str
    paged_by: str
    standard: str
    required_for: str
    report_due: str
    statuses: str
    actions: str
    arrow: str
    """Between a rule and the mitigation it calls for."""
    range: str
    """Between the two ends of a band: ``10–50%``."""
    levels: str
    """The heading over what each impact and reach level means."""
    impact_axis: str
    """The matrix's impact axis, as the classify form and the level definitions name it."""
    reach_axis: str
    level_id: str
    not_described: str
    """In place of a level's description, when the playbook gives none."""
    not_described_note: str
    classify: str
    classify_intro: str
    classify_axes_intro: str
    choose: str
    """The empty choice of a select."""
    new_incident: str
    """The button that clears the ticks for a new incident."""
    undo: str
    """The button that brings back the incident "new incident" cleared."""
    no_incident: str
    incident_started: str
    """``{time}``, ``{done}`` and ``{total}``: when the first box was ticked, and how many are."""
    ticked_at: str
    kept_here: str
    """Where the ticks are kept: this browser, nowhere else."""
    scroll_hint: str
    """Above a table wider than the screen."""
    not_linked: str
    """Beside a document's path when the playbook gives no repository URL."""
    not_linked_note: str
    page: str
    """The printed page's number in its footer: ``{page}`` is replaced by the number."""


_ZH = Terms(
    coverage="处理时段",
    lead="主导角色",
    lead_role="主导角色",
    response="典型响应",
    escalation_timers="升级计时",
    calendars="Working Hours",
    time_zone="时区",
    day="星期",
    hours="工作时段",
    closed="休息",
    weekdays={
        "mon": "周一",
        "tue": "周二",
        "wed": "周三",
        "thu": "周四",
        "fri": "周五",
        "sat": "周六",
        "sun": "周日",
    },
    holidays="节假日",
    date="日期",
    name="名称",
    description="描述",
    covers="仅在此时段处理的级别",
    business_time="工作时间（工作小时、工作日）按此日历计算，除非级别的处理时段是另一个日历。",
    classification="Severity Classification",
    facets_intro="逐项评估事件影响的每个维度：取最严重的一项。",
    by_description="选择描述最符合事件的级别。",
    level="级别",
    band="测量值",
    bands_note="区间包含下限，不含上限。",
    terms="Terms",
    severity_groups="级别分组",
    incident_types="事件类型",
    states="事件状态",
    states_intro="按顺序排列；事件从第一个状态开始。",
    events="事件节点",
    built_in="内置",
    rotation="值班表",
    fallback="后备角色",
    timer="计时",
    pages="呼叫",
    applies_to="适用于",
    all_incidents="所有事件",
    paged_by="升级时被呼叫",
    standard="常规事件",
    required_for="需要复盘",
    report_due="报告截止",
    statuses="报告状态",
    actions="止损手段",
    arrow=" → ",
    range="–",
    levels="级别定义",
    impact_axis="影响程度（Impact）",
    reach_axis="影响范围（Reach）",
    level_id="classify 取值",
    not_described="未描述",
    not_described_note="Playbook 没有描述这些级别；在级别上加 description 即会显示在这里。",
    classify="快速定级",
    classify_intro="选择影响程度和影响范围，即得严重级别及其检查单。",
    classify_axes_intro="为事件涉及的每一项选择级别：答案取所选各项中最严重的级别。",
    choose="请选择",
    new_incident="新事件",
    undo="撤销：恢复上一事件",
    no_incident="尚无进行中的事件：勾选任一项即开始记录。",
    incident_started="事件开始于 {time}；已勾选 {done}/{total}",
    ticked_at="勾选于",
    kept_here="勾选记录只保存在本浏览器中。",
    scroll_hint="← 左右滑动查看整张表格 →",
    not_linked="未链接",
    not_linked_note=(
        "这些路径位于团队的代码仓库中；Playbook 没有给出仓库地址（repository.url），因此不是链接。"
    ),
    page="第 {page} 页",
)

_EN = Terms(
    coverage="Coverage",
    lead="Lead",
    lead_role="Lead role",
    response="Typical response",
    escalation_timers="Escalation timers",
    calendars="Working Hours",
    time_zone="Time zone",
    day="Day",
    hours="Working hours",
    closed="Closed",
    weekdays={
        "mon": "Monday",
        "tue": "Tuesday",
        "wed": "Wednesday",
        "thu": "Thursday",
        "fri": "Friday",
        "sat": "Saturday",
        "sun": "Sunday",
    },
    holidays="Holidays",
    date="Date",
    name="Name",
    description="Description",
    covers="Levels worked in these hours only",
    business_time=(
        "Business time (business hours, business days) counts in these hours, "
        "unless a level is worked in another calendar's."
    ),
    classification="Severity Classification",
    facets_intro="Rate each facet the incident touches: the most severe facet wins.",
    by_description="Pick the level whose description fits the incident.",
    level="Level",
    band="Measured",
    bands_note="A band includes its lower end and excludes its upper end.",
    terms="Terms",
    severity_groups="Severity groups",
    incident_types="Incident types",
    states="Incident states",
    states_intro="In order; an incident starts in the first.",
    events="Events",
    built_in="built in",
    rotation="Rotation",
    fallback="Fallback",
    timer="Timer",
    pages="Pages",
    applies_to="Applies to",
    all_incidents="All incidents",
    paged_by="Paged by escalation",
    standard="Standard",
    required_for="Postmortem required",
    report_due="Report due",
    statuses="Report lifecycle",
    actions="Mitigation Actions",
    arrow=" → ",
    range="–",
    levels="Level Definitions",
    impact_axis="Impact",
    reach_axis="Reach",
    level_id="classify value",
    not_described="Not described",
    not_described_note="The playbook does not describe these levels; a level's description is shown here.",
    classify="Classify",
    classify_intro="Pick the impact and the reach: the severity and its checklist follow.",
    classify_axes_intro="Choose a level for each facet the incident touches: the answer is the most severe.",
    choose="Choose",
    new_incident="New incident",
    undo="Undo: bring back the last incident",
    no_incident="No incident under way: ticking any box starts one.",
    incident_started="Incident started {time}; {done} of {total} ticked",
    ticked_at="Ticked at",
    kept_here="Ticks are kept in this browser only.",
    scroll_hint="Scroll sideways to see the whole table →",
    not_linked="not linked",
    not_linked_note=(
        "These paths are in the team's repository; the playbook gives no repository URL "
        "(repository.url), so they are not links."
    ),
    page="Page {page}",
)


def terms(language: str) -> Terms:
    """The terms for a BCP 47 language tag: Chinese for ``zh*``, English otherwise."""
    return _ZH if language.lower().startswith("zh") else _EN
