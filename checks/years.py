"""Years and dates: does the report speak of the year it evaluates? Rules JX301–JX303.

A self-evaluation report covers one fiscal year (``CheckInput.fiscal_year``, read from its title).
Reports are often written by editing last year's: an indicator or a sentence that still names the
old year, a 截至 date that stops before the year ends, or a report dated before the year it
evaluates is over, means the figures may not be this year's.

Every period a text names is read into a ``Period`` by ``text_to_periods``: 截至 dates (截至2022年底,
截止2024年3月31日: when a figure was measured), dated points (2024年3月底前: a deadline) and years a
figure is for (2022年度计划). Years that do not say which period a figure is for are left out
before that: titles of documents (《…2021年…通知》), document numbers (〔2021〕12号, which
``find_years`` never lists), multi-year spans (2021-2025年, 2020年—2021年) and comparisons
(较2022年, 比上年, 与2022年相比, 从2016年的…).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache, lru_cache
from typing import Literal

from checks.model import CheckInput
from checks.registry import Flag, Rule, RuleSettings
from extract.model import Location
from extract.numbers import find_quantities, find_years, normalise_chars
from extract.records import record
from extract.sentences import TextSentence
from extract.table_titles import TableTitle

# A 截至 date between the end of the fiscal year and the middle of the next is the usual cut-off
# of a self-evaluation: funds are paid out until 次年3月底 (seed 003: “截至2024年3月底，2023年度
# 计划项目资金完成率”) and reports are due by mid-year (seed 001 is dated 2024-05-30).
LATEST_MONTH_AFTER_YEAR = 6

YEAR = r"((?:19|20)\d{2})"
# 截至2022年底, 截止2024年3月31日, 截至2021年3月底, 截至到2023年末, 截至2023年12月.
AS_OF = re.compile(
    rf"截\s*[至止]\s*(?:到|至)?\s*{YEAR}\s*年\s*"
    r"(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号]|份?\s*([底末]))?|([底末])|(度))?"
)
# A dated point that is not a 截至: 2024年3月底前, 2019年4月27日, 2022年底.
DATED = re.compile(
    rf"{YEAR}\s*年\s*(?:(\d{{1,2}})\s*月\s*(?:(\d{{1,2}})\s*[日号]|份?\s*([底末初中]))?|([底末初]))"
)
# A part of a year named by a season or a quarter: 2024年春季开学前, 2024年上半年, 2024年一季度.
# Each names the months it may mean (春季 March to May; 春节 falls between 21 January and 20
# February); like a date, it is a point a deadline or a result can fall in, not a whole year.
SEASON = re.compile(
    rf"{YEAR}\s*年\s*(?:度\s*)?(春季|春节|夏季|秋季|上半年|下半年|第?[一二三四1-4]\s*季度|寒假|暑假)"
)
SEASON_MONTHS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "春季": ((3, 1), (5, 31)), "春节": ((1, 21), (2, 20)), "夏季": ((6, 1), (8, 31)),
    "秋季": ((9, 1), (11, 30)), "上半年": ((1, 1), (6, 30)), "下半年": ((7, 1), (12, 31)),
    "一": ((1, 1), (3, 31)), "二": ((4, 1), (6, 30)), "三": ((7, 1), (9, 30)), "四": ((10, 1), (12, 31)),
    "寒假": ((1, 10), (2, 28)), "暑假": ((7, 1), (8, 31)),
}
QUARTER_DIGITS = str.maketrans("1234", "一二三四")


def _season_span(year: int, season: str) -> tuple[date, date]:
    """The first and last day a season or quarter of ``year`` may mean."""
    key = season.strip("第季度 ").translate(QUARTER_DIGITS) if "季度" in season else season
    (m1, d1), (m2, d2) = SEASON_MONTHS[key]
    return date(year, m1, d1), date(year, m2, min(d2, calendar.monthrange(year, m2)[1]))


# A year a figure is for: 2022年度, 2022年 (not followed by a month: that is a date).
YEAR_FOR = re.compile(rf"{YEAR}\s*年(度)?")
# Spans whose years say nothing about the period of a figure; blanked before reading periods.
# Each with a class of the characters one of which every span it blanks holds (in the normalised
# text): most sentences with a year hold none of them, and a search for one character of a class
# costs far less than a pass of the span's pattern (or a substring test for each character).
MASKS: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = (
    (re.compile(r"《[^《》]*》|〈[^〈〉]*〉|<[^<>]*>"), "titles: 《…2021年…通知》", re.compile(r"[《〈<]")),
    (re.compile(r"[〔﹝【\[(（]\s*(?:19|20)\d{2}\s*[〕﹞】\])）]\s*第?\s*\d*\s*号?"), "document numbers 〔2021〕12号",
     re.compile(r"[〔﹝【\[(（]")),
    (re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:[-—–~～至到]|——)\s*(?:19|20)\d{2}\s*年?"),
     "multi-year spans 2021-2025年, 2020年—2021年 (plans, not a fiscal year)", re.compile(r"[-—–~～至到]")),
)
# A year right after one of these is the base of a comparison: 较2022年, 比2022年, 与2022年相比,
# 从2016年的不足40万元增加到… (seed 000), 同2022年.
COMPARISON_BEFORE = re.compile(r"(?:较|比|同|与|和|从|由|相比|对比|低于|高于|超过)\s*$")
# A year followed by one of these is a base, a span start, or the year money came from (2022年度结转
# 资金 is spent in 2023 and rightly named by its year), not the period of a figure.
COMPARISON_AFTER = re.compile(
    r"^\s*(?:度)?\s*(?:及以前|以来|以前|之前|同期|相比|比较|水平|基数|的基础上|结转|结余)"
)

# Every period is read from a year of four digits, ASCII or full-width (``normalise_chars`` maps
# １９/２０ to 19/20; ``\d`` matches both): a text without one names no period and need not be
# masked and searched. Most sentences name no year. Each alternative starts with one character
# (not [1１]…): re then skips straight to the 1s and 2s of the text.
MAY_NAME_YEAR = re.compile(r"1[9９]\d{2}|１[9９]\d{2}|2[0０]\d{2}|２[0０]\d{2}")

PeriodKind = Literal["as_of", "dated", "year"]


@record
class Period:
    """A period a text names: ``first``..``last`` are the days it may mean, ``raw`` its words."""

    kind: PeriodKind
    year: int
    first: date
    last: date
    raw: str
    start: int
    end: int


def mask_non_periods(text: str) -> str:
    """``text`` with titles, document numbers and year spans blanked (same length, same offsets)."""
    masked = normalise_chars(text)
    for pattern, _why, needs in MASKS:
        if needs.search(masked):
            masked = pattern.sub(lambda m: "□" * len(m.group()), masked)
    return masked


def _day_span(year: int, month: int | None, day: int | None, mark: str | None) -> tuple[date, date] | None:
    """The first and last day a written date can mean: 2021年3月底 → (03-01, 03-31)."""
    if month is None:
        if mark == "初":
            return date(year, 1, 1), date(year, 1, 31)
        return date(year, 12, 1), date(year, 12, 31)  # 2022年底 / 年末 / a bare 截至2022年
    if not 1 <= month <= 12:
        return None
    last_day = calendar.monthrange(year, month)[1]
    if day is not None:
        if not 1 <= day <= last_day:
            return None
        return date(year, month, day), date(year, month, day)
    if mark == "初":
        return date(year, month, 1), date(year, month, min(10, last_day))
    if mark in ("底", "末"):
        return date(year, month, max(1, last_day - 9)), date(year, month, last_day)
    return date(year, month, 1), date(year, month, last_day)


def text_to_periods(text: str) -> tuple[Period, ...]:
    """Every period ``text`` names, left to right: 截至 dates, dated points, then years a figure is for.

    >>> [(p.kind, p.raw) for p in text_to_periods("截至2021年3月底，2022年度计划项目资金完成率")]
    [('as_of', '截至2021年3月底'), ('year', '2022年度')]

    Every period pattern holds 年 (normalise_chars makes no 年): a text without it (most sentences,
    and a bare 2026.86) names none, and is answered before the cache, which it would only churn.
    """
    if "年" not in text:
        return ()
    return _text_to_periods(text)


# JX302 and JX303 read every sentence of a report, and JX602 clauses of them, several times
# each (100 reports: 5.7 asks per distinct text): every answer for a text holding 年 is kept,
# those naming no year too. A report has tens to hundreds of such texts; the bound keeps a
# worker's memory flat however long the batch. Periods are frozen.
@lru_cache(maxsize=2048)
def _text_to_periods(text: str) -> tuple[Period, ...]:
    """``text_to_periods`` of a text holding 年."""
    if not MAY_NAME_YEAR.search(text):
        return ()
    return _periods(text)


def _periods(text: str) -> tuple[Period, ...]:
    masked = mask_non_periods(text)
    taken = [False] * len(masked)
    found: list[Period] = []

    def take(kind: PeriodKind, m: re.Match[str], year: int, span: tuple[date, date] | None) -> None:
        if span is None or any(taken[m.start():m.end()]):
            return
        taken[m.start():m.end()] = [True] * (m.end() - m.start())
        found.append(Period(kind, year, span[0], span[1], text[m.start():m.end()], m.start(), m.end()))

    for m in AS_OF.finditer(masked):
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        take("as_of", m, int(m[1]), _day_span(int(m[1]), month, day, m[4] or m[5]))
    for m in DATED.finditer(masked):
        if _is_comparison(masked, m.start(), m.end()):
            continue
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        take("dated", m, int(m[1]), _day_span(int(m[1]), month, day, m[4] or m[5]))
    for m in SEASON.finditer(masked):
        if not _is_comparison(masked, m.start(), m.end()):
            take("dated", m, int(m[1]), _season_span(int(m[1]), m[2]))
    for m in YEAR_FOR.finditer(masked):
        if _is_comparison(masked, m.start(), m.end()):
            continue
        year = int(m[1])
        take("year", m, year, (date(year, 1, 1), date(year, 12, 31)))
    return tuple(sorted(found, key=lambda p: p.start))


def _is_comparison(masked: str, start: int, end: int) -> bool:
    before = masked[max(0, start - 4):start]
    return bool(COMPARISON_BEFORE.search(before) or COMPARISON_AFTER.match(masked[end:]))


def fiscal_window(fiscal_year: int) -> tuple[date, date]:
    """The days a report on ``fiscal_year`` may measure its results at: year end to mid next year."""
    month = LATEST_MONTH_AFTER_YEAR
    last_day = calendar.monthrange(fiscal_year + 1, month)[1]
    return date(fiscal_year, 12, 31), date(fiscal_year + 1, month, last_day)


def indicator_period_problem(period: Period, fiscal_year: int) -> str:
    """Why a period written in an indicator is not the report's, or "" when it is."""
    earliest, latest = fiscal_window(fiscal_year)
    if period.kind == "as_of":
        if period.last < earliest:
            return f"{period.raw}早于{fiscal_year}年度末"
        if period.first > latest:
            return f"{period.raw}晚于{fiscal_year + 1}年年中"
        return ""
    if period.kind == "dated":
        if period.last < date(fiscal_year, 1, 1):
            return f"{period.raw}在{fiscal_year}年度之前"
        if period.first > latest:
            return f"{period.raw}晚于{fiscal_year + 1}年年中"
        return ""
    return "" if period.year == fiscal_year else f"{period.raw}不是{fiscal_year}年度"


