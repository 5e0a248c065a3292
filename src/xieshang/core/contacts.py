"""The contact log (沟通记录): every call, message, letter and visit between the borrower's side and a creditor.

Entries are immutable values read from the case file's ``contacts:`` section (:func:`contacts_from_dict`) and
written back with :func:`contacts_to_dict`. Times are local wall-clock times as the borrower saw them
(naive ``datetime``): the collection rules (22:00–08:00) are about the borrower's local time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .errors import FieldError, ValidationError


class Channel(StrEnum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    APP = "app"
    WECHAT = "wechat"
    VISIT = "visit"
    LETTER = "letter"
    MEETING = "meeting"


class Direction(StrEnum):
    OUTGOING = "outgoing"  # we contacted them
    INCOMING = "incoming"  # they contacted us (or a third party)


class Party(StrEnum):
    """Who was contacted."""

    BORROWER = "borrower"
    FAMILY = "family"
    EMPLOYER = "employer"
    CONTACT_LIST = "contact_list"
    OTHER = "other"


class Flag(StrEnum):
    """What the user saw in the contact and ticked."""

    THREAT = "threat"
    INSULT = "insult"
    IMPERSONATION = "impersonation"  # posing as a court, police or other authority
    DISCLOSURE = "disclosure"  # the debt was disclosed to a third party


LABELS: dict[StrEnum, tuple[str, str]] = {
    Channel.PHONE: ("电话", "Phone call"),
    Channel.SMS: ("短信", "SMS"),
    Channel.EMAIL: ("邮件", "Email"),
    Channel.APP: ("App", "App message"),
    Channel.WECHAT: ("微信", "WeChat"),
    Channel.VISIT: ("上门", "Home visit"),
    Channel.LETTER: ("信函", "Letter"),
    Channel.MEETING: ("面谈", "Meeting"),
    Direction.OUTGOING: ("我方联系", "We contacted them"),
    Direction.INCOMING: ("对方来电/来信", "They contacted us"),
    Party.BORROWER: ("借款人本人", "The borrower"),
    Party.FAMILY: ("家人", "Family"),
    Party.EMPLOYER: ("单位/同事", "Employer or colleagues"),
    Party.CONTACT_LIST: ("通讯录联系人", "Someone in the phone's contact list"),
    Party.OTHER: ("其他第三方", "Another third party"),
    Flag.THREAT: ("威胁恐吓", "Threats"),
    Flag.INSULT: ("辱骂侮辱", "Insults"),
    Flag.IMPERSONATION: ("冒充法院/公安等", "Posing as court or police"),
    Flag.DISCLOSURE: ("向第三方透露债务", "Disclosed the debt to a third party"),
}


def label(value: StrEnum, lang: str = "zh") -> str:
    zh, en = LABELS[value]
    return zh if lang == "zh" else en


@dataclass(frozen=True)
class ContactEntry:
    """One contact. ``connected`` matters for calls (answered or not); ``number`` is the counterpart's number,
    ``called_number`` the number they called (the borrower's, or a family member's) when known."""

    id: str
    debt_id: str
    when: datetime
    channel: Channel
    direction: Direction
    creditor: str = ""
    agency: str = ""  # the collection agency acting for the creditor, if it named itself
    connected: bool = True
    counterpart_name: str = ""
    staff_id: str = ""
    number: str = ""
    called_number: str = ""
    party: Party = Party.BORROWER
    borrower_reachable: bool = True
    summary: str = ""
    their_promises: str = ""
    our_promises: str = ""
    follow_up: date | None = None
    flags: frozenset[Flag] = frozenset()
    attachments: tuple[str, ...] = ()  # SHA-256 of evidence files in the store

    @property
    def institution(self) -> str:
        """Who is behind the contact: the creditor (its agencies count with it), else the debt."""
        return self.creditor or self.debt_id

    @property
    def third_party(self) -> bool:
        return self.party is not Party.BORROWER


_ENUMS: dict[str, type[StrEnum]] = {"channel": Channel, "direction": Direction, "party": Party}
_TEXT: tuple[str, ...] = ("creditor", "agency", "counterpart_name", "staff_id", "number", "called_number")
_TEXT += ("summary", "their_promises", "our_promises")
_BOOLS = ("connected", "borrower_reachable")
_KEYS = {"id", "debt", "when", *_ENUMS, *_TEXT, *_BOOLS, "follow_up", "flags", "attachments"}


def _enum(kind: type[StrEnum], value: object, path: str) -> Any:
    if isinstance(value, str):
        text = value.strip()
        for member in kind:
            if text in (member.value, *LABELS[member]):
                return member
    allowed = " / ".join(f"{m.value}（{LABELS[m][0]}）" for m in kind)
    raise ValidationError(f"must be one of {allowed}", path)


def _datetime(value: object, path: str) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("/", "-")).replace(tzinfo=None)
        except ValueError:
            pass
    raise ValidationError("must be a local date and time such as 2026-11-01 22:30", path)


def _date(value: object, path: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValidationError("must be a date such as 2026-11-08", path)


def contact_from_dict(data: object, path: str) -> ContactEntry:
    if not isinstance(data, Mapping):
        raise ValidationError("must be an object", path)
    errors = [FieldError(f"{path}.{key}", "unknown key") for key in sorted(set(data) - _KEYS, key=str)]
    errors += [
        FieldError(f"{path}.{key}", "required")
        for key in ("id", "debt", "when", "channel", "direction")
        if key not in data
    ]
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {"id": str(data["id"]), "debt_id": str(data["debt"])}
    values["when"] = _datetime(data["when"], f"{path}.when")
    for key, kind in _ENUMS.items():
        if key in data:
            values[key] = _enum(kind, data[key], f"{path}.{key}")
    for key in _TEXT:
        if data.get(key) is not None:
            if not isinstance(data[key], (str, int)) or isinstance(data[key], bool):
                raise ValidationError("must be text", f"{path}.{key}")
            values[key] = str(data[key]).strip()
    for key in _BOOLS:
        if key in data:
            if not isinstance(data[key], bool):
                raise ValidationError("must be true or false", f"{path}.{key}")
            values[key] = data[key]
    values["follow_up"] = _date(data.get("follow_up"), f"{path}.follow_up")
    flags = data.get("flags") or []
    if not isinstance(flags, list):
        raise ValidationError("must be a list", f"{path}.flags")
    values["flags"] = frozenset(_enum(Flag, f, f"{path}.flags[{i}]") for i, f in enumerate(flags))
    attachments = data.get("attachments") or []
    if not isinstance(attachments, list) or not all(isinstance(a, str) for a in attachments):
        raise ValidationError("must be a list of SHA-256 hashes", f"{path}.attachments")
    for i, digest in enumerate(attachments):
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValidationError("must be a SHA-256 (64 hex digits)", f"{path}.attachments[{i}]")
    values["attachments"] = tuple(attachments)
    return ContactEntry(**values)


def contacts_from_dict(data: object, path: str = "contacts") -> tuple[ContactEntry, ...]:
    """The case file's ``contacts:`` list as entries, every problem located (``contacts[2].when: …``)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ValidationError("must be a list", path)
    entries: list[ContactEntry] = []
    errors: list[FieldError] = []
    seen: set[str] = set()
    for index, item in enumerate(data):
        try:
            entry = contact_from_dict(item, f"{path}[{index}]")
        except ValidationError as error:
            errors += error.errors
            continue
        if entry.id in seen:
            errors.append(FieldError(f"{path}[{index}].id", f"duplicate id {entry.id!r}"))
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
    for key in _TEXT:
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


