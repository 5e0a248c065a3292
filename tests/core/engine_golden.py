"""Golden cases for ``build_schedule`` and ``true_cost``: 1,000 random loans, every period and every rate recorded.

The fixture ``tests/core/fixtures/engine_golden.json`` was written ONCE by the engine as it stood before the
speed work of issue 18 (Decimal arithmetic throughout, one ``Period`` per instalment, the flows converted to
floats for pyxirr); ``test_engine_golden.py`` checks that the current code still gives the same schedule and
the same periodic IRR, APR and EAR, digit by digit (``str`` of every Decimal, so 0 and 0.00 differ).

Refresh it only when a rule of ``loans.py`` or ``cost.py`` changes on purpose, then read the diff::

    .venv/bin/python -m tests.core.engine_golden --update

Without ``--update`` the script only reports how many cases differ from the fixture.
The loans come from a seeded generator, so a refresh with unchanged code rewrites the same file.
A line of the fixture is one loan; a period is ``"due_date principal interest fee balance"``.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from xieshang.core.cost import true_cost
from xieshang.core.errors import NoRateError
from xieshang.core.loans import build_schedule
from xieshang.core.terms import Loan, Method, RevolvingTerms

from .overdue_golden import golden_cli, loan_from_json, to_json

FIXTURE = Path(__file__).with_name("fixtures") / "engine_golden.json"
SEED = 20261218
CASES = 1000
METHODS = list(Method)


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    """Cents between ``low`` and ``high`` yuan; now and then a whole number written without decimals."""
    if rng.random() < 0.15:
        return Decimal(rng.randint(low, high))
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _term(rng: random.Random) -> int:
    """Mostly the terms people have (1–60 months), one in ten anything up to 30 years."""
    return rng.choice([1, 2, 3, 6, 12, 12, 24, 36, 48, 60, rng.randint(1, 360)])


def random_loan(rng: random.Random, index: int) -> Loan:
    """One loan of any method: odd payment days (29–31), fee-free and fee-laden, 砍头息 and upfront fees."""
    method = METHODS[index % len(METHODS)]
    principal = _money(rng, 100, 2_000_000)
    deducted = rng.choice([0, 0, 0, 1, 2, 5, 10])
    return Loan(
        f"e{index}",
        principal,
        date(2018, 1, 1) + timedelta(days=rng.randint(0, 3650)),
        0 if method is Method.REVOLVING else _term(rng),
        method,
        Decimal(rng.choice([0, 360, 435, 490, 1200, 1800, 2400, 3600, rng.randint(0, 3600)])) / 10000,
        received=None
        if deducted == 0
        else principal - (principal * deducted / 100).quantize(Decimal("0.01")),
        daily_rate=rng.choice([None, None, Decimal(rng.randint(1, 10)) / 10000]),
        period_fee_rate=Decimal(rng.randint(0, 90)) / 10000,
        day_count=rng.choice([360, 365]),
        periodic_fee=rng.choice([Decimal(0), Decimal(0), Decimal(0), Decimal("15.00"), _money(rng, 0, 200)]),
        upfront_fee=rng.choice([Decimal(0), Decimal(0), Decimal(0), _money(rng, 0, 2000)]),
        payment_day=rng.choice([None, None, None, rng.randint(1, 31), 31, 29, 30]),
        revolving=RevolvingTerms(
            statement_day=rng.randint(1, 28),
            due_day=rng.choice([rng.randint(1, 31), 25]),
            min_payment_rate=Decimal(rng.choice([5, 10])) / 100,
            min_payment_floor=Decimal(rng.choice([50, 100])),
        )
        if method is Method.REVOLVING
        else None,
    )


def golden_loans(count: int = CASES, seed: int = SEED) -> list[Loan]:
    """``count`` loans, every method in turn; the same list for the same seed."""
    rng = random.Random(seed)
    return [random_loan(rng, index) for index in range(count)]


def result_json(loan: Loan) -> dict[str, Any]:
    """The schedule as one string a period, and the true cost's rates (or the message when there is none)."""
    schedule = build_schedule(loan)
    periods = [
        f"{p.due_date.isoformat()} {p.principal} {p.interest} {p.fee} {p.balance}" for p in schedule.periods
    ]
    assert [p.period for p in schedule.periods] == list(range(1, len(periods) + 1))
    try:
        cost = true_cost(loan, schedule)
    except NoRateError as error:
        return {"periods": periods, "cost": {"error": str(error)}}
    return {
        "periods": periods,
        "cost": {
            "method": cost.method,
            "periods_per_year": cost.periods_per_year,
            "periodic_irr": str(cost.periodic_irr),
            "apr": str(cost.apr),
            "ear": str(cost.ear),
            "flows": len(cost.cash_flows),
        },
    }


def build_fixture() -> list[dict[str, Any]]:
    return [{"loan": to_json(loan), **result_json(loan)} for loan in golden_loans()]


def load_fixture() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return cases


def stored_loan(case: dict[str, Any]) -> Loan:
    """The loan of a fixture line (``loan_from_json`` reads every field the overdue golden varies, and these)."""
    loan = loan_from_json(case["loan"])
    return replace(loan, upfront_fee=Decimal(case["loan"]["upfront_fee"]))


def main(argv: list[str] | None = None) -> int:
    return golden_cli("tests.core.engine_golden", __doc__, FIXTURE, build_fixture, load_fixture, argv)


if __name__ == "__main__":
    sys.exit(main())
