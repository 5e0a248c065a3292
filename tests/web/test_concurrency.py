"""Writes that cannot lose each other (cases/writes.py and every write path on it), against the real server:
ten people recording payments, contacts and evidence on one case at the same time for ten seconds. Every write
the server acknowledged is stored, no request fails, no id is given twice, and the case's ledger verifies
against the anchor in the database. Runs on SQLite and, with DATABASE_URL, on PostgreSQL.

Also on SQLite: a page is served while another connection holds the database's write lock (reads never take it).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.urls import reverse

from xieshang.cases import evidence
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case, Payment
from xieshang.contacts.log import contacts_of

from .conftest import SMALL_CASE
from .live_http import Browser

THREADS = 10
SECONDS = 10.0
CONTACT = {
    "debt": "online",
    "when": "2026-03-10T10:30",
    "channel": "phone",
    "direction": "outgoing",
    "connected": "on",
    "party": "borrower",
    "borrower_reachable": "on",
}


@dataclass
class Tally:
    payments: set[str] = field(default_factory=set)
    contacts: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)


def _worker(browser: Browser, case: Case, debt_pk: int, number: int, deadline: float, tally: Tally) -> None:
    paths = {
        "payments": reverse("payment-create", args=[case.pk, debt_pk]),
        "contacts": reverse("contacts:contact-create", args=[case.pk]),
        "evidence": reverse("contacts:evidence", args=[case.pk]),
    }
    step = 0
    while time.monotonic() < deadline:
        kind = ("payments", "contacts", "evidence")[step % 3]
        mark = f"t{number}-{step}"
        step += 1
        if kind == "payments":
            answer = browser.post(paths[kind], {"date": "2025-03-01", "amount": "1.00", "note": mark})
        elif kind == "contacts":
            answer = browser.post(paths[kind], {**CONTACT, "summary": mark})
        else:
            answer = browser.post(
                paths[kind],
                {"description": mark, "debt": ""},
                files=[("files", f"{mark}.txt", f"还款凭证 {mark}\n".encode())],
            )
        if answer.status == 302:
            getattr(tally, kind).add(mark)
        else:
            tally.failures.append(f"{kind} {mark}: HTTP {answer.status} {answer.body[:200]!r}")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_ten_writers_for_ten_seconds_lose_nothing_and_never_repeat_an_id(
    live_server, owner, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    case = import_case_text(owner, SMALL_CASE, source_name="small.yaml")
    debt = case.debts.get(key="bank")
    stored_before = debt.payments.count()
    tally = Tally()
    deadline = time.monotonic() + SECONDS
    threads = [
        threading.Thread(
            target=_worker, args=(Browser(live_server.url, owner), case, debt.pk, n, deadline, tally)
        )
        for n in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(
        f"acknowledged: {len(tally.payments)} payments, {len(tally.contacts)} contacts, {len(tally.evidence)} files"
    )
    assert tally.failures == []
    assert min(len(tally.payments), len(tally.contacts), len(tally.evidence)) > THREADS  # it was busy
    notes = list(Payment.objects.filter(debt=debt).exclude(note="").values_list("note", flat=True))
    assert Counter(notes) == Counter(tally.payments)
    assert debt.payments.count() == stored_before + len(tally.payments)
    case.refresh_from_db()
    contacts = contacts_of(case)
    assert Counter(c.summary for c in contacts) == Counter(tally.contacts)
    assert len({c.id for c in contacts}) == len(contacts)
    entries = evidence.live_entries(case)
    assert Counter(e.description for e in entries) == Counter(tally.evidence)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    report = evidence.verify(case)
    assert report.ok and report.checked == case.evidence_entries == len(tally.evidence)
    numbers = [int(c.id[1:]) for c in contacts]
    assert max(numbers) < case.next_serial  # the counter is past every id it gave


@pytest.mark.django_db(transaction=True)
def test_a_page_is_served_while_another_connection_holds_the_write_lock(
    live_server, owner, settings, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's database-wide write lock; PostgreSQL locks rows")
    settings.DATA_DIR = tmp_path
    case = import_case_text(owner, SMALL_CASE, source_name="small.yaml")
    debt = case.debts.get(key="bank")
    browser = Browser(live_server.url, owner, timeout=10)  # well under the 30 s the server would wait for it
    writer = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process is in the middle of a write
        writer.execute("UPDATE cases_case SET borrower_name = borrower_name WHERE id = ?", (case.pk,))
        for path in (reverse("case", args=[case.pk]), reverse("debt", args=[case.pk, debt.pk])):
            answer = browser.get(path)
            assert answer.status == 200, answer.body[:300]
            assert "测试用户" in answer.body.decode()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
