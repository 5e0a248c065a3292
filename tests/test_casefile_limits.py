"""What ``case check`` refuses so the engine never has to: rates above the stated ceilings, dates outside
1900–2200, amounts above ¥1 万亿, keys written twice; and the new optional debt fields round-trip."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from xieshang.casefile import dumps_json, dumps_yaml, load_case_text, parse_debt
from xieshang.core.errors import ValidationError

DEBT = {
    "id": "d",
    "lender_type": "bank",
    "principal": "10000",
    "start_date": "2025-01-10",
    "term_months": 12,
    "method": "equal_installment",
    "annual_rate": 18,
}


def problems(**changes: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_debt({**DEBT, **changes}, "debts[0]")
    return [str(e) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("annual_rate", 10001, "10,000%"),
        ("annual_rate", "1e400", "10,000%"),
        ("penalty_annual_rate", "50000%", "10,000%"),
        ("late_fee_rate", 101, "100%"),
        ("penalty_rate_multiplier", 101, "100"),
    ],
)
def test_rates_above_the_ceiling_are_located_errors(key: str, value: object, shown: str) -> None:
    (message,) = problems(**{key: value})
    assert message.startswith(f"debts[0].{key}: 过大：最多 {shown} / too large: at most {shown}")


def test_a_daily_rate_above_30_percent_a_day_is_refused_and_the_ceiling_itself_is_accepted() -> None:
    daily = {**DEBT, "method": "daily", "annual_rate": None}
    daily.pop("annual_rate")
    assert parse_debt({**daily, "daily_rate": 30}).daily_rate == Decimal("0.3")
    with pytest.raises(ValidationError, match=r"daily_rate: 过大：最多 30%"):
        parse_debt({**daily, "daily_rate": "30.01"})


@pytest.mark.parametrize("day", ["9999-06-01", "2201-01-01", "1899-12-31"])
def test_dates_outside_1900_to_2200_are_located_errors(day: str) -> None:
    (message,) = problems(start_date=day)
    assert message == (
        "debts[0].start_date: 日期应在 1900-01-01 至 2200-12-31 之间 / must be between 1900-01-01 and 2200-12-31"
    )
    with pytest.raises(ValidationError, match=r"debts\[0\]\.payments\[0\]\.date: 日期应在"):
        parse_debt({**DEBT, "payments": [{"date": day, "amount": 100}]}, "debts[0]")


def test_amounts_above_one_trillion_are_refused_and_a_large_overpayment_is_accepted() -> None:
    (message,) = problems(principal="2000000000000")
    assert "principal: 金额过大（最多 1,000,000,000,000 元）" in message
    loan = parse_debt({**DEBT, "payments": [{"date": "2025-02-10", "amount": "99999999999"}]})
    assert loan.payments[0].amount == Decimal("99999999999.00")


def test_a_key_written_twice_in_yaml_is_a_located_error() -> None:
    """YAML would silently keep the second ``annual_rate``; the reader names the key and its line."""
    text = """version: 1
borrower: {name: 张三}
debts:
  - id: d
    lender_type: bank
    principal: 10000
    start_date: 2025-01-10
    term_months: 12
    method: equal_installment
    annual_rate: 18
    annual_rate: 36
"""
    with pytest.raises(ValidationError) as caught:
        load_case_text(text, "dup.yaml")
    (error,) = caught.value.errors
    assert error.path == "dup.yaml"
    assert error.get("zh") == "YAML 格式错误：第 11 行第 5 列：字段 'annual_rate' 写了两次"
    assert error.get("en") == "not valid YAML: line 11, column 5: duplicate key 'annual_rate'"


def test_a_key_written_twice_in_json_is_an_error() -> None:
    text = '{"version": 1, "version": 1, "borrower": {"name": "张三"}, "debts": []}'
    with pytest.raises(ValidationError, match="duplicate key 'version'"):
        load_case_text(text, "dup.json")


def test_the_assisted_lending_flag_and_the_statement_minimum_round_trip() -> None:
    text = """version: 1
borrower: {name: 张三}
debts:
  - id: bank
    lender_type: bank
    principal: 10000
    start_date: 2025-11-01
    term_months: 12
    method: equal_installment
    annual_rate: 18
    assisted_lending: true
  - id: card
    lender_type: credit_card
    principal: 14050.20
    start_date: 2026-01-05
    method: revolving
    daily_rate: 0.05
    revolving: {statement_day: 5, due_day: 25, statement_minimum: 1405.02}
"""
    case = load_case_text(text)
    bank, card = case.debts
    assert bank.assisted_lending is True
    assert card.revolving is not None and card.revolving.statement_minimum == Decimal("1405.02")
    for dumped in (dumps_yaml(case), dumps_json(case)):
        assert load_case_text(dumped) == case
    with pytest.raises(ValidationError, match=r"debts\[0\]\.assisted_lending: 必须是 true 或 false"):
        load_case_text(text.replace("assisted_lending: true", "assisted_lending: maybe"))
    assert case.debts[1].start_date == date(2026, 1, 5)
