"""Dates in Chinese letters: everyday, capital and 票据 forms, all written out by hand here."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.chinese_dates import (
    bill_date,
    capital_date,
    chinese_date,
    chinese_month,
    parse_chinese_date,
)
from xieshang.core.errors import ValidationError


@pytest.mark.parametrize(
    ("day", "numeric", "capital", "bill"),
    [
        (date(2026, 11, 28), "2026年11月28日", "二〇二六年十一月二十八日", "贰零贰陆年壹拾壹月贰拾捌日"),
        (date(2026, 1, 5), "2026年1月5日", "二〇二六年一月五日", "贰零贰陆年零壹月零伍日"),
        (date(2025, 10, 10), "2025年10月10日", "二〇二五年十月十日", "贰零贰伍年零壹拾月零壹拾日"),
        (date(2024, 2, 20), "2024年2月20日", "二〇二四年二月二十日", "贰零贰肆年零贰月零贰拾日"),
        (date(2030, 12, 31), "2030年12月31日", "二〇三〇年十二月三十一日", "贰零叁零年壹拾贰月叁拾壹日"),
        (date(2026, 3, 15), "2026年3月15日", "二〇二六年三月十五日", "贰零贰陆年叁月壹拾伍日"),
        (date(2026, 4, 30), "2026年4月30日", "二〇二六年四月三十日", "贰零贰陆年肆月零叁拾日"),
    ],
)
def test_the_three_forms(day: date, numeric: str, capital: str, bill: str) -> None:
    assert chinese_date(day) == numeric
    assert capital_date(day) == capital
    assert bill_date(day) == bill


def test_month_form() -> None:
    assert chinese_month(date(2026, 11, 28)) == "2026年11月"


@settings(max_examples=200)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_both_forms_read_back(day: date) -> None:
    assert parse_chinese_date(chinese_date(day)) == day
    assert parse_chinese_date(capital_date(day)) == day


@pytest.mark.parametrize(
    "text", ["", "2026-11-28", "2026年2月30日", "二〇二六年十三月一日", "二〇二六年一月十十日"]
)
def test_parse_rejects_other_text(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_chinese_date(text, "signed_on")
    assert info.value.errors[0].path == "signed_on"
