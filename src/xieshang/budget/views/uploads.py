"""Uploading bill files (several at once): read by content, all or nothing, overlaps counted once."""

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

from ..forms import UploadForm, human_size
from ..labels import format_label
from ..models import ImportBatch
from ..store import Upload, UploadError, clean_filename, import_uploads


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        uploads = [Upload(clean_filename(f.name or ""), f.read()) for f in form.cleaned_data["files"]]
        try:
            report = import_uploads(case, uploads)
        except UploadError as error:
            problems = error.problems
        else:
            messages.success(
                request,
                _("已导入 %(added)d 笔交易；%(dup)d 笔已导入过或重复，未重复计入；%(left)d 笔支出待分类。")
                % {"added": report.added, "dup": report.duplicates, "left": report.uncategorised},
            )
            for warning in report.warnings:
                messages.warning(request, _("注意：%(w)s") % {"w": warning})
            target = reverse("budget:transactions", args=[case.pk])
            if request.headers.get("X-Requested-With") == "XMLHttpRequest":
                response = HttpResponse(status=204)  # the page's script follows the header
                response["X-Upload-Redirect"] = target
                return response
            return redirect(target)
    batches = [(b, format_label(b.format)) for b in case.bill_batches.all()[:30]]
    context = {
        "case": case,
        "form": form,
        "problems": problems,
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
    batch.delete()
    messages.success(request, _("已删除“%(name)s”导入的交易。") % {"name": name})
    return redirect("budget:upload", pk=case.pk)
