"""Keeping an agreement, worked by hand: payments against instalments, statuses, what the reminders ask, and the
contacts that read like a paid debt agent.

The agreement (``AGREED``): made on 2026-03-02, three instalments of ¥404.00 on 15 March, 15 April and 15 May 2026,
5 days of grace, 1,212.00 in all.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from xieshang import reference
from xieshang.core.agreement_keeping import keep
from xieshang.core.agreement_reminders import alerts, instalments_due, next_month_total
from xieshang.core.agreements import AgreedInstalment, Agreement, AgreementForm, generate_instalments
from xieshang.core.contacts import ContactEntry
from xieshang.core.debt_agents import flagged_contacts
from xieshang.core.overdue import Outstanding
from xieshang.core.terms import Payment
from xieshang.core.vocabulary import (
    AgreementStatus,
    Channel,
    ContactDirection,
    InstalmentStatus,
    ReminderKind,
)

D = Decimal
OWED = Outstanding(D("1212"), D("0"), D("0"), D("0"), D("1212"))
AGREED = Agreement(
    id="a1",
    debt_id="bank",
    made=AgreementForm.WRITTEN,
    agreed_on=date(2026, 3, 2),
    total=D("1212.00"),
    instalments=(
        AgreedInstalment(date(2026, 3, 15), D("404.00"), "i1"),
        AgreedInstalment(date(2026, 4, 15), D("404.00"), "i2"),
        AgreedInstalment(date(2026, 5, 15), D("404.00"), "i3"),
    ),
    grace_days=5,
)


def pay(*items: tuple[str, str, str]) -> tuple[Payment, ...]:
    return tuple(Payment(date.fromisoformat(d), D(a), "", pid) for d, a, pid in items)


def test_generated_instalments_sum_to_the_total_the_last_taking_the_residue():
    """1,000.00 / 3 = 333.33 (down to the 分); the last 1,000.00 − 2 × 333.33 = 333.34; 31 January → 28 February."""
    items = generate_instalments(D("1000"), date(2027, 1, 31), 3)
    assert [(i.due, i.amount) for i in items] == [
        (date(2027, 1, 31), D("333.33")),
        (date(2027, 2, 28), D("333.33")),
        (date(2027, 3, 31), D("333.34")),
    ]


def test_several_payments_settle_one_instalment_and_money_beyond_all_is_a_credit():
    """200 + 204 on 10 and 15 March pay instalment 1 on its due date; 1,000 on 1 April pays 2 and 3 (808) and
    leaves 192 of credit; a payment before the start (1 March) paid the contract and does not count."""
    payments = pay(("2026-03-01", "50", "p0"), ("2026-03-10", "200", "p1"), ("2026-03-15", "204", "p2"))
    payments += pay(("2026-04-01", "1000", "p3"))
    state = keep(AGREED, payments, date(2026, 4, 2), OWED)
    first, second, third = state.instalments
    assert [a.payment_id for a in first.applied] == ["p1", "p2"] and first.status is InstalmentStatus.PAID
    assert first.paid_on == date(2026, 3, 15)
    assert second.status is InstalmentStatus.PAID and third.status is InstalmentStatus.PAID
    assert state.credit == D("192") and state.status is AgreementStatus.SETTLED and state.remaining == 0


def test_a_payment_named_by_an_instalment_goes_to_it_first():
    """p1 (404 on 10 April) is named by instalment 2: instalment 1 stays missed, 2 is paid (early counts as paid)."""
    agreement = replace(
        AGREED,
        instalments=(
            AGREED.instalments[0],
            replace(AGREED.instalments[1], payments=("p1",)),
            *AGREED.instalments[2:],
        ),
    )
    state = keep(agreement, pay(("2026-04-10", "404", "p1")), date(2026, 4, 10), OWED)
    assert [i.status for i in state.instalments] == [
        InstalmentStatus.MISSED,
        InstalmentStatus.PAID,
        InstalmentStatus.UPCOMING,
    ]
    assert state.instalments[1].paid == D("404") and state.status is AgreementStatus.BROKEN  # 26 days > 5


def test_payments_after_the_day_are_not_counted_yet():
    state = keep(AGREED, pay(("2026-03-20", "404", "p1")), date(2026, 3, 16), OWED)
    assert state.paid == 0 and state.status is AgreementStatus.LATE and state.breaks_on == date(2026, 3, 20)


def test_reminders_the_instalments_due_and_the_late_one():
    """On 2026-04-17 instalment 2 is 2 days late (grace to 20 April); instalment 3 is due within 30 days."""
    state = keep(AGREED, pay(("2026-03-15", "404", "p1")), date(2026, 4, 17), OWED)
    due = instalments_due([state], date(2026, 4, 17), date(2026, 5, 17))
    assert [(d.date, d.amount, d.source_zh, d.warn_days) for d in due] == [
        (date(2026, 5, 15), D("404.00"), "还款协议第 3 期", 3)
    ]
    (late,) = [r for r in alerts([state], date(2026, 4, 17), date(2026, 5, 17), None, {"bank": "某银行"})]
    assert late.kind is ReminderKind.AGREEMENT_LATE and late.amount == D("404.00")
    assert late.title_zh == "某银行：还款协议第 2 期还差 ¥404.00，已逾期 2 天，2026年04月20日前补上才不算违约"


def test_a_month_the_statement_cannot_cover_is_warned_before_it_comes():
    """May 2026 asks 404.00 of this agreement + 404.00 of another; the statement leaves 700.00: 108.00 short."""
    other = replace(AGREED, id="a2", debt_id="card")
    states = [keep(a, (), date(2026, 4, 10), OWED) for a in (AGREED, other)]
    assert next_month_total(states, date(2026, 4, 10)) == (date(2026, 5, 1), D("808.00"))
    found = alerts(states, date(2026, 4, 10), date(2026, 4, 24), D("700"), {})
    (short,) = [r for r in found if r.kind is ReminderKind.AGREEMENT_SHORTFALL]
    assert "差 ¥108.00" in short.title_zh and short.date == date(2026, 4, 10)
    assert not [r for r in alerts(states, date(2026, 4, 10), date(2026, 4, 24), D("808"), {})
                if r.kind is ReminderKind.AGREEMENT_SHORTFALL]  # fmt: skip


def test_a_review_once_a_year_and_when_the_monthly_amount_changed():
    long = replace(AGREED, instalments=generate_instalments(D("2400"), date(2026, 3, 15), 24))
    state = keep(long, (), date(2027, 2, 20), OWED)
    reviews = [r for r in alerts([state], date(2027, 2, 20), date(2027, 3, 6), None, {"bank": "某银行"})
               if r.kind is ReminderKind.AGREEMENT_REVIEW]  # fmt: skip
    assert [r.date for r in reviews] == [date(2027, 3, 2)]
    assert reviews[0].title_zh.startswith("与某银行的还款协议已满 1 年：核对已还和剩余金额")
    signed = replace(long, available_at_signing=D("770"))
    state = keep(signed, (), date(2026, 6, 1), OWED)
    found = alerts([state], date(2026, 6, 1), date(2026, 6, 15), D("500"), {"bank": "某银行"})
    (changed,) = [r for r in found if r.kind is ReminderKind.AGREEMENT_REVIEW]
    assert "从签订时的 ¥770.00 变成了 ¥500.00" in changed.title_zh
    assert not [r for r in alerts([state], date(2026, 6, 1), date(2026, 6, 15), D("770"), {})
                if r.kind is ReminderKind.AGREEMENT_REVIEW]  # fmt: skip


def contact(summary: str, agency: str = "") -> ContactEntry:
    return ContactEntry(
        "c1",
        "bank",
        datetime.fromisoformat("2026-04-01 10:00"),  # wall-clock time, as the contact log holds it
        Channel.PHONE,
        ContactDirection.INCOMING,
        summary=summary,
        agency=agency,
    )


def test_a_contact_in_an_agencys_words_is_flagged_and_an_ordinary_one_is_not():
    guard = reference.debt_agents()
    assert guard.points and guard.source and guard.channels == ("nfra-12378", "legal-aid-12348")
    flagged = flagged_contacts([contact("对方自称可以代理协商，先交 2,000 元服务费")], guard)
    assert len(flagged) == 1 and "代理协商" in flagged[0].words
    assert flagged_contacts([contact("我申请停息挂账，对方说要提交困难证明")], guard) == ()
