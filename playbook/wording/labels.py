"""Words of the site itself (headings, column names), in the playbook's language.

The playbook's own text is shown as written; these are the words around it.
Chinese follows the seed document's headings, which mix English section names
with Chinese column names; every other language gets English.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Labels", "labels", "material_language"]


@dataclass(frozen=True)
class Labels:
    """Every fixed string the pages use."""

    home: str
    colon: str
    version: str
    updated: str
    review: str
    reviewed: str
    reviewed_last: str
    reviewed_unowned: str
    reviewed_last_unowned: str
    purpose_scope: str
    includes: str
    excludes: str
    quick_links: str
    machine_readable: str
    playbook_json: str
    schema_json: str
    severities: str
    severity: str
    attribute: str
    definition: str
    impact: str
    examples: str
    respond: str
    resolve: str
    escalation: str
    update_every: str
    commander: str
    checklist: str
    checklist_link: str
    matrix: str
    matrix_intro: str
    matrix_axes: str
    reach: str
    when_in_doubt: dict[str, str]
    legend: str
    detection: str
    sources: str
    source: str
    priority: str
    priorities: dict[str, str]
    alerts: str
    """The heading over the rules and alerts exported as Prometheus alerts, with their names."""
    alert: str
    """The column of an exported alert's name."""
    triage: str
    see_matrix: str
    commanded_by: str
    workflow: str
    overview: str
    phase: str
    goal: str
    phase_heading: str
    step: str
    action: str
    owner: str
    roles: str
    role: str
    owned_steps: str
    owned_procedure: str
    owned_external: str
    other_duties: str
    decides: str
    owns_nothing: str
    count: str
    checklists: str
    checklist_of: str
    print_hint: str
    communication: str
    internal: str
    external: str
    scenario: str
    channels: str
    audience: str
    frequency: str
    content: str
    same_as_above: str
    only_for: str
    templates: str
    rollback: str
    when_to_rollback: str
    procedure: str
    component: str
    method: str
    how: str
    see_document: str
    verification: str
    rules_table: str
    condition: str
    metric: str
    tier: str
    postmortem: str
    meeting: str
    template: str
    download: str
    sections: str
    related: str
    document: str
    path: str
    purpose: str
    gap: str
    gap_title: str
    generated: str
    nothing: str
    """Shown where a cell has nothing in it."""
    owned_by: str
    """Between a duty and who owns it."""
    dot: str
    """Between two parts of a button's or a link's text."""


_ZH = Labels(
    home="首页",
    colon="：",
    version="Version",
    updated="Last Updated",
    review="复审",
    reviewed="每 {period}由 {owner} 复审",
    reviewed_last="每 {period}由 {owner} 复审；上次复审 {last}，下次复审截止 {due}",
    reviewed_unowned="每 {period}复审",
    reviewed_last_unowned="每 {period}复审；上次复审 {last}，下次复审截止 {due}",
    purpose_scope="Purpose & Scope",
    includes="范围",
    excludes="不在范围",
    quick_links="快速入口",
    machine_readable="机器可读",
    playbook_json="playbook.json：完整的 Playbook（JSON）",
    schema_json="playbook.schema.json：格式的 JSON Schema",
    severities="Severity Levels",
    severity="Severity",
    attribute="属性",
    definition="定义",
    impact="影响",
    examples="示例",
    respond="响应时间",
    resolve="解决目标",
    escalation="升级路径",
    update_every="通信频率",
    commander="Incident Commander",
    checklist="检查单",
    checklist_link="检查单: {title}",
    matrix="Severity Matrix",
    matrix_intro="行：影响范围（Reach），列：影响程度（Impact）。",
    matrix_axes="Reach ╲ Impact",
    reach="Reach",
    when_in_doubt={"higher": "有疑问时，偏向选择更高级别", "lower": "有疑问时，偏向选择更低级别"},
    legend="图例",
    detection="Detection & Triage",
    sources="Detection Sources（信号来源）",
    source="来源",
    alerts="告警规则",
    alert="告警",
    priority="优先级",
    priorities={"high": "High", "medium": "Medium", "low": "Low"},
    triage="Triage Steps（初步判断）",
    see_matrix="参照",
    commanded_by="由{commander}担任",
    workflow="Response Workflow",
    overview="Overview",
    phase="阶段",
    goal="目标",
    phase_heading="Phase {number}: {name}",
    step="步骤",
    action="动作",
    owner="负责人",
    roles="Roles",
    role="角色",
    owned_steps="负责的步骤",
    owned_procedure="负责的回滚操作",
    owned_external="负责的外部通信",
    other_duties="其他职责（回滚、外部通信、决策）",
    decides="决策",
    owns_nothing="此角色没有负责的步骤。",
    count="数量",
    checklists="Checklists",
    checklist_of="{title} 检查单",
    print_hint="可直接打印：打印时只保留正文。",
    communication="Communication Plan",
    internal="Internal Communication（内部通信）",
    external="External Communication（外部通信）",
    scenario="场景",
    channels="渠道",
    audience="受众",
    frequency="频率",
    content="内容",
    same_as_above="同上",
    only_for="仅 {severities} 事件需要",
    templates="Message Templates",
    rollback="Rollback Decision Guide",
    when_to_rollback="When to Rollback（何时回滚）",
    procedure="Rollback Procedure（回滚流程）",
    component="组件",
    method="回滚方式",
    how="命令/操作",
    see_document="参照",
    verification="Rollback Verification（回滚验证）",
    rules_table="阈值",
    condition="条件",
    metric="指标",
    tier="决策",
    postmortem="Postmortem Template",
    meeting="复盘会议：{within}",
    template="模板",
    download="下载模板（{name}）",
    sections="章节",
    related="Related Documents",
    document="Document",
    path="Path",
    purpose="Purpose",
    gap="TBD",
    gap_title="尚未编写的文档",
    generated="由 playbook docs 从 Playbook 生成，请勿手工修改。",
    nothing="—",
    owned_by=" — ",
    dot=" · ",
)

