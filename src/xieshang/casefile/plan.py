"""The case file's ``plan:`` section ↔ :class:`~xieshang.core.plan.PlanSpec`::

plan:
  strategy: fair              # fair (default) | pro-rata | balance | avalanche | snowball
  budget: 3000                # affordable a month (default: what the budget statement leaves)
  minimum: 50                 # the least each creditor gets when the budget allows
  start: 2026-12              # first month of payments (default: the month after as_of)
  creditors:
    - id: cmb-card
      option: interest_freeze # as_is | reinstalment | deferral | interest_freeze | waiver | settlement
      months: 60
      proposed: true          # the option to propose in the letter
    - id: jiebei
      option: deferral
      grace_months: 3
      grace: interest_only    # or nothing
      months: 24
      monthly_rate_percent: 0.5
    - id: weilidai
      option: settlement
      share_percent: 40
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from xieshang.core.allocation import DEFAULT_MINIMUM
from xieshang.core.bilingual import Text
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import ZERO
from xieshang.core.options import (
    AsIs,
    Deferral,
    Grace,
    InterestFreeze,
    Option,
    OptionKind,
    Reinstalment,
    Settlement,
    Waiver,
    WaiverScope,
)
from xieshang.core.plan import CreditorChoice, PlanSpec
from xieshang.core.vocabulary import Strategy, label

from . import writer
from .reader import Reader, duplicate_id, join, mapping_or_error

KEYS = ("strategy", "budget", "minimum", "start", "creditors")
COMMON = ("id", "option", "proposed", "priority")
PARAMS: dict[OptionKind, tuple[str, ...]] = {
    OptionKind.AS_IS: (),
    OptionKind.REINSTALMENT: ("months", "monthly_rate_percent"),
    OptionKind.DEFERRAL: ("grace_months", "grace", "months", "monthly_rate_percent"),
    OptionKind.INTEREST_FREEZE: ("months",),
    OptionKind.WAIVER: ("scope", "months", "monthly_rate_percent", "freeze"),
    OptionKind.SETTLEMENT: ("share_percent", "months"),
}
REQUIRED: dict[OptionKind, tuple[str, ...]] = {
    OptionKind.REINSTALMENT: ("months",),
    OptionKind.DEFERRAL: ("grace_months", "months"),
    OptionKind.INTEREST_FREEZE: ("months",),
    OptionKind.SETTLEMENT: ("share_percent",),
}
MONTHS = 600


def _month(read: Reader, key: str) -> date | None:
    value = read.data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip()
    try:
        return date.fromisoformat(text if len(text) > 7 else f"{text}-01").replace(day=1)
    except ValueError:
        read.error(
            key, Text(f"月份格式应为 2026-12，收到 {value!r}", f"write the month as 2026-12, got {value!r}")
        )
        return None


def _option(read: Reader, kind: OptionKind) -> Option:
    def whole(key: str, default: int) -> int:
        found = read.integer(key, 0, MONTHS)
        return default if found is None else found

    if kind is OptionKind.AS_IS:
        return AsIs()
    if kind is OptionKind.REINSTALMENT:
        return Reinstalment(whole("months", 0), read.percent("monthly_rate_percent"))
    if kind is OptionKind.DEFERRAL:
        grace = read.choice("grace", Grace) or Grace.INTEREST_ONLY
        return Deferral(
            whole("grace_months", 0), whole("months", 0), grace, read.percent("monthly_rate_percent")
        )
    if kind is OptionKind.INTEREST_FREEZE:
        return InterestFreeze(whole("months", 0))
    if kind is OptionKind.WAIVER:
        scope = read.choice("scope", WaiverScope) or WaiverScope.PENALTIES_AND_FEES
        return Waiver(
            scope, whole("months", 12), read.percent("monthly_rate_percent"), bool(read.boolean("freeze"))
        )
    share = read.percent("share_percent")
    return Settlement(share if share is not None else ZERO, whole("months", 1))


def _choice(item: Mapping[str, Any], here: str, errors: list[FieldError]) -> CreditorChoice | None:
    count = len(errors)
    read = Reader(item, here, errors)
    debt_id = read.text("id", required=True)
    kind = read.choice("option", OptionKind)
    if kind is None and read.has("option"):
        return None
    kind = kind or OptionKind.AS_IS
    read.unknown((*COMMON, *PARAMS[kind]))
    for key in REQUIRED.get(kind, ()):
        if item.get(key) is None:
            read.error(key, Text(f"{label(kind).zh}需要此项", f"required for {label(kind).en.lower()}"))
    option = _option(read, kind)
    proposed, priority = read.boolean("proposed"), read.boolean("priority")
    if len(errors) > count:
        return None
    return CreditorChoice(debt_id, option, bool(proposed), bool(priority))


def plan_from_dict(data: Any, path: str = "plan") -> PlanSpec:
    """The ``plan:`` section as a :class:`PlanSpec`; every problem located (``plan.creditors[1].months: …``)."""
    if data is None:
        return PlanSpec()
    read = Reader.opened(data, path, KEYS)
    mapping, errors = read.data, read.errors
    strategy = Strategy.FAIR
    if read.has("strategy"):
        strategy = (
            read.member(str(mapping["strategy"]).replace("_", "-"), Strategy, read.where("strategy"))
            or strategy
        )
    budget = read.amount("budget", signed=True) if mapping.get("budget") != "" else None
    minimum = read.amount("minimum") if mapping.get("minimum") != "" else None
    start = _month(read, "start")
    choices: list[CreditorChoice] = []
    seen: set[str] = set()
    for index, item in enumerate(read.sequence("creditors")):
        here = join(read.where("creditors"), index)
        entry = mapping_or_error(item, here, errors)
        choice = None if entry is None else _choice(entry, here, errors)
        if choice is None:
            continue
        if choice.debt_id in seen:
            errors.append(duplicate_id(f"{here}.id", choice.debt_id))
        seen.add(choice.debt_id)
        choices.append(choice)
    if errors:
        raise ValidationError(errors)
    return PlanSpec(strategy, budget, DEFAULT_MINIMUM if minimum is None else minimum, start, tuple(choices))


def plan_to_dict(spec: PlanSpec) -> dict[str, Any]:
    """The inverse of :func:`plan_from_dict`: ``plan_from_dict(plan_to_dict(s)) == s``."""
    out: dict[str, Any] = {"strategy": spec.strategy.value}
    if spec.budget is not None:
        out["budget"] = writer.money(spec.budget)
    out["minimum"] = writer.money(spec.minimum)
    if spec.start is not None:
        out["start"] = f"{spec.start:%Y-%m}"
    creditors = []
    for choice in spec.choices:
        option = choice.option
        item: dict[str, Any] = {"id": choice.debt_id, "option": option.kind.value}
        for key in ("months", "grace_months"):
            if hasattr(option, key):
                item[key] = getattr(option, key)
        if isinstance(option, Deferral):
            item["grace"] = option.grace.value
        if isinstance(option, Waiver):
            item["scope"] = option.scope.value
            item["freeze"] = option.freeze
        rate = getattr(option, "monthly_rate", None)
        if rate is not None:
            item["monthly_rate_percent"] = writer.percent_text(rate)
        if isinstance(option, Settlement):
            item["share_percent"] = writer.percent_text(option.share)
        item["proposed"] = choice.proposed
        item["priority"] = choice.priority
        creditors.append(item)
    out["creditors"] = creditors
    return out


_MONEY = {"type": ["string", "number"], "description": '金额，如 3000、"¥3,000.00" 或 "0.3万"'}
_PERCENT = {"type": ["string", "number"], "description": '百分数，如 0.5 或 "0.5%"'}
PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "description": "协商还款计划 Negotiation plan: budget, strategy and the option chosen per creditor",
    "properties": {
        "strategy": {"type": "string", "enum": [s.value for s in Strategy]},
        "budget": _MONEY,
        "minimum": _MONEY,
        "start": {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"},
        "creditors": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "option": {"type": "string", "enum": [k.value for k in OptionKind]},
                    "proposed": {"type": "boolean"},
                    "priority": {"type": "boolean"},
                    "months": {"type": ["integer", "string"]},
                    "grace_months": {"type": ["integer", "string"]},
                    "grace": {"type": "string", "enum": [g.value for g in Grace]},
                    "monthly_rate_percent": _PERCENT,
                    "scope": {"type": "string", "enum": [s.value for s in WaiverScope]},
                    "freeze": {"type": "boolean"},
                    "share_percent": _PERCENT,
                },
            },
        },
    },
}
