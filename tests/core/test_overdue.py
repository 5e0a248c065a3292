"""Overdue status: 罚息, 复利, 违约金 and payment allocation, worked by hand.

Common loan: 等额本金 1,200 at 12 % over 3 months from 2026-01-15, due Feb 15 / Mar 15 / Apr 15:
principal 400 each; interest 12.00, 8.00, 4.00; payments 412, 408, 404.
罚息 rate = 12 % × 1.5 = 18 % a year, / 365 a day. 违约金 = 10.00 + 1 % of the instalment.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.loans import build_schedule
from xieshang.core.overdue import Charges, Outstanding, overdue_status
from xieshang.core.terms import Loan, Method, Payment, PaymentOrder, RevolvingTerms

from .overdue_golden import CASES, load_fixture, loan_from_json, status_json
from .overdue_reference import reference_status

LOAN = Loan(
    "o",
    Decimal(1200),
    date(2026, 1, 15),
    3,
    Method.EQUAL_PRINCIPAL,
    Decimal("0.12"),
    late_fee_fixed=Decimal(10),
    late_fee_rate=Decimal("0.01"),
)


def paying(*payments: tuple[date, str], **changes: object) -> Loan:
    return replace(LOAN, payments=tuple(Payment(d, Decimal(a)) for d, a in payments), **changes)  # type: ignore[arg-type]


def D(text: str) -> Decimal:
    return Decimal(text)


def test_nothing_paid() -> None:
    """As of 2026-03-01, nothing paid: instalment 1 is 14 days late (Feb 16 … Mar 1).

    罚息 400 × 0.18 × 14/365 = 2.7616 → 2.76; 复利 12 × 0.18 × 14/365 = 0.0829 → 0.08;
    违约金 10 + 1 % × 412 = 14.12. Overdue: 400 + 12 + 2.76 + 0.08 + 14.12 = 428.96.
    Outstanding: principal 1,200 (800 not yet due), interest 12, penalty 2.84, fees 14.12 → 1,228.96.
    """
    status = overdue_status(LOAN, date(2026, 3, 1))
    assert status.days_overdue == 14
    (late,) = status.overdue_periods
    assert (late.period, late.days_overdue, late.principal, late.interest) == (1, 14, D("400"), D("12.00"))
    assert status.overdue_total == D("428.96")
    assert status.outstanding == Outstanding(D("1200"), D("12.00"), D("2.84"), D("14.12"), D("1228.96"))
    assert status.charges == Charges(D("12.00"), D("0"), D("2.76"), D("0.08"), D("14.12"))
    assert status.paid_total == 0


def test_partial_payment_settles_fees_penalty_interest_then_principal() -> None:
    """200 paid 2026-02-20 (5 days late), seen on 2026-03-01.

    On Feb 20: 罚息 400 × 0.18 × 5/365 = 0.9863 → 0.99; 复利 12 × 0.18 × 5/365 = 0.0296 → 0.03; 违约金 14.12.
    The 200 pays 14.12 + 0.99 + 0.03 + 12.00 interest, and 172.86 principal → 227.14 principal still late.
    Feb 20 → Mar 1, 9 days: 罚息 227.14 × 0.18 × 9/365 = 1.0081 → 1.01; no interest left, so no 复利.
    Overdue 227.14 + 1.01 = 228.15; principal 227.14 + 800 = 1,027.14 and 1,027.14 + 172.86 repaid = 1,200.
    """
    status = overdue_status(paying((date(2026, 2, 20), "200")), date(2026, 3, 1))
    assert status.overdue_periods[0].principal == D("227.14")
    assert status.overdue_periods[0].interest == 0
    assert status.overdue_total == D("228.15")
    assert status.outstanding == Outstanding(D("1027.14"), D("0"), D("1.01"), D("0"), D("1028.15"))
    assert status.charges == Charges(D("12.00"), D("0"), D("2.00"), D("0.03"), D("14.12"))
    assert (status.paid_total, status.principal_repaid) == (D("200"), D("172.86"))


def test_principal_first_order() -> None:
    """Same 200 with principal before interest: 14.12 + 0.99 + 0.03, then 184.86 principal; the 12 interest stays.

    Feb 20 → Mar 1: 罚息 215.14 × 0.18 × 9/365 = 0.9549 → 0.95; 复利 12 × 0.18 × 9/365 = 0.0533 → 0.05.
    """
    status = overdue_status(
        paying((date(2026, 2, 20), "200"), payment_order=PaymentOrder.PRINCIPAL_FIRST), date(2026, 3, 1)
    )
    late = status.overdue_periods[0]
    assert (late.principal, late.interest) == (D("215.14"), D("12.00"))
    assert status.charges.penalty_interest == D("1.94")
    assert status.charges.compound_interest == D("0.08")
    assert status.outstanding.penalty == D("1.00")


def test_compound_interest_off() -> None:
    """Without 复利 the 12.00 overdue interest bears nothing: only the 2.76 罚息 of the first case."""
    status = overdue_status(replace(LOAN, compound_overdue_interest=False), date(2026, 3, 1))
    assert (status.charges.penalty_interest, status.charges.compound_interest) == (D("2.76"), D("0"))
    assert status.outstanding.penalty == D("2.76")


def test_explicit_penalty_rate() -> None:
    """An explicit 罚息 rate of 36.5 % a year is 0.1 % a day: 400 × 0.001 × 14 = 5.60; 12 × 0.001 × 14 = 0.168 → 0.17."""
    status = overdue_status(replace(LOAN, penalty_annual_rate=D("0.365")), date(2026, 3, 1))
    assert (status.charges.penalty_interest, status.charges.compound_interest) == (D("5.60"), D("0.17"))


def test_payment_on_the_due_date_is_on_time() -> None:
    """412 paid on 2026-02-15 itself: nothing late on Mar 1, no 违约金, no 罚息."""
    status = overdue_status(paying((date(2026, 2, 15), "412")), date(2026, 3, 1))
    assert (status.days_overdue, status.overdue_periods, status.overdue_total) == (0, (), 0)
    assert status.charges.late_fees == 0 and status.charges.penalty_interest == 0
    assert status.outstanding.principal == D("800")


def test_due_today_is_not_overdue() -> None:
    """On 2026-02-15 instalment 1 is due, not late: its interest is outstanding, nothing is overdue."""
    status = overdue_status(LOAN, date(2026, 2, 15))
    assert (status.days_overdue, status.overdue_total) == (0, 0)
    assert status.outstanding.interest == D("12.00")


def test_late_fee_is_charged_once_per_instalment() -> None:
    """Nothing paid, as of 2026-04-20: three instalments late (64, 36, 5 days).

    违约金 (10 + 4.12) + (10 + 4.08) + (10 + 4.04) = 42.24, however many payments follow.
    """
    status = overdue_status(LOAN, date(2026, 4, 20))
    assert [p.days_overdue for p in status.overdue_periods] == [64, 36, 5]
    assert status.days_overdue == 64
    assert status.charges.late_fees == D("42.24")
    later = overdue_status(paying((date(2026, 4, 1), "1"), (date(2026, 4, 10), "1")), date(2026, 4, 20))
    assert later.charges.late_fees == D("42.24")


def test_money_before_the_due_date_pays_that_instalment_and_the_rest_reduces_principal() -> None:
    """500 paid 2026-02-10, before the first due date: 412 pays instalment 1 early (12 + 400); the 88 left is
    a prepayment. It reduces principal from the last instalment backwards (instalment 3: 400 → 312), and the
    interest after the current period is recomputed on the lower balance (民法典 Art. 677):
    instalment 2: (400 + 312) × 1 % = 7.12 (was 8.00); instalment 3: 312 × 1 % = 3.12 (was 4.00).

    Instalment 2 (400 + 7.12) is unpaid on Mar 15, so by Mar 20 (5 days): 罚息 400 × 0.18 × 5/365 = 0.9863
    → 0.99; 复利 7.12 × 0.18 × 5/365 = 0.0176 → 0.02; 违约金 10 + 1 % × 407.12 = 14.07.
    Principal outstanding 400 + 312 = 712; repaid 412 − 12 + 88 = 488.
    """
    status = overdue_status(paying((date(2026, 2, 10), "500")), date(2026, 3, 20))
    (late,) = status.overdue_periods
    assert (late.period, late.principal, late.interest, late.days_overdue) == (2, D("400"), D("7.12"), 5)
    assert status.overdue_total == D("400") + D("7.12") + D("0.99") + D("0.02") + D("14.07")
    assert (status.outstanding.principal, status.principal_repaid) == (D("712"), D("488"))
    assert status.history is not None
    assert [(p.day, p.principal) for p in status.history.prepayments] == [(date(2026, 2, 10), D("88"))]
    assert status.credit == 0


def test_paying_everything_early_drops_later_interest() -> None:
    """2,000 on 2026-02-01 repays all 1,200 principal and instalment 1's 12 interest; the 8 and 4 of later months
    are not charged (interest for the actual period). Nothing is owed on 2026-04-30.
    """
    status = overdue_status(paying((date(2026, 2, 1), "2000")), date(2026, 4, 30))
    assert status.outstanding.total == 0
    assert status.overdue_periods == ()
    assert status.charges.interest == D("12.00")


def test_payments_after_as_of_are_ignored() -> None:
    status = overdue_status(paying((date(2026, 3, 2), "500")), date(2026, 3, 1))
    assert status.paid_total == 0 and status.overdue_total == D("428.96")


def test_revolving_card_overdue() -> None:
    """Card of 10,000 from 2026-01-05 (statement day 5, due 25th), 0.05 % a day, 5 % 违约金 on the unpaid minimum.

    Statement Jan 5: minimum 1,000 due Jan 25; 500 paid on Jan 25 → 违约金 5 % × 500 = 25.00 on Jan 26.
    Statement Feb 5: interest 10,000 × 20 d × 0.0005 + 9,500 × 11 d × 0.0005 = 100 + 52.25 = 152.25;
    balance 10,000 + 152.25 + 25 − 500 = 9,677.25; minimum 967.73 due Feb 25, nothing paid.
    On Mar 1 the Feb statement is 4 days late by 967.73; the Jan one is still 500 short (1,000 − 500 paid since),
    35 days late, so the run of late statements starts there. Being current again takes the latest minimum.
    Feb 26: 违约金 5 % × 967.73 = 48.39; both 违约金 are unpaid: 73.39.
    """
    card = Loan(
        "c",
        Decimal(10000),
        date(2026, 1, 5),
        0,
        Method.REVOLVING,
        revolving=RevolvingTerms(),
        payments=(Payment(date(2026, 1, 25), Decimal(500)),),
    )
    status = overdue_status(card, date(2026, 3, 1))
    assert [(p.due_date, p.principal, p.days_overdue) for p in status.overdue_periods] == [
        (date(2026, 1, 25), D("500"), 35),
        (date(2026, 2, 25), D("967.73"), 4),
    ]
    assert status.days_overdue == 35
    assert status.overdue_total == D("967.73")
    assert status.charges.late_fees == D("73.39")
    assert status.outstanding.principal + status.principal_repaid == D("10000")
    assert status.outstanding.fees == D("73.39")


def test_golden_cases_give_the_recorded_status_field_by_field() -> None:
    """480 generated loans (every method, both payment orders, late fees, 复利 on and off, early settlement,
    shuffled and same-day payments, cards) against the status the slow replay recorded in
    ``fixtures/overdue_golden.json`` (see ``overdue_golden.py``). Decimals compare as text: 0 ≠ 0.00.
    """
    cases = load_fixture()
    assert len(cases) == CASES
    differing = [
        case["loan"]["id"]
        for case in cases
        if status_json(overdue_status(loan_from_json(case["loan"]), date.fromisoformat(case["as_of"])))
        != case["status"]
    ]
    assert differing == []


@st.composite
def loans_paid_any_way(draw: st.DrawFn) -> tuple[Loan, date]:
    """An instalment loan of up to 48 months with up to 40 payments: on due dates, late, short, over, random."""
    method = draw(st.sampled_from([m for m in Method if m is not Method.REVOLVING]))
    loan = Loan(
        "h",
        Decimal(draw(st.integers(100_00, 500_000_00))) / 100,
        draw(st.dates(date(2018, 1, 1), date(2030, 12, 31))),
        draw(st.integers(1, 48)),
        method,
        Decimal(draw(st.integers(0, 3600))) / 10000,
        daily_rate=draw(st.none() | st.integers(1, 10).map(lambda x: Decimal(x) / 10000)),
        period_fee_rate=Decimal(draw(st.integers(0, 90))) / 10000,
        periodic_fee=Decimal(draw(st.sampled_from([0, 0, 1500, 4900]))) / 100,
        payment_day=draw(st.none() | st.integers(1, 31)),
        penalty_annual_rate=draw(st.none() | st.integers(0, 3650).map(lambda x: Decimal(x) / 10000)),
        compound_overdue_interest=draw(st.booleans()),
        late_fee_fixed=Decimal(draw(st.integers(0, 50))),
        late_fee_rate=draw(st.sampled_from([Decimal(0), Decimal("0.01")])),
        payment_order=draw(st.sampled_from(list(PaymentOrder))),
    )
    periods = build_schedule(loan).periods
    span = (periods[-1].due_date - loan.start_date).days + 90
    payments = []
    for _ in range(draw(st.integers(0, 40))):
        if draw(st.booleans()):
            period = draw(st.sampled_from(periods))
            day = period.due_date + timedelta(days=draw(st.sampled_from([0, 0, 1, 5, 40, -3])))
            share = Decimal(draw(st.sampled_from([100, 100, 60, 130, 0]))) / 100
            amount = (period.payment * share).quantize(Decimal("0.01"))
        else:
            day = loan.start_date + timedelta(days=draw(st.integers(0, span)))
            amount = Decimal(draw(st.integers(0, 2 * int(loan.principal) * 100))) / 100
        payments.append(Payment(day, amount))
    as_of = loan.start_date + timedelta(days=draw(st.integers(0, span + 300)))
    return replace(loan, payments=tuple(payments)), as_of


@settings(max_examples=150, deadline=None)
@given(loans_paid_any_way())
def test_fast_replay_equals_the_slow_reference(case: tuple[Loan, date]) -> None:
    """The fast replay gives exactly (as text) what walking every instalment for every payment gives."""
    loan, as_of = case
    assert status_json(overdue_status(loan, as_of)) == status_json(reference_status(loan, as_of))