def _cells(row) -> Iterator[tuple[str, str, Location | None]]:
    yield "指标名称", row.name, row.location
    yield "目标值", row.target_raw, row.target_location
    yield "实际完成值", row.actual_raw, row.actual_location


def check_indicator_years(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """绩效指标写的期间不是报告所评价的年度。

    检查内容：读取每一指标行的名称、目标值和实际值，查找：超出通常截止时点（评价年度末至次年年中）的
    “截至”日期；早于评价年度或晚于该截止时点的日期；数字所属年度（“2022年度计划…”）不是评价年度的；
    以及目标值与实际值写的年度不同的。还读取自评表、绩效目标表等表格的标题（表格正上方的短标题行、
    表内只有一段文字的开头行、工作表名），查找只写了一个、且早于评价年度的年度。
    为何重要：从上年表格抄来的指标，衡量的是上年的计划；旁边的实际值可能也是上年的，据此打出的分数没
    有意义。标题仍是上年度的自评表，表中的数字和得分可能整张都是上年的。
    触发示例：在2023年度报告中，“指标2：截至2022年底，2022年度计划项目资金完成率（%）”和“指标3：截至
    2021年3月底，2022年度计划项目资金完成率（%）”（样本003，表1-2和表2-1）；表格上方写“项目支出绩效
    自评表”“（2022年度）”。
    不触发示例：同一报告中的“截至2024年3月底，2023年度计划项目资金完成率”（截止时点在所衡量年度结束
    后三个月）；“较2022年增长率”（比较基数）；目标“2024年春季开学前”“2024年一季度”（季节、季度按其
    月份读，在次年年中以前）。标题同时写了评价年度（“2022—2023年度…对比表”），或讲的是上年问题整改、
    结转、对比的表格（“2022年度绩效评价问题整改情况表”）；标题不讲绩效、自评、评价或指标的表格。
    局限：不带“年”字的年份（“2022计划完成率”）读不出。确实跨到下一年的计划（“2024年6月底前完工率”）
    只在年中截止时点以前才不报告。每一行在每张表中各报告一次，同一指标出现在两张表中就有两条问题。
    表格标题只看表格上方两行以内、表内开头两行以内；写在更远处（如上一页）的标题看不到。标题晚于评价
    年度（下年度绩效目标表）不报告。
    """
    fiscal_year = inp.fiscal_year
    if fiscal_year is None:
        return
    for row in inp.indicators:
        problems: list[str] = []
        evidence: list[str] = []
        locations: list[Location] = []
        years_by_cell: dict[str, set[int]] = {}
        for label, text, location in _cells(row):
            periods = text_to_periods(text)
            years_by_cell[label] = {p.year for p in periods}
            cell_problems = [why for p in periods if (why := indicator_period_problem(p, fiscal_year))]
            if cell_problems or (label != "指标名称" and periods):
                evidence.append((location.quote if location and location.quote else text).strip())
                if location is not None:
                    locations.append(location)
            problems.extend(cell_problems)
        target_years, actual_years = years_by_cell["目标值"], years_by_cell["实际完成值"]
        if target_years and actual_years and not target_years & actual_years:
            target_text, actual_text = ("、".join(map(str, sorted(years))) for years in (target_years, actual_years))
            problems.append(f"目标值写{target_text}年而实际完成值写{actual_text}年")
        if not problems:
            continue
        if not evidence:
            evidence.append(row.location.quote.strip() or row.name)
            locations.append(row.location)
        yield Flag(
            f"指标“{row.name}”所写时期与本报告评价的{fiscal_year}年度不符：{'；'.join(problems)}",
            tuple(dict.fromkeys(evidence)),
            tuple(dict.fromkeys(locations)),
            {"fiscal_year": str(fiscal_year), "indicator": row.name, "problems": "；".join(problems)},
        )
    yield from _table_titles_of_earlier_years(inp.table_titles, fiscal_year)


# A table whose title says it holds results, targets or scores: its year is the year they are of.
TITLE_OF_RESULTS = re.compile(r"自评|绩效|评价|指标|考核")
# Tables that are about another year by design: rectifying last year's findings, carry-overs,
# comparisons over years.
TITLE_OF_OTHER_YEARS = re.compile(r"整改|问题|上年|去年|对比|比较|结转|结余|同期|历年|以前年度|往年|变动")
TITLE_YEAR = re.compile(rf"{YEAR}\s*年")


def _table_titles_of_earlier_years(titles: Sequence[TableTitle], fiscal_year: int) -> Iterator[Flag]:
    """A table titled as results of one year only, earlier than the report's (自评表（2022年度）)."""
    by_table: dict[int, list[TableTitle]] = {}
    for title in titles:
        by_table.setdefault(title.table, []).append(title)
    for lines in by_table.values():
        text = "".join(line.text for line in lines)
        if not TITLE_OF_RESULTS.search(text) or TITLE_OF_OTHER_YEARS.search(text):
            continue
        years = {int(m[1]) for m in TITLE_YEAR.finditer(normalise_chars(text))}
        if len(years) != 1 or (year := years.pop()) >= fiscal_year:
            continue
        shown = [line for line in lines if TITLE_YEAR.search(normalise_chars(line.text))]
        title = "”“".join(line.text for line in lines)
        yield Flag(
            f"表格标题“{title}”写的是{year}年度，而本报告评价的是{fiscal_year}年度：表中的指标、数字和得分"
            f"可能是从{year}年度的表格抄来的，请核实",
            tuple(dict.fromkeys(line.text for line in lines)),
            tuple(dict.fromkeys(line.location for line in shown)),
            {"fiscal_year": str(fiscal_year), "title_year": str(year), "title": title},
        )


# --- JX302: sentences -------------------------------------------------------------------------

# Words that make a sentence a statement of results: what was done with the year's money.
RESULT_WORDS = re.compile(r"完成|执行|发放|拨付|支出|支付|兑现|决算|投入|落实资金")
# Words that make it a plan or a budget, which may name a later year (2021年预计…, seed 000).
_INTENTIONS = (r"计划|预计|预期|拟|力争|争取|规划|目标|将(?:于|会|要|在|继续|进一步)|下一步|明年|次年"
               r"|将(?:完成|实现|建成|启动|开展|推进)")  # 2024年将完成剩余0.75万亩 (blind probe BA F09)
PLAN_WORDS = re.compile(_INTENTIONS + r"|安排|预算")
# Of those, the ones that look ahead: a 截至 date after them may lie after the report was signed
# (计划截至2024年底完成…). 预算 and 安排 name the money, not an intention: “截至2023年12月31日，全年
# 预算…，全年执行…” reports what was done.
INTENTION_WORDS = re.compile(_INTENTIONS)
# Words that make another year context anywhere in the sentence: a comparison, money carried over
# from it, or the current year named in words (本年度, 当年).
CONTEXT_WORDS = re.compile(r"结转|结余|滚存|跨年|本年|今年|当年|本期")
# Words that make another year the base of a comparison anywhere in the sentence.
COMPARISON_WORDS = re.compile(
    r"较|同比|环比|相比|对比|同类|上年|去年|上一年|往年|历年|以前年度|比\s*(?:(?:19|20)\d{2}|上|去|前)|从.{0,20}(?:增|减|降|提高|上升)"
)
# What may stand before the year that governs a sentence: list markers (1、 （一） ① 一是) and a
# short subject (我中心, 全县, 在).
LEAD_MARKERS = re.compile(
    r"^\s*(?:(?:[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十\d]{1,3}\s*[、.．)）]|"
    r"[①-⑳]|[一二三四五六七八九十]是)\s*[、，,]?\s*)*"
)
MAX_SUBJECT_CHARS = 6
# What a subject before the opening period holds none of: a number or a clause break.
SUBJECT_BREAK = re.compile(r"[\d，,；;。：:]")
# A 截至 date is reported with its words up to the end of its clause.
CLAUSE_END = re.compile(r"[，,；;。！？!?]")
# A heading that names the year before the fiscal year in words: 五、上年度绩效评价问题整改情况.
LAST_YEAR_IN_WORDS = re.compile(r"上一?年|去年")
# After an opening year, an evaluation, audit or inspection and the problems it found: the year
# names where the problems came from (2022年度部门整体支出绩效自评发现的问题). With 整改 in the
# sentence, the work stated is the rectification, done in the year evaluated.
FINDINGS_OF_YEAR = re.compile(
    r"^\s*度?[^，,；;。]{0,24}?(?:评价|自评|审计|检查|巡视|巡察|督查|考核|监督)[^，,；;。]{0,12}?问题"
)


# After an opening earlier year, the targets of that year: “2023年度绩效目标：为不少于2,800名困难残疾人
# 按时足额发放生活补贴…” in a 2024 report (blind probe P p05) states no result, but the report's
# targets are another year's.
TARGETS_OF_YEAR = re.compile(r"\s*度?\s*(?:的)?(?:部门整体支出|整体支出|部门|单位|项目|专项资金|资金)?(?:年度)?绩效目标")


def _block_key(sentence) -> tuple:
    """The paragraph or cell a sentence is in."""
    where = sentence.block_location
    return where.file, where.page, where.paragraph, where.line, where.table, where.row, where.col


# A sentence that states the period evaluated: “本次评价期间为2023年1月1日至2023年12月31日”,
# “本次自评的时间范围为2023年度”, “评价时段：…”. Not “评价期间，我们走访了…” (during the evaluation).
EVALUATION_PERIOD = re.compile(r"(?:评价|自评)[^，,。；;]{0,4}?(?:期间|时段|区间|时间范围|年度范围)\s*(?:为|是|：|:)")


def _evaluation_period_flag(sentence: TextSentence, fiscal_year: int) -> Flag | None:
    """④ of JX302: a sentence stating the period evaluated whose years are all another year's."""
    text = sentence.text
    if "评" not in text or (found := EVALUATION_PERIOD.search(text)) is None:
        return None
    end = CLAUSE_END.search(text, found.end())
    stated = text[found.end(): end.start() if end else len(text)]
    years = {year for year, _ in find_years(stated)}
    if not years or fiscal_year in years:
        return None
    quote = text[found.start(): end.start() if end else len(text)]
    return Flag(
        f"句中“{quote}”写明的评价期间不是本报告评价的{fiscal_year}年度，整份报告所述数据可能是其他年度的",
        (text,),
        (sentence.location,),
        {"fiscal_year": str(fiscal_year), "years": "、".join(str(year) for year in sorted(years))},
    )


def _next_states_the_same_for_the_year(text: str, governing: Period, sentences: Sequence[TextSentence],
                                       index: int, fiscal_year: int) -> bool:
    """Whether the sentence after ``index`` names the evaluated year (and no other) and the same
    amount or score as this one's first: the last words before it (全年实际支出, 全年支出, 自评得分)
    are in it (“2022年度…自评得分89分，等次为良；2023年度自评得分93.5分”, blind probe AX F14). Not a
    statement of other work beside the year's money (“2021年，我中心完成了…发放” before “我中心
    2024年初政府性基金预算…”)."""
    if index + 1 >= len(sentences):
        return False
    following = sentences[index + 1].text
    periods = text_to_periods(following)
    if not periods or any(p.year != fiscal_year for p in periods):
        return False  # most: asked first, as reading the sentence's amounts costs far more
    first = next((q for q in find_quantities(text)
                  if (q.start or 0) >= governing.end and (q.unit.endswith("元") or q.unit == "分")), None)
    if first is None:
        return False
    name = text[governing.end:first.start].rstrip(AMOUNT_LINKS)[-SAME_NAME_CHARS:]
    return len(name) >= MIN_SAME_NAME_CHARS and name in following


# Words between an amount's name and the amount (全年支出为…), and how many of the name's last
# characters must recur in the next sentence for it to state the same amount: up to four, at
# least three (执行数, blind probe AP w11).
AMOUNT_LINKS = " 为是达共计约：:"
SAME_NAME_CHARS = 4
MIN_SAME_NAME_CHARS = 3


def _states_money(text: str) -> bool:
    """Whether a sentence states an amount of money."""
    return any(q.unit.endswith("元") for q in find_quantities(text))


def _section_names_year(section: str, year: int, fiscal_year: int) -> bool:
    """Whether a heading above the sentence names ``year`` (“（二）2022年度…整改情况”), in figures
    or, for the year before the fiscal year, in words (“五、上年度绩效评价问题整改情况”)."""
    if any(p.year == year for p in text_to_periods(section)):
        return True
    return year == fiscal_year - 1 and LAST_YEAR_IN_WORDS.search(section) is not None


def _is_rectification(masked: str, governing: Period) -> bool:
    """Whether a sentence opened by ``governing`` tells of rectifying the problems an evaluation
    or audit of that year found (“2022年度…绩效自评发现的问题，我局已完成整改3项”)."""
    return "整改" in masked and FINDINGS_OF_YEAR.match(masked[governing.end:]) is not None


def _governing_period(text: str, periods: Sequence[Period]) -> Period | None:
    """The period that opens a sentence (“2022年，我中心完成了…”), or None."""
    if not periods:
        return None
    first = periods[0]
    lead = LEAD_MARKERS.match(text)
    subject = text[lead.end() if lead else 0:first.start]
    if len(subject) > MAX_SUBJECT_CHARS or SUBJECT_BREAK.search(subject):
        return None
    return first


def check_sentence_years(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """讲述评价期间的句子写了另一个年度。

    检查内容：读取正文每个句子，查找：①早于评价年度的“截至／截止”日期（2023年度报告中的“截至2022年底，…”）；
    ②以另一年度开头、又带数字陈述成果（完成、执行、发放、拨付、支出……加数字）的句子，因为本年成果正
    是这样写的；③以更早年度开头陈述绩效目标的句子（2024年度报告中的“2023年度绩效目标：…”）；④写明
    评价期间（评价期间为、评价时段：、自评的时间范围为……）而所写年度都不是评价年度的句子。
    为何重要：在上年报告基础上改写的报告，常留下上年的日期和数字；审计人员使用一个数字之前，必须知道
    它是不是本年度的。
    触发示例：在2023年度报告中，“截至2022年底，项目资金完成率80%”；“2022年，我中心完成了36277人计
    2161.83万元的移民直补资金发放”；“2022年度绩效目标：为不少于2,800名困难残疾人按时足额发放生活补贴”；
    “本次评价期间为2022年1月1日至2022年12月31日”。
    不触发示例：比较（“比2022年8725.42万元多1189万元”）；结转资金（“2022年结转资金50万元已于本年度全
    部支出”）；同时写了评价年度的句子（“2020年度预算1.14万元，2019年度预算1.93万元”）；计划（“2021年
    预计解决160名移民就业”）；跨年度期间（2020年—2021年）；标题和文号（《…2021年…通知》、〔2021〕12
    号）；没有成果的事件日期（“成立于2004年3月”“2019年4月27日…印发了…”）；单位沿革（“2009年获全国…先
    进县”）；位于写明该年度的标题下的句子（“（二）2022年度…整改情况”，上一年度也可写作“五、上年度绩效
    评价问题整改情况”）；整改该年度评价、审计发现的问题（“2022年度部门整体支出绩效自评发现的问题，我
    局已完成整改3项”：整改是在评价年度做的）。
    同一段落中前面已有陈述本年度金额（不写其他年度）的句子时，其后以更早年度开头的句子是与上年比较
    （“2023年全年支出1,876.42万元…。2022年全年支出为1,723.55万元。”），②③不报告；紧接其后的句子（可在下
    一段）只写评价年度、并写了名称相同的金额时（“2021年医院全年实际支出…元。”下一段“2022年度医院年初预
    算…全年实际支出…”），也视为比较；写“同类”的句子（“2022年同类资金规模为1.1624亿元”）同样是比较。
    局限：②要求年度位于句首（前面只允许有序号和不超过六个字的主语），句子中间才出现的其他年度成果看
    不到。句中只要有比较用语（较、比上年、同比）就不报告，因此与比较写在一起的陈旧数字会漏掉。写了
    “整改”、又在句首年度之后写了评价、审计、检查等发现的问题的句子不报告，因此从上年报告中照抄的整改
    情况也会漏掉。紧挨在同名本年度金额之前照抄的上年句子，按上述比较处理，也会漏掉。评价年度之内的“截至”
    日期（截至2023年6月底）不由本规则报告。
    """
    fiscal_year = inp.fiscal_year
    if fiscal_year is None:
        return
    latest = fiscal_window(fiscal_year)[1]
    this_years: dict[tuple, list[str]] = {}  # by block: its sentences so far that name no other year
    states_money = cache(_states_money)  # a block's earlier sentences are asked again by each later one
    sentences = inp.sentences
    block_location, block_sentences = None, []
    for index, sentence in enumerate(sentences):
        text = sentence.text
        if (period_flag := _evaluation_period_flag(sentence, fiscal_year)) is not None:
            yield period_flag
            continue
        periods = text_to_periods(text)
        if sentence.block_location is not block_location:  # a paragraph's sentences share its location
            block_location = sentence.block_location
            block_sentences = this_years.setdefault(_block_key(sentence), [])
        if not periods:  # most sentences: one naming no year names no other year, and is no more asked
            block_sentences.append(text)
            continue
        earlier = len(block_sentences)  # the block's sentences before this one
        if all(p.year == fiscal_year for p in periods):
            block_sentences.append(text)
        flagged = False
        for period in periods:
            if period.kind != "as_of" or period.year >= fiscal_year:
                continue
            if _section_names_year(sentence.section, period.year, fiscal_year):
                continue
            clause = CLAUSE_END.search(text, period.end)
            quote = text[period.start: clause.start() if clause else len(text)]
            yield Flag(
                f"句中“{quote}”的截止日期在{period.year}年，早于本报告评价的{fiscal_year}年度，所述数据可能不是本年度的",
                (text,),
                (sentence.location,),
                {"fiscal_year": str(fiscal_year), "as_of": period.raw},
            )
            flagged = True
        if flagged:
            continue
        governing = _governing_period(text, periods)
        if governing is None or governing.kind == "as_of" or governing.year == fiscal_year:
            continue
        if governing.kind == "dated" and date(fiscal_year, 12, 31) <= governing.first <= latest:
            continue  # the months after the year, when its accounts are closed and it is evaluated
        if governing.kind == "dated" and governing.raw.rstrip().endswith(("初", "中")):
            continue  # a point in time (2016年初), not a year of results
        if any(p.year == fiscal_year for p in periods):
            continue  # the fiscal year beside another: a comparison
        if _section_names_year(sentence.section, governing.year, fiscal_year):
            continue
        if governing.year < fiscal_year and (
                any(map(states_money, block_sentences[:earlier]))
                or _next_states_the_same_for_the_year(text, governing, sentences, index, fiscal_year)):
            # “2023年全年支出1,876.42万元…。2022年全年支出为1,723.55万元。”: a comparison; so is the
            # year before's amount right before the year's own of the same name, a paragraph apart
            # (blind probe Y y03: “2021年医院全年实际支出108,642,371.60元。” over “2022年度医院年初预算
            # …全年实际支出…”)
            continue
        masked = mask_non_periods(text)
        if governing.year < fiscal_year and TARGETS_OF_YEAR.match(masked, governing.end):
            yield Flag(
                f"句子以“{governing.raw}”开头陈述绩效目标，但本报告评价的是{fiscal_year}年度，目标可能是从其他年度的报告中照抄的",
                (text,),
                (sentence.location,),
                {"fiscal_year": str(fiscal_year), "year": str(governing.year)},
            )
            continue
        if COMPARISON_WORDS.search(masked) or CONTEXT_WORDS.search(masked) or PLAN_WORDS.search(masked):
            continue
        if _is_rectification(masked, governing):
            continue
        if not RESULT_WORDS.search(masked):
            continue
        if not [q for q in find_quantities(text) if (q.start or 0) >= governing.end]:
            continue
        yield Flag(
            f"句子以“{governing.raw}”开头陈述资金或工作完成情况，但本报告评价的是{fiscal_year}年度，所述数据可能是其他年度的",
            (text,),
            (sentence.location,),
            {"fiscal_year": str(fiscal_year), "year": str(governing.year)},
        )


# --- JX303: the report's own date ------------------------------------------------------------


def _parse_iso(text: str) -> tuple[date, date] | None:
    """The first and last day a report date may be: one day, or a month (“2024-02”, a signature
    that gave no day)."""
    try:
        day = date.fromisoformat(text)
        return day, day
    except (TypeError, ValueError):
        pass
    try:
        year, month = (int(part) for part in text.split("-"))
        first = date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return first, date(year, month, calendar.monthrange(year, month)[1])


def check_report_date(inp: CheckInput, settings: RuleSettings) -> Iterator[Flag]:
    """报告落款日期早于所评价年度结束，或引用了晚于落款日期的数据。

    检查内容：将报告落款日期（reports.csv 的 report_date 列）与评价年度末比较（报“错误”），并将正文
    中每个“截至／截止”日期与落款日期比较（报“提醒”）。
    为何重要：某一年度的自评只能在该年度结束后撰写；落款更早，要么日期写错了，要么评价的是尚未结束的
    年度。数据截至落款之后的某一天，不可能写进这份报告：两个日期必有一个是错的。
    触发示例：2023年度报告落款2023年11月30日；落款2024年5月30日的报告引用“截至2024年6月30日”。
    不触发示例：样本001（2023年度，落款2024年5月30日）和样本004（2020年度，落款2021年3月22日）；落款
    2024年5月30日的报告写“截至2024年5月底”（“月底”按当月最后十天中的任何一天理解）。
    只写到月的落款（“2024年2月”）按该月任何一天理解：2023年度报告落款“2023年12月”不报告，落款
    “2023年11月”报告。
    局限：只有单独成行的日期才被当作报告落款日期。以月底或年底表示的“截至”日期，只有其可能指的每一天
    都晚于落款日期时才报告。含计划用语（计划、预计、将于）的句子跳过，因此被误当作计划的过去日期会漏
    掉；“预算”“安排”说的是资金，不算计划用语。
    """
    meta = inp.metadata.report_date
    span = _parse_iso(meta.value) if meta is not None else None
    if span is None:
        return
    _, report_date = span  # a month's signature may be any of its days: its last, for both checks
    fiscal_year = inp.fiscal_year
    if fiscal_year is not None and report_date < date(fiscal_year, 12, 31):
        evidence = [meta.location.quote.strip() or meta.value]
        locations = [meta.location]
        fy_meta = inp.metadata.fiscal_year
        if fy_meta is not None and fy_meta.location.quote:
            evidence.append(fy_meta.location.quote.strip())
            locations.append(fy_meta.location)
        yield Flag(
            f"报告日期为{meta.value}，早于所评价的{fiscal_year}年度结束之日（{fiscal_year}-12-31）",
            tuple(dict.fromkeys(evidence)),
            tuple(dict.fromkeys(locations)),
            {"report_date": meta.value, "fiscal_year": str(fiscal_year)},
        )
    for sentence in inp.sentences:
        periods = text_to_periods(sentence.text)
        if not periods:
            continue  # most sentences: no date at all
        late = [p for p in periods if p.kind == "as_of" and p.first > report_date]
        if not late:
            continue
        if INTENTION_WORDS.search(mask_non_periods(sentence.text)):
            continue  # 计划截至2024年底完成…: a plan may look past the report's date
        for period in late:
            yield Flag(
                f"句中“{period.raw}”晚于报告日期{meta.value}，报告不可能引用其签署之后的数据",
                (sentence.text,),
                (sentence.location, meta.location),
                {"report_date": meta.value, "as_of": period.raw,
                 "as_of_first_day": period.first.isoformat()},
                severity="warning",
            )


RULES = (
    Rule("JX301", "year_mismatch", "warning", check_indicator_years),
    Rule("JX302", "year_mismatch", "warning", check_sentence_years),
    Rule("JX303", "date_conflict", "error", check_report_date),
)
