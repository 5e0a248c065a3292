"""The plan builder's forms. Fields are text; the case file's own loader (``casefile.plan.plan_from_dict``) and the
option limits (``core.options.terms_for``) judge every value, and their located error paths
(``plan.creditors[2].months``) are mapped back to the field the person typed into.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.plan import plan_from_dict, plan_to_dict
from xieshang.cases import core_messages
from xieshang.cases.choices import enum_choices
from xieshang.core.allocation import Strategy
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.vocabulary import Grace, OptionKind, WaiverScope
from xieshang.view import DebtPosition, PlanSpec

DECIMAL_INPUT = {"inputmode": "decimal", "autocomplete": "off"}
INT_INPUT = {"inputmode": "numeric", "autocomplete": "off"}

# Which fields each option uses (the rest are hidden by CSS and ignored).
OPTION_FIELDS: dict[str, tuple[str, ...]] = {
    OptionKind.AS_IS: (),
    OptionKind.REINSTALMENT: ("months", "monthly_rate_percent"),
    OptionKind.DEFERRAL: ("grace_months", "grace", "months", "monthly_rate_percent"),
    OptionKind.INTEREST_FREEZE: ("months",),
    OptionKind.WAIVER: ("scope", "months", "monthly_rate_percent", "freeze"),
    OptionKind.SETTLEMENT: ("share_percent", "settlement_months"),
}
PARAM_FIELDS = ("months", "grace_months", "grace", "monthly_rate_percent", "scope", "freeze",
                "share_percent", "settlement_months")  # fmt: skip
DEFAULTS = {"months": "24", "grace_months": "3", "settlement_months": "1", "grace": "interest_only",
            "scope": "penalties_and_fees"}  # fmt: skip
_PATH = re.compile(r"^plan\.creditors\[(?P<i>\d+)\]\.(?P<key>\w+)$")


class PlanForm(forms.Form):
    """Budget, strategy, minimum and first month."""

    budget = forms.CharField(
        label=_("每月可用于还款的金额（元）"),
        required=False,
        widget=forms.TextInput(attrs=DECIMAL_INPUT),
    )
    strategy = forms.ChoiceField(label=_("分配方式"), choices=enum_choices(Strategy), initial=Strategy.FAIR)
    minimum = forms.CharField(
        label=_("每个债权人每月最少（元）"),
        required=False,
        initial="50.00",
        widget=forms.TextInput(attrs=DECIMAL_INPUT),
        help_text=_("预算够时，每个债权人至少得到这个数，以示诚意。"),
    )
    start = forms.CharField(
        label=_("第一个还款月"),
        required=False,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2026-12"}),
        help_text=_("留空表示从下个月开始。"),
    )


class CreditorForm(forms.Form):
    """The option chosen for one creditor, with its parameters."""

    id = forms.CharField(widget=forms.HiddenInput)
    option = forms.ChoiceField(label=_("方案"), choices=enum_choices(OptionKind))
    months = forms.CharField(
        label=_("分期期数（月）"),
        required=False,
        widget=forms.TextInput(attrs=INT_INPUT),
        help_text=_("延期时为宽限期之后的期数。"),
    )
    grace_months = forms.CharField(
        label=_("宽限期（月）"), required=False, widget=forms.TextInput(attrs=INT_INPUT)
    )
    grace = forms.ChoiceField(label=_("宽限期内"), choices=enum_choices(Grace), required=False)
    monthly_rate_percent = forms.CharField(
        label=_("月利率（%）"),
        required=False,
        widget=forms.TextInput(attrs=DECIMAL_INPUT),
        help_text=_("留空表示按合同利率；0 表示不再计息。"),
    )
    scope = forms.ChoiceField(label=_("减免范围"), choices=enum_choices(WaiverScope), required=False)
    freeze = forms.BooleanField(label=_("同时停止计息"), required=False)
    share_percent = forms.CharField(
        label=_("结清比例（占现欠款的 %）"),
        required=False,
        widget=forms.TextInput(attrs=DECIMAL_INPUT),
    )
    settlement_months = forms.CharField(
        label=_("分几个月付清（1 = 一次付清）"),
        required=False,
        widget=forms.TextInput(attrs=INT_INPUT),
    )
    proposed = forms.BooleanField(label=_("作为拟提出的方案（协商信使用）"), required=False)
    priority = forms.BooleanField(label=_("优先偿还（如法院判决、抵押贷款）"), required=False)

    def __init__(self, *args: Any, position: DebtPosition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.position = position

    @property
    def chosen(self) -> str:
        value = self["option"].value()
        return str(value) if value else OptionKind.AS_IS.value


def initial_forms(
    positions: Sequence[DebtPosition], spec: PlanSpec | None, budget_default: str = ""
) -> tuple[PlanForm, list[CreditorForm]]:
    """Unbound forms showing ``spec`` (or the defaults), one creditor form per debt, in the case's order."""
    spec = spec or PlanSpec()
    data = plan_to_dict(spec)
    plan_initial = {
        "budget": data.get("budget", budget_default),
        "strategy": data["strategy"],
        "minimum": data["minimum"],
        "start": data.get("start", ""),
    }
    items = {item["id"]: item for item in data["creditors"]}
    creditor_forms = []
    for index, position in enumerate(positions):
        item = items.get(position.id, {"id": position.id, "option": OptionKind.AS_IS.value})
        initial: dict[str, Any] = {**DEFAULTS, **{k: v for k, v in item.items() if v is not None}}
        if item["option"] == OptionKind.SETTLEMENT:
            initial["settlement_months"] = item.get("months", 1)
            initial["months"] = DEFAULTS["months"]
        creditor_forms.append(CreditorForm(prefix=f"c{index}", initial=initial, position=position))
    return PlanForm(initial=plan_initial), creditor_forms


