"""Targets: was each indicator's target met, and was its score earned? Rules JX501–JX502.

An indicator row (``IndicatorRow``) holds a target (年度指标值, ``≥95%``, ``≤100万元``, ``100``) and
an actual (实际完成值, ``93%``, or words: 未完成). Whether an actual meets its target depends on
the direction the target is written in, read by ``target_direction``:

* an explicit comparator wins: ≥ / > / 不低于 / 以上 ask for at least, ≤ / < / 不超过 / 控制在…以内 /
  以下 for at most, a range for between; ≈ (约) is not checked;
* a bare target (``100``, ``=100%``) asks for at least, except where less is better: a rate of
  something bad (投诉率, 事故发生率, ``LOWER_IS_BETTER_RATES``), an amount in a 成本指标 row (a
  cost ceiling), a duration in a 时效指标 row (a time limit: 10个工作日, 15日), and a target of 0
  that is no rate (安全生产事故 0起: “at least none” would ask nothing). A rate in a 成本指标 row
  (直补资金标准符合率, seed 003) still asks for at least;
* a deadline (2023年11月30日前, 2023年11月底前) is compared with the date the actual gives
  (2023年12月20日, or a month: 2023年12月), by the calendar.

Values are compared only in one unit (``comparable_values``): same unit, units that convert
exactly (万元 and 元), or one side bare — except a bare number beside a % (only when the name says
it is a rate: （%）, 率, 比例, 满意度, and never a bare fraction such as 0.98 beside ≥95%, which may
be 98% or 0.98%) and a bare number beside money (the scale is unknown).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from checks.model import CheckInput, number_text
from checks.registry import Flag, Rule, RuleSettings
from extract.indicators import IndicatorRow
from extract.numbers import DURATION_UNITS, Quantity, normalise_chars, read_unit
from extract.records import record
from normalize.units import UNIT_FACTORS, to_canonical

# Words of a textual actual that say the target was missed; checked before any number, since a
# cell may read “95%（未达标）”. 基本完成 (“basically done”) is not among them: too loose to call.
MISSED_WORDS = re.compile(
    r"未达|不达标|没有达到|未完成|没有完成|部分(?:完成|达标|达成|实现|到位)|大部分|未实现|未按时|未能|不合格|"
    r"延期|延后|推迟|逾期|滞后|进行中|推进中|尚未|未全部|未明显|"
    r"(?:正在|尚在)(?:推进|实施|建设|进行|办理|施工|整改|招标)|未减轻|不健全|不到位|未验收|未发放|"
    r"(?<![不未])存在违规|(?<![没未])有违规"
)
# 基本完成 is “mostly done”: short of a target asking for that very thing (完成, 达标) or for all of
# something (全部完成, 全覆盖, 100%). Beside another target (达标 asked, 基本完成 given) it says too
# little to call a miss.
MOSTLY = re.compile(r"基本\s*(\S+)")
ALL_WORDS = re.compile(r"全|100\s*[%％]")
# The target itself, denied: 完整 asked and 不完整 given, 及时 and 未及时.
NEGATIONS = ("不", "未", "没有", "非")
# A target in words that asks for all of it: 全覆盖, 全部完成, 按时完成; an actual in percent below
# 100 (覆盖90%, 完成80%) falls short of it.
WHOLE_TARGET = re.compile(r"(?:全部|全面|按时|按期|如期)?(?:完成|完工|覆盖|到位|落实|兑现)|全覆盖|全部")
# A yes-or-no target (是否发生安全事故 | 否 | 是) is missed by the other answer.
YES_WORDS, NO_WORDS = frozenset({"是", "有", "已发生"}), frozenset({"否", "无", "未发生", "零发生"})
# Grades a target may ask for, with their rank (best 0): 优秀 asked and 良好 given is a miss. Longer
# words first, so that a target “优秀” is not read as 优.
GRADE_RANKS = {"优秀": 0, "优": 0, "良好": 1, "良": 1, "合格": 2, "中": 2, "及格": 2}
# Rates where less is better: a bare target is a ceiling. From the 财政部 indicator forms; 控制率
# is spent ÷ budgeted (公用经费控制率93%, seed 004), 调整率 the share of the budget changed.
# 结余率 and 结转率 (结转结余率, a standard 整体支出 cost indicator) are the share of the budget left
# unspent; 失业率 (城镇登记失业率, 就业补助资金) is held under a line. The rest name a bad outcome.
LOWER_IS_BETTER_RATES = re.compile(
    r"控制率|调整率|投诉率|事故率|发生率|差错率|误差率|失误率|返贫率|超支率|偏差率|不合格率|损失率|闲置率|流失率|"
    r"空置率|违规率|失败率|退回率|辍学率|死亡率|发病率|超标率|结余率|结转率|失业率|逾期率|违约率|感染率|病死率|"
    r"漏报率|误报率|漏检率|错误率|出错率|返工率|返修率|延误率|发案率|复发率|故障率|失学率|损坏率|破损率|"
    r"缺陷率|漏损率|滞留率|沉淀率|上访率|信访率|坏账率|退件率|重复率|"
    # shares of something bad, and times to wait: 大班额比例, 超概算比例, 生师比, 平均等待时间
    r"(?:超概算|超预算|超标|大班额|滞留|沉淀|闲置)\w{0,4}?(?:比例|比率|占比)|生师比|(?:等待|等候|办理|办结|响应)时[间长]"
)
# Names that say the number is a rate, so that a bare 100 beside a 95% is a percent too.
RATE_NAME = re.compile(r"%|％|率|比例|比重|占比|满意度")
MONEY_UNITS = ("元", "万元", "亿元", "千元", "百万元", "角")
# Units that read as a count only with their measure word: 超出2个工作日, not 超出2工作日.
GAP_UNIT_SPELLINGS = {"工作日": "个工作日", "自然日": "个自然日", "季度": "个季度"}
# A unit written in brackets at the end of an indicator name: 资金直补受益移民（人）.
NAME_UNIT = re.compile(r"[（(]\s*([^（）()]{1,5}?)\s*[)）]\s*$")


@lru_cache(maxsize=2048)
def name_unit(name: str) -> str:
    """The unit an indicator name declares in brackets or with a trailing %, else "".

    Memoised per worker: JX501 and JX602 ask it of the same indicator names, several times a row."""
    stripped = name.strip()
    if stripped.endswith(("%", "％")):
        return "%"
    m = NAME_UNIT.search(stripped)
    if m is None:
        return ""
    inside = m.group(1).replace("％", "%")
    if inside == "%":
        return "%"
    if inside in UNIT_FACTORS:  # 万元, 亿元, 万人次: units with a multiplier in their spelling
        return inside
    unit, end = read_unit(inside, 0)
    return unit if unit and end == len(inside) else ""


def comparable_values(a: Quantity, b: Quantity, name: str) -> tuple[Decimal, Decimal, str] | None:
    """``(a, b, unit)`` in one unit, or None when the two cannot be compared.

    >>> from extract.numbers import parse_quantity as q
    >>> comparable_values(q("100"), q("99%"), "直补资金按时发放率（%）")[:2]
    (Decimal('100'), Decimal('99'))
    >>> comparable_values(q("100"), q("99%"), "培训人数") is None
    True
    """
    unit_a, unit_b = a.unit, b.unit
    if not unit_a or not unit_b:  # only a bare number takes the unit the name declares
        declared = name_unit(name)
        unit_a, unit_b = unit_a or declared, unit_b or declared
    if unit_a == unit_b:
        return a.value, b.value, unit_a
    if not unit_a or not unit_b:
        known = unit_a or unit_b
        if known == "%" and (not RATE_NAME.search(name) or _may_be_fraction(a if not unit_a else b,
                                                                          b if not unit_a else a)):
            return None
        if known in MONEY_UNITS:
            return None
        return a.value, b.value, known
    canon_a, canon_b = to_canonical(a, unit_if_bare=unit_a), to_canonical(b, unit_if_bare=unit_b)
    if canon_a is None or canon_b is None or canon_a.unit != canon_b.unit:
        return None
    return canon_a.value, canon_b.value, canon_a.unit


def _may_be_fraction(bare: Quantity, percent: Quantity) -> bool:
    """Whether a bare number beside a percent may be a fraction of one: 0.98 against ≥95% is 98%
    as Excel stores it, or 0.98%. Which one the report meant cannot be told, so the two are not
    compared; 0.5 against ≤1% reads as a percent either way (the percent is no more than 1)."""
    return 0 < bare.value < 1 and percent.value > 1


def target_direction(row: IndicatorRow) -> str | None:
    """"≥", ">", "≤", "<" or "range" for the target of ``row``; None when it cannot be checked."""
    target = row.target
    if target is None:
        return None
    if target.op in ("≥", ">", "≤", "<", "range"):
        return target.op
    if target.op is not None:  # ≈ (约, 左右, 近), ± (±5%): no line to fall short of
        return None
    if re.search(r"不超过|不高于|不大于|控制在|以内|以下|低于", row.target_raw):
        return "≤"
    name = row.name
    unit = target.unit or name_unit(name)
    if LOWER_IS_BETTER_RATES.search(name):
        return "≤"
    if target.value == 0 and unit != "%" and not RATE_NAME.search(name):
        return "≤"  # “at least none” asks nothing: a target of 0 (安全生产事故 0起) means none at all
    if RATE_NAME.search(name) or unit == "%":
        return "≥"
    if "成本" in row.level2 + row.level1 and (unit in MONEY_UNITS or "/" in unit):
        return "≤"
    if "时效" in row.level2 + row.level1 and unit in DURATION_UNITS:
        return "≤"
    return "≥"


@record
class Shortfall:
    """How an actual falls short of its target, as a Chinese clause, with the values used."""

    how: str
    values: dict[str, str]


# A deadline: a day, the end of a month or a month, with 前 after it (2023年11月30日前,
# 2023年11月底前, 2023年11月前), and perhaps the word for what is to be done by then. A month is read
# leniently: the whole month counts as in time (late_to_shortfall). A deadline without its year
# (12月底前, 年底前) is in the year the report evaluates, and an actual dated 次年3月 in the year
# after it (dated_in_report_year); an actual month without its year (3月) is left out: it may be
# either year's.
_DATE = (
    r"(?P<year>(?:19|20)\d{2})\s*(?:年\s*(?P<month>\d{1,2})\s*月\s*(?:(?P<day>\d{1,2})\s*[日号]|(?P<end>底|末))?"
    r"|[-./](?P<month2>\d{1,2})(?:[-./](?P<day2>\d{1,2}))?(?![-./\d]))"
)
DONE_WORDS = r"(?:全部)?(?:完成|完工|竣工|办结|到位|拨付|兑现|发放|验收)?"
DEADLINE = re.compile(r"\s*(?:于|在)?\s*" + _DATE + r"\s*(?:前|之前|以前)\s*" + DONE_WORDS + r"\s*")
# The actual: a day (2023年12月20日, 2023-12-20), the end of a month, or a month (2023年12月).
DATE_DONE = re.compile(r"\s*(?:于|在)?\s*" + _DATE + r"\s*" + DONE_WORDS + r"\s*")


def _date_match(text: str) -> re.Match[str] | None:
    """The whole cell as a date, a deadline's 前 aside; None when it is not one."""
    clean = normalise_chars(text)
    return DEADLINE.fullmatch(clean) or DATE_DONE.fullmatch(clean)


