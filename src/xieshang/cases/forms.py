"""Forms. Debt input is validated by ``xieshang.casefile.parse_debt`` — the case file's own rules — so
the web app and the case file never disagree. Error paths are mapped back to form fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from xieshang.casefile import parse_debt
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.terms import LenderType, Loan, Method
from xieshang.view.today import today

from . import core_messages
from .choices import status_choices
from .labels import LENDER_LABELS, METHOD_LABELS
from .limits import file_too_large
from .models import Case, Debt, DebtStatus

DATE_INPUT = forms.TextInput(attrs={"type": "date"})
DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
INT_INPUT = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ("borrower_name", "phone", "id_number", "email", "address", "as_of")
        widgets: ClassVar[dict[str, Any]] = {
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "as_of": _("留空表示按今天计算。填写后，所有数字都按这一天计算（方便与导出的案件文件核对）。"),
            "id_number": _("只保存在你自己的电脑上；生成文书时默认打码。"),
        }


# Form field → case-file key. Every case-file error path whose first part is a key here lands on that field.
DEBT_FIELDS: dict[str, str] = {
    "key": "id",
    "creditor": "creditor",
    "lender_type": "lender_type",
    "method": "method",
    "principal": "principal",
    "received": "received",
    "start_date": "start_date",
    "term_months": "term_months",
    "annual_rate": "annual_rate",
    "daily_rate": "daily_rate",
    "period_fee_rate": "period_fee_rate",
    "periodic_fee": "periodic_fee",
    "upfront_fee": "upfront_fee",
    "payment_day": "payment_day",
    "penalty_rate_multiplier": "penalty_rate_multiplier",
    "notes": "notes",
}
FIELD_OF_KEY = {v: k for k, v in DEBT_FIELDS.items()}
# The revolving card's terms: form field → key inside the case file's ``revolving`` mapping.
REVOLVING_FIELDS: dict[str, str] = {
    "statement_day": "statement_day",
    "due_day": "due_day",
    "statement_minimum": "statement_minimum",
    "min_payment_rate": "min_payment_rate",
}
FIELD_OF_PATH = {
    **FIELD_OF_KEY,
    **{f"revolving.{key}": field for field, key in REVOLVING_FIELDS.items()},
    "assisted_lending": "assisted_lending",
}
ASSISTED_CHOICES = (("", _("不清楚")), ("yes", _("是，经平台撮合")), ("no", _("否，直接向机构借款")))
ASSISTED_VALUES = {"yes": True, "no": False}
PLANNED_LABEL = _("确认：这是计划中的日期（在今天之后）")


DRAFT_KEY = "debt-new"


class DebtForm(forms.Form):
    """One debt. Fields are text so the case file's rules (one source) judge every value."""

    creditor = forms.CharField(label=_("债权人（平台或机构名称）"), max_length=200, required=False)
    lender_type = forms.ChoiceField(
        label=_("机构类型"),
        choices=[(t.value, LENDER_LABELS[t]) for t in LenderType],
        help_text=_("决定适用哪些法律参考线。"),
    )
    method = forms.ChoiceField(label=_("还款方式"), choices=[(m.value, METHOD_LABELS[m]) for m in Method])
    principal = forms.CharField(label=_("合同本金（元）"), required=False, widget=DECIMAL_INPUT)
    received = forms.CharField(
        label=_("实际到账金额（元）"),
        required=False,
        widget=DECIMAL_INPUT,
        help_text=_("被预先扣除了利息或费用（砍头息）时填写；留空表示与本金相同。"),
    )
    start_date = forms.CharField(label=_("放款日期"), required=False, widget=DATE_INPUT)
    term_months = forms.CharField(label=_("期数（月）"), required=False, widget=INT_INPUT)
    annual_rate = forms.CharField(
        label=_("年利率（%）"), required=False, widget=DECIMAL_INPUT, help_text=_("例如 18 表示年利率 18%。")
    )
    daily_rate = forms.CharField(
        label=_("日利率（%）"),
        required=False,
        widget=DECIMAL_INPUT,
        help_text=_("按日计息时填写，例如 0.05。"),
    )
    period_fee_rate = forms.CharField(
        label=_("每期手续费率（%）"),
        required=False,
        widget=DECIMAL_INPUT,
        help_text=_("信用卡分期时填写，例如 0.6。"),
    )
    periodic_fee = forms.CharField(
        label=_("每期服务费/担保费/会员费（元）"), required=False, widget=DECIMAL_INPUT
    )
    upfront_fee = forms.CharField(label=_("期初另付的费用（元）"), required=False, widget=DECIMAL_INPUT)
    payment_day = forms.CharField(label=_("每月还款日"), required=False, widget=INT_INPUT)
    penalty_rate_multiplier = forms.CharField(
        label=_("罚息倍数"), required=False, widget=DECIMAL_INPUT, help_text=_("合同未写明时常见为 1.5。")
    )
    statement_day = forms.CharField(
        label=_("账单日"),
        required=False,
        widget=INT_INPUT,
        help_text=_("信用卡循环时填写：每月出账单的日子（1–31）；留空按放款/账单日期当天。"),
    )
    due_day = forms.CharField(
        label=_("到期还款日"),
        required=False,
        widget=INT_INPUT,
        help_text=_("信用卡循环时填写：账单上的“到期还款日”是每月几号（1–31）。"),
    )
    statement_minimum = forms.CharField(
        label=_("本期最低还款额（元）"),
        required=False,
        widget=DECIMAL_INPUT,
        help_text=_("信用卡循环时填写账单上的最低还款额；以后各期按下面的比例计算。"),
    )
    min_payment_rate = forms.CharField(
        label=_("最低还款比例（%）"),
        required=False,
        widget=DECIMAL_INPUT,
        help_text=_("账单金额的百分之几，常见为 10；留空按 10%。"),
    )
    assisted_lending = forms.ChoiceField(
        label=_("是否经平台撮合（助贷）"),
        choices=ASSISTED_CHOICES,
        required=False,
        help_text=_(
            "借款 App 只是撮合、实际放款的是银行或消费金融公司时选“是”：2025年的助贷新规只适用于这类贷款。"
        ),
    )
    planned = forms.BooleanField(label=PLANNED_LABEL, required=False)
    notes = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("协商状态"), choices=status_choices, initial=DebtStatus.NOT_CONTACTED)
    # The debt's id in the case file: kept as it is on edit, made up for a new debt; never shown (people name a
    # debt by its creditor).
    key = forms.SlugField(label=_("编号"), required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, debt: Debt | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.debt = debt
        self.loan: Loan | None = None
        self.mapping: dict[str, Any] = {}
        self.key_given = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        mapping: dict[str, Any] = dict(self.debt.more) if self.debt is not None else {}
        for field, key in DEBT_FIELDS.items():
            value = cleaned.get(field)
            if isinstance(value, str):
                value = value.strip()
            if value in (None, ""):
                mapping.pop(key, None)
            else:
                mapping[key] = value
        _revolving_into(mapping, cleaned)
        _assisted_into(mapping, cleaned.get("assisted_lending", ""))
        if not self._date_confirmed("start_date", cleaned):
            return cleaned
        self.key_given = bool(mapping.get("id"))
        if not self.key_given:
            mapping["id"] = DRAFT_KEY  # only to check the rest; the saved debt gets the next free number
        others = Debt.objects.filter(case=self.case, key=mapping["id"])
        if self.debt is not None:
            others = others.exclude(pk=self.debt.pk)
        if self.key_given and others.exists():  # checked again under the lock when it is saved
            self.add_error("key", _("这个编号在本案件中已经用过，请换一个。"))
            return cleaned
        if self.debt is not None:
            mapping["payments"] = [
                {
                    "date": p.date.isoformat(),
                    "amount": f"{p.amount:.2f}",
                    **({"note": p.note} if p.note else {}),
                }
                for p in self.debt.payments.all()
            ]
        try:
            self.loan = parse_debt(mapping)
        except CoreValidationError as error:
            self.apply_errors(error)
            return cleaned
        self.mapping = {k: v for k, v in mapping.items() if k != "payments"}
        if not self.key_given:
            self.mapping.pop("id")  # numbered when it is saved, under the case's lock
        return cleaned

    def apply_errors(self, error: CoreValidationError) -> None:
        """The case file's located problems on the fields they name (in people's words)."""
        for problem in error.errors:
            head = problem.path.split("[")[0]
            head = head if head in FIELD_OF_PATH else head.split(".")[0]
            message = people_words(core_messages.message(problem))
            field = FIELD_OF_PATH.get(head)
            if field is not None and field in self.fields:
                self.add_error(field, message)
            else:
                self.add_error(None, message)

    @property
    def needs_planned(self) -> bool:
        """Whether to show the "it is planned" box: a date after today was refused, or it is ticked."""
        return bool(getattr(self, "future_date", False)) or bool(self["planned"].value())

    def _date_confirmed(self, field: str, cleaned: Mapping[str, Any]) -> bool:
        """A date after today stops the form until the person ticks "planned" (a located message)."""
        day = _day(cleaned.get(field))
        if day is None or day <= today() or cleaned.get("planned"):
            return True
        self.future_date = True
        self.add_error(field, future_message(day))
        return False

    @classmethod
    def initial_from(cls, mapping: Mapping[str, Any], status: str) -> dict[str, Any]:
        """The form's initial values for a stored debt (its case-file mapping)."""
        initial = {field: mapping.get(key, "") for field, key in DEBT_FIELDS.items()}
        revolving = mapping.get("revolving") or {}
        initial.update({field: revolving.get(key, "") for field, key in REVOLVING_FIELDS.items()})
        assisted = mapping.get("assisted_lending")
        initial["assisted_lending"] = "" if assisted is None else ("yes" if assisted else "no")
        initial["status"] = status
        return initial


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None  # the case file's rules report it


def future_message(day: date) -> str:
    return str(
        _("%(day)s 在今天之后。如果这是计划中的日期，请勾选下面的“确认”后再保存；否则请改正日期。")
        % {"day": day.isoformat()}
    )


def _revolving_into(mapping: dict[str, Any], cleaned: Mapping[str, Any]) -> None:
    """The card's terms into ``mapping["revolving"]`` (keeping terms the form does not show, such as the
    违约金 rate); a card without a statement day takes the day of its statement date."""
    if cleaned.get("method") != Method.REVOLVING:
        mapping.pop("revolving", None)
        return
    terms = dict(mapping.get("revolving") or {})
    for field, key in REVOLVING_FIELDS.items():
        value = cleaned.get(field)
        value = value.strip() if isinstance(value, str) else value
        if value in (None, ""):
            terms.pop(key, None)
        else:
            terms[key] = value
    start = _day(cleaned.get("start_date"))
    if "statement_day" not in terms and start is not None:
        terms["statement_day"] = start.day
    mapping["revolving"] = terms


def _assisted_into(mapping: dict[str, Any], choice: str) -> None:
    if choice in ASSISTED_VALUES:
        mapping["assisted_lending"] = ASSISTED_VALUES[choice]
    else:
        mapping.pop("assisted_lending", None)


# Case-file words a person never typed → the words of the form (method codes and field keys).
def _people_words() -> dict[str, str]:
    words: dict[str, str] = {str(m.value): str(METHOD_LABELS[m]) for m in Method}
    for field_name, key in DEBT_FIELDS.items():
        words[key] = str(DebtForm.base_fields[field_name].label)
    for field_name, key in REVOLVING_FIELDS.items():
        words[key] = str(DebtForm.base_fields[field_name].label)
    return words


_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b(?:revolving|daily|bullet)\b")


def people_words(message: str) -> str:
    """``revolving 需要 annual_rate 或 daily_rate`` → ``信用卡循环 需要 年利率（%） 或 日利率（%）``."""
    words = _people_words()
    return _WORD.sub(lambda m: words.get(m.group(0), m.group(0)), message)


class PaymentForm(forms.Form):
    date = forms.CharField(label=_("还款日期"), widget=DATE_INPUT)
    amount = forms.CharField(label=_("金额（元）"), widget=DECIMAL_INPUT)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)
    planned = forms.BooleanField(label=PLANNED_LABEL, required=False)

    def clean(self) -> dict[str, Any]:
        """A payment dated after today is refused, with its field named, unless it is confirmed as planned."""
        cleaned = super().clean() or {}
        day = _day(cleaned.get("date"))
        if day is not None and day > today() and not cleaned.get("planned"):
            self.future_date = True
            self.add_error("date", future_message(day))
        return cleaned

    @property
    def needs_planned(self) -> bool:
        return bool(getattr(self, "future_date", False)) or bool(self["planned"].value())


