"""The borrower's details of a case (name, numbers, address, the day it is computed for), shown with the ID and
phone numbers masked: a number sent back as the page showed it keeps the stored one."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from xieshang.core.masking import mask_id_number, mask_phone

from .models import Case


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ("borrower_name", "phone", "id_number", "email", "address", "as_of")
        widgets: ClassVar[dict[str, Any]] = {
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "as_of": _("留空表示按今天计算。填写后，所有数字都按这一天计算（方便与导出的案件文件核对）。"),
            "id_number": _(
                "页面和文书上默认打码；要看完整号码请点“查看完整证件号和电话”（会记入操作记录）。"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # as stored, before validation copies the posted (masked) values onto the instance
        self._stored = {"id_number": self.instance.id_number, "phone": self.instance.phone}
        if self.instance.pk and not self.is_bound:  # the stored numbers are never sent to the page in full
            self.initial["id_number"] = mask_id_number(self.instance.id_number)
            self.initial["phone"] = mask_phone(self.instance.phone)

    def kept_numbers(self) -> dict[str, Any]:
        """The cleaned data, with a number left as the page showed it (masked) kept as stored."""
        data = dict(self.cleaned_data)
        stored_id, stored_phone = self._stored["id_number"], self._stored["phone"]
        if stored_id and data.get("id_number") == mask_id_number(stored_id):
            data["id_number"] = stored_id
        if stored_phone and data.get("phone") == mask_phone(stored_phone):
            data["phone"] = stored_phone
        return data
