"""Category rules: counterparty or keyword → category. Saved per case; every change re-applies the rules
to all imported transactions, and every later upload is categorised by them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.cases.access import get_case_for_user
from xieshang.core.categories import choices_for
from xieshang.core.transactions import Direction

from ..forms import RuleForm
from ..labels import category_label
from ..rules_store import add_rule, delete_rule, rule_dicts

DIRECTIONS = (Direction.INCOME.value, Direction.EXPENSE.value)
# A rule made from a transaction without a category of its direction starts on that direction's first category
# (a person can always change it): 其他收入 for income, 房租/住房 for spending.
DIRECTION_DEFAULT = {Direction.INCOME: "other_income", Direction.EXPENSE: choices_for(Direction.EXPENSE)[0]}


@login_required
def rules(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    existing = rule_dicts(case)
    if request.method == "POST":
        form = RuleForm(request.POST, existing=existing)
        if form.is_valid():
            changed = add_rule(case, form.rules[-1])  # onto the rules as they are when it is saved
            messages.success(request, _("已保存规则，重新分类了 %(n)d 笔交易。") % {"n": changed})
            return redirect("budget:rules", pk=case.pk)
    else:
        initial = {k: request.GET[k] for k in ("match", "field", "category") if request.GET.get(k)}
        if "category" not in initial and request.GET.get("direction") in DIRECTIONS:
            initial["category"] = DIRECTION_DEFAULT[Direction(request.GET["direction"])]
        form = RuleForm(initial=initial, existing=existing)
    shown = [
        {**r, "index": i, "category_label": category_label(r["category"])} for i, r in enumerate(existing)
    ]
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/rules.html", {"case": case, "form": form, "rules": shown}, status=status)


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    changed = delete_rule(case, index)
    if changed is not None:
        messages.success(request, _("已删除规则，重新分类了 %(n)d 笔交易。") % {"n": changed})
    return redirect("budget:rules", pk=case.pk)
