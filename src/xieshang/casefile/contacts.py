"""The case file's ``contacts:`` section (the contact log) ↔ :class:`~xieshang.core.contacts.ContactEntry` values.

Channels, directions, parties and flags are read by their code (``phone``) or as people write them (``电话``,
``Phone call``); they are written back as codes. Default values are left out so files stay short.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any, TypeVar

from xieshang.core.bilingual import Text
from xieshang.core.contacts import ContactEntry
from xieshang.core.errors import FieldError, ValidationError
from xieshang.core.vocabulary import Channel, ContactDirection, Flag, Party, label

from .reader import Reader, duplicate_id, join, list_or_raise

E = TypeVar("E", bound=StrEnum)

ENUMS: dict[str, type[StrEnum]] = {"channel": Channel, "direction": ContactDirection, "party": Party}
TEXT_KEYS: tuple[str, ...] = ("creditor", "agency", "counterpart_name", "staff_id", "number", "called_number")
TEXT_KEYS += ("summary", "their_promises", "our_promises")
BOOL_KEYS = ("connected", "borrower_reachable")
KEYS = ("id", "debt", "when", *ENUMS, *TEXT_KEYS, *BOOL_KEYS, "follow_up", "flags", "attachments")
# Labels earlier versions wrote, still read.
_OLD_LABELS: dict[str, StrEnum] = {
    "App": Channel.APP,
    "我方联系": ContactDirection.OUTGOING,
    "对方来电/来信": ContactDirection.INCOMING,
    "冒充法院/公安等": Flag.IMPERSONATION,
}


def aliases(enum: type[E]) -> dict[str, E]:
    """Every way a member of ``enum`` may be written: its code, its Chinese and its English label."""
    found: dict[str, E] = {}
    for member in enum:
        found.update({member.value: member, label(member).zh: member, label(member).en: member})
    found.update({k: v for k, v in _OLD_LABELS.items() if isinstance(v, enum)})
    return found


def contact_from_dict(data: object, path: str) -> ContactEntry:
    read = Reader.opened(data, path, KEYS)
    mapping, errors = read.data, read.errors
    for key in ("id", "debt", "when", "channel", "direction"):
        if key not in mapping:
            read.missing(key)
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "id": read.text("id", required=True),
        "debt_id": read.text("debt", required=True),
    }
    values["when"] = read.moment("when", required=True)
    for key, kind in ENUMS.items():
        if key in mapping:
            values[key] = read.choice(key, kind, aliases=aliases(kind))
    for key in TEXT_KEYS:
        values[key] = read.text(key)
    for key in BOOL_KEYS:
        if key in mapping:
            values[key] = read.boolean(key)
    values["follow_up"] = read.day("follow_up")
    flags = read.sequence("flags")
    values["flags"] = frozenset(
        f
        for f in (
            read.member(v, Flag, join(read.where("flags"), i), aliases(Flag)) for i, v in enumerate(flags)
        )
        if f is not None
    )
    attachments = mapping.get("attachments") or []
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        read.error("attachments", Text("必须是一组 SHA-256 哈希值", "must be a list of SHA-256 hashes"))
        attachments = []
    for i, digest in enumerate(attachments):
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            errors.append(
                FieldError(
                    join(read.where("attachments"), i),
                    Text("必须是 SHA-256 哈希值（64 位十六进制）", "must be a SHA-256 (64 hex digits)"),
                )
            )
    values["attachments"] = tuple(attachments)
    if errors:
        raise ValidationError(errors)
    return ContactEntry(**{k: v for k, v in values.items() if v is not None})


def contacts_from_dict(data: object, path: str = "contacts") -> tuple[ContactEntry, ...]:
    """The case file's ``contacts:`` list as entries, every problem located (``contacts[2].when: …``)."""
    if data is None:
        return ()
    entries: list[ContactEntry] = []
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, item in enumerate(list_or_raise(data, path)):
        try:
            entry = contact_from_dict(item, f"{path}[{index}]")
        except ValidationError as error:
            errors += error.errors
            continue
        if entry.id in seen:
            errors.append(duplicate_id(f"{path}[{index}].id", entry.id))
        seen.add(entry.id)
        entries.append(entry)
    if errors:
        raise ValidationError(errors)
    return tuple(entries)


def contact_to_dict(entry: ContactEntry) -> dict[str, Any]:
    """The case-file form; default values are left out so files stay short."""
    out: dict[str, Any] = {
        "id": entry.id,
        "debt": entry.debt_id,
        "when": entry.when.isoformat(sep=" ", timespec="minutes" if entry.when.second == 0 else "seconds"),
        "channel": entry.channel.value,
        "direction": entry.direction.value,
    }
    for key in TEXT_KEYS:
        if getattr(entry, key):
            out[key] = getattr(entry, key)
    if not entry.connected:
        out["connected"] = False
    if entry.party is not Party.BORROWER:
        out["party"] = entry.party.value
    if not entry.borrower_reachable:
        out["borrower_reachable"] = False
    if entry.follow_up:
        out["follow_up"] = entry.follow_up.isoformat()
    if entry.flags:
        out["flags"] = sorted(f.value for f in entry.flags)
    if entry.attachments:
        out["attachments"] = list(entry.attachments)
    return out


def contacts_to_dict(entries: Iterable[ContactEntry]) -> list[dict[str, Any]]:
    return [contact_to_dict(e) for e in entries]


def _words(enum: type[StrEnum]) -> list[str]:
    return list(aliases(enum))


CONTACTS_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "沟通记录 Contact log",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "debt", "when", "channel", "direction"],
        "properties": {
            "id": {"type": ["string", "integer"]},
            "debt": {"type": ["string", "integer"], "description": "债务编号 debts[].id"},
            "when": {"description": "本地时间 local time, 2026-11-01 22:30 (string or YAML timestamp)"},
            "channel": {"type": "string", "enum": _words(Channel)},
            "direction": {"type": "string", "enum": _words(ContactDirection)},
            "party": {"type": "string", "enum": _words(Party)},
            **{key: {"type": ["string", "integer"]} for key in TEXT_KEYS},
            **{key: {"type": "boolean"} for key in BOOL_KEYS},
            "follow_up": {"description": "下次跟进日期 2026-11-08 (string or YAML date)"},
            "flags": {"type": "array", "items": {"type": "string", "enum": _words(Flag)}},
            "attachments": {"type": "array", "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
        },
    },
}