def text_to_days(text: str) -> tuple[date, date] | None:
    """The first and last day a whole cell's date can mean, a deadline's 前 aside:
    ``2023年12月20日`` → (12-20, 12-20), ``2023年12月`` → (12-01, 12-31), ``2023年12月底`` →
    (12-22, 12-31). None when the cell is not one date, or names no month."""
    m = _date_match(text)
    if m is None:
        return None
    year, month = int(m["year"]), int(m["month"] or m["month2"] or 0)
    day = int(m["day"] or m["day2"] or 0)
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if day:
        return (date(year, month, day),) * 2 if day <= last_day else None
    if m["end"]:
        return date(year, month, max(1, last_day - 9)), date(year, month, last_day)
    return date(year, month, 1), date(year, month, last_day)


# A deadline or date written without its year: 12月底前, 年底前; 次年3月 (the year after the report's).
NEXT_YEAR_WORDS = r"次年|下一年|下年|翌年|来年"
YEARLESS_DEADLINE = re.compile(r"\s*(?:于|在)?\s*(?P<month>\d{1,2}\s*月)(?=[^前]*前)")
YEAR_END_DEADLINE = re.compile(r"\s*(?:于|在)?\s*(?:本?年底|本?年末|年终)(?=\s*(?:前|之前|以前))")
NEXT_YEAR_DATE = re.compile(rf"\s*(?:于|在)?\s*(?:{NEXT_YEAR_WORDS})\s*(?=\d{{1,2}}\s*月)")


