"""Chinese capitals (中文大写金额) following 《正确填写票据和结算凭证的基本规定》.

Every expectation below was written by hand from the rules, not produced by the code:
- 整 after 元 only when there are no 角/分; none after 角 or 分;
- tens always carry their digit (壹拾); one 零 for a run of inner zeros; 零 after 元 when 角 is 0 and 分 is not;
- no 零 where the rule makes it optional (万 place 0 before a non-zero 千; 元 place 0 before a non-zero 角).
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.capitals import amount_to_capitals, capitals_to_amount
from xieshang.core.errors import AmountError

TABLE = [
    ("0", "人民币零元整"),
    ("0.01", "人民币壹分"),
    ("0.05", "人民币伍分"),
    ("0.1", "人民币壹角"),
    ("0.15", "人民币壹角伍分"),
    ("1", "人民币壹元整"),
    ("1.01", "人民币壹元零壹分"),
    ("10", "人民币壹拾元整"),
    ("10.5", "人民币壹拾元伍角"),
    ("11", "人民币壹拾壹元整"),
    ("20.40", "人民币贰拾元肆角"),
    ("100", "人民币壹佰元整"),
    ("101", "人民币壹佰零壹元整"),
    ("110", "人民币壹佰壹拾元整"),
    ("325.04", "人民币叁佰贰拾伍元零肆分"),  # the rule's own example
    ("1001", "人民币壹仟零壹元整"),
    ("1010", "人民币壹仟零壹拾元整"),
    ("1409.50", "人民币壹仟肆佰零玖元伍角"),  # the rule's own example
    ("1680.32", "人民币壹仟陆佰捌拾元叁角贰分"),  # the rule allows this form (no 零)
    ("6007.14", "人民币陆仟零柒元壹角肆分"),  # the rule's own example
    ("10000", "人民币壹万元整"),
    ("10001", "人民币壹万零壹元整"),
    ("12000", "人民币壹万贰仟元整"),
    ("16409.02", "人民币壹万陆仟肆佰零玖元零贰分"),  # the rule's own example
    ("100000", "人民币壹拾万元整"),
    ("100010.01", "人民币壹拾万零壹拾元零壹分"),
    ("107000.53", "人民币壹拾万柒仟元伍角叁分"),  # 万 place 0, 千 not: no 零 (allowed)
    ("1000000", "人民币壹佰万元整"),
    ("1001000", "人民币壹佰万壹仟元整"),
    ("1000100", "人民币壹佰万零壹佰元整"),
    ("20000000.40", "人民币贰仟万元肆角"),
    ("100000000", "人民币壹亿元整"),
    ("100000001", "人民币壹亿零壹元整"),
    ("100010000", "人民币壹亿零壹万元整"),
    ("110000000", "人民币壹亿壹仟万元整"),
    ("1000000000", "人民币壹拾亿元整"),
    ("1000000000.09", "人民币壹拾亿元零玖分"),
    ("1234567890.12", "人民币壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
    ("1000000000000", "人民币壹万亿元整"),
    ("1000100000000", "人民币壹万零壹亿元整"),
    ("9999999999999999.99", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
]


@pytest.mark.parametrize(("amount", "expected"), TABLE)
def test_amount_to_capitals_matches_the_hand_written_table(amount: str, expected: str) -> None:
    assert amount_to_capitals(Decimal(amount)) == expected


@pytest.mark.parametrize(("amount", "expected"), TABLE)
def test_capitals_to_amount_reads_the_table_back(amount: str, expected: str) -> None:
    assert capitals_to_amount(expected) == Decimal(amount)


def test_the_table_is_long_enough() -> None:
    assert len(TABLE) >= 30


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("壹拾元正", "10"),
        ("人民币拾元整", "10"),
        ("人民币壹仟零壹拾圆整", "1010"),
        ("人民币壹拾万零柒仟元伍角叁分", "107000.53"),
    ],
)
def test_capitals_to_amount_accepts_the_other_allowed_spellings(text: str, amount: str) -> None:
    assert capitals_to_amount(text) == Decimal(amount)


@pytest.mark.parametrize("value", ["-1", "-0.01", "0.001", "12.345", "1E16", "NaN", "Infinity", "abc"])
def test_amount_to_capitals_rejects_negative_fractional_huge_and_non_numbers(value: str) -> None:
    with pytest.raises(AmountError) as info:
        amount_to_capitals(value, "plan.total")
    assert info.value.errors[0].path == "plan.total"


@pytest.mark.parametrize("text", ["", "人民币", "壹万贰仟美元", "佰元", "人民币壹角角", "人民币伍角零"])
def test_capitals_to_amount_rejects_what_is_not_an_amount(text: str) -> None:
    with pytest.raises(AmountError):
        capitals_to_amount(text)


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_round_trip_for_every_amount_in_fen(fen: int) -> None:
    amount = Decimal(fen) / 100
    words = amount_to_capitals(amount)
    assert words.startswith("人民币")
    assert "零零" not in words
    assert not words.endswith("零")
    assert capitals_to_amount(words) == amount


@settings(max_examples=100)
@given(st.integers(min_value=1, max_value=10**12).map(lambda n: Decimal(n) * 100))
def test_whole_amounts_end_with_zheng_and_others_do_not(amount: Decimal) -> None:
    assert amount_to_capitals(amount).endswith("元整")
    assert not amount_to_capitals(amount + Decimal("0.01")).endswith("整")
