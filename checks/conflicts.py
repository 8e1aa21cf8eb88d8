"""JX601: one quantity, two values.

The normalize stage keeps one value per catalogue key and, beside it, every other value the
report states for the same key, role and year (``ReportValues.conflicts``). Each such pair is a
question for the unit: which figure is right?
"""

from __future__ import annotations

from typing import Iterator

from checks.amounts import slip_hint
from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from normalize.catalogue import METRIC_NAMES


def check_two_values(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """同一数值（同一项目、同为预算数或执行数、同一年度）在报告中写了两个不同的数。

    检查内容：报告汇总的每一项，按项目、方面（预算数、执行数等）和年度区分：除采用值外，报告中每出现
    一个不同的数值就报告一次，写明两处位置。
    为何重要：审计人员抄录数字时无从判断该取哪一个：其中一个有误，或者两者说的是报告没有写明的不同范
    围。
    触发示例：同一份2023年度报告中的“编制数13人”和“在职全额编制10人”；“项目支出预算为5143.78万元”和
    “项目支出预算6243.78万元”；“支出总计12,218.07万元”和“全年执行数1.25亿元”。
    不触发示例：同一数值写了两次（自评表中和正文中）；表中以元列示、正文以万元取整的同一数（12,345,678.90
    元与1234.57万元：按较粗一方所写的位数取舍后相同）；“支出总计12,218.07万元”和“全年执行数1.22亿元”
    （位数按所写的单位计：1.22亿元精确到0.01亿元即100万元）；2019年的数字与2020年的并列（年度不同）；
    预算数与执行数并列（方面不同）；两项补贴各自的人数（“困难残疾人生活补贴发放人数3,826人”与“重度残疾人护理补
    贴发放人数5,104人”：名称所写的补贴、补助、津贴项目不同，其中一个名称包含另一个时仍视为同一项目）；分几类对
    象各按自己标准发放的报告中，直补标准、人数和金额各类不同（至少两段各自写明三者且相符，或同一段落按人群
    分档写了几个不同标准，见JX250）；写明是某个项目或某项资金来源的预算、执行和执行率（“其中财政拨款预算
    1,520.00万元，执行1,498.30万元，执行率98.57%”“校舍维修改造项目全年预算680.00万元…”）不是单位的数值；
    只是另一数值取整后的写法（“全年执行数1.82亿元”与18,236.47万元）时，汇总表采用位数多的那个。
    局限：只比较汇总数值。范围不同的两处表述（一般公共预算与全部资金）仍会报告（报“提醒”），因为报告
    没有写明范围。按较粗一方取舍只用于至少写了两位有效数字的数（1.22亿元、0.18亿元）：只有一位有效数
    字的“1亿元”与12,218.07万元仍作为两个数值报告，即使它只是笼统的整数。
    """
    for metric, others in inp.values.conflicts.items():
        chosen = inp.values.chosen[metric]
        name = METRIC_NAMES.get(metric, metric)
        for other in others:
            yield Flag(
                f"{name}在报告中有两个不同数值：{number_text(chosen.value)}{chosen.unit}"
                f"（{chosen.location.describe()}）与{number_text(other.value)}{other.unit}（{other.location.describe()}）"
                f"{slip_hint(other.value, chosen.value, exact=True)}",  # two values as written
                (chosen.location.excerpt(), other.location.excerpt()),
                (chosen.location, other.location),
                {"采用值": number_text(chosen.value), "另一值": number_text(other.value), "指标": metric},
            )


RULES = (Rule("JX601", "text_table_conflict", "warning", check_two_values),)
