"""Credit-report disputes (征信异议) and progress notes (还款协议执行情况): what the borrower writes down so
the 征信异议申请 and the 还款情况汇报 can say it.

A dispute is about one wrong record in the credit report: which institution reported it, for which account or
loan, when, what is wrong, and what the facts are; what the borrower asks for, the proofs (material ids of the
checklist or free text) and who receives the application — the institution that reported the record, the
PBoC Credit Reference Center (征信中心), or a PBoC branch. A progress note is what the borrower says about
keeping the agreement with one creditor over one period.

The case file's ``disputes:`` and ``progress_notes:`` sections (see :data:`DISPUTES_SCHEMA`,
:data:`PROGRESS_NOTES_SCHEMA`)::

    disputes:
      - creditor: 示例网络小贷          # the case's creditor name (or a debt id) the letter is written about
        record:
          institution: 示例网络小贷小额贷款有限公司
          account: 贷款账户尾号 1234
          reported: 2025-10-10          # optional
          wrong: 显示 2025 年 9 月逾期 1 期
          correct: 2025 年 9 月 1 日已按时足额还款
        requests: [更正 2025 年 9 月的还款状态为正常]
        proofs: [bank_statement, 还款成功短信截图]
        recipient: lender               # lender | credit_center | pboc_branch
        recipient_name: ""              # optional: the office's own name (中国人民银行北京市分行)
        filed: 2026-11-20               # optional: the day it was handed in
    progress_notes:
      - creditor: 示例银行信用卡中心
        from: 2026-10-01
        to: 2026-10-31
        text: 已按协议于 10 月 15 日还款 694.44 元。

Which creditor a dispute or note belongs to is only a name here; the documents match it against the case's
debts (:func:`about`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from .errors import FieldError, ValidationError

TEXT_LIMIT = 5000  # characters of one free-text field
LINE_LIMIT = 500  # characters of one request or proof line


class Recipient(StrEnum):
    """Who receives the dispute."""

    LENDER = "lender"  # the institution that reported the record (数据报送机构)
    CREDIT_CENTER = "credit_center"  # 中国人民银行征信中心
    PBOC_BRANCH = "pboc_branch"  # 中国人民银行分支机构 (a complaint, Art. 26)

    @property
    def label(self) -> str:
        return RECIPIENT_LABELS[self]


RECIPIENT_LABELS: dict[Recipient, str] = {
    Recipient.LENDER: "数据报送机构（放贷机构）",
    Recipient.CREDIT_CENTER: "中国人民银行征信中心",
    Recipient.PBOC_BRANCH: "中国人民银行分支机构",
}
_RECIPIENT_ALIASES = {
    **{r.value: r for r in Recipient},
    **{label: r for r, label in RECIPIENT_LABELS.items()},
    "数据报送机构": Recipient.LENDER,
    "放贷机构": Recipient.LENDER,
    "征信中心": Recipient.CREDIT_CENTER,
    "人民银行分支机构": Recipient.PBOC_BRANCH,
}


@dataclass(frozen=True)
class CreditRecord:
    """The wrong record as the credit report shows it, and the facts."""

    institution: str
    wrong: str
    correct: str
    account: str = ""
    reported: date | None = None


@dataclass(frozen=True)
class CreditDispute:
    creditor: str
    record: CreditRecord
    requests: tuple[str, ...] = ()
    proofs: tuple[str, ...] = ()  # material ids of the checklist, or free text
    recipient: Recipient = Recipient.LENDER
    recipient_name: str = ""
    filed: date | None = None
    id: str = ""  # never reused in its case ("d7"); empty in a case file written by hand


@dataclass(frozen=True)
class ProgressNote:
    """What the borrower says about keeping the agreement with ``creditor`` from ``start`` to ``end``."""

    creditor: str
    start: date
    end: date
    text: str
    id: str = ""  # never reused in its case ("n7"); empty in a case file written by hand


_Item = TypeVar("_Item", CreditDispute, ProgressNote)


def recipient_name(dispute: CreditDispute) -> str:
    """Whom the letter is addressed to: the name given, the reporting institution, or the office's label."""
    if dispute.recipient_name.strip():
        return dispute.recipient_name.strip()
    if dispute.recipient is Recipient.LENDER:
        return dispute.record.institution.strip() or dispute.creditor
    return dispute.recipient.label


