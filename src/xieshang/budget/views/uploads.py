"""Uploading bill files (several at once): read by content, all or nothing, overlaps counted once. A file of
a layout no importer knows is read through a saved column mapping for its header, or kept for the mapping step
(views/mappings.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit

from ..forms import UploadForm, human_size
from ..labels import format_label
from ..models import ImportBatch, PendingUpload
from ..store import Upload, UploadError, clean_filename, delete_batch, import_uploads, keep_for_mapping


def _follow(request: HttpRequest, target: str) -> HttpResponse:
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = HttpResponse(status=204)  # the page's script follows the header
        response["X-Upload-Redirect"] = target
        return response
    return redirect(target)


@login_required
@upload_limit("bills")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    unmapped: PendingUpload | None = None
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(clean_filename(f.name or ""), f.read()) for f in form.cleaned_data["files"]]
        try:
            report = import_uploads(case, uploads)
        except UploadError as error:
            problems = error.problems
            if error.unmapped:
                unmapped = keep_for_mapping(case, error.unmapped[0])
                if len(uploads) == 1:
                    messages.info(
                        request,
                        _("没有认出“%(name)s”的格式。请告诉我们每一列是什么，只需设置一次。")
                        % {"name": unmapped.filename},
                    )
                    return _follow(request, reverse("budget:mapping", args=[case.pk, unmapped.pk]))
        else:
            messages.success(
                request,
                _("已导入 %(added)d 笔交易；%(dup)d 笔已导入过或重复，未重复计入；%(left)d 笔支出待分类。")
                % {"added": report.added, "dup": report.duplicates, "left": report.uncategorised},
            )
            if report.refunds_netted:
                messages.info(
                    request,
                    _("%(n)d 笔退款已冲抵对应的支出（包括之前导入的支出）。") % {"n": report.refunds_netted},
                )
            for filename, name in report.mapped:
                messages.info(
                    request,
                    _("“%(file)s”按保存的列映射“%(name)s”读取。") % {"file": filename, "name": name},
                )
            for warning in report.warnings:
                messages.warning(request, _("注意：%(w)s") % {"w": warning})
            return _follow(request, reverse("budget:transactions", args=[case.pk]))
    batches = [(b, format_label(b.format)) for b in case.bill_batches.all()[:30]]
    context = {
        "case": case,
        "form": form,
        "problems": problems,
        "unmapped": unmapped,
        "mappings": case.bill_mappings.all(),
        "batches": batches,
        "max_bytes": settings.BILL_MAX_BYTES,
        "max_size": human_size(settings.BILL_MAX_BYTES),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/upload.html", context, status=status)


@login_required
@require_POST
def batch_delete(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    """Undo one imported file: the file's transactions go with it."""
    case = get_case_for_user(request, pk)
    batch = get_object_or_404(ImportBatch, pk=batch_pk, case=case)
    name = batch.filename
    delete_batch(case, batch.pk)
    messages.success(request, _("已删除“%(name)s”导入的交易。") % {"name": name})
    return redirect("budget:upload", pk=case.pk)
