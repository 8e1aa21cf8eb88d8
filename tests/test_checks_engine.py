"""The rule engine, its configuration and the rules of checks/ranges.py and checks/conflicts.py."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import pipeline
from checks.config import ConfigError, load_settings, settings_hash
from checks.registry import DOC_PARTS, Flag, Rule, RuleSettings, doc_problems, run_rules
from checks.rules import ALL_RULES, RULES_BY_ID
from checks.tolerance import decimals_of, explain_slip, rounding_of
from extract.readers import read_document
from seed_checks import txt_table


def analyse_text(tmp_path: Path, text: str):
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return pipeline.analyse(read_document(path))


def flags_of(tmp_path: Path, text: str, rule_id: str):
    analysis = analyse_text(tmp_path, text)
    rule = RULES_BY_ID[rule_id]
    return run_rules([rule], analysis.check_input, {rule_id: RuleSettings(severity=rule.severity)})


TITLE = "某县水利局2023年度部门整体支出绩效自评报告\n"


@pytest.mark.parametrize(
    ("text", "rule_id", "count"),
    [
        # out_of_range: a control rate above 100%, and the near miss at exactly 100%
        (TITLE + "核定编制5名，在职人数为13人，在职人员控制率为260%。\n", "JX401", 1),
        (TITLE + "核定编制13名，在职人数为13人，在职人员控制率为100%。\n", "JX401", 0),
        (TITLE + "全年预算数500万元，执行数520万元，预算执行率104%。\n", "JX401", 1),
        # staff over quota without a stated rate; near miss: under quota
        (TITLE + "核定全额事业编制17人，实际在岗人员18人。\n", "JX402", 1),
        (TITLE + "核定全额事业编制17人，实际在岗人员16人。\n", "JX402", 0),
        # grade vs score bands; near misses on the band edges
        (TITLE + "绩效自评得分85分，评价等次为优。\n", "JX450", 1),
        (TITLE + "绩效自评得分90分，评价等次为优。\n", "JX450", 0),
        (TITLE + "绩效自评得分89.5分，评价等次为良。\n", "JX450", 0),
        (TITLE + "绩效自评得分59分，评价等次为中。\n", "JX450", 1),
        # a negative amount or count; near misses: changes written as such
        (TITLE + "全年项目支出-5.2万元。\n", "JX403", 1),
        (TITLE + "全年完成门诊诊疗-23,415人次，住院病人1,126人次。\n", "JX403", 1),  # blind probe P p07
        (TITLE + "全年完成门诊诊疗23,415人次，较上年-230人次。\n", "JX403", 0),
        (TITLE + "在职人员增减-2人。\n", "JX403", 0),
        # scores above 100; near miss 100
        (TITLE + "绩效自评得分102分。\n", "JX404", 1),
        (TITLE + "绩效自评得分100分。\n", "JX404", 0),
        # one quantity two values; near misses: same value twice, and different years
        (TITLE + "核定编制13人。\n在职全额编制10人。\n", "JX601", 1),
        (TITLE + "核定编制13人。\n编制数13人。\n", "JX601", 0),
        (TITLE + "2023年度“三公”经费预算为1.14万元，2022年度“三公”经费预算为1.93万元。\n", "JX601", 0),
    ],
)
def test_rule_cases(tmp_path: Path, text: str, rule_id: str, count: int) -> None:
    assert len(flags_of(tmp_path, text, rule_id)) == count


def test_messages_carry_the_real_values(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, TITLE + "核定编制5名，在职人数为13人，在职人员控制率为260%。\n", "JX401")
    assert "260%" in flag.message and flag.severity == "error"
    assert any("260%" in quote for quote in flag.evidence)
    assert flag.locations[0].line == 2


# A report that states its own grade bands (blind test: a 常德 project report graded 87 优秀 was
# told 87 should be 良). Under these bands 85 and up is 优秀, 75 to 84 良好, 60 to 74 合格.
PROJECT_TITLE = "常德市某区农业农村局2023年度高标准农田建设项目支出绩效自评报告\n"
CHANGDE_BANDS = ("根据《常德市财政支出绩效评价结果应用管理办法》，评价结果分为优秀（85分及以上）、良好（75分至84分）、"
                 "合格（60分至74分）、不合格（60分以下）四个等次。")


def test_a_grade_by_the_reports_own_bands_is_not_flagged(tmp_path: Path) -> None:
    """87 is 优秀 under the bands the report states (85分及以上), though 良 under the national ones."""
    text = PROJECT_TITLE + CHANGDE_BANDS + "本项目自评得分87分，评价等次为优秀。\n"
    check_input = analyse_text(tmp_path, text).check_input
    assert (check_input.values.chosen["self_score"].value, check_input.metadata.grade.value) == (87, "优秀")
    assert flags_of(tmp_path, text, "JX450") == []


def test_a_grade_against_the_reports_own_bands_names_them(tmp_path: Path) -> None:
    """78 is 良好 under the report's bands (75分至84分), not 优秀: the message says by which bands,
    and the flag points at the sentence that states them."""
    text = PROJECT_TITLE + CHANGDE_BANDS + "本项目自评得分78分，评价等次为优秀。\n"
    [flag] = flags_of(tmp_path, text, "JX450")
    assert "报告所写" in flag.message and "“优秀（85分及以上）”" in flag.message
    assert "“良好（75分至84分）”" in flag.message and "应为“良好”" in flag.message
    assert "按标准" not in flag.message
    assert CHANGDE_BANDS in flag.evidence
    assert any(loc.line == 2 and loc.char_end == len(CHANGDE_BANDS) for loc in flag.locations)


def test_without_stated_bands_the_national_bands_hold(tmp_path: Path) -> None:
    [flag] = flags_of(tmp_path, PROJECT_TITLE + "本项目自评得分87分，评价等次为优秀。\n", "JX450")
    assert "按标准应为“良”" in flag.message
    assert all(loc.line == 2 for loc in flag.locations)


@pytest.mark.parametrize(
    ("bands", "result", "said"),
    [
        # 分（含）: 86 is 优 under 85（含）以上 (the national bands would say 良)
        ("85分（含）以上为优，75（含）-85分为良，60（含）-75分为中，60分以下为差。", "自评得分86分，评价等次为优。", None),
        # 至, with 总分…以上 and 分(含): 78 is 良 (nationally 中)
        ("总分85分以上为“优”，75分(含)至85分为“良”，60分(含)至75分为“中”，60分以下为“差”。", "自评得分78分，评价等次为良。", None),
        # —, bands one sentence each (split at ；): 76 is 良 (nationally 中)
        ("85分以上为优；75—84分为良；60—74分为中；60分以下为差。", "自评得分76分，评价等次为良。", None),
        # ≥ and 至…9分: stricter bands than the national ones, 92 is 良, not 优
        ("≥95分为优，85分至94.9分为良，60分至84.9分为中，60分以下为差。", "自评得分92分，评价等次为优。", "按报告所写的等次档次"),
        # the boundary the lower band says it holds: 90 is 良
        ("90分以上（不含90分）为优，80-90分（含90分）为良，60-80分为中，60分以下为差。", "自评得分90分，评价等次为良。", None),
        # the bands as a list, one paragraph each, the grade first
        ("评价等次划分如下：\n优：85分及以上；\n良：75-84分；\n中：60-74分；\n差：60分以下。", "自评得分86分，评价等次为优。", None),
        # incomplete (no 中 or 差): the national bands, 87 is 良
        ("85分以上为优，75-85分为良。", "自评得分87分，评价等次为优。", "按标准应为“良”"),
        # overlapping (良 reaches 88): the national bands
        ("85分以上为优，75-88分为良，60-75分为中，60分以下为差。", "自评得分87分，评价等次为优。", "按标准应为“良”"),
        # a gap (nothing from 60 to 70): the national bands
        ("85分以上为优，75-85分为良，70-75分为中，60分以下为差。", "自评得分87分，评价等次为优。", "按标准应为“良”"),
    ],
    ids=["han", "zhi", "dash", "stricter", "boundary-held-below", "list-grade-first",
         "incomplete", "overlap", "gap"],
)
def test_grade_bands_the_report_states(tmp_path: Path, bands: str, result: str, said: str | None) -> None:
    """``said``: None where the grade fits, else the words that say by which bands it does not."""
    text = TITLE + bands + "\n经自评，本单位" + result + "\n"
    check_input = analyse_text(tmp_path, text).check_input
    score, grade = check_input.values.chosen["self_score"], check_input.metadata.grade
    assert (f"得分{score.raw}，评价等次为{grade.value}。") in result  # the stated ones, not a band's
    flags = run_rules([RULES_BY_ID["JX450"]], check_input, {"JX450": RuleSettings(severity="warning")})
    assert [said in flag.message for flag in flags] == ([] if said is None else [True])


INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")


@pytest.mark.parametrize(
    ("row", "rule_id", "count"),
    [
        (("产出指标", "数量指标", "改造处数", "12处", "12处", "10", "12"), "JX404", 1),
        (("产出指标", "数量指标", "改造处数", "12处", "12处", "10", "10"), "JX404", 0),  # near miss
        (("产出指标", "质量指标", "资金按时发放率", "100%", "105%", "10", "10"), "JX405", 1),
        (("产出指标", "质量指标", "资金按时发放率", "100%", "100%", "10", "10"), "JX405", 0),  # near miss
        (("产出指标", "时效指标", "问题整改按时完成率", "100%", "104%", "10", "10"), "JX405", 1),
        # an income or a plan may be exceeded (blind probe P p11): a bare 完成率 is no share
        (("效益指标", "经济效益", "医疗收入完成率", "≥100%", "103.2%", "10", "10"), "JX405", 0),
    ],
)
def test_indicator_rows_out_of_range(tmp_path: Path, row: tuple[str, ...], rule_id: str, count: int) -> None:
    assert len(flags_of(tmp_path, TITLE + txt_table(INDICATOR_HEADER, row), rule_id)) == count


@pytest.mark.parametrize(
    ("row", "rule_id", "columns"),
    [
        (("产出指标", "数量指标", "改造处数", "12处", "12处", "10", "12"), "JX404", [3, 7, 6]),
        (("产出指标", "质量指标", "资金按时发放率", "100%", "105%", "10", "10"), "JX405", [3, 5]),
    ],
)
def test_indicator_flags_point_at_the_cells_they_quote(
    tmp_path: Path, row: tuple[str, ...], rule_id: str, columns: list[int]
) -> None:
    """The name cell, then the very cells the message quotes (得分 and 分值; 实际完成值)."""
    [flag] = flags_of(tmp_path, TITLE + txt_table(INDICATOR_HEADER, row), rule_id)
    assert [loc.col for loc in flag.locations] == columns
    assert [loc.quote for loc in flag.locations] == [row[col - 1] for col in columns]
    assert list(flag.evidence) == [row[col - 1] for col in columns]


def test_rule_ids_follow_the_families() -> None:
    families = {"sum_mismatch": "1", "rate_mismatch": "2", "standard_mismatch": "2", "year_mismatch": "3",
                "date_conflict": "3", "out_of_range": "4", "grade_score_conflict": "4", "target_missed": "5",
                "text_table_conflict": "6"}
    for rule in ALL_RULES:
        assert rule.id.startswith("JX") and len(rule.id) == 5
        assert rule.id[2] == families[rule.kind], rule


def test_every_rule_is_documented_in_chinese() -> None:
    """Auditors read the rule list: a Chinese summary, then every part, in order, non-empty, Chinese."""
    for rule in ALL_RULES:
        assert doc_problems(rule) == [], rule.id
        assert list(rule.parts) == list(DOC_PARTS)
        assert all(rule.parts.values()) and rule.summary


def _rule_documented(doc: str) -> Rule:
    def function(inp, settings):
        return ()

    function.__doc__ = doc
    return Rule("JX499", "out_of_range", "error", function)


def test_a_rule_documentation_that_lacks_a_part_or_is_in_english_is_refused() -> None:
    good = """报告所写的控制率超过100%。

    检查内容：在职人员控制率大于100%即报告。
    为何重要：超过100%意味着超编。
    触发示例：“在职人员控制率为 260 %”（编制5名，在职13人）。
    不触发示例：“在职人员控制率77%”。
    局限：只检查汇总数值（reports.csv 的 staff_control_rate_pct 列）。
    """
    assert doc_problems(_rule_documented(good)) == []
    assert _rule_documented(good).parts["触发示例"] == "“在职人员控制率为 260 %”（编制5名，在职13人）。"
    english = """A stated control rate above 100%.

    What it checks: the 在职人员控制率 above 100%.
    Why: above 100% the unit employs beyond its quota.
    Fails: “在职人员控制率为 260 %”.
    Passes: “在职人员控制率77%”.
    Limits: only the catalogue rate.
    """
    assert len(doc_problems(_rule_documented(english))) > 2
    mixed = good.replace("超过100%意味着超编。", "above 100% the unit employs beyond its quota.")
    assert doc_problems(_rule_documented(mixed)) == ["为何重要 not in Chinese: 'above 100% the unit employs beyond its quota.'"]
    missing = good.replace("    局限：只检查汇总数值（reports.csv 的 staff_control_rate_pct 列）。\n", "")
    assert doc_problems(_rule_documented(missing))
    empty = good.replace("不触发示例：“在职人员控制率77%”。", "不触发示例：")
    assert doc_problems(_rule_documented(empty)) == ["不触发示例 is empty"]
    swapped = good.replace("触发示例：", "X：").replace("不触发示例：", "触发示例：").replace("X：", "不触发示例：")
    assert doc_problems(_rule_documented(swapped))
    assert doc_problems(_rule_documented("")) == ["no summary line"]


def test_wrapped_documentation_lines_are_joined_as_chinese_is_written() -> None:
    rule = _rule_documented("""合计不符。

    检查内容：总数取“其中”之前最后一个
    同类数字（3183.29 +
    927.54 = 4110.83 ÷
    2）。
    为何重要：甲。
    触发示例：乙。
    不触发示例：丙。
    局限：丁。
    """)
    assert rule.parts["检查内容"] == "总数取“其中”之前最后一个同类数字（3183.29 + 927.54 = 4110.83 ÷ 2）。"


def test_a_failing_rule_is_one_info_finding_not_a_crash(tmp_path: Path) -> None:
    def broken(inp, settings):
        raise ValueError("boom")
        yield Flag("", (), ())

    analysis = analyse_text(tmp_path, TITLE)
    [finding] = run_rules([Rule("JX499", "out_of_range", "error", broken)], analysis.check_input, {})
    assert finding.severity == "info" and "JX499" in finding.message


def test_the_same_problem_found_by_two_rules_is_reported_once(tmp_path: Path) -> None:
    """Same kind on the same cells: the first rule's finding only; another kind or other cells stay."""
    from extract.model import Location

    total, part = Location(file="r.docx", table=1, row=2, col=2), Location(file="r.docx", table=1, row=3, col=2)
    other = Location(file="r.docx", table=1, row=4, col=2)

    def flagging(message: str, *locations: Location):
        def rule(inp, settings):
            yield Flag(message, (), locations)
        return rule

    rules = [
        Rule("JX102", "sum_mismatch", "error", flagging("identity", total, part)),
        Rule("JX103", "sum_mismatch", "warning", flagging("table total", part, total)),  # same cells
        Rule("JX104", "sum_mismatch", "error", flagging("other cells", total, other)),
        Rule("JX601", "text_table_conflict", "warning", flagging("another kind", total, part)),
    ]
    analysis = analyse_text(tmp_path, TITLE)
    found = run_rules(rules, analysis.check_input, {})
    assert [(f.rule_id, f.message) for f in found] == [
        ("JX102", "identity"), ("JX104", "other cells"), ("JX601", "another kind"),
    ]


