"""Credit-card statements: per card, the latest statement's figures, the payment history of the months imported
(with the months the minimum was not paid), and the update of the card's debt, side by side with what the case
holds — written only when the person confirms it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.cases.models import Case, Debt

from ..card_rows import card_label, earlier_note, figures, month_rows, side_by_side
from ..card_store import CardGroup, apply, card_debts, card_groups, matching_debt, proposal


def _chosen(request: HttpRequest, case: Case, group: CardGroup, debts: list[Debt]) -> Debt | None:
    """The debt to compare with: the one the person picked (``?debt-<card>=``), else the card's own."""
    wanted = request.GET.get(f"debt-{group.key}", "")
    if wanted == "new":
        return None
    if wanted.isdigit():
        return next((d for d in debts if d.pk == int(wanted)), None)
    return matching_debt(case, group)


@login_required
def cards(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    debts = card_debts(case)
    panels = []
    for group in card_groups(case):
        debt = _chosen(request, case, group, debts)
        found = proposal(case, group, debt)
        panels.append(
            {
                "group": group,
                "label": card_label(group.bank, group.card),
                "figures": figures(group.latest),
                "months": month_rows(group.history),
                "missed": group.missed,
                "proposal": found,
                "rows": side_by_side(found) if found.loan is not None else [],
                "earlier": earlier_note(found),
                "debt": debt,
                "debts": debts,
                "applied": group.records[-1].applied_at is not None and group.records[-1].debt_id is not None,
            }
        )
    return render(request, "budget/cards.html", {"case": case, "panels": panels})


@login_required
@require_POST
def card_confirm(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    choice = request.POST.get("debt", "new")
    debt_pk = int(choice) if choice.isdigit() else None
    if debt_pk is not None and not any(d.pk == debt_pk for d in card_debts(case)):
        raise Http404("not a card debt of this case")
    saved = apply(case, key, debt_pk)
    if saved is None:
        messages.warning(request, _("这张卡的最新账单没有欠款，债务没有改动。"))
        return redirect("budget:cards", pk=case.pk)
    messages.success(request, _("已按账单更新“%(name)s”。") % {"name": saved})
    return redirect(saved.get_absolute_url())
