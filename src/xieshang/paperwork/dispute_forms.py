"""The forms of the 征信异议 and 执行情况 page: one credit dispute, one progress note. Fields are text; the case
file's loaders (``core.disputes.dispute_from_dict``, ``progress_note_from_dict``) judge every value and their
located error paths (``disputes[0].record.wrong``) are mapped back to the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.disputes import dispute_from_dict, progress_note_from_dict
from xieshang.core.disputes import CreditDispute, ProgressNote, Recipient
from xieshang.core.errors import ValidationError

from .forms import DATE_INPUT, add_errors

RECIPIENT_CHOICES = [
    (Recipient.LENDER.value, _("报送这条记录的机构（放贷机构）")),
    (Recipient.CREDIT_CENTER.value, _("中国人民银行征信中心")),
    (Recipient.PBOC_BRANCH.value, _("中国人民银行分支机构（投诉）")),
]
_DISPUTE_FIELDS = {
    "creditor": "creditor",
    "institution": "institution",
    "account": "account",
    "reported": "reported",
    "wrong": "wrong",
    "correct": "correct",
    "requests": "requests",
    "proofs": "proofs",
    "recipient": "recipient",
    "recipient_name": "recipient_name",
    "filed": "filed",
    "record": "wrong",
}
_NOTE_FIELDS = {"creditor": "creditor", "from": "start", "to": "end", "text": "text"}


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


class DisputeForm(forms.Form):
    creditor = forms.ChoiceField(label=_("关于哪个债权人"), choices=())
    institution = forms.CharField(
        label=_("报送机构"), max_length=500, help_text=_("信用报告上写的机构名称。")
    )
    account = forms.CharField(
        label=_("账户或借款"), max_length=500, required=False, help_text=_("例如：贷款账户尾号1234。")
    )
    reported = forms.CharField(label=_("报送或更新日期"), required=False, widget=DATE_INPUT)
    wrong = forms.CharField(
        label=_("信用报告记载的内容（哪里有误）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    correct = forms.CharField(label=_("实际情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    requests = forms.CharField(
        label=_("申请事项（每行一条，可不填）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("不填时写“请核查，如有误请更正或删除，并书面告知”。"),
    )
    materials = forms.MultipleChoiceField(
        label=_("附上的证明材料（材料清单中的）"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    proofs = forms.CharField(
        label=_("其他证明材料（每行一条）"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    recipient = forms.ChoiceField(
        label=_("寄给谁"), choices=RECIPIENT_CHOICES, widget=forms.RadioSelect, initial=Recipient.LENDER.value
    )
    recipient_name = forms.CharField(
        label=_("受理机构名称（可不填）"),
        max_length=500,
        required=False,
        help_text=_("例如：中国人民银行北京市分行。不填时按上面的选择写。"),
    )
    filed = forms.CharField(label=_("提交日期（可不填）"), required=False, widget=DATE_INPUT)

    def __init__(
        self, *args: Any, creditors: Sequence[str], materials: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["creditor"].choices = [(c, c) for c in creditors]
        self.fields["materials"].choices = list(materials)
        self.material_ids = {m for m, _name in materials}

    def dispute(self) -> CreditDispute | None:
        """The dispute the form describes, judged by the case file's loader; None with field errors if not."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        raw = {
            "creditor": data["creditor"],
            "record": {
                "institution": data["institution"],
                "account": data["account"],
                "reported": data["reported"],
                "wrong": data["wrong"],
                "correct": data["correct"],
            },
            "requests": _lines(data["requests"]),
            "proofs": [*data["materials"], *_lines(data["proofs"])],
            "recipient": data["recipient"],
            "recipient_name": data["recipient_name"],
            "filed": data["filed"],
        }
        try:
            return dispute_from_dict(raw, "disputes[0]")
        except ValidationError as error:
            add_errors(self, error.errors, _DISPUTE_FIELDS)
            return None

    @staticmethod
    def initial_for(dispute: CreditDispute, material_ids: set[str]) -> dict[str, Any]:
        record = dispute.record
        return {
            "creditor": dispute.creditor,
            "institution": record.institution,
            "account": record.account,
            "reported": record.reported.isoformat() if record.reported else "",
            "wrong": record.wrong,
            "correct": record.correct,
            "requests": "\n".join(dispute.requests),
            "materials": [p for p in dispute.proofs if p in material_ids],
            "proofs": "\n".join(p for p in dispute.proofs if p not in material_ids),
            "recipient": dispute.recipient.value,
            "recipient_name": dispute.recipient_name,
            "filed": dispute.filed.isoformat() if dispute.filed else "",
        }


class ProgressNoteForm(forms.Form):
    creditor = forms.ChoiceField(label=_("债权人"), choices=())
    start = forms.CharField(label=_("从"), widget=DATE_INPUT)
    end = forms.CharField(label=_("到"), widget=DATE_INPUT)
    text = forms.CharField(
        label=_("执行情况"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("这段时间按协议还了多少、有没有逾期、收入和困难有什么变化。会写进还款情况汇报。"),
    )

    def __init__(self, *args: Any, creditors: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["creditor"].choices = [(c, c) for c in creditors]

    def note(self) -> ProgressNote | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        raw = {"creditor": data["creditor"], "from": data["start"], "to": data["end"], "text": data["text"]}
        try:
            return progress_note_from_dict(raw, "progress_notes[0]")
        except ValidationError as error:
            add_errors(self, error.errors, _NOTE_FIELDS)
            return None

    @staticmethod
    def initial_for(note: ProgressNote) -> dict[str, Any]:
        return {
            "creditor": note.creditor,
            "start": note.start.isoformat(),
            "end": note.end.isoformat(),
            "text": note.text,
        }