def dated_in_report_year(text: str, fiscal_year: int | None) -> str:
    """``text`` with the year it leaves out written in: a deadline in the report's year (12月底前 →
    2023年12月底前, 年底前 → 2023年12月底前), a date of the next year (次年3月 → 2024年3月).
    Anything else, and everything when the report's year is not known, comes back as it was."""
    if fiscal_year is None or YEAR_IN_CELL.search(text):
        return text
    if (m := YEARLESS_DEADLINE.match(text)) is not None:
        return f"{fiscal_year}年" + text[m.start("month"):]
    if (m := YEAR_END_DEADLINE.match(text)) is not None:
        return f"{fiscal_year}年12月底" + text[m.end():]
    if (m := NEXT_YEAR_DATE.match(text)) is not None:
        return f"{fiscal_year + 1}年" + text[m.end():]
    return text


YEAR_IN_CELL = re.compile(r"(?:19|20)\d{2}")


def row_to_deadline_and_date(row: IndicatorRow, fiscal_year: int | None = None
                             ) -> tuple[tuple[date, date], tuple[date, date]] | None:
    """(deadline, actual) days when ``row``'s target is a deadline and its actual a date, else None.

    An actual written as a deadline too (2023年12月20日前) says by when, not when: not compared.
    With ``fiscal_year``, a deadline or a next-year date without its year is read in it
    (dated_in_report_year).
    """
    target_raw = normalise_chars(dated_in_report_year(row.target_raw.strip(), fiscal_year))
    actual_raw = normalise_chars(dated_in_report_year(row.actual_raw.strip(), fiscal_year))
    if DEADLINE.fullmatch(actual_raw) is not None:
        return None
    if DEADLINE.fullmatch(target_raw) is None and not (is_time_row(row) and DATE_DONE.fullmatch(target_raw)):
        return None  # a date without 前 is a deadline where the row is about time (完工时间 | 2023.12)
    deadline, actual = text_to_days(target_raw), text_to_days(actual_raw)
    if deadline is None or actual is None:
        return None
    return deadline, actual


