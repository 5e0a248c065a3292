"""Golden cases for ``build_plan``: 200 random plans, every option's figures and every month of both projections.

The fixture ``tests/core/fixtures/plan_golden.json`` was written ONCE by the plan code as it stood before the
speed work of issue 18 (Decimal ledgers stepped one month at a time, every option evaluated with its own status
quo, the plan and the status quo projected in full); ``test_plan_golden.py`` checks that the current code still
gives the same plan, digit by digit (``str`` of every Decimal, so 0 and 0.00 differ).

Two rules came after it and are pinned off here by name, so the fixture keeps freezing the maths of each named
strategy: the default strategy ``fair`` (issue 19; ``STRATEGIES`` lists the four older ones) and the freeze of a
proposal its share cannot keep from growing (``freeze_growing=False``); ``test_plan_growth.py`` checks both.

Refresh it only when a rule of ``options.py``, ``allocation.py``, ``projection.py`` or ``plan.py`` changes on
purpose, then read the diff::

    .venv/bin/python -m tests.core.plan_golden --update

Without ``--update`` the script only reports how many cases differ from the fixture.
The plans come from a seeded generator, so a refresh with unchanged code rewrites the same file.
A month of a projection is one string, ``"index month id:payment/interest/balance …"`` (the payment, interest and
balance of every debt paid that month, ``id:-/-/balance`` for one unpaid and still owing; a debt cleared before
is left out; months after the 120th only as a SHA-256 prefix of their lines); an option's row is ``"month payment interest balance"``; a creditor's schedule (the plan's months
again, as ``CreditorPlan.schedule`` holds them) is kept as a SHA-256 prefix of its lines.
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from xieshang.core.allocation import Strategy
from xieshang.core.errors import ValidationError
from xieshang.core.limits import LimitRule, PlanLimits
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    Deferral,
    InterestFreeze,
    Option,
    Reinstalment,
    Settlement,
    Waiver,
)
from xieshang.core.plan import CreditorChoice, PlanResult, PlanSpec, build_plan
from xieshang.core.projection import Projection
from xieshang.core.terms import LenderType
from xieshang.core.vocabulary import Grace, WaiverScope

from .overdue_golden import golden_cli, to_json

FIXTURE = Path(__file__).with_name("fixtures") / "plan_golden.json"
SEED = 20261202
CASES = 200
LIMITS = PlanLimits(
    tuple(
        LimitRule(kind, low, high, "practice", "golden", "", "unverified")
        for kind, low, high in [
            (LenderType.BANK, 3, 60),
            (LenderType.CONSUMER_FINANCE, 3, 48),
            (LenderType.SMALL_LOAN, 3, 36),
            (LenderType.ONLINE_PLATFORM, 3, 60),
            (LenderType.CREDIT_CARD, 3, 60),
            (LenderType.PRIVATE, 1, 120),
        ]
    )
)
LENDERS = list(LenderType)
STRATEGIES = [
    Strategy.PRO_RATA,
    Strategy.BALANCE,
    Strategy.AVALANCHE,
    Strategy.SNOWBALL,
]  # by name: issue 19's
# default (fair) came later; its maths is checked by test_allocation's properties
SHOWN = 120  # months of a projection kept as text; the rest (up to 600) as the SHA-256 prefix of their lines


def _cents(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def random_position(rng: random.Random, index: int) -> DebtPosition:
    """One debt: ¥50–¥80,000 of principal (now and then nothing left but charges), 0–3 % a month."""
    principal = Decimal(0) if rng.random() < 0.04 else _cents(rng, 50, rng.choice([2_000, 20_000, 80_000]))
    base = max(principal, Decimal(500))
    return DebtPosition(
        f"d{index}",
        f"creditor {index}",
        rng.choice(LENDERS),
        principal,
        interest=rng.choice([Decimal(0), (base * rng.randint(0, 15) / 100).quantize(Decimal("0.01"))]),
        fees=rng.choice([Decimal(0), Decimal(0), _cents(rng, 0, 500)]),
        penalty=rng.choice([Decimal(0), (base * rng.randint(0, 8) / 100).quantize(Decimal("0.01"))]),
        monthly_rate=Decimal(rng.choice([0, 0, 50, 100, 150, 200, 300, rng.randint(0, 300)])) / 10000,
        contract_rate=rng.choice([None, None, Decimal(rng.randint(0, 200)) / 10000]),
        apr=rng.choice([None, Decimal(rng.randint(0, 3600)) / 10000]),
        contractual_monthly=rng.choice([Decimal(0), (base / rng.randint(3, 36)).quantize(Decimal("0.01"))]),
        priority=rng.random() < 0.08,
        excess=rng.choice([Decimal(0), Decimal(0), _cents(rng, 0, 3000)]),
    )


def _months(rng: random.Random) -> int:
    """Mostly within every lender's limits; one in forty outside some (the plan then refuses it, located)."""
    if rng.random() < 1 / 40:
        return rng.choice([1, 2, 49, 61, 130])
    return rng.choice([3, 6, 12, 18, 24, 36, 48, rng.randint(3, 36)])


