"""The scam guard: the notice about paid debt "agents" (收费的代理协商、债务优化机构), and the contacts in the log
that look like such an agency.

The notice's points, source, confidence and the free channels it names come from ``data/debt_agents.yaml``
(:func:`guard_from_data`). A contact is flagged when its summary, promises, counterpart or agency holds one of the
data file's words: a hint to check, never a verdict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .bilingual import Text
from .contacts import ContactEntry
from .errors import ValidationError


@dataclass(frozen=True)
class AgentGuard:
    id: str
    title: Text
    points: tuple[Text, ...]
    source: str
    confidence: str
    channels: tuple[str, ...]  # help_channels.yaml ids
    contact_words: tuple[str, ...]


@dataclass(frozen=True)
class AgentContact:
    """A contact that reads like a paid agency, with the words that say so."""

    contact_id: str
    debt_id: str
    words: tuple[str, ...]


def flagged_contacts(contacts: Iterable[ContactEntry], guard: AgentGuard) -> tuple[AgentContact, ...]:
    """Every contact whose words are an agency's (in the log's order)."""
    found = []
    for entry in contacts:
        text = "\n".join(
            (entry.summary, entry.their_promises, entry.our_promises, entry.counterpart_name, entry.agency)
        )
        words = tuple(w for w in guard.contact_words if w in text)
        if words:
            found.append(AgentContact(entry.id, entry.debt_id, words))
    return tuple(found)


def _text(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("required text", f"{where}.{key}")
    return value.strip()


def guard_from_data(data: Any) -> AgentGuard:
    """The notice and the contact words of ``debt_agents.yaml``; a ValidationError names what is wrong."""
    if not isinstance(data, Mapping) or not isinstance(data.get("notice"), Mapping):
        raise ValidationError("needs a mapping `notice`", "notice")
    notice = data["notice"]
    points = []
    for index, point in enumerate(notice.get("points") or []):
        if not isinstance(point, Mapping):
            raise ValidationError("must be a mapping", f"notice.points[{index}]")
        points.append(
            Text(_text(point, "zh", f"notice.points[{index}]"), _text(point, "en", f"notice.points[{index}]"))
        )
    if not points:
        raise ValidationError("needs points", "notice.points")
    words = data.get("contact_words") or []
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ValidationError("must be a list of words", "contact_words")
    return AgentGuard(
        id=_text(notice, "id", "notice"),
        title=Text(_text(notice, "title_zh", "notice"), _text(notice, "title_en", "notice")),
        points=tuple(points),
        source=_text(notice, "source", "notice"),
        confidence=_text(notice, "confidence", "notice"),
        channels=tuple(str(c) for c in notice.get("channels") or ()),
        contact_words=tuple(words),
    )
