"""The form that changes one transaction's category, opened by tapping the transaction in the list: the
categories of its own direction (income or spending), "always for this counterparty" (a rule), and the category
the person saw (a form answered after the category changed elsewhere is refused, not applied over it).

What the transaction is and why it has its category now is worked out here too (:func:`why`), for the page.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xieshang.core.categories import choices_for
from xieshang.core.statement import CATEGORY_GROUPS
from xieshang.core.transactions import Direction

from .labels import GROUP_LABELS, category_label
from .models import CategoryChoice, ImportedTransaction
from .rules_store import AUTOMATIC, WRONG_DIRECTION
from .store import core_transaction, rules_of

AUTOMATIC_LABEL = _("不单独指定：按分类规则和平台类别")


def category_choices_of(direction: Direction, own: bool) -> list[Any]:
    """The select's choices: the direction's categories (grouped: 收入 / 必要固定支出 / …), and the automatic
    category if the transaction has one of its own (``own``)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in choices_for(direction):
        groups.setdefault(str(GROUP_LABELS[CATEGORY_GROUPS[code]]), []).append((code, category_label(code)))
    head: list[Any] = [("", _("请选择类别"))]
    if own:
        head.append((AUTOMATIC, AUTOMATIC_LABEL))
    return [*head, *groups.items()]


class TransactionCategoryForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"))
    always = forms.BooleanField(label=_("以后这个对象的交易都归到这一类"), required=False)
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, item: ImportedTransaction, own: bool, **kwargs: Any) -> None:
        initial = {"category": item.category, "seen": item.category}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["category"].choices = category_choices_of(Direction(item.direction), own)
        self.fields["category"].error_messages["invalid_choice"] = WRONG_DIRECTION[Direction(item.direction)]
        self.fields["category"].error_messages["required"] = _("请选择类别。")
        if item.counterparty:
            self.fields["always"].help_text = _(
                "交易对方包含“%(c)s”的交易（已导入的和以后导入的）都归到这一类：会保存一条分类规则。"
            ) % {"c": item.counterparty}
        else:
            del self.fields["always"]  # no counterparty to make a rule for


def why(item: ImportedTransaction, own: bool) -> Any:
    """Why the transaction has its category now, in the person's words."""
    if own:
        return _("你单独为这笔交易选的。")
    if not item.category:
        return _("还没有分类：没有规则匹配，平台类别也对不上。")
    t = core_transaction(item)
    for rule in rules_of(item.case):
        if rule.applies(t):
            return _("按分类规则“%(m)s”。") % {"m": rule.match}
    if item.direction == Direction.INCOME:
        return _("收入没有规则时归入“其他收入”。")
    if item.platform_category:
        return _("按账单里平台给的类别（%(p)s）。") % {"p": item.platform_category}
    return _("按交易说明里的关键词。")


def has_own(item: ImportedTransaction) -> bool:
    return CategoryChoice.objects.filter(case_id=item.case_id, key=item.key).exists()
