"""The supporting documents (证明材料) a negotiation needs: which ones, which are ready, which are stale.

The list of items is data (``data/materials.yaml``, read by the caller and given here as a dict). Which items
apply depends on the hardship reasons the borrower chose and on the kinds of lender involved; whether an item
is ready depends on the borrower's records (when it was obtained, which files hold it) and on ``as_of``.

Every text written for people is Chinese (the fields ``name``, ``because``, ``warnings`` … that the documents
print) with an English twin for English pages: ``name_text``, ``because_text``, ``warnings_text`` … are
:class:`~xieshang.core.bilingual.Text` values (item names and hints come from the catalogue's ``name_en`` /
``hint_en``; reasons, lender types and warnings are written here).

The borrower's side (:class:`Materials`: hardship and records) is the case file's ``materials:`` section, read
by :mod:`xieshang.casefile.materials`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .bilingual import Text
from .chinese_dates import chinese_date
from .errors import FieldError, ValidationError
from .terms import LenderType
from .vocabulary import HardshipReason as HardshipReason
from .vocabulary import MaterialStatus as Status
from .vocabulary import label

SOON_DAYS = 14  # "about to expire" warning window


@dataclass(frozen=True)
class Condition:
    """When an item applies: any of these reasons or lender types, or always."""

    always: bool = False
    reasons: frozenset[HardshipReason] = frozenset()
    lender_types: frozenset[LenderType] = frozenset()

    def because(self, reasons: Iterable[HardshipReason], lenders: Iterable[LenderType]) -> tuple[str, ...]:
        """Why this condition holds for a case (empty when it does not), in Chinese."""
        return tuple(t.zh for t in self.because_text(reasons, lenders))

    def because_text(
        self, reasons: Iterable[HardshipReason], lenders: Iterable[LenderType], optional: bool = False
    ) -> tuple[Text, ...]:
        """Why this condition holds for a case, in both languages (empty when it does not).

        An ``optional`` condition that always holds reads "useful in any negotiation" (各类协商都可能用到), not
        "asked for in every negotiation" (所有协商均需要), which would contradict its optional badge.
        """
        every = (
            Text("各类协商都可能用到", "Useful in any negotiation")
            if optional
            else Text("所有协商均需要", "Asked for in every negotiation")
        )
        why = [every] if self.always else []
        why += [
            Text(f"困难原因：{label(r).zh}", f"Hardship reason: {label(r).en.lower()}")
            for r in reasons
            if r in self.reasons
        ]
        why += [
            Text(f"债权人类型：{label(t).zh}", f"Lender type: {label(t).en.lower()}")
            for t in lenders
            if t in self.lender_types
        ]
        return tuple(why)

    def because_line(
        self, reasons: Iterable[HardshipReason], lenders: Iterable[LenderType], optional: bool = False
    ) -> Text:
        """:meth:`because_text` in one line: the Chinese parts joined by "；", the English grouped
        ("Hardship reasons: unemployment, a drop in income; Lender type: credit card")."""
        reasons, lenders = tuple(reasons), tuple(lenders)
        zh = "；".join(t.zh for t in self.because_text(reasons, lenders, optional))
        every = "Useful in any negotiation" if optional else "Asked for in every negotiation"
        en = [every] if self.always else []
        for title, names in (
            ("Hardship reason", [label(r).en.lower() for r in reasons if r in self.reasons]),
            ("Lender type", [label(t).en.lower() for t in lenders if t in self.lender_types]),
        ):
            if names:
                en.append(f"{title}{'s' if len(names) > 1 else ''}: {', '.join(names)}")
        return Text(zh, "; ".join(en))


@dataclass(frozen=True)
class MaterialItem:
    """One kind of supporting document from the catalogue."""

    id: str
    name: str
    group: str
    hint: str = ""
    required: Condition = Condition()
    optional: Condition = Condition()
    max_age_days: int | None = None
    name_en: str = ""
    group_en: str = ""
    hint_en: str = ""

    @property
    def name_text(self) -> Text:
        return Text(self.name, self.name_en or self.name)

    @property
    def group_text(self) -> Text:
        return Text(self.group, self.group_en or self.group)

    @property
    def hint_text(self) -> Text:
        return Text(self.hint, self.hint_en or self.hint)


@dataclass(frozen=True)
class Catalog:
    items: tuple[MaterialItem, ...]
    version: int = 1
    source: str = ""
    source_en: str = ""

    @property
    def source_text(self) -> Text:
        return Text(self.source, self.source_en or self.source)

    def item(self, item_id: str) -> MaterialItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


@dataclass(frozen=True)
class Hardship:
    reasons: tuple[HardshipReason, ...] = ()
    description: str = ""
    since: date | None = None


@dataclass(frozen=True)
class MaterialRecord:
    """What the borrower has of one item: when obtained and which files (evidence ids) hold it."""

    id: str
    obtained: date | None = None
    files: tuple[str, ...] = ()
    note: str = ""
    expires: date | None = None  # an explicit end of validity, if the document states one


@dataclass(frozen=True)
class Materials:
    """The case file's ``materials:`` section."""

    hardship: Hardship = Hardship()
    items: tuple[MaterialRecord, ...] = ()

    def record(self, item_id: str) -> MaterialRecord | None:
        return next((r for r in self.items if r.id == item_id), None)