# An indicator about when something was done: its dates are deadlines and days, never numbers.
TIME_NAME = re.compile(r"时间|时限|日期|期限|进度|完工|竣工|完成时")


def is_time_row(row: IndicatorRow) -> bool:
    return "时效" in row.level2 + row.level1 or TIME_NAME.search(row.name) is not None


def late_to_shortfall(row: IndicatorRow, deadline: tuple[date, date], actual: tuple[date, date]) -> Shortfall | None:
    """How late ``row`` is, or None when it is in time or may be (a month the deadline falls in).

    The deadline is its last day: 30日前 is read as including the 30th (the lenient reading: a
    row done on the day itself is not flagged), and 11月底前 is by 11月30日. Late only when even
    the first day the actual may mean is after it: 2023年12月 is in time for 12月底前, and cannot
    be told for 12月15日前.
    """
    if actual[0] <= deadline[1]:
        return None
    target_raw, actual_raw = row.target_raw.strip(), row.actual_raw.strip()
    values = {"目标值": target_raw, "实际完成值": actual_raw, "期限": deadline[1].isoformat()}
    late = ""
    if actual[0] == actual[1]:
        days = (actual[0] - deadline[1]).days
        values["逾期天数"] = str(days)
        late = f"，晚{days}天"
    return Shortfall(f"实际完成时间{actual_raw}晚于目标期限{target_raw}{late}", values)


