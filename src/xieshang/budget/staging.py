"""One file of a multi-file upload, sent on its own so the page can show each file's progress and result.

The file is read here as a pure function of its bytes (``importers.detect.import_bytes``; no database lock, no
request state), so a background task can do the same later; the bytes wait in :class:`StagedBill` until the
person imports the group, when every file is read again and written in one transaction (``store.import_uploads``).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from xieshang.cases.models import Case
from xieshang.cases.templatetags.xs_format import day, money
from xieshang.cases.writes import locked

from .card_rows import card_label
from .labels import format_label
from .models import PendingUpload, StagedBill
from .store import Upload, UploadError, read_uploads

GROUP_RE = re.compile(r"^[A-Za-z0-9-]{8,40}$")
KEEP = timedelta(days=1)


def summary(case: Case, upload: Upload) -> dict[str, Any]:
    """What the page shows for one file: the format and counts (read as the import will: through the case's
    saved column mapping for a layout no importer knows), or the problem."""
    try:
        read_files, mapped = read_uploads([upload], case)
    except UploadError as error:
        return {"ok": False, "text": "；".join(error.problems), "unknown_table": bool(error.unmapped)}
    result = read_files[0][1]
    read = len(result.transactions) + len(result.skipped)
    text = _("%(format)s：读到 %(read)d 行，%(n)d 笔交易，跳过 %(skipped)d 行") % {
        "format": format_label(result.format),
        "read": read,
        "n": len(result.transactions),
        "skipped": len(result.skipped),
    }
    if mapped:
        text += _("（按保存的列映射“%(name)s”读取）") % {"name": mapped[0][1]}
    if result.card is not None:
        bill = result.card
        text += _("；%(card)s %(date)s 账单：本期应还 %(balance)s，到期还款日 %(due)s") % {
            "card": card_label(bill.bank, bill.card),
            "date": day(bill.statement_date),
            "balance": money(bill.balance),
            "due": day(bill.due_date),
        }
    return {
        "ok": True,
        "text": text,
        "format": result.format,
        "rows": read,
        "transactions": len(result.transactions),
        "skipped": [
            _("第 %(row)d 行：%(reason)s") % {"row": r, "reason": why} for r, why in result.skipped[:20]
        ],
        "warnings": list(result.warnings[:10]),
    }


def stage(case: Case, group: str, upload: Upload) -> tuple[StagedBill, dict[str, Any]]:
    """Keep one file of ``group`` and say what it is. Files left from uploads never finished are swept. The file
    is read first; the rows are written on the locked case (``cases.writes.locked``)."""
    found = summary(case, upload)
    StagedBill.objects.filter(created_at__lt=timezone.now() - KEEP).delete()  # any case's leftovers: no edit
    with locked(case.pk) as row:
        staged = StagedBill.objects.create(case=row, group=group, filename=upload.name, data=upload.data)
        if not found["ok"] and found.get("unknown_table"):
            PendingUpload.objects.filter(case=row).delete()  # one file waits for its mapping per case
            found["pending"] = PendingUpload.objects.create(
                case=row, filename=upload.name, data=upload.data
            ).pk
    return staged, found


def staged_uploads(case: Case, group: str, ids: list[int]) -> list[Upload]:
    rows = StagedBill.objects.filter(case=case, group=group, pk__in=ids).order_by("id")
    return [Upload(r.filename, bytes(r.data)) for r in rows]


def forget(case: Case, group: str) -> None:
    with locked(case.pk) as row:
        StagedBill.objects.filter(case=row, group=group).delete()
