"""Golden cases for ``overdue_status``: varied loans and payments, with every field of the result recorded.

The fixture ``tests/core/fixtures/overdue_golden.json`` was written ONCE by the straightforward replay that
walked every instalment for every payment, before that replay was made fast; ``test_overdue.py`` checks that
the current code still gives the same result, field by field and digit by digit (``str`` of every Decimal).

Refresh it only when a rule of the module notes changes on purpose, then read the diff::

    .venv/bin/python -m tests.core.overdue_golden --update

Without ``--update`` the script only reports how many cases differ from the fixture.
The cases come from a seeded generator, so a refresh with unchanged code rewrites the same file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from xieshang.core.loans import build_schedule
from xieshang.core.overdue import OverdueStatus, overdue_status
from xieshang.core.terms import Loan, Method, Payment, PaymentOrder, RevolvingTerms

FIXTURE = Path(__file__).with_name("fixtures") / "overdue_golden.json"
SEED = 20260315
CASES = 480
INSTALMENT_METHODS = [m for m in Method if m is not Method.REVOLVING]


# -- JSON ↔ values ----------------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """Decimals as their exact ``str`` (so 0 and 0.00 differ), dates as ISO text, enums as their value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def loan_from_json(data: dict[str, Any]) -> Loan:
    """The :class:`Loan` that :func:`to_json` wrote (only the fields the generator varies)."""
    card = data["revolving"]
    return Loan(
        data["id"],
        Decimal(data["principal"]),
        date.fromisoformat(data["start_date"]),
        data["term_months"],
        Method(data["method"]),
        Decimal(data["annual_rate"]),
        received=_decimal(data["received"]),
        daily_rate=_decimal(data["daily_rate"]),
        period_fee_rate=_decimal(data["period_fee_rate"]),
        day_count=data["day_count"],
        periodic_fee=Decimal(data["periodic_fee"]),
        payment_day=data["payment_day"],
        payments=tuple(
            Payment(date.fromisoformat(p["date"]), Decimal(p["amount"]), p["note"]) for p in data["payments"]
        ),
        penalty_rate_multiplier=_decimal(data["penalty_rate_multiplier"]),
        penalty_annual_rate=_decimal(data["penalty_annual_rate"]),
        compound_overdue_interest=data["compound_overdue_interest"],
        late_fee_fixed=Decimal(data["late_fee_fixed"]),
        late_fee_rate=Decimal(data["late_fee_rate"]),
        payment_order=PaymentOrder(data["payment_order"]),
        revolving=None
        if card is None
        else RevolvingTerms(
            card["statement_day"],
            card["due_day"],
            Decimal(card["min_payment_rate"]),
            Decimal(card["min_payment_floor"]),
            Decimal(card["late_fee_rate"]),
            Decimal(card["late_fee_min"]),
            _decimal(card["late_fee_max"]),
        ),
    )


def status_json(status: OverdueStatus) -> dict[str, Any]:
    """Every field of the status but the replay's history (the excess tests read that)."""
    result: dict[str, Any] = to_json(dataclasses.replace(status, history=None))
    del result["history"]
    return result


# -- the generator ----------------------------------------------------------------------------------------


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    """Cents between ``low`` and ``high`` yuan; now and then a whole number written without decimals."""
    if rng.random() < 0.15:
        return Decimal(rng.randint(low, high))
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _instalment_loan(rng: random.Random, index: int) -> Loan:
    method = INSTALMENT_METHODS[index % len(INSTALMENT_METHODS)]
    return Loan(
        f"g{index}",
        _money(rng, 500, 300_000),
        date(2020, 1, 1) + timedelta(days=rng.randint(0, 2500)),
        rng.choice([1, 2, 3, 6, 12, 12, 24, 36, 48, 72, rng.randint(1, 120)]),
        method,
        Decimal(rng.choice([0, 360, 900, 1200, 1800, 2400, 3600, rng.randint(0, 3600)])) / 10000,
        daily_rate=rng.choice([None, Decimal(rng.randint(1, 10)) / 10000]),
        period_fee_rate=Decimal(rng.randint(0, 90)) / 10000,
        day_count=rng.choice([360, 365]),
        periodic_fee=rng.choice([Decimal(0), Decimal(0), Decimal("15.00"), _money(rng, 0, 200)]),
        payment_day=rng.choice([None, None, rng.randint(1, 31), 31, 29]),
        penalty_rate_multiplier=rng.choice([Decimal("1.5"), Decimal("1.5"), Decimal("1.3"), Decimal(1)]),
        penalty_annual_rate=rng.choice([None, None, None, Decimal(rng.randint(0, 3650)) / 10000]),
        compound_overdue_interest=rng.random() < 0.7,
        late_fee_fixed=rng.choice([Decimal(0), Decimal(0), Decimal(10), _money(rng, 0, 100)]),
        late_fee_rate=rng.choice([Decimal(0), Decimal(0), Decimal("0.01"), Decimal("0.05")]),
        payment_order=rng.choice(list(PaymentOrder)),
    )


