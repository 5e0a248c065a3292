"""Seeing the borrower's full ID and phone numbers on purpose: pages and exports show them masked; this page
shows them after a button press, and the audit log records who saw them and when."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xieshang.audit.models import Action
from xieshang.core.bilingual import Text
from xieshang.core.masking import mask_id_number, mask_phone

from ..access import get_case_for_user
from ..routes import log


def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    shown = request.method == "POST"
    if shown:
        log(request, Action.REVEAL, Text("完整证件号和电话", "full ID and phone numbers"), case)
        request.audit_done = True  # type: ignore[attr-defined]
    context = {
        "case": case,
        "shown": shown,
        "id_number": case.id_number if shown else mask_id_number(case.id_number),
        "phone": case.phone if shown else mask_phone(case.phone),
    }
    response = render(request, "cases/reveal.html", context)
    response["Cache-Control"] = "no-store"
    return response
