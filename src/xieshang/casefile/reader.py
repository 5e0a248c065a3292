"""The one reader of the case file's values: text, amounts, numbers, percents, whole numbers, dates, choices.

Every section reads its mapping through a :class:`Reader`, which collects *every* problem with its path
(``debts[2].annual_rate``) instead of stopping at the first, in both languages (:class:`~xieshang.core.bilingual.Text`).
People's notation is accepted wherever a value is read: amounts as ``"¥20,000.00"``, ``"1.2万"`` or numbers,
percents as ``18`` or ``"18%"`` (18 % = 0.18), dates as ``2026-03-01`` (YAML dates or text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from xieshang.core.bilingual import Text
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import parse_amount, percent_to_rate, rate_to_percent, to_decimal
from xieshang.core.vocabulary import label

E = TypeVar("E", bound=StrEnum)

# What the engine can compute with: ``case check`` refuses anything beyond (docs/casefile.md).
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2200, 12, 31)
AMOUNT_MAX = Decimal(1_000_000_000_000)  # ¥1 万亿

REQUIRED = Text("必填", "required")
NOT_EMPTY = Text("不能为空", "must not be empty")
UNKNOWN = Text("未知字段", "unknown field")
NOT_TEXT = Text("必须是文字", "must be text")
NOT_MAPPING = Text("必须是一组字段（映射）", "must be a mapping of fields")
NOT_LIST = Text("必须是列表", "must be a list")
NOT_BOOLEAN = Text("必须是 true 或 false", "must be true or false")
NEGATIVE_AMOUNT = Text("必须是 ≥ 0 的金额", "must be an amount ≥ 0")
NOT_POSITIVE = Text("必须是大于 0 的金额", "must be an amount greater than 0")
NEGATIVE_NUMBER = Text("必须是 ≥ 0 的数字", "must be a number ≥ 0")
NEGATIVE_PERCENT = Text(
    "必须是 ≥ 0 的数字（百分比，18 表示 18%）", "must be a number ≥ 0 (percent: 18 = 18%)"
)


def join(path: str, key: str | int) -> str:
    """``join("debts", 2)`` → ``debts[2]``; ``join("debts[2]", "rate")`` → ``debts[2].rate``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def mapping_or_error(value: Any, path: str, errors: list[FieldError]) -> Mapping[str, Any] | None:
    if not isinstance(value, Mapping):
        errors.append(FieldError(path, NOT_MAPPING))
        return None
    return value


