"""The case file's ``disputes:`` and ``progress_notes:`` sections ↔ core's
:class:`~xieshang.core.disputes.CreditDispute` and :class:`~xieshang.core.disputes.ProgressNote`::

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
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from xieshang.core.bilingual import Text
from xieshang.core.disputes import LINE_LIMIT, TEXT_LIMIT, CreditDispute, CreditRecord, ProgressNote
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.vocabulary import Recipient, label

from .reader import Reader, duplicate_id, list_or_raise, mapping_or_error

RECIPIENT_ALIASES: dict[str, Recipient] = {
    **{r.value: r for r in Recipient},
    **{label(r).zh: r for r in Recipient},
    "数据报送机构": Recipient.LENDER,
    "放贷机构": Recipient.LENDER,
    "征信中心": Recipient.CREDIT_CENTER,
    "人民银行分支机构": Recipient.PBOC_BRANCH,
}
ID_LIMIT = 64
DISPUTE_KEYS = ("id", "creditor", "record", "requests", "proofs", "recipient", "recipient_name", "filed")
RECORD_KEYS = ("institution", "account", "reported", "wrong", "correct")
NOTE_KEYS = ("id", "creditor", "from", "to", "text")


def parse_recipient(value: object, path: str) -> Recipient:
    found = RECIPIENT_ALIASES.get(str(value).strip())
    if found is None:
        zh = "、".join(f"{r.value}（{label(r).zh}）" for r in Recipient)
        en = ", ".join(f"{r.value} ({label(r).en})" for r in Recipient)
        raise ValidationError(
            Text(f"未知的受理机构 {value!r}（可选：{zh}）", f"unknown recipient {value!r} (one of: {en})"),
            path,
        )
    return found


def dispute_from_dict(raw: object, path: str) -> CreditDispute:
    """One dispute; every problem located under ``path``."""
    read = Reader.opened(raw, path, DISPUTE_KEYS)
    mapping, errors = read.data, read.errors
    creditor = read.text("creditor", required=True, limit=LINE_LIMIT)
    record = CreditRecord("", "", "")
    if "record" not in mapping:
        read.error(
            "record",
            Text(
                "必填：有误的信用记录（报送机构、错误内容、实际情况）",
                "required: the wrong record (reporting institution, what is wrong, the facts)",
            ),
        )
    else:
        record_raw = mapping_or_error(mapping.get("record"), read.where("record"), errors)
        if record_raw is not None:
            rec = Reader(record_raw, read.where("record"), errors)
            rec.unknown(RECORD_KEYS)
            record = CreditRecord(
                institution=rec.text("institution", required=True, limit=LINE_LIMIT),
                wrong=rec.text("wrong", required=True, limit=TEXT_LIMIT),
                correct=rec.text("correct", required=True, limit=TEXT_LIMIT),
                account=rec.text("account", limit=LINE_LIMIT),
                reported=rec.day("reported"),
            )
    recipient = Recipient.LENDER
    if mapping.get("recipient") not in (None, ""):
        try:
            recipient = parse_recipient(mapping["recipient"], read.where("recipient"))
        except ValidationError as error:
            errors.extend(error.errors)
    dispute = CreditDispute(
        creditor=creditor,
        record=record,
        requests=read.lines("requests", LINE_LIMIT),
        proofs=read.lines("proofs", LINE_LIMIT),
        recipient=recipient,
        recipient_name=read.text("recipient_name", limit=LINE_LIMIT),
        filed=read.day("filed"),
        id=read.text("id", limit=ID_LIMIT),
    )
    if errors:
        raise ValidationError(errors)
    return dispute


def _each(data: object, path: str, read_one: Any) -> tuple[Any, ...]:
    """Every entry of a list section read; an id given twice is an error at the later one."""
    errors: list[FieldError] = []
    items: list[Any] = []
    for index, raw in enumerate(list_or_raise(data, path)):
        try:
            items.append(read_one(raw, f"{path}[{index}]"))
        except ValidationError as error:
            errors.extend(error.errors)
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id and item.id in seen:
            errors.append(duplicate_id(f"{path}[{index}].id", item.id))
        seen.add(item.id)
    if errors:
        raise ValidationError(errors)
    return tuple(items)


def disputes_from_dict(data: object, path: str = "disputes") -> tuple[CreditDispute, ...]:
    """The case file's ``disputes:`` list; every problem of every entry reported with its location."""
    return _each(data, path, dispute_from_dict)


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


def progress_note_from_dict(raw: object, path: str) -> ProgressNote:
    read = Reader.opened(raw, path, NOTE_KEYS)
    errors = read.errors
    creditor = read.text("creditor", required=True, limit=LINE_LIMIT)
    start = read.day("from", required=True)
    end = read.day("to", required=True)
    text = read.text("text", required=True, limit=TEXT_LIMIT)
    if start is not None and end is not None and end < start:
        read.error("to", Text("结束日早于开始日", "the end is before the start"))
    note_id = read.text("id", limit=ID_LIMIT)
    if errors or start is None or end is None:
        raise ValidationError(errors)
    return ProgressNote(creditor, start, end, text, note_id)


def progress_notes_from_dict(data: object, path: str = "progress_notes") -> tuple[ProgressNote, ...]:
    """The case file's ``progress_notes:`` list; every problem located."""
    return _each(data, path, progress_note_from_dict)


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
            "recipient": {"type": "string", "enum": sorted(RECIPIENT_ALIASES)},
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