@dataclass(frozen=True)
class ChecklistEntry:
    """One item that applies: ``because`` and ``warnings`` in Chinese, their ``_text`` twins in both languages."""

    item: MaterialItem
    required: bool
    because: tuple[str, ...]
    status: Status
    record: MaterialRecord | None
    warnings: tuple[str, ...] = ()
    because_text: tuple[Text, ...] = ()
    warnings_text: tuple[Text, ...] = ()
    because_line: Text | None = None

    @property
    def because_joined(self) -> Text:
        """All the reasons in one line (``"困难原因：失业；困难原因：收入下降"`` /
        ``"Hardship reasons: unemployment, a drop in income"``)."""
        return self.because_line or Text.join(self.because_text, "；", "; ")


@dataclass(frozen=True)
class Checklist:
    entries: tuple[ChecklistEntry, ...]
    as_of: date

    @property
    def missing_required(self) -> tuple[ChecklistEntry, ...]:
        return tuple(e for e in self.entries if e.required and e.status is not Status.READY)

    @property
    def ready(self) -> tuple[ChecklistEntry, ...]:
        return tuple(e for e in self.entries if e.status is Status.READY)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(t.zh for t in self.warnings_text)

    @property
    def warnings_text(self) -> tuple[Text, ...]:
        """Every entry's warnings, each after the item's name (``"借款合同/借款协议：…"``)."""
        return tuple(
            Text(f"{e.item.name}：{w.zh}", f"{e.item.name_text.en}: {w.en[:1].lower()}{w.en[1:]}")
            for e in self.entries
            for w in e.warnings_text
        )


def build_checklist(
    catalog: Catalog, materials: Materials, lender_types: Iterable[LenderType], as_of: date
) -> Checklist:
    """The items that apply to a case (or to one creditor's debts), each with its status on ``as_of``.

    Required items come first, then optional ones, each in catalogue order. Records of items that do not
    apply are ignored (the borrower may have changed reasons); records of unknown items too.
    """
    reasons = tuple(dict.fromkeys(materials.hardship.reasons))
    lenders = tuple(dict.fromkeys(lender_types))
    required: list[ChecklistEntry] = []
    optional: list[ChecklistEntry] = []
    for item in catalog.items:
        need = item.required.because_text(reasons, lenders)
        could = item.optional.because_text(reasons, lenders, optional=True)
        if not need and not could:
            continue
        record = materials.record(item.id)
        status, warnings = item_status_text(item, record, as_of)
        why = need or could
        line = (
            item.required.because_line(reasons, lenders)
            if need
            else item.optional.because_line(reasons, lenders, optional=True)
        )
        entry = ChecklistEntry(
            item,
            bool(need),
            tuple(t.zh for t in why),
            status,
            record,
            tuple(t.zh for t in warnings),
            why,
            warnings,
            line,
        )
        (required if need else optional).append(entry)
    return Checklist(tuple(required + optional), as_of)


