"""Credit disputes and progress notes: reading every problem with its location, exact round-trips, matching."""

from datetime import date

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.casefile.disputes import (
    DISPUTES_SCHEMA,
    PROGRESS_NOTES_SCHEMA,
    disputes_from_dict,
    disputes_to_dict,
    progress_notes_from_dict,
    progress_notes_to_dict,
)
from xieshang.core.disputes import (
    CreditDispute,
    CreditRecord,
    ProgressNote,
    Recipient,
    about,
    in_period_order,
    recipient_name,
)
from xieshang.core.errors import ValidationError

FULL = {
    "creditor": "示例网络小贷",
    "record": {
        "institution": "示例网络小贷有限公司",
        "account": "贷款账户尾号1234",
        "reported": "2025-10-10",
        "wrong": "显示2025年9月逾期1期",
        "correct": "2025年9月1日已按时足额还款",
    },
    "requests": ["更正2025年9月的还款状态为正常"],
    "proofs": ["bank_statement", "还款成功短信截图"],
    "recipient": "credit_center",
    "filed": "2026-11-20",
}


def paths(error: ValidationError) -> list[str]:
    return [e.path for e in error.errors]


def test_a_full_dispute_reads_as_written() -> None:
    (dispute,) = disputes_from_dict([FULL])
    assert dispute.creditor == "示例网络小贷"
    assert dispute.record == CreditRecord(
        "示例网络小贷有限公司",
        "显示2025年9月逾期1期",
        "2025年9月1日已按时足额还款",
        "贷款账户尾号1234",
        date(2025, 10, 10),
    )
    assert dispute.requests == ("更正2025年9月的还款状态为正常",)
    assert dispute.proofs == ("bank_statement", "还款成功短信截图")
    assert dispute.recipient is Recipient.CREDIT_CENTER
    assert dispute.filed == date(2026, 11, 20)


def test_the_recipient_may_be_written_in_chinese_and_defaults_to_the_lender() -> None:
    minimal = {"creditor": "x", "record": {"institution": "x", "wrong": "a", "correct": "b"}}
    assert disputes_from_dict([minimal])[0].recipient is Recipient.LENDER
    assert disputes_from_dict([{**minimal, "recipient": "征信中心"}])[0].recipient is Recipient.CREDIT_CENTER


def test_every_problem_of_every_entry_is_located() -> None:
    bad = [
        FULL,
        {"record": {"institution": "", "wrong": "a", "reported": "2025-13-01"}, "recipient": "法院", "x": 1},
        "not a mapping",
        {"creditor": "y"},
    ]
    with pytest.raises(ValidationError) as caught:
        disputes_from_dict(bad)
    assert sorted(paths(caught.value)) == sorted(
        [
            "disputes[1].x",
            "disputes[1].creditor",
            "disputes[1].record.institution",
            "disputes[1].record.correct",
            "disputes[1].record.reported",
            "disputes[1].recipient",
            "disputes[2]",
            "disputes[3].record",
        ]
    )


def test_long_text_and_non_lists_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        disputes_from_dict([{**FULL, "requests": 5, "record": {**FULL["record"], "wrong": "错" * 5001}}])
    assert sorted(paths(caught.value)) == ["disputes[0].record.wrong", "disputes[0].requests"]
    with pytest.raises(ValidationError) as caught:
        disputes_from_dict({"creditor": "x"})
    assert paths(caught.value) == ["disputes"]


def test_blank_and_repeated_lines_are_dropped() -> None:
    (dispute,) = disputes_from_dict([{**FULL, "proofs": ["a", " ", "a", "b"], "requests": "只有一条"}])
    assert dispute.proofs == ("a", "b")
    assert dispute.requests == ("只有一条",)


def test_recipient_name_prefers_what_was_given_then_the_institution_then_the_office() -> None:
    record = CreditRecord("示例银行", "错", "对")
    assert recipient_name(CreditDispute("c", record)) == "示例银行"
    assert (
        recipient_name(CreditDispute("c", record, recipient=Recipient.CREDIT_CENTER))
        == "中国人民银行征信中心"
    )
    branch = CreditDispute(
        "c", record, recipient=Recipient.PBOC_BRANCH, recipient_name=" 中国人民银行北京市分行 "
    )
    assert recipient_name(branch) == "中国人民银行北京市分行"