def _card_loan(rng: random.Random, index: int) -> Loan:
    return Loan(
        f"c{index}",
        _money(rng, 500, 80_000),
        date(2021, 1, 1) + timedelta(days=rng.randint(0, 1500)),
        0,
        Method.REVOLVING,
        Decimal(rng.choice([0, 1800, 2400])) / 10000,
        daily_rate=rng.choice([None, None, Decimal("0.0005")]),
        revolving=RevolvingTerms(
            statement_day=rng.randint(1, 28),
            due_day=rng.choice([rng.randint(1, 31), 25]),
            min_payment_rate=Decimal(rng.choice([5, 10])) / 100,
            min_payment_floor=Decimal(rng.choice([50, 100])),
            late_fee_rate=Decimal(rng.choice([0, 5])) / 100,
            late_fee_min=Decimal(rng.choice([0, 0, 10])),
            late_fee_max=rng.choice([None, Decimal(200)]),
        ),
    )


def _payments(rng: random.Random, loan: Loan) -> tuple[Payment, ...]:
    """One of several habits: nothing, on time, late and short, random, early settlement, or a mix."""
    periods = build_schedule(loan).periods
    habit = rng.choice(["none", "on_time", "late", "random", "settle", "mixed", "mixed", "late"])
    out: list[Payment] = []
    if habit == "none":
        return ()
    if habit in ("on_time", "late", "mixed"):
        paid = rng.randint(0, len(periods))
        for period in periods[:paid]:
            delay = 0 if habit == "on_time" else rng.choice([0, 0, 1, 3, 10, 31, 45, rng.randint(-20, 90)])
            share = (
                Decimal(1)
                if habit == "on_time"
                else Decimal(rng.choice([0, 50, 80, 100, 100, 100, 130])) / 100
            )
            out.append(
                Payment(
                    period.due_date + timedelta(days=delay),
                    (period.payment * share).quantize(Decimal("0.01")),
                )
            )
            if habit == "mixed" and rng.random() < 0.15:  # a second payment on the same day
                out.append(Payment(period.due_date + timedelta(days=delay), _money(rng, 0, 500)))
    end = periods[-1].due_date if periods else loan.start_date + timedelta(days=365)
    span = max((end - loan.start_date).days + 120, 1)
    if habit in ("random", "mixed"):
        for _ in range(rng.randint(1, 12)):
            out.append(
                Payment(loan.start_date + timedelta(days=rng.randint(-10, span)), _money(rng, 0, 20_000))
            )
    if habit == "settle":
        day = loan.start_date + timedelta(days=rng.randint(0, span))
        out.append(Payment(day, loan.principal * Decimal(rng.choice([1, 2])) + _money(rng, 0, 1000)))
    rng.shuffle(out)  # the engine sorts them itself
    return tuple(out)


def golden_cases(count: int = CASES, seed: int = SEED) -> list[tuple[Loan, date]]:
    """``count`` (loan, as_of) pairs, one in eight a revolving card; the same list for the same seed."""
    rng = random.Random(seed)
    cases = []
    for index in range(count):
        loan = _card_loan(rng, index) if index % 8 == 7 else _instalment_loan(rng, index)
        loan = dataclasses.replace(loan, payments=_payments(rng, loan))
        periods = build_schedule(loan).periods
        end = periods[-1].due_date if periods else loan.start_date
        as_of = loan.start_date + timedelta(days=rng.randint(-30, (end - loan.start_date).days + 400))
        cases.append((loan, as_of))
    return cases


def build_fixture() -> list[dict[str, Any]]:
    return [
        {
            "loan": to_json(loan),
            "as_of": as_of.isoformat(),
            "status": status_json(overdue_status(loan, as_of)),
        }
        for loan, as_of in golden_cases()
    ]


def load_fixture() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return cases


def main(argv: list[str] | None = None) -> int:
    return golden_cli("tests.core.overdue_golden", __doc__, FIXTURE, build_fixture, load_fixture, argv)


def golden_cli(
    prog: str,
    doc: str | None,
    fixture: Path,
    build: Callable[[], list[dict[str, Any]]],
    load: Callable[[], list[dict[str, Any]]],
    argv: list[str] | None,
) -> int:
    """``python -m <prog> [--update]``: rewrite ``fixture`` from the current code (a case a line, for readable
    diffs), or only say how many cases differ from it."""
    parser = argparse.ArgumentParser(prog=f"python -m {prog}", description=(doc or "").split("\n")[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite {fixture.name} from the current code")
    args = parser.parse_args(argv)
    fresh = build()
    if args.update:
        fixture.parent.mkdir(parents=True, exist_ok=True)
        lines = ",\n".join(json.dumps(case, ensure_ascii=False) for case in fresh)
        fixture.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
        print(f"wrote {len(fresh)} cases to {fixture}")
        return 0
    stored = load() if fixture.exists() else []
    differ = sum(1 for a, b in zip(fresh, stored, strict=False) if a != b) + abs(len(fresh) - len(stored))
    print(f"{differ} of {len(fresh)} cases differ from {fixture}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
