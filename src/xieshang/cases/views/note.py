"""The organisation's own note on a case: its counsellors and admins read and write it; the borrower never
sees it (the route needs the organisation: ``cases.routes.ORGANISATION``)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import Need, check
from ..models import OrganisationNote
from ..writes import locked


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("机构备注（只有本机构的人能看到）"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        required=False,
    )


def note(request: HttpRequest, pk: int) -> HttpResponse:
    access = check(request, pk, Need.ORGANISATION)
    org_id = access.organisation_id
    found = OrganisationNote.objects.filter(case=access.case, organisation_id=org_id).first()
    form = NoteForm(request.POST or None, initial={"text": found.text if found else ""})
    if request.method == "POST" and form.is_valid():
        with locked(access.case.pk) as row:
            OrganisationNote.objects.update_or_create(
                case=row,
                organisation_id=org_id,
                defaults={"text": form.cleaned_data["text"], "updated_by": request.user.get_username()},
            )
        messages.success(request, _("已保存机构备注。"))
        return redirect("case-note", pk=pk)
    return render(request, "cases/note.html", {"case": access.case, "form": form, "found": found})