def test_progress_notes_read_locate_and_order() -> None:
    raw = [
        {"creditor": "甲", "from": "2026-11-01", "to": "2026-11-30", "text": "十一月按时还款"},
        {"creditor": "甲", "from": date(2026, 10, 1), "to": date(2026, 10, 31), "text": "十月按时还款"},
    ]
    notes = progress_notes_from_dict(raw)
    assert [n.text for n in in_period_order(notes)] == ["十月按时还款", "十一月按时还款"]
    with pytest.raises(ValidationError) as caught:
        progress_notes_from_dict([{"creditor": "甲", "from": "2026-11-30", "to": "2026-11-01", "text": ""}])
    assert sorted(paths(caught.value)) == ["progress_notes[0].text", "progress_notes[0].to"]


def test_about_matches_the_creditor_name_or_a_debt_id() -> None:
    notes = (
        ProgressNote("示例银行", date(2026, 10, 1), date(2026, 10, 31), "a"),
        ProgressNote("card-1", date(2026, 11, 1), date(2026, 11, 30), "b"),
        ProgressNote("别家", date(2026, 11, 1), date(2026, 11, 30), "c"),
    )
    assert [n.text for n in about(notes, {"示例银行", "card-1"})] == ["a", "b"]


def test_written_sections_validate_against_their_schemas() -> None:
    jsonschema.validate(disputes_to_dict(disputes_from_dict([FULL])), DISPUTES_SCHEMA)
    note = [{"creditor": "甲", "from": "2026-10-01", "to": "2026-10-31", "text": "x"}]
    jsonschema.validate(progress_notes_to_dict(progress_notes_from_dict(note)), PROGRESS_NOTES_SCHEMA)


text = (
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
    .filter(str.strip)
    .map(str.strip)
)
days = st.dates(date(2000, 1, 1), date(2040, 12, 31))


@settings(max_examples=100)
@given(
    creditor=text,
    institution=text,
    wrong=text,
    correct=text,
    account=st.one_of(st.just(""), text),
    reported=st.one_of(st.none(), days),
    requests=st.lists(text, max_size=3, unique=True),
    proofs=st.lists(text, max_size=3, unique=True),
    recipient=st.sampled_from(Recipient),
    filed=st.one_of(st.none(), days),
)
def test_disputes_round_trip(
    creditor: str,
    institution: str,
    wrong: str,
    correct: str,
    account: str,
    reported: date | None,
    requests: list[str],
    proofs: list[str],
    recipient: Recipient,
    filed: date | None,
) -> None:
    dispute = CreditDispute(
        creditor,
        CreditRecord(institution, wrong, correct, account, reported),
        tuple(requests),
        tuple(proofs),
        recipient,
        filed=filed,
    )
    assert disputes_from_dict(disputes_to_dict([dispute])) == (dispute,)


@settings(max_examples=100)
@given(creditor=text, start=days, length=st.integers(0, 400), note=text)
def test_progress_notes_round_trip(creditor: str, start: date, length: int, note: str) -> None:
    from datetime import timedelta

    value = ProgressNote(creditor, start, start + timedelta(days=length), note)
    assert progress_notes_from_dict(progress_notes_to_dict([value])) == (value,)


def test_the_packaged_credit_rules_read_and_name_a_deadline_per_recipient() -> None:
    """Art. 25 (20 days) for the lender and the credit centre, Art. 26 (30 days) for a PBoC branch."""
    from importlib import resources

    import yaml

    from xieshang.core.disputes import credit_rules_from_dict, letter_basis

    text = resources.files("xieshang").joinpath("data/credit_rules.yaml").read_text(encoding="utf-8")
    rules = credit_rules_from_dict(yaml.safe_load(text))
    assert all(r.source and r.confidence in ("text", "press", "unverified") for r in rules)
    basis = letter_basis(rules)
    assert "第二十五条" in basis["lender"] and "20日" in basis["credit_center"]
    assert "第二十六条" in basis["pboc_branch"] and "30日" in basis["pboc_branch"]


def test_a_malformed_credit_rule_is_located() -> None:
    from xieshang.core.disputes import credit_rules_from_dict

    with pytest.raises(ValidationError) as caught:
        credit_rules_from_dict(
            {
                "rules": [
                    {
                        "id": "x",
                        "title_zh": "t",
                        "summary_zh": "s",
                        "confidence": "maybe",
                        "recipients": ["court"],
                    }
                ]
            }
        )
    assert sorted(paths(caught.value)) == ["rules[0].confidence", "rules[0].recipients[0]", "rules[0].source"]
