"""The excess over a legal line, period by period on the principal received, worked by hand.

Lines and LPR rates come from the packaged data files, as in the product. Interest by days uses 365 days.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang import reference
from xieshang.core.legal import LineResult, applicable_lines
from xieshang.core.loans import build_schedule
from xieshang.core.terms import LenderType, Loan, Method, Payment

LINES = reference.legal_lines()
LPR = reference.lpr_series()
D = Decimal


def line(debt: Loan, as_of: date, line_id: str) -> LineResult:
    return next(r for r in applicable_lines(debt, LINES, LPR, as_of) if r.id == line_id)


# ---- the ¥10,000 private loan of the issue -------------------------------------------------------------------

FRIEND = Loan(
    "friend",
    D("10000.00"),
    date(2025, 6, 1),
    12,
    Method.BULLET,
    D("0.10"),
    lender_type=LenderType.PRIVATE,
    penalty_rate_multiplier=D("1.5"),  # the contract's own overdue terms
    compound_overdue_interest=True,
)
DAY_181 = date(2026, 11, 29)  # due 2026-06-01; 2026-06-02 … 2026-11-29 is 181 days


def test_a_private_loan_above_the_line_only_in_the_overdue_period() -> None:
    """¥10,000 at 10 %, one payment after 12 months (2025-06-01 → 2026-06-01, 365 days), never repaid,
    181 days overdue; the contract sets 罚息 at 1.5 × 10 % = 15 % with 复利.

    Line: 4 × the one-year LPR in force on 2025-06-01 (3.00 %, published 2025-05-20) = 12 %.
    Term: interest 10,000 × 10 % × 365/365 = 1,000.00; allowed 10,000 × 12 % × 365/365 = 1,200.00 → no excess
    (its 200.00 of headroom offsets nothing).
    Overdue: 罚息 10,000 × 15 % × 181/365 = 743.835 → 743.84; 复利 1,000 × 15 % × 181/365 = 74.38;
    charged 818.22. Allowed on the principal only: 10,000 × 12 % × 181/365 = 595.068 → 595.07.
    Excess 818.22 − 595.07 = 223.15. (Reported before as ¥0.00, "not above the line".)
    """
    result = line(FRIEND, DAY_181, "private-lending-4x-lpr")
    term, overdue = result.periods
    assert (term.base, term.rate, term.charged, term.allowed, term.excess) == (
        D("10000.00"), D("0.12"), D("1000.00"), D("1200.00"), D("0.00"),
    )  # fmt: skip
    assert (overdue.begin, overdue.end, overdue.base) == (date(2026, 6, 2), DAY_181, D("10000.00"))
    assert (overdue.penalty, overdue.compound, overdue.allowed) == (D("743.84"), D("74.38"), D("595.07"))
    assert overdue.excess == D("223.15") == result.excess
    assert result.exceeded


def test_the_same_loan_with_1000_deducted_in_advance() -> None:
    """The same loan with ¥1,000 taken out at the start (砍头息): ¥9,000 received.

    Art. 26 / 民法典 Art. 670: the principal is 9,000, so every allowance is on 9,000.
    Term: charged 1,000 deducted + 1,000 interest = 2,000.00; allowed 9,000 × 12 % = 1,080.00 → 920.00.
    Overdue: charged 818.22 as before; allowed 9,000 × 12 % × 181/365 = 535.56 → 282.66.
    Excess 920.00 + 282.66 = 1,202.66. (Reported before as ¥1,083.64.)
    """
    result = line(replace(FRIEND, received=D("9000.00")), DAY_181, "private-lending-4x-lpr")
    term, overdue = result.periods
    assert (term.deducted, term.interest, term.charged, term.allowed) == (
        D("1000.00"), D("1000.00"), D("2000.00"), D("1080.00"),
    )  # fmt: skip
    assert (term.excess, overdue.allowed, overdue.excess) == (D("920.00"), D("535.56"), D("282.66"))
    assert result.excess == D("1202.66")


def test_a_consumer_finance_loan_never_paid_against_24_percent() -> None:
    """¥12,000 等额本息 at 30 % (2.5 % a month) over 3 months from 2026-01-15, nothing ever paid; 2026-05-15.

    Instalment A = 12,000 × 0.025 × 1.025³ / (1.025³ − 1) = 4,201.65. Interest 300.00, 202.46, 102.48;
    principal 3,901.65, 3,999.19, 4,099.16 (balances 12,000, 8,098.35, 4,099.16).
    Term: charged 604.94; allowed 24 %/12 × (12,000 + 8,098.35 + 4,099.16) = 483.9502 → 483.95; excess 120.99.
    Overdue (defaults of a financial lender: 罚息 1.5 × 30 % = 45 %, with 复利), 89, 61 and 30 days late:
      罚息 3,901.65 × 0.45 × 89/365 = 428.11; 3,999.19 × 0.45 × 61/365 = 300.76; 4,099.16 × 0.45 × 30/365
      = 151.61 → 880.48; 复利 300 × …89 = 32.92; 202.46 × …61 = 15.23; 102.48 × …30 = 3.79 → 51.94.
      Charged 932.42. Allowed 0.24/365 × (3,901.65 × 89 + 3,999.19 × 61 + 4,099.16 × 30) = 469.59.
      Excess 462.83.
    Total 120.99 + 462.83 = 583.82.
    """
    debt = Loan(
        "cf", D("12000.00"), date(2026, 1, 15), 3, Method.EQUAL_INSTALLMENT, D("0.30"),
        lender_type=LenderType.CONSUMER_FINANCE,
    )  # fmt: skip
    result = line(debt, date(2026, 5, 15), "financial-loan-24")
    term, overdue = result.periods
    assert (term.interest, term.allowed, term.excess) == (D("604.94"), D("483.95"), D("120.99"))
    assert (overdue.penalty, overdue.compound, overdue.allowed) == (D("880.48"), D("51.94"), D("469.59"))
    assert (overdue.begin, overdue.excess) == (date(2026, 2, 16), D("462.83"))
    assert result.excess == D("583.82")


def test_a_2019_private_loan_overdue_across_2020_08_20() -> None:
    """¥10,000 at 20 % for 6 months from 2019-09-01, due 2020-03-01 (182 days), never repaid; as of 2021-03-01.
    No overdue rate was agreed: overdue interest at the term rate, 20 %, without 复利 (Art. 28).

    Art. 31: interest up to 2020-08-19 under the old 24 %; from 2020-08-20, 4 × the LPR at filing (the
    analysis date stands in: 2021-02-20, 3.85 % → 15.40 %).
    Term: interest 10,000 × 20 % × 182/365 = 997.26; allowed at 24 %: 1,196.71 → 0.
    Overdue 2020-03-02 … 2021-03-01, 365 days, one stretch: 10,000 × 20 % × 365/365 = 2,000.00, shared by days:
      2020-03-02 … 2020-08-19 (171 days): 936.99, allowed 10,000 × 24 % × 171/365 = 1,124.38 → 0;
      2020-08-20 … 2021-03-01 (194 days): 1,063.01, allowed 10,000 × 15.4 % × 194/365 = 818.52 → 244.49.
    Excess 244.49: the headroom before the change offsets nothing after it.
    """
    debt = Loan(
        "p", D("10000.00"), date(2019, 9, 1), 6, Method.BULLET, D("0.20"), lender_type=LenderType.PRIVATE
    )
    result = line(debt, date(2021, 3, 1), "private-lending-transition")
    term, before, after = result.periods
    assert (term.interest, term.allowed, term.excess) == (D("997.26"), D("1196.71"), D("0.00"))
    assert (before.begin, before.end, before.rate) == (date(2020, 3, 2), date(2020, 8, 19), D("0.24"))
    assert (before.penalty, before.allowed, before.excess) == (D("936.99"), D("1124.38"), D("0.00"))
    assert (after.begin, after.end, after.rate) == (date(2020, 8, 20), date(2021, 3, 1), D("0.154"))
    assert (after.penalty, after.allowed, after.excess) == (D("1063.01"), D("818.52"), D("244.49"))
    assert result.excess == D("244.49") and result.rate == D("0.154")


def test_an_analysis_date_before_2020_08_20_uses_the_old_rules() -> None:
    """The same loan at 30 %, analysed on 2020-06-01: the old 24 % line applies (a data row, not a literal);
    the 4 × LPR line (contracts from 2020-08-20) and the transition (in force from 2020-08-20) do not.

    Term: 10,000 × 30 % × 182/365 = 1,495.89; allowed 24 %: 1,196.71 → 299.18.
    Overdue 2020-03-02 … 2020-06-01, 92 days at the term rate 30 %: 756.16; allowed 10,000 × 24 % × 92/365 =
    604.93 → 151.23. Excess 450.41.
    """
    debt = Loan(
        "p", D("10000.00"), date(2019, 9, 1), 6, Method.BULLET, D("0.30"), lender_type=LenderType.PRIVATE
    )
    results = {r.id: r for r in applicable_lines(debt, LINES, LPR, date(2020, 6, 1))}
    assert not results["private-lending-4x-lpr"].applies
    assert not results["private-lending-transition"].applies
    old = results["private-lending-old-rules"]
    assert old.applies and old.rate == D("0.24")
    assert [p.excess for p in old.periods] == [D("299.18"), D("151.23")]
    assert old.excess == D("450.41")
    later = line(debt, date(2021, 3, 1), "private-lending-old-rules")
    assert not later.applies and "2020-08-19" in later.reason and "expired" in later.reason_en


def test_a_private_loan_with_neither_a_term_rate_nor_an_overdue_rate() -> None:
    """An interest-free ¥10,000 between friends, due 2025-06-01, unpaid on 2025-09-01 (92 days).

    Art. 28(2)(1): overdue interest at the one-year LPR of the time (2025-05-20: 3.00 %):
    10,000 × 3 % × 92/365 = 75.62; no 复利. Under 4 × LPR (made 2025-01-01: 3.10 % × 4 = 12.40 %): no excess.
    """
    debt = Loan("gift", D("10000.00"), date(2025, 1, 1), 5, Method.BULLET, lender_type=LenderType.PRIVATE)
    result = line(debt, date(2025, 9, 1), "private-lending-4x-lpr")
    (overdue,) = (p for p in result.periods if p.kind == "overdue")
    assert (overdue.penalty, overdue.compound) == (D("75.62"), D("0.00"))
    assert result.excess == 0


# ---- invariants ----------------------------------------------------------------------------------------------

METHODS = [m for m in Method if m is not Method.REVOLVING]


@st.composite
def loans(draw: st.DrawFn, paid: bool = True) -> tuple[Loan, date]:
    method = draw(st.sampled_from(METHODS))
    principal = Decimal(draw(st.integers(1_000_00, 200_000_00))) / 100
    debt = Loan(
        "h",
        principal,
        draw(st.dates(date(2018, 1, 1), date(2027, 12, 31))),
        draw(st.integers(1, 36)),
        method,
        Decimal(draw(st.integers(0, 4800))) / 10000,
        lender_type=draw(st.sampled_from(list(LenderType))),
        received=draw(st.none() | st.integers(50, 100).map(lambda x: principal * x / 100)),
        daily_rate=draw(st.none() | st.integers(1, 10).map(lambda x: Decimal(x) / 10000)),
        period_fee_rate=Decimal(draw(st.integers(0, 90))) / 10000,
        periodic_fee=Decimal(draw(st.sampled_from([0, 0, 1500, 4900]))) / 100,
        upfront_fee=Decimal(draw(st.sampled_from([0, 0, 20000]))) / 100,
        penalty_rate_multiplier=draw(st.none() | st.sampled_from([D("1"), D("1.5")])),
        compound_overdue_interest=draw(st.none() | st.booleans()),
        late_fee_fixed=Decimal(draw(st.integers(0, 50))),
    )
    periods = build_schedule(debt).periods
    span = (periods[-1].due_date - debt.start_date).days
    if paid:
        payments = [
            Payment(p.due_date + timedelta(days=draw(st.sampled_from([0, 0, 3, 40]))), p.payment * share)
            for p in periods
            for share in [Decimal(draw(st.sampled_from([0, 50, 100, 100, 130]))) / 100]
            if share
        ]
        debt = replace(debt, payments=tuple(payments))
    return debt, debt.start_date + timedelta(days=draw(st.integers(0, span + 400)))


@settings(max_examples=80, deadline=None)
@given(loans())
def test_the_periods_add_up_to_the_line_and_each_period_stands_alone(case: tuple[Loan, date]) -> None:
    """For every line: charged, allowed and excess are the sums of the periods; a period's excess is what its
    charges exceed its own allowance by, and nothing when they do not."""
    debt, as_of = case
    for result in applicable_lines(debt, LINES, LPR, as_of):
        periods = result.periods
        assert result.charged == sum((p.charged for p in periods), D(0))
        assert result.allowed == sum((p.allowed for p in periods), D(0))
        assert result.excess == sum((p.excess for p in periods), D(0))
        for period in periods:
            assert period.excess == max(D(0), period.charged - period.allowed)
            assert period.charged == (
                period.interest + period.deducted + period.fees + period.penalty + period.compound
                + period.late_fees
            )  # fmt: skip
        if all(p.charged <= p.allowed for p in periods):
            assert result.excess == 0


CHARGES = {
    "late fee": lambda d: replace(d, late_fee_fixed=d.late_fee_fixed + 25),
    "periodic fee": lambda d: replace(d, periodic_fee=d.periodic_fee + D("30.00")),
    "fee at signing": lambda d: replace(d, upfront_fee=d.upfront_fee + D("300.00")),
    "deduction": lambda d: replace(d, received=d.cash_received - D("500.00")),
    "罚息 rate": lambda d: replace(d, penalty_annual_rate=d.effective_annual_rate_for_penalty + D("0.05")),
    "复利": lambda d: replace(d, compound_overdue_interest=True),
}


@settings(max_examples=80, deadline=None)
@given(loans(paid=False), st.sampled_from(sorted(CHARGES)))
def test_the_excess_never_decreases_when_a_charge_increases(case: tuple[Loan, date], charge: str) -> None:
    """Nothing paid (so no payment moves money between charges): raising any charge the lender takes — a late
    fee, a periodic fee, a fee at signing, the amount deducted, the 罚息 rate, 复利 — never lowers the excess
    over any line, period by period or in total."""
    debt, as_of = case
    before = {r.id: r for r in applicable_lines(debt, LINES, LPR, as_of)}
    after = {r.id: r for r in applicable_lines(CHARGES[charge](debt), LINES, LPR, as_of)}
    for line_id, result in before.items():
        assert after[line_id].excess >= result.excess, (charge, line_id)


@settings(max_examples=60, deadline=None)
@given(
    rate=st.integers(0, 2400).map(lambda x: Decimal(x) / 10000),
    months=st.integers(1, 24),
    overdue_days=st.integers(0, 400),
)
def test_nothing_above_24_percent_in_any_period_means_no_excess(
    rate: Decimal, months: int, overdue_days: int
) -> None:
    """A bank loan at or under 24 % a year, fee-free, nothing deducted, never repaid, with 罚息 agreed at the
    contract rate itself (multiplier 1) and no 复利: every period charges at most the line → excess 0."""
    debt = Loan(
        "b", D("50000.00"), date(2024, 1, 10), months, Method.EQUAL_PRINCIPAL, rate,
        penalty_rate_multiplier=D(1), compound_overdue_interest=False,
    )  # fmt: skip
    as_of = build_schedule(debt).periods[-1].due_date + timedelta(days=overdue_days)
    result = line(debt, as_of, "financial-loan-24")
    assert all(p.charged <= p.allowed + D("0.01") * months for p in result.periods)
    assert result.excess <= D("0.01") * months  # per-period rounding to the 分, nothing more
