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
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import partial

from benchmarks import scaling_row
from xieshang.core import plan as plan_module
from xieshang.core.allocation import Strategy
from xieshang.core.options import (
    AsIs,
    DebtPosition,
    InterestFreeze,
    Option,
    Reinstalment,
    Settlement,
    Waiver,
    level_payment,
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


def cold() -> None:
    """Forget what earlier plans computed (the plan builder's per-keystroke memo and the level instalments), so
    a run measures the work."""
    level_payment.cache_clear()
    for name in ("option_outcome", "projected", "status_quo_of"):
        memo = getattr(plan_module, name, None)  # the code before issue 18 keeps no plan
        if memo is not None:
            memo.cache_clear()


def keystroke(spec: PlanSpec) -> PlanSpec:
    """``spec`` after one keystroke in the plan builder: one creditor's re-instalment one month longer."""
    for index, choice in enumerate(spec.choices):
        option = choice.option
        if isinstance(option, Reinstalment):
            longer = replace(choice, option=replace(option, months=option.months + 1))
            return replace(spec, choices=(*spec.choices[:index], longer, *spec.choices[index + 1 :]))
    return spec


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def keystrokes(positions: list[DebtPosition], spec: PlanSpec, full: float) -> list[dict[str, object]]:
    """One keystroke's update of the plan builder: the plan just shown is built, then the plan after the change.
    Baseline: the same plan built from nothing (``full``)."""
    limits = plan_limits()
    rows: list[dict[str, object]] = []
    changes = [
        ("one creditor's months", keystroke(spec), "that option and the plan's projection recomputed"),
        (
            "the budget (+¥1)",
            replace(spec, budget=(spec.budget or Decimal(0)) + 1),
            "both projections, no option",
        ),
    ]
    for label, changed, what in changes:
        cold()
        build_plan(positions, spec, START, limits)  # the page as the person sees it before the keystroke
        spent = timed(partial(build_plan, positions, changed, START, limits))
        rows.append(
            {
                "name": f"plan builder keystroke: {label}",
                "value": spent * 1000,
                "unit": "ms",
                "baseline": full * 1000,
                "ratio": spent / full,
                "note": f"build_plan after the change, the plan before it just built; {what}; baseline = build_plan cold",
            }
        )
    return rows


def scaling(quick: bool) -> list[dict[str, object]]:
    """``build_plan`` at 10 / 50 / 200 creditors (quick: 5 / 10 / 20): time per creditor."""
    limits = plan_limits()
    rows: list[dict[str, object]] = []
    for count in (5, 10, 20) if quick else (10, 50, 200):
        positions, _options, _budget, spec = plan_inputs(count)
        cold()
        spent = timed(lambda: build_plan(positions, spec, START, limits))  # noqa: B023
        note = f"{spent * 1000:.0f} ms; options, plan and status quo, up to 600 months"
        rows.append(
            scaling_row("plan", f"build_plan, {count} creditors", count, spent, count, "creditor", "ms", note)
        )
    return rows


def best(repeat: int, work: Callable[[], object], before: Callable[[], object] = lambda: None) -> float:
    """The least of ``repeat`` timings of ``work`` (``before`` run untimed ahead of each)."""
    times = []
    for _ in range(repeat):
        before()
        times.append(timed(work))
    return min(times)


def run(quick: bool) -> list[dict[str, object]]:
    count, months = (20, 24) if quick else (100, 120)
    positions, options, budget, spec = plan_inputs(count)
    limits = plan_limits()
    repeat = 1 if quick else 3
    terms = [terms_for(p, o, limits) for p, o in zip(positions, options, strict=True)]

    bare = best(repeat, lambda: bare_loop(positions, budget, months))
    projection_time = best(
        repeat, lambda: project(terms, budget, START, Strategy.PRO_RATA, max_months=months)
    )
    avalanche_time = best(
        repeat, lambda: project(terms, budget, START, Strategy.AVALANCHE, max_months=months)
    )
    plan_time = best(repeat, lambda: build_plan(positions, spec, START, limits), before=cold)
    result = build_plan(positions, spec, START, limits)
    plan_months, quo_months = len(result.projection.rows), len(result.status_quo.rows)
    same_months = best(repeat, lambda: bare_loop(positions, budget, plan_months + quo_months))

    size = f"{count} creditors × {months} months, budget ¥{budget}, seed {SEED}, best of {repeat}"
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
            "note": f"{count} creditors × {months} months",
        },
        {
            "name": "build_plan (options + plan + status quo)",
            "value": plan_time * 1000,
            "unit": "ms",
            "baseline": bare * 1000,
            "ratio": plan_time / bare,
            "note": (
                f"each option alone with its own status quo, then the plan ({plan_months} months) and the status quo"
                f" ({quo_months} months) to the end; nothing kept from an earlier plan; baseline = the bare loop,"
                f" {months} months"
            ),
        },
        {
            "name": "build_plan against the bare loop over its months",
            "value": plan_time * 1000,
            "unit": "ms",
            "baseline": same_months * 1000,
            "ratio": plan_time / same_months,
            "note": f"baseline = the bare loop over the same debts for {plan_months} + {quo_months} months",
        },
        *keystrokes(positions, spec, plan_time),
        *scaling(quick),
    ]
