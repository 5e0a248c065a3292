"""Masking ID numbers, phones and e-mail addresses in documents."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.masking import (
    Disclosure,
    mask_email,
    mask_id_number,
    mask_phone,
    shown_email,
    shown_id_number,
    shown_phone,
)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("110101199001011234", "110***********1234"),  # 18 = 3 + 11 stars + 4
        ("11010119900101123X", "110***********123X"),
        ("110101900101123", "110********1123"),  # old 15-digit number: 3 + 8 stars + last 4 "1123"
        ("1101 0119 9001 0112 34", "110***********1234"),
        ("A12345", "****45"),
        ("", ""),
    ],
)
def test_mask_id_number(raw: str, masked: str) -> None:
    assert mask_id_number(raw) == masked


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138 **** 5678"),
        ("+8613812345678", "+86138****5678"),
        ("010-62345678", "***-****5678"),
        ("", ""),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


def test_mask_email() -> None:
    assert mask_email("zhang.san@example.com") == "z***@example.com"


def test_disclosure_defaults_hide_the_id_and_show_the_contact_details() -> None:
    default = Disclosure()
    assert shown_id_number("110101199001011234", default) == "110***********1234"
    assert shown_phone("13812345678", default) == "13812345678"
    assert shown_email("a@b.cn", default) == "a@b.cn"
    opted = Disclosure(show_id_number=True, show_phone=False, show_email=False)
    assert shown_id_number("110101199001011234", opted) == "110101199001011234"
    assert shown_phone("13812345678", opted) == "138****5678"
    assert shown_email("a@b.cn", opted) == "a***@b.cn"


@settings(max_examples=200)
@given(st.text(alphabet="0123456789X", min_size=8, max_size=20))
def test_masked_ids_keep_length_and_hide_the_middle(number: str) -> None:
    masked = mask_id_number(number)
    assert len(masked) == len(number)
    assert masked[:3] == number[:3] and masked[-4:] == number[-4:]
    assert set(masked[3:-4]) <= {"*"}
