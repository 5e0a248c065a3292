"""The portable case file (YAML or JSON, one schema) ↔ :class:`xieshang.core.case.Case`.

One source of rules for every way a case comes in: the CLI reads files with :func:`load_case_file`, the web
forms read one debt with :func:`parse_debt`. Validation reports *every* problem at once, each located
(``debts[2].annual_rate: 必须是 ≥ 0 的数字 / must be a number ≥ 0``). People's notation is accepted: amounts as
``"¥20,000.00"``, ``"1.2万"`` or numbers; rates as percents (``18`` or ``"18%"`` = 18 % a year).
:func:`dump_case` writes back what :func:`load_case_text` reads: ``load(dump(x)) == x`` for every field.

The published JSON Schema is ``xieshang/schema/casefile-v1.schema.json`` (:func:`json_schema`). Later
features add top-level sections (``budget``, ``plan``, ``contacts`` …) by registering a :class:`Section`: its
schema fragment, ``load(data, path)`` (raising located :class:`ValidationError`) and ``dump(value)``.
A section module registers itself with :func:`register_section` at import and is listed in
:data:`SECTION_MODULES` so the reader imports it. Unknown top-level keys are errors.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

from xieshang.bounds import BoundedSafeLoader, InputRefused, load_json, load_yaml
from xieshang.core.case import Borrower, Case
from xieshang.core.errors import FieldError, ValidationError, XieshangError
from xieshang.core.money import ZERO, parse_amount, percent_to_rate, rate_to_percent, to_decimal
from xieshang.core.terms import LenderType, Loan, Method, Payment, PaymentOrder, RevolvingTerms

SCHEMA_VERSION = 1
SCHEMA_RESOURCE = "casefile-v1.schema.json"

# Modules that provide top-level sections (each calls register_section at import).
SECTION_MODULES: tuple[str, ...] = ("xieshang.sections",)

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Section:
    """A top-level part of the case file owned by another module (``budget``, ``plan``, ``contacts`` …)."""

    name: str
    schema: Mapping[str, Any]  # JSON Schema fragment for properties[name]
    load: Callable[[Any, str], Any]  # (data, path) → value; raises ValidationError with paths under ``path``
    dump: Callable[[Any], Any]  # value → plain data (JSON-ready) that ``load`` reads back


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Make ``section.name`` a known top-level key of the case file."""
    if section.name in _TOP_KEYS:
        raise ValueError(f"{section.name!r} is a core key of the case file")
    _SECTIONS[section.name] = section


def sections() -> dict[str, Section]:
    """Every registered section (importing :data:`SECTION_MODULES` first)."""
    for module in SECTION_MODULES:
        importlib.import_module(module)
    return dict(_SECTIONS)


_TOP_KEYS = ("version", "as_of", "borrower", "debts")
_BORROWER_KEYS = ("name", "id_number", "phone", "email", "address")
_DEBT_KEYS = (
    "id",
    "creditor",
    "lender_type",
    "principal",
    "received",
    "start_date",
    "term_months",
    "method",
    "annual_rate",
    "daily_rate",
    "period_fee_rate",
    "day_count",
    "periodic_fee",
    "upfront_fee",
    "payment_day",
    "payments",
    "penalty_rate_multiplier",
    "penalty_annual_rate",
    "compound_overdue_interest",
    "late_fee_fixed",
    "late_fee_rate",
    "payment_order",
    "revolving",
    "assisted_lending",
    "notes",
    "extra",
)
_PAYMENT_KEYS = ("date", "amount", "note")
_REVOLVING_KEYS = (
    "statement_day",
    "due_day",
    "min_payment_rate",
    "min_payment_floor",
    "late_fee_rate",
    "late_fee_min",
    "late_fee_max",
    "statement_minimum",
)
_DEFAULT_LOAN = Loan(
    id="", principal=Decimal(1), start_date=date(2000, 1, 1), term_months=1, method=Method.BULLET
)


