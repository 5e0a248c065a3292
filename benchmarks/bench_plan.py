"""Plan and projection: 100 creditors over 120 months, against a bare month-by-month balance loop.

The plan run is what ``xieshang case plan`` does after reading the case: each creditor's option evaluated on its
own, the plan projected month by month (allocation under the strategy, rounding to the 分, roll-over) and the
status quo projected for comparison. The baseline is the bare loop over the same debts, rates and budget:
``balance += balance × rate; pay a fixed pro-rata share`` in Decimal, with no allocation, rounding or records.
The ratio (plan time / bare loop) is what the bookkeeping and exactness cost.
"""

from __future__ import annotations

import random
import time
from datetime import date
from decimal import Decimal

from benchmarks import scaling_row
from xieshang.core.allocation import Strategy
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    InterestFreeze,
    Option,
    Reinstalment,
    Settlement,
    Waiver,
    terms_for,
)
from xieshang.core.plan import CreditorChoice, PlanSpec, build_plan
from xieshang.core.projection import project
from xieshang.core.terms import LenderType
from xieshang.reference import plan_limits

SEED = 20261128
START = date(2026, 12, 1)


def debts(count: int, seed: int = SEED) -> tuple[list[DebtPosition], list[Option]]:
    """``count`` debts of ¥1,000–¥50,000 at 0–2 % a month with a mix of options, reproducible from ``seed``."""
    rng = random.Random(seed)
    lenders = list(LenderType)
    positions, options = [], []
    for index in range(count):
        principal = Decimal(rng.randint(1_000_00, 50_000_00)) / 100
        positions.append(
            DebtPosition(
                f"d{index}",
                f"creditor {index}",
                lenders[index % len(lenders)],
                principal,
                interest=(principal * Decimal(rng.randint(0, 10)) / 100).quantize(Decimal("0.01")),
                penalty=(principal * Decimal(rng.randint(0, 5)) / 100).quantize(Decimal("0.01")),
                monthly_rate=Decimal(rng.randint(0, 200)) / 10000,
                contractual_monthly=(principal / rng.randint(6, 36)).quantize(Decimal("0.01")),
                apr=Decimal(rng.randint(0, 3600)) / 10000,
            )
        )
        options.append(
            rng.choice(
                [
                    AsIs(),
                    Reinstalment(rng.randint(12, 60)),
                    InterestFreeze(rng.randint(12, 60)),
                    Waiver(months=24),
                    Settlement(Decimal(rng.randint(30, 80)) / 100, 1),
                ]
            )
        )
    return positions, options


def bare_loop(positions: list[DebtPosition], budget: Decimal, months: int) -> Decimal:
    """The simplest month-by-month balance loop over the same data: accrue, pay a fixed pro-rata share."""
    balances = [p.balance for p in positions]
    rates = [p.monthly_rate for p in positions]
    basis = sum(p.contractual_monthly for p in positions)
    shares = [budget * p.contractual_monthly / basis for p in positions]
    paid = Decimal(0)
    for _ in range(months):
        for i, balance in enumerate(balances):
            if balance <= 0:
                continue
            balance += balance * rates[i]
            pay = min(shares[i], balance)
            balances[i] = balance - pay
            paid += pay
    return paid


def plan_inputs(count: int) -> tuple[list[DebtPosition], list[Option], Decimal, PlanSpec]:
    """``count`` debts with their options, a budget a little above the interest, and the plan spec."""
    positions, options = debts(count)
    interest = sum(p.principal * p.monthly_rate for p in positions)
    budget = (interest + sum(p.balance for p in positions) / 500).quantize(Decimal("0.01"))
    spec = PlanSpec(
        Strategy.PRO_RATA,
        budget,
        choices=tuple(CreditorChoice(p.id, o) for p, o in zip(positions, options, strict=True)),
    )
    return positions, options, budget, spec


def scaling(quick: bool) -> list[dict[str, object]]:
    """``build_plan`` at 10 / 50 / 200 creditors (quick: 5 / 10 / 20): time per creditor."""
    limits = plan_limits()
    rows: list[dict[str, object]] = []
    for count in (5, 10, 20) if quick else (10, 50, 200):
        positions, _options, _budget, spec = plan_inputs(count)
        started = time.perf_counter()
        build_plan(positions, spec, START, limits)
        spent = time.perf_counter() - started
        note = f"{spent * 1000:.0f} ms; options, plan and status quo, up to 600 months"
        rows.append(
            scaling_row("plan", f"build_plan, {count} creditors", count, spent, count, "creditor", "ms", note)
        )
    return rows


def run(quick: bool) -> list[dict[str, object]]:
    count, months = (20, 24) if quick else (100, 120)
    positions, options, budget, spec = plan_inputs(count)
    limits = plan_limits()

    started = time.perf_counter()
    bare_loop(positions, budget, months)
    bare = time.perf_counter() - started

    started = time.perf_counter()
    terms = [terms_for(p, o, limits) for p, o in zip(positions, options, strict=True)]
    projection = project(terms, budget, START, Strategy.PRO_RATA, max_months=months)
    projection_time = time.perf_counter() - started

    started = time.perf_counter()
    avalanche = project(terms, budget, START, Strategy.AVALANCHE, max_months=months)
    avalanche_time = time.perf_counter() - started

    started = time.perf_counter()
    build_plan(positions, spec, START, limits)
    plan_time = time.perf_counter() - started

    size = f"{count} creditors × {len(projection.rows)} months, budget ¥{budget}, seed {SEED}"
    return [
        {
            "name": "projection (pro-rata)",
            "value": projection_time * 1000,
            "unit": "ms",
            "baseline": bare * 1000,
            "ratio": projection_time / bare,
            "note": f"{size}; baseline = bare Decimal balance loop, same data and process",
        },
        {
            "name": "projection (avalanche)",
            "value": avalanche_time * 1000,
            "unit": "ms",
            "baseline": bare * 1000,
            "ratio": avalanche_time / bare,
            "note": f"{count} creditors × {len(avalanche.rows)} months",
        },
        {
            "name": "build_plan (options + plan + status quo)",
            "value": plan_time * 1000,
            "unit": "ms",
            "baseline": bare * 1000,
            "ratio": plan_time / bare,
            "note": "each option evaluated alone (up to 600 months of status quo each), then both projections (up to 600 months)",
        },
        *scaling(quick),
    ]
