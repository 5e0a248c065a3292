"""The agreement pages' forms. Fields are text; the case file's own loader (``casefile.agreements``) judges every
value, and its located errors (``agreements[0].instalments[2].amount``) are put back on the field the person
typed into (the schedule's line for an instalment).

The schedule is typed one instalment a line (``2027-01-15 750.00``), which a phone keyboard handles; it can be
generated from a first due date and a number of months (equal amounts that sum to the total).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.agreements import agreement_from_dict
from xieshang.cases import core_messages
from xieshang.cases.choices import enum_choices
from xieshang.cases.file_fields import MultipleFileField
from xieshang.core.agreements import (
    Agreement,
    AgreementForm,
    CreditReporting,
    OnDefault,
    Payee,
    generate_instalments,
)
from xieshang.core.errors import ValidationError
from xieshang.core.money import parse_amount

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AMOUNT = {"inputmode": "decimal", "autocomplete": "off"}
TRISTATE = [("", _("协议没有写明")), ("yes", _("是")), ("no", _("否"))]
WAIVED = ("penalty", "fees", "interest", "principal")
TEXT_KEYS = ("creditor_party", "account", "fee_payee", "clauses", "notes")
AMOUNT_KEYS = ("balance", "principal_in_balance", "total", "interest", "fees")
_LINE = re.compile(r"^\s*(\S+)[\s,，;；]+(\S+)\s*$")
_PATH = re.compile(r"^agreements\[0\]\.(?P<key>\w+)(?:\[(?P<i>\d+)\])?(?:\.(?P<sub>\w+))?")


class AgreementEditForm(forms.Form):
    """One agreement, as the person reads it off the document (or hears it on the phone)."""

    debt = forms.ChoiceField(label=_("哪笔债务（债权人）"))
    made = forms.ChoiceField(label=_("协议是怎么达成的"), choices=enum_choices(AgreementForm))
    agreed_on = forms.DateField(label=_("达成日期"), widget=DATE)
    start = forms.DateField(
        label=_("从哪天起按协议计算"), required=False, widget=DATE, help_text=_("留空表示从达成日起。")
    )
    creditor_party = forms.CharField(
        label=_("代表债权人的人"),
        required=False,
        help_text=_("姓名、工号或部门，例如：客服李专员（工号 KD0571）。"),
    )
    balance = forms.CharField(
        label=_("协议写的欠款余额（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    principal_in_balance = forms.CharField(
        label=_("其中本金（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    total = forms.CharField(label=_("约定的还款总额（元）"), widget=forms.TextInput(attrs=AMOUNT))
    waived_penalty = forms.CharField(
        label=_("减免罚息、复利（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    waived_fees = forms.CharField(
        label=_("减免费用、违约金（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    waived_interest = forms.CharField(
        label=_("减免利息（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    waived_principal = forms.CharField(
        label=_("减免本金（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    interest = forms.CharField(
        label=_("协议期间另计的利息、手续费（元）"),
        required=False,
        widget=forms.TextInput(attrs=AMOUNT),
        help_text=_("已含在还款总额里的；停息挂账填 0。"),
    )
    schedule = forms.CharField(
        label=_("还款计划：每行一期，日期 金额"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "2027-01-15 750.00", "spellcheck": "false"}),
    )
    first_due = forms.DateField(label=_("第一期还款日"), required=False, widget=DATE)
    months = forms.IntegerField(label=_("共几期"), required=False, min_value=1, max_value=600)
    grace_days = forms.IntegerField(
        label=_("宽限期（天）"),
        required=False,
        min_value=0,
        max_value=365,
        help_text=_("到期后几天内还上不算违约；协议没写就留空。"),
    )
    on_default = forms.ChoiceField(label=_("迟还或漏还怎么办"), choices=enum_choices(OnDefault))
    collection_stops = forms.ChoiceField(label=_("协议期间停止催收"), choices=TRISTATE, required=False)
    credit_reporting = forms.ChoiceField(label=_("征信怎么报送"), choices=enum_choices(CreditReporting))
    charges_continue = forms.ChoiceField(
        label=_("还款期间继续收取年费、利息等费用"), choices=TRISTATE, required=False
    )
    no_new_card = forms.ChoiceField(
        label=_("承诺还清前不再申请新卡（信用卡）"), choices=TRISTATE, required=False
    )
    payee = forms.ChoiceField(label=_("钱付给谁"), choices=enum_choices(Payee))
    account = forms.CharField(label=_("收款账户或还款渠道"), required=False)
    fees = forms.CharField(
        label=_("为协议另付的费用（元）"), required=False, widget=forms.TextInput(attrs=AMOUNT)
    )
    fee_payee = forms.CharField(label=_("费用付给谁"), required=False)
    clauses = forms.CharField(
        label=_("协议原文（可粘贴或摘抄重要条款）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("检查会在原文里找“以系统为准”“全部到期”“放弃诉讼”等说法。"),
    )
    blanks = forms.BooleanField(label=_("拿到的协议上有空白处"), required=False)
    confirmation_requested = forms.DateField(
        label=_("口头协议：哪天请对方书面确认的"), required=False, widget=DATE
    )
    confirmed = forms.BooleanField(label=_("口头协议：已收到书面确认"), required=False)
    signed = forms.BooleanField(
        label=_("已签字或确认（从开始日起按协议计算）"),
        required=False,
        help_text=_("还在看、还没签，就先不勾，保存后看检查结果。"),
    )
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    available_at_signing = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, debts: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debt"].choices = debts

    def generate(self) -> bool:
        """Fill the schedule from the first due date and the months (equal amounts summing to the total)."""
        if not self.is_valid():
            return False
        first, months = self.cleaned_data.get("first_due"), self.cleaned_data.get("months")
        if first is None or months is None:
            self.add_error(
                "first_due" if first is None else "months", gettext("生成还款计划需要第一期还款日和期数。")
            )
            return False
        try:
            total = parse_amount(self.cleaned_data["total"], "total")
        except ValidationError as error:
            self.add_error("total", core_messages.message(error.errors[0]))
            return False
        data = self.data.copy()
        data["schedule"] = schedule_text(mapping_instalments(total, first, months))
        self.data = data
        self.is_bound, self._errors = True, None  # judged again with the new schedule
        return True

    def agreement(self) -> Agreement | None:
        """The agreement the form describes, judged by the case file's loader (errors put at the fields)."""
        if not self.is_valid():
            return None
        mapping, lines = self._mapping()
        if mapping is None:
            return None
        try:
            return agreement_from_dict(mapping, "agreements[0]")
        except ValidationError as error:
            for problem in error.errors:
                self._put(problem.path or "", core_messages.message(problem), lines)
            return None

    def _mapping(self) -> tuple[dict[str, Any] | None, list[int]]:
        values = self.cleaned_data
        mapping: dict[str, Any] = {
            "debt": values["debt"],
            "made": values["made"],
            "agreed_on": values["agreed_on"],
        }
        if values.get("start"):
            mapping["start"] = values["start"]
        for key in (*TEXT_KEYS, *AMOUNT_KEYS):
            if (values.get(key) or "").strip():
                mapping[key] = values[key].strip()
        waived = {
            k: values[f"waived_{k}"].strip() for k in WAIVED if (values.get(f"waived_{k}") or "").strip()
        }
        if waived:
            mapping["waived"] = waived
        for key in ("grace_days",):
            if values.get(key) is not None:
                mapping[key] = values[key]
        for key in ("on_default", "credit_reporting", "payee"):
            mapping[key] = values[key]
        for key in ("collection_stops", "charges_continue", "no_new_card"):
            if values.get(key):
                mapping[key] = values[key] == "yes"
        mapping["blanks"], mapping["confirmed"] = bool(values.get("blanks")), bool(values.get("confirmed"))
        if values.get("confirmation_requested"):
            mapping["confirmation_requested"] = values["confirmation_requested"]
        mapping["draft"] = not values.get("signed")
        if (values.get("available_at_signing") or "").strip():
            mapping["available_at_signing"] = values["available_at_signing"].strip()
        instalments, lines, problems = parse_schedule(values.get("schedule") or "")
        for problem in problems:
            self.add_error("schedule", problem)
        if problems:
            return None, lines
        if instalments:
            mapping["instalments"] = instalments
        return mapping, lines

    def _put(self, path: str, message: str, lines: list[int]) -> None:
        match = _PATH.match(path)
        key = match["key"] if match else ""
        if key == "instalments" and match and match["i"] is not None:
            line = lines[int(match["i"])] if int(match["i"]) < len(lines) else int(match["i"]) + 1
            self.add_error(
                "schedule", gettext("第 %(line)d 行：%(message)s") % {"line": line, "message": message}
            )
        elif key in ("instalments", "schedule"):
            self.add_error("schedule", message)
        elif key == "waived" and match and match["sub"]:
            self.add_error(f"waived_{match['sub']}", message)
        elif key in self.fields:
            self.add_error(key, message)
        else:
            self.add_error(None, message)


