"""The column-mapping step for a bill of a layout no importer knows: the form that turns the user's choices
(which row is the header, which column holds the time, the amount …) into an ``importers.generic.ColumnMapping``.

Columns are chosen by position in the header row the user picked; the mapping keeps the header's names, so the
next export with the same header is read the same way even if its preamble is longer or shorter. The mapping is
judged by ``ColumnMapping.from_dict`` (one set of rules for the CLI's JSON and this form); its located errors
(``mapping.amount: …``) are shown at the fields. A later file is read through the case's saved mapping whose
header row it has (:func:`mapping_for`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xieshang.cases.models import Case
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.importers.detect import detect
from xieshang.importers.errors import BillImportError
from xieshang.importers.generic import ColumnMapping, guess_header_row, header_matches, preview_rows

from .models import SavedMapping

ROLES = ("time", "amount", "income", "expense", "direction", "counterparty", "description", "order_id")
ROLE_FIELD_LABELS = {
    "time": _("日期/时间列"),
    "amount": _("金额列（一列，负数为支出）"),
    "income": _("收入金额列"),
    "expense": _("支出金额列"),
    "direction": _("收/支方向列"),
    "counterparty": _("交易对方列"),
    "description": _("说明/摘要列"),
    "order_id": _("流水号/单号列"),
}


def is_unknown_table(data: bytes) -> bool:
    """A file no importer recognises but that reads as a table (a column mapping could read it)."""
    try:
        detect(data)
    except BillImportError:
        try:
            rows = preview_rows(data, 40)
        except BillImportError:
            return False
        return sum(1 for r in rows if len([c for c in r if c]) >= 2) >= 2
    return False


def mapping_for(case: Case, data: bytes) -> SavedMapping | None:
    """The case's saved mapping (most recently used first) whose header row the file has."""
    for saved in case.bill_mappings.all():
        if header_matches(data, saved.header):
            return saved
    return None


def column_letter(index: int) -> str:
    """``0`` → ``A``, ``26`` → ``AA`` (as spreadsheets name columns)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[,，、;；]+", text) if w.strip()]


class MappingForm(forms.Form):
    header_row = forms.TypedChoiceField(label=_("表头在第几行"), coerce=int)
    income_values = forms.CharField(
        label=_("方向列里表示收入的文字"),
        required=False,
        initial="收入",
        help_text=_("多个用逗号分隔，例如：收入, 贷"),
    )
    expense_values = forms.CharField(
        label=_("方向列里表示支出的文字"),
        required=False,
        initial="支出",
        help_text=_("多个用逗号分隔，例如：支出, 借"),
    )
    name = forms.CharField(
        label=_("给这个映射起个名字"),
        max_length=60,
        help_text=_("例如：招商银行流水。下次上传表头相同的文件会自动套用。"),
    )

    def __init__(self, *args: Any, rows: Sequence[Sequence[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = [list(r) for r in rows]
        self.mapping: ColumnMapping | None = None
        guess = guess_header_row(self.rows) or 1
        self.fields["header_row"].choices = [
            (n, _("第 %(n)d 行：%(cells)s") % {"n": n, "cells": "、".join(c for c in row if c)[:40] or "—"})
            for n, row in enumerate(self.rows, start=1)
        ]
        self.fields["header_row"].initial = guess
        chosen = self._chosen_header_row(guess)
        self.header = self.rows[chosen - 1] if 0 < chosen <= len(self.rows) else []
        width = max((len(r) for r in self.rows), default=0)
        choices = [("", _("（不用）"))] + [
            (
                str(i),
                f"{column_letter(i)}：{self.header[i] if i < len(self.header) and self.header[i] else '—'}",
            )
            for i in range(width)
        ]
        for role in ROLES:
            self.fields[role] = forms.ChoiceField(
                label=ROLE_FIELD_LABELS[role], choices=choices, required=role == "time"
            )
        self.order_fields(["header_row", *ROLES, "income_values", "expense_values", "name"])

    def _chosen_header_row(self, guess: int) -> int:
        if not self.is_bound:
            return guess
        try:
            return int(str(self.data.get(self.add_prefix("header_row"), guess)))
        except ValueError:
            return guess

    def role_fields(self) -> list[forms.BoundField]:
        return [self[role] for role in ROLES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        data: dict[str, Any] = {}
        used: dict[int, str] = {}
        for role in ROLES:
            choice = cleaned.get(role, "")
            if choice == "":
                continue
            index = int(choice)
            name = self.header[index] if index < len(self.header) else ""
            if not name:
                self.add_error(role, _("这一列在表头行里没有名称：请选对表头所在的行"))
                continue
            if index in used:
                self.add_error(role, _("这一列已选作“%(other)s”") % {"other": ROLE_FIELD_LABELS[used[index]]})
                continue
            used[index] = role
            data[role] = name
        if cleaned.get("direction"):
            data["income_values"] = _words(cleaned.get("income_values", ""))
            data["expense_values"] = _words(cleaned.get("expense_values", ""))
        if (cleaned.get("income") or cleaned.get("expense")) and cleaned.get("amount"):
            self.add_error("amount", _("请只选一种：一个金额列，或者收入列和支出列"))
        if self.errors:
            return cleaned
        try:
            self.mapping = ColumnMapping.from_dict(data)
        except CoreValidationError as error:
            for problem in error.errors:
                role = problem.path.rsplit(".", 1)[-1]
                self.add_error(role if role in self.fields else None, problem.message)
        return cleaned
