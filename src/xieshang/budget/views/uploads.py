"""Uploading bill files (several at once): read by content, all or nothing, overlaps counted once. A file of
a layout no importer knows is read through a saved column mapping for its header, or kept for the mapping step
(views/mappings.py).

With JavaScript the page sends each file on its own to :func:`stage` (its progress bar and its result show as it
goes), then asks :func:`upload` to import the group; without, the form posts every file at once. Either way the
import itself is one call of ``store.import_uploads``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit
from xieshang.jobs.runner import start

from ..forms import UploadForm, human_size
from ..jobs import KIND as BILL_JOB
from ..jobs import import_bills
from ..labels import format_label
from ..models import ImportBatch, PendingUpload
from ..staging import GROUP_RE, forget, staged_uploads
from ..staging import stage as stage_file
from ..store import Upload, UploadError, clean_filename, delete_batch, import_uploads, keep_for_mapping


def _follow(request: HttpRequest, target: str) -> HttpResponse:
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        response = HttpResponse(status=204)  # the page's script follows the header
        response["X-Upload-Redirect"] = target
        return response
    return redirect(target)


def _staged(request: HttpRequest, case: object) -> list[Upload] | None:
    """The files the page sent one by one (``group`` and the ``staged`` ids it chose to import), if it did."""
    group = request.POST.get("group", "")
    if not GROUP_RE.match(group):
        return None
    ids = [int(x) for x in request.POST.getlist("staged") if x.isdigit()]
    return staged_uploads(case, group, ids)  # type: ignore[arg-type]


@login_required
@upload_limit("bills")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    staged = _staged(request, case) if request.method == "POST" else None
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    unmapped: PendingUpload | None = None
    if request.method == "POST" and staged is not None and not staged:
        problems = [_("没有可导入的文件，请重新选择。")]
    if request.method == "POST" and (staged or (staged is None and form.is_valid())):
        if staged:
            uploads = staged
        else:
            uploads = [Upload(clean_filename(f.name or ""), f.read()) for f in form.cleaned_data["files"]]
        if (
            sum(len(u.data) for u in uploads) > settings.BACKGROUND_BILL_BYTES
        ):  # a year of statements: a worker
            job = start(
                import_bills,
                kind=BILL_JOB,
                owner=request.user,
                case=case,
                files=[(u.name, u.data) for u in uploads],
            )
            if staged:
                forget(case, request.POST["group"])
            return _follow(request, reverse("jobs:job", args=[case.pk, job.pk]))
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
            if staged:
                forget(case, request.POST["group"])
            messages.success(
                request,
                _("已导入 %(added)d 笔交易；%(dup)d 笔已导入过或重复，未重复计入；%(left)d 笔支出待分类。")
                % {"added": report.added, "dup": report.duplicates, "left": report.uncategorised},
            )
            if report.overlaps:
                messages.info(
                    request,
                    ngettext(
                        "%(n)d 笔付款同时出现在钱包账单和银行或信用卡账单里，只计一次（见下方“已导入的文件”）。",
                        "%(n)d 笔付款同时出现在钱包账单和银行或信用卡账单里，只计一次（见下方“已导入的文件”）。",
                        len(report.overlaps),
                    )
                    % {"n": len(report.overlaps)},
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
            if report.statements:
                messages.info(
                    request,
                    _("读到 %(n)d 份信用卡账单：请核对下面的数字，确认后更新这张卡的债务。")
                    % {"n": len(report.statements)},
                )
                return _follow(request, reverse("budget:cards", args=[case.pk]))
            return _follow(
                request,
                reverse("budget:upload", args=[case.pk])
                if report.overlaps
                else reverse("budget:transactions", args=[case.pk]),
            )
    batches = [(b, format_label(b.format)) for b in case.bill_batches.all()[:30]]
    overlaps = [(b.filename, o) for b, _label in batches for o in b.overlaps]
    context = {
        "case": case,
        "form": form,
        "problems": problems,
        "unmapped": unmapped,
        "mappings": case.bill_mappings.all(),
        "batches": batches,
        "overlaps": overlaps,
        "max_bytes": settings.BILL_MAX_BYTES,
        "has_cards": case.card_statements.exists(),
        "max_size": human_size(settings.BILL_MAX_BYTES),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/upload.html", context, status=status)


@login_required
@require_POST
@upload_limit("bills", json=True)
def stage(request: HttpRequest, pk: int) -> HttpResponse:
    """One file of a multi-file upload: kept and read; JSON with what it is (or why it cannot be read)."""
    case = get_case_for_user(request, pk)
    group = request.POST.get("group", "")
    sent = request.FILES.get("file")
    if not GROUP_RE.match(group) or sent is None:
        return JsonResponse({"ok": False, "text": _("没有收到文件，请重新选择。")}, status=400)
    limit = int(settings.BILL_MAX_BYTES)
    name = clean_filename(sent.name or "")
    if (sent.size or 0) > limit:
        text = _("文件“%(name)s”有 %(size)s，超过上限 %(limit)s。") % {
            "name": name,
            "size": human_size(sent.size or 0),
            "limit": human_size(limit),
        }
        return JsonResponse({"ok": False, "text": text}, status=400)
    staged, found = stage_file(case, group, Upload(name, sent.read()))
    if found.get("pending"):
        found["mapping_url"] = reverse("budget:mapping", args=[case.pk, found.pop("pending")])
        found["text"] += " " + _("可以为它设置列映射。")
        if request.POST.get("single"):  # the only file of the upload: the page goes on to the mapping step
            messages.info(
                request,
                _("没有认出“%(name)s”的格式。请告诉我们每一列是什么，只需设置一次。") % {"name": name},
            )
    return JsonResponse({"id": staged.pk, "name": name, **found})


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
