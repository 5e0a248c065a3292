"""The case file's ``agreements:`` section ↔ core's :class:`~xieshang.core.agreements.Agreement`::

    agreements:
      - id: a7
        debt: kuaidai                 # debts[].id
        made: written                 # written | e_signed | oral (or 书面协议 …)
        agreed_on: 2026-12-01
        start: 2026-12-01             # optional: when it replaces the contract (default: agreed_on)
        creditor_party: 客服李专员（工号 KD0571）
        balance: "9800.00"            # optional: the balance the creditor states it starts from
        principal_in_balance: "8200.00"
        total: "9000.00"              # what the borrower pays under it
        waived: {penalty: "600.00", fees: "200.00"}   # interest, principal too
        interest: "0.00"              # what the agreement itself charges (in total)
        fees: "0.00"                  # fees for the agreement, paid to fee_payee (not in total)
        instalments:                  # or generate them: schedule: {first_due: 2027-01-15, months: 12}
          - {id: i8, due: 2027-01-15, amount: "750.00", payments: [p12]}
        grace_days: 3
        on_default: renegotiate       # unstated | renegotiate | late_charge | waiver_revoked | remaining_due
        collection_stops: true
        credit_reporting: negotiated  # unstated | normal | negotiated | overdue_kept
        charges_continue: false
        no_new_card: true             # credit cards: the undertaking Art. 70 asks for
        payee: creditor               # creditor | personal | third_party
        account: 某网络借贷平台 App「还款」页
        clauses: "……"                 # the agreement's wording: the review reads it
        blanks: false
        confirmation_requested: 2026-12-02   # oral: written confirmation asked for
        confirmed: false
        signed_copy: [<sha256>]
        recording: [<sha256>]
        receipts: [{payment: p12, sha256: <sha256>}]
        available_at_signing: "770.00"
        notes: ""
        draft: false                  # true: being read before signing; it replaces nothing yet

Instalments are written back one by one (a generated schedule reads back equal). Unknown keys, a bad date or
amount, an instalment without a date: located errors (``agreements[0].instalments[2].amount``). What an agreement
refers to outside the section (its debt, the payments an instalment names) is checked with the whole case
(:func:`xieshang.core.agreements.reference_problems`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from xieshang.core.agreements import (
    MAX_INSTALMENTS,
    AgreedInstalment,
    Agreement,
    AgreementForm,
    CreditReporting,
    OnDefault,
    Payee,
    Receipt,
    Waived,
    generate_instalments,
)
from xieshang.core.bilingual import Text
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.money import ZERO

from . import writer
from .contacts import aliases
from .reader import Reader, duplicate_id, join, list_or_raise

ID_LIMIT = 64
LINE_LIMIT = 200
TEXT_LIMIT = 20000
KEYS = (
    "id", "debt", "made", "agreed_on", "start", "creditor_party", "balance", "principal_in_balance", "total",
    "waived", "interest", "fees", "fee_payee", "instalments", "schedule", "grace_days", "on_default",
    "collection_stops", "credit_reporting", "charges_continue", "no_new_card", "payee", "account", "clauses",
    "blanks", "confirmation_requested", "confirmed", "signed_copy", "recording", "receipts",
    "available_at_signing", "notes", "draft",
)  # fmt: skip
WAIVED_KEYS = tuple(f.name for f in fields(Waived))
INSTALMENT_KEYS = ("id", "due", "amount", "payments")
SCHEDULE_KEYS = ("first_due", "months")
RECEIPT_KEYS = ("payment", "sha256")
TRISTATE = ("collection_stops", "charges_continue", "no_new_card")
HEX = frozenset("0123456789abcdef")
NOT_SHA = Text("必须是 SHA-256 哈希值（64 位十六进制）", "must be a SHA-256 (64 hex digits)")


def _digests(read: Reader, key: str) -> tuple[str, ...]:
    found: list[str] = []
    for index, value in enumerate(read.sequence(key)):
        if not isinstance(value, str) or len(value) != 64 or not set(value) <= HEX:
            read.errors.append(FieldError(join(read.where(key), index), NOT_SHA))
        else:
            found.append(value)
    return tuple(dict.fromkeys(found))


def _instalment(raw: object, path: str, errors: list[FieldError]) -> AgreedInstalment | None:
    try:
        read = Reader.opened(raw, path, INSTALMENT_KEYS)
    except ValidationError as error:
        errors.extend(error.errors)
        return None
    due = read.day("due", required=True)
    amount = read.amount("amount", required=True, positive=True)
    payments = read.lines("payments", ID_LIMIT)
    item_id = read.text("id", limit=ID_LIMIT)
    errors.extend(read.errors)
    if due is None or amount is None:
        return None
    return AgreedInstalment(due, amount, item_id, payments)


def _instalments(read: Reader) -> tuple[AgreedInstalment, ...]:
    items: list[AgreedInstalment] = []
    if read.has("instalments"):
        for index, raw in enumerate(read.sequence("instalments")):
            item = _instalment(raw, join(read.where("instalments"), index), read.errors)
            if item is not None:
                items.append(item)
        if read.has("schedule"):
            read.error(
                "schedule",
                Text("已列出每一期，不要再写生成规则", "give the instalments or a schedule, not both"),
            )
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id and item.id in seen:
                read.errors.append(duplicate_id(f"{read.where('instalments')}[{index}].id", item.id))
            seen.add(item.id)
        if len(items) > MAX_INSTALMENTS:
            read.error(
                "instalments", Text(f"最多 {MAX_INSTALMENTS} 期", f"at most {MAX_INSTALMENTS} instalments")
            )
        return tuple(items)
    terms = read.mapping("schedule")
    if terms is None:
        read.error(
            "instalments",
            Text(
                "必填：每一期的日期和金额（或 schedule 生成规则）",
                "required: the instalments (or a schedule)",
            ),
        )
        return ()
    rules = Reader(terms, read.where("schedule"), read.errors)
    rules.unknown(SCHEDULE_KEYS)
    first = rules.day("first_due", required=True)
    months = rules.integer("months", 1, MAX_INSTALMENTS, required=True)
    total = read.amount("total")
    if first is None or months is None or total is None:
        return ()
    return generate_instalments(total, first, months)


def _waived(read: Reader) -> Waived:
    data = read.mapping("waived")
    if data is None:
        return Waived()
    parts = Reader(data, read.where("waived"), read.errors)
    parts.unknown(WAIVED_KEYS)
    return Waived(**{key: parts.amount(key) or ZERO for key in WAIVED_KEYS})


def _receipts(read: Reader) -> tuple[Receipt, ...]:
    found: list[Receipt] = []
    for index, raw in enumerate(read.sequence("receipts")):
        path = join(read.where("receipts"), index)
        try:
            item = Reader.opened(raw, path, RECEIPT_KEYS)
        except ValidationError as error:
            read.errors.extend(error.errors)
            continue
        payment = item.text("payment", required=True, limit=ID_LIMIT)
        digest = item.text("sha256", required=True)
        read.errors.extend(item.errors)
        if digest and (len(digest) != 64 or not set(digest) <= HEX):
            read.errors.append(FieldError(join(path, "sha256"), NOT_SHA))
        elif payment and digest:
            found.append(Receipt(payment, digest))
    return tuple(found)


def agreement_from_dict(raw: object, path: str) -> Agreement:
    """One agreement; every problem located under ``path``."""
    read = Reader.opened(raw, path, KEYS)
    values: dict[str, Any] = {
        "id": read.text("id", limit=ID_LIMIT),
        "debt_id": read.text("debt", required=True, limit=ID_LIMIT),
        "made": read.choice("made", AgreementForm, required=True, aliases=aliases(AgreementForm)),
        "agreed_on": read.day("agreed_on", required=True),
        "start": read.day("start"),
        "total": read.amount("total", required=True, positive=True),
        "creditor_party": read.text("creditor_party", limit=LINE_LIMIT),
        "balance": read.amount("balance"),
        "principal_in_balance": read.amount("principal_in_balance"),
        "waived": _waived(read),
        "interest": read.amount("interest") or ZERO,
        "fees": read.amount("fees") or ZERO,
        "fee_payee": read.text("fee_payee", limit=LINE_LIMIT),
        "grace_days": read.integer("grace_days", 0, 365),
        "on_default": read.choice("on_default", OnDefault, aliases=aliases(OnDefault)) or OnDefault.UNSTATED,
        "credit_reporting": read.choice("credit_reporting", CreditReporting, aliases=aliases(CreditReporting))
        or CreditReporting.UNSTATED,
        "payee": read.choice("payee", Payee, aliases=aliases(Payee)) or Payee.CREDITOR,
        "account": read.text("account", limit=LINE_LIMIT),
        "clauses": read.text("clauses", limit=TEXT_LIMIT, strip=False).strip(),
        "blanks": bool(read.boolean("blanks")),
        "confirmation_requested": read.day("confirmation_requested"),
        "confirmed": bool(read.boolean("confirmed")),
        "signed_copy": _digests(read, "signed_copy"),
        "recording": _digests(read, "recording"),
        "receipts": _receipts(read),
        "available_at_signing": read.amount("available_at_signing", signed=True),
        "notes": read.text("notes", limit=TEXT_LIMIT),
        "draft": bool(read.boolean("draft")),
        **{key: read.boolean(key) for key in TRISTATE},
    }
    values["instalments"] = _instalments(read)
    start, agreed_on = values["start"], values["agreed_on"]
    if start is not None and agreed_on is not None and start < agreed_on:
        read.error("start", Text("开始日早于达成日", "starts before the day it was agreed"))
    if read.errors or values["made"] is None or agreed_on is None or values["total"] is None:
        raise ValidationError(read.errors)
    return Agreement(**values)


def agreements_from_dict(data: object, path: str = "agreements") -> tuple[Agreement, ...]:
    """The case file's ``agreements:`` list; every problem of every entry located, an id given twice too."""
    errors: list[FieldError] = []
    items: list[Agreement] = []
    for index, raw in enumerate(list_or_raise(data, path)):
        try:
            items.append(agreement_from_dict(raw, f"{path}[{index}]"))
        except ValidationError as error:
            errors.extend(error.errors)
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id and item.id in seen:
            errors.append(duplicate_id(f"{path}[{index}].id", item.id))
        seen.add(item.id)
    if errors:
        raise ValidationError(errors)
    return tuple(items)