# What the engine can compute with: ``case check`` refuses anything beyond (docs/casefile.md).
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2200, 12, 31)
AMOUNT_MAX = Decimal(1_000_000_000_000)  # ¥1 万亿
RATE_CEILINGS: dict[str, Decimal] = {  # fractions: 100 = 10,000 % a year
    "annual_rate": Decimal(100),
    "penalty_annual_rate": Decimal(100),
    "daily_rate": Decimal("0.3"),
    "period_fee_rate": Decimal(1),
    "late_fee_rate": Decimal(1),
    "min_payment_rate": Decimal(1),
    "penalty_rate_multiplier": Decimal(100),
}


def _ceilings(read: _Reader, values: Mapping[str, Decimal | None]) -> None:
    """Rates above what the engine computes with are located errors (the ceiling stated in the message)."""
    for key, value in values.items():
        ceiling = RATE_CEILINGS[key]
        if value is not None and value > ceiling:
            shown = f"{ceiling}" if key == "penalty_rate_multiplier" else f"{rate_to_percent(ceiling):,.0f}%"
            read.error(key, f"过大：最多 {shown} / too large: at most {shown}")


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads fields out of one mapping, collecting every problem with its path."""

    def __init__(self, data: Mapping[str, Any], path: str, errors: list[FieldError]) -> None:
        self.data, self.path, self.errors = data, path, errors

    def where(self, key: str | int) -> str:
        return _join(self.path, key)

    def error(self, key: str | int, message: str) -> None:
        self.errors.append(FieldError(self.where(key), message))

    def unknown(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            if key not in known:
                self.error(str(key), "未知字段 / unknown field")

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def missing(self, key: str) -> None:
        self.error(key, "必填 / required")

    def text(self, key: str, required: bool = False) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            self.error(key, "必须是文字 / must be text")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error(key, "不能为空 / must not be empty")
        return text

    def amount(self, key: str, required: bool = False, positive: bool = False) -> Decimal | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        try:
            amount = parse_amount(value)
        except ValidationError as error:
            self.error(key, error.errors[0].message)
            return None
        if positive and amount <= 0:
            self.error(key, "必须是大于 0 的金额 / must be an amount greater than 0")
            return None
        if amount > AMOUNT_MAX:
            self.error(key, f"金额过大（最多 {AMOUNT_MAX:,.0f} 元） / too large (at most {AMOUNT_MAX:,.0f})")
            return None
        if amount < 0:
            self.error(key, "必须是 ≥ 0 的金额 / must be an amount ≥ 0")
            return None
        return amount

    def number(self, key: str, required: bool = False) -> Decimal | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        try:
            number = to_decimal(value)
        except ValidationError:
            number = Decimal(-1)
        if number < 0:
            self.error(key, "必须是 ≥ 0 的数字 / must be a number ≥ 0")
            return None
        return number

    def percent(self, key: str, required: bool = False) -> Decimal | None:
        """A percentage (18 or "18%") as a fraction (0.18)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        try:
            rate = percent_to_rate(value)
        except ValidationError:
            rate = Decimal(-1)
        if rate < 0:
            self.error(
                key, "必须是 ≥ 0 的数字（百分比，18 表示 18%） / must be a number ≥ 0 (percent: 18 = 18%)"
            )
            return None
        return rate

    def integer(self, key: str, low: int, high: int, required: bool = False) -> int | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, (str, Decimal)) and str(value).strip().isdigit():
            number = int(str(value).strip())
        if number is None or not low <= number <= high:
            self.error(key, f"必须是 {low}–{high} 之间的整数 / must be a whole number from {low} to {high}")
            return None
        return number

    def day(self, key: str, required: bool = False) -> date | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return self.in_range(key, value)
        if isinstance(value, str):
            try:
                return self.in_range(key, date.fromisoformat(value.strip()))
            except ValueError:
                pass
        self.error(key, f"必须是日期，如 2025-03-01 / must be a date like 2025-03-01, got {value!r}")
        return None

    def in_range(self, key: str, day: date) -> date | None:
        """Dates the engine computes with: from 1900 to 2200."""
        if DATE_MIN <= day <= DATE_MAX:
            return day
        self.error(key, f"日期应在 {DATE_MIN} 至 {DATE_MAX} 之间 / must be between {DATE_MIN} and {DATE_MAX}")
        return None

    def boolean(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(key, "必须是 true 或 false / must be true or false")
            return None
        return value

    def choice(self, key: str, enum: type[E], required: bool = False) -> E | None:
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key)
            return None
        try:
            return enum(str(value).strip().replace("-", "_"))
        except ValueError:
            allowed = " | ".join(member.value for member in enum)
            self.error(key, f"必须是 {allowed} 之一 / must be one of {allowed}, got {value!r}")
            return None

    def mapping(self, key: str) -> Mapping[str, Any] | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.error(key, "必须是一组字段（映射） / must be a mapping of fields")
            return None
        return value

    def sequence(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, "必须是列表 / must be a list")
            return []
        return value


