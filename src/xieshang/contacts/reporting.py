"""A progress report (还款情况汇报) of a stored case: the core report from a debt, a period and the borrower's
words, with receipts from the case's evidence; the .eml with those receipts attached; logging it as sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from xieshang.cases import evidence
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.cases.writes import locked
from xieshang.core.contacts import Channel, ContactEntry
from xieshang.core.dates import add_months
from xieshang.core.ledger import LedgerEntry
from xieshang.core.progress import ProgressReport, Receipt, report_contact
from xieshang.documents.eml import Attachment, progress_eml
from xieshang.evidence.media import EXTENSIONS

from .log import DRAFT_ID, append_contact
from .models import ReportSent

NO_REPLY_SENDER = "borrower@xieshang.invalid"


def default_period(as_of: date) -> tuple[date, date]:
    """The month up to ``as_of``: from the day after the same day last month."""
    return add_months(as_of, -1) + timedelta(days=1), as_of


def receipts_of(entries: Iterable[LedgerEntry], chosen: Iterable[str]) -> list[Receipt]:
    wanted = set(chosen)
    return [
        Receipt(
            sha256=e.file_sha256,
            description=e.description,
            day=date.fromisoformat(e.recorded_at[:10]),
            seq=e.seq,
            name=e.name,
            media_type=e.media_type,
        )
        for e in entries
        if e.file_sha256 in wanted
    ]


def build_report(
    case: Case, data: Mapping[str, Any], entries: Iterable[LedgerEntry], request: HttpRequest | None = None
) -> ProgressReport:
    """The report for the form's cleaned ``data``; raises ``XieshangError`` when the debt cannot be computed.
    The monthly amount it states is the case view's one available amount; what remains is the debt's under its
    agreement, if any, and the next payment the agreement's next instalment unless the form gives one."""
    view = case_view(case, request)
    return view.progress(
        data["debt"],
        data["period_start"],
        data["period_end"],
        situation=data.get("situation") or "",
        next_plan=data.get("next_plan") or "",
        next_amount=data.get("next_amount"),
        receipts=receipts_of(entries, data.get("receipts") or ()),
    )


def report_eml(case: Case, report: ProgressReport, to: str = "") -> bytes:
    store = evidence.store_of(case)
    attachments = [
        Attachment(
            filename=f"receipt-{n}-{r.sha256[:8]}.{EXTENSIONS.get(r.media_type, 'bin')}",
            data=store.read(r.sha256),
            media_type=r.media_type or "application/octet-stream",
        )
        for n, r in enumerate(report.receipts, start=1)
    ]
    return progress_eml(
        report, sender=case.email or NO_REPLY_SENDER, to=[to] if to else [], receipts=attachments
    )


def mark_sent(case: Case, report: ProgressReport, channel: Channel) -> ContactEntry:
    """Log the sending as an outgoing contact (receipts attached) and remember it for the next report's date;
    one transaction."""
    now = timezone.localtime()
    draft = report_contact(report, DRAFT_ID, now.replace(tzinfo=None, microsecond=0), channel)
    with locked(case.pk) as row:
        entry = append_contact(row, draft)
        ReportSent.objects.create(
            case=row,
            debt_key=report.debt_id,
            period_start=report.period_start,
            period_end=report.period_end,
            contact_id=entry.id,
            sent_on=now.date(),
        )
    case.sections, case.revision = row.sections, row.revision
    return entry