def random_option(rng: random.Random) -> Option:
    rate = rng.choice([None, None, Decimal(0), Decimal(rng.randint(1, 150)) / 10000])
    kind = rng.randrange(7)
    if kind == 0:
        return AsIs()
    if kind == 1:
        return Reinstalment(_months(rng), rate)
    if kind == 2:
        grace = rng.choice([Grace.INTEREST_ONLY, Grace.NOTHING])
        return Deferral(rng.randint(1, 6), _months(rng), grace, rate)
    if kind == 3:
        return InterestFreeze(_months(rng))
    if kind == 4:
        scope = rng.choice(list(WaiverScope))
        return Waiver(scope, _months(rng), rate, freeze=rng.random() < 0.3)
    if kind == 5:
        return Settlement(Decimal(rng.randint(20, 100)) / 100, rng.choice([1, 1, 3, 6, 12]))
    return AsIs()


def random_plan(rng: random.Random, index: int) -> tuple[list[DebtPosition], PlanSpec, date]:
    """Positions, the plan spec (every strategy, budgets from nothing to plenty) and the planning date."""
    count = rng.choice([1, 2, 3, 4, 5, 6, 8, 12]) if index % 25 else rng.randint(20, 30)
    positions = [random_position(rng, n) for n in range(count)]
    total = sum((p.balance for p in positions), Decimal(0))
    ratio = rng.choice([0, 8, 15, 30, 30, 50, 50, 80, 120, 200, 400, 1000]) if rng.random() > 0.03 else 3
    budget = (total * ratio / 1000).quantize(Decimal("0.01"))
    if rng.random() < 0.03:
        budget = -budget
    choices = []
    for position in positions:
        if rng.random() < 0.2:
            continue  # left out of the plan section: the debt as it stands
        choices.append(
            CreditorChoice(position.id, random_option(rng), rng.random() < 0.4, rng.random() < 0.05)
        )
    rng.shuffle(choices)
    as_of = date(2025, 1, 1) + timedelta(days=rng.randint(0, 900))
    spec = PlanSpec(
        rng.choice(STRATEGIES),
        budget,
        rng.choice([Decimal("50.00"), Decimal("50.00"), Decimal(0), Decimal("30"), Decimal("100.00")]),
        rng.choice([None, None, date(2026, rng.randint(1, 12), 1)]),
        tuple(choices),
    )
    return positions, spec, as_of


def golden_plans(count: int = CASES, seed: int = SEED) -> list[tuple[list[DebtPosition], PlanSpec, date]]:
    rng = random.Random(seed)
    return [random_plan(rng, index) for index in range(count)]


