"""The case file's ``borrower`` and ``debts`` ↔ :class:`~xieshang.core.case.Borrower` and
:class:`~xieshang.core.terms.Loan`.

One set of rules for every way a debt comes in: the case file, the web form (:func:`parse_debt`) and the
stored rows (``cases.convert``). :func:`debt_to_dict` writes what :func:`parse_debt` reads back equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from xieshang.core.bilingual import Text
from xieshang.core.case import Borrower
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import ZERO
from xieshang.core.terms import LenderType, Loan, Method, Payment, PaymentOrder, RevolvingTerms
from xieshang.core.vocabulary import label

from . import writer
from .reader import Reader, duplicate_id, join, mapping_or_error

BORROWER_KEYS = ("name", "id_number", "phone", "email", "address")
DEBT_KEYS = (
    "id",
    "creditor",
    "lender_type",
    "principal",
    "received",
    "start_date",
    "term_months",
    "method",
    "annual_rate",
    "daily_rate",
    "period_fee_rate",
    "day_count",
    "periodic_fee",
    "upfront_fee",
    "payment_day",
    "payments",
    "penalty_rate_multiplier",
    "penalty_annual_rate",
    "compound_overdue_interest",
    "late_fee_fixed",
    "late_fee_rate",
    "payment_order",
    "revolving",
    "assisted_lending",
    "notes",
    "extra",
)
PAYMENT_KEYS = ("date", "amount", "note", "id")
PAYMENT_ID_LIMIT = 64
REVOLVING_KEYS = (
    "statement_day",
    "due_day",
    "min_payment_rate",
    "min_payment_floor",
    "late_fee_rate",
    "late_fee_min",
    "late_fee_max",
    "statement_minimum",
)
RATE_CEILINGS: dict[str, Decimal] = {  # fractions: 100 = 10,000 % a year
    "annual_rate": Decimal(100),
    "penalty_annual_rate": Decimal(100),
    "daily_rate": Decimal("0.3"),
    "period_fee_rate": Decimal(1),
    "late_fee_rate": Decimal(1),
    "min_payment_rate": Decimal(1),
    "penalty_rate_multiplier": Decimal(100),
}
_DEFAULT_LOAN = Loan(
    id="", principal=Decimal(1), start_date=date(2000, 1, 1), term_months=1, method=Method.BULLET
)
_RATES = Text("（百分比）", " (percent a period)")


def _read_payment(value: Any, path: str, errors: list[FieldError]) -> Payment | None:
    data = mapping_or_error(value, path, errors)
    if data is None:
        return None
    read = Reader(data, path, errors)
    read.unknown(PAYMENT_KEYS)
    day, amount, note = read.day("date", required=True), read.amount("amount", True, True), read.text("note")
    payment_id = read.text("id", limit=PAYMENT_ID_LIMIT)
    if day is None or amount is None:
        return None
    return Payment(day, amount, note, payment_id)


def _read_revolving(data: Mapping[str, Any], path: str, errors: list[FieldError]) -> RevolvingTerms:
    read = Reader(data, path, errors)
    read.unknown(REVOLVING_KEYS)
    base = RevolvingTerms()
    statement_day = read.integer("statement_day", 1, 31)
    due_day = read.integer("due_day", 1, 31)
    min_rate = read.percent("min_payment_rate")
    floor = read.amount("min_payment_floor")
    fee_rate = read.percent("late_fee_rate")
    fee_min = read.amount("late_fee_min")
    fee_max = read.amount("late_fee_max")
    read.ceilings({"min_payment_rate": min_rate, "late_fee_rate": fee_rate}, RATE_CEILINGS)
    return RevolvingTerms(
        statement_day=base.statement_day if statement_day is None else statement_day,
        due_day=base.due_day if due_day is None else due_day,
        min_payment_rate=base.min_payment_rate if min_rate is None else min_rate,
        min_payment_floor=base.min_payment_floor if floor is None else floor,
        late_fee_rate=base.late_fee_rate if fee_rate is None else fee_rate,
        late_fee_min=base.late_fee_min if fee_min is None else fee_min,
        late_fee_max=fee_max,
        statement_minimum=read.amount("statement_minimum"),
    )


def _rate_rules(read: Reader, method: Method | None) -> None:
    """Which rate fields a method needs and allows."""
    if method is None:
        return
    has = {key: read.has(key) for key in ("annual_rate", "daily_rate", "period_fee_rate")}
    if method is Method.CARD_INSTALMENT:
        if not has["period_fee_rate"]:
            read.error(
                "period_fee_rate",
                Text(
                    "信用卡分期必填（每期手续费率，百分比）",
                    "required for card_instalment (percent a period)",
                ),
            )
    elif has["period_fee_rate"]:
        read.error("period_fee_rate", Text("仅用于信用卡分期", "only for method card_instalment"))
    if method in (Method.DAILY, Method.REVOLVING):
        if not (has["annual_rate"] or has["daily_rate"]):
            read.error(
                "annual_rate",
                Text(
                    f"{label(method).zh}需要年利率或日利率",
                    f"{label(method).en} needs annual_rate or daily_rate",
                ),
            )
    elif has["daily_rate"]:
        read.error("daily_rate", Text("仅用于按日计息或信用卡循环", "only for method daily or revolving"))
    if method not in (Method.DAILY, Method.REVOLVING, Method.CARD_INSTALMENT) and not has["annual_rate"]:
        read.missing("annual_rate")
    if read.has("revolving") and method is not Method.REVOLVING:
        read.error("revolving", Text("仅用于信用卡循环", "only for method revolving"))


def read_debt(data: Mapping[str, Any], path: str, errors: list[FieldError]) -> Loan | None:
    """One debt, its problems added to ``errors`` (``None`` when it cannot be made)."""
    count = len(errors)
    read = Reader(data, path, errors)
    read.unknown(DEBT_KEYS)
    debt_id = read.text("id", required=True)
    method = read.choice("method", Method, required=True)
    lender_type = read.choice("lender_type", LenderType, required=True)
    principal = read.amount("principal", required=True, positive=True)
    received = read.amount("received", positive=True)
    if principal is not None and received is not None and received > principal:
        read.error("received", Text("实际到账不能多于本金", "received cannot exceed the principal"))
    start = read.day("start_date", required=True)
    term = read.integer(
        "term_months", 0 if method is Method.REVOLVING else 1, 600, required=method is not Method.REVOLVING
    )
    _rate_rules(read, method)
    annual, daily, period_fee = (
        read.percent("annual_rate"),
        read.percent("daily_rate"),
        read.percent("period_fee_rate"),
    )
    read.ceilings({"annual_rate": annual, "daily_rate": daily, "period_fee_rate": period_fee}, RATE_CEILINGS)
    day_count = read.integer("day_count", 360, 365)
    if day_count not in (None, 360, 365):
        read.error("day_count", Text("必须是 360 或 365", "must be 360 or 365"))
    payments = []
    payment_ids: set[str] = set()
    for index, item in enumerate(read.sequence("payments")):
        payment = _read_payment(item, join(read.where("payments"), index), errors)
        if payment is not None:
            _after_start(payment, start, join(read.where("payments"), index), errors)
            if payment.id and payment.id in payment_ids:
                errors.append(duplicate_id(join(join(read.where("payments"), index), "id"), payment.id))
            payment_ids.add(payment.id)
            payments.append(payment)
    revolving_data = read.mapping("revolving")
    revolving = (
        None if revolving_data is None else _read_revolving(revolving_data, read.where("revolving"), errors)
    )
    extra_data = read.mapping("extra")
    extra = {str(k): str(v) for k, v in (extra_data or {}).items()}
    fields: dict[str, Any] = {
        "creditor": read.text("creditor"),
        "day_count": day_count,
        "periodic_fee": read.amount("periodic_fee"),
        "upfront_fee": read.amount("upfront_fee"),
        "payment_day": read.integer("payment_day", 1, 31),
        "penalty_rate_multiplier": read.number("penalty_rate_multiplier"),
        "penalty_annual_rate": read.percent("penalty_annual_rate"),
        "compound_overdue_interest": read.boolean("compound_overdue_interest"),
        "late_fee_fixed": read.amount("late_fee_fixed"),
        "late_fee_rate": read.percent("late_fee_rate"),
        "payment_order": read.choice("payment_order", PaymentOrder),
        "assisted_lending": read.boolean("assisted_lending"),
        "notes": read.text("notes"),
    }
    read.ceilings(
        {k: fields[k] for k in ("penalty_rate_multiplier", "penalty_annual_rate", "late_fee_rate")},
        RATE_CEILINGS,
    )
    if len(errors) > count or principal is None or start is None or method is None or lender_type is None:
        return None
    return Loan(
        id=debt_id,
        principal=principal,
        start_date=start,
        term_months=term or 0,
        method=method,
        annual_rate=annual if annual is not None else ZERO,
        lender_type=lender_type,
        received=received,
        daily_rate=daily,
        period_fee_rate=period_fee,
        payments=tuple(sorted(payments, key=lambda p: p.date)),
        revolving=revolving,
        extra=extra,
        **{key: value for key, value in fields.items() if value is not None},
    )


def _after_start(payment: Payment, start: date | None, where: str, errors: list[FieldError]) -> None:
    if start is not None and payment.date < start:
        errors.append(
            FieldError(
                join(where, "date"), Text("还款日期早于借款开始日", "payment dated before the start date")
            )
        )


def with_payments(loan: Loan, payments: Sequence[Payment], path: str = "") -> Loan:
    """``loan`` with payments already typed (stored rows, each read by this module when it was written),
    judged by the rule that ties them to the debt: none before its start. Kept in date order."""
    errors: list[FieldError] = []
    for index, payment in enumerate(payments):
        _after_start(payment, loan.start_date, join(join(path, "payments"), index), errors)
    if errors:
        raise ValidationError(errors)
    return replace(loan, payments=tuple(sorted(payments, key=lambda p: p.date)))


def parse_debt(data: Mapping[str, Any], path: str = "") -> Loan:
    """One debt from a mapping (a case-file entry or a web form); raises :class:`ValidationError`.

    Error paths are relative to ``path`` (``"principal"``, or ``"debts[2].principal"`` with ``path="debts[2]"``).
    """
    errors: list[FieldError] = []
    mapping = mapping_or_error(data, path, errors)
    loan = None if mapping is None else read_debt(mapping, path, errors)
    if errors or loan is None:
        raise ValidationError(errors or [FieldError(path, Text("无效", "invalid"))])
    return loan


def read_debts(items: list[Any], errors: list[FieldError]) -> list[Loan]:
    """The ``debts`` list; a repeated id is an error at the later one."""
    debts: list[Loan] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        path = join("debts", index)
        mapping = mapping_or_error(item, path, errors)
        loan = None if mapping is None else read_debt(mapping, path, errors)
        if loan is None:
            continue
        if loan.id in seen:
            first = seen[loan.id]
            errors.append(
                FieldError(f"{path}.id", Text(f"与 debts[{first}] 重复", f"duplicates debts[{first}]"))
            )
        seen.setdefault(loan.id, index)
        debts.append(loan)
    return debts


def read_borrower(value: Any, errors: list[FieldError]) -> Borrower | None:
    if value is None:
        errors.append(FieldError("borrower", Text("必填", "required")))
        return None
    data = mapping_or_error(value, "borrower", errors)
    if data is None:
        return None
    read = Reader(data, "borrower", errors)
    read.unknown(BORROWER_KEYS)
    name = read.text("name", required=True)
    other = {key: read.text(key) for key in BORROWER_KEYS[1:]}
    return Borrower(name=name, **other)


def borrower_to_dict(borrower: Borrower) -> dict[str, Any]:
    out: dict[str, Any] = {"name": borrower.name}
    for key in BORROWER_KEYS[1:]:
        if getattr(borrower, key):
            out[key] = getattr(borrower, key)
    return out


def _revolving_to_dict(terms: RevolvingTerms) -> dict[str, Any]:
    out: dict[str, Any] = {
        "statement_day": terms.statement_day,
        "due_day": terms.due_day,
        "min_payment_rate": writer.percent(terms.min_payment_rate),
        "min_payment_floor": writer.money(terms.min_payment_floor),
        "late_fee_rate": writer.percent(terms.late_fee_rate),
        "late_fee_min": writer.money(terms.late_fee_min),
    }
    if terms.late_fee_max is not None:
        out["late_fee_max"] = writer.money(terms.late_fee_max)
    if terms.statement_minimum is not None:
        out["statement_minimum"] = writer.money(terms.statement_minimum)
    return out


def debt_to_dict(loan: Loan) -> dict[str, Any]:
    """One debt as case-file data (JSON-ready): what :func:`parse_debt` reads back to an equal :class:`Loan`."""
    d = _DEFAULT_LOAN
    out: dict[str, Any] = {"id": loan.id}
    if loan.creditor:
        out["creditor"] = loan.creditor
    out["lender_type"] = loan.lender_type.value
    out["principal"] = writer.money(loan.principal)
    if loan.received is not None:
        out["received"] = writer.money(loan.received)
    out["start_date"] = loan.start_date.isoformat()
    out["term_months"] = loan.term_months
    out["method"] = loan.method.value
    if loan.annual_rate != 0 or loan.method not in (Method.DAILY, Method.REVOLVING, Method.CARD_INSTALMENT):
        out["annual_rate"] = writer.percent(loan.annual_rate)
    if loan.daily_rate is not None:
        out["daily_rate"] = writer.percent(loan.daily_rate)
    if loan.period_fee_rate is not None:
        out["period_fee_rate"] = writer.percent(loan.period_fee_rate)
    if loan.day_count != d.day_count:
        out["day_count"] = loan.day_count
    for key in ("periodic_fee", "upfront_fee", "late_fee_fixed"):
        if getattr(loan, key) != 0:
            out[key] = writer.money(getattr(loan, key))
    if loan.payment_day is not None:
        out["payment_day"] = loan.payment_day
    if loan.penalty_rate_multiplier is not None:
        out["penalty_rate_multiplier"] = writer.number(loan.penalty_rate_multiplier)
    if loan.penalty_annual_rate is not None:
        out["penalty_annual_rate"] = writer.percent(loan.penalty_annual_rate)
    if loan.compound_overdue_interest != d.compound_overdue_interest:
        out["compound_overdue_interest"] = loan.compound_overdue_interest
    if loan.late_fee_rate != 0:
        out["late_fee_rate"] = writer.percent(loan.late_fee_rate)
    if loan.payment_order != d.payment_order:
        out["payment_order"] = loan.payment_order.value
    if loan.revolving is not None:
        out["revolving"] = _revolving_to_dict(loan.revolving)
    if loan.assisted_lending is not None:
        out["assisted_lending"] = loan.assisted_lending
    if loan.payments:
        out["payments"] = [
            {
                "date": p.date.isoformat(),
                "amount": writer.money(p.amount),
                **({"note": p.note} if p.note else {}),
                **({"id": p.id} if p.id else {}),
            }
            for p in loan.payments
        ]
    if loan.notes:
        out["notes"] = loan.notes
    if loan.extra:
        out["extra"] = dict(loan.extra)
    return out
