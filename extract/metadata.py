"""Report metadata: the year evaluated, the unit, the kind of report, its date and its grade.

The **fiscal year evaluated** is not the year the report was written (a 2023 report is written in
2024): it is read from the title (“2023年度…绩效自评报告”, “…2020年整体绩效 / 自评报告”), else from
“截至2023年12月31日”, else from the year most often written as “YYYY年度”. The title is looked for
first among the leading paragraphs, then anywhere (a form can carry the report inside a cell),
as a short line — or two consecutive short lines — naming a year and 绩效/评价 and 报告/自评表.

The **unit** is the organisation named in the title before the year (“邵东市库区移民事务中心2020年”),
after it (“2023年度岳阳楼区库区移民服务中心整体支出”), or a short leading line that is an
organisation name (“永兴县扶贫开发办公室”). When the title names only a place (“岳阳县2023年度中央
水库移民扶持基金”), the first organisation in the text whose name starts with that place is taken.

Each value keeps the Location of the text it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from datetime import date
from operator import attrgetter

from extract.chinese_numerals import chinese_to_int
from extract.figures import example_spans, subject_key, table_subject
from extract.numbers import find_years
from extract.model import Document, Location, Paragraph, Table
from extract.records import record

# A title line is short; longer lines are prose that merely mention a year.
TITLE_MAX_CHARS = 60
# How many leading body blocks are searched for the title before the whole document is.
LEADING_BLOCKS = 12

# The first two digits of a year, ASCII or full-width (２０２３年度): \d takes full-width digits,
# and int() reads them.
_CENTURY = "(?:19|20|１９|２０)"
# The year in figures or, as some formal titles write it, in numerals (二〇二三年度…).
YEAR_IN_TITLE = re.compile(r"(" + _CENTURY + r"\d{2}|(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2})\s*年(?:度)?")
TITLE_WORDS = re.compile(r"绩效|评价")
# …绩效自评汇总表: the workbook a unit or bureau sends for several projects (blind probe V).
TITLE_ENDINGS = re.compile(r"报\s*告|自评表|评价表|汇总表|自评材料|评价材料")
AS_OF_YEAR_END = re.compile(r"截[至止]\s*(" + _CENTURY + r"\d{2})\s*年\s*12\s*月\s*31\s*日")
# A line that is a label and its value (填报日期：…, 填报单位：…): never part of a title.
LABELLED_LINE = re.compile(r"(?:日期|时间|单位|填报人|联系人|电话)\s*[:：]")
YEAR_DU = re.compile(r"(" + _CENTURY + r"\d{2})\s*年度")
ORG_SUFFIX = (r"(?:局|中心|办公室|委员会|政府|厅|院|所|站|队|馆|办|处|校|学校|医院|公司|协会|联合会|部|中学|小学|幼儿园"
              r"|(?:管理|养护|公路)段)")  # 某县公路管理段 (blind probe AN v33)
# A township, sub-district or community reports as itself (“攸县白沙镇”, “圭塘街道”): a name that is
# the whole line or title part. Not in ORG_SUFFIX, whose shortest matches would cut “岳阳县乡村振兴局”
# at 乡 and “白沙镇人民政府” at 镇.
PLACE_SUFFIX = r"(?:镇|乡|街道|社区)"
ORG_NAME = re.compile(rf"[\u4e00-\u9fff（）()]{{2,30}}?{ORG_SUFFIX}")
# A whole line may also end in 社 or 会 (供销合作社联合社, 总工会, 红十字会, 妇女联合会), 场 (国营林场,
# 农场) or 台 (广播电视台, 气象台): not in ORG_SUFFIX, whose shortest matches in running text would
# cut “供销合作社联合社” at its first 社, “工会会员代表大会” anywhere, and find 市场 or 平台 in prose.
ORG_LINE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,30}}(?:{ORG_SUFFIX}|{PLACE_SUFFIX}|社|会|场|台)$")
# A place alone, as a title names it before the year (“岳阳县2023年度中央水库移民扶持基金…”): only
# then is the unit looked for in the text as the first organisation named after that place.
PLACE_ONLY = re.compile(r"^[\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)$")
# The rest of an organisation's name after the place a title names: 岳阳县 + 水利局.
ORG_AFTER_PLACE = re.compile(rf"[\u4e00-\u9fff]{{0,20}}?{ORG_SUFFIX}")
# Words after the unit name in a title, where the name ends.
AFTER_UNIT = re.compile(r"(?:部门|单位)?(?:整体|项目|专项|中央|省级|市级|县级|本级|财政|预算|绩效|年度)")
DATE = re.compile(r"(" + _CENTURY + r"\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_LINE_MAX_CHARS = 24
# A date in figures alone on its line, one separator throughout: 2024.3.20, 2024-03-20, 2024/3/20.
NUMERIC_DATE = re.compile(
    r"(" + _CENTURY + r"\d{2})\s*(?:\.\s*(\d{1,2})\s*\.|-\s*(\d{1,2})\s*-|/\s*(\d{1,2})\s*/)\s*(\d{1,2})"
)
# The same date in Chinese numerals, as formal documents sign: 二〇二四年三月十五日.
CN_DATE = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")
# A signature that gives only the month: “2024年2月”, “二〇二四年二月”, alone on its line.
YEAR_MONTH = re.compile(r"(" + _CENTURY + r"\d{2})\s*年\s*(\d{1,2})\s*月")
CN_YEAR_MONTH = re.compile(r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月")
# A date given under a label, as forms put it: 填报日期：2024年3月15日, 报告日期: …, 日期：….
_DATE_LABEL = r"(?:(?:填报|填表|报告|报送|自评|评价|编制)?日期|(?:填报|填表|报送)时间)\s*[:：]?"
LABELLED_DATE = re.compile(_DATE_LABEL + r"\s*(?:" + DATE.pattern + "|" + NUMERIC_DATE.pattern + ")")
# Labels that name the unit a report is from, surest first: the one that filled it in, then the
# unit the budget belongs to, then the one carrying the project out; 主管部门 only as a last resort.
UNIT_LABELS = ("填报单位", "编报单位", "单位名称", "部门名称", "部门（单位）名称", "单位（部门）名称", "部门(单位)名称",
               "预算单位", "评价单位", "自评单位", "报送单位", "报告单位",
               "项目实施单位", "实施单位", "项目单位", "项目主管部门", "主管部门")
UNIT_LABEL = re.compile(
    rf"^({'|'.join(map(re.escape, UNIT_LABELS))})\s*(?:[（(]\s*(?:盖章|公章|签章)\s*[)）])?\s*[:：]?\s*(.*)$"
)
# The characters a unit label opens with: a line opening otherwise is passed over by a set lookup,
# before the pattern tries its seventeen labels on it (nearly every line of a report).
UNIT_LABEL_OPENINGS = frozenset(label[0] for label in UNIT_LABELS)
GRADE_WORDS = ("不合格", "优秀", "良好", "中等", "合格", "及格", "优", "良", "中", "差")
GRADE_LABEL = re.compile(r"(?:评价|自评|绩效)?(?:等次|等级)")
GRADE_IN_TEXT = re.compile(
    r"(?:评价|自评|绩效|评定)(?:等次|等级)\s*(?:为|是|：|:|评定为|确定为)?\s*[“\"「『]?\s*"
    r"(不合格|优秀|良好|中等|合格|及格|优|良|中|差)(?![化先质势越异性央])"  # not 优化, 优先, 良性, 中央 …
)

# “…自评得分为92分，等级为“优”。”: 等级/等次 alone, in a sentence about the evaluation; the grade
# word must end there (等级为优化 is not a grade).
# A quotation mark may stand for the verb: “自评得分94.5分，等级“优”。”
GRADE_AFTER_WORD = re.compile(
    r"(?:等次|等级)\s*(?:(?:为|是|：|:|评定为|确定为)\s*[“\"「『]?|[“\"「『])\s*"
    r"(不合格|优秀|良好|中等|合格|及格|优|良|中|差)(?=[”\"」』\s，。,.；;）)（(]|$)"
)
EVALUATION_WORDS = re.compile(r"自评|评价|绩效|得分|评分")
# “评价结果为优秀”, “自评结论：良好”: the result of the evaluation named by its grade word alone,
# asked only where no line names an 等次 or 等级.
GRADE_AS_RESULT = re.compile(
    r"(?:评价|自评|绩效|考核)(?:结果|结论)\s*(?:为|是|：|:|评定为|确定为)\s*[“\"「『]?\s*"
    r"(不合格|优秀|良好|中等|合格|及格|优|良|中|差)(?=[”\"」』\s，。,.；;）)（(]|$)"
)
# The grade before the word 等次/等级 (“评定为“优秀”等次”, “属于“优”等级”), or after 评级 (“绩效评级为
# “优””): asked only where the patterns above found none.
GRADE_BEFORE_WORD = re.compile(
    r"(?:评定为|评为|定为|属于|确定为|为)\s*[“\"「『]\s*(不合格|优秀|良好|中等|合格|及格|优|良|中|差)\s*[”\"」』]\s*(?:等次|等级|档次)"
    r"|评级\s*(?:为|是|：|:)\s*[“\"「『]?\s*(不合格|优秀|良好|中等|合格|及格|优|良|中|差)(?=[”\"」』\s，。,.；;）)]|$)"
)
WHITESPACE = re.compile(r"\s")
# ONE_CHARACTER: a line is asked whether it holds a word of two characters (日期, 等次) by one of
# them first. CPython finds one character at memchr speed, but scans Chinese text for two several
# times slower (its skip table tells little apart there), and most lines of a report hold neither;
# the one character is the rarer of the two in reports (日 of 日期, 间 of 时间, 果 of 结果 …).

KIND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # 整体绩效 of a unit; not of a project or fund (“…衔接资金项目整体绩效自评报告”)
    (re.compile(r"整体支出|部门整体|单位整体|(?<!项目)(?<!资金)整体绩效"), "dept_overall"),
    # the kind of evaluation named outright: “…森林防火专项经费项目支出绩效自评报告” is a project's
    (re.compile(r"项目支出(?:绩效|自评|评价)"), "project"),
    (re.compile(r"专项资金|扶持基金|转移支付|专项"), "special_fund"),
    (re.compile(r"项目"), "project"),
    (re.compile(r"资金|基金"), "special_fund"),  # “农村危房改造补助资金绩效自评报告”: one fund evaluated
    # money paid to people, named by its own noun: “…中等职业教育国家助学金绩效自评报告”, “…高龄津贴…”
    # (blind probe P). Not 救助 or 补助 alone, which name units too (救助管理站).
    (re.compile(r"助学金|奖学金|补贴|津贴|补助金|救助金|扶助金|抚恤金|优待金"), "special_fund"),
    # a programme or a works evaluated by its own name: “…学生营养改善计划绩效自评报告”, “…雨露计划…”,
    # “…农村饮水安全工程绩效自评报告” (blind probe AW)
    (re.compile(r"计划(?=绩效|自评|评价)"), "special_fund"),
    (re.compile(r"工程(?=绩效|自评|评价)"), "project"),
)


@record
class MetaValue:
    value: str
    location: Location


@record
class ReportMetadata:
    fiscal_year: MetaValue | None = None
    unit_name: MetaValue | None = None
    report_kind: MetaValue | None = None
    report_date: MetaValue | None = None
    grade: MetaValue | None = None
    title: str = ""


@record
class _Line:
    text: str
    location: Location
    block: int = 0  # 0-based index of the body block it belongs to


def document_to_metadata(document: Document) -> ReportMetadata:
    lines = _text_lines(document)
    # the lines come in block order: the leading blocks' lines are the list's start
    leading = lines[:bisect_left(lines, LEADING_BLOCKS, key=attrgetter("block"))]
    title = _find_title(leading) or _find_title(lines)
    fiscal_year = _fiscal_year(title, lines)
    unit_name = _unit_name(title, leading, lines)
    kind = _report_kind(title or _yearless_title(leading))
    return ReportMetadata(
        fiscal_year=fiscal_year,
        unit_name=unit_name,
        report_kind=kind,
        report_date=_report_date(lines, title),
        grade=_grade(document, lines, int(fiscal_year.value) if fiscal_year else None),
        title=title.text if title else "",
    )


def _text_lines(document: Document) -> list[_Line]:
    """Every line of text with its location: paragraphs, then the lines of each table cell (one
    list, built in place: a report has a few hundred lines, each passed up through no generator)."""
    lines: list[_Line] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            for text in block.text.splitlines():
                if stripped := text.strip():
                    lines.append(_Line(stripped, block.location, index))
        else:
            for table in block.iter_tables():
                for cell in table.cells:
                    for text in cell.text.splitlines():
                        if stripped := text.strip():
                            lines.append(_Line(stripped, cell.location, index))
    return lines


def _find_title(lines: list[_Line]) -> _Line | None:
    """The first short line that reads as a title, alone or joined to the one or two lines after it.

    A title may be broken over two lines, or three as a cover sets it (“云溪县2023年度” /
    “学前教育发展专项资金” / “绩效自评报告”, blind probe BB F04), but not after a labelled line
    (“填报日期：2024年3月22日”, blind probe V v10). Each join is longer than the one before, so the
    first too long for a title ends the line's tries.
    """
    count = len(lines)
    for index in _title_starts(lines):
        line = lines[index]
        text = line.text
        for joined in range(3):  # the line alone, then with the next line, then the next two
            if joined:
                if index + joined == count or LABELLED_LINE.search(lines[index + joined - 1].text):
                    break
                text += lines[index + joined].text
            if len(text) > TITLE_MAX_CHARS:
                break
            if _is_title(text):
                return _Line(text, line.location, line.block)
    return None


def _title_starts(lines: list[_Line]) -> list[int]:
    """The indexes of the lines a title may start at, in order: a title names its year (``_is_title``
    wants 年, one character, which no join can make), so it starts on a line holding 年 or on one of
    the two lines before one. Most lines of a report are neither, and are passed over at once."""
    starts: list[int] = []
    for at, line in enumerate(lines):
        if "年" in line.text:
            starts.extend(range(max(at - 2, starts[-1] + 1 if starts else 0), at + 1))
    return starts


def _yearless_title(lines: list[_Line]) -> _Line | None:
    """A leading line titled like a report but without its year (“部门整体支出绩效自评报告” under
    the unit's name): it still says what kind of report this is."""
    return next((line for line in lines if len(line.text) <= TITLE_MAX_CHARS
                 and TITLE_WORDS.search(line.text) and TITLE_ENDINGS.search(line.text)), None)


def _is_title(text: str) -> bool:
    if "年" not in text or not TITLE_WORDS.search(text) or not TITLE_ENDINGS.search(text):
        return False  # the cheap tests first: most lines fail one, and the year's search is slow
    year = YEAR_IN_TITLE.search(text)
    # not a date (“2025年3月26日” of a cover's 填报日期 cell joined to the next sheet's title,
    # blind probe AC ac05): a title's year is the year evaluated, never a day's
    return bool(year and not MONTH_AFTER.match(text, year.end()))


MONTH_AFTER = re.compile(r"\s*\d{1,2}\s*月")


def _fiscal_year(title: _Line | None, lines: list[_Line]) -> MetaValue | None:
    if title is not None:
        match = _title_year(title.text)
        if match:
            return MetaValue(_year_in_figures(match.group(1)), title.location)
    for line in lines:
        match = AS_OF_YEAR_END.search(line.text)
        if match:
            return MetaValue(_year_in_figures(match.group(1)), line.location)
    counts = Counter(m.group(1) for line in lines for m in YEAR_DU.finditer(line.text))
    if counts:
        year, _ = counts.most_common(1)[0]
        first = next(line for line in lines if f"{year}年度" in line.text.replace(" ", ""))
        return MetaValue(_year_in_figures(year), first.location)
    return None


# The end of a span of years (2022—2024年, 2021-2023年度): a project's years, not the year evaluated.
SPAN_END = re.compile(r"(?:" + _CENTURY + r"\d{2})\s*年?\s*[—–\-~～至到]+\s*$")


def _title_year(text: str) -> re.Match[str] | None:
    """The year a title evaluates: the first year that ends no span of years, where a later one does
    not follow it as 年度 (“松林县2022—2024年高标准农田整县推进项目2023年度绩效自评报告” is 2023,
    blind probe BA); a title with only a span (“2021—2023年度…”) keeps the span's end, as before."""
    found = list(YEAR_IN_TITLE.finditer(text))
    own = [match for match in found if not SPAN_END.search(text[: match.start()])]
    return next((match for match in own if match.group(0).endswith("度")), own[0] if own else (
        found[0] if found else None))


def _year_in_figures(year: str) -> str:
    """A year in ASCII figures: “2023” as it is, “２０２３” and “二〇二三” written so."""
    return str(int(year)) if year.isdigit() else str(chinese_to_int(year))


def _unit_name(title: _Line | None, leading: list[_Line], lines: list[_Line]) -> MetaValue | None:
    if title is not None:
        match = YEAR_IN_TITLE.search(title.text)
        before = title.text[: match.start()].strip() if match else ""
        after = title.text[match.end():] if match else ""
        # “附件2 …”, and “关于某县卫生健康局2023年度…的报告”: 关于 (“on”) begins the title, not the name.
        before = re.sub(r"^附件\s*\d*", "", before).strip()
        before = re.sub(r"^关于", "", before).strip()
        if before and ORG_LINE.match(before):
            return _fuller_name(before, lines) or MetaValue(before, title.location)
        after_name = AFTER_UNIT.split(after, maxsplit=1)[0].strip() if after else ""
        if ORG_LINE.match(after_name):
            return _fuller_name(after_name, lines) or MetaValue(after_name, title.location)
        if before and PLACE_ONLY.match(before):
            for line in lines:
                if before not in line.text:
                    continue  # most lines do not name the place: one substring test each
                org = _org_after_place(before, line.text)
                if org and not ISSUED_THE_FORM.match(line.text, line.text.find(org) + len(org)):
                    return _fuller_name(org, lines) or MetaValue(org, line.location)
    labelled = _labelled_unit(lines)
    if labelled is not None:
        return labelled
    for line in leading:
        # A name alone on a line of the cover; not a table cell, which without a label beside it
        # is as likely an indicator (“新建村级服务站”) or a beneficiary as the unit.
        if line.location.table is None and ORG_LINE.match(line.text) and not line.text.endswith("财政局（制）"):
            return MetaValue(line.text, line.location)
    return _signed_by(lines)


def _fuller_name(org: str, lines: list[_Line]) -> MetaValue | None:
    """The unit's name as the form's label or the signature gives it, when that is ``org`` with the
    city before it: a title naming only 鹤城区 finds “鹤城区住房和城乡建设局” in the text, and the
    report signs as 怀化市鹤城区住房和城乡建设局 (blind probe M); a title's “鸭溪镇人民政府” is
    “遵义市播州区鸭溪镇人民政府” on the 单位名称 line (blind probe AG). A town or a street office the
    title names by its place alone (花吐古拉镇) is its government (…花吐古拉镇人民政府)."""
    for named in (_labelled_unit(lines), _signed_by(lines)):
        if named is not None and named.value != org and named.value.endswith(
                (org, *(org + office for office in LOCAL_GOVERNMENT_OFFICES))):
            return named
    return None


# What a town's or a street's own name stands for when a report is signed by it.
LOCAL_GOVERNMENT_OFFICES = ("人民政府", "街道办事处", "办事处")


def _signed_by(lines: list[_Line]) -> MetaValue | None:
    """The unit that signs the report: a name alone on one of its last lines, above the date
    (“某县医疗保障局（盖章）” / “2024年3月20日”), asked when the title and the cover name none."""
    for line in _signature_lines(lines):
        name = SEAL.sub("", line.text).strip()
        if ORG_LINE.match(name):
            return MetaValue(name, line.location)
    return None


def _signature_lines(lines: list[_Line]) -> list[_Line]:
    """The report's last lines outside tables, last first: where it is signed and dated."""
    return [line for line in reversed(lines[-SIGNATURE_LINES:]) if line.location.table is None]


SIGNATURE_LINES = 4
SEAL = re.compile(r"[（(]\s*(?:盖章|公章|签章)\s*[)）]")


def _org_after_place(place: str, text: str) -> str | None:
    """The first organisation name in ``text`` that starts with ``place`` (岳阳县…水利局), or None.

    What ``re.search(re.escape(place) + ORG_AFTER_PLACE.pattern, text)`` finds, without compiling a
    pattern for each report: every title names its own place, and compiling the CJK character
    range costs about 2 ms, more than the rest of the metadata. The place is found as a plain
    substring and the rest of the name matched right after it, at each occurrence in turn.
    """
    start = text.find(place)
    while start != -1:
        org = ORG_AFTER_PLACE.match(text, start + len(place))
        if org is not None and not _in_cited_title(text, start):
            return text[start:org.end()]
        start = text.find(place, start + 1)
    return None


# The mark of the office that issued a blank form (“涟源市财政局（制）” under the form's title, blind
# probe BC C2): that office drew the form, the unit filling it in is named elsewhere.
ISSUED_THE_FORM = re.compile(r"\s*(?:[（(]\s*(?:制|印制|制表|监制)\s*[）)]|制表|印制|监制)")


def _in_cited_title(text: str, at: int) -> bool:
    """Whether ``at`` is inside the title of a document the text cites (《滑县财政局关于开展2023年度
    项目支出绩效自评工作的通知》): the office named there issued that document, it does not report
    (blind probe AK a02)."""
    return text.rfind("《", 0, at) > text.rfind("》", 0, at)


def _labelled_unit(lines: list[_Line]) -> MetaValue | None:
    """The unit a form names under a label (“填报单位（盖章）：某县农村供水服务中心”, or a 实施单位
    cell followed by the name), by the order of UNIT_LABELS; the name must look like a unit."""
    found: dict[str, MetaValue] = {}
    for index, line in enumerate(lines):
        if line.text[:1] not in UNIT_LABEL_OPENINGS or (match := UNIT_LABEL.match(line.text)) is None:
            continue
        label, rest = match.groups()
        candidate = ORG_NAME.match(rest.strip()) if rest.strip() else None
        if candidate is None and not rest.strip() and index + 1 < len(lines):
            following = lines[index + 1]  # a form: the label cell, then the name cell beside it
            candidate = ORG_LINE.match(following.text)
            location = following.location
        else:
            location = line.location
        if candidate is not None and label not in found:
            found[label] = MetaValue(candidate.group(0), location)
    return next((found[label] for label in UNIT_LABELS if label in found), None)


def _report_kind(title: _Line | None) -> MetaValue | None:
    if title is None:
        return None
    for pattern, kind in KIND_RULES:
        if pattern.search(title.text):
            return MetaValue(kind, title.location)
    return MetaValue("other", title.location)


def _report_date(lines: list[_Line], title: _Line | None = None) -> MetaValue | None:
    """The date the report bears: a line that is only a date (“2024年5月30日”, “（2021年3月22日）”,
    “2024.5.30”), else a date under a label (“填报日期：2024年3月15日”), else a month alone at the
    end (``_month_signed``) or in brackets right under the title (``_month_under_title``). A table
    cell that is only a date is none of these: it is a 起止时间 or a 完成时间 (“2023年12月20日” in an
    indicator table), not the date the report was signed."""
    for line in lines:
        if line.location.table is None and (found := _whole_date(line)) is not None:
            return found
    for index, line in enumerate(lines):
        text = line.text
        if ("日" not in text or "日期" not in text) and ("间" not in text or "时间" not in text):
            continue  # the label words LABELLED_DATE needs, each by its rarer character first (ONE_CHARACTER)
        for match in LABELLED_DATE.finditer(line.text):
            if (found := _date_value(match, line)) is not None:
                return found
        if DATE_LABEL_ALONE.fullmatch(line.text) and index + 1 < len(lines):
            # a form: the label's cell, then the date's (an Excel date cell reads 2024-03-28)
            if (found := _whole_date(lines[index + 1])) is not None:
                return found
    return (_form_signature_date(lines) or _date_closing_a_form(lines) or _named_and_dated(lines)
            or _month_signed(lines) or _month_under_title(lines, title))


# A signature whose name and date a PDF's text layer ran into one line: “桂东县图书馆2023年3月28日”.
# The name's group comes first, so _date_value reads the date from the last three groups.
NAMED_DATE = re.compile(r"^(.{2,30}?)\s*" + DATE.pattern + "$")


def _named_and_dated(lines: list[_Line]) -> MetaValue | None:
    """The date of a closing line that is the unit's name (with its seal mark) and then the date,
    as a PDF gives the two signature lines of a Word report run together."""
    for line in _signature_lines(lines):
        text = line.text.strip()
        if "日" not in text or len(text) > TITLE_MAX_CHARS:
            continue
        match = NAMED_DATE.match(text)
        if match is not None and ORG_LINE.match(SEAL.sub("", match.group(1)).strip()):
            return _date_value(match, line)
    return None


def _month_under_title(lines: list[_Line], title: _Line | None) -> MetaValue | None:
    """A month alone in brackets on a line right under the title (“（2024年2月）”), where formal
    reports put their date, as an ISO date of month precision; brackets are required, since a bare
    month line there may be a heading."""
    if title is None:
        return None
    start = next((i for i, line in enumerate(lines) if line.location is title.location), None)
    if start is None:
        return None
    below = start + (1 if lines[start].text == title.text else 2)  # a title may take two lines
    if below >= len(lines) or lines[below].location.table is not None:
        return None
    text = lines[below].text.strip()
    if not (text[:1] in "（(" and text[-1:] in "）)"):
        return None
    return _month_value(text[1:-1].strip(), lines[below])


# A date label with nothing after it: the date is in the next cell.
DATE_LABEL_ALONE = re.compile(_DATE_LABEL)
# Labels of a form's signature row, beside which a date alone is the date the form was filled in.
SIGNATURE_ROW_LABELS = ("填报单位", "填报人", "填表人", "联系人", "单位负责人", "财务负责人", "审核人")


def _whole_date(line: _Line) -> MetaValue | None:
    """The date a line (a cell) holds and nothing else, in figures or words, perhaps in brackets:
    “2024年5月30日”, “（2021年3月22日）”, “2024.5.30”, “二〇二四年三月十五日”."""
    if "日" not in line.text:  # figures alone; the other forms end with 日, and most lines are
        # passed over without stripping
        if len(line.text) > DATE_LINE_MAX_CHARS:
            return None
        match = NUMERIC_DATE.fullmatch(line.text.strip("（）() "))
    else:
        text = line.text.strip("（）() ")
        if len(text) > DATE_LINE_MAX_CHARS:
            return None
        match = DATE.fullmatch(text) or CN_DATE.fullmatch(text)
    return _date_value(match, line) if match else None


def _form_signature_date(lines: list[_Line]) -> MetaValue | None:
    """A date alone in a cell of a form's signature row (“填报单位：某县教育局（盖章） | 2024年3月28日”):
    unlike a date cell elsewhere in a table (a 完成时间), it is the date the form bears."""
    rows = {(line.location.table, line.location.row) for line in lines
            if line.location.table is not None and line.text.startswith(SIGNATURE_ROW_LABELS)}
    if not rows:
        return None  # most reports: no form with a signature row, and no line to read again
    for line in lines:
        if (line.location.table, line.location.row) in rows and (found := _whole_date(line)) is not None:
            return found
    return None


# How near a form's end a date alone in its row must be to be the date the form bears.
FORM_END_ROWS = 3


def _date_closing_a_form(lines: list[_Line]) -> MetaValue | None:
    """A date alone in its row among the last rows of a table: where a form filled in as a
    spreadsheet is dated, under its 填表人 row or by itself (blind probe AN p03, d08). A date
    among other cells of a row (完成时间 | 2023年12月20日) is an indicator's."""
    cells_by_row: dict[tuple, list[_Line]] = {}
    last_row: dict[int, int] = {}
    for line in lines:
        where = line.location
        table, row = where.table, where.row
        if table is None or row is None:
            continue
        cells_by_row.setdefault((table, row), []).append(line)
        if row > last_row.get(table, 0):
            last_row[table] = row
    for (table, row), row_lines in cells_by_row.items():
        if len(row_lines) == 1 and row > last_row[table] - FORM_END_ROWS and (found := _whole_date(row_lines[0])):
            return found
    return None


def _month_signed(lines: list[_Line]) -> MetaValue | None:
    """The month of a signature that gives no day (“2024年2月” alone on its last lines), as an ISO
    date of month precision (“2024-02”); None when no such line closes the report.

    Only the report's last lines are read: a month alone on a line elsewhere is a heading or a
    table cell (“2023年12月”, a 完成时间), not the date the report bears."""
    for line in _signature_lines(lines):
        text = line.text.strip("（）() ")
        if len(text) > DATE_LINE_MAX_CHARS:
            continue
        if (found := _month_value(text, line)) is not None:
            return found
    return None


def _month_value(text: str, line: _Line) -> MetaValue | None:
    """“2024年2月” or “二〇二四年二月”, the whole ``text``, as “2024-02”; None for anything else."""
    match = YEAR_MONTH.fullmatch(text) or CN_YEAR_MONTH.fullmatch(text)
    if match is None:
        return None
    year, month = (int(g) if g.isdigit() else chinese_to_int(g) for g in match.groups())
    if year is None or month is None or not 1 <= month <= 12:
        return None
    return MetaValue(f"{year:04d}-{month:02d}", line.location)


def _date_value(match: re.Match[str], line: _Line) -> MetaValue | None:
    groups = [g for g in match.groups() if g is not None]  # NUMERIC_DATE has a month group per separator
    parts = [int(g) if g.isdigit() else chinese_to_int(g) for g in groups[-3:]]
    if None in parts:
        return None
    try:
        signed = date(*parts)  # 2月30日 is no date
    except ValueError:
        return None
    return MetaValue(signed.isoformat(), line.location)


def _grade(document: Document, lines: list[_Line], fiscal_year: int | None = None) -> MetaValue | None:
    """The grade the report gives itself: from a form's 等次 cell, else from the text, where a
    sentence about another year's evaluation (“上年度…评价等次为“优””) gives that year's grade."""
    subjects: list[str] | None = None  # the projects the tables name, found only if a table grades
    for index, table in enumerate(document.tables):
        found = _grade_in_table(table)
        if not found:
            continue
        subjects = subjects if subjects is not None else [table_subject(t) for t in document.tables]
        if subjects[index] and len({subject_key(subject) for subject in subjects} - {""}) > 1:
            continue  # one of several projects' forms (blind probe V v10): its grade is that project's
        return found
    # Both patterns below need 等次 or 等级: the few lines with one are searched, twice.
    naming_grades = [line for line in lines if _names_a_grade(line.text)]
    for line in naming_grades:
        if (match := _own_year_match(GRADE_IN_TEXT, line.text, fiscal_year)) is not None:
            return MetaValue(match.group(1), line.location)
    for line in naming_grades:
        if EVALUATION_WORDS.search(line.text) and (
                match := _own_year_match(GRADE_AFTER_WORD, line.text, fiscal_year)) is not None:
            return MetaValue(match.group(1), line.location)
    # The two patterns below are searched only in lines holding the words they need: 结 and 等 are
    # in most paragraphs of a report, 结果, 结论, 等次 and 等级 in few.
    for line in lines:
        text = line.text
        if (("果" in text and "结果" in text) or ("论" in text and "结论" in text)) and (
                match := _own_year_match(GRADE_AS_RESULT, line.text, fiscal_year)) is not None:
            return MetaValue(match.group(1), line.location)
    for line in lines:
        if _may_grade_before_word(line.text) and (
                match := _own_year_match(GRADE_BEFORE_WORD, line.text, fiscal_year)) is not None:
            return MetaValue(match.group(1) or match.group(2), line.location)
    return None


def _names_a_grade(text: str) -> bool:
    """Whether ``text`` holds 等次 or 等级, each asked for by its second character first
    (ONE_CHARACTER)."""
    return ("次" in text and "等次" in text) or ("级" in text and "等级" in text)


def _may_grade_before_word(text: str) -> bool:
    """Whether GRADE_BEFORE_WORD is asked of a line: one holding 评级, or 等 and the word after a
    grade (等次, 等级 or 档次) that the pattern needs. (A line with 档次 but no 等 is not asked.)
    Each word is asked for by a single character first (ONE_CHARACTER)."""
    if "评" in text and "评级" in text:
        return True
    return "等" in text and (_names_a_grade(text) or ("次" in text and "档次" in text))


# Words by which a sentence speaks of an earlier year's evaluation, or of this year's.
EARLIER_YEAR_WORDS = re.compile(r"上一?年度?|去年|前一年|以前年度|往年")
THIS_YEAR_WORDS = re.compile(r"本年度?|今年|当年")
GRADE_SENTENCE_BREAK = re.compile(r"[。！？!?；;]")


def _own_year_match(pattern: re.Pattern[str], text: str, fiscal_year: int | None) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` whose sentence, up to the match, is not about
    another year: the year named last before it is the fiscal year (or none is named), and no
    上年度/去年 comes after that (blind probe AP: “上年度部门整体支出绩效评价等次为“优”。…本单位
    2025年度自评得分88分，评价等次为“良”” is graded 良)."""
    examples = None  # worked out at the first match: most texts have none
    for match in pattern.finditer(text):
        examples = example_spans(text) if examples is None else examples
        if any(first <= match.start() < last for first, last in examples):
            continue  # “如“自评得分92分，等次为优””: a template's example (blind probe AU r06)
        starts = [found.end() for found in GRADE_SENTENCE_BREAK.finditer(text, 0, match.start())]
        before = text[starts[-1] if starts else 0 : match.start()]
        years = find_years(before)
        last_year = years[-1] if years else None
        earlier = [found.start() for found in EARLIER_YEAR_WORDS.finditer(before)]
        this_year = [found.start() for found in THIS_YEAR_WORDS.finditer(before)]
        if earlier and (not this_year or this_year[-1] < earlier[-1]) and (
                last_year is None or last_year[1][0] < earlier[-1]):
            continue  # “上年度…等次为“优””
        if last_year is not None and fiscal_year is not None and last_year[0] != fiscal_year and not (
                this_year and this_year[-1] > last_year[1][0]):
            continue  # “2024年度…等次为“优”” in a report on 2025
        return match
    return None


def _grade_in_table(table: Table) -> MetaValue | None:
    for cell in table.cells:
        if "等" not in cell.text:
            continue  # GRADE_LABEL needs 等次 or 等级 (removing whitespace adds no 等)
        label = WHITESPACE.sub("", cell.text)
        if not label or len(label) > 8 or not GRADE_LABEL.fullmatch(label):
            continue
        row = table.grid()[cell.row - 1]  # built at the first 等次 cell (most tables have none), then kept
        for col in range(cell.col + cell.col_span - 1, len(row)):
            neighbour = row[col]
            if neighbour is None or neighbour is cell:
                continue
            value = WHITESPACE.sub("", neighbour.text)
            if value in GRADE_WORDS:
                return MetaValue(value, neighbour.location)
            if value:
                break
    return None
