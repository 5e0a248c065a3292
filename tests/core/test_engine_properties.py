"""Invariants of the debt engine over generated loans (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.core.cost import true_cost
from xieshang.core.errors import NoRateError
from xieshang.core.loans import build_schedule
from xieshang.core.overdue import overdue_status
from xieshang.core.terms import Loan, Method, Payment

MONTHLY = [m for m in Method if m is not Method.REVOLVING]

amounts = st.integers(min_value=100_00, max_value=5_000_000_00).map(lambda c: Decimal(c) / 100)
rates = st.integers(min_value=0, max_value=3600).map(lambda bp: Decimal(bp) / 10000)  # 0–36 % a year
starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def loans(draw: st.DrawFn, methods: list[Method] = MONTHLY, max_term: int = 360) -> Loan:
    method = draw(st.sampled_from(methods))
    return Loan(
        "p",
        draw(amounts),
        draw(starts),
        draw(st.integers(min_value=1, max_value=max_term)),
        method,
        draw(rates),
        daily_rate=draw(st.none() | st.integers(0, 10).map(lambda x: Decimal(x) / 10000)),
        period_fee_rate=draw(st.integers(0, 100).map(lambda x: Decimal(x) / 10000)),
        payment_day=draw(st.none() | st.integers(1, 31)),
        periodic_fee=draw(st.integers(0, 10_000).map(lambda c: Decimal(c) / 100)),
        day_count=draw(st.sampled_from([360, 365])),
    )


@settings(max_examples=200, deadline=None)
@given(loans())
def test_principal_sums_exactly_and_balances_never_go_negative(loan: Loan) -> None:
    schedule = build_schedule(loan)
    assert schedule.total_principal == loan.principal
    balances = [p.balance for p in schedule.periods]
    assert all(b >= 0 for b in balances) and balances[-1] == 0
    assert balances == sorted(balances, reverse=True)
    assert all(p.principal >= 0 and p.interest >= 0 and p.fee >= 0 for p in schedule.periods)
    assert [p.due_date for p in schedule.periods] == sorted(p.due_date for p in schedule.periods)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=100_00, max_value=200_000_00).map(lambda c: Decimal(c) / 100), starts)
def test_revolving_minimum_projection_repays_exactly(principal: Decimal, start: date) -> None:
    schedule = build_schedule(Loan("r", principal, start, 0, Method.REVOLVING))
    assert schedule.total_principal == principal
    assert all(p.balance >= 0 for p in schedule.periods) and schedule.periods[-1].balance == 0


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=100_000_00, max_value=5_000_000_00).map(lambda c: Decimal(c) / 100),
    st.integers(min_value=1, max_value=360),
    rates,
    starts.filter(lambda d: d.day <= 28),
)
def test_fee_free_annuity_costs_its_nominal_rate(
    principal: Decimal, term: int, rate: Decimal, start: date
) -> None:
    """Rounding to the 分 moves the IRR by less than 1e-6 on loans of 100,000 and more."""
    cost = true_cost(Loan("a", principal, start, term, Method.EQUAL_INSTALLMENT, rate))
    assert cost.method == "irr"
    assert abs(cost.apr - rate) <= Decimal("1e-6")


@settings(max_examples=100, deadline=None)
@given(
    loans(
        methods=[
            Method.EQUAL_INSTALLMENT,
            Method.EQUAL_PRINCIPAL,
            Method.INTEREST_ONLY,
            Method.CARD_INSTALMENT,
        ]
    ),
    st.integers(min_value=1, max_value=50_000).map(lambda c: Decimal(c) / 100),
    st.integers(min_value=1, max_value=500).map(lambda permille: Decimal(permille) / 10000),
)
def test_more_fees_never_lower_the_apr(loan: Loan, extra_fee: Decimal, deduction: Decimal) -> None:
    """A cost too high to represent (a large fee due one day after the start) counts as higher than any."""
    base = true_cost(loan).apr
    assert _apr_or_infinite(replace(loan, periodic_fee=loan.periodic_fee + extra_fee)) >= base - Decimal(
        "1e-9"
    )
    less = replace(loan, received=loan.principal - (loan.principal * deduction).quantize(Decimal("0.01")))
    assert _apr_or_infinite(less) >= base - Decimal("1e-9")


def _apr_or_infinite(loan: Loan) -> Decimal:
    try:
        return true_cost(loan).apr
    except NoRateError as error:
        assert "too high to represent" in str(error)
        return Decimal("Infinity")


@st.composite
def loans_with_payments(draw: st.DrawFn) -> tuple[Loan, date]:
    loan = draw(loans(max_term=36))
    schedule = build_schedule(loan)
    end = schedule.periods[-1].due_date + timedelta(days=60)
    span = (end - loan.start_date).days
    days = draw(st.lists(st.integers(0, span), max_size=8))
    paid = draw(
        st.lists(
            amounts.map(lambda a: (a / 20).quantize(Decimal("0.01")) + 1),
            min_size=len(days),
            max_size=len(days),
        )
    )
    payments = tuple(
        sorted(
            (Payment(loan.start_date + timedelta(days=d), a) for d, a in zip(days, paid, strict=True)),
            key=lambda p: p.date,
        )
    )
    as_of = loan.start_date + timedelta(days=draw(st.integers(0, span)))
    return replace(
        loan,
        payments=payments,
        late_fee_fixed=Decimal(draw(st.integers(0, 50))),
        late_fee_rate=Decimal("0.01"),
    ), as_of


@settings(max_examples=150, deadline=None)
@given(loans_with_payments())
def test_overdue_principal_outstanding_plus_repaid_is_the_principal(case: tuple[Loan, date]) -> None:
    loan, as_of = case
    status = overdue_status(loan, as_of)
    assert status.outstanding.principal + status.principal_repaid == loan.principal
    assert status.outstanding.principal >= 0
    assert 0 <= status.overdue_total <= status.outstanding.total
    assert status.outstanding.penalty <= status.charges.penalty_interest + status.charges.compound_interest
