"""Server time of the workbench's two heaviest pages for a large case, cold and warm, against a minimal page.

A case of 50 debts, each with 5 years (60 months) of recorded payments and a saved plan, in a temporary SQLite
database. Requests go through Django's test client in-process: the full middleware stack, templates, ORM and
the engine's analysis, without network noise. *Cold* commits an empty write to the case before each request
(``cases.writes.locked`` bumps its revision, as every change does), so nothing derived from it is reused: the
first page after a change; *warm* asks again for the same case
on the same day (the case view is reused). The baseline is the sign-in help page on the same stack.
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
    from xieshang.cases.sections import save_section

    choices = [
        {"id": f"d{k}", "option": "interest_freeze", "months": 36, "proposed": True}
        for k in range(0, debts, 5)
    ]
    save_section(case, "plan", {"budget": "20000", "creditors": choices})
    return owner, Case.objects.get(pk=case.pk)


def _time(call: Callable[[], Any], repeat: int, before: Callable[[], Any] | None = None) -> float:
    call()  # warm caches (templates, reference data)
    samples = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _keystrokes(client: Any, case: Any, repeat: int) -> dict[str, float]:
    """The plan builder's htmx update after one keystroke (the form as the page shows it, one field changed, a
    new value each time, so no earlier answer is reused): a creditor's months, then the budget."""
    from django.urls import reverse

    from xieshang.plans import planning
    from xieshang.plans.forms import initial_forms
    from xieshang.plans.views.builder import _as_data

    ws = planning.workspace(case)
    data = _as_data(*initial_forms(ws.positions, ws.saved, ""))
    months = next(
        k for k, v in data.items() if k.endswith("months") and v == "36"
    )  # the first freeze's months
    url = reverse("plans:builder", args=[case.pk])
    typed = iter(range(1, 10 * repeat))

    def post(field: str, value: Callable[[int], str]) -> Callable[[], None]:
        def call() -> None:
            response = client.post(url, {**data, field: value(next(typed))}, HTTP_HX_REQUEST="true")
            assert response.status_code == 200, response.status_code

        return call

    budget = float(data["budget"].replace(",", ""))
    return {
        "plan builder keystroke: one creditor's months": _time(
            post(months, lambda n: str(36 + n % 12)), repeat
        ),
        "plan builder keystroke: the budget": _time(post("budget", lambda n: f"{budget + n:.2f}"), repeat),
    }


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

        from xieshang.cases.writes import locked

        def change() -> None:
            with locked(case.pk):
                pass

        baseline = _time(get(reverse("login-help")), repeat * 3)
        figures = {}
        for page, url in (("case dashboard", reverse("case", args=[case.pk])),
                          ("debt page", reverse("debt", args=[case.pk, debt.pk]))):  # fmt: skip
            figures[f"{page} (cold)"] = _time(get(url), repeat, before=change)
            figures[f"{page} (warm)"] = _time(get(url), repeat * 3)
        figures.update(_keystrokes(client, case, repeat))
    note = f"{debts} debts × {months} payments, a plan proposing to every fifth, SQLite, median of {repeat}"
    rows: list[dict[str, object]] = [
        {
            "name": "minimal page (baseline)",
            "value": baseline,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
            "note": "sign-in help page, same stack",
        }
    ]
    for name, value in figures.items():
        rows.append(
            {
                "name": name,
                "value": value,
                "unit": "ms",
                "baseline": baseline,
                "ratio": value / baseline,
                "note": note
                if "cold" in name
                else "htmx POST, the form with one field changed (a new value each time); the case view is kept"
                if "keystroke" in name
                else "same case, same day: the case view is kept",
            }
        )
    return rows