def test_the_rules_listing_names_kinds_and_severities_in_chinese(capsys) -> None:
    assert pipeline.main(["rules"]) == pipeline.EXIT_OK
    listing = capsys.readouterr().out
    assert "JX401  数值异常（out_of_range）  严重程度：错误（error）" in listing
    assert f"共 {len(ALL_RULES)} 条规则" in listing
    lines = listing.splitlines()
    for heading in DOC_PARTS:
        assert sum(line.startswith(f"    {heading}：") for line in lines) == len(ALL_RULES), heading


def test_the_listing_wraps_the_documentation_without_losing_a_character() -> None:
    from export.show import display_width, wrap_display

    for rule in ALL_RULES:
        for text in rule.parts.values():
            lines = wrap_display(text, 60)
            assert "".join(lines).replace(" ", "") == text.replace(" ", ""), rule.id
            assert all(display_width(line) <= 64 for line in lines), rule.id  # 60 + a closing mark or two
            assert not any(line[0] in "，。、；：）”" for line in lines[1:]), rule.id


def test_config_overrides_and_refuses_typos(tmp_path: Path) -> None:
    config = tmp_path / "rules.toml"
    config.write_text(
        '[rules.JX401]\nseverity = "warning"\n[rules.JX601]\nenabled = false\n'
        '[rules.JX402.tolerances]\nstaff = 0.5\n[standards]\ndirect_subsidy_yuan_per_person_year = 800\n',
        encoding="utf-8",
    )
    settings = load_settings(config, list(ALL_RULES))
    assert settings["JX401"].severity == "warning"
    assert settings["JX601"].enabled is False
    assert settings["JX402"].tolerances["staff"] == Decimal("0.5")
    assert settings["JX450"].standards["direct_subsidy_yuan_per_person_year"] == Decimal(800)
    assert settings_hash(settings) != settings_hash(load_settings(None, list(ALL_RULES)))
    for bad in ('[rules.JX999]\nenabled = false\n', '[rules.JX401]\nseverity = "fatal"\n',
                '[rules.JX401]\nenabeld = false\n', '[standards]\nunknown = 1\n', 'not toml ==='):
        config.write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError):
            load_settings(config, list(ALL_RULES))


def test_disabled_rule_does_not_run_in_a_batch(tmp_path: Path) -> None:
    report = tmp_path / "in" / "r.txt"
    report.parent.mkdir()
    report.write_text(TITLE + "核定编制5名，在职人数为13人，在职人员控制率为260%。\n", encoding="utf-8")
    config = tmp_path / "rules.toml"
    config.write_text("[rules.JX401]\nenabled = false\n", encoding="utf-8")
    assert pipeline.main(["run", str(report.parent), "--out", str(tmp_path / "out"), "--rules", str(config)]) == 0
    flags = (tmp_path / "out" / "flags.csv").read_text(encoding="utf-8-sig")
    assert "JX401" not in flags


@pytest.mark.parametrize(("raw", "places", "half"), [("61.92%", 2, "0.005"), ("93%", 0, "0.5"), ("1,234.5万元", 1, "0.05")])
def test_tolerance_from_written_precision(raw: str, places: int, half: str) -> None:
    assert decimals_of(raw) == places
    assert rounding_of(raw) == Decimal(half)


def test_unit_slip_is_named() -> None:
    assert "元与万元" in explain_slip(Decimal("21766200"), Decimal("2176.62"))
    assert explain_slip(Decimal("61.92"), Decimal("61.89")) == ""