class _LimitedFile(forms.Form):
    """A form with one ``file`` whose size is checked against its upload kind's limit per file."""

    upload_kind = ""

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        problem = file_too_large(upload, self.upload_kind)
        if problem:
            raise forms.ValidationError(problem)
        return upload


class CsvImportForm(_LimitedFile):
    upload_kind = "payments"
    file = forms.FileField(
        label=_("还款记录 CSV 文件"),
        help_text=_("每行：日期,金额[,备注]，例如 2026-01-05,1893.10,支付宝。可以有标题行。"),
    )
    planned = forms.BooleanField(label=_("确认：文件里今天以后的日期是计划中的还款"), required=False)


def future_rows(rows: Sequence[tuple[int, Mapping[str, Any]]], confirmed: bool) -> list[str]:
    """Located messages for CSV rows (line, values) dated after today, unless they are confirmed as planned."""
    if confirmed:
        return []
    now = today()
    return [
        str(_("第 %(line)d 行 日期 %(message)s") % {"line": line, "message": future_message(day)})
        for line, values in rows
        for day in [_day(values.get("date"))]
        if day is not None and day > now
    ]


class CaseFileImportForm(_LimitedFile):
    upload_kind = "casefile"
    file = forms.FileField(
        label=_("案件文件（YAML 或 JSON）"), help_text=_("由“导出案件文件”或命令行生成的文件。")
    )


class CompleteImportForm(_LimitedFile):
    upload_kind = "archive"
    file = forms.FileField(
        label=_("完整导出的案件（.zip）"),
        help_text=_(
            "由“导出全部内容”或 xieshang case export 生成的文件：证据、材料、账单和设置都会一起导入。"
        ),
    )