def _mapping_or_error(value: Any, path: str, errors: list[FieldError]) -> Mapping[str, Any] | None:
    if not isinstance(value, Mapping):
        errors.append(FieldError(path, "必须是一组字段（映射） / must be a mapping of fields"))
        return None
    return value


def _read_payment(value: Any, path: str, errors: list[FieldError]) -> Payment | None:
    data = _mapping_or_error(value, path, errors)
    if data is None:
        return None
    read = _Reader(data, path, errors)
    read.unknown(_PAYMENT_KEYS)
    day, amount, note = read.day("date", required=True), read.amount("amount", True, True), read.text("note")
    if day is None or amount is None:
        return None
    return Payment(day, amount, note)


def _read_revolving(data: Mapping[str, Any], path: str, errors: list[FieldError]) -> RevolvingTerms:
    read = _Reader(data, path, errors)
    read.unknown(_REVOLVING_KEYS)
    base = RevolvingTerms()
    statement_day = read.integer("statement_day", 1, 31)
    due_day = read.integer("due_day", 1, 31)
    min_rate = read.percent("min_payment_rate")
    floor = read.amount("min_payment_floor")
    fee_rate = read.percent("late_fee_rate")
    fee_min = read.amount("late_fee_min")
    fee_max = read.amount("late_fee_max")
    _ceilings(read, {"min_payment_rate": min_rate, "late_fee_rate": fee_rate})
    return RevolvingTerms(
        statement_day=base.statement_day if statement_day is None else statement_day,
        due_day=base.due_day if due_day is None else due_day,
        min_payment_rate=base.min_payment_rate if min_rate is None else min_rate,
        min_payment_floor=base.min_payment_floor if floor is None else floor,
        late_fee_rate=base.late_fee_rate if fee_rate is None else fee_rate,
        late_fee_min=base.late_fee_min if fee_min is None else fee_min,
        late_fee_max=fee_max,
        statement_minimum=read.amount("statement_minimum"),
    )


def _rate_rules(read: _Reader, method: Method | None) -> None:
    """Which rate fields a method needs and allows."""
    if method is None:
        return
    has = {key: read.has(key) for key in ("annual_rate", "daily_rate", "period_fee_rate")}
    if method is Method.CARD_INSTALMENT:
        if not has["period_fee_rate"]:
            read.error(
                "period_fee_rate",
                "信用卡分期必填（每期手续费率，百分比） / required for card_instalment (percent a period)",
            )
    elif has["period_fee_rate"]:
        read.error("period_fee_rate", "仅用于 card_instalment / only for method card_instalment")
    if method in (Method.DAILY, Method.REVOLVING):
        if not (has["annual_rate"] or has["daily_rate"]):
            read.error(
                "annual_rate",
                f"{method.value} 需要 annual_rate 或 daily_rate / needs annual_rate or daily_rate",
            )
    elif has["daily_rate"]:
        read.error("daily_rate", "仅用于 daily 或 revolving / only for method daily or revolving")
    if method not in (Method.DAILY, Method.REVOLVING, Method.CARD_INSTALMENT) and not has["annual_rate"]:
        read.missing("annual_rate")
    if read.has("revolving") and method is not Method.REVOLVING:
        read.error("revolving", "仅用于 revolving / only for method revolving")