def about(items: Iterable[_Item], names: Collection[str]) -> tuple[_Item, ...]:
    """The disputes or notes whose creditor is one of ``names`` (a creditor's name and its debts' ids)."""
    return tuple(item for item in items if item.creditor in names)


def in_period_order(notes: Iterable[ProgressNote]) -> tuple[ProgressNote, ...]:
    return tuple(sorted(notes, key=lambda n: (n.start, n.end)))


@dataclass(frozen=True)
class CreditRule:
    """One rule of ``data/credit_rules.yaml``: cited next to disputes, never advice."""

    id: str
    title_zh: str
    source: str
    article: str
    confidence: str  # text | press | unverified
    summary_zh: str
    letter_zh: str = ""  # the sentence a dispute letter quotes
    recipients: frozenset[Recipient] = frozenset()
    effective_from: date | None = None
    effective_to: date | None = None  # after this day the rule is shown as closed, with its dates

    def expired_on(self, day: date) -> bool:
        return self.effective_to is not None and day > self.effective_to


CONFIDENCES = ("text", "press", "unverified")


def credit_rules_from_dict(data: Mapping[str, Any]) -> tuple[CreditRule, ...]:
    """The rules of ``credit_rules.yaml`` (already parsed); every problem located (``rules[2].source``)."""
    errors: list[FieldError] = []
    rules: list[CreditRule] = []
    for index, raw in enumerate(_list(data.get("rules"), "rules")):
        path = f"rules[{index}]"
        mapping = _mapping(raw, path, errors)
        if mapping is None:
            continue
        read = _Reader(mapping, path, errors)
        values = {key: read.text(key, required=True) for key in ("id", "title_zh", "source", "summary_zh")}
        confidence = read.text("confidence", required=True)
        if confidence and confidence not in CONFIDENCES:
            read.error("confidence", f"应为 {' | '.join(CONFIDENCES)}")
        recipients: set[Recipient] = set()
        for which, value in enumerate(read.lines("recipients")):
            try:
                recipients.add(parse_recipient(value, f"{path}.recipients[{which}]"))
            except ValidationError as error:
                errors.extend(error.errors)
        rules.append(
            CreditRule(
                article=read.text("article"),
                confidence=confidence,
                letter_zh=read.text("letter_zh"),
                recipients=frozenset(recipients),
                effective_from=read.day("effective_from"),
                effective_to=read.day("effective_to"),
                **values,
            )
        )
    if errors:
        raise ValidationError(errors)
    return tuple(rules)


def letter_basis(rules: Iterable[CreditRule]) -> dict[str, str]:
    """For each recipient, the sentence its letter quotes (the first rule naming it)."""
    basis: dict[str, str] = {}
    for rule in rules:
        for recipient in sorted(rule.recipients):
            if rule.letter_zh:
                basis.setdefault(recipient.value, rule.letter_zh)
    return basis


# ---- reading and writing -------------------------------------------------------------------------


