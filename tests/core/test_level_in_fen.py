"""The level instalment's search in integer 分 gives what the Decimal search gives, figure and form."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from xieshang.core.level import _level_in_decimal, fen, from_fen, rate_ratio
from xieshang.core.level import level_in_fen as _level_in_fen
from xieshang.core.loans import annuity_payment
from xieshang.core.money import CENT, ZERO, cents

amounts = st.integers(min_value=0, max_value=50_000_000).map(from_fen)
rates = st.decimals(min_value=0, max_value=Decimal("0.05"), places=6) | st.sampled_from(
    [Decimal("0.0192"), Decimal("0.15") / 12, Decimal("0.036") / 12]
)


@given(amounts, amounts, rates, st.integers(min_value=1, max_value=120))
def test_the_search_in_fen_matches_the_decimal_search(principal, charges, rate, months):
    total = principal + charges
    if total <= 0:
        return
    low = max(cents(total / months) - CENT, ZERO)
    high = max(annuity_payment(total, rate, months), CENT)
    fast = _level_in_fen(principal, charges, rate, months, low, high)
    slow = _level_in_decimal(principal, charges, rate, months, low, high)
    if fast is not None:
        assert (fast, fast.as_tuple().exponent) == (slow, slow.as_tuple().exponent)


def test_fen_is_whole_fen_only():
    assert fen(Decimal("12.30")) == 1230
    assert fen(Decimal("14230")) == 1423000
    assert fen(Decimal("0.005")) is None
    assert fen(Decimal("NaN")) is None
    assert str(from_fen(1230)) == "12.30"
    assert str(from_fen(0)) == "0.00"


def test_a_rate_too_long_for_an_exact_product_falls_back():
    assert rate_ratio(Decimal("0.0192"), 10**8) == (Decimal("0.0192").as_integer_ratio())
    assert rate_ratio(Decimal(1) / 3, 10**8) is None
    assert rate_ratio(ZERO, 10**8) == (0, 1)
