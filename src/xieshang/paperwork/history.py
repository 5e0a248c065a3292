"""The case's document history as a CSV file (for "download everything about me"): what was generated, when,
for which creditor, in which format, with its SHA-256 and whether it carried the full ID number."""

from __future__ import annotations

import csv
import io

from django.utils import timezone

from xieshang.cases.models import Case
from xieshang.core.formulas import csv_field

from .models import GeneratedDocument

HEADER = (
    "时间 Time",
    "文书 Document",
    "债权人 Creditor",
    "格式 Format",
    "文件名 File",
    "SHA-256",
    "完整身份证号 Full ID",
)


def history_csv(case: Case) -> bytes | None:
    rows = GeneratedDocument.objects.filter(case=case).order_by("created_at", "id")
    if not rows.exists():
        return None
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for doc in rows:
        writer.writerow(
            [
                timezone.localtime(doc.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                csv_field(doc.title),
                csv_field(doc.creditor),
                doc.format,
                csv_field(doc.filename),
                doc.sha256,
                "是 yes" if doc.shows_id_number else "否 no",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