def _answers_otherwise(target: str, actual: str) -> bool:
    """A yes-or-no target given the other answer: 否 asked, 是 written (or 无 and 有)."""
    return (target in YES_WORDS and actual in NO_WORDS) or (target in NO_WORDS and actual in YES_WORDS)


# Words before a miss word that deny it: 无不合格项, 无延期, 未出现延期, 不存在未完成事项.
DENIED_BEFORE = re.compile(r"(?:无|没有|不存在|未出现|未发生|杜绝|避免|未见)$")


def _states_a_miss(actual: str) -> bool:
    """Whether the actual holds a word saying the target was missed that nothing before it denies."""
    return any(DENIED_BEFORE.search(actual[:m.start()]) is None for m in MISSED_WORDS.finditer(actual))


def _denies(target: str, actual: str) -> bool:
    """The actual is the target denied: 完整 → 不完整, 及时 → 未及时."""
    return any(actual == negation + target for negation in NEGATIONS)


def _mostly_where_all_asked(target: str, actual: str) -> bool:
    """基本完成 given where 完成, 全部完成 or 100% was asked (not where 达标 was)."""
    mostly = MOSTLY.fullmatch(actual)
    if mostly is None or target.startswith("基本"):
        return False
    return target == mostly[1] or ALL_WORDS.search(target) is not None


def _some_where_none_asked(target: str, actual: Quantity | None) -> bool:
    """None asked for in words (无, 零发生, 未发生) and a number of them given (1起, 发生2次)."""
    return target in NO_WORDS and actual is not None and actual.unit != "%" and actual.value > 0


def _part_where_all_asked(target: str, actual: Quantity | None) -> bool:
    """All asked for in words (全覆盖, 全部完成) and a percent below 100 given (覆盖90%)."""
    return (WHOLE_TARGET.fullmatch(target) is not None and actual is not None and actual.unit == "%"
            and actual.op is None and 0 <= actual.value < 100)


def _grade_below(target: str, actual: str) -> bool:
    """A grade asked for (优秀, 良好, 合格 …, perhaps with 达到 or 以上) and a lower one given."""
    asked = next((g for g in GRADE_RANKS if target.strip("达到以上为").startswith(g)), None)
    if asked is None or actual not in GRADE_RANKS:
        return False
    return GRADE_RANKS[actual] > GRADE_RANKS[asked]


