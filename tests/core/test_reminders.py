"""Reminders: payments due, follow-ups, silence warnings and monthly progress reports."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from xieshang.core.case import Borrower, Case
from xieshang.core.contacts import Channel, ContactEntry, Direction
from xieshang.core.errors import XieshangError
from xieshang.core.reminders import DueItem, ReminderKind, due_reminders
from xieshang.core.terms import Loan, Method, Payment

# 12,000 at 12 % a year, 等额本金 over 12 months from 2026-01-15: principal 1,000 a month;
# period 1 interest 12,000 × 1 % = 120 → 1,120 due 2026-02-15; period 2: 11,000 × 1 % = 110 → 1,110 due 2026-03-15.
BANK = Loan(
    "bank",
    Decimal("12000"),
    date(2026, 1, 15),
    12,
    Method.EQUAL_PRINCIPAL,
    Decimal("0.12"),
    creditor="某银行",
    payments=(Payment(date(2026, 2, 15), Decimal("1120.00")),),
)
# Same loan with nothing paid: on 2026-03-01 period 1 (due 2026-02-15) is 14 days overdue.
LATE = Loan(
    "late", Decimal("12000"), date(2026, 1, 15), 12, Method.EQUAL_PRINCIPAL, Decimal("0.12"), creditor="某贷"
)
CASE = Case(Borrower("张三"), (BANK, LATE))


def contact(
    id: str, at: str, debt: str = "late", follow_up: date | None = None, **kw: object
) -> ContactEntry:
    return ContactEntry(
        id=id,
        debt_id=debt,
        creditor="某贷" if debt == "late" else "某银行",
        when=datetime.fromisoformat(at),
        channel=Channel.PHONE,
        direction=Direction.OUTGOING,
        follow_up=follow_up,
        **kw,  # type: ignore[arg-type]
    )


def kinds(reminders: tuple[object, ...]) -> list[tuple[str, str, date]]:
    return [(r.kind.value, r.debt_id, r.date) for r in reminders]  # type: ignore[attr-defined]


def test_payments_due_in_the_window_with_their_amounts() -> None:
    reminders = due_reminders(CASE, date(2026, 3, 10), days=10, contacts=[contact("c", "2026-03-09 10:00")])
    payments = [r for r in reminders if r.kind is ReminderKind.PAYMENT_DUE]
    assert [(r.debt_id, r.date, r.amount) for r in payments] == [
        ("bank", date(2026, 3, 15), Decimal("1110.00")),
        ("late", date(2026, 3, 15), Decimal("1110.00")),
    ]
    assert "第 2 期" in payments[0].title_zh and "1,110.00" in payments[0].title_zh


def test_window_edges_are_inclusive() -> None:
    on_the_day = due_reminders(CASE, date(2026, 3, 15), days=0, contacts=[contact("c", "2026-03-14 10:00")])
    assert {r.date for r in on_the_day if r.kind is ReminderKind.PAYMENT_DUE} == {date(2026, 3, 15)}
    day_after = due_reminders(CASE, date(2026, 3, 16), days=0, contacts=[contact("c", "2026-03-14 10:00")])
    assert not [r for r in day_after if r.kind is ReminderKind.PAYMENT_DUE]


def test_plan_and_agreement_instalments_are_passed_in() -> None:
    item = DueItem(date(2026, 3, 20), "late", Decimal("500.00"), "还款协议", "agreement")
    reminders = [
        r
        for r in due_reminders(CASE, date(2026, 3, 16), days=7, extra_due=[item])
        if r.kind is ReminderKind.PAYMENT_DUE
    ]
    assert [(r.debt_id, r.amount) for r in reminders] == [("late", Decimal("500.00"))]
    assert "还款协议" in reminders[0].title_zh


@pytest.mark.parametrize(
    ("last_contact", "silent"),
    [
        (None, True),  # never contacted
        ("2026-02-22 10:00", True),  # 2026-03-01 − 2026-02-22 = 7 days: silent
        ("2026-02-23 10:00", False),  # 6 days: fine
    ],
)
def test_silence_warning_for_an_overdue_creditor_after_seven_days(
    last_contact: str | None, silent: bool
) -> None:
    contacts = [contact("c", last_contact)] if last_contact else []
    reminders = due_reminders(CASE, date(2026, 3, 1), days=0, contacts=contacts)
    silence = [r for r in reminders if r.kind is ReminderKind.SILENCE]
    assert [r.debt_id for r in silence] == (["late"] if silent else [])  # "bank" is paid up: never warned
    if silent:
        assert "逾期 14 天" in silence[0].title_zh


def test_silence_days_are_configurable() -> None:
    contacts = [contact("c", "2026-02-27 10:00")]
    assert not [
        r for r in due_reminders(CASE, date(2026, 3, 1), contacts=contacts) if r.kind is ReminderKind.SILENCE
    ]
    assert [
        r.debt_id
        for r in due_reminders(CASE, date(2026, 3, 1), contacts=contacts, silence_days=2)
        if r.kind is ReminderKind.SILENCE
    ] == ["late"]


def test_follow_ups_in_the_window_and_unfinished_ones_before() -> None:
    contacts = [
        contact("a", "2026-03-01 10:00", follow_up=date(2026, 3, 5), our_promises="提交困难证明"),
        contact("b", "2026-02-20 10:00", debt="bank", follow_up=date(2026, 2, 25)),  # nobody followed up
        contact("c", "2026-02-20 10:00", follow_up=date(2026, 2, 26)),  # followed up by "a"
        contact("d", "2026-03-01 11:00", follow_up=date(2026, 4, 1)),  # outside the window
    ]
    reminders = [
        r
        for r in due_reminders(CASE, date(2026, 3, 2), days=7, contacts=contacts)
        if r.kind is ReminderKind.FOLLOW_UP
    ]
    assert [(r.debt_id, r.date) for r in reminders] == [
        ("bank", date(2026, 2, 25)),
        ("late", date(2026, 3, 5)),
    ]
    assert "已过 5 天" in reminders[0].title_zh and "提交困难证明" in reminders[1].title_zh


def test_progress_report_monthly_for_debts_in_negotiation() -> None:
    contacts = [contact("c", "2026-03-01 10:00")]
    never = due_reminders(CASE, date(2026, 3, 2), days=0, contacts=contacts, negotiating={"late"})
    assert [(r.kind, r.date) for r in never if r.debt_id == "late"] == [
        (ReminderKind.PROGRESS_REPORT, date(2026, 3, 2))
    ]
    reported = {"late": date(2026, 2, 10)}
    due = due_reminders(
        CASE, date(2026, 3, 2), days=14, contacts=contacts, negotiating={"late"}, last_reports=reported
    )
    assert [r.date for r in due if r.kind is ReminderKind.PROGRESS_REPORT] == [date(2026, 3, 10)]
    early = due_reminders(
        CASE, date(2026, 3, 2), days=5, contacts=contacts, negotiating={"late"}, last_reports=reported
    )
    assert not [r for r in early if r.kind is ReminderKind.PROGRESS_REPORT]


def test_reminders_are_sorted_and_keys_unique_and_stable() -> None:
    contacts = [contact("a", "2026-03-01 10:00", follow_up=date(2026, 3, 5))]
    first = due_reminders(CASE, date(2026, 3, 1), days=45, contacts=contacts, negotiating={"late"})
    assert [r.date for r in first] == sorted(r.date for r in first)
    assert len({r.key for r in first}) == len(first)
    assert first == due_reminders(CASE, date(2026, 3, 1), days=45, contacts=contacts, negotiating={"late"})


def test_bad_window_is_an_error() -> None:
    with pytest.raises(XieshangError):
        due_reminders(CASE, date(2026, 3, 1), days=-1)


# ---- titles in English ---------------------------------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_every_kind_of_reminder_is_titled_in_english_with_the_same_facts() -> None:
    """On 2026-03-02 with a 14-day window: LATE is 15 days overdue (period 1 due 2026-02-15) and was last
    contacted 2026-02-20 (10 days ago); the follow-up promised for 2026-02-25 is 5 days past; both debts are in
    negotiation with no report yet, and period 2 (1,110.00) falls due 2026-03-15 on each."""
    contacts = [
        contact("b", "2026-02-20 10:00", follow_up=date(2026, 2, 25), their_promises="七个工作日内答复"),
    ]
    reminders = due_reminders(CASE, date(2026, 3, 2), days=14, contacts=contacts, negotiating={"late"})
    english = {(r.kind.value, r.debt_id): r.title_text.get("en") for r in reminders}
    assert english == {
        ("follow_up", "late"): "Follow up with 某贷 (5 days past the date): 七个工作日内答复",
        ("silence", "late"): (
            "某贷: 15 days overdue, no contact for 10 days — get in touch and explain your situation"
        ),
        ("progress_report", "late"): "Send 某贷 a progress report",
        ("payment_due", "bank"): "某银行: instalment 2 due, ¥1,110.00",
        ("payment_due", "late"): "某贷: instalment 2 due, ¥1,110.00",
    }
    chinese = {(r.kind.value, r.debt_id): r.title_text.get("zh-hans") for r in reminders}
    assert chinese[("silence", "late")] == "某贷：逾期 15 天，已 10 天未联系，请主动联系说明情况"
    for title in english.values():
        assert not CJK.search(title.replace("某银行", "").replace("某贷", "").replace("七个工作日内答复", ""))


def test_a_never_contacted_overdue_creditor_is_named_as_such_in_english() -> None:
    (silence,) = [r for r in due_reminders(CASE, date(2026, 3, 1), days=0) if r.kind is ReminderKind.SILENCE]
    assert silence.title_en == (
        "某贷: 14 days overdue, no contact logged yet — get in touch and explain your situation"
    )
