"""Forms of the contact pages. A contact is judged by the contact log's own rules (``contacts_from_dict``);
its located error paths (``contacts[0].when``) are mapped back to the form's fields, in Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.contacts import contacts_from_dict
from xieshang.cases.choices import labels_for
from xieshang.cases.core_messages import message as core_message
from xieshang.cases.file_fields import MultipleFileField
from xieshang.cases.limits import human_size
from xieshang.cases.models import Case
from xieshang.core.contacts import Channel, ContactEntry, Direction, Flag, Party
from xieshang.core.errors import AmountError
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.money import parse_amount

DATETIME_INPUT = forms.TextInput(attrs={"type": "datetime-local"})
DATE_INPUT = forms.TextInput(attrs={"type": "date"})

CHANNEL_LABELS = labels_for(Channel)
DIRECTION_LABELS = labels_for(Direction)
PARTY_LABELS = labels_for(Party)
FLAG_LABELS = labels_for(Flag)
FIELD_OF_KEY = {"debt": "debt", "when": "when", "channel": "channel", "direction": "direction"}
FIELD_OF_KEY |= {"party": "party", "follow_up": "follow_up", "flags": "flags"}


def debt_choices(case: Case) -> list[tuple[str, str]]:
    return [(d.key, str(d)) for d in case.debts.all()]


class ContactForm(forms.Form):
    """One contact with the creditor's side, and its evidence files."""

    debt = forms.ChoiceField(label=_("哪笔债务（债权人）"))
    when = forms.CharField(
        label=_("日期和时间"), widget=DATETIME_INPUT, help_text=_("按你当时看到的本地时间。")
    )
    channel = forms.ChoiceField(label=_("方式"), choices=list(CHANNEL_LABELS.items()))
    direction = forms.ChoiceField(
        label=_("谁联系谁"), choices=list(DIRECTION_LABELS.items()), initial=Direction.INCOMING
    )
    connected = forms.BooleanField(
        label=_("电话已接通"), required=False, initial=True, help_text=_("未接来电请取消勾选。")
    )
    agency = forms.CharField(label=_("催收机构（对方自称代表的机构）"), required=False, max_length=200)
    counterpart_name = forms.CharField(label=_("对方姓名"), required=False, max_length=100)
    staff_id = forms.CharField(label=_("对方工号"), required=False, max_length=100)
    number = forms.CharField(label=_("对方号码"), required=False, max_length=100)
    party = forms.ChoiceField(
        label=_("被联系的人"), choices=list(PARTY_LABELS.items()), initial=Party.BORROWER
    )
    called_number = forms.CharField(
        label=_("被拨打的号码"),
        required=False,
        max_length=100,
        help_text=_("对方打给家人或同事时填写他们的号码。"),
    )
    borrower_reachable = forms.BooleanField(label=_("当时借款人本人可以联系上"), required=False, initial=True)
    summary = forms.CharField(
        label=_("内容摘要"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("尽量记下原话，例如对方说了什么、是否提到法院或公安。"),
    )
    their_promises = forms.CharField(
        label=_("对方承诺"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    our_promises = forms.CharField(
        label=_("我方承诺"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up = forms.CharField(label=_("下次跟进日期"), required=False, widget=DATE_INPUT)
    flags = forms.MultipleChoiceField(
        label=_("对方有下列行为"),
        choices=list(FLAG_LABELS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    files = MultipleFileField(
        label=_("附件：录音、截图、短信、邮件"),
        required=False,
        help_text=_(
            "可选多个文件。按文件内容判断类型（mp3/m4a/amr/wav/ogg、png/jpg/heic、PDF、.eml、纯文本）。"
        ),
    )

    def __init__(self, *args: Any, case: Case, contact_id: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.contact_id = contact_id
        self.fields["debt"].choices = debt_choices(case)
        self.entry: ContactEntry | None = None
        self.fields["files"].widget.attrs.update(size_limit_attrs())

    def mapping(self, attachments: Sequence[str] = ()) -> dict[str, Any]:
        """The contact as the case file writes it, from the cleaned data."""
        data = self.cleaned_data
        debt = self.case.debts.get(key=data["debt"])
        mapping: dict[str, Any] = {
            "id": self.contact_id,
            "debt": data["debt"],
            "when": data["when"],
            "channel": data["channel"],
            "direction": data["direction"],
            "creditor": debt.creditor or debt.key,
            "connected": bool(data.get("connected")),
            "party": data["party"],
            "borrower_reachable": bool(data.get("borrower_reachable")),
            "flags": list(data.get("flags") or []),
            "attachments": list(attachments),
        }
        for key in ("agency", "counterpart_name", "staff_id", "number", "called_number", "summary"):
            if data.get(key, "").strip():
                mapping[key] = data[key].strip()
        for key in ("their_promises", "our_promises", "follow_up"):
            if data.get(key, "").strip():
                mapping[key] = data[key].strip()
        return mapping

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            (self.entry,) = contacts_from_dict([self.mapping()])
        except CoreValidationError as error:
            for problem in error.errors:
                key = problem.path.split(".", 1)[-1].split("[")[0] if "." in problem.path else ""
                message = core_message(problem)
                field = FIELD_OF_KEY.get(key)
                self.add_error(field if field in self.fields else None, message)
        return cleaned


class EvidenceForm(forms.Form):
    """Files added to the case's evidence, optionally attached to one debt."""

    files = MultipleFileField(
        label=_("证据文件"),
        help_text=_("可选多个文件。按文件内容判断类型（录音、图片、PDF、.eml、纯文本）。"),
    )
    description = forms.CharField(
        label=_("说明：这是什么、证明什么"),
        max_length=500,
        help_text=_("例如：2026-11-01 还款凭证（支付宝截图）。"),
    )
    debt = forms.ChoiceField(label=_("关联的债务"), required=False)
    contact = forms.ChoiceField(
        label=_("关联的沟通记录"),
        required=False,
        help_text=_("补充某次沟通的录音或截图时选择；文件会列在这条沟通记录下。"),
    )

    def __init__(self, *args: Any, case: Case, contacts: Sequence[ContactEntry] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debt"].choices = [("", _("整个案件")), *debt_choices(case)]
        self.fields["contact"].choices = [("", "—")] + [
            (c.id, f"{c.when:%Y-%m-%d %H:%M} {CHANNEL_LABELS[c.channel]} · {c.institution}")
            for c in reversed(contacts)
        ]
        self.contacts = {c.id: c for c in contacts}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        contact = self.contacts.get(cleaned.get("contact") or "")
        if contact is not None:  # a contact's files belong to its debt
            cleaned["debt"] = contact.debt_id
        return cleaned


class RedactForm(forms.Form):
    """Why a file uploaded by mistake is withdrawn (written into the ledger's redaction entry)."""

    reason = forms.CharField(
        label=_("删除原因"),
        max_length=300,
        help_text=_("会写进证据账本，例如：传错了文件。"),
    )


class ReminderSettingsForm(forms.Form):
    silence_days = forms.IntegerField(
        label=_("逾期后多少天未联系就提醒"),
        min_value=1,
        max_value=365,
        help_text=_("逾期的债权人超过这么多天没有沟通记录，就提醒你主动联系。"),
    )
    window_days = forms.IntegerField(label=_("提前多少天提醒"), min_value=0, max_value=120)
    email_reminders = forms.BooleanField(
        label=_("每天用邮件提醒我"),
        required=False,
        help_text=_("每天早上把到期的提醒发到下面的邮箱，同一项一天最多一封。邮件里没有身份证号和电话号码。"),
    )
    email_address = forms.EmailField(
        label=_("收提醒的邮箱"), required=False, help_text=_("留空则用账号的邮箱。")
    )

    def __init__(self, *args: Any, owner_email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner_email = owner_email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("email_reminders") and not (data.get("email_address") or self.owner_email):
            self.add_error("email_address", _("要用邮件提醒，请填写收提醒的邮箱。"))
        return data


REPORT_CHANNELS = {
    Channel.EMAIL: _("邮件"),
    Channel.SMS: _("短信"),
    Channel.WECHAT: _("微信"),
    Channel.APP: _("App 消息"),
}


class ReportForm(forms.Form):
    """Which creditor and period a progress report covers, and what the borrower adds to it."""

    debt = forms.ChoiceField(label=_("债权人"))
    period_start = forms.DateField(
        label=_("汇报期间：开始"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("汇报期间：结束"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    situation = forms.CharField(
        label=_("目前财务状况"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：仍在找工作，每月收入约 3000 元。"),
    )
    next_plan = forms.CharField(label=_("下期计划"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_amount = forms.CharField(
        label=_("下期计划还款（元）"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    receipts = forms.MultipleChoiceField(
        label=_("附上的还款凭证"), required=False, widget=forms.CheckboxSelectMultiple
    )
    to = forms.EmailField(label=_("债权人的邮箱（可选）"), required=False)

    def __init__(self, *args: Any, case: Case, receipts: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["debt"].choices = debt_choices(case)
        self.fields["receipts"].choices = list(receipts)

    def clean_next_amount(self) -> Any:
        text = self.cleaned_data.get("next_amount", "").strip()
        if not text:
            return None
        try:
            return parse_amount(text)
        except AmountError as error:
            raise forms.ValidationError(core_message(error.errors[0])) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("结束日不能早于开始日。"))
        return cleaned


def size_limit_attrs() -> dict[str, str]:
    """What the browser needs to refuse an over-limit file before sending it (``xieshang/file-limit.js``): the
    limit per evidence file and the message, ``{name}`` standing for the file's name."""
    limit = settings.EVIDENCE_MAX_BYTES
    message = _("文件“{name}”超过上限 %(limit)s，没有上传。请换一个较小的文件（例如把录音分成几段）。")
    return {"data-max-bytes": str(limit), "data-too-big": str(message) % {"limit": human_size(limit)}}
