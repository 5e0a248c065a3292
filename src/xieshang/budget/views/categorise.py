"""One transaction, tapped in the list: what it is, why it has its category, and the form that changes it (for
this transaction only, or as a rule for its counterparty). A plain page: it works without any script.

The transaction is named by its key (its identity across uploads), never by a database number. Its list's
filters travel along (``back``) so that saving returns to the same place in the same list.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xieshang.cases.access import get_case_for_user
from xieshang.core.categories import fits
from xieshang.core.transactions import Direction

from ..labels import category_label, direction_label
from ..models import ImportedTransaction
from ..rules_store import ChoiceRefused, choose_category
from ..store import BILL_TZ
from ..transaction_form import TransactionCategoryForm, has_own, why

LIST_KEYS = ("month", "direction", "category", "uncategorised", "page")


def list_query(raw: str) -> str:
    """The list's filters out of ``back`` (only the list's own keys: nothing else is carried into a URL)."""
    given = QueryDict(raw)
    kept = QueryDict(mutable=True)
    for key in LIST_KEYS:
        if given.get(key):
            kept[key] = given[key][:20]
    return kept.urlencode()


def card_anchor(key: str) -> str:
    return f"t-{key[:16]}"


@login_required
def transaction(request: HttpRequest, pk: int, txn: str) -> HttpResponse:
    case = get_case_for_user(request, pk)
    back = list_query(request.POST.get("back", "") if request.method == "POST" else request.GET.urlencode())
    back_url = reverse("budget:transactions", args=[case.pk]) + (f"?{back}" if back else "")
    item = ImportedTransaction.objects.filter(case=case, key=txn).counted().select_related("case").first()
    if item is None:
        context = {"case": case, "missing": True, "back_url": back_url}
        return render(request, "budget/transaction.html", context, status=404)
    own = has_own(item)
    form = TransactionCategoryForm(request.POST or None, item=item, own=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = choose_category(case, txn, data["category"], data["seen"], bool(data.get("always")))
        except ChoiceRefused as refused:
            field = refused.field if refused.field in form.fields else None
            form.add_error(field, str(refused.message))
        else:
            item.refresh_from_db()
            label = category_label(item.category)
            if done.rule:
                text = _("已保存规则：交易对方包含“%(c)s”的交易归入“%(l)s”，重新分类了 %(n)d 笔交易。")
                messages.success(request, text % {"c": item.counterparty, "l": label, "n": done.changed})
            else:
                text = _("已把这笔交易（%(c)s）归入“%(l)s”。")
                messages.success(request, text % {"c": item.counterparty or item.description, "l": label})
            return redirect(f"{back_url}#{card_anchor(txn)}")
    direction = Direction(item.direction)
    rule_category = item.category if fits(item.category, direction) else ""
    context = {
        "case": case,
        "t": item,
        "form": form,
        "when": timezone.localtime(item.occurred_at, BILL_TZ),
        "direction": direction_label(item.direction),
        "category": category_label(item.category),
        "why": why(item, own),
        "neutral": direction is Direction.NEUTRAL,
        "back": back,
        "back_url": back_url,
        "rule_category": rule_category,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/transaction.html", context, status=status)
