"""The column-mapping step: a bill of a layout no importer knows is shown row by row; the user says which
column is what, previews the transactions, and saves the mapping under a name while importing the file (one
transaction). The next file with the same header is read through the saved mapping without asking."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.writes import locked
from xieshang.core.transactions import totals
from xieshang.importers.errors import BillImportError
from xieshang.importers.generic import MappingError, parse_with_mapping, preview_rows

from ..labels import direction_label
from ..mappings import ROLES, MappingForm, column_letter
from ..models import PendingUpload, SavedMapping
from ..store import Upload, UploadError, prepare_uploads, store_uploads

PREVIEW_ROWS = 15
PREVIEW_TRANSACTIONS = 12


@login_required
def mapping(request: HttpRequest, pk: int, pending_pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    pending = get_object_or_404(PendingUpload, pk=pending_pk, case=case)
    data = bytes(pending.data)
    try:
        rows = preview_rows(data, PREVIEW_ROWS)
    except BillImportError as error:  # pragma: no cover - the upload page only keeps readable tables
        messages.error(request, str(error))
        return redirect("budget:upload", pk=case.pk)
    stem = pending.filename.rsplit(".", 1)[0][:60]
    form = MappingForm(request.POST or None, rows=rows, initial={"name": stem})
    preview: dict[str, Any] | None = None
    if request.method == "POST" and form.is_valid() and form.mapping is not None:
        try:
            result = parse_with_mapping(data, form.mapping)
        except MappingError as error:
            form.add_error(error.role if error.role in ROLES else None, str(error))
        except BillImportError as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("action") == "save":
                try:
                    ready = prepare_uploads(
                        case, [Upload(pending.filename, data, form.mapping)]
                    )  # parsed first
                    with locked(case.pk) as row:
                        SavedMapping.objects.update_or_create(
                            case=row,
                            name=form.cleaned_data["name"].strip(),
                            defaults={"header": form.header, "mapping": form.mapping.to_dict()},
                        )
                        report = store_uploads(row, ready)
                        PendingUpload.objects.filter(pk=pending.pk).delete()
                except UploadError as error:
                    for problem in error.problems:
                        form.add_error(None, problem)
                else:
                    messages.success(
                        request,
                        _("已保存列映射“%(name)s”，导入 %(added)d 笔交易；%(dup)d 笔已导入过，未重复计入。")
                        % {
                            "name": form.cleaned_data["name"].strip(),
                            "added": report.added,
                            "dup": report.duplicates,
                        },
                    )
                    return redirect("budget:transactions", pk=case.pk)
            t = totals(result.transactions)
            preview = {
                "items": [
                    (x, direction_label(x.direction.value))
                    for x in result.transactions[:PREVIEW_TRANSACTIONS]
                ],
                "count": len(result.transactions),
                "skipped": result.skipped,
                "totals": t,
            }
    width = max((len(r) for r in rows), default=0)
    context = {
        "case": case,
        "pending": pending,
        "form": form,
        "rows": [(n, row + [""] * (width - len(row))) for n, row in enumerate(rows, start=1)],
        "letters": [column_letter(i) for i in range(width)],
        "preview": preview,
        "saved": case.bill_mappings.all(),
    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(request, "budget/mapping.html", context, status=status)


@login_required
@require_POST
def mapping_delete(request: HttpRequest, pk: int, mapping_pk: int) -> HttpResponse:
    """Forget a saved mapping (files already imported with it stay)."""
    case = get_case_for_user(request, pk)
    saved = get_object_or_404(SavedMapping, pk=mapping_pk, case=case)
    name = saved.name
    with locked(case.pk) as row:
        SavedMapping.objects.filter(pk=saved.pk, case=row).delete()
    messages.success(request, _("已删除列映射“%(name)s”。") % {"name": name})
    return redirect("budget:upload", pk=case.pk)
