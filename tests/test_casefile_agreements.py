"""The case file's ``agreements`` section: a round trip keeps every agreement, its schedule and its payment links;
a malformed agreement gives located errors; the exported file validates against the published schema."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import jsonschema
import pytest

from xieshang import casefile
from xieshang.casefile import dump_case, load_case_text
from xieshang.core.agreements import AgreementForm, OnDefault, Payee
from xieshang.core.errors import ValidationError

SHA = "0123456789abcdef" * 4
CASE = f"""\
version: 1
borrower: {{name: 王五}}
debts:
  - id: bank
    creditor: 某银行
    lender_type: credit_card
    principal: "1200.00"
    start_date: 2026-01-15
    term_months: 3
    method: equal_principal
    annual_rate: 12
    payments:
      - {{id: p1, date: 2026-03-15, amount: "300.00"}}
      - {{id: p2, date: 2026-03-20, amount: "104.00", note: 补足第一期}}
agreements:
  - id: a1
    debt: bank
    made: 口头约定（电话）
    agreed_on: 2026-03-02
    start: 2026-03-03
    creditor_party: 客服王专员
    balance: "1214.84"
    principal_in_balance: "1200.00"
    total: "1212.00"
    waived: {{penalty: "2.84"}}
    interest: "0"
    instalments:
      - {{id: i1, due: 2026-03-15, amount: "404.00", payments: [p1, p2]}}
      - {{id: i2, due: 2026-04-15, amount: "404.00"}}
      - {{id: i3, due: 2026-05-15, amount: "404.00"}}
    grace_days: 5
    on_default: waiver_revoked
    collection_stops: true
    charges_continue: false
    no_new_card: true
    payee: personal
    account: 王经理个人微信
    clauses: "逾期的，减免作废。"
    confirmation_requested: 2026-03-04
    recording: [{SHA}]
    signed_copy: [{SHA}]
    receipts: [{{payment: p1, sha256: {SHA}}}]
    available_at_signing: "770.00"
    notes: 电话里谈的
  - id: a2
    debt: bank
    made: written
    agreed_on: 2026-06-01
    total: "600.00"
    schedule: {{first_due: 2026-07-15, months: 3}}
    draft: true
"""


def test_a_round_trip_keeps_agreements_schedules_and_payment_links() -> None:
    case = load_case_text(CASE)
    first, second = case.agreements
    assert first.made is AgreementForm.ORAL and first.on_default is OnDefault.WAIVER_REVOKED
    assert first.payee is Payee.PERSONAL and first.starts == date(2026, 3, 3)
    assert first.instalments[0].payments == ("p1", "p2")
    assert first.receipts_of("p1") == (SHA,) and first.recording == (SHA,)
    assert first.waived.penalty == Decimal("2.84") and first.grace_days == 5
    # a generated schedule: 600.00 in 3 months, 200.00 each on 15 July, August, September
    assert [(i.due, i.amount) for i in second.instalments] == [
        (date(2026, 7, 15), Decimal("200.00")),
        (date(2026, 8, 15), Decimal("200.00")),
        (date(2026, 9, 15), Decimal("200.00")),
    ]
    assert second.draft is True
    data = dump_case(case)
    again = load_case_text(json.dumps(data, ensure_ascii=False))
    assert again.agreements == case.agreements
    assert [p.id for p in again.debt("bank").payments] == ["p1", "p2"]
    assert dump_case(again) == data
    jsonschema.validate(data, json.loads(casefile.published_schema_text()))


def errors_of(text: str) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        load_case_text(text)
    return [f"{e.path}: {e.message}" for e in raised.value.errors]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (
            ('amount: "404.00", payments: [p1, p2]', 'amount: "-4", payments: [p1, p2]'),
            "instalments[0].amount",
        ),
        (("due: 2026-04-15", "due: 2026-13-15"), "instalments[1].due"),
        (("made: 口头约定（电话）", "made: 心灵感应"), "agreements[0].made"),
        (("on_default: waiver_revoked", "on_default: maybe"), "agreements[0].on_default"),
        (("grace_days: 5", "grace_days: -1"), "agreements[0].grace_days"),
        (("recording: [", "recording: [nothex, "), "agreements[0].recording[0]"),
        (("payments: [p1, p2]", "payments: [p1, p9]"), "agreements[0].instalments[0].payments[1]"),
        (("{payment: p1,", "{payment: p7,"), "agreements[0].receipts[0].payment"),
        (("  - id: a1\n    debt: bank", "  - id: a1\n    debt: gone"), "agreements[0].debt"),
        (("    draft: true", "    draft: true\n    colour: red"), "agreements[1].colour"),
        (
            ("schedule: {first_due: 2026-07-15, months: 3}", "schedule: {first_due: 2026-07-15}"),
            "schedule.months",
        ),
        (("id: i2,", "id: i1,"), "agreements[0].instalments[1].id"),
    ],
)
def test_a_malformed_agreement_is_located(change: tuple[str, str], where: str) -> None:
    old, new = change
    assert old in CASE
    errors = errors_of(CASE.replace(old, new, 1))
    assert any(where in e for e in errors), errors


def test_a_payment_named_by_two_instalments_is_refused() -> None:
    text = CASE.replace(
        'amount: "404.00"}\n      - {id: i3', 'amount: "404.00", payments: [p2]}\n      - {id: i3'
    )
    errors = errors_of(text)
    assert any("agreements[0].instalments[1].payments[0]" in e and "p2" in e for e in errors), errors
