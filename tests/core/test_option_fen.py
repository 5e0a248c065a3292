"""An option on its own in integer 分 (core/option_fen.py) against ``options.evaluate`` in Decimal: every figure
and every row the same Decimal, exponent included."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import event, given, settings
from hypothesis import strategies as st

from xieshang.core import option_fen
from xieshang.core.errors import ValidationError
from xieshang.core.options import DebtPosition, Option, OptionOutcome, evaluate
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

from .test_fen_projection import options, rates

D = Decimal
LIMITS = plan_limits()


def shown(outcome: OptionOutcome) -> object:
    return repr(outcome)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 5_000_000),
    st.sampled_from(["0.00", "12.34", "0", "100"]),
    rates,
    st.sampled_from(["0.00", "100.00", "333.33", "500", "0"]),
    st.booleans(),
    options,
)
def test_an_option_in_fen_is_the_decimal_one(
    principal: int, interest: str, rate: Decimal, monthly: str, agreed: bool, option: Option
) -> None:
    position = DebtPosition(
        "d", "c", LenderType.BANK, D(principal).scaleb(-2), interest=D(interest), monthly_rate=rate,
        contractual_monthly=D(monthly), agreed=agreed,
    )  # fmt: skip
    try:
        want = evaluate(position, option, LIMITS)
    except ValidationError:
        event("outside the limits")
        return
    assert shown(option_fen.evaluate(position, option, LIMITS)) == shown(want)


def test_a_whole_fen_debt_is_evaluated_in_fen() -> None:
    position = DebtPosition(
        "d", "c", LenderType.BANK, D("1000.00"), monthly_rate=D("0.01"), contractual_monthly=D("100")
    )
    terms = option_fen.as_is_terms(position)
    assert option_fen.alone_in_fen(terms, None, 600) is not None