def row_to_shortfall(row: IndicatorRow, fiscal_year: int | None = None) -> Shortfall | None:
    """Why ``row`` missed its target, or None when it met it or cannot be told (``fiscal_year``:
    the report's, for deadlines written without their year)."""
    if not row.target_raw.strip() or not row.actual_raw.strip():
        return None
    target_raw, actual_raw = row.target_raw.strip(), row.actual_raw.strip()
    values = {"目标值": target_raw, "实际完成值": actual_raw}
    if _states_a_miss(actual_raw) and MISSED_WORDS.search(target_raw) is None:
        return Shortfall(f"实际完成情况写为“{actual_raw}”（目标值{target_raw}）", values)
    if (_answers_otherwise(target_raw, actual_raw) or _grade_below(target_raw, actual_raw)
            or _denies(target_raw, actual_raw) or _mostly_where_all_asked(target_raw, actual_raw)
            or _some_where_none_asked(target_raw, row.actual)
            or (row.target is None and _part_where_all_asked(target_raw, row.actual))):
        return Shortfall(f"实际完成情况为“{actual_raw}”，目标为“{target_raw}”", values)
    if (dates := row_to_deadline_and_date(row, fiscal_year)) is not None:
        return late_to_shortfall(row, *dates)
    if is_time_row(row) and (_date_match(row.target_raw) or _date_match(row.actual_raw)):
        return None  # 2023.12 against 2023.10 are months, not numbers 0.02 apart
    direction = target_direction(row)
    if direction is None or row.target is None or row.actual is None or row.actual.op in ("range", "≈", "±"):
        return None
    pair = comparable_values(row.target, row.actual, row.name)
    if pair is None:
        return None
    target, actual, unit = pair
    values["单位"] = unit
    if direction == "range":
        high = row.target.high
        if high is None or (row.actual.unit and row.actual.unit != row.target.unit):
            return None  # converting the range's high end too is not worth the risk
        if target <= actual <= high:
            return None
        return Shortfall(f"实际完成值{actual_raw}不在目标区间{target_raw}内", values)
    missed = {
        "≥": actual < target, ">": actual <= target, "≤": actual > target, "<": actual >= target,
    }[direction]
    if not missed:
        return None
    gap = number_text(abs(actual - target))
    values["差额"] = gap
    unit = "个百分点" if unit == "%" else GAP_UNIT_SPELLINGS.get(unit, unit)  # two rates differ in points
    if direction == "≥":
        return Shortfall(f"实际完成值{actual_raw}低于目标值{target_raw}，差{gap}{unit}", values)
    if direction == "≤":
        return Shortfall(f"实际完成值{actual_raw}超过目标值{target_raw}，超出{gap}{unit}", values)
    return Shortfall(f"实际完成值{actual_raw}未达到目标值{target_raw}的要求", values)


