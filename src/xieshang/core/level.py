"""A re-instalment's level payment (:func:`level_payment`), searched in integer 分 where that is exact.

The search runs the debt once per guess; in Decimal that was a third of each option's evaluation. Here the
balances are whole 分 and the monthly rate an exact integer ratio ``n / d``, so a month's interest is
``(2·p·n + d) // (2·d)``, exactly ``cents(p × rate)`` (half up). Where that could differ from the Decimal
arithmetic (an amount not in whole 分, a product the context's precision would round), :func:`level_in_fen`
returns ``None`` and the Decimal search decides.
"""

from __future__ import annotations

import math
from decimal import Decimal, getcontext
from functools import lru_cache

from .loans import annuity_payment
from .money import CENT, ZERO, cents, quantize_half_up


def fen(value: Decimal) -> int | None:
    """``value`` in whole 分, or None when it is not a whole number of 分 (or not finite)."""
    if not value.is_finite():
        return None
    numerator, denominator = value.as_integer_ratio()
    scaled, rest = divmod(numerator * 100, denominator)
    return None if rest else scaled


def from_fen(amount: int) -> Decimal:
    """``amount`` 分 as a Decimal to the 分 (exponent -2, as :func:`money.cents` gives)."""
    return Decimal(amount).scaleb(-2)


def rate_ratio(rate: Decimal, principal: int) -> tuple[int, int] | None:
    """``rate`` as an exact integer ratio for interest on balances up to ``principal`` 分, or None when the
    Decimal product ``principal × rate`` could be rounded by the context's precision (then only the Decimal
    arithmetic gives today's figures). Interest in 分 is then ``(2·p·n + d) // (2·d)``: ``cents(p × rate)``."""
    if not rate.is_finite():
        return None
    if rate <= 0:
        return 0, 1
    if len(str(abs(principal))) + len(rate.as_tuple().digits) > getcontext().prec:
        return None
    return rate.as_integer_ratio()


def level_in_fen(
    principal: Decimal, charges: Decimal, rate: Decimal, months: int, low: Decimal, high: Decimal
) -> Decimal | None:
    """:func:`level_payment`'s search in integer 分 (the same steps, the same roundings); None when an amount
    is not whole 分 or the rate's products might not be exact, so the Decimal search decides."""
    p, c, lo, hi = fen(principal), fen(charges), fen(low), fen(high)
    if p is None or c is None or lo is None or hi is None:
        return None
    ratio = rate_ratio(rate, p)
    if ratio is None or len(str(abs(hi))) + 2 > getcontext().prec:
        return None
    n, d = ratio
    while clears_fen(p, c, n, d, months, hi) is False:
        high += high
        hi += hi
    # ``clears_fen`` is monotone in the level (a larger one leaves no more principal, charges or total owed in
    # any month), so the least level that clears is one number: the bisection's. It is found from an estimate
    # (the unrounded month model solved by two secant steps), walking out from it in doubling steps and halving.
    guess = min(max(_estimate(p, c, n / d, months, lo, hi), lo + 1), hi)
    step = 1
    if clears_fen(p, c, n, d, months, guess):
        top, bottom = guess, guess - step
        while bottom > lo and clears_fen(p, c, n, d, months, bottom):
            top, step = bottom, step * 2
            bottom = top - step
        bottom = max(bottom, lo)
    else:
        bottom, top = guess, guess + step
        while top < hi and not clears_fen(p, c, n, d, months, top):
            bottom, step = top, step * 2
            top = bottom + step
        top = min(top, hi)
    while top - bottom > 1:
        middle = (bottom + top) // 2
        if clears_fen(p, c, n, d, months, middle):
            top = middle
        else:
            bottom = middle
    return high if top == hi else from_fen(top)


def _estimate(principal: int, charges: int, rate: float, months: int, low: int, high: int) -> int:
    """Where the least clearing level should be: the month model without rounding, solved for what is owed at the
    end being nothing by two secant steps between ``low`` and ``high``."""

    def owed(level: float) -> float:
        p, c = float(principal), float(charges)
        for _ in range(months):
            c += p * rate
            if level <= c:
                c -= level
            else:
                p -= level - c
                c = 0.0
        return p + c

    a, b = float(low), float(high)
    fa, fb = owed(a), owed(b)
    for _ in range(2):
        if not (math.isfinite(fa) and math.isfinite(fb)) or fa == fb:
            break
        x = b - fb * (b - a) / (fb - fa)
        fx = owed(x)
        if fx > 0:
            a, fa = x, fx
        else:
            b, fb = x, fx
    guess = b - fb * (b - a) / (fb - fa) if fa != fb else math.nan
    return round(guess) if math.isfinite(guess) and a <= b else (low + high) // 2


def clears_fen(principal: int, charges: int, n: int, d: int, months: int, level: int) -> bool:
    """:func:`_clears` in 分 at the rate ``n / d``."""
    twice = 2 * d
    for _ in range(months):
        if principal > 0 and n > 0:
            charges += (2 * principal * n + d) // twice
        paid = min(level, principal + charges)
        to_charges = min(paid, charges)
        charges -= to_charges
        principal -= paid - to_charges
        if principal + charges <= 0:
            return True
    return False


@lru_cache(maxsize=4096)
def level_payment(principal: Decimal, charges: Decimal, rate: Decimal, months: int) -> Decimal:
    """The level instalment that clears ``principal`` and ``charges`` in exactly ``months`` months.

    The month model of :class:`DebtLedger`: interest at ``rate`` on the principal only (rounded to the 分),
    a payment settles charges first. The level is the least amount, to the 分, for which ``months`` payments
    clear the debt, so the last payment absorbs the residue and is never larger than the others (at least one
    分, so a balance smaller than its instalment count still ends). It lies between the interest-free share
    ``(principal + charges) / months`` and the 等额本息 payment on the whole balance (charges bearing interest
    too); the search halves that range.
    """
    total = principal + charges
    if total <= 0:
        return ZERO
    low = max(cents(total / months) - CENT, ZERO)  # never clears (interest only adds)
    high = max(annuity_payment(total, rate, months), CENT)  # always clears
    found = level_in_fen(principal, charges, rate, months, low, high)
    if found is None:
        found = _level_in_decimal(principal, charges, rate, months, low, high)
    return max(found, min(CENT, total))


def _level_in_decimal(
    principal: Decimal, charges: Decimal, rate: Decimal, months: int, low: Decimal, high: Decimal
) -> Decimal:
    """The least level between ``low`` (never clears) and ``high`` (clears) that clears, to the 分."""
    while _clears(principal, charges, rate, months, high) is False:
        high += high
    while high - low > CENT:
        middle = cents((low + high) / 2)
        if _clears(principal, charges, rate, months, middle):
            high = middle
        else:
            low = middle
    return high


def _clears(principal: Decimal, charges: Decimal, rate: Decimal, months: int, level: Decimal) -> bool:
    for _ in range(months):
        if principal > 0 and rate > 0:
            charges += quantize_half_up(principal * rate, CENT)
        paid = min(level, principal + charges)
        to_charges = min(paid, charges)
        charges -= to_charges
        principal -= paid - to_charges
        if principal + charges <= 0:
            return True
    return False
