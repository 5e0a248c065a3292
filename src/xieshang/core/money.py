"""Money: the one place that rounds to the 分 and parses amounts people type or paste.

Every amount in Xieshang is a :class:`decimal.Decimal`. Rounding is half-up to 0.01 and happens
only through :func:`cents`. Parsing accepts what people copy from apps and bills:
``¥1,234.50``, ``1234.5元``, ``1.2万``, ``￥3,000``, ``-12.30``, ``(12.30)``.
"""

from __future__ import annotations

import re
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_FLOOR,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
)

from .bilingual import Text
from .errors import AmountError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
NOT_A_NUMBER = Text("必须是数字", "must be a number")

_UNITS = {
    "万": Decimal(10_000),
    "千": Decimal(1_000),
    "亿": Decimal(100_000_000),
    "w": Decimal(10_000),
    "k": Decimal(1_000),
}
_AMOUNT_RE = re.compile(
    r"""^(?P<sign>[-+−]?)\s*
        (?:CNY|RMB|人民币)?\s*[¥￥]?\s*
        (?P<sign2>[-+−]?)
        (?P<num>(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?|\.\d+)
        \s*(?P<unit>万|千|亿|w|k)?\s*(?:元|块|圆|yuan|CNY|RMB)?$""",
    re.VERBOSE | re.IGNORECASE,
)


def _exact(rounding: str) -> Context:
    """A context that only ever quantizes: unlimited precision, so rounding a value of any size to a quantum is
    exact and never fails, and the result does not depend on the caller's thread context."""
    return Context(prec=MAX_PREC, rounding=rounding, Emax=MAX_EMAX, Emin=MIN_EMIN)


_EXACT: dict[str, Context] = {}
_HALF_UP = _EXACT.setdefault(ROUND_HALF_UP, _exact(ROUND_HALF_UP))

_FLOOR = _EXACT.setdefault(ROUND_FLOOR, _exact(ROUND_FLOOR))

quantize_half_up = _HALF_UP.quantize
"""``quantize_half_up(x, CENT)`` is ``cents(x)`` for a ``Decimal`` ``x``, without a Python call around it: the form
for loops over thousands of schedule periods. Nothing else may use this context (its precision is unlimited:
a division in it would not end)."""

quantize_floor = _FLOOR.quantize
"""``quantize_floor(x, CENT)``: ``x`` rounded down to the 分, as a splitter's exact shares are before the left-over
分 are handed out (``allocation._round``); the same one-context rule as :data:`quantize_half_up`."""


def cents(value: Decimal | int | str) -> Decimal:
    """Round to the 分, half-up. The only rounding of money in the project."""
    return _HALF_UP.quantize(value if type(value) is Decimal else Decimal(value), CENT)


def rounded(value: Decimal, quantum: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """``value`` rounded to ``quantum``, however large: beyond the 28 digits of Decimal's default precision
    (an astronomical balance or rate) the rounding keeps as many digits as it needs, never an error.
    ``InvalidOperation`` for an infinity, as ``Decimal.quantize``; a NaN stays a NaN."""
    context = _EXACT.get(rounding)
    if context is None:
        context = _EXACT.setdefault(rounding, _exact(rounding))
    return context.quantize(value, quantum)


def to_decimal(value: object, field: str = "") -> Decimal:
    """A number given as int, str or Decimal (never float: floats are not exact)."""
    if isinstance(value, bool):
        raise AmountError(NOT_A_NUMBER, field)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            raise AmountError(
                Text(f"必须是数字（现为 {value!r}）", f"must be a number, got {value!r}"), field
            ) from None
    else:
        raise AmountError(NOT_A_NUMBER, field)
    if not result.is_finite():
        raise AmountError(Text("必须是数字", "must be a finite number"), field)
    return result


def parse_amount(text: object, field: str = "") -> Decimal:
    """Read an amount of money a person typed or pasted, rounded to the 分.

    >>> parse_amount("¥1,234.50"), parse_amount("1.2万"), parse_amount("1234.5元")
    (Decimal('1234.50'), Decimal('12000.00'), Decimal('1234.50'))
    """
    if type(text) is str:  # the common case of a bill's cell, digits with or without 分: no pattern needed
        whole, dot, part = text.partition(".")
        if whole.isdecimal() and (not dot or part.isdecimal()):
            return _HALF_UP.quantize(Decimal(text), CENT)
    if isinstance(text, (int, Decimal)) and not isinstance(text, bool):
        return cents(to_decimal(text, field))
    if isinstance(text, float):
        return cents(to_decimal(text, field))
    if not isinstance(text, str):
        raise AmountError(
            Text("请填写金额，例如 1234.50", "must be an amount of money such as 1234.50"), field
        )
    raw = text.strip().replace("\u00a0", "").replace("\t", "")
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        raw, negative = raw[1:-1].strip(), True
    match = _AMOUNT_RE.match(raw)
    if not raw or match is None:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise AmountError(
            Text(
                f"不是金额：{shown!r}（请写成 1234.50、¥1,234.50 或 1.2万）",
                f"not an amount of money: {shown!r} (write it like 1234.50, ¥1,234.50 or 1.2万)",
            ),
            field,
        )
    number = Decimal(match.group("num").replace(",", "").replace("，", ""))
    unit = match.group("unit")
    if unit:
        number *= _UNITS[unit.lower() if unit in ("W", "K") else unit]
    if "−" in (match.group("sign"), match.group("sign2")) or "-" in (
        match.group("sign"),
        match.group("sign2"),
    ):
        negative = not negative
    return cents(-number if negative else number)


def percent_to_rate(value: object, field: str = "") -> Decimal:
    """A percentage as people write it (4.9 or "4.9%") to a fraction (0.049)."""
    if isinstance(value, str):
        value = value.strip().removesuffix("%").removesuffix("％").strip()
    number = to_decimal(value, field)
    return number / HUNDRED


def rate_to_percent(rate: Decimal) -> Decimal:
    """A fraction (0.128) to a percentage (12.8)."""
    return rate * HUNDRED


def grouped(amount: Decimal) -> str:
    """An amount for people, without the sign of the currency: ``1,234.50`` (rounded to the 分)."""
    return f"{cents(amount):,.2f}"


def yuan(amount: Decimal) -> str:
    """An amount for people: ``¥1,234.50``; negative amounts as ``-¥12.30``."""
    rounded = cents(amount)
    return f"{'-' if rounded < 0 else ''}¥{grouped(abs(rounded))}"


def chart_yuan(amount: Decimal) -> str:
    """An amount on a chart: ``¥2,850`` when it is whole yuan, else as :func:`yuan` (``¥2,850.40``)."""
    rounded = cents(amount)
    if rounded != rounded.to_integral_value():
        return yuan(rounded)
    return f"{'-' if rounded < 0 else ''}¥{abs(rounded):,.0f}"


def axis_yuan(amount: Decimal, chinese: bool) -> str:
    """A chart axis's amount, short: from 10,000 on in 万 in Chinese (``¥2.5万``, ``¥10万``) and in thousands
    in English (``¥25k``), up to two decimals, trailing zeros dropped; below it as :func:`chart_yuan`."""
    rounded = cents(amount)
    if abs(rounded) < 10_000:
        return chart_yuan(rounded)
    unit, suffix = (Decimal(10_000), "万") if chinese else (Decimal(1_000), "k")
    short = (abs(rounded) / unit).quantize(Decimal("0.01"))
    text = f"{short:,.2f}".rstrip("0").rstrip(".")
    return f"{'-' if rounded < 0 else ''}¥{text}{suffix}"