def _read_debt(data: Mapping[str, Any], path: str, errors: list[FieldError]) -> Loan | None:
    count = len(errors)
    read = _Reader(data, path, errors)
    read.unknown(_DEBT_KEYS)
    debt_id = read.text("id", required=True)
    method = read.choice("method", Method, required=True)
    lender_type = read.choice("lender_type", LenderType, required=True)
    principal = read.amount("principal", required=True, positive=True)
    received = read.amount("received", positive=True)
    if principal is not None and received is not None and received > principal:
        read.error("received", "实际到账不能多于本金 / received cannot exceed the principal")
    start = read.day("start_date", required=True)
    term = read.integer(
        "term_months", 0 if method is Method.REVOLVING else 1, 600, required=method is not Method.REVOLVING
    )
    _rate_rules(read, method)
    annual, daily, period_fee = (
        read.percent("annual_rate"),
        read.percent("daily_rate"),
        read.percent("period_fee_rate"),
    )
    _ceilings(read, {"annual_rate": annual, "daily_rate": daily, "period_fee_rate": period_fee})
    day_count = read.integer("day_count", 360, 365)
    if day_count not in (None, 360, 365):
        read.error("day_count", "必须是 360 或 365 / must be 360 or 365")
    payments = []
    for index, item in enumerate(read.sequence("payments")):
        payment = _read_payment(item, _join(read.where("payments"), index), errors)
        if payment is not None and start is not None and payment.date < start:
            where = _join(_join(read.where("payments"), index), "date")
            errors.append(FieldError(where, "还款日期早于借款开始日 / payment dated before the start date"))
        if payment is not None:
            payments.append(payment)
    revolving_data = read.mapping("revolving")
    revolving = (
        None if revolving_data is None else _read_revolving(revolving_data, read.where("revolving"), errors)
    )
    extra_data = read.mapping("extra")
    extra = {str(k): str(v) for k, v in (extra_data or {}).items()}
    fields: dict[str, Any] = {
        "creditor": read.text("creditor"),
        "day_count": day_count,
        "periodic_fee": read.amount("periodic_fee"),
        "upfront_fee": read.amount("upfront_fee"),
        "payment_day": read.integer("payment_day", 1, 31),
        "penalty_rate_multiplier": read.number("penalty_rate_multiplier"),
        "penalty_annual_rate": read.percent("penalty_annual_rate"),
        "compound_overdue_interest": read.boolean("compound_overdue_interest"),
        "late_fee_fixed": read.amount("late_fee_fixed"),
        "late_fee_rate": read.percent("late_fee_rate"),
        "payment_order": read.choice("payment_order", PaymentOrder),
        "assisted_lending": read.boolean("assisted_lending"),
        "notes": read.text("notes"),
    }
    _ceilings(
        read, {k: fields[k] for k in ("penalty_rate_multiplier", "penalty_annual_rate", "late_fee_rate")}
    )
    if len(errors) > count or principal is None or start is None or method is None or lender_type is None:
        return None
    return Loan(
        id=debt_id,
        principal=principal,
        start_date=start,
        term_months=term or 0,
        method=method,
        annual_rate=annual if annual is not None else ZERO,
        lender_type=lender_type,
        received=received,
        daily_rate=daily,
        period_fee_rate=period_fee,
        payments=tuple(sorted(payments, key=lambda p: p.date)),
        revolving=revolving,
        extra=extra,
        **{key: value for key, value in fields.items() if value is not None},
    )