def bound_forms(
    data: Mapping[str, Any], positions: Sequence[DebtPosition]
) -> tuple[PlanForm, list[CreditorForm]]:
    creditor_forms = [
        CreditorForm(data, prefix=f"c{index}", position=position) for index, position in enumerate(positions)
    ]
    return PlanForm(data), creditor_forms


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def plan_mapping(plan_form: PlanForm, creditor_forms: Sequence[CreditorForm]) -> dict[str, Any]:
    """The case file's ``plan:`` mapping from valid forms (empty fields left out; core's defaults apply)."""
    cleaned = plan_form.cleaned_data
    mapping: dict[str, Any] = {"strategy": cleaned["strategy"]}
    for key in ("budget", "minimum", "start"):
        if _text(cleaned.get(key)):
            mapping[key] = _text(cleaned[key])
    creditors = []
    for form in creditor_forms:
        values = form.cleaned_data
        option = values["option"]
        item: dict[str, Any] = {"id": form.position.id, "option": option}
        for name in OPTION_FIELDS[option]:
            value = values.get(name)
            key = "months" if name == "settlement_months" else name
            if name == "freeze":
                item[key] = bool(value)
            elif _text(value):
                item[key] = _text(value)
        item["proposed"] = bool(values.get("proposed"))
        item["priority"] = bool(values.get("priority"))
        creditors.append(item)
    mapping["creditors"] = creditors
    return mapping


def spec_from_forms(plan_form: PlanForm, creditor_forms: Sequence[CreditorForm]) -> PlanSpec | None:
    """The spec the forms describe, judged by the case file's loader; None (errors added at fields) if invalid."""
    if not plan_form.is_valid() or not all(form.is_valid() for form in creditor_forms):
        return None
    try:
        spec = plan_from_dict(plan_mapping(plan_form, creditor_forms))
    except ValidationError as error:
        add_errors(plan_form, creditor_forms, error.errors)
        return None
    if spec.budget is None:
        plan_form.add_error("budget", gettext("请填写每月可用于还款的金额，例如 3000。"))
        return None
    return spec


def add_errors(
    plan_form: PlanForm, creditor_forms: Sequence[CreditorForm], errors: Sequence[FieldError]
) -> None:
    """Put each located error on its field (``plan.budget`` → budget, ``plan.creditors[1].months`` → …)."""
    for error in errors:
        message = _message(error)
        path = error.path or ""
        match = _PATH.match(path)
        if match is not None and int(match["i"]) < len(creditor_forms):
            form = creditor_forms[int(match["i"])]
            key = match["key"]
            if key == "months" and form.chosen == OptionKind.SETTLEMENT:
                key = "settlement_months"
            form.add_error(key if key in form.fields and key != "id" else None, message)
            continue
        name = path.removeprefix("plan.")
        plan_form.add_error(name if name in plan_form.fields else None, message)


def _message(error: FieldError) -> str:
    if "required for" in error.text.en:
        return gettext("请填写此项。")
    return core_messages.message(error)
