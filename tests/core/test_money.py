"""Money parsing and rounding: the one module that owns both."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xieshang.core.errors import AmountError
from xieshang.core.money import cents, parse_amount, percent_to_rate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¥1,234.50", "1234.50"),
        ("1234.5元", "1234.50"),
        ("1.2万", "12000.00"),
        ("￥3,000", "3000.00"),
        ("  2,000.005 ", "2000.01"),  # half-up at the 分
        ("-12.30", "-12.30"),
        ("¥-12.30", "-12.30"),
        ("(45.00)", "-45.00"),
        ("人民币 500 元", "500.00"),
        ("0.5万元", "5000.00"),
        (".5", "0.50"),
        ("1，000", "1000.00"),
        ("3k", "3000.00"),
    ],
)
def test_parse_amount_accepts_what_people_paste(text: str, expected: str) -> None:
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "12.3.4", "1,23", "¥", "1.2万万", "1e5", "NaN", "12元5角"])
def test_parse_amount_rejects_anything_else_with_the_field(text: str) -> None:
    with pytest.raises(AmountError) as info:
        parse_amount(text, "debts[0].principal")
    assert info.value.errors[0].path == "debts[0].principal"


def test_cents_rounds_half_up() -> None:
    """0.005 → 0.01 and 0.015 → 0.02 (half-up, not banker's rounding which would give 0.00 and 0.02)."""
    assert cents(Decimal("0.005")) == Decimal("0.01")
    assert cents(Decimal("0.015")) == Decimal("0.02")
    assert cents(Decimal("-0.005")) == Decimal("-0.01")


def test_percent_to_rate() -> None:
    assert percent_to_rate("4.9%") == Decimal("0.049")
    assert percent_to_rate(18) == Decimal("0.18")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_formatted_amount_round_trips(value: Decimal) -> None:
    text = f"¥{value:,.2f}"
    assert parse_amount(text) == value


def test_amounts_for_people() -> None:
    """Rounded to the 分 first, then grouped by thousands; the sign goes before the ¥."""
    from xieshang.core.money import grouped, yuan

    assert grouped(Decimal("1234567.005")) == "1,234,567.01"
    assert yuan(Decimal("1234.5")) == "¥1,234.50"
    assert yuan(Decimal("-12.3")) == "-¥12.30"
    assert yuan(Decimal("0")) == "¥0.00"


def test_chart_amounts_drop_the_cents_only_when_whole():
    from xieshang.core.money import chart_yuan

    assert chart_yuan(Decimal("2850")) == "¥2,850"
    assert chart_yuan(Decimal("2850.00")) == "¥2,850"
    assert chart_yuan(Decimal("2850.4")) == "¥2,850.40"
    assert chart_yuan(Decimal("-12")) == "-¥12"
    assert chart_yuan(Decimal("0.004")) == "¥0"  # rounded to the 分 first


def test_axis_amounts_in_wan_or_thousands_from_ten_thousand_on():
    """25,000 / 10,000 = 2.5 → ¥2.5万; 100,000 → ¥10万; 12,345.67 → 1.2345… → ¥1.23万; in English by
    the thousand: ¥25k, ¥12.35k; below 10,000 the whole amount without ".00"."""
    from xieshang.core.money import axis_yuan

    assert axis_yuan(Decimal("25000"), chinese=True) == "¥2.5万"
    assert axis_yuan(Decimal("100000.00"), chinese=True) == "¥10万"
    assert axis_yuan(Decimal("12345.67"), chinese=True) == "¥1.23万"
    assert axis_yuan(Decimal("25000"), chinese=False) == "¥25k"
    assert axis_yuan(Decimal("12345.67"), chinese=False) == "¥12.35k"
    assert axis_yuan(Decimal("7500"), chinese=True) == "¥7,500"
    assert axis_yuan(Decimal("-50000"), chinese=True) == "-¥5万"
