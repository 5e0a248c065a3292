"""Debt engine throughput: schedules + true cost for many mixed loans, against the IRR solver alone.

Methods: the four whose schedules are monthly on the start day (等额本息, 等额本金, 先息后本, 信用卡分期), so
``true_cost`` takes the periodic-IRR path and the IRR-only run solves exactly the same flows.

The ratio (engine time / IRR-only time) shows how much the Decimal schedule arithmetic costs on top of
the numerics we borrow from pyxirr. Two more rows split the engine: schedules alone, and ``overdue_status``
replaying years of payments (the dashboard's heaviest call) against a schedule built beforehand.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

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


def run(quick: bool) -> list[dict[str, object]]:
    loans = mixed_loans(500 if quick else 10_000)
    started = time.perf_counter()
    costs = [true_cost(loan, build_schedule(loan)) for loan in loans]
    engine = time.perf_counter() - started
    # the same flows: every schedule here is monthly on the start day, one flow a month, as the solver saw them
    regular = [[f.amount for f in cost.cash_flows] for cost in costs]
    started = time.perf_counter()
    for flows in regular:
        periodic_irr(flows)
    irr_only = time.perf_counter() - started
    periods = sum(len(c.cash_flows) - 1 for c in costs)
    started = time.perf_counter()
    schedules = [build_schedule(loan) for loan in loans]
    schedules_only = time.perf_counter() - started
    # a fifth of the loans is enough to measure; the replay before the one-sweep rewrite took minutes on all
    replayed = loans[: len(loans) // 5]
    statuses = [
        (*paid_then_late(loan, schedule), schedule)
        for loan, schedule in zip(replayed, schedules[: len(replayed)], strict=True)
    ]
    payments = sum(len(loan.payments) for loan, _, _ in statuses)
    started = time.perf_counter()
    for loan, as_of, schedule in statuses:
        overdue_status(loan, as_of, schedule)
    overdue = time.perf_counter() - started
    return [
        {
            "name": "build_schedule + true_cost",
            "value": len(loans) / engine,
            "unit": "loans/s",
            "baseline": len(loans) / irr_only,
            "ratio": engine / irr_only,
            "note": f"{len(loans)} mixed loans, {periods} periods, seed {SEED}; baseline = IRR alone, "
            f"ratio = engine {engine:.2f}s / IRR-only {irr_only:.2f}s",
        },
        {
            "name": "periodic_irr alone (same flows)",
            "value": len(loans) / irr_only,
            "unit": "loans/s",
            "note": "pyxirr on the precomputed Decimal flows",
        },
        {
            "name": "build_schedule alone",
            "value": len(loans) / schedules_only,
            "unit": "loans/s",
            "note": f"the same {len(loans)} loans",
        },
        {
            "name": "overdue_status (years paid, then late)",
            "value": len(replayed) / overdue,
            "unit": "loans/s",
            "note": f"{len(replayed)} of those loans, {payments} payments replayed; on time for most of the term, then half paid a week late for "
            "six months, as_of two months on (schedules built beforehand)",
        },
    ]
