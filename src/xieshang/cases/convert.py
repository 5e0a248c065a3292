"""Rows ↔ core values. A debt row becomes the case file's mapping, which ``casefile.parse_debt`` reads:
the web app and the case file share one set of rules and one representation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import yaml

from xieshang.casefile import (
    SECTIONS,
    STATUS_KEY,
    debt_to_dict,
    dump_case,
    parse_debt,
    with_payments,
)
from xieshang.core.case import Borrower
from xieshang.core.case import Case as CoreCase
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.terms import Loan
from xieshang.core.terms import Payment as CorePayment
from xieshang.core.vocabulary import NegotiationStatus

from .models import Case, Debt, DebtStatus, Payment

AMOUNT_COLUMNS = ("principal", "received", "periodic_fee", "upfront_fee")
RATE_COLUMNS = ("annual_rate", "daily_rate", "period_fee_rate", "penalty_rate_multiplier")
INT_COLUMNS = ("term_months", "payment_day")
TEXT_COLUMNS = ("creditor", "lender_type", "method", "notes")
DATE_COLUMNS = ("start_date",)
COLUMNS = AMOUNT_COLUMNS + RATE_COLUMNS + INT_COLUMNS + TEXT_COLUMNS + DATE_COLUMNS
NOT_MORE = frozenset(COLUMNS) | {"id", "payments", "status"}
CASE_KEYS = frozenset({"version", "as_of", "borrower", "debts"})
BORROWER_FIELDS = ("name", "id_number", "phone", "email", "address")


def jsonable(value: Any) -> Any:
    """Plain JSON values (dates and Decimals as strings) for the JSON columns."""
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _rate_text(value: Decimal) -> str:
    return f"{value.normalize():f}"


def payment_mapping(payment: Payment) -> dict[str, Any]:
    row: dict[str, Any] = {"date": payment.date.isoformat(), "amount": f"{payment.amount:.2f}"}
    if payment.note:
        row["note"] = payment.note
    if payment.public_id:
        row["id"] = payment.public_id
    return row


def debt_mapping(debt: Debt, payments: Iterable[Payment] | None = None) -> dict[str, Any]:
    """The debt as the case file writes it (without the negotiation status)."""
    mapping: dict[str, Any] = {"id": debt.key}
    for name in COLUMNS:
        value = getattr(debt, name)
        if value is None or value == "":
            continue
        if name in AMOUNT_COLUMNS:
            mapping[name] = f"{value:.2f}"
        elif name in RATE_COLUMNS:
            mapping[name] = _rate_text(value)
        elif name in DATE_COLUMNS:
            mapping[name] = value.isoformat()
        else:
            mapping[name] = value
    mapping.update({k: v for k, v in debt.more.items() if k not in NOT_MORE})
    rows = list(debt.payments.all()) if payments is None else list(payments)
    if rows:
        mapping["payments"] = [payment_mapping(p) for p in rows]
    return mapping


def loan_of(debt: Debt, payments: Iterable[Payment] | None = None) -> Loan:
    """The core value of a stored debt (validated by the case file's rules)."""
    return parse_debt(debt_mapping(debt, payments))


def apply_loan(debt: Debt, loan: Loan) -> None:
    """Copy a core debt into a row (columns + ``more``), in the case file's canonical representation."""
    data = jsonable(debt_to_dict(loan))
    debt.key = loan.id
    for name in COLUMNS:
        raw = data.get(name)
        if raw is None or raw == "":
            setattr(debt, name, "" if name in TEXT_COLUMNS else None)
        elif name in AMOUNT_COLUMNS or name in RATE_COLUMNS:
            setattr(debt, name, Decimal(str(raw)))
        elif name in INT_COLUMNS:
            setattr(debt, name, int(raw))
        elif name in DATE_COLUMNS:
            setattr(debt, name, date.fromisoformat(str(raw)))
        else:
            setattr(debt, name, str(raw))
    more = {k: v for k, v in data.items() if k not in NOT_MORE}
    extra = dict(more.pop("extra", {}))
    status = extra.pop(STATUS_KEY, None)
    if status in DebtStatus.values:
        debt.status = status
    if extra:
        more["extra"] = extra
    debt.more = more


@dataclass(frozen=True)
class Loaded:
    """A stored case as the core value, read once: debts with their payments and statuses, and every section
    the case file's own loaders can read. A section that cannot be read is left out and its problems kept."""

    core: CoreCase
    rows: tuple[Debt, ...]
    problems: Mapping[str, tuple[FieldError, ...]]  # by section name


def _stored_payments(case: Case) -> dict[int, list[CorePayment]]:
    """Every payment of the case as core values, by debt row: one query, no model instances (a case of
    50 debts × 5 years holds 3,000 of them)."""
    by_debt: dict[int, list[CorePayment]] = defaultdict(list)
    stored = Payment.objects.filter(debt__case=case).order_by("date", "id")
    for debt_pk, day, amount, note, public_id in stored.values_list(
        "debt_id", "date", "amount", "note", "public_id"
    ):
        by_debt[debt_pk].append(CorePayment(day, amount, note, public_id))
    return by_debt


def _loan(debt: Debt, payments: list[CorePayment]) -> Loan:
    return with_payments(parse_debt(debt_mapping(debt, ())), payments)


def load_case(case: Case) -> Loaded:
    """The one adapter from rows to the core case (two queries: the debts, their payments)."""
    rows = tuple(case.debts.all())
    payments = _stored_payments(case)
    loans = tuple(_loan(d, payments.get(d.pk, [])) for d in rows)
    borrower = Borrower(
        name=case.borrower_name,
        id_number=case.id_number,
        phone=case.phone,
        email=case.email,
        address=case.address,
    )
    values: dict[str, Any] = {}
    problems: dict[str, tuple[FieldError, ...]] = {}
    for section in SECTIONS:
        raw = case.sections.get(section.name)
        if raw is None:
            continue
        try:
            values[section.field] = section.load(raw, section.name)
        except ValidationError as error:
            problems[section.name] = tuple(error.errors)
    known = set(NegotiationStatus) - {NegotiationStatus.NOT_CONTACTED}
    statuses = {d.key: NegotiationStatus(d.status) for d in rows if d.status in known}
    core = CoreCase(
        borrower=borrower,
        debts=loans,
        as_of=case.as_of,
        version=case.version,
        statuses=statuses,
        **values,
    )
    return Loaded(core, rows, problems)


def core_case(case: Case) -> CoreCase:
    """The stored case as the core value the engine analyses (see :func:`load_case`)."""
    return load_case(case).core


def case_file_dict(case: Case) -> dict[str, Any]:
    """The whole case in the case-file format: core parts, each debt's status, the stored sections as stored."""
    data = dict(dump_case(replace(core_case(case), **{s.field: s.empty for s in SECTIONS})))
    data.update(case.sections)
    return data


def case_file_yaml(case: Case) -> str:
    return yaml.safe_dump(case_file_dict(case), allow_unicode=True, sort_keys=False, width=120)
