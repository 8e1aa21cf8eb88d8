"""Per-seed layout data for the corpus: table grids, merged cells and paragraph roles.

Where the data came from: a person read each seed text (``corpus/txt/<seed-id>.txt``, the text
extracted from the unit's original Word file) and wrote down what the text implies but cannot
show — how many grid columns a table has, which label cell spans which rows and columns, which
lines are titles and headings. Nothing here is computed; ``build_corpus.py`` only checks that the
data fits the seed (right number of cells, merged continuation cells empty in the seed, every
row as wide as the grid) and stops with a message when it does not.

Row specs. One string per seed table row, one token per seed cell of that row, left to right:

* ``N``   — a cell spanning N grid columns and one row (``1`` is a plain cell);
* ``NvM`` — a cell spanning N grid columns and M rows (the label of a vertical merge);
* ``^``   — the continuation of the vertical merge above it: the seed shows it as an empty cell
  (a line holding only a tab), and it takes the columns of the cell it continues.

So the 收入 header of seed 002, ``"1v2 1v2 5"`` then ``"^ ^ 1 1 1 1 1"``, says: 机构名称 and
收入合计 each span the two header rows, and 其中： spans the five income-source columns below it.

Paragraph roles. ``(seed line, role, the text the line starts with)``; the text is checked, so a
wrong line number fails loudly. Roles: ``title`` (centred, bold), ``title_newpage`` (the same,
starting a new page), ``center``, ``plain`` (no first-line indent), ``h1``/``h2``/``h3`` (Word
Heading 1–3). Every other non-empty line outside a table is body text. Headings were chosen by
their numbering (一、/（一）/1、) and, in seed 003, by the ``_Toc`` bookmarks Word left on them; in
seed 001 several headings lost their automatic numbers in extraction (单位基本情况, 项目支出情况,
国有资本经营预算支出情况 …) and are headings all the same.

Widths are relative column widths (in cm at the A4 text width of 14.64 cm); the builder scales
them to the page. They are a person's choice: the seeds do not record widths.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TableLayout:
    """The layout of one seed table (one run of tab lines in the seed)."""

    name: str
    widths: tuple[float, ...]
    rows: tuple[str, ...]
    header_rows: int = 0  # rows marked w:tblHeader (repeated at the top of each page)
    free_text: bool = False  # a report pasted into a cell: body-text formatting inside it
    centred_paragraphs: int = 0  # with free_text: leading paragraphs that are its title
    why: str = ""  # the reasoning behind the merges, for the README

    @property
    def grid_cols(self) -> int:
        return len(self.widths)


@dataclass(frozen=True, slots=True)
class SeedLayout:
    """Everything about one seed that a person decided by reading it."""

    seed_id: str
    sha256: str  # of corpus/txt/<seed_id>.txt, the text this data was written against
    title: str  # core property dc:title
    date: str  # ISO date for core properties created/modified and the zip entry times
    date_source: str
    roles: tuple[tuple[int, str, str], ...]
    tables: tuple[TableLayout, ...] = field(default=())


# --------------------------------------------------------------------------------------- 000

SEED_000 = SeedLayout(
    seed_id="000_7300f5264373c338",
    sha256="92470a24d45733ebe2312cc329598056ee0d74d8260263815f9f758e6c2410e2",
    title="邵东市库区移民事务中心2020年整体绩效自评报告",
    date="2021-03-31",
    date_source="assumed: the report states no date; end of March after the 2020 year",
    roles=(
        (1, "title", "邵东市库区移民事务中心2020年整体绩效"),
        (2, "title", "自 评 报 告"),
        (3, "plain", "市财政局："),
        (5, "h1", "一、单位基本概况"),
        (7, "h1", "二、单位整体支出绩效状况"),
        (9, "h2", "1、产业转型升级"),
        (12, "h2", "  2、放权管理服务"),
        (14, "h2", "3、用心用情用力"),
        (17, "h2", "4.提高资金效益"),
        (19, "h1", "三、存在的问题和原因"),
        (20, "h2", "1、工作经费不足"),
        (22, "h2", "2、规范管理力度仍需加大"),
        (24, "h1", "四、措施和请求"),
    ),
)

# --------------------------------------------------------------------------------------- 001

SEED_001 = SeedLayout(
    seed_id="001_c77a996d3d2046a2",
    sha256="544c3d2359520eaa0afde090bfbb4f714958a25a276e911ef93a1484bbce7a86",
    title="2023年度岳阳楼区库区移民服务中心整体支出绩效自评报告",
    date="2024-05-30",
    date_source="stated on the cover (2024年5月30日)",
    roles=(
        (1, "plain", "附件 5"),
        (2, "title", "2023年度岳阳楼区库区移民服务中心整体支出"),
        (4, "title", "绩效自评报告"),
        (6, "center", "部门（单位）名称："),
        (7, "center", "2024年5月30日"),
        # The cover ends here: the report proper starts on a new page, as cover pages do.
        (8, "title_newpage", "2023年度岳阳楼区库区移民服务中心"),
        (10, "title", "整体支出绩效自评报告"),
        (11, "h1", "单位基本情况"),
        (28, "h1", "二、 一般公共预算支出情况"),
        (29, "h2", "（一）基本支出情况"),
        (32, "h2", "项目支出情况"),
        (35, "h1", "三、政府性基金预算支出情况"),
        (38, "h1", "国有资本经营预算支出情况"),
        (41, "h1", "社会保险基金预算支出情况"),
        (44, "h1", "单位整体支出绩效情况"),
        (47, "h2", "（一）运行成本方面"),
        (49, "h3", "1、建立健全各项管理制度"),
        (53, "h3", "2、在职人员在编制控制范围内"),
        (57, "h3", "3、严格控制“三公”经费"),
        (61, "h2", "（二）管理效率方面"),
        (63, "h3", "预算执行率100%"),
        (67, "h3", "政府采购按程序和要求执行"),
        (71, "h2", "（三）履职效能和社会效应等方面"),
        (73, "h3", "1、突出项目抓产业"),
        (77, "h3", "2、久久为功抓培训"),
        (81, "h3", "3、围绕重点抓民生"),
        (85, "h3", "4、一线维稳抓信访"),
        (88, "h1", "七、存在的问题及原因分析"),
        (94, "h1", "下一步改进措施"),
        (100, "h1", "单位整体支出绩效自评结果拟应用和公开情况"),
        (104, "h1", "十、 其他需要说明的情况"),
    ),
)

# --------------------------------------------------------------------------------------- 002

# The whole 部门整体支出绩效自评表 is one run of tab lines in the seed, so it is one Word table.
# Its sections have 1 to 7 logical columns; the common grid is 7 columns (a wide first column
# for 机构名称 and the row labels, six equal columns), and narrower sections span grid columns:
#   基本概况 4 logical columns  -> 1 | 2 | 2 | 2        label/value rows -> 1 | 6
#   收入 / 支出 / 三公经费 7     -> 1 each
#   固定资产 5                   -> 1 | 1 | 2 | 2 | 1
#   定性目标 3                   -> 1 | 3 | 3
#   定量目标 6                   -> 1 | 1 | 1 | 2 | 1 | 1  (评价内容 spans 一级 + 二级: 2)
#   评价人员 4                   -> 1 | 2 | 2 | 2
_FORM_ROWS = (
    "7",  # 一、部门（单位）基本概况
    "1 2 2 2",  # 联系人 | 易 斌 | 联络电话 | 8864955
    "1 2 2 2",  # 人员编制 | 16 | 实有人数 | 15
    "1 6",  # 职能职责概述 | …
    "1 6",  # 年度主要工作内容 | 目标：指标1…指标5
    "1 6",  # 年度部门（单位）总体运行情况及取得的成绩 | …
    "7",  # 二、部门（单位）收支情况
    "7",  # 年度收入情况（万元）
    "1v2 1v2 5",  # 机构名称 | 收入合计 | 其中：
    "^ ^ 1 1 1 1 1",  # 上年结转 | 公共财政拨款 | 政府基金拨款 | 纳入专户管理的非税收入拨款 | 其他收入
    "1 1 1 1 1 1 1",  # 局机关及二级机构汇总 | 1371.04 | 0 | 220.58 | 1150.46 | 0 | 0
    "1 1 1 1 1 1 1",  # 1、局机关
    "1 1 1 1 1 1 1",  # 2、二级机构1 (empty cells)
    "1 1 1 1 1 1 1",  # 3、二级机构2 (empty cells)
    "7",  # 部门（单位）年度支出和结余情况（万元）
    "1v3 1v3 4 1v3",  # 机构名称 | 支出合计 | 其中： | 结余
    "^ ^ 1v2 2 1v2 ^",  # 基本支出 | 其中： | 项目支出
    "^ ^ ^ 1 1 ^ ^",  # 人员支出 | 公用支出
    "1 1 1 1 1 1 1",  # 局机关及二级机构汇总 | 1184.24 | 220.58 | 185.63 | 34.95 | 963.66 | 186.8
    "1 1 1 1 1 1 1",  # 1、局机关
    "1 1 1 1 1 1 1",  # 2、二级机构1
    "1 1 1 1 1 1 1",  # 3、二级机构2
    "1v2 1v2 5",  # 机构名称 | 三公经费 / 合计 | 其中：
    "^ ^ 1 1 1 1 1",  # 公务接待费 | 公务用车运维费 | 公务用车购置费 | 因公出国费 | 会议费
    "1 1 1 1 1 1 1",  # 局机关及二级机构汇总 | 3.12 | 3.12 | 0 | 0 | 0 | 0
    "1 1 1 1 1 1 1",  # 1、局机关
    "1 1 1 1 1 1 1",  # 2、二级机构1
    "1 1 1 1 1 1 1",  # 3、二级机构2
    "1v2 1v2 4 1v2",  # 机构名称 | 固定资产 / 合计 | 其中： | 其他
    "^ ^ 2 2 ^",  # 在用固定资产 | 出租固定资产
    "1 1 2 2 1",  # 局机关及二级机构汇总 | 20.83 | 20.83 | 0 | 0
    "1 1 2 2 1",  # 1、局机关
    "1 1 2 2 1",  # 2、二级机构1
    "1 1 2 2 1",  # 3、二级机构2
    "7",  # 三、部门（单位）整体支出绩效自评情况
    "1v2 3 3",  # 整体支出绩效定性目标及实施计划完成情况 | 预期目标 | 实际完成
    "^ 3 3",  # 指标1…指标5 | 各目标任务全部落实到位。
    "1v9 2 2 1 1",  # 整体支出 / 绩效定量目标及实施计划 / 完成情况 | 评价内容 | 绩效内容 | 绩效目标值 | 完成情况
    "^ 1v4 1 2 1 1",  # 产出目标 | 质量指标 | 对移民进行年检年审 | (empty target) | 100%
    "^ ^ 1 2 1 1",  # 质量指标 | 移民培训和产业扶持
    "^ ^ 1 2 1 1",  # 质量指标 | 移民打卡发放和资金拨付
    "^ ^ 1 2 1 1",  # 质量指标 | 帮扶解困及维稳工作。
    "^ 1v4 1 2 1 1",  # 效益目标 / （预期实现的效益） | 社会效益 | …
    "^ ^ 1 2 1 1",  # 经济效益
    "^ ^ 1 2 1 1",  # 生态效益
    "^ ^ 1 2 1 1",  # 社会公众或服务对象满意度
    "1 6",  # 绩效自评综合得分 | 98分
    "1 6",  # 评价等次 | 优秀
    "7",  # 四、评价人员
    "1 2 2 2",  # 姓  名 | 职务/职称 | 单  位 | 签  字
    "1 2 2 2",  # 刘吉浪 | 副局长 | 区移民局 | (empty signature)
    "1 2 2 2",  # 袁朝阳
    "1 2 2 2",  # 易斌
    "1 2 2 2",  # 付凯峰
    "7",  # 评价组组长（签字）： / 年 月 日
    "7",  # 部门（单位）意见： / 部门（单位）负责人（签字）： / 年 月 日
)

SEED_002 = SeedLayout(
    seed_id="002_4b892db86c619806",
    sha256="1f4377c4048bcbe5ea66972e5ea235e86516f2fcd85ec773aba3ef2dc008e58f",
    title="部门整体支出绩效自评表（岳阳楼区移民开发局）",
    date="2018-03-31",
    date_source="assumed: the form states no date; end of March after the 2017 report it holds",
    roles=(
        (1, "center", " 岳阳楼区财政局（制）"),
        (351, "plain", "填报人（签名）："),
    ),
    tables=(
        TableLayout(
            name="部门整体支出绩效自评表",
            widths=(3.0, 1.94, 1.94, 1.94, 1.94, 1.94, 1.94),
            rows=_FORM_ROWS,
            why=(
                "One continuous run of tab lines, so one table on a 7-column grid. Header cells whose "
                "seed row below holds an empty cell at the same place (机构名称, 收入合计, 支出合计, 结余, "
                "三公经费合计, 固定资产合计, 其他, 基本支出, 项目支出) are vertical merges; 其中： spans the "
                "columns of the cells listed under it (5 income sources; 基本+人员+公用+项目 = 4; 人员+公用 = 2; "
                "5 三公 items; 在用+出租). The data rows prove the column order: 1184.24 = 220.58 + 963.66 and "
                "220.58 = 185.63 + 34.95, so 人员/公用 sit under 基本支出's 其中：. In 定量目标, 评价内容 "
                "heads two columns (产出目标/效益目标 and 质量指标/社会效益 …); the row label spans all 9 rows "
                "(empty first cell in each); 产出目标 and 效益目标 each span their 4 rows. Single-cell rows "
                "span the grid. The empty 绩效目标值 and 签字 cells are real empty cells, not merges."
            ),
        ),
        TableLayout(
            name="2017年度部门整体支出绩效评价报告（粘贴在表格末格）",
            widths=(14.64,),
            rows=("1",),
            free_text=True,
            centred_paragraphs=3,
            why=(
                "The last tab line is followed only by single blank lines up to the end of the file: the "
                "2017 report was pasted into the form's last cell. Rebuilt as a one-row, one-column table "
                "whose paragraphs are the report's paragraphs (blank lines kept as empty paragraphs)."
            ),
        ),
    ),
)

# --------------------------------------------------------------------------------------- 003


# 表1-2 and 表2-1: 名称 | 一级指标 | 二级指标 | 三级指标 | 绩效目标 (| 实际完成指标值).
# The first data cell 绩效指标 spans all 18 indicator rows; 一级 产出 spans 12, 效益 5, 满意度 1;
# 二级 数量 5, 质量 2, 时效 3, 成本 2, 经济 1, 社会 2, 生态 2, 服务对象满意度 1.
def _indicator_rows(n_cols: int) -> tuple[str, ...]:
    rest = " 1" * (n_cols - 3)  # 三级指标, 绩效目标 (and 实际完成指标值)
    return (
        "1v18 1v12 1v5" + rest,  # 绩效指标 | 产出指标 | 数量指标 | 指标1：资金直补受益移民（人）
        "^ ^ ^" + rest,  # 指标2：移民美丽家园项目（个）
        "^ ^ ^" + rest,  # 指标3：生产开发及配套设施项目（个）
        "^ ^ ^" + rest,  # 指标4：培训移民劳动力（人次）
        "^ ^ ^" + rest,  # 指标5：其他项目（个）
        "^ ^ 1v2" + rest,  # 质量指标 | 指标1：培训合格率（%）
        "^ ^ ^" + rest,  # 指标2：项目（不含移民培训）验收合格率（%）
        "^ ^ 1v3" + rest,  # 时效指标 | 指标1：直补资金按时发放率（%）
        "^ ^ ^" + rest,  # 指标2：截至2022年底，2022年度计划项目资金完成率（%）
        "^ ^ ^" + rest,  # 指标3：截至2021年3月底，2022年度计划项目资金完成率（%）
        "^ ^ 1v2" + rest,  # 成本指标 | 指标1：直补资金标准符合率（%）
        "^ ^ ^" + rest,  # 指标2：项目支出控制在批复预算范围内的项目比例（%）
        "^ 1v5 1" + rest,  # 效益指标 | 经济效益 | 指标1：移民人均可支配收入…
        "^ ^ 1v2" + rest,  # 社会效益 | 指标1：非正常上访和交办的信访事件的处理率%
        "^ ^ ^" + rest,  # 指标2：统筹解决突出问题个数
        "^ ^ 1v2" + rest,  # 生态效益 | 指标1：建成美丽移民村（个）
        "^ ^ ^" + rest,  # 指标2：项目扶持受益移民村（不含建成美丽移民村）（个）
        "^ 1 1" + rest,  # 满意度 | 服务对象满意度 | 指标1：移民对后期扶持政策实施满意度（%）
    )


_INDICATOR_WHY = (
    "Every data row has 5 (表1-2) or 6 (表2-1) cells; an empty leading cell continues the label above "
    "it, so 绩效指标 (under 名称) spans all 18 indicator rows, 产出/效益 span their 12 and 5 rows, and "
    "数量/质量/时效/成本/社会/生态 span their indicator rows. 满意度 and 经济效益 are one row each. "
    "The seed's own inconsistencies are kept as they are (2022/2021 dates in a 2023 table; 120 "
    "target vs 123 in the text)."
)

SEED_003 = SeedLayout(
    seed_id="003_4125eea1ce7e0ef6",
    sha256="058bc2ad1e58c9554111d01339b56b53c88d3308791b4c45335f178ea1f8a165",
    title="岳阳县2023年度中央水库移民扶持基金绩效自评报告",
    date="2024-05-30",
    date_source="assumed from the text: reports were due at 岳阳市水利局 by 5月30日 2024",
    roles=(
        (1, "title", " 岳阳县2023年度中央水库移民扶持基金"),
        (2, "title", "绩效自评报告"),
        (5, "h1", "1、 项目安排和资金使用基本情况"),
        (6, "h2", "（1） 单位基本情况"),
        (9, "h2", "（二）中央下达中央水库移民扶持基金预算情况"),
        (51, "h2", "(二)省级分解下达预算和绩效目标情况"),
        (52, "h3", "1、 资金分配"),
        (79, "h3", "2、绩效目标"),
        (214, "h1", "二、绩效自评工作开展情况"),
        (215, "h2", "（一）前期准备"),
        (218, "h2", "（二）组织过程"),
        (223, "h2", "（三）分析评价"),
        (225, "h1", "三、绩效自评分析"),
        (226, "h2", "（一）资金情况分析"),
        (227, "h3", "1、资金到位情况分析"),
        (249, "h3", "2、 资金执行情况分析"),
        (251, "h3", "3、资金管理情况分析"),
        (267, "h2", "（二）绩效指标完成情况分析"),
        (268, "h3", "1、产出指标完成情况分析"),
        (274, "h3", "2、效益指标完成情况分析"),
        (278, "h3", "3、满意度指标分析"),
        (420, "h1", "四、偏离绩效目标原因和下一步改进措施"),
        (421, "h2", "（一）偏离绩效目标的原因分析"),
        (427, "h2", "（二）下一步改进措施"),
        (434, "h1", "五、综合评价结论"),
        (443, "h1", "6、 绩效自评结果拟应用和公开情况"),
        (445, "h1", "七、相关建议和意见"),
        (448, "h1", "八、其他需要说明的问题"),
        (449, "h2", "（一）、2023年，我县代表湖南省接受水利部稽察检查工作"),
        (452, "h2", "（二）2022年度中央水库移民扶持基金绩效评价整改情况"),
        (456, "h1", "九、附表"),
    ),
    tables=(
        TableLayout(
            name="表1-1 湖南省下达岳阳县2023年度中央水库移民扶持基金情况表",
            widths=(1.0, 5.6, 3.0, 2.0, 1.6, 1.44),
            rows=(
                "6",  # 表1-1  湖南省下达岳阳县2023年度中央水库移民扶持基金情况表
                "1 1 1 1 1 1",  # 序号 | 文件名 | 文号 | 发文时间 | 金额（万元） | 资金类型
                "1 1 1 1 1 1",  # 合计 | | | | 9914.42 |
                "1 1 1 1 1 1",  # 1 | …（第一批）的通知 | 湘财预〔2022〕292号 | 2022-12-2 | 1475 | 后扶基金
                "1 1 1 1 1 1",  # 2 | …（第二批）的通知 | 湘财农指〔2023〕25号 | 2023-7-14 | 2649 | 后扶基金
                "1 1 1 1 1 1",  # 3 | …（第一批）的通知 | 湘财农指〔2022〕87号 | 2022-12-2 | 5790.42 | 后扶基金
            ),
            header_rows=2,
            why=(
                "The caption is the table's first row, one cell spanning the 6 columns. The 合计 row has "
                "six cells in the seed (four of them empty), so 合计 is not merged across 文件名/文号/发文时间 "
                "— a horizontal merge would show once."
            ),
        ),
        TableLayout(
            name="资金分配（资金下达）",
            widths=(5.2, 4.0, 5.44),
            rows=(
                "1 1 1",  # 资金文号 | 下文日期 | 到位资金（万元）
                "1 1 1",  # 湘财预〔2022〕292号 | 2022-12-2 | 1475
                "1 1 1",  # 湘财农指〔2023〕25号 | 2023-7-14 | 2649
                "1 1 1",  # 湘财农指〔2022〕87号 | 2022-12-2 | 5790.42
            ),
            header_rows=1,
            why="A plain 3-column table; no merges.",
        ),
        TableLayout(
            name="表1-2 岳阳县2023年度绩效评价目标设定情况表",
            widths=(1.6, 1.6, 2.0, 7.04, 2.4),
            rows=("5", "1 1 1 1 1") + _indicator_rows(5),
            header_rows=2,
            why="The caption row spans the 5 columns. " + _INDICATOR_WHY,
        ),
        TableLayout(
            name="资金到位情况",
            widths=(5.2, 4.0, 5.44),
            rows=(
                "1 1 1",  # 资金文号 | 下文日期 | 到位资金（万元）
                "1 1 1",  # 湘财预〔2022〕292号 | 2022-12-2 | 1475
                "1 1 1",  # 湘财农指〔2023〕25号 | 2023-7-14 | 2649
                "1 1 1",  # 湘财农指〔2022〕87号 | 2022-12-2 | 5790.42
                "1 1 1",  # 合计 | | 9914.42
            ),
            header_rows=1,
            why="A plain 3-column table; the 合计 row has an empty 下文日期 cell (three cells in the seed).",
        ),
        TableLayout(
            name="表2-1 岳阳县2023年度绩效目标实际完成情况",
            widths=(1.5, 1.5, 1.9, 6.14, 1.8, 1.8),
            rows=("1 1 1 1 1 1",) + _indicator_rows(6),
            header_rows=1,
            why=(
                "No caption row (the caption is the paragraph before it). Same layout as 表1-2 plus the "
                "实际完成指标值 column. " + _INDICATOR_WHY
            ),
        ),
    ),
)

# --------------------------------------------------------------------------------------- 004

SEED_004 = SeedLayout(
    seed_id="004_595fe22f084a2b2d",
    sha256="7de10d166ac3d0696e40f4c74785263240ccebb5cd1dc2219a97f43779dae747",
    title="永兴县扶贫开发办公室2020年度部门整体支出绩效自评报告",
    date="2021-03-22",
    date_source="stated in the report (2021年3月22日)",
    roles=(
        (1, "title", "永兴县扶贫开发办公室"),
        (2, "title", "2020年度部门整体支出绩效自评报告"),
        (3, "center", "（2021年3月22日）"),
        (5, "h1", "一、部门概况"),
        (6, "h2", "(一)职能职责"),
        (15, "h2", "（二）部门组织机构及人员情况"),
        (17, "h1", "二、一般公共预算支出情况"),
        (19, "h2", "(一)基本支出情况"),
        (21, "h2", "（二）项目支出情况"),
        (23, "h1", "三、政府性基金预算支出情况"),
        (25, "h1", "四、国有资本经营预算支出情况"),
        (27, "h1", "五、社会保险基金预算支出情况"),
        (29, "h1", "六、部门整体支出绩效情况"),
        (30, "h2", "（一）预算配置情况"),
        (34, "h2", "（二）预算执行情况"),
        (36, "h2", "（三）预算管理"),
        (40, "h2", "（四）预算支出绩效"),
        (49, "h1", "七、存在的问题和改进的方向"),
        (52, "h1", "八、绩效自评结果拟应用和公开情况"),
        # The signature lines keep their leading spaces, as typed: left-aligned, no indent.
        (55, "plain", "                     永兴县扶贫开发办公室"),
        (56, "plain", "                       2021年3月22日"),
    ),
)

SEEDS: tuple[SeedLayout, ...] = (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004)
