"""Amounts in Chinese capitals (中文大写金额): ``12000 → 人民币壹万贰仟元整``.

The conventions follow 中国人民银行《正确填写票据和结算凭证的基本规定》. Where that text allows a choice,
this module makes one and keeps to it:

- The words are 壹贰叁肆伍陆柒捌玖 / 拾佰仟万亿 / 元角分 / 零 / 整, always preceded by 人民币 with no space.
- **整** follows 元 when there are no 角 and 分 (``人民币壹万贰仟元整``). After 角 it is not written (the rule
  says "可以不写"): ``10.50 → 人民币壹拾元伍角``. After 分 it is never written.
- **壹拾**: tens are always written with their digit, ``10 → 人民币壹拾元整``, ``100010 → …零壹拾元整``.
- **零 inside the integer**: one 零 for any run of zero digits between non-zero ones
  (``6007 → 陆仟零柒元``, ``100010.01 → 壹拾万零壹拾元零壹分``); nothing for trailing zeros.
  When the 万 place is 0 but the 千 place is not, no 零 is written (``107000 → 壹拾万柒仟元整``);
  the rule allows either form.
- **元 place 0, 角 not 0**: no 零 (``1680.32 → 壹仟陆佰捌拾元叁角贰分``); the rule allows either form.
- **角 0, 分 not 0**: 零 after 元 is required (``325.04 → 叁佰贰拾伍元零肆分``).
- **Less than one 元**: no 元 at all (``0.05 → 人民币伍分``, ``0.10 → 人民币壹角``); zero is ``人民币零元整``.
- **Negative amounts are rejected**: a letter never states a negative sum in capitals. A deficit is written as a
  positive amount with a word that says what it is (缺口, 欠款).
- Amounts with fractions of a 分 are rejected rather than silently rounded (round with ``money.cents`` first),
  and so are amounts of 1 亿亿 (10^16) or more.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .errors import AmountError
from .money import CENT, cents

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PREFIX = "人民币"
LIMIT = 10**16  # 壹亿亿: beyond any debt, and beyond what the 万/亿 words say without ambiguity
_SMALL_UNITS = ("", "拾", "佰", "仟")
_WAN = 10**4
_YI = 10**8


def amount_to_capitals(value: Decimal | int | str, field: str = "") -> str:
    """The amount in Chinese capitals with the 人民币 prefix.

    >>> amount_to_capitals(Decimal("12000")), amount_to_capitals(Decimal("0.05"))
    ('人民币壹万贰仟元整', '人民币伍分')
    """
    try:
        amount = Decimal(value)
    except (InvalidOperation, ValueError, TypeError):
        raise AmountError(f"不是金额: {value!r}", field) from None
    if not amount.is_finite():
        raise AmountError("金额必须是有限数字", field)
    if amount < 0:
        raise AmountError("大写金额不能为负数", field)
    if cents(amount) != amount:
        raise AmountError(f"大写金额须精确到分: {amount}", field)
    if amount >= LIMIT:
        raise AmountError("金额过大，无法写成大写", field)
    total_fen = int((amount / CENT).to_integral_value())
    yuan, fen_part = divmod(total_fen, 100)
    jiao, fen = divmod(fen_part, 10)
    if yuan == 0 and fen_part == 0:
        return PREFIX + "零元整"
    words = _integer_words(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return PREFIX + words + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif yuan:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    return PREFIX + words


def _integer_words(number: int) -> str:
    """Capitals of a positive whole number below 10^16, without 元."""
    if number >= _YI:
        high, low = divmod(number, _YI)
        return _integer_words(high) + "亿" + _joined(low, _YI // 10)
    if number >= _WAN:
        high, low = divmod(number, _WAN)
        return _section_words(high) + "万" + _joined(low, _WAN // 10)
    return _section_words(number)


def _joined(low: int, leading_place: int) -> str:
    """The words after 亿 or 万: nothing for 0, a 零 first when the highest place below the unit is 0."""
    if low == 0:
        return ""
    return ("零" if low < leading_place else "") + _integer_words(low)


def _section_words(number: int) -> str:
    """Capitals of 1 … 9999: one 零 for each run of inner zeros, nothing for trailing zeros."""
    words = ""
    pending_zero = False
    for place in range(3, -1, -1):
        digit = number // 10**place % 10
        if digit == 0:
            pending_zero = bool(words)
            continue
        if pending_zero:
            words += "零"
            pending_zero = False
        words += DIGITS[digit] + _SMALL_UNITS[place]
    return words


_DIGIT_VALUES = {ch: i for i, ch in enumerate(DIGITS)}
_SMALL_UNIT_VALUES = {"拾": 10, "佰": 100, "仟": 1000}


def capitals_to_amount(text: str, field: str = "") -> Decimal:
    """Read an amount written in Chinese capitals back into a ``Decimal`` (the inverse of the above).

    Accepts the optional 人民币 prefix, 圆 for 元 and 正 for 整.

    >>> capitals_to_amount("人民币壹拾万零壹拾元零壹分")
    Decimal('100010.01')
    """
    raw = text.strip().removeprefix(PREFIX).strip().replace("圆", "元").replace("正", "整")
    if raw.endswith("整"):
        raw = raw[:-1]
    if not raw:
        raise AmountError(f"不是大写金额: {text!r}", field)
    integer_text, _, fraction_text = raw.rpartition("元") if "元" in raw else ("", "", raw)
    yuan = _parse_integer(integer_text, text, field) if integer_text else 0
    jiao = fen = 0
    rest = fraction_text.removeprefix("零")
    for unit in ("角", "分"):
        if unit in rest:
            head, _, rest = rest.partition(unit)
            if len(head) != 1 or head not in _DIGIT_VALUES or head == "零":
                raise AmountError(f"不是大写金额: {text!r}", field)
            if unit == "角":
                jiao = _DIGIT_VALUES[head]
            else:
                fen = _DIGIT_VALUES[head]
    if rest:
        raise AmountError(f"不是大写金额: {text!r}", field)
    return Decimal(yuan * 100 + jiao * 10 + fen) * CENT


def _parse_integer(words: str, text: str, field: str) -> int:
    total = wan = section = 0
    digit: int | None = None
    for char in words:
        if char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        elif char in _SMALL_UNIT_VALUES:
            if digit is None and char != "拾":
                raise AmountError(f"不是大写金额: {text!r}（{char}前缺数字）", field)
            section += (1 if digit is None else digit) * _SMALL_UNIT_VALUES[char]
            digit = None
        elif char == "万":
            wan += (section + (digit or 0)) * _WAN
            section, digit = 0, None
        elif char == "亿":
            total = (total + wan + section + (digit or 0)) * _YI
            wan = section = 0
            digit = None
        else:
            raise AmountError(f"不是大写金额: {text!r}（不认识“{char}”）", field)
    return total + wan + section + (digit or 0)