def parse_schedule(text: str) -> tuple[list[dict[str, str]], list[int], list[str]]:
    """The schedule's lines as case-file instalments, the line number of each, and the lines not understood."""
    items, lines, problems = [], [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            problems.append(
                gettext("第 %(line)d 行应写成“日期 金额”，例如 2027-01-15 750.00。") % {"line": number}
            )
            continue
        items.append({"due": match[1].replace("/", "-"), "amount": match[2]})
        lines.append(number)
    return items, lines, problems


def schedule_text(instalments: list[tuple[date, Any]]) -> str:
    return "\n".join(f"{day.isoformat()} {amount:.2f}" for day, amount in instalments)


def mapping_instalments(total: Any, first: date, months: int) -> list[tuple[date, Any]]:
    return [(i.due, i.amount) for i in generate_instalments(total, first, months)]


class PaymentUnderAgreementForm(forms.Form):
    """One payment made under the agreement, with its receipt."""

    date = forms.DateField(label=_("还款日期"), widget=DATE)
    amount = forms.CharField(label=_("金额（元）"), widget=forms.TextInput(attrs=AMOUNT))
    instalment = forms.ChoiceField(label=_("还的是哪一期"), required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)
    receipts = MultipleFileField(
        label=_("还款凭证（截图、回单）"), required=False, help_text=_("可选多个文件，存入证据库。")
    )

    def __init__(self, *args: Any, instalments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instalment"].choices = [("", _("最早未还清的一期")), *instalments]


class AgreementFilesForm(forms.Form):
    """The signed agreement, or the recording of the call in which it was agreed."""

    kind = forms.ChoiceField(
        label=_("文件是"),
        choices=[("signed_copy", _("签字或确认的协议")), ("recording", _("达成协议的通话录音"))],
    )
    files = MultipleFileField(label=_("文件"), help_text=_("按内容判断类型（PDF、图片、录音），存入证据库。"))
    note = forms.CharField(label=_("说明"), required=False, max_length=200)
