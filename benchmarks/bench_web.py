"""Server time of the workbench's two heaviest pages for a large case, against a minimal page.

A case of 50 debts, each with 5 years (60 months) of recorded payments, in a temporary SQLite database.
Requests go through Django's test client in-process: the full middleware stack, templates, ORM and the
engine's analysis, without network noise. The baseline is the sign-in help page on the same stack.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from typing import Any


def _setup(data_dir: str) -> None:
    os.environ["XIESHANG_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xieshang.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _big_case(debts: int, months: int) -> Any:
    from xieshang.accounts.users import local_owner
    from xieshang.casefile import parse_debt
    from xieshang.cases.debt_writes import store_loan
    from xieshang.cases.models import Case
    from xieshang.cases.writes import locked
    from xieshang.core.dates import add_months
    from xieshang.core.loans import build_schedule

    owner = local_owner()
    case = Case.objects.create(owner=owner, borrower_name="基准测试", as_of=date(2026, 11, 20))
    methods = ("equal_installment", "equal_principal", "interest_only")
    for k in range(debts):
        start = add_months(date(2021, 11, 1), 0, day=1 + k % 28)
        mapping = {
            "id": f"d{k}",
            "creditor": f"债权人{k}",
            "lender_type": ("bank", "consumer_finance", "online_platform", "small_loan")[k % 4],
            "principal": f"{10000 + 500 * k}.00",
            "start_date": start.isoformat(),
            "term_months": 72,
            "method": methods[k % 3],
            "annual_rate": 12 + k % 20,
        }
        schedule = build_schedule(parse_debt(mapping))
        mapping["payments"] = [
            {"date": p.due_date.isoformat(), "amount": f"{p.payment:.2f}"} for p in schedule.periods[:months]
        ]
        with locked(case.pk) as row:
            store_loan(row, parse_debt(mapping))
    return owner, case


def _time(call: Callable[[], Any], repeat: int) -> float:
    call()  # warm caches (templates, reference data)
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def run(quick: bool) -> list[dict[str, object]]:
    debts, months, repeat = (10, 12, 3) if quick else (50, 60, 7)
    with tempfile.TemporaryDirectory(prefix="xieshang-bench-") as data_dir:
        _setup(data_dir)
        from django.test import Client
        from django.urls import reverse

        owner, case = _big_case(debts, months)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(owner)
        debt = case.debts.order_by("id").first()

        def get(url: str) -> Callable[[], Any]:
            def call() -> None:
                response = client.get(url)
                assert response.status_code == 200, response.status_code

            return call

        baseline = _time(get(reverse("login-help")), repeat * 3)
        dashboard = _time(get(reverse("case", args=[case.pk])), repeat)
        debt_page = _time(get(reverse("debt", args=[case.pk, debt.pk])), repeat)
    note = (
        f"{debts} debts × {months} payments, SQLite, median of {repeat}; the engine's analysis is most of it"
    )
    return [
        {
            "name": "minimal page (baseline)",
            "value": baseline,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
            "note": "sign-in help page, same stack",
        },
        {
            "name": "case dashboard",
            "value": dashboard,
            "unit": "ms",
            "baseline": baseline,
            "ratio": dashboard / baseline,
            "note": note,
        },
        {
            "name": "debt page",
            "value": debt_page,
            "unit": "ms",
            "baseline": baseline,
            "ratio": debt_page / baseline,
            "note": "one debt of that case",
        },
    ]
