"""The rule engine: one rule = one id, one function, one docstring, in one explicit list.

A rule function takes the report's ``CheckInput`` and its ``RuleSettings`` and yields ``Flag``s
(message, evidence, locations, values); the engine stamps them with the rule's id, kind and the
configured severity. A rule's docstring is its user documentation, in Chinese since auditors read
it: a one-line summary, then the parts named in ``DOC_PARTS`` in that order, each starting a line
with its heading and a full-width colon (“检查内容：…”) — what it checks, why it matters, an
example that is flagged, the near miss that is not, its limits. ``pipeline.py rules`` and the
README's rule list are printed from these parts; ``doc_problems`` says what a docstring lacks.

A rule that raises is reported as one internal-error finding for that report, never a crash.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from dataclasses import field
from decimal import Decimal
from typing import Callable, Iterable

from checks.model import CheckInput, Finding, Severity
from extract.model import Location
from extract.records import record


@record
class Flag:
    """What a rule reports; the engine adds id, kind and severity."""

    message: str
    evidence: tuple[str, ...]
    locations: tuple[Location, ...]
    values: dict[str, str] = field(default_factory=dict)
    severity: Severity | None = None  # a rule may lower its default for a weaker case


@record
class RuleSettings:
    """A rule's configured severity, its tolerances and the standards it compares with."""

    enabled: bool = True
    severity: Severity = "warning"
    tolerances: dict[str, Decimal] = field(default_factory=dict)
    standards: dict[str, Decimal] = field(default_factory=dict)

    def tolerance(self, name: str, default: Decimal) -> Decimal:
        return self.tolerances.get(name, default)

    def standard(self, name: str, default: Decimal) -> Decimal:
        return self.standards.get(name, default)


RuleFunction = Callable[[CheckInput, RuleSettings], Iterable[Flag]]

# The headings of a rule docstring's parts, in their order: what it checks, why it matters, an
# example that is flagged, a near miss that is not, its limits.
DOC_PARTS: tuple[str, ...] = ("检查内容", "为何重要", "触发示例", "不触发示例", "局限")
_PART_START = re.compile(rf"^({'|'.join(DOC_PARTS)})：")
# An English word in running text (identifiers such as spent_total_wan or GRADE_BANDS, and
# acronyms, are not words here).
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z0-9_.-])[A-Za-z][a-z]+(?![A-Za-z0-9_.])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@record
class Rule:
    id: str
    kind: str
    severity: Severity
    function: RuleFunction

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    @property
    def parts(self) -> dict[str, str]:
        """The docstring's parts by heading, each as one line of text."""
        return dict(_split_doc(self.doc)[0])


def doc_problems(rule: Rule) -> list[str]:
    """What keeps ``rule``'s docstring from being its documentation; empty when nothing does."""
    lines = rule.doc.splitlines()
    if not lines or not lines[0].strip():
        return ["no summary line"]
    problems = [] if _is_chinese(lines[0]) else [f"summary not in Chinese: {lines[0]!r}"]
    parts, stray = _split_doc(rule.doc)
    problems.extend(f"text outside the parts: {line!r}" for line in stray)
    headings = tuple(heading for heading, _ in parts)
    if headings != DOC_PARTS:
        problems.append(f"parts {headings}, expected {DOC_PARTS} in that order, each once")
    for heading, text in parts:
        if not text:
            problems.append(f"{heading} is empty")
        elif not _is_chinese(text):
            problems.append(f"{heading} not in Chinese: {text[:60]!r}")
    return problems


def _split_doc(doc: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(heading, text) of each part after the summary line, the part's lines joined; and the
    lines that come before the first part."""
    parts: list[tuple[str, list[str]]] = []
    stray: list[str] = []
    for line in doc.splitlines()[1:]:
        line = line.strip()
        start = _PART_START.match(line)
        if start:
            parts.append((start.group(1), [line[start.end():].strip()]))
        elif not line:
            continue
        elif parts:
            parts[-1][1].append(line)
        else:
            stray.append(line)
    return [(heading, join_lines(lines)) for heading, lines in parts], stray


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one line: joined directly, as Chinese is written without spaces, but with a
    space where neither side is Chinese (“3183.29 +” and “927.54”, “÷” and “6400.32”)."""
    text = ""
    for line in lines:
        if not line:
            continue
        if text and not _chinese_char(text[-1]) and not _chinese_char(line[0]):
            text += " "
        text += line
    return text


def _chinese_char(char: str) -> bool:
    """A character of Chinese text: a full-width one, or Chinese punctuation of ambiguous width."""
    return unicodedata.east_asian_width(char) in "WF" or char in "“”‘’…—"


def _is_chinese(text: str) -> bool:
    """Chinese text: Chinese characters and no English word (quotes, numbers, identifiers allowed)."""
    return bool(_CJK.search(text)) and not _ENGLISH_WORD.search(text)


def run_rules(rules: Iterable[Rule], check_input: CheckInput, settings: dict[str, RuleSettings]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        rule_settings = settings.get(rule.id)
        if rule_settings is None:  # not built as get's default: a run configures every rule
            rule_settings = RuleSettings(severity=rule.severity)
        if not rule_settings.enabled:
            continue
        try:
            flags = list(rule.function(check_input, rule_settings))
        except Exception as exc:  # one broken rule must not lose the other findings
            findings.append(
                Finding(rule.id, rule.kind, "info", f"规则{rule.id}执行出错，已跳过（技术细节：{type(exc).__name__}: {exc}）",
                        (), (), {})
            )
            continue
        for flag in flags:
            severity = _weaker(flag.severity, rule_settings.severity) if flag.severity else rule_settings.severity
            findings.append(
                Finding(rule.id, rule.kind, severity, flag.message, flag.evidence, flag.locations, flag.values)
            )
    return _without_repeats(findings)


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    """One finding per problem: a later finding of the same kind on exactly the same cells says
    what an earlier rule already said (a 三公 合计 that its parts do not make is both a catalogue
    identity, JX102, and a table total, JX103); the auditor gets the first rule's, in rule order."""
    seen: set[tuple] = set()
    kept: list[Finding] = []
    for finding in findings:
        places = frozenset(_place(location) for location in finding.locations)
        key = (finding.kind, places)
        if places and key in seen:
            continue
        seen.add(key)
        kept.append(finding)
    return kept


def _place(location) -> tuple:
    """Where a location points, without its quote: the same cell read by two rules is one place."""
    return (location.file, location.page, location.paragraph, location.line, location.table, location.row,
            location.col, location.char_start, location.char_end)


def _weaker(a: Severity, b: Severity) -> Severity:
    order = ("error", "warning", "info")
    return order[max(order.index(a), order.index(b))]