def timeline(
    entries: Iterable[ContactEntry], *, creditor: str | None = None, debt_id: str | None = None
) -> tuple[ContactEntry, ...]:
    """Entries in time order, optionally only one creditor's or one debt's (per case: no filter)."""
    chosen = (
        e
        for e in entries
        if (creditor is None or e.institution == creditor) and (debt_id is None or e.debt_id == debt_id)
    )
    return tuple(sorted(chosen, key=lambda e: (e.when, e.id)))


def timelines_by_creditor(entries: Iterable[ContactEntry]) -> dict[str, tuple[ContactEntry, ...]]:
    """One time-ordered timeline per creditor, creditors in order of their first contact."""
    groups: dict[str, list[ContactEntry]] = {}
    for entry in timeline(entries):
        groups.setdefault(entry.institution, []).append(entry)
    return {name: tuple(group) for name, group in groups.items()}


def last_contact(entries: Iterable[ContactEntry], debt_id: str) -> datetime | None:
    """When the debt's creditor and the borrower were last in touch (either direction)."""
    times = [e.when for e in entries if e.debt_id == debt_id]
    return max(times) if times else None


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
            "channel": {"type": "string", "enum": [v for m in Channel for v in (m.value, *LABELS[m])]},
            "direction": {"type": "string", "enum": [v for m in Direction for v in (m.value, *LABELS[m])]},
            "party": {"type": "string", "enum": [v for m in Party for v in (m.value, *LABELS[m])]},
            **{key: {"type": ["string", "integer"]} for key in _TEXT},
            **{key: {"type": "boolean"} for key in _BOOLS},
            "follow_up": {"description": "下次跟进日期 2026-11-08 (string or YAML date)"},
            "flags": {
                "type": "array",
                "items": {"type": "string", "enum": [v for m in Flag for v in (m.value, *LABELS[m])]},
            },
            "attachments": {"type": "array", "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
        },
    },
}
