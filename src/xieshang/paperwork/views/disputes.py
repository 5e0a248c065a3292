"""征信异议与执行情况: the credit disputes and the progress notes of a case, entered here so the 征信异议申请 and
the 还款情况汇报 print them. Every POST is one user action: on any wrong input the page comes back with the
message at the field and nothing is saved; entries are stored in the case file's ``disputes`` and
``progress_notes`` sections (judged by their core loaders).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases import core_messages
from xieshang.cases.access import get_case_for_user
from xieshang.cases.labels import confidence_label
from xieshang.cases.models import Case
from xieshang.cases.reading import case_view
from xieshang.core.disputes import recipient_name
from xieshang.core.errors import ValidationError
from xieshang.core.vocabulary import label
from xieshang.documents.context import creditors

from .. import disputes as store
from .. import materials as checklist
from ..dispute_forms import DisputeForm, ProgressNoteForm


def _creditors(case: Case) -> list[str]:
    return creditors(case_view(case))


def _materials(case: Case) -> list[tuple[str, str]]:
    """The checklist's items, to tick as proofs (name with its status)."""
    entries = checklist.materials_view(case).checklist.entries
    return [(e.item.id, f"{e.item.name}（{label(e.status).zh}）") for e in entries]


def page_context(
    case: Case,
    *,
    creditor: str = "",
    dispute_form: tuple[str | None, DisputeForm] | None = None,
    note_form: tuple[str | None, ProgressNoteForm] | None = None,
) -> dict[str, Any]:
    names = _creditors(case)
    materials = _materials(case)
    ids = {m for m, _name in materials}
    saved = store.stored(case)
    start = creditor if creditor in names else ""

    def dispute_form_for(item_id: str | None, initial: dict[str, Any]) -> DisputeForm:
        if dispute_form is not None and dispute_form[0] == item_id:
            return dispute_form[1]
        prefix = "new" if item_id is None else f"d-{item_id}"
        return DisputeForm(initial=initial, prefix=prefix, creditors=names, materials=materials)

    def note_form_for(item_id: str | None, initial: dict[str, Any]) -> ProgressNoteForm:
        if note_form is not None and note_form[0] == item_id:
            return note_form[1]
        prefix = "newnote" if item_id is None else f"n-{item_id}"
        return ProgressNoteForm(initial=initial, prefix=prefix, creditors=names)

    disputes = [
        {
            "id": d.id,
            "value": d,
            "to": recipient_name(d),
            "known": d.creditor in names,
            "form": dispute_form_for(d.id, DisputeForm.initial_for(d, ids)),
        }
        for d in saved.disputes
    ]
    notes = [
        {
            "id": n.id,
            "value": n,
            "known": n.creditor in names,
            "form": note_form_for(n.id, ProgressNoteForm.initial_for(n)),
        }
        for n in saved.notes
    ]
    view = case_view(case)
    rules = [
        {"rule": r, "confidence": confidence_label(r.confidence), "expired": r.expired_on(view.as_of)}
        for r in view.reference.credit_rules
    ]
    return {
        "case": case,
        "creditors": names,
        "problem": saved.problem,
        "disputes": disputes,
        "notes": notes,
        "new_dispute": dispute_form_for(None, {"creditor": start}),
        "new_note": note_form_for(None, {"creditor": start}),
        "open_new_dispute": dispute_form is not None and dispute_form[0] is None,
        "open_new_note": note_form is not None and note_form[0] is None,
        "rules": rules,
    }


@login_required
def disputes(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    context = page_context(case, creditor=request.GET.get("creditor", ""))
    return render(request, "paperwork/disputes.html", context)


def _page(case: Case, anchor: str = "") -> str:
    return reverse("paperwork:disputes", args=[case.pk]) + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def dispute_save(request: HttpRequest, pk: int, item_id: str | None = None) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if item_id is not None and all(d.id != item_id for d in store.stored(case).disputes):
        raise Http404("no such dispute")
    prefix = "new" if item_id is None else f"d-{item_id}"
    form = DisputeForm(request.POST, prefix=prefix, creditors=_creditors(case), materials=_materials(case))
    dispute = form.dispute()
    if dispute is not None:
        try:
            store.save_dispute(case, dispute, item_id)
        except store.Gone:
            raise Http404("no such dispute") from None
        except ValidationError as error:
            form.add_error(None, _("已保存的征信异议无法读取：%s") % _messages(error))
        else:
            messages.success(request, _("已保存征信异议。征信异议申请会写明这条记录。"))
            return redirect(_page(case, "disputes-h"))
    context = page_context(case, dispute_form=(item_id, form))
    return render(request, "paperwork/disputes.html", context, status=400)


@login_required
@require_POST
def dispute_delete(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    try:
        store.delete_dispute(case, item_id)
    except store.Gone:
        raise Http404("no such dispute") from None
    except ValidationError as error:
        messages.error(request, _("已保存的征信异议无法读取：%s") % _messages(error))
    else:
        messages.success(request, _("已删除这条征信异议。"))
    return redirect(_page(case, "disputes-h"))


@login_required
@require_POST
def note_save(request: HttpRequest, pk: int, item_id: str | None = None) -> HttpResponse:
    case = get_case_for_user(request, pk)
    if item_id is not None and all(n.id != item_id for n in store.stored(case).notes):
        raise Http404("no such note")
    prefix = "newnote" if item_id is None else f"n-{item_id}"
    form = ProgressNoteForm(request.POST, prefix=prefix, creditors=_creditors(case))
    note = form.note()
    if note is not None:
        try:
            store.save_note(case, note, item_id)
        except store.Gone:
            raise Http404("no such note") from None
        except ValidationError as error:
            form.add_error(None, _("已保存的执行情况无法读取：%s") % _messages(error))
        else:
            messages.success(request, _("已保存执行情况。还款情况汇报会写进这一段。"))
            return redirect(_page(case, "notes-h"))
    context = page_context(case, note_form=(item_id, form))
    return render(request, "paperwork/disputes.html", context, status=400)


@login_required
@require_POST
def note_delete(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    try:
        store.delete_note(case, item_id)
    except store.Gone:
        raise Http404("no such note") from None
    except ValidationError as error:
        messages.error(request, _("已保存的执行情况无法读取：%s") % _messages(error))
    else:
        messages.success(request, _("已删除这段执行情况。"))
    return redirect(_page(case, "notes-h"))


def _messages(error: ValidationError) -> str:
    return "；".join(f"{e.path} {core_messages.message(e)}" for e in error.errors)
