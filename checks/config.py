"""Rule configuration: defaults in the code, overrides from a TOML file (``--rules FILE``).

    [rules.JX201]            # by id
    enabled = true
    severity = "warning"
    [rules.JX201.tolerances]
    rate_pct = 0.1           # percentage points on top of the report's own rounding

    [standards]
    direct_subsidy_yuan_per_person_year = 600

Unknown rule ids, severities or keys are refused with a Chinese message, so a typo never silently
switches a rule off.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from checks.model import SEVERITIES
from checks.registry import Rule, RuleSettings

# Standards the rules compare with, by name; the defaults are national rules written into the
# reports themselves (大中型水库移民后期扶持: 600元/人/年, 国发〔2006〕17号).
DEFAULT_STANDARDS: dict[str, Decimal] = {
    "direct_subsidy_yuan_per_person_year": Decimal("600"),
}


class ConfigError(ValueError):
    """The rules file cannot be used; the message says why, in Chinese."""


def default_settings(rules: list[Rule]) -> dict[str, RuleSettings]:
    return {rule.id: RuleSettings(severity=rule.severity, standards=dict(DEFAULT_STANDARDS)) for rule in rules}


def load_settings(path: Path | None, rules: list[Rule]) -> dict[str, RuleSettings]:
    settings = default_settings(rules)
    if path is None:
        return settings
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取规则配置文件 {path}（技术细节：{exc}）") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"规则配置文件 {path} 格式错误（技术细节：{exc}）") from exc
    unknown = set(data) - {"rules", "standards"}
    if unknown:
        raise ConfigError(f"规则配置文件中有无法识别的部分：{'、'.join(sorted(unknown))}")
    standards = dict(DEFAULT_STANDARDS)
    for name, value in data.get("standards", {}).items():
        if name not in DEFAULT_STANDARDS:
            raise ConfigError(f"未知的标准名称：{name}（可用：{'、'.join(DEFAULT_STANDARDS)}）")
        standards[name] = _decimal(value, f"standards.{name}")
    for rule_id, current in settings.items():
        settings[rule_id] = replace(current, standards=standards)
    for rule_id, options in data.get("rules", {}).items():
        if rule_id not in settings:
            raise ConfigError(f"规则配置文件中的规则编号 {rule_id} 不存在")
        settings[rule_id] = _apply(settings[rule_id], options, rule_id)
    return settings


def _apply(current: RuleSettings, options: dict, rule_id: str) -> RuleSettings:
    unknown = set(options) - {"enabled", "severity", "tolerances"}
    if unknown:
        raise ConfigError(f"规则 {rule_id} 的配置项无法识别：{'、'.join(sorted(unknown))}")
    severity = options.get("severity", current.severity)
    if severity not in SEVERITIES:
        raise ConfigError(f"规则 {rule_id} 的严重程度应为 error、warning 或 info，而不是 {severity}")
    enabled = options.get("enabled", current.enabled)
    if not isinstance(enabled, bool):
        raise ConfigError(f"规则 {rule_id} 的 enabled 应为 true 或 false")
    tolerances = dict(current.tolerances)
    for name, value in options.get("tolerances", {}).items():
        tolerances[name] = _decimal(value, f"{rule_id}.tolerances.{name}")
    return replace(current, enabled=enabled, severity=severity, tolerances=tolerances)


def _decimal(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ConfigError(f"{where} 应为数字")
    try:
        # TOML floats arrive as binary floats: go through their shortest text form, not the float.
        return Decimal(repr(value) if isinstance(value, float) else str(value))
    except InvalidOperation as exc:
        raise ConfigError(f"{where} 应为数字，而不是 {value}") from exc


def settings_hash(settings: dict[str, RuleSettings]) -> str:
    """A short hash of the effective configuration, for run records and caches."""
    payload = {
        rule_id: [s.enabled, s.severity, sorted((k, str(v)) for k, v in s.tolerances.items()),
                  sorted((k, str(v)) for k, v in s.standards.items())]
        for rule_id, s in sorted(settings.items())
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:16]
