"""Collection-conduct checks, table-driven at every boundary of every rule in the packaged rules data."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from xieshang.core.case import Borrower, Case
from xieshang.core.collection import check_contacts, complaint_data, in_quiet_hours, rules_from_data
from xieshang.core.contacts import Channel, ContactEntry, Direction, Flag, Party
from xieshang.core.errors import ValidationError
from xieshang.core.terms import Loan, Method
from xieshang.reference import collection_rules

RULES = collection_rules()
REC = "a" * 64


def call(at: str, *, id: str = "c", **kw: object) -> ContactEntry:
    values: dict[str, object] = {
        "id": id,
        "debt_id": "d1",
        "creditor": "某消费金融",
        "when": datetime.fromisoformat(at),
        "channel": Channel.PHONE,
        "direction": Direction.INCOMING,
    }
    values.update(kw)
    return ContactEntry(**values)  # type: ignore[arg-type]


def rule_ids(contacts: list[ContactEntry]) -> list[str]:
    return [f.rule_id for f in check_contacts(contacts, RULES)]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2026-11-01 21:59", []),
        ("2026-11-01 21:59:59", []),
        ("2026-11-01 22:00", ["quiet-hours"]),
        ("2026-11-01 23:30", ["quiet-hours"]),
        ("2026-11-02 00:00", ["quiet-hours"]),
        ("2026-11-02 07:59", ["quiet-hours"]),
        ("2026-11-02 07:59:59", ["quiet-hours"]),
        ("2026-11-02 08:00", []),
        ("2026-11-02 12:00", []),
    ],
)
def test_quiet_hours_boundaries(at: str, expected: list[str]) -> None:
    """22:00 and 07:59 are inside; 21:59 and 08:00 are outside (quiet hours 22:00 ≤ t < 08:00)."""
    assert rule_ids([call(at)]) == expected


def test_quiet_hours_apply_to_any_incoming_channel_but_not_to_our_own_calls() -> None:
    assert rule_ids([call("2026-11-01 22:30", channel=Channel.SMS)]) == ["quiet-hours"]
    assert rule_ids([call("2026-11-01 22:30", connected=False)]) == ["quiet-hours"]
    assert rule_ids([call("2026-11-01 22:30", direction=Direction.OUTGOING)]) == []


def test_quiet_hours_window_that_does_not_cross_midnight() -> None:
    from datetime import time

    assert in_quiet_hours(time(13, 0), time(12, 0), time(14, 0))
    assert not in_quiet_hours(time(14, 0), time(12, 0), time(14, 0))


def calls(n: int, *, connected: bool, day: str = "2026-11-03", **kw: object) -> list[ContactEntry]:
    start = datetime.fromisoformat(f"{day} 09:00")
    return [
        call((start + timedelta(minutes=30 * i)).isoformat(), id=f"k{i}", connected=connected, **kw)
        for i in range(n)
    ]


@pytest.mark.parametrize(("n", "expected"), [(3, []), (4, ["connected-calls-per-day"])])
def test_connected_calls_per_day(n: int, expected: list[str]) -> None:
    """At most 3 connected calls a day: 3 passes, the 4th is a finding naming all 4 calls."""
    findings = check_contacts(calls(n, connected=True), RULES)
    assert [f.rule_id for f in findings] == expected
    if findings:
        assert findings[0].contact_ids == ("k0", "k1", "k2", "k3")
        assert "4 次" in findings[0].detail_zh


def test_agencies_count_with_their_institution_and_days_are_separate() -> None:
    mixed = calls(2, connected=True) + [
        replace(c, id=f"a{i}", agency="某催收公司") for i, c in enumerate(calls(2, connected=True))
    ]
    assert rule_ids(mixed) == ["connected-calls-per-day"]
    two_days = calls(3, connected=True) + [
        replace(c, id=f"n{c.id}") for c in calls(3, connected=True, day="2026-11-04")
    ]
    assert rule_ids(two_days) == []
    two_creditors = calls(3, connected=True) + [
        replace(c, id=f"o{c.id}", creditor="某银行") for c in calls(3, connected=True)
    ]
    assert rule_ids(two_creditors) == []


@pytest.mark.parametrize(("n", "expected"), [(6, []), (7, ["call-attempts-per-day"])])
def test_unanswered_attempts_per_day_to_one_number(n: int, expected: list[str]) -> None:
    """At most 6 unanswered attempts a day to the same number: 6 passes, 7 is a finding."""
    assert rule_ids(calls(n, connected=False, called_number="13800000000")) == expected


def test_attempts_to_different_numbers_are_counted_apart() -> None:
    mine = calls(4, connected=False, called_number="13800000000")
    other = [replace(c, id=f"x{c.id}", called_number="13900000000") for c in calls(4, connected=False)]
    assert rule_ids(mine + other) == []


@pytest.mark.parametrize(
    ("party", "reachable", "expected"),
    [
        (Party.BORROWER, True, []),
        (Party.FAMILY, True, ["third-parties"]),
        (Party.EMPLOYER, True, ["third-parties"]),
        (Party.CONTACT_LIST, True, ["third-parties"]),
        (Party.FAMILY, False, []),
    ],
)
def test_third_party_contact_while_the_borrower_is_reachable(
    party: Party, reachable: bool, expected: list[str]
) -> None:
    assert rule_ids([call("2026-11-03 10:00", party=party, borrower_reachable=reachable)]) == expected


def test_disclosure_to_a_third_party_is_a_finding_even_when_the_borrower_was_unreachable() -> None:
    contact = call(
        "2026-11-03 10:00", party=Party.FAMILY, borrower_reachable=False, flags=frozenset({Flag.DISCLOSURE})
    )
    findings = check_contacts([contact], RULES)
    assert [(f.rule_id, f.basis) for f in findings] == [("third-parties", "ticked")]


@pytest.mark.parametrize(
    ("summary", "rule", "word"),
    [
        ("对方说再不还就起诉你，还要上门", "banned-conduct", "起诉你"),
        ("威胁要爆通讯录", "banned-conduct", "爆通讯录"),
        ("说我会坐牢", "banned-conduct", "坐牢"),
        ("骂我是骗子", "banned-conduct", "骗子"),
        ("自称法院工作人员", "identify-self", "法院"),
        ("说公安已经立案", "identify-self", "公安"),
        ("说要发律师函", "banned-conduct", "律师函"),
    ],
)
def test_keywords_in_the_summary_suggest_a_finding(summary: str, rule: str, word: str) -> None:
    findings = [
        f for f in check_contacts([call("2026-11-03 10:00", summary=summary)], RULES) if f.rule_id == rule
    ]
    assert findings and findings[0].basis == "keyword" and word in findings[0].keywords
    assert "请核实" in findings[0].detail_zh


def test_a_polite_summary_gives_no_finding() -> None:
    assert rule_ids([call("2026-11-03 10:00", summary="客服询问还款计划，约定下周再联系")]) == []


@pytest.mark.parametrize(
    ("flag", "rule"),
    [(Flag.THREAT, "banned-conduct"), (Flag.INSULT, "banned-conduct"), (Flag.IMPERSONATION, "identify-self")],
)
def test_ticked_flags_are_findings(flag: Flag, rule: str) -> None:
    findings = check_contacts([call("2026-11-03 10:00", flags=frozenset({flag}))], RULES)
    assert [(f.rule_id, f.basis) for f in findings] == [(rule, "ticked")]


def test_findings_carry_the_rule_source_confidence_and_evidence() -> None:
    findings = check_contacts([call("2026-11-01 22:30", id="night", attachments=(REC,))], RULES)
    (finding,) = findings
    rule = next(r for r in RULES if r.id == "quiet-hours")
    assert (finding.title_zh, finding.source, finding.confidence) == (
        rule.title_zh,
        rule.source,
        rule.confidence,
    )
    assert finding.contact_ids == ("night",) and finding.evidence == (REC,)
    assert finding.day == date(2026, 11, 1) and finding.institution == "某消费金融"


def test_complaint_data_groups_findings_per_institution_with_channels_and_evidence() -> None:
    contacts = [
        call("2026-11-01 22:30", id="n1", attachments=(REC,)),
        call("2026-11-05 10:00", id="t1", party=Party.FAMILY, summary="说要爆通讯录"),
        call("2026-11-02 23:00", id="b1", creditor="某银行", debt_id="d2"),
    ]
    case = Case(
        Borrower("张三", phone="13800000000"),
        (
            Loan(
                "d1", Decimal("10000"), date(2026, 1, 1), 12, Method.EQUAL_INSTALLMENT, creditor="某消费金融"
            ),
        ),
    )
    data = complaint_data(check_contacts(contacts, RULES), case, RULES, contacts)
    assert data.borrower_name == "张三"
    first, second = data.groups
    assert first.institution == "某消费金融" and first.debt_ids == ("d1",)
    assert first.rule_ids == ("quiet-hours", "third-parties", "banned-conduct")
    assert first.evidence == (REC,)
    assert (first.first_day, first.last_day) == (date(2026, 11, 1), date(2026, 11, 5))
    assert "nfra-12378" in first.complaint_channels and "police-110" in first.complaint_channels
    assert second.institution == "某银行" and second.debt_ids == ("d2",)


def test_rules_data_is_validated_with_located_errors() -> None:
    with pytest.raises(ValidationError) as info:
        rules_from_data({"rules": [{"id": "x", "check": "nonsense"}]})
    assert "rules[0]" in str(info.value)
    good = {
        "id": "q",
        "check": "quiet_hours",
        "title_zh": "t",
        "title_en": "t",
        "summary_zh": "s",
        "summary_en": "s",
        "source": "src",
        "confidence": "press",
        "quiet_from": 1320,  # YAML 1.1 reads an unquoted 22:00 as 1320
        "quiet_until": "08:00",
    }
    (rule,) = rules_from_data({"rules": [good]})
    assert rule.quiet_from is not None and rule.quiet_from.hour == 22
    with pytest.raises(ValidationError, match="confidence"):
        rules_from_data({"rules": [good | {"confidence": "sure"}]})


def test_every_packaged_rule_has_a_source_and_a_known_confidence() -> None:
    assert {r.id for r in RULES} >= {
        "quiet-hours",
        "connected-calls-per-day",
        "call-attempts-per-day",
        "third-parties",
    }
    assert all(r.source and r.confidence in ("text", "press", "unverified") for r in RULES)


# ---- the details in English ----------------------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize(
    ("contacts", "english"),
    [
        (
            [call("2026-11-01 22:30")],
            "2026-11-01 22:30 phone call (某消费金融): contacted between 22:00 and 08:00",
        ),
        (
            calls(4, connected=True),
            "2026-11-03 某消费金融: 4 connected collection calls, more than 3",
        ),
        (
            calls(7, connected=False, called_number="13800000000"),
            "2026-11-03 某消费金融: 7 unanswered calls to the same number (13800000000), more than 6",
        ),
        (
            [call("2026-11-03 10:00", party=Party.FAMILY, borrower_reachable=True)],
            "2026-11-03 10:00 phone call (某消费金融): contacted family, although the borrower could be reached",
        ),
        (
            [call("2026-11-03 10:00", flags=frozenset({Flag.THREAT}))],
            "2026-11-03 10:00 phone call (某消费金融): threats (ticked by you)",
        ),
        (
            [call("2026-11-03 10:00", summary="说我会坐牢")],
            "2026-11-03 10:00 phone call (某消费金融): the record says “坐牢”, which may mean threats; please check",
        ),
    ],
)
def test_every_kind_of_finding_is_detailed_in_english(contacts: list[ContactEntry], english: str) -> None:
    """The English detail carries the Chinese one's facts; only the creditor's name and quoted words stay."""
    (finding,) = check_contacts(contacts, RULES)
    assert finding.detail_en == english
    assert (
        finding.detail_text.get("en") == english and finding.detail_text.get("zh-hans") == finding.detail_zh
    )
    assert finding.title_text.get("en") == finding.title_en
    rest = english.replace("某消费金融", "").replace("坐牢", "")
    assert not CJK.search(rest)
