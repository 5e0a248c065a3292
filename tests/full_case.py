"""A case with one of everything a person can record, written through the app's own write paths: debts and
payments, contacts with evidence files, a supporting document with its file, an imported Alipay bill, a category
rule, a saved column mapping, reminder settings 10/20 and a generated document in the history. The backup
drill and the complete-export round trip use it, and :func:`fingerprint` to compare what comes back.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from xieshang.budget.models import SavedMapping
from xieshang.budget.rules_store import add_rule
from xieshang.budget.store import Upload, import_uploads
from xieshang.cases import evidence
from xieshang.cases.case_rows import dump_rows
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.debt_writes import add_payments
from xieshang.cases.models import Case
from xieshang.cases.writes import locked
from xieshang.contacts.log import add_contact, add_evidence
from xieshang.contacts.store import save_settings
from xieshang.core.contacts import Channel, ContactEntry, Direction
from xieshang.core.materials import MaterialRecord
from xieshang.paperwork import drafting
from xieshang.paperwork.materials import record_item

BILL = (
    Path(__file__).parent
    / "fixtures"
    / "bills"
    / "history"
    / "alipay_v2021_d765283_example-alipay-records.csv"
)
CASE_TEXT = """\
version: 1
as_of: 2026-03-15
borrower: {name: 归档测试, phone: "13800000000", id_number: "110101199001011234"}
debts:
  - id: bank
    creditor: 某银行
    lender_type: bank
    principal: "12000.00"
    start_date: 2025-01-10
    term_months: 12
    method: equal_installment
    annual_rate: 12
    payments:
      - {date: 2025-02-10, amount: "1066.19"}
  - id: online
    creditor: 某网贷平台
    lender_type: online_platform
    principal: "10000.00"
    received: "9000.00"
    start_date: 2025-06-01
    term_months: 12
    method: equal_principal
    annual_rate: 24
"""
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def full_case(owner: Any) -> Case:
    """A new case with everything (see the module docstring)."""
    case = import_case_text(owner, CASE_TEXT, source_name="full.yaml")
    debt = case.debts.get(key="online")
    add_payments(case.pk, debt.pk, [{"date": "2025-07-01", "amount": "900.00", "note": "第一期"}])
    draft = ContactEntry(
        id="",
        debt_id="online",
        when=datetime(2026, 3, 1, 10, 30),  # noqa: DTZ001 - a contact's local time, as the log keeps it
        channel=Channel.PHONE,
        direction=Direction.OUTGOING,
        summary="说明困难，请求分期",
    )
    files = evidence.stage(
        case, [evidence.Checked("通话录音.txt", "录音文字稿：同意考虑分期\n".encode(), "text/plain")]
    )
    contact = add_contact(case, draft, files, description="第一次协商电话")
    more = evidence.stage(case, [evidence.Checked("短信.png", PNG, "image/png")])
    add_evidence(case, more, description="催收短信截图", contact_id=contact.id)
    record_item(
        case,
        MaterialRecord("id_card", note="正反面"),
        [evidence.Checked("身份证.png", PNG + b"id", "image/png")],
    )
    import_uploads(case, [Upload("支付宝交易明细.csv", BILL.read_bytes())])
    add_rule(case, {"match": "淘宝", "category": "food", "field": "counterparty"})
    with locked(case.pk) as row:
        SavedMapping.objects.create(
            case=row,
            name="某银行流水",
            header=["日期", "金额", "摘要"],
            mapping={"time": "日期", "amount": "金额", "description": "摘要"},
        )
    save_settings(case, silence_days=10, window_days=20)
    workspace = drafting.workspace(Case.objects.get(pk=case.pk))
    drafting.generate(workspace, "application", "某网贷平台", "docx")
    return Case.objects.get(pk=case.pk)


def fingerprint(case: Case) -> dict[str, str]:
    """Per table the SHA-256 of the case's rows (database keys left out), and per evidence file its hash: two
    cases with the same fingerprint hold the same data."""
    rows = dump_rows(case)["rows"]
    found = {
        name: hashlib.sha256(json.dumps(items, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        for name, items in rows.items()
    }
    for name in ("evidence_chain", "evidence_entries", "evidence_head", "next_serial"):
        found[f"case.{name}"] = str(getattr(case, name))
    store = evidence.store_of(case)
    found["ledger.jsonl"] = hashlib.sha256(store.ledger_bytes()).hexdigest()
    for entry in evidence.live_entries(case):
        found[f"file {entry.seq}"] = hashlib.sha256(store.read(entry.file_sha256)).hexdigest()
    return found
