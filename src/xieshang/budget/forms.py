"""Forms of the budget pages. Rules and the statement are judged by the core's own readers
(``rules_from_list``, ``statement_from_dict``); their located error paths are mapped back to form fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from xieshang.casefile.budget import statement_from_dict
from xieshang.cases import core_messages
from xieshang.cases.limits import file_too_large
from xieshang.core.categories import RuleField, rules_from_list
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.statement import CATEGORY_GROUPS, AssetKind, Group, Housing, Statement

from .labels import (
    ASSET_LABELS,
    DIRECTION_LABELS,
    GROUP_LABELS,
    HOUSING_LABELS,
    UNCATEGORISED_LABEL,
    category_choices_to_pick,
    category_label,
    grouped_category_choices,
)
from .store import clean_filename

DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
INT_INPUT = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
MAX_ROWS = 200


def human_size(size: int) -> str:
    """``20971520`` → ``20 MB``; ``1536`` → ``1.5 KB``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale / 10:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} B"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx,.xls,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label=_("账单文件（可一次选多个）"),
        help_text=_(
            "支付宝、微信、京东、美团或银行导出的原始 CSV / Excel 文件，或信用卡电子账单（.eml、网页、PDF）。格式按文件内容识别。"
        ),
    )

    def clean_files(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["files"]
        limit = int(settings.BILL_MAX_BYTES)
        too_big = [f for f in files if (f.size or 0) > limit]
        if too_big:
            raise forms.ValidationError(
                [
                    _("文件“%(name)s”有 %(size)s，超过上限 %(limit)s，未导入任何文件。")
                    % {
                        "name": clean_filename(f.name or ""),
                        "size": human_size(f.size or 0),
                        "limit": human_size(limit),
                    }
                    for f in too_big
                ]
            )
        return files


def _localised(error: CoreValidationError) -> list[tuple[str, str]]:
    return [(problem.path, core_messages.message(problem)) for problem in error.errors]


class RuleForm(forms.Form):
    """A new rule. The whole list (existing rules + this one) goes through ``rules_from_list``."""

    field = forms.ChoiceField(
        label=_("匹配方式"),
        choices=[
            (RuleField.COUNTERPARTY.value, _("交易对方包含")),
            (RuleField.KEYWORD.value, _("任意文字包含")),
        ],
        initial=RuleField.COUNTERPARTY.value,
    )
    match = forms.CharField(
        label=_("文字"), max_length=100, required=False, help_text=_("例如 房东、滴滴、美团。")
    )
    category = forms.ChoiceField(label=_("归入类别"), choices=category_choices_to_pick)

    def __init__(self, *args: Any, existing: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = existing
        self.rules: list[dict[str, Any]] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        new = {"match": cleaned.get("match", ""), "category": cleaned["category"], "field": cleaned["field"]}
        rules = [*self.existing, new]
        try:
            rules_from_list(rules)
        except CoreValidationError as error:
            here = f"rules[{len(self.existing)}]."
            for path, message in _localised(error):
                name = path[len(here) :] if path.startswith(here) else ""
                self.add_error(name if name in self.fields else None, message)
            return cleaned
        if any(r["match"] == new["match"].strip() and r["field"] == new["field"] for r in self.existing):
            self.add_error("match", _("已经有一条相同文字的规则；请先删除旧规则。"))
            return cleaned
        self.rules = rules
        return cleaned


@dataclass(frozen=True)
class LineRow:
    """One row of the statement editor: a category (fixed, or chosen in a free row), amount and note."""

    prefix: str
    category: str
    label: str
    free: bool


@dataclass(frozen=True)
class AssetRow:
    prefix: str
    kind: str


def _split_ages(text: str) -> list[Any]:
    parts = [p for p in re.split(r"[,，、;；\s]+", text.strip()) if p]
    return [int(p) if p.isdigit() else p for p in parts]


class StatementForm(forms.Form):
    """The financial statement: household, one row per category (more rows where a category has several
    lines), free rows for anything else, and assets. ``statement_from_dict`` judges the whole."""

    adults = forms.CharField(label=_("家中成年人数"), widget=INT_INPUT, initial="1")
    dependant_ages = forms.CharField(
        label=_("被抚养/赡养人的年龄"),
        required=False,
        help_text=_("用逗号分隔，例如：5, 12, 72。没有就留空。"),
    )
    housing = forms.ChoiceField(label=_("住房"), choices=[(h.value, HOUSING_LABELS[h]) for h in Housing])

    FREE_ROWS = 2

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, statement: Statement | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.line_rows: list[LineRow] = []
        self.asset_rows: list[AssetRow] = []
        self.budget: dict[str, Any] = {}
        if data is not None:
            self._rows_from_data(data)
        else:
            self._rows_from_statement(statement)
        self._add_row_fields()

    # --- rows ---------------------------------------------------------------------------------------------
    def _rows_from_statement(self, statement: Statement | None) -> None:
        lines = list(statement.lines) if statement else []
        index = 0
        for category in CATEGORY_GROUPS:
            mine = [line for line in lines if line.category == category] or [None]
            for line in mine:
                prefix = f"l{index}"
                self.line_rows.append(LineRow(prefix, category, line.label if line else "", False))
                if line is not None:
                    self.initial[f"{prefix}_amount"] = f"{line.amount:.2f}"
                    self.initial[f"{prefix}_note"] = line.note
                index += 1
        for _n in range(self.FREE_ROWS):
            self.line_rows.append(LineRow(f"l{index}", "", "", True))
            index += 1
        assets = list(statement.assets) if statement else []
        index = 0
        for kind in AssetKind:
            mine_assets = [a for a in assets if a.kind is kind] or [None]
            for asset in mine_assets:
                prefix = f"a{index}"
                self.asset_rows.append(AssetRow(prefix, kind.value))
                if asset is not None:
                    self.initial[f"{prefix}_value"] = f"{asset.value:.2f}"
                    self.initial[f"{prefix}_note"] = asset.note
                index += 1
        if statement is not None:
            h = statement.household
            self.initial.update(
                adults=str(h.adults),
                dependant_ages=", ".join(str(a) for a in h.dependant_ages),
                housing=h.housing.value,
            )

    def _count(self, data: Mapping[str, Any], name: str) -> int:
        try:
            return max(0, min(int(str(data.get(name, "0"))), MAX_ROWS))
        except ValueError:
            return 0

    def _rows_from_data(self, data: Mapping[str, Any]) -> None:
        for index in range(self._count(data, "line_count")):
            prefix = f"l{index}"
            free = str(data.get(f"{prefix}_free", "")) == "1"
            category = str(data.get(f"{prefix}_category", ""))
            label = str(data.get(f"{prefix}_label", ""))[:100]
            self.line_rows.append(LineRow(prefix, category, label, free))
        for index in range(self._count(data, "asset_count")):
            prefix = f"a{index}"
            self.asset_rows.append(AssetRow(prefix, str(data.get(f"{prefix}_kind", ""))))

    def _add_row_fields(self) -> None:
        for row in self.line_rows:
            name = category_label(row.category) if row.category else ""
            if row.label:
                name = f"{name} · {row.label}"
            if row.free:
                self.fields[f"{row.prefix}_category"] = forms.ChoiceField(
                    label=_("类别"), choices=[("", "—"), *grouped_category_choices()], required=False
                )
                self.fields[f"{row.prefix}_label"] = forms.CharField(
                    label=_("名称"), required=False, max_length=100
                )
            self.fields[f"{row.prefix}_amount"] = forms.CharField(
                label=name or _("每月金额（元）"), required=False, widget=DECIMAL_INPUT
            )
            self.fields[f"{row.prefix}_note"] = forms.CharField(
                label=_("备注"), required=False, max_length=300
            )
        for arow in self.asset_rows:
            self.fields[f"{arow.prefix}_value"] = forms.CharField(
                label=ASSET_LABELS.get(arow.kind, arow.kind), required=False, widget=DECIMAL_INPUT
            )
            self.fields[f"{arow.prefix}_note"] = forms.CharField(
                label=_("备注"), required=False, max_length=300
            )

    # --- for the template ---------------------------------------------------------------------------------
    def groups(self) -> list[dict[str, Any]]:
        out = []
        for group in Group:
            rows = [
                self._bound(r)
                for r in self.line_rows
                if not r.free and r.category in CATEGORY_GROUPS and CATEGORY_GROUPS[r.category] is group
            ]
            out.append({"group": group.value, "title": GROUP_LABELS[group], "rows": rows})
        return out

    def free_rows(self) -> list[dict[str, Any]]:
        return [self._bound(r) for r in self.line_rows if r.free]

    def assets(self) -> list[dict[str, Any]]:
        return [
            {"row": r, "value": self[f"{r.prefix}_value"], "note": self[f"{r.prefix}_note"]}
            for r in self.asset_rows
        ]

    def _bound(self, row: LineRow) -> dict[str, Any]:
        bound: dict[str, Any] = {
            "row": row,
            "amount": self[f"{row.prefix}_amount"],
            "note": self[f"{row.prefix}_note"],
        }
        if row.free:
            bound["category"] = self[f"{row.prefix}_category"]
            bound["label"] = self[f"{row.prefix}_label"]
        bound["fields"] = [v for k, v in bound.items() if k != "row"]
        return bound

    # --- validation ---------------------------------------------------------------------------------------
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        adults_text = str(cleaned.get("adults", "")).strip()
        budget: dict[str, Any] = {
            "household": {
                "adults": int(adults_text) if adults_text.isdigit() else adults_text,
                "dependant_ages": _split_ages(cleaned.get("dependant_ages", "")),
                "housing": cleaned["housing"],
            },
            "income": [],
            "expenses": [],
            "assets": [],
        }
        where: dict[str, str] = {}  # case-file path of each item → the row prefix it came from
        for row in self.line_rows:
            amount = str(cleaned.get(f"{row.prefix}_amount", "")).strip()
            if not amount:
                continue
            category = cleaned.get(f"{row.prefix}_category", "") if row.free else row.category
            label = cleaned.get(f"{row.prefix}_label", "") if row.free else row.label
            if row.free and not category:
                self.add_error(f"{row.prefix}_category", _("请选择类别"))
                continue
            key = "income" if CATEGORY_GROUPS.get(category) is Group.INCOME else "expenses"
            item = {"category": category, "amount": amount}
            note = str(cleaned.get(f"{row.prefix}_note", "")).strip()
            if note:
                item["note"] = note
            if label:
                item["label"] = label.strip()
            where[f"budget.{key}[{len(budget[key])}]"] = row.prefix
            budget[key].append(item)
        for arow in self.asset_rows:
            value = str(cleaned.get(f"{arow.prefix}_value", "")).strip()
            if not value:
                continue
            asset = {"kind": arow.kind, "value": value}
            note = str(cleaned.get(f"{arow.prefix}_note", "")).strip()
            if note:
                asset["note"] = note
            where[f"budget.assets[{len(budget['assets'])}]"] = arow.prefix
            budget["assets"].append(asset)
        if self.errors:
            return cleaned
        try:
            statement_from_dict(budget)
        except CoreValidationError as error:
            for path, message in _localised(error):
                self.add_error(self._field_for(path, where), message)
            return cleaned
        self.budget = budget
        return cleaned

    def _field_for(self, path: str, where: Mapping[str, str]) -> str | None:
        if path.startswith("budget.household."):
            name = path.rsplit(".", 1)[1]
            return name if name in self.fields else None
        head, _dot, tail = path.partition("].")
        prefix = where.get(head + "]")
        if prefix is None:
            return None
        name = {"amount": "amount", "value": "value", "note": "note", "category": "category", "kind": "value"}
        field = f"{prefix}_{name.get(tail, 'amount')}"
        if field not in self.fields:
            field = f"{prefix}_amount" if f"{prefix}_amount" in self.fields else f"{prefix}_value"
        return field


class BudgetImportForm(forms.Form):
    file = forms.FileField(
        label=_("填好的收支表模板（.xlsx）"),
        help_text=_("先下载模板，在 Excel 或 WPS 中填写每月金额，再上传。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        problem = file_too_large(upload, "budget")
        if problem:
            raise forms.ValidationError(problem)
        return upload


class FilterForm(forms.Form):
    """Filters of the review table (GET)."""

    month = forms.ChoiceField(label=_("月份"), required=False)
    direction = forms.ChoiceField(label=_("收支"), required=False)
    category = forms.ChoiceField(label=_("类别"), required=False)
    uncategorised = forms.BooleanField(label=_("只看未分类的支出"), required=False)

    def __init__(self, *args: Any, months: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("全部"))
        self.fields["month"].choices = [everything, *[(m, m) for m in months]]
        self.fields["direction"].choices = [everything, *[(k, v) for k, v in DIRECTION_LABELS.items()]]
        self.fields["category"].choices = [
            everything,
            ("none", UNCATEGORISED_LABEL),
            *grouped_category_choices(),
        ]