def _maybe(out: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", (), False):
        out[key] = value


def agreement_to_dict(agreement: Agreement) -> dict[str, Any]:
    """The case-file form (empty optional fields left out); :func:`agreement_from_dict` reads it back equal."""
    a = agreement
    out: dict[str, Any] = {"id": a.id} if a.id else {}
    out.update({"debt": a.debt_id, "made": a.made.value, "agreed_on": a.agreed_on.isoformat()})
    _maybe(out, "start", a.start.isoformat() if a.start else None)
    _maybe(out, "creditor_party", a.creditor_party)
    for key in ("balance", "principal_in_balance"):
        value = getattr(a, key)
        _maybe(out, key, None if value is None else writer.money(value))
    out["total"] = writer.money(a.total)
    waived = {k: writer.money(getattr(a.waived, k)) for k in WAIVED_KEYS if getattr(a.waived, k)}
    _maybe(out, "waived", waived or None)
    for key in ("interest", "fees"):
        value = getattr(a, key)
        _maybe(out, key, writer.money(value) if value else None)
    _maybe(out, "fee_payee", a.fee_payee)
    out["instalments"] = [
        {
            **({"id": i.id} if i.id else {}),
            "due": i.due.isoformat(),
            "amount": writer.money(i.amount),
            **({"payments": list(i.payments)} if i.payments else {}),
        }
        for i in a.instalments
    ]
    if a.grace_days is not None:
        out["grace_days"] = a.grace_days
    for key in ("on_default", "credit_reporting"):
        if getattr(a, key).value != "unstated":
            out[key] = getattr(a, key).value
    for key in TRISTATE:
        if getattr(a, key) is not None:
            out[key] = getattr(a, key)
    if a.payee is not Payee.CREDITOR:
        out["payee"] = a.payee.value
    for key in ("account", "clauses"):
        _maybe(out, key, getattr(a, key))
    _maybe(out, "blanks", a.blanks)
    _maybe(
        out,
        "confirmation_requested",
        a.confirmation_requested.isoformat() if a.confirmation_requested else None,
    )
    _maybe(out, "confirmed", a.confirmed)
    _maybe(out, "signed_copy", list(a.signed_copy))
    _maybe(out, "recording", list(a.recording))
    _maybe(out, "receipts", [{"payment": r.payment, "sha256": r.sha256} for r in a.receipts])
    if a.available_at_signing is not None:
        out["available_at_signing"] = writer.money(a.available_at_signing)
    _maybe(out, "notes", a.notes)
    _maybe(out, "draft", a.draft)
    return out


def agreements_to_dict(agreements: Iterable[Agreement]) -> list[dict[str, Any]]:
    return [agreement_to_dict(a) for a in agreements]


def _words(enum: Any) -> list[str]:
    return list(aliases(enum))


_DATE = {"type": "string", "format": "date"}
_AMOUNT = {"type": ["string", "number"], "description": '金额 "9000.00"'}
_SHA = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_LINE = {"type": "string", "maxLength": LINE_LIMIT}
AGREEMENTS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "还款协议 Repayment agreements (each replaces its debt's contract from its start date)",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["debt", "made", "agreed_on", "total"],
        "properties": {
            "id": {"type": "string", "maxLength": ID_LIMIT, "description": "编号，本案件内不重复 id, unique"},
            "debt": {"type": "string", "description": "债务编号 debts[].id"},
            "made": {"type": "string", "enum": _words(AgreementForm)},
            "agreed_on": _DATE,
            "start": {**_DATE, "description": "从这天起按协议计算（默认达成日） replaces the contract from"},
            "creditor_party": {**_LINE, "description": "代表债权人达成协议的人 who agreed for the creditor"},
            "balance": {**_AMOUNT, "description": "协议所依据的欠款余额 the balance it starts from"},
            "principal_in_balance": {**_AMOUNT, "description": "其中本金 its principal"},
            "total": {**_AMOUNT, "description": "协议约定的还款总额 the total agreed"},
            "waived": {
                "type": "object",
                "additionalProperties": False,
                "properties": {key: _AMOUNT for key in WAIVED_KEYS},
            },
            "interest": {**_AMOUNT, "description": "协议期间另计的利息、手续费（含在总额内）"},
            "fees": {**_AMOUNT, "description": "为协议另付的费用（不含在总额内） fees for the agreement"},
            "fee_payee": _LINE,
            "instalments": {
                "type": "array",
                "maxItems": MAX_INSTALMENTS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["due", "amount"],
                    "properties": {
                        "id": {"type": "string", "maxLength": ID_LIMIT},
                        "due": _DATE,
                        "amount": _AMOUNT,
                        "payments": {"type": "array", "items": {"type": "string"}, "description": "还款编号"},
                    },
                },
            },
            "schedule": {
                "type": "object",
                "additionalProperties": False,
                "required": ["first_due", "months"],
                "properties": {"first_due": _DATE, "months": {"type": "integer", "minimum": 1}},
                "description": "不逐期列出时：按总额平均生成 generate equal instalments",
            },
            "grace_days": {"type": "integer", "minimum": 0, "maximum": 365},
            "on_default": {"type": "string", "enum": _words(OnDefault)},
            "collection_stops": {"type": "boolean"},
            "credit_reporting": {"type": "string", "enum": _words(CreditReporting)},
            "charges_continue": {"type": "boolean"},
            "no_new_card": {"type": "boolean"},
            "payee": {"type": "string", "enum": _words(Payee)},
            "account": _LINE,
            "clauses": {"type": "string", "maxLength": TEXT_LIMIT},
            "blanks": {"type": "boolean"},
            "confirmation_requested": _DATE,
            "confirmed": {"type": "boolean"},
            "signed_copy": {"type": "array", "items": _SHA},
            "recording": {"type": "array", "items": _SHA},
            "receipts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["payment", "sha256"],
                    "properties": {"payment": {"type": "string"}, "sha256": _SHA},
                },
            },
            "available_at_signing": _AMOUNT,
            "notes": {"type": "string", "maxLength": TEXT_LIMIT},
            "draft": {"type": "boolean", "description": "还在签字前审读，尚未生效 not signed yet"},
        },
    },
}