def item_status(
    item: MaterialItem, record: MaterialRecord | None, as_of: date
) -> tuple[Status, tuple[str, ...]]:
    """Missing (nothing recorded), expired (older than ``max_age_days`` or past ``expires``) or ready."""
    status, warnings = item_status_text(item, record, as_of)
    return status, tuple(w.zh for w in warnings)


def item_status_text(
    item: MaterialItem, record: MaterialRecord | None, as_of: date
) -> tuple[Status, tuple[Text, ...]]:
    """:func:`item_status` with its warnings in both languages (English dates as 2026-11-28)."""
    if record is None or (not record.files and record.obtained is None):
        return Status.MISSING, ()
    warnings: list[Text] = []
    limit = record.expires
    if item.max_age_days is not None:
        if record.obtained is None:
            warnings.append(
                Text(
                    f"未填写获取日期，无法判断是否超过{item.max_age_days}天有效期",
                    f"No date obtained: cannot tell whether it is past its {item.max_age_days}-day validity",
                )
            )
        else:
            age_limit = record.obtained + timedelta(days=item.max_age_days)
            limit = age_limit if limit is None else min(limit, age_limit)
    if not record.files:
        warnings.append(Text("已登记但尚未上传文件", "Recorded, but no file uploaded yet"))
    if limit is not None and limit < as_of:
        since = (
            Text(f"获取于{chinese_date(record.obtained)}，", f"Obtained on {record.obtained.isoformat()}; ")
            if record.obtained
            else Text("", "")
        )
        expired = since + Text(
            f"已于{chinese_date(limit)}过期，请重新获取",
            f"{'e' if record.obtained else 'E'}xpired on {limit.isoformat()}: get a new copy",
        )
        return Status.EXPIRED, (expired, *warnings)
    if limit is not None and (limit - as_of).days <= SOON_DAYS:
        warnings.append(Text(f"将于{chinese_date(limit)}过期", f"Expires on {limit.isoformat()}"))
    return Status.READY, tuple(warnings)


# ---- reading and writing -------------------------------------------------------------------------


def catalog_from_dict(data: Mapping[str, Any]) -> Catalog:
    """The catalogue from ``data/materials.yaml`` (already parsed)."""
    items: list[MaterialItem] = []
    errors: list[FieldError] = []
    for index, raw in enumerate(data.get("items") or []):
        path = f"items[{index}]"
        try:
            items.append(
                MaterialItem(
                    id=str(raw["id"]),
                    name=str(raw["name"]),
                    group=str(raw.get("group", "")),
                    hint=str(raw.get("hint", "")),
                    name_en=str(raw.get("name_en", "")),
                    group_en=str(raw.get("group_en", "")),
                    hint_en=str(raw.get("hint_en", "")),
                    required=_condition(raw, "required", path),
                    optional=_condition(raw, "optional", path),
                    max_age_days=None if raw.get("max_age_days") is None else int(raw["max_age_days"]),
                )
            )
        except KeyError as missing:
            errors.append(FieldError(path, f"缺少字段 {missing.args[0]}"))
        except ValidationError as error:
            errors.extend(error.errors)
    if errors:
        raise ValidationError(errors)
    return Catalog(
        tuple(items),
        int(data.get("version", 1)),
        str(data.get("source_zh", "")),
        str(data.get("source_en", "")),
    )


def _condition(raw: Mapping[str, Any], key: str, path: str) -> Condition:
    when = raw.get(f"{key}_for") or {}
    try:
        reasons = frozenset(HardshipReason(r) for r in when.get("reasons", []))
        lenders = frozenset(LenderType(t) for t in when.get("lender_types", []))
    except ValueError as error:
        raise ValidationError(str(error), f"{path}.{key}_for") from None
    return Condition(raw.get(key) == "always", reasons, lenders)