def projection_json(projection: Projection) -> dict[str, Any]:
    months = []
    for row in projection.rows:
        cells = [
            f"{key}:{row.payments[key]}/{row.interest[key]}/{balance}"
            if key in row.payments
            else f"{key}:-/-/{balance}"
            for key, balance in row.balances.items()
            if key in row.payments or str(balance) != "0.00"
        ]
        extra = [
            f"{key}:{p}/{row.interest.get(key)}/?"
            for key, p in row.payments.items()
            if key not in row.balances
        ]
        months.append(" ".join([str(row.index), row.month, *cells, *extra]))
    return {
        "budget": str(projection.budget),
        "strategy": projection.strategy.value,
        "minimum": str(projection.minimum),
        "start": projection.start.isoformat(),
        "capped": projection.capped,
        "affordable": projection.affordable,
        "token": to_json(dict(projection.token)),
        "note": projection.note,
        "cost": str(projection.cost),
        "debt_free_month": projection.debt_free_month,
        "debts": [to_json(d) for d in projection.debts],
        "months": months[:SHOWN]
        + ([f"{SHOWN + 1}–{len(months)} {_digest(months[SHOWN:])}"] if months[SHOWN:] else []),
    }


def _digest(lines: Iterable[str]) -> str:
    """Lines kept as the first 16 hex digits of their SHA-256 (a creditor's schedule, which repeats the plan's
    months, and the months of a projection after the 120th)."""
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def plan_json(result: PlanResult) -> dict[str, Any]:
    creditors = []
    for c in result.creditors:
        o = c.outcome
        creditors.append(
            {
                "id": c.position.id,
                "chosen": c.chosen,
                "affordable": c.affordable,
                "months": c.months,
                "cleared": c.cleared,
                "rises": c.rises,
                "falls": c.falls,
                "outcome": {
                    **{k: to_json(getattr(o, k)) for k in ("kind", "monthly", "months", "total_paid")},
                    **{
                        k: to_json(getattr(o, k)) for k in ("waived", "interest", "status_quo_cost", "saving")
                    },
                    "status_quo_months": o.status_quo_months,
                    "status_quo_capped": o.status_quo_capped,
                    "creditor": to_json(o.creditor),
                    "rows": [f"{r.month} {r.payment} {r.interest} {r.balance}" for r in o.rows],
                },
                "result": to_json(c.result),
                "affordability": to_json(c.affordability),
                "schedule": _digest(
                    f"{p.month} {p.day} {p.payment} {p.interest} {p.balance}" for p in c.schedule
                ),
            }
        )
    return {
        "budget": str(result.budget),
        "suggested_budget": to_json(result.suggested_budget),
        "saving": str(result.saving),
        "creditors": creditors,
        "plan": projection_json(result.projection),
        "status_quo": projection_json(result.status_quo),
    }


def result_json(positions: list[DebtPosition], spec: PlanSpec, as_of: date) -> dict[str, Any]:
    """The plan as text, or the located problems when the plan is refused."""
    try:
        return plan_json(build_plan(positions, spec, as_of, LIMITS, freeze_growing=False))
    except ValidationError as error:
        return {"errors": [f"{e.path}: {e.text.zh} / {e.text.en}" for e in error.errors]}


def inputs_json(positions: list[DebtPosition], spec: PlanSpec, as_of: date) -> dict[str, Any]:
    # ``agreed`` (a debt under a repayment agreement, issue 15) came after the fixture: no golden debt has one
    found = [{k: v for k, v in p.items() if (k, v) != ("agreed", False)} for p in to_json(positions)]
    return {"as_of": as_of.isoformat(), "positions": found, "spec": to_json(spec)}


def build_fixture() -> list[dict[str, Any]]:
    return [
        {"case": index, "inputs": inputs_json(*plan), "result": result_json(*plan)}
        for index, plan in enumerate(golden_plans())
    ]


def load_fixture() -> list[dict[str, Any]]:
    import json

    cases: list[dict[str, Any]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return cases


def main(argv: list[str] | None = None) -> int:
    return golden_cli("tests.core.plan_golden", __doc__, FIXTURE, build_fixture, load_fixture, argv)


if __name__ == "__main__":
    sys.exit(main())