def parse_debt(data: Mapping[str, Any], path: str = "") -> Loan:
    """One debt from a mapping (a case-file entry or a web form); raises :class:`ValidationError`.

    Error paths are relative to ``path`` (``"principal"``, or ``"debts[2].principal"`` with ``path="debts[2]"``).
    """
    errors: list[FieldError] = []
    mapping = _mapping_or_error(data, path, errors)
    loan = None if mapping is None else _read_debt(mapping, path, errors)
    if errors or loan is None:
        raise ValidationError(errors or [FieldError(path, "无效 / invalid")])
    return loan


def _read_borrower(value: Any, errors: list[FieldError]) -> Borrower | None:
    if value is None:
        errors.append(FieldError("borrower", "必填 / required"))
        return None
    data = _mapping_or_error(value, "borrower", errors)
    if data is None:
        return None
    read = _Reader(data, "borrower", errors)
    read.unknown(_BORROWER_KEYS)
    name = read.text("name", required=True)
    other = {key: read.text(key) for key in _BORROWER_KEYS[1:]}
    return Borrower(name=name, **other)


def case_from_data(data: Any, source_name: str = "") -> Case:
    """A case from already-parsed data (YAML or JSON); raises :class:`ValidationError` with every problem."""
    errors: list[FieldError] = []
    if not isinstance(data, Mapping):
        raise ValidationError(
            "案件文件的顶层必须是一组字段 / the case file must be a mapping at the top", source_name
        )
    known = sections()
    read = _Reader(data, "", errors)
    read.unknown((*_TOP_KEYS, *known))
    version = read.integer("version", 1, 10**6, required=True)
    if version is not None and version > SCHEMA_VERSION:
        read.error(
            "version",
            f"本程序只认识第 {SCHEMA_VERSION} 版及以前的案件文件，请升级 / this program reads versions up to {SCHEMA_VERSION}",
        )
    as_of = read.day("as_of")
    borrower = _read_borrower(data.get("borrower"), errors)
    if data.get("debts") is None:
        read.missing("debts")
    debts: list[Loan] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(read.sequence("debts")):
        path = _join("debts", index)
        mapping = _mapping_or_error(item, path, errors)
        loan = None if mapping is None else _read_debt(mapping, path, errors)
        if loan is None:
            continue
        if loan.id in seen:
            errors.append(
                FieldError(
                    f"{path}.id", f"与 debts[{seen[loan.id]}] 重复 / duplicates debts[{seen[loan.id]}]"
                )
            )
        seen.setdefault(loan.id, index)
        debts.append(loan)
    values: dict[str, Any] = {}
    for name, section in known.items():
        if data.get(name) is None:
            continue
        try:
            values[name] = section.load(data[name], name)
        except ValidationError as error:
            errors.extend(error.errors)
    if errors or borrower is None:
        raise ValidationError(errors)
    return Case(
        borrower=borrower, debts=tuple(debts), as_of=as_of, version=version or SCHEMA_VERSION, sections=values
    )


class _CaseLoader(BoundedSafeLoader):
    """YAML's safe loader with dates left as text, so an impossible date is a located error, not a crash; within
    the bounds of :mod:`xieshang.bounds` (no aliases, depth, size, time)."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(node.value)


_CaseLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _mapping_without_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """A YAML mapping; a key given twice is a located error (YAML would silently keep the last one)."""
    seen: set[Any] = set()
    for key_node, _value in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"字段 {key!r} 写了两次 / duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_CaseLoader.add_constructor("tag:yaml.org,2002:map", _mapping_without_duplicates)


def _json_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    twice = sorted({key for key in keys if keys.count(key) > 1})
    if twice:
        raise ValidationError(f"字段 {twice[0]!r} 写了两次 / duplicate key {twice[0]!r}")
    return dict(pairs)


def _yaml_error(error: yaml.YAMLError, source_name: str) -> ValidationError:
    """One bilingual message (``中文 / English``: pages show their half) that keeps the line and column."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    zh_problem, _sep, en_problem = problem.partition(" / ")
    en_problem = en_problem or zh_problem
    if mark:
        where_zh, where_en = (
            f"第 {mark.line + 1} 行第 {mark.column + 1} 列：",
            f"line {mark.line + 1}, column {mark.column + 1}: ",
        )
    else:
        where_zh = where_en = ""
    return ValidationError(
        f"YAML 格式错误：{where_zh}{zh_problem} / not valid YAML: {where_en}{en_problem}", source_name
    )