class _Reader:
    """Reads fields of one mapping, collecting located errors instead of stopping at the first."""

    def __init__(self, raw: Mapping[str, Any], path: str, errors: list[FieldError]) -> None:
        self.raw, self.path, self.errors = raw, path, errors

    def error(self, key: str, message: str) -> None:
        self.errors.append(FieldError(f"{self.path}.{key}", message))

    def unknown(self, allowed: Collection[str]) -> None:
        for key in self.raw:
            if key not in allowed:
                self.error(str(key), f"未知字段（可用：{', '.join(allowed)}）")

    def text(self, key: str, *, required: bool = False, limit: int = TEXT_LIMIT) -> str:
        value = self.raw.get(key)
        if value is None:
            value = ""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            self.error(key, "应为文字")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error(key, "必填")
        elif len(text) > limit:
            self.error(key, f"不能超过{limit}字（现为{len(text)}字）")
        return text

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.raw.get(key)
        if value is None or value == "":
            if required:
                self.error(key, "必填，日期格式如 2026-11-28")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.error(key, f"日期格式应为 2026-11-28，收到 {value!r}")
            return None

    def lines(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(key, "应为一组文字")
            return ()
        out: list[str] = []
        for index, item in enumerate(value):
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                self.errors.append(FieldError(f"{self.path}.{key}[{index}]", "应为文字"))
                continue
            line = str(item).strip()
            if len(line) > LINE_LIMIT:
                self.errors.append(FieldError(f"{self.path}.{key}[{index}]", f"每一条不能超过{LINE_LIMIT}字"))
            elif line:
                out.append(line)
        return tuple(dict.fromkeys(out))


def _mapping(raw: object, path: str, errors: list[FieldError]) -> Mapping[str, Any] | None:
    if not isinstance(raw, Mapping):
        errors.append(FieldError(path, "应为一组字段"))
        return None
    return raw


def _list(data: object, path: str) -> list[Any]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise ValidationError("应为一个列表", path)
    return data


ID_LIMIT = 64
_DISPUTE_KEYS = ("id", "creditor", "record", "requests", "proofs", "recipient", "recipient_name", "filed")
_RECORD_KEYS = ("institution", "account", "reported", "wrong", "correct")


def parse_recipient(value: object, path: str) -> Recipient:
    found = _RECIPIENT_ALIASES.get(str(value).strip())
    if found is None:
        choices = "、".join(f"{r.value}（{r.label}）" for r in Recipient)
        raise ValidationError(f"未知的受理机构 {value!r}（可选：{choices}）", path)
    return found


def dispute_from_dict(raw: object, path: str) -> CreditDispute:
    """One dispute; every problem located under ``path``."""
    errors: list[FieldError] = []
    mapping = _mapping(raw, path, errors)
    if mapping is None:
        raise ValidationError(errors)
    read = _Reader(mapping, path, errors)
    read.unknown(_DISPUTE_KEYS)
    creditor = read.text("creditor", required=True, limit=LINE_LIMIT)
    record_path = f"{path}.record"
    record_raw = _mapping(mapping.get("record"), record_path, errors) if "record" in mapping else None
    if "record" not in mapping:
        read.error("record", "必填：有误的信用记录（报送机构、错误内容、实际情况）")
    record = CreditRecord("", "", "")
    if record_raw is not None:
        rec = _Reader(record_raw, record_path, errors)
        rec.unknown(_RECORD_KEYS)
        record = CreditRecord(
            institution=rec.text("institution", required=True, limit=LINE_LIMIT),
            wrong=rec.text("wrong", required=True),
            correct=rec.text("correct", required=True),
            account=rec.text("account", limit=LINE_LIMIT),
            reported=rec.day("reported"),
        )
    recipient = Recipient.LENDER
    if mapping.get("recipient") not in (None, ""):
        try:
            recipient = parse_recipient(mapping["recipient"], f"{path}.recipient")
        except ValidationError as error:
            errors.extend(error.errors)
    dispute = CreditDispute(
        creditor=creditor,
        record=record,
        requests=read.lines("requests"),
        proofs=read.lines("proofs"),
        recipient=recipient,
        recipient_name=read.text("recipient_name", limit=LINE_LIMIT),
        filed=read.day("filed"),
        id=read.text("id", limit=ID_LIMIT),
    )
    if errors:
        raise ValidationError(errors)
    return dispute


def _unique_ids(items: Sequence[_Item], path: str) -> list[FieldError]:
    seen: set[str] = set()
    errors = []
    for index, item in enumerate(items):
        if item.id and item.id in seen:
            errors.append(FieldError(f"{path}[{index}].id", f"编号 {item.id} 重复"))
        seen.add(item.id)
    return errors


def disputes_from_dict(data: object, path: str = "disputes") -> tuple[CreditDispute, ...]:
    """The case file's ``disputes:`` list; every problem of every entry reported with its location."""
    errors: list[FieldError] = []
    disputes: list[CreditDispute] = []
    for index, raw in enumerate(_list(data, path)):
        try:
            disputes.append(dispute_from_dict(raw, f"{path}[{index}]"))
        except ValidationError as error:
            errors.extend(error.errors)
    errors += _unique_ids(disputes, path)
    if errors:
        raise ValidationError(errors)
    return tuple(disputes)


def dispute_to_dict(dispute: CreditDispute) -> dict[str, Any]:
    """The case-file form (empty optional fields left out); :func:`dispute_from_dict` reads it back."""
    record: dict[str, Any] = {"institution": dispute.record.institution}
    if dispute.record.account:
        record["account"] = dispute.record.account
    if dispute.record.reported:
        record["reported"] = dispute.record.reported.isoformat()
    record["wrong"] = dispute.record.wrong
    record["correct"] = dispute.record.correct
    out: dict[str, Any] = {"id": dispute.id} if dispute.id else {}
    out.update({"creditor": dispute.creditor, "record": record})
    if dispute.requests:
        out["requests"] = list(dispute.requests)
    if dispute.proofs:
        out["proofs"] = list(dispute.proofs)
    out["recipient"] = dispute.recipient.value
    if dispute.recipient_name:
        out["recipient_name"] = dispute.recipient_name
    if dispute.filed:
        out["filed"] = dispute.filed.isoformat()
    return out


def disputes_to_dict(disputes: Iterable[CreditDispute]) -> list[dict[str, Any]]:
    return [dispute_to_dict(d) for d in disputes]


_NOTE_KEYS = ("id", "creditor", "from", "to", "text")


def progress_note_from_dict(raw: object, path: str) -> ProgressNote:
    errors: list[FieldError] = []
    mapping = _mapping(raw, path, errors)
    if mapping is None:
        raise ValidationError(errors)
    read = _Reader(mapping, path, errors)
    read.unknown(_NOTE_KEYS)
    creditor = read.text("creditor", required=True, limit=LINE_LIMIT)
    start = read.day("from", required=True)
    end = read.day("to", required=True)
    text = read.text("text", required=True)
    if start is not None and end is not None and end < start:
        read.error("to", "结束日早于开始日")
    note_id = read.text("id", limit=ID_LIMIT)
    if errors or start is None or end is None:
        raise ValidationError(errors)
    return ProgressNote(creditor, start, end, text, note_id)


def progress_notes_from_dict(data: object, path: str = "progress_notes") -> tuple[ProgressNote, ...]:
    """The case file's ``progress_notes:`` list; every problem located."""
    errors: list[FieldError] = []
    notes: list[ProgressNote] = []
    for index, raw in enumerate(_list(data, path)):
        try:
            notes.append(progress_note_from_dict(raw, f"{path}[{index}]"))
        except ValidationError as error:
            errors.extend(error.errors)
    errors += _unique_ids(notes, path)
    if errors:
        raise ValidationError(errors)
    return tuple(notes)


def progress_note_to_dict(note: ProgressNote) -> dict[str, Any]:
    return {
        **({"id": note.id} if note.id else {}),
        "creditor": note.creditor,
        "from": note.start.isoformat(),
        "to": note.end.isoformat(),
        "text": note.text,
    }


def progress_notes_to_dict(notes: Iterable[ProgressNote]) -> list[dict[str, Any]]:
    return [progress_note_to_dict(n) for n in notes]


_DATE = {"type": "string", "format": "date"}
_LINE = {"type": "string", "maxLength": LINE_LIMIT}
_TEXT = {"type": "string", "maxLength": TEXT_LIMIT}
DISPUTES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "征信异议 Credit-report disputes",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["creditor", "record"],
        "properties": {
            "id": {"type": "string", "maxLength": ID_LIMIT, "description": "编号，本案件内不重复 id, unique"},
            "creditor": {
                **_LINE,
                "minLength": 1,
                "description": "债权人名称或债务编号 creditor name or debts[].id",
            },
            "record": {
                "type": "object",
                "additionalProperties": False,
                "required": ["institution", "wrong", "correct"],
                "properties": {
                    "institution": {**_LINE, "minLength": 1, "description": "报送机构 reporting institution"},
                    "account": {**_LINE, "description": "账户或借款 account or loan"},
                    "reported": {**_DATE, "description": "报送或更新日期 reported on"},
                    "wrong": {**_TEXT, "minLength": 1, "description": "记录哪里有误 what is wrong"},
                    "correct": {**_TEXT, "minLength": 1, "description": "实际情况 the facts"},
                },
            },
            "requests": {"type": "array", "items": _LINE},
            "proofs": {"type": "array", "items": _LINE, "description": "材料编号或文字 material ids or text"},
            "recipient": {"type": "string", "enum": sorted(_RECIPIENT_ALIASES)},
            "recipient_name": _LINE,
            "filed": {**_DATE, "description": "提交日期 handed in on"},
        },
    },
}
PROGRESS_NOTES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "还款协议执行情况 Progress notes per creditor and period",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["creditor", "from", "to", "text"],
        "properties": {
            "id": {"type": "string", "maxLength": ID_LIMIT, "description": "编号，本案件内不重复 id, unique"},
            "creditor": {**_LINE, "minLength": 1},
            "from": _DATE,
            "to": _DATE,
            "text": {**_TEXT, "minLength": 1},
        },
    },
}
