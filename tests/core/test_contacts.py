"""The contact log: case-file form, located errors, timelines."""

from __future__ import annotations

from datetime import date, datetime

import jsonschema
import pytest

from xieshang.casefile.contacts import CONTACTS_SCHEMA, contacts_from_dict, contacts_to_dict
from xieshang.core.contacts import (
    Channel,
    Direction,
    Flag,
    Party,
    last_contact,
    timeline,
    timelines_by_creditor,
)
from xieshang.core.errors import ValidationError

REC = "b" * 64
LOG = [
    {
        "id": "c2",
        "debt": "d1",
        "creditor": "某消费金融",
        "when": "2026-11-01 22:30",
        "channel": "电话",
        "direction": "incoming",
        "counterpart_name": "王经理",
        "staff_id": "A017",
        "number": "02155550000",
        "party": "家人",
        "summary": "打给我母亲，说要爆通讯录",
        "follow_up": date(2026, 11, 8),
        "flags": ["threat", "disclosure"],
        "attachments": [REC],
    },
    {
        "id": "c1",
        "debt": "d1",
        "creditor": "某消费金融",
        "when": "2026-10-30 10:00",
        "channel": "phone",
        "direction": "outgoing",
        "summary": "我方说明困难，请求停息挂账",
        "our_promises": "11 月 15 日前提交困难证明",
    },
    {
        "id": "c3",
        "debt": "d2",
        "creditor": "某银行",
        "when": datetime.fromisoformat("2026-10-31 09:15:30"),
        "channel": "sms",
        "direction": "incoming",
        "connected": False,
    },
]


def test_reads_labels_and_ids_and_round_trips() -> None:
    entries = contacts_from_dict(LOG)
    first = entries[0]
    assert (first.channel, first.direction, first.party) == (Channel.PHONE, Direction.INCOMING, Party.FAMILY)
    assert first.flags == {Flag.THREAT, Flag.DISCLOSURE} and first.attachments == (REC,)
    assert first.follow_up == date(2026, 11, 8) and first.when == datetime.fromisoformat("2026-11-01 22:30")
    assert first.third_party and first.institution == "某消费金融"
    assert contacts_from_dict(contacts_to_dict(entries)) == entries


def test_stored_form_matches_the_schema_fragment() -> None:
    jsonschema.validate(contacts_to_dict(contacts_from_dict(LOG)), CONTACTS_SCHEMA)


def test_errors_are_located_and_all_reported() -> None:
    bad = [
        {"id": "x", "debt": "d1", "when": "昨晚", "channel": "电话", "direction": "incoming"},
        {"id": "y", "debt": "d1", "when": "2026-11-01 10:00", "channel": "飞鸽传书", "direction": "incoming"},
        {
            "id": "z",
            "debt": "d1",
            "when": "2026-11-01 10:00",
            "channel": "sms",
            "direction": "in",
            "colour": 1,
        },
        {
            "id": "x",
            "debt": "d1",
            "when": "2026-11-01 10:00",
            "channel": "sms",
            "direction": "incoming",
            "attachments": ["not-a-hash"],
        },
    ]
    with pytest.raises(ValidationError) as info:
        contacts_from_dict(bad)
    paths = [e.path for e in info.value.errors]
    assert paths == [
        "contacts[0].when",
        "contacts[1].channel",
        "contacts[2].colour",
        "contacts[3].attachments[0]",
    ]
    assert "电话" in info.value.errors[1].message


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(ValidationError, match="duplicate"):
        contacts_from_dict([LOG[1], LOG[1]])


def test_timelines_per_case_per_creditor_and_last_contact() -> None:
    entries = contacts_from_dict(LOG)
    assert [e.id for e in timeline(entries)] == ["c1", "c3", "c2"]
    assert [e.id for e in timeline(entries, creditor="某消费金融")] == ["c1", "c2"]
    assert [e.id for e in timeline(entries, debt_id="d2")] == ["c3"]
    assert {k: [e.id for e in v] for k, v in timelines_by_creditor(entries).items()} == {
        "某消费金融": ["c1", "c2"],
        "某银行": ["c3"],
    }
    assert last_contact(entries, "d1") == datetime.fromisoformat("2026-11-01 22:30")
    assert last_contact(entries, "d9") is None