def load_case_text(text: str, source_name: str = "") -> Case:
    """A case from the text of a YAML or JSON case file (JSON when the name ends in .json or text starts with {)."""
    if source_name.lower().endswith(".json") or text.lstrip().startswith("{"):
        try:
            data = load_json(text, object_pairs_hook=_json_without_duplicates)
        except json.JSONDecodeError as error:
            raise ValidationError(
                f"JSON 格式错误 / not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}",
                source_name,
            ) from None
        except InputRefused as error:
            raise ValidationError(str(error), source_name) from None
    else:
        try:
            data = load_yaml(text, _CaseLoader)
        except yaml.YAMLError as error:
            raise _yaml_error(error, source_name) from None
        except InputRefused as error:
            raise ValidationError(str(error), source_name) from None
    return case_from_data(data, source_name)


def load_case_file(path: str | Path) -> Case:
    """A case from a YAML or JSON file; a missing or unreadable file is a located :class:`ValidationError`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError("文件不存在 / file not found", str(path)) from None
    except IsADirectoryError:
        raise ValidationError("这是一个目录，不是文件 / is a directory, not a file", str(path)) from None
    except UnicodeDecodeError:
        raise ValidationError("文件不是 UTF-8 文本 / file is not UTF-8 text", str(path)) from None
    except OSError as error:
        raise ValidationError(f"无法读取 / cannot read: {error.strerror}", str(path)) from None
    return load_case_text(text, str(path))


# ---- writing -----------------------------------------------------------------------------------------------


def _number(value: Decimal) -> int | float | str:
    """A Decimal as the plainest JSON/YAML value that reads back exactly."""
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value.normalize())


def _percent(rate: Decimal) -> int | float | str:
    return _number(rate_to_percent(rate))


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _revolving_to_dict(terms: RevolvingTerms) -> dict[str, Any]:
    out: dict[str, Any] = {
        "statement_day": terms.statement_day,
        "due_day": terms.due_day,
        "min_payment_rate": _percent(terms.min_payment_rate),
        "min_payment_floor": _money(terms.min_payment_floor),
        "late_fee_rate": _percent(terms.late_fee_rate),
        "late_fee_min": _money(terms.late_fee_min),
    }
    if terms.late_fee_max is not None:
        out["late_fee_max"] = _money(terms.late_fee_max)
    if terms.statement_minimum is not None:
        out["statement_minimum"] = _money(terms.statement_minimum)
    return out


def debt_to_dict(loan: Loan) -> dict[str, Any]:
    """One debt as case-file data (JSON-ready): what :func:`parse_debt` reads back to an equal :class:`Loan`."""
    d = _DEFAULT_LOAN
    out: dict[str, Any] = {"id": loan.id}
    if loan.creditor:
        out["creditor"] = loan.creditor
    out["lender_type"] = loan.lender_type.value
    out["principal"] = _money(loan.principal)
    if loan.received is not None:
        out["received"] = _money(loan.received)
    out["start_date"] = loan.start_date.isoformat()
    out["term_months"] = loan.term_months
    out["method"] = loan.method.value
    if loan.annual_rate != 0 or loan.method not in (Method.DAILY, Method.REVOLVING, Method.CARD_INSTALMENT):
        out["annual_rate"] = _percent(loan.annual_rate)
    if loan.daily_rate is not None:
        out["daily_rate"] = _percent(loan.daily_rate)
    if loan.period_fee_rate is not None:
        out["period_fee_rate"] = _percent(loan.period_fee_rate)
    if loan.day_count != d.day_count:
        out["day_count"] = loan.day_count
    for key in ("periodic_fee", "upfront_fee", "late_fee_fixed"):
        if getattr(loan, key) != 0:
            out[key] = _money(getattr(loan, key))
    if loan.payment_day is not None:
        out["payment_day"] = loan.payment_day
    if loan.penalty_rate_multiplier != d.penalty_rate_multiplier:
        out["penalty_rate_multiplier"] = _number(loan.penalty_rate_multiplier)
    if loan.penalty_annual_rate is not None:
        out["penalty_annual_rate"] = _percent(loan.penalty_annual_rate)
    if loan.compound_overdue_interest != d.compound_overdue_interest:
        out["compound_overdue_interest"] = loan.compound_overdue_interest
    if loan.late_fee_rate != 0:
        out["late_fee_rate"] = _percent(loan.late_fee_rate)
    if loan.payment_order != d.payment_order:
        out["payment_order"] = loan.payment_order.value
    if loan.revolving is not None:
        out["revolving"] = _revolving_to_dict(loan.revolving)
    if loan.assisted_lending is not None:
        out["assisted_lending"] = loan.assisted_lending
    if loan.payments:
        out["payments"] = [
            {"date": p.date.isoformat(), "amount": _money(p.amount), **({"note": p.note} if p.note else {})}
            for p in loan.payments
        ]
    if loan.notes:
        out["notes"] = loan.notes
    if loan.extra:
        out["extra"] = dict(loan.extra)
    return out


def dump_case(case: Case) -> dict[str, Any]:
    """The case as plain, JSON-ready data (dates as ISO strings, money as "0.00" strings, rates as percents)."""
    borrower: dict[str, Any] = {"name": case.borrower.name}
    for key in _BORROWER_KEYS[1:]:
        if getattr(case.borrower, key):
            borrower[key] = getattr(case.borrower, key)
    out: dict[str, Any] = {"version": case.version}
    if case.as_of is not None:
        out["as_of"] = case.as_of.isoformat()
    out["borrower"] = borrower
    out["debts"] = [debt_to_dict(loan) for loan in case.debts]
    known = sections()
    for name, value in case.sections.items():
        if name not in known:
            raise XieshangError(f"case section {name!r} has no registered Section to write it")
        out[name] = known[name].dump(value)
    return out


def _dates_for_yaml(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _dates_for_yaml(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_for_yaml(v) for v in value]
    if isinstance(value, str) and key in ("date", "start_date", "as_of"):
        return date.fromisoformat(value)
    return value


def dumps_yaml(case: Case) -> str:
    """The case as YAML text (dates unquoted), read back by :func:`load_case_text`."""
    return yaml.safe_dump(_dates_for_yaml(dump_case(case)), allow_unicode=True, sort_keys=False, width=100)


def dumps_json(case: Case) -> str:
    return json.dumps(dump_case(case), ensure_ascii=False, indent=2)


# ---- the published schema ----------------------------------------------------------------------------------


def published_schema_text() -> str:
    return resources.files("xieshang").joinpath("schema", SCHEMA_RESOURCE).read_text(encoding="utf-8")


@cache
def _published_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(published_schema_text())
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the case file: the published file's core part with every registered section's fragment."""
    schema: dict[str, Any] = json.loads(json.dumps(_published_schema()))
    known = sections()
    for name in [n for n in schema["properties"] if n not in _TOP_KEYS and n not in known]:
        del schema["properties"][name]
    for name, section in known.items():
        schema["properties"][name] = json.loads(json.dumps(section.schema))
    return schema


def write_published_schema(path: str | Path | None = None) -> Path:
    """Rewrite the published JSON Schema file from :func:`json_schema` (run after a section's schema changes)."""
    target = Path(path) if path is not None else Path(__file__).parent / "schema" / SCHEMA_RESOURCE
    target.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
