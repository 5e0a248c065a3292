"""The checklist's forms: the hardship (reasons, description, since) and one item's record (date obtained,
expiry, note, new files). Fields are text; the case file's loader (``core.materials.materials_from_dict``) judges
every value and its located error paths (``materials.hardship.since``) are mapped back to the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.materials import materials_from_dict
from xieshang.cases import core_messages
from xieshang.cases.choices import labels_for
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.materials import Hardship, HardshipReason, MaterialRecord

DATE_INPUT = forms.TextInput(attrs={"type": "date"})
REASON_LABELS: dict[str, Promise] = labels_for(HardshipReason)
_HARDSHIP_FIELDS = {"reasons": "reasons", "description": "description", "since": "since"}
_ITEM_FIELDS = {"obtained": "obtained", "expires": "expires", "note": "note"}


def add_errors(form: forms.Form, errors: Iterable[FieldError], fields: dict[str, str]) -> None:
    """Put each located error at the field its path names (``materials.hardship.reasons[0]`` → reasons)."""
    for error in errors:
        last = error.path.rsplit(".", 1)[-1].split("[", 1)[0]
        field = fields.get(last)
        form.add_error(field if field in form.fields else None, core_messages.message(error))


class HardshipForm(forms.Form):
    reasons = forms.MultipleChoiceField(
        label=_("困难原因（可多选）"),
        choices=list(REASON_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("困难情况说明"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=5000,
        help_text=_("写清楚发生了什么、从什么时候开始、对收入的影响。会写进困难情况说明和协商申请书。"),
    )
    since = forms.CharField(label=_("困难开始日期"), required=False, widget=DATE_INPUT)

    def hardship(self) -> Hardship | None:
        """The hardship the form describes, judged by the case file's loader; None with field errors if not."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        raw = {"reasons": list(data["reasons"]), "description": data["description"], "since": data["since"]}
        try:
            return materials_from_dict({"hardship": raw}).hardship
        except ValidationError as error:
            add_errors(self, error.errors, _HARDSHIP_FIELDS)
            return None

    @staticmethod
    def initial_for(hardship: Hardship) -> dict[str, Any]:
        return {
            "reasons": [r.value for r in hardship.reasons],
            "description": hardship.description,
            "since": hardship.since.isoformat() if hardship.since else "",
        }


class ItemForm(forms.Form):
    """One checklist item: when it was obtained, when it expires (if it says), a note. Files come separately."""

    obtained = forms.CharField(label=_("获取日期"), required=False, widget=DATE_INPUT)
    expires = forms.CharField(label=_("有效期至（如有）"), required=False, widget=DATE_INPUT)
    note = forms.CharField(label=_("备注"), required=False, max_length=200)

    def record(self, item_id: str, files: tuple[str, ...]) -> MaterialRecord | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        raw = {"id": item_id, "obtained": data["obtained"], "expires": data["expires"], "note": data["note"]}
        try:
            parsed = materials_from_dict({"items": [{**raw, "files": list(files)}]})
        except ValidationError as error:
            add_errors(self, error.errors, _ITEM_FIELDS)
            return None
        return parsed.items[0]

    @staticmethod
    def initial_for(record: MaterialRecord | None) -> dict[str, Any]:
        if record is None:
            return {}
        return {
            "obtained": record.obtained.isoformat() if record.obtained else "",
            "expires": record.expires.isoformat() if record.expires else "",
            "note": record.note,
        }
