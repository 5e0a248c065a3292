"""Debts the bills reveal, and confirming one into the case's debt list.

Confirming opens the workbench's own debt form (``xieshang.cases.forms.DebtForm``: the case file's rules)
prefilled with what the bills say; the user adds the contract terms the bills cannot know.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xieshang.cases.access import get_case_for_user
from xieshang.cases.debt_writes import DebtKeyTaken, store_mapping
from xieshang.cases.forms import DebtForm
from xieshang.cases.labels import lender_label
from xieshang.cases.models import Case
from xieshang.cases.writes import locked
from xieshang.core.discovery import PossibleDebt, discover, lender_of
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.money import grouped
from xieshang.core.terms import LenderType, Method
from xieshang.core.transactions import Transaction
from xieshang.importers.reference import known_lenders

from ..models import ConfirmedDebt
from ..store import core_transactions


def _found(case: Case) -> tuple[list[Transaction], tuple[PossibleDebt, ...]]:
    items = core_transactions(case)
    return items, discover(items, known_lenders())


@login_required
def possible_debts(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    _items, found = _found(case)
    confirmed = {c.counterparty: c for c in case.confirmed_bill_debts.select_related("debt")}
    rows = [
        {
            "debt": d,
            "reason": _("已知借贷平台") if d.reason == "known_lender" else _("每月固定支出"),
            "lender": lender_label(d.lender_type) if d.lender_type else "",
            "confirmed": confirmed.get(d.counterparty),
        }
        for d in found
    ]
    return render(request, "budget/possible_debts.html", {"case": case, "rows": rows})


def _initial(found: PossibleDebt, items: list[Transaction]) -> dict[str, Any]:
    """What the bills say about the debt, as the debt form's initial values."""
    names: Counter[str] = Counter()
    if found.lender_id:
        lender = next(x for x in known_lenders() if x.id == found.lender_id)
        names.update(t.counterparty for t in items if t.counterparty and lender_of(t, [lender]) is lender)
    creditor = names.most_common(1)[0][0] if names else found.counterparty
    note = _("从账单发现：%(months)s 共 %(count)d 笔还款，合计 %(total)s 元，月均 %(avg)s 元。") % {
        "months": f"{found.months[0]}—{found.months[-1]}" if found.months else "",
        "count": found.count,
        "total": grouped(found.total),
        "avg": grouped(found.monthly_average),
    }
    lender_type = found.lender_type or LenderType.ONLINE_PLATFORM
    method = Method.REVOLVING if lender_type is LenderType.CREDIT_CARD else Method.EQUAL_INSTALLMENT
    initial = {
        "creditor": creditor[:200],
        "lender_type": lender_type.value,
        "method": method.value,
        "notes": note,
        "status": "not_contacted",
    }
    if method is Method.REVOLVING:  # the bill's own terms; the daily rate the card agreement states
        initial["min_payment_rate"] = "10"
    return initial


def _card_labels(form: DebtForm) -> None:
    """On a card's confirm form, say which figures of the bill go where (labels stay, the method may change)."""
    if (form.data.get("method") if form.is_bound else form.initial.get("method")) != Method.REVOLVING:
        return
    form.fields["principal"].help_text = _("信用卡循环：填账单上的“本期应还金额”（全部欠款）。")
    form.fields["start_date"].help_text = _("信用卡循环：填账单日期。")
    form.fields["daily_rate"].help_text = _(
        "信用卡合约里的日利率，常见为 0.05（万分之五）；只知道年利率时填年利率。"
    )


@login_required
def confirm_debt(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    counterparty = request.POST.get("counterparty") or request.GET.get("counterparty", "")
    items, found = _found(case)
    match = next((d for d in found if d.counterparty == counterparty), None)
    if match is None:
        raise Http404("no such possible debt")
    if request.method == "POST" and request.POST.get("confirm"):
        form = DebtForm(request.POST, case=case)
        if form.is_valid() and form.loan is not None:
            try:
                with locked(case.pk) as row:
                    debt = store_mapping(row, form.mapping, status=form.cleaned_data["status"])
                    ConfirmedDebt.objects.create(case=row, counterparty=counterparty, debt=debt)
            except DebtKeyTaken:
                form.add_error("key", _("这个编号在本案件中已经用过，请换一个。"))
            except CoreValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(request, _("已把“%(name)s”加入债务清单。") % {"name": debt})
                return redirect(debt.get_absolute_url())
        status = 400
    else:
        form = DebtForm(initial=_initial(match, items), case=case)
        status = 200
    _card_labels(form)
    context = {"case": case, "form": form, "found": match, "counterparty": counterparty}
    return render(request, "budget/confirm_debt.html", context, status=status)
