"""“Download everything about me”: one zip of every case the account owns — each case file (with the full
numbers: the person asks for their own data), its evidence bundle (every evidence and material file, the
ledger and the 证据目录), its document history — and the audit log of those cases. Only the account's own
cases: never one shared with it, never another's."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from xieshang.audit.models import Action
from xieshang.core.bilingual import Text

from ..everything import everything_zip, own_cases
from ..routes import log


def everything(request: HttpRequest) -> HttpResponse:
    cases = own_cases(request.user)
    if request.method != "POST":
        return render(request, "cases/everything.html", {"cases": cases})
    data = everything_zip(request.user, cases)
    for case in cases:
        log(request, Action.EXPORT, Text("下载我的全部资料", "download of everything"), case)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="xieshang-everything-{stamp}.zip"'
    return response
