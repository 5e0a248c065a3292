"""What ``xieshang import`` reports, as JSON-ready data: per file its format, the rows read, the rows skipped
with the reason, the warnings and (for a card statement) the statement's figures; over all files the duplicates
(the same row in two exports), the overlaps (a wallet's payment and the bank row of the same payment), the
totals by month, the possible debts and each card's payment history."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xieshang.core.card_bills import CardBill
from xieshang.core.card_history import Repayment, payment_history
from xieshang.core.categories import categorise
from xieshang.core.discovery import discover
from xieshang.core.summary import summarise
from xieshang.core.transactions import Direction, ImportResult, Transaction, totals
from xieshang.importers.detect import FORMATS
from xieshang.importers.merge import Merged
from xieshang.importers.reference import category_map, known_lenders

from .common import money_json, rate_json

HISTORY_WORDS = {
    "paid_in_full": "全额还款",
    "minimum_paid": "已还最低还款额",
    "minimum_missed": "未还足最低还款额",
    "nothing_due": "无欠款",
    "unknown": "尚无下期账单，未能判断",
}


def card_json(bill: CardBill) -> dict[str, Any]:
    fee = bill.late_fee
    return {
        "bank": bill.bank,
        "bank_name": bill.bank_name,
        "card": bill.card,
        "cycle_start": bill.cycle_start.isoformat() if bill.cycle_start else None,
        "statement_date": bill.statement_date.isoformat(),
        "due_date": bill.due_date.isoformat(),
        "balance": money_json(bill.balance),
        "minimum": money_json(bill.minimum) if bill.minimum is not None else None,
        "credit_limit": money_json(bill.credit_limit) if bill.credit_limit is not None else None,
        "daily_rate": rate_json(bill.daily_rate, 8),
        "late_fee": None
        if fee is None
        else {
            "rate": rate_json(fee.rate, 6),
            "minimum": money_json(fee.minimum) if fee.minimum is not None else None,
            "maximum": money_json(fee.maximum) if fee.maximum is not None else None,
            "text": fee.text,
        },
    }


def file_json(path: Path, result: ImportResult) -> dict[str, Any]:
    return {
        "file": path.name,
        "format": result.format,
        "format_name": FORMATS.get(result.format, result.format),
        "rows_read": len(result.transactions) + len(result.skipped),
        "transactions": len(result.transactions),
        "skipped": [{"row": row, "reason": reason} for row, reason in result.skipped],
        "warnings": list(result.warnings),
        "card": card_json(result.card) if result.card else None,
    }


def _side(t: Transaction, files: dict[int, str]) -> dict[str, Any]:
    return {
        "file": files.get(id(t), ""),
        "format": t.source,
        "row": t.row,
        "date": t.time.date().isoformat(),
        "description": t.description or t.counterparty,
        "payment_method": t.payment_method,
    }


def histories_json(results: Sequence[ImportResult]) -> list[dict[str, Any]]:
    """Each card's statements in date order, with what was paid towards each by its due date."""
    cards: dict[tuple[str, str], list[ImportResult]] = {}
    for result in results:
        if result.card is not None:
            cards.setdefault((result.card.bank, result.card.card), []).append(result)
    out = []
    for (bank, card), found in cards.items():
        paid = [
            Repayment(t.posted or t.time.date(), t.amount)
            for r in found
            for t in r.transactions
            if t.direction is Direction.NEUTRAL
        ]
        months = payment_history([r.card for r in found if r.card], paid)
        out.append(
            {
                "bank": bank,
                "card": card,
                "months": [
                    {
                        "month": m.bill.month,
                        "statement_date": m.bill.statement_date.isoformat(),
                        "due_date": m.bill.due_date.isoformat(),
                        "balance": money_json(m.bill.balance),
                        "minimum": money_json(m.bill.minimum) if m.bill.minimum is not None else None,
                        "paid_by_due": money_json(m.paid_by_due) if m.paid_by_due is not None else None,
                        "status": m.status.value,
                        "status_text": HISTORY_WORDS[m.status.value],
                        "shortfall": money_json(m.shortfall),
                    }
                    for m in months
                ],
            }
        )
    return out


def build_report(paths: Sequence[Path], results: Sequence[ImportResult], merged: Merged) -> dict[str, Any]:
    lenders = known_lenders()
    transactions = categorise(merged.transactions, category_map()).transactions
    summary = summarise(transactions, lenders)
    total = totals(transactions)
    files = {
        id(t): path.name for path, result in zip(paths, results, strict=True) for t in result.transactions
    }
    file_reports = [file_json(path, result) for path, result in zip(paths, results, strict=True)]
    return {
        "format": results[0].format if len(results) == 1 else [r.format for r in results],
        "files": file_reports,
        "rows_read": sum(f["rows_read"] for f in file_reports),
        "transactions": len(transactions),
        "duplicates": merged.duplicates,
        "overlaps": [
            {
                "amount": money_json(o.wallet.amount),
                "direction": o.wallet.direction.value,
                "counted": _side(o.wallet, files),
                "not_counted": _side(o.bank, files),
            }
            for o in merged.overlaps
        ],
        "refunds_netted": merged.refunds_netted,
        "skipped": [
            {"file": path.name, "format": result.format, "row": row, "reason": reason}
            for path, result in zip(paths, results, strict=True)
            for row, reason in result.skipped
        ],
        "warnings": list(merged.warnings),
        "totals": {
            "income": money_json(total.income),
            "expense": money_json(total.expense),
            "neutral": money_json(total.neutral),
        },
        "months": [
            {
                "month": m.month,
                "income": money_json(m.income),
                "expense": money_json(m.expense),
                "repayments": money_json(m.repayments),
            }
            for m in summary.months
        ],
        "possible_debts": [
            {
                "counterparty": d.counterparty,
                "reason": d.reason,
                "count": d.count,
                "total": money_json(d.total),
                "months": list(d.months),
                "lender_type": d.lender_type.value if d.lender_type else None,
            }
            for d in discover(transactions, lenders)
        ],
        "card_statements": [
            {"file": path.name, **card_json(result.card)}
            for path, result in zip(paths, results, strict=True)
            if result.card is not None
        ],
        "card_history": histories_json(results),
    }
