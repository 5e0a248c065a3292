"""The materials checklist (准备材料): the hardship reasons and description, and per item its status, files
(uploaded into the evidence store, checked by content and size), date obtained and warnings. Every POST is one
user action: on any wrong input the page comes back with the message at the field and nothing is saved.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases import core_messages, evidence
from xieshang.cases.access import get_case_for_user
from xieshang.cases.limits import upload_limit
from xieshang.cases.models import Case
from xieshang.core.errors import ValidationError

from .. import materials as store
from ..forms import HardshipForm, ItemForm
from ..models import MaterialFile


def page_context(
    case: Case,
    hardship_form: HardshipForm | None = None,
    bound_item: tuple[str, ItemForm, list[str]] | None = None,
    request: HttpRequest | None = None,
) -> dict[str, Any]:
    view = store.materials_view(case, request)
    if hardship_form is None:
        hardship_form = HardshipForm(initial=HardshipForm.initial_for(view.materials.hardship))
    rows = []
    for row in view.rows:
        if bound_item is not None and bound_item[0] == row.item_id:
            form, file_errors = bound_item[1], bound_item[2]
        else:
            form = ItemForm(initial=ItemForm.initial_for(row.entry.record), prefix=row.item_id)
            file_errors = []
        rows.append({"row": row, "form": form, "file_errors": file_errors})
    required = [r for r in rows if r["row"].entry.required]
    optional = [r for r in rows if not r["row"].entry.required]
    return {
        "case": case,
        "view": view,
        "hardship_form": hardship_form,
        "required_rows": required,
        "optional_rows": optional,
        "max_mb": _max_mb(),
    }


def _max_mb() -> str:
    return f"{settings.EVIDENCE_MAX_BYTES / 1_048_576:g}"


@login_required
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if request.method == "POST":
        form = HardshipForm(request.POST)
        hardship = form.hardship()
        if hardship is not None:
            _current, problem = store.stored_materials(case)
            if problem:
                form.add_error(None, _("已保存的材料清单无法读取：%s") % problem)
            else:
                store.save_hardship(case, hardship)
                messages.success(request, _("已保存困难情况。清单已按困难原因更新。"))
                return redirect("paperwork:materials", pk=case.pk)
        return render(
            request,
            "paperwork/materials.html",
            page_context(case, hardship_form=form, request=request),
            status=400,
        )
    return render(request, "paperwork/materials.html", page_context(case, request=request))


@login_required
@require_POST
@upload_limit("materials")
def material_item(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    _known_item(item_id)
    form = ItemForm(request.POST, prefix=item_id)
    file_errors: list[str] = []
    uploads: list[store.Upload] = []
    try:
        uploads = store.check_uploads(request.FILES.getlist(f"{item_id}-files"))
    except ValidationError as error:
        file_errors = [core_messages.message(e) for e in error.errors]
    record = form.record(item_id, ())
    if record is not None and not file_errors:
        try:
            store.record_item(case, record, uploads)
        except ValidationError as error:
            form.add_error(None, "；".join(core_messages.message(e) for e in error.errors))
        else:
            if uploads:
                messages.success(request, _("已上传 %(n)d 个文件。") % {"n": len(uploads)})
            else:
                messages.success(request, _("已保存。"))
            return redirect(f"{_page(case)}#item-{item_id}")
    context = page_context(case, bound_item=(item_id, form, file_errors), request=request)
    return render(request, "paperwork/materials.html", context, status=400)


@login_required
@require_POST
def material_file_remove(request: HttpRequest, pk: int, item_id: str, sha256: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    _known_item(item_id)
    try:
        removed = store.remove_file(case, item_id, sha256)
    except ValidationError as error:
        messages.error(request, str(error))
        return redirect("paperwork:materials", pk=case.pk)
    if not removed:
        raise Http404("no such file")
    messages.success(request, _("已从清单中移除该文件（证据库仍保留原件记录）。"))
    return redirect(f"{_page(case)}#item-{item_id}")


@login_required
def material_file(request: HttpRequest, pk: int, item_id: str, sha256: str) -> HttpResponse:
    """A stored copy, downloaded (never shown inline: its type was judged by content, still untrusted)."""
    case = get_case_for_user(request, pk)
    stored = MaterialFile.objects.filter(case=case, item_id=item_id, sha256=sha256).first()
    if stored is None:
        raise Http404("no such file")
    try:
        data = evidence.store_of(case).read(stored.sha256)
    except (OSError, ValidationError):
        raise Http404("file missing from the evidence store") from None
    response = HttpResponse(data, content_type=stored.media_type)
    response["Content-Disposition"] = attachment(stored.name)
    return response


def attachment(name: str) -> str:
    """A Content-Disposition that keeps a Chinese file name (RFC 6266) and an ASCII fallback."""
    stem, dot, ext = name.rpartition(".")
    ascii_stem = "".join(c for c in stem if c.isascii() and (c.isalnum() or c in "_-")).strip("-_")
    if not any(c.isalpha() for c in ascii_stem):
        ascii_stem = f"xieshang-{ascii_stem}" if ascii_stem else "xieshang"
    ascii_ext = "".join(c for c in ext if c.isascii() and c.isalnum())[:8] if dot else ""
    fallback = ascii_stem + (f".{ascii_ext}" if ascii_ext else "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _known_item(item_id: str) -> None:
    try:
        store.materials_catalog().item(item_id)
    except KeyError:
        raise Http404("no such item") from None


def _page(case: Case) -> str:
    return reverse("paperwork:materials", args=[case.pk])