def check_targets_met(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """绩效指标的实际完成值未达到目标值。

    检查内容：对每一个既有目标值又有实际值的指标行，把两者换算到同一单位后，按目标值的写法方向比较。
    写明比较方向的优先：≥、>、不低于、以上为下限，≤、<、不超过、控制在…以内、以下，以及时长后的“内”
    （10个工作日内、3个月内）为上限，区间为上下限，约数（约、左右）不核对。只写一个数的目标（“100”
    “=100%”）按下限理解，只有越低越好的情形除外：不良事项的比率和占比（投诉率、事故发生率、差错率、故障率、
    大班额比例、超概算比例等）、生师比、等待或办理时间、预算没有用完的比率（结转结余率）、控制率、成本指标中的金额（成本上限）、时效指标中的时长（时限，天、日、
    工作日、个月等）、不是比率的目标0（安全生产事故0起：不得发生）；成本指标中的其他比率（直补资金标准
    符合率，样本003）仍按下限。时效指标中单写的“15日”按15天的时长理解（若本意是某月15日，晚于它同样是
    未按时）。目标为截止日期（“2023年11月30日前”“2023年11月底前”）、实际值为日期（“2023年12月20日”）
    或月份（“2023年12月”）时，按日历比较，截止日当天算按时，月份只在整月都晚于截止日时才算未按时。
    时效类指标（二级指标为时效指标，或名称含时间、时限、日期、完工等）中，“2023.12”“2023-12”也按月份读，
    不带“前”的日期目标也视为期限；这类日期不作为数字比较。
    实际值为文字时，“未完成”“未达标”“部分完成”“延期”“进行中”“不合格”“不健全”等算未达到，“完成”“达标”
    算达到；是否类目标（“否”）写了相反的回答（“是”），或要求的等级（“优秀”“良好以上”）高于所写的等级
    （“良好”“合格”），也算未达到。以下也算未达到：实际值是目标的否定（“完整”→“不完整”）；要求“全部
    完成”“100%”或与实际同一事项（“达标”→“基本达标”）而写“基本…”；目标“无”“零发生”而实际写了次数
    （“发生1起”）；目标“全覆盖”“完成”而实际为不足100%的百分比（“覆盖90%”）；“正在推进”“未达预期”
    “存在违规”“大部分”“部分达标”“尚未”“未全部”“延后”。否定了的未达词（“无不合格项”“未出现延期”“不存在
    未完成事项”）不算未达到。
    为何重要：揭示未达到的目标，正是绩效评价的用意；报告必须说明原因（偏离原因），得分也必须体现出来。
    自评报告常把未达标的指标埋在长表格里。
    触发示例：“指标1：资金直补受益移民（人）”目标40848，实际40245；目标≥95%，实际93%；成本指标金额目
    标50万元，实际52万元；目标“≤5天”，实际6天；时效指标目标“10个工作日内”，实际11个工作日；目标
    “15日内”，实际18日；目标“2023年6月30日前”，实际2023年8月15日；安全生产事故目标0起，实际1起；结转
    结余率目标5%，实际6.1%；实际值写“部分完成”。
    不触发示例：实际1506对目标948；5.48%对5%；95对≥80；100对100；成本指标中的比率（直补资金标准符合
    率）100对100；结转结余率目标5%，实际2.3%；目标“10个工作日内”，实际9个工作日；目标“2023年12月底前”，
    实际“2023年12月”；目标“约5个”（约数，不核对）。
    局限：只写一个数的目标，除上述情形外一律按下限理解，因此名称不常见、又没有写“≤”的上限会被理解反。
    无法换算的单位（人与户）不比较；一方不带单位时，只在指标名称表明是比率（含“（%）”“率”“比例”或“满
    意度”）时才与百分数比较，不与金额比较；工作日与天不互相换算。只写到月的截止日期（“2023年11月前”）
    从宽理解，该月之内都算按时；没有年份的截止日期（“12月底前”“年底前”）按评价年度理解，实际值“次年3月”
    按评价年度的下一年理解，没有年份的实际月份（“3月”）和写成“某日前”的实际值不比较；时效指标以外单写
    的“15日”按日期理解，不比较。没有实际值的行跳过。
    """
    for row in inp.indicators:
        shortfall = row_to_shortfall(row, inp.fiscal_year)
        if shortfall is None:
            continue
        evidence, locations = row.cells("target", "actual")
        yield Flag(
            f"指标“{row.name}”未达到目标：{shortfall.how}",
            evidence,
            locations,
            {"指标": row.name, **shortfall.values},
        )


def _points(quantity: Quantity | None) -> Decimal | None:
    """A weight or score as a number of points: bare or 分, else None."""
    if quantity is None or quantity.op is not None or quantity.unit not in ("", "分"):
        return None
    return quantity.value


def check_full_score_on_miss(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """未达到目标的指标仍得了满分。

    检查内容：JX501认定未达到目标、并且同时有分值（分值／权重）和得分的每一行：得分等于分值即报告。
    得分超过分值的情形由数值异常规则（JX404）检查。
    为何重要：未达标却给满分，抬高了自评得分和等次；评分规则是按完成程度给分的。
    触发示例：目标100，实际96，分值10，得分10。
    不触发示例：同一行得分为9.6；达到目标并得满分；未达到目标但没有得分列。
    局限：依赖JX501对目标值的理解（没有写“≤”的上限可能被理解反）。分值和得分必须是纯数字或以“分”为单
    位（百分比形式的权重不比较）。
    """
    for row in inp.indicators:
        weight, score = _points(row.weight), _points(row.score)
        if weight is None or score is None or weight <= 0 or score != weight:
            continue
        shortfall = row_to_shortfall(row, inp.fiscal_year)
        if shortfall is None:
            continue
        evidence, locations = row.cells("target", "actual", "weight", "score")
        yield Flag(
            f"指标“{row.name}”未达到目标（{shortfall.how}），却得满分：得分{row.score_raw.strip()}等于分值"
            f"{row.weight_raw.strip()}",
            evidence,
            locations,
            {"指标": row.name, "分值": number_text(weight), "得分": number_text(score), **shortfall.values},
        )


RULES = (
    Rule("JX501", "target_missed", "warning", check_targets_met),
    Rule("JX502", "target_missed", "warning", check_full_score_on_miss),
)