def list_or_raise(value: Any, path: str) -> list[Any]:
    """A list value (``None`` is an empty list); a located error otherwise."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(NOT_LIST, path)
    return value


def duplicate_id(path: str, value: str) -> FieldError:
    """The one message for an id given twice in a list (``contacts[3].id``, ``plan.creditors[1].id``)."""
    return FieldError(path, Text(f"编号 {value!r} 重复", f"duplicate id {value!r}"))


def one_of(allowed: Iterable[str]) -> Text:
    shown = " | ".join(allowed)
    return Text(f"必须是 {shown} 之一", f"must be one of {shown}")


def choices(enum: type[StrEnum]) -> Text:
    """``必须是 phone（电话） | sms（短信） … 之一`` / ``must be one of phone (Phone call) | …``."""
    zh = " | ".join(f"{m.value}（{label(m).zh}）" for m in enum)
    en = " | ".join(f"{m.value} ({label(m).en})" for m in enum)
    return Text(f"必须是 {zh} 之一", f"must be one of {en}")


class Reader:
    """Reads fields out of one mapping, collecting every problem with its path."""

    def __init__(self, data: Mapping[str, Any], path: str, errors: list[FieldError]) -> None:
        self.data, self.path, self.errors = data, path, errors

    @classmethod
    def opened(cls, data: Any, path: str, known: Iterable[str]) -> Reader:
        """A reader of the mapping ``data`` with its unknown keys already reported (errors collected from
        there on); a located error at once if ``data`` is not a mapping."""
        if not isinstance(data, Mapping):
            raise ValidationError(NOT_MAPPING, path)
        read = cls(data, path, [])
        read.unknown(known)
        return read

    def where(self, key: str | int) -> str:
        return join(self.path, key)

    def error(self, key: str | int, message: Text) -> None:
        self.errors.append(FieldError(self.where(key), message))

    def unknown(self, known: Iterable[str]) -> None:
        allowed = set(known)
        for key in self.data:
            if key not in allowed:
                self.error(str(key), UNKNOWN)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def missing(self, key: str) -> None:
        self.error(key, REQUIRED)

    def _given(self, key: str, required: bool) -> Any:
        value = self.data.get(key)
        if value is None and required:
            self.missing(key)
        return value

    def text(self, key: str, required: bool = False, limit: int | None = None, strip: bool = True) -> str:
        value = self._given(key, required)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            self.error(key, NOT_TEXT)
            return ""
        text = str(value).strip() if strip else str(value)
        if required and not text.strip():
            self.error(key, NOT_EMPTY)
        elif limit is not None and len(text) > limit:
            self.error(
                key,
                Text(
                    f"不能超过{limit}字（现为{len(text)}字）",
                    f"at most {limit} characters ({len(text)} given)",
                ),
            )
        return text

    def lines(self, key: str, limit: int) -> tuple[str, ...]:
        """One or more lines of text (a single string is one line); blanks and repeats left out."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, Text("必须是一组文字", "must be a list of text"))
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                self.errors.append(FieldError(join(self.where(key), index), NOT_TEXT))
                continue
            line = str(item).strip()
            if len(line) > limit:
                self.errors.append(
                    FieldError(
                        join(self.where(key), index),
                        Text(f"每一条不能超过{limit}字", f"each line at most {limit} characters"),
                    )
                )
            elif line:
                out.append(line)
        return tuple(dict.fromkeys(out))

    def amount(
        self, key: str, required: bool = False, positive: bool = False, signed: bool = False
    ) -> Decimal | None:
        """An amount of money (``signed``: may be below zero, as a budget with a shortfall is)."""
        value = self._given(key, required)
        if value is None:
            return None
        try:
            amount = parse_amount(value)
        except ValidationError as error:
            self.error(key, error.errors[0].text)
            return None
        if positive and amount <= 0:
            self.error(key, NOT_POSITIVE)
            return None
        if amount > AMOUNT_MAX:
            shown = f"{AMOUNT_MAX:,.0f}"
            self.error(key, Text(f"金额过大（最多 {shown} 元）", f"too large (at most {shown})"))
            return None
        if amount < 0 and not signed:
            self.error(key, NEGATIVE_AMOUNT)
            return None
        return amount

    def number(self, key: str, required: bool = False) -> Decimal | None:
        value = self._given(key, required)
        if value is None:
            return None
        try:
            number = to_decimal(value)
        except ValidationError:
            number = Decimal(-1)
        if number < 0:
            self.error(key, NEGATIVE_NUMBER)
            return None
        return number

    def percent(self, key: str, required: bool = False) -> Decimal | None:
        """A percentage (18 or "18%") as a fraction (0.18)."""
        value = self._given(key, required)
        if value is None:
            return None
        try:
            rate = percent_to_rate(value)
        except ValidationError:
            rate = Decimal(-1)
        if rate < 0:
            self.error(key, NEGATIVE_PERCENT)
            return None
        return rate

    def integer(self, key: str, low: int, high: int, required: bool = False) -> int | None:
        value = self._given(key, required)
        if value is None:
            return None
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, (str, Decimal)) and str(value).strip().isdigit():
            number = int(str(value).strip())
        if number is None or not low <= number <= high:
            self.error(
                key, Text(f"必须是 {low}–{high} 之间的整数", f"must be a whole number from {low} to {high}")
            )
            return None
        return number

    def day(self, key: str, required: bool = False) -> date | None:
        value = self._given(key, required)
        if value is None or value == "":
            if value == "" and required:
                self.missing(key)
            return None
        if isinstance(value, datetime):
            return self.in_range(key, value.date())
        if isinstance(value, date):
            return self.in_range(key, value)
        if isinstance(value, str):
            try:
                return self.in_range(key, date.fromisoformat(value.strip()))
            except ValueError:
                pass
        self.error(
            key,
            Text(
                f"日期格式应为 2026-11-28（现为 {value!r}）",
                f"must be a date like 2026-11-28, got {value!r}",
            ),
        )
        return None

    def in_range(self, key: str, day: date) -> date | None:
        """Dates the engine computes with: from 1900 to 2200."""
        if DATE_MIN <= day <= DATE_MAX:
            return day
        self.error(
            key, Text(f"日期应在 {DATE_MIN} 至 {DATE_MAX} 之间", f"must be between {DATE_MIN} and {DATE_MAX}")
        )
        return None

    def ceilings(self, values: Mapping[str, Decimal | None], ceilings: Mapping[str, Decimal]) -> None:
        """Rates above what the engine computes with are located errors (the ceiling stated in the message)."""
        for key, value in values.items():
            ceiling = ceilings[key]
            if value is not None and value > ceiling:
                shown = (
                    f"{ceiling}" if key == "penalty_rate_multiplier" else f"{rate_to_percent(ceiling):,.0f}%"
                )
                self.error(key, Text(f"过大：最多 {shown}", f"too large: at most {shown}"))

    def moment(self, key: str, required: bool = False) -> datetime | None:
        """A local date and time (``2026-11-01 22:30``), without a time zone."""
        value = self._given(key, required)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.strip().replace("/", "-")).replace(tzinfo=None)
            except ValueError:
                pass
        self.error(
            key,
            Text(
                "请填写日期和时间，例如 2026-11-01 22:30",
                "must be a local date and time such as 2026-11-01 22:30",
            ),
        )
        return None

    def boolean(self, key: str) -> bool | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(key, NOT_BOOLEAN)
            return None
        return value

    def choice(
        self, key: str, enum: type[E], required: bool = False, aliases: Mapping[str, E] | None = None
    ) -> E | None:
        """A member of ``enum`` by its value (``-`` read as ``_``) or one of ``aliases`` (people's words)."""
        value = self._given(key, required)
        if value is None:
            return None
        return self.member(value, enum, self.where(key), aliases)

    def member(
        self, value: Any, enum: type[E], path: str, aliases: Mapping[str, E] | None = None
    ) -> E | None:
        text = str(value).strip()
        if aliases and text in aliases:
            return aliases[text]
        try:
            return enum(text.replace("-", "_"))
        except ValueError:
            pass
        try:
            return enum(text)
        except ValueError:
            self.errors.append(
                FieldError(path, choices(enum) + Text(f"（现为 {value!r}）", f", got {value!r}"))
            )
            return None

    def mapping(self, key: str, required: bool = False) -> Mapping[str, Any] | None:
        value = self._given(key, required)
        if value is None:
            return None
        return mapping_or_error(value, self.where(key), self.errors)

    def sequence(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, NOT_LIST)
            return []
        return value
