"""The engine against 1,000 loans recorded before it was made fast (see ``engine_golden.py``)."""

from __future__ import annotations

from .engine_golden import CASES, load_fixture, result_json, stored_loan


def test_golden_loans_give_the_recorded_schedules_and_rates_digit_by_digit() -> None:
    """1,000 generated loans of every method (terms of 1–360 months, payment days 29–31, 砍头息, upfront and
    periodic fees, cards) against ``fixtures/engine_golden.json``, which the engine as it stood before issue 18
    wrote: every period's due date, principal, interest, fee and balance, and the periodic IRR, APR and EAR of
    the true cost. Decimals compare as text, so a 0 that became 0.00 fails too."""
    cases = load_fixture()
    assert len(cases) == CASES
    differing = [
        case["loan"]["id"]
        for case in cases
        if result_json(stored_loan(case)) != {"periods": case["periods"], "cost": case["cost"]}
    ]
    assert differing == []


def test_the_fixture_holds_what_the_generator_makes() -> None:
    """The stored loans are the seeded generator's, so ``--update`` with unchanged code rewrites the same file
    and a loan read back from the fixture is the loan that was computed."""
    from .engine_golden import golden_loans

    assert [stored_loan(case) for case in load_fixture()] == golden_loans()
