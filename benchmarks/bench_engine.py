"""Debt engine throughput: schedules + true cost for many mixed loans, against the IRR solver alone.

Methods: the four whose schedules are monthly on the start day (等额本息, 等额本金, 先息后本, 信用卡分期), so
``true_cost`` takes the periodic-IRR path and the IRR-only run solves exactly the same flows.

The ratio (engine time / IRR-only time) shows how much the exact Decimal schedule arithmetic costs on top of the
numerics we borrow from pyxirr. The IRR-only baseline is ``periodic_irr`` on the flows as the engine has them
(Decimal amounts, converted for the solver); a further row gives pyxirr on floats converted beforehand, the
solver alone. Results are not kept between loans (a schedule of 360 periods is dropped once its cost is known),
so that the timings are of the work and not of a growing heap.

Scaling rows: the same run at 1,000 / 10,000 / 100,000 loans (quick: 100 / 1,000 / 10,000), time per loan and
per period; more rows split the engine: schedules alone, a schedule read row by row, and ``overdue_status``
replaying years of payments (the dashboard's heaviest call).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pyxirr

from benchmarks import scaling_row
from xieshang.core.cost import periodic_irr, true_cost
from xieshang.core.loans import build_schedule
from xieshang.core.money import cents
from xieshang.core.overdue import overdue_status
from xieshang.core.schedule import Schedule
from xieshang.core.terms import Loan, Method, Payment

SEED = 20260101
MONTHLY = [Method.EQUAL_INSTALLMENT, Method.EQUAL_PRINCIPAL, Method.INTEREST_ONLY, Method.CARD_INSTALMENT]


def mixed_loans(count: int, seed: int = SEED) -> list[Loan]:
    """``count`` loans of 12–360 months over every monthly method, reproducible from ``seed``."""
    rng = random.Random(seed)
    loans = []
    for index in range(count):
        method = MONTHLY[index % len(MONTHLY)]
        principal = Decimal(rng.randint(1_000_00, 2_000_000_00)) / 100
        loans.append(
            Loan(
                f"bench-{index}",
                principal,
                date(2020, 1, 1) + timedelta(days=rng.randint(0, 2000)),
                rng.randint(12, 360),
                method,
                Decimal(rng.randint(300, 3600)) / 10000,
                period_fee_rate=Decimal(rng.randint(20, 90)) / 10000,
                periodic_fee=Decimal(rng.choice([0, 0, 0, 1500, 4900])) / 100,
                received=principal
                - (principal * Decimal(rng.choice([0, 0, 2, 5])) / 100).quantize(Decimal("0.01")),
            )
        )
    return loans


def paid_then_late(loan: Loan, schedule: Schedule, seed: int = SEED) -> tuple[Loan, date]:
    """``loan`` paid on every due date for most of its term, then half of each instalment a week late for six
    months; ``as_of`` two months after that, so instalments are overdue with 罚息, 复利 and 违约金 running."""
    rng = random.Random(f"{seed}-{loan.id}")
    periods = schedule.periods
    on_time = rng.randint(len(periods) // 2, max(len(periods) - 8, len(periods) // 2))
    payments = [Payment(p.due_date, p.payment) for p in periods[:on_time]]
    payments += [
        Payment(p.due_date + timedelta(days=7), cents(p.payment / 2)) for p in periods[on_time : on_time + 6]
    ]
    as_of = periods[min(on_time + 8, len(periods) - 1)].due_date
    return replace(loan, payments=tuple(payments), late_fee_fixed=Decimal(10)), as_of


def _timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _engine(loans: list[Loan]) -> int:
    """Schedule and true cost of every loan, each dropped once made; the periods built."""
    periods = 0
    for loan in loans:
        schedule = build_schedule(loan)
        true_cost(loan, schedule)
        periods += len(schedule.periods)
    return periods


def _flows(loans: list[Loan]) -> list[list[Decimal]]:
    """The flows the engine hands the solver, one list a loan (every schedule here is monthly on the start
    day: one flow a month, as the solver saw them)."""
    return [[f.amount for f in true_cost(loan, build_schedule(loan)).cash_flows] for loan in loans]


def _against_irr(loans: list[Loan], repeat: int) -> tuple[int, float, float, float]:
    """(periods, engine time, IRR-only time, solver-only time) for ``loans``: the engine and the IRRs of the
    same flows (precomputed, untimed) in turn, ``repeat`` times, the best of each, so that a change of load
    on a shared machine falls on both."""
    flows = _flows(loans)
    floats = [[float(a) for a in f] for f in flows]
    engine, irr_only, solver = [], [], []
    for _ in range(repeat):
        engine.append(_timed(lambda: _engine(loans)))
        irr_only.append(_timed(lambda: [periodic_irr(f) for f in flows]))
        solver.append(_timed(lambda: [pyxirr.irr(f) for f in floats]))
    return sum(len(f) - 1 for f in flows), min(engine), min(irr_only), min(solver)


def _replay(loans: list[Loan]) -> tuple[int, float]:
    """(payments replayed, time) of ``overdue_status`` on ``loans`` paid then late (schedules built before)."""
    statuses = []
    for loan in loans:
        schedule = build_schedule(loan)
        statuses.append((*paid_then_late(loan, schedule), schedule))
    payments = sum(len(loan.payments) for loan, _, _ in statuses)
    return payments, _timed(
        lambda: [overdue_status(loan, as_of, schedule) for loan, as_of, schedule in statuses]
    )


def run(quick: bool) -> list[dict[str, object]]:
    sizes = (100, 1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    main = sizes[1]
    loans = mixed_loans(main)
    periods, engine, irr_only, solver = _against_irr(loans, 3 if quick else 2)
    schedules_only = _timed(lambda: [build_schedule(loan) for loan in loans])
    read = _timed(lambda: [sum(p.interest for p in build_schedule(loan).periods) for loan in loans])
    # a fifth of the loans is enough to measure; the replay before the one-sweep rewrite took minutes on all
    replayed = loans[: len(loans) // 5]
    payments, overdue = _replay(replayed)
    rows: list[dict[str, object]] = [
        {
            "name": "build_schedule + true_cost",
            "value": len(loans) / engine,
            "unit": "loans/s",
            "baseline": len(loans) / irr_only,
            "ratio": engine / irr_only,
            "note": f"{len(loans)} mixed loans, {periods} periods, seed {SEED}; baseline = the same IRRs alone "
            f"(periodic_irr on the engine's Decimal flows); ratio = engine {engine:.2f}s / IRR-only {irr_only:.2f}s, "
            "best of alternating runs",
        },
        {
            "name": "periodic_irr alone (same flows)",
            "value": len(loans) / irr_only,
            "unit": "loans/s",
            "note": "periodic_irr on the precomputed Decimal flows (what the ratio above is against)",
        },
        {
            "name": "pyxirr.irr alone (floats converted before)",
            "value": len(loans) / solver,
            "unit": "loans/s",
            "baseline": len(loans) / irr_only,
            "ratio": solver / irr_only,
            "note": "the solver itself: the floor under both rows above",
        },
        {
            "name": "build_schedule alone",
            "value": len(loans) / schedules_only,
            "unit": "loans/s",
            "note": f"the same {len(loans)} loans",
        },
        {
            "name": "build_schedule + every period read",
            "value": len(loans) / read,
            "unit": "loans/s",
            "note": "the schedule's rows made and summed (what a page or the overdue replay reads)",
        },
        {
            "name": "overdue_status (years paid, then late)",
            "value": len(replayed) / overdue,
            "unit": "loans/s",
            "note": f"{len(replayed)} of those loans, {payments} payments replayed; on time for most of the term, "
            "then half paid a week late for six months, as_of two months on (schedules built beforehand)",
        },
    ]
    for size in sizes:
        if size == main:
            spent, count = engine, periods
        else:
            batch = mixed_loans(size)
            started = time.perf_counter()
            count = _engine(batch)
            spent = time.perf_counter() - started
        note = f"{spent:.2f}s; {count:,} periods, {spent / count * 1e9:.0f} ns a period"
        rows.append(scaling_row("engine", f"engine, {size:,} loans", size, spent, size, "loan", "µs", note))
    return rows
