"""The bank exports of the shared samples (ABC, BOC debit and credit, BOCOM debit and credit, CGB, CITIC, SPDB):
totals worked out by hand from the rows, and every entry of the source project's own expected output
(``*-output.beancount``) found among ours — same amount, same day, money going the same way."""

from __future__ import annotations

from decimal import Decimal

import pytest

from xieshang.core.transactions import totals
from xieshang.importers import abc, boc, bocom, cgb, citic, spdb
from xieshang.importers.detect import import_bytes

from .expected import entries, unmatched
from .helpers import fuzz, sample

D = "deb-sig-examples/"
CASES = [
    # (records, expected output, account, format, (income, n), (expense, n), (neutral, n), skipped rows)
    (
        "abc_debit/example-abc_debit-records.csv",
        "abc_debit/example-abc_debit-output.beancount",
        "Assets:ABC:DebitCard",
        "abc_debit",
        ("10000.01", 2),
        ("10.00", 1),
        ("12345.89", 1),
        (6,),
    ),
    (
        "boc/debit/example-boc-records.csv",
        "boc/debit/example-boc-debit-output.beancount",
        "Assets:DC:BoC:3167",
        "boc_debit",
        ("6821.00", 3),
        ("9394.30", 13),
        ("3000.00", 1),
        (),
    ),
    (
        "boc/credit/example-boc-records.csv",
        "boc/credit/example-boc-credit-output.beancount",
        "Liabilities:CC:BoC:",
        "boc_credit",
        ("989.84", 6),
        ("1228.09", 7),
        ("0.00", 0),
        (16,),
    ),
    (
        "bocom_debit/example-bocom_debit-records.csv",
        "bocom_debit/example-bocom_debit-output.beancount",
        "Assets:DebitCard:BOCOM",
        "bocom_debit",
        ("11.25", 3),
        ("110.79", 2),
        ("3.21", 1),
        (),
    ),
    (
        "bocom_credit/example-bocom_credit-records.csv",
        "bocom_credit/example-bocom_credit-output.beancount",
        "Liabilities:BOCOM:CreditCard",
        "bocom_credit",
        ("125.17", 2),
        ("73.58", 4),
        ("680.10", 2),
        (),
    ),
    (
        "cgb_credit/example-cgb_credit-records.csv",
        "cgb_credit/example-cgb_credit-output.beancount",
        "Liabilities:CGB:CreditCard",
        "cgb_credit",
        ("97.20", 1),
        ("403.32", 2),
        ("1130.68", 1),
        (),
    ),
    (
        "citic/credit/example-citic-records.xls",
        "citic/credit/example-citic-credit-output.beancount",
        "Liabilities:CreditCard:CITIC",
        "citic_credit",
        ("0.20", 1),
        ("1098.80", 11),
        ("1.21", 1),
        (),
    ),
    (
        "spdb_debit/example-spdb_debit-records.xls",
        "spdb_debit/example-spdb_debit-output.beancount",
        "Assets:DebitCard:SPB1234",
        "spdb_debit",
        ("10.00", 1),
        ("11.64", 3),
        ("0.00", 0),
        (),
    ),
]


@pytest.mark.parametrize(
    ("records", "output", "account", "name", "income", "expense", "neutral", "skipped"),
    CASES,
    ids=[c[3] for c in CASES],
)
def test_bank_sample_by_hand_and_against_the_expected_output(
    records: str,
    output: str,
    account: str,
    name: str,
    income: tuple[str, int],
    expense: tuple[str, int],
    neutral: tuple[str, int],
    skipped: tuple[int, ...],
) -> None:
    """By hand, from the rows:

    - ABC: in 转存 +10,000.00 + 结息 0.01; out 财付通 10.00; 正常还款 12,345.89 neutral; row 6 利息税 +0.00 skipped.
    - BOC debit: in 退款 50.00 + 工资 5,771.00 + 银联入账 1,000.00 = 6,821.00; out 71.89 + 326.00 + 50.00 + 60.00 +
      206.80 + 68.14 + 2,600.00 + 13.50 + 15.48 + 16.00 + 2,769.59 + 196.90 + 3,000.00 = 9,394.30; the 3,000.00
      网上快捷提现 from one's own Alipay is neutral.
    - BOC credit: 支出 50.00 + 0.59 + 68.19 + 468.32 + 448.32 + 131.77 + 60.90 = 1,228.09; 存入 利息 0.01 + 曾三 361.19
      (a transfer in; the export does not call it 还款) + refunds 70.48 + 397.84 + 70.48 + 89.84 = 989.84; row 16,
      USD 3.72, left out.
    - BOCOM debit: 贷 1.23 + 0.02 + 10.00 = 11.25; 借 10.00 + 100.79 = 110.79; 信用卡转账还款 3.21 neutral.
    - BOCOM credit: 退货 123.18 + 1.99 = 125.17; 消费 2.99 + 10.00 + 10.74 + 49.85 (JPY 1,000 booked as CNY 49.85) =
      73.58; 信用卡还款 666.60 + 13.50 = 680.10 neutral.
    - CGB: （消费）15.90 + （分期）387.42 = 403.32; （退款）97.20; （还款）1,130.68 neutral.
    - CITIC: 5.90 + 807.89 + 88.00 + 25.00 + 4.00 + 20.47 + 76.80 + 39.24 + 10.34 + 1.00 + 20.16 = 1,098.80; the
      笔笔返 reward 0.20 is income; 财付通还款 1.21 neutral.
    - SPDB: 取出 3.88 × 3 = 11.64; 存入 10.00.
    """
    result = import_bytes(sample(D + records))
    assert result.format == name
    t = totals(result.transactions)
    assert (t.income, t.income_count) == (Decimal(income[0]), income[1])
    assert (t.expense, t.expense_count) == (Decimal(expense[0]), expense[1])
    assert (t.neutral, t.neutral_count) == (Decimal(neutral[0]), neutral[1])
    assert tuple(row for row, _reason in result.skipped) == skipped
    expected = entries(D + output)
    assert expected, "the expected output has entries"
    assert unmatched(expected, result.transactions, account) == []


def test_card_rows_keep_both_dates() -> None:
    first = import_bytes(sample(D + "boc/credit/example-boc-records.csv")).transactions[0]
    assert (first.time.date().isoformat(), first.posted and first.posted.isoformat()) == (
        "2024-12-13",
        "2024-12-14",
    )


test_fuzz_abc = fuzz(abc.parse, sample(D + CASES[0][0]))
test_fuzz_boc_debit = fuzz(boc.parse_debit, sample(D + CASES[1][0]))
test_fuzz_boc_credit = fuzz(boc.parse_credit, sample(D + CASES[2][0]))
test_fuzz_bocom_debit = fuzz(bocom.parse_debit, sample(D + CASES[3][0]))
test_fuzz_bocom_credit = fuzz(bocom.parse_credit, sample(D + CASES[4][0]))
test_fuzz_cgb = fuzz(cgb.parse, sample(D + CASES[5][0]))
test_fuzz_citic = fuzz(citic.parse, sample(D + CASES[6][0]))
test_fuzz_spdb = fuzz(spdb.parse, sample(D + CASES[7][0]))