_EN = Labels(
    home="Home",
    colon=": ",
    version="Version",
    updated="Last Updated",
    review="Review",
    reviewed="Reviewed every {period} by {owner}",
    reviewed_last="Reviewed every {period} by {owner}; last reviewed {last}, next review due {due}",
    reviewed_unowned="Reviewed every {period}",
    reviewed_last_unowned="Reviewed every {period}; last reviewed {last}, next review due {due}",
    purpose_scope="Purpose & Scope",
    includes="In scope",
    excludes="Out of scope",
    quick_links="Quick links",
    machine_readable="Machine-readable",
    playbook_json="playbook.json: the whole playbook (JSON)",
    schema_json="playbook.schema.json: JSON Schema of the format",
    severities="Severity Levels",
    severity="Severity",
    attribute="Attribute",
    definition="Definition",
    impact="Impact",
    examples="Examples",
    respond="Response time",
    resolve="Resolution target",
    escalation="Escalation",
    update_every="Status updates",
    commander="Incident Commander",
    checklist="Checklist",
    checklist_link="Checklist: {title}",
    matrix="Severity Matrix",
    matrix_intro="Rows: reach. Columns: impact.",
    matrix_axes="Reach / Impact",
    reach="Reach",
    when_in_doubt={
        "higher": "When in doubt, choose the higher severity",
        "lower": "When in doubt, choose the lower severity",
    },
    legend="Legend",
    detection="Detection & Triage",
    sources="Detection Sources",
    source="Source",
    alerts="Alerts",
    alert="Alert",
    priority="Priority",
    priorities={"high": "High", "medium": "Medium", "low": "Low"},
    triage="Triage Steps",
    see_matrix="See the",
    commanded_by="{commander}",
    workflow="Response Workflow",
    overview="Overview",
    phase="Phase",
    goal="Goal",
    phase_heading="Phase {number}: {name}",
    step="Step",
    action="Action",
    owner="Owner",
    roles="Roles",
    role="Role",
    owned_steps="Steps owned",
    owned_procedure="Rollback procedures owned",
    owned_external="External communication owned",
    other_duties="Other duties (rollback, external communication, decisions)",
    decides="Decides",
    owns_nothing="This role owns no step.",
    count="Count",
    checklists="Checklists",
    checklist_of="{title} checklist",
    print_hint="Printable: printing keeps only the content.",
    communication="Communication Plan",
    internal="Internal Communication",
    external="External Communication",
    scenario="Scenario",
    channels="Channels",
    audience="Audience",
    frequency="When",
    content="Content",
    same_as_above="Same as above",
    only_for="Only for {severities} incidents",
    templates="Message Templates",
    rollback="Rollback Decision Guide",
    when_to_rollback="When to Rollback",
    procedure="Rollback Procedure",
    component="Component",
    method="Method",
    how="Command / operation",
    see_document="See",
    verification="Rollback Verification",
    rules_table="Thresholds",
    condition="Condition",
    metric="Metric",
    tier="Decision",
    postmortem="Postmortem Template",
    meeting="Postmortem meeting: {within}",
    template="Template",
    download="Download the template ({name})",
    sections="Sections",
    related="Related Documents",
    document="Document",
    path="Path",
    purpose="Purpose",
    gap="TBD",
    gap_title="Not written yet",
    generated="Generated from the playbook by playbook docs; do not edit.",
    nothing="-",
    owned_by=" - ",
    dot=" - ",
)


def labels(language: str) -> Labels:
    """The labels for a BCP 47 language tag: Chinese for ``zh*``, English otherwise."""
    return _ZH if language.lower().startswith("zh") else _EN


def material_language(language: str) -> str:
    """The Material for MkDocs ``theme.language`` for a BCP 47 tag (``zh-CN`` → ``zh``)."""
    tag = language.replace("_", "-").lower()
    if tag.startswith("zh"):
        return "zh-Hant" if any(part in tag for part in ("-tw", "-hk", "-mo", "-hant")) else "zh"
    return "en"
