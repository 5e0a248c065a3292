"""Where the negotiation with each creditor stands, the step the borrower is at, and what to do next.

The person records a status per debt (未联系, 已联系, 协商中 …); the facts can move it on: a contact logged with
the creditor makes it at least *contacted*, a proposal letter made for it at least *negotiating*, an agreement
recorded at least *agreed* (and *performing* once paid under it, or an instalment late within its grace), a debt
with nothing left owed is *settled*. A status is never moved back by the facts, and *broken down* stands until the
debt is paid off; an agreement with an instalment unpaid past its grace (:mod:`xieshang.core.agreement_keeping`)
makes it *broken down*.

The current step of the seven: 1 until debts are entered, 2 while any creditor has not been contacted, 5 once
any negotiation is under way, else 3 (steps 3, 4, 6 and 7 run alongside and never block). The next actions say,
creditor by creditor, what to do now: overdue creditors first.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .agreement_keeping import AgreementState
from .analysis import DebtAnalysis
from .bilingual import Text
from .case import Case
from .contacts import ContactEntry
from .money import yuan
from .vocabulary import ActionKind, AgreementStatus, ContactDirection, NegotiationStatus, Party

ORDER = (
    NegotiationStatus.NOT_CONTACTED,
    NegotiationStatus.CONTACTED,
    NegotiationStatus.NEGOTIATING,
    NegotiationStatus.AGREED,
    NegotiationStatus.PERFORMING,
    NegotiationStatus.SETTLED,
)
UNDER_WAY = frozenset(ORDER[2:])
ACTION_LIMIT = 8


@dataclass(frozen=True)
class CreditorStatus:
    debt_id: str
    creditor: str
    recorded: NegotiationStatus  # what the person set
    status: NegotiationStatus  # what the facts make of it
    because: tuple[Text, ...] = ()  # the facts that moved it on (empty when the recorded status stands)

    @property
    def derived(self) -> bool:
        return self.status is not self.recorded


@dataclass(frozen=True)
class NextAction:
    kind: ActionKind
    debt_id: str
    text: Text
    urgent: bool = False


@dataclass(frozen=True)
class Negotiation:
    creditors: tuple[CreditorStatus, ...]
    step: int  # 1–7
    actions: tuple[NextAction, ...]

    def of(self, debt_id: str) -> CreditorStatus:
        for item in self.creditors:
            if item.debt_id == debt_id:
                return item
        raise KeyError(debt_id)


def _spoke(entry: ContactEntry) -> bool:
    """A contact that counts as being in touch: we reached out, or they reached the borrower and spoke."""
    return entry.direction is ContactDirection.OUTGOING or (entry.connected and entry.party is Party.BORROWER)


def _at_least(current: NegotiationStatus, wanted: NegotiationStatus) -> bool:
    return current in ORDER and ORDER.index(current) < ORDER.index(wanted)


def creditor_status(
    case: Case,
    analysis: DebtAnalysis,
    *,
    sent: date | None = None,
    agreed: date | None = None,
) -> CreditorStatus:
    """One debt's status from what was recorded and the facts (see the module docstring)."""
    loan = analysis.loan
    recorded = case.status(loan.id)
    status, because = recorded, []
    name = loan.creditor or loan.id
    spoken = [
        c
        for c in case.contacts
        if (c.debt_id == loan.id or (loan.creditor and c.creditor == name)) and _spoke(c)
    ]

    def move(to: NegotiationStatus, reason: Text) -> None:
        nonlocal status
        if _at_least(status, to):
            status = to
            because.append(reason)

    if recorded is not NegotiationStatus.BROKEN_DOWN:
        if spoken:
            move(
                NegotiationStatus.CONTACTED,
                Text(f"沟通记录中有 {len(spoken)} 次联系", f"{len(spoken)} contact(s) logged"),
            )
        if sent is not None:
            move(
                NegotiationStatus.NEGOTIATING,
                Text(f"已于 {sent.isoformat()} 生成协商申请书", f"proposal made on {sent.isoformat()}"),
            )
        state = analysis.agreement
        if state is not None:
            agreed = state.agreement.agreed_on
        if agreed is not None:
            move(
                NegotiationStatus.AGREED,
                Text(
                    f"已于 {agreed.isoformat()} 达成还款协议", f"agreement recorded on {agreed.isoformat()}"
                ),
            )
            if state is not None:
                status = _kept(state, status, because)
            elif any(p.date >= agreed for p in loan.payments):
                move(NegotiationStatus.PERFORMING, Text("已按协议还款", "paid under the agreement"))
    if analysis.overdue.outstanding.total <= 0 and loan.payments:
        if status is NegotiationStatus.BROKEN_DOWN or _at_least(status, NegotiationStatus.SETTLED):
            status = NegotiationStatus.SETTLED
            because.append(Text("已全部还清", "nothing left owed"))
    return CreditorStatus(loan.id, name, recorded, status, tuple(because))


def _kept(state: AgreementState, status: NegotiationStatus, because: list[Text]) -> NegotiationStatus:
    """How the agreement moves the status on: performing once kept or paid (late within its grace too),
    broken down once an instalment is unpaid past the grace."""
    if state.status is AgreementStatus.BROKEN:
        first = state.late[0]
        because.append(
            Text(
                f"还款协议第 {first.number} 期逾期 {state.days_late} 天，超过协议的宽限期",
                f"agreed instalment {first.number} is {state.days_late} days late, past the agreement's grace",
            )
        )
        return NegotiationStatus.BROKEN_DOWN
    if state.status in (AgreementStatus.PERFORMING, AgreementStatus.LATE, AgreementStatus.SETTLED):
        if _at_least(status, NegotiationStatus.PERFORMING):
            paid = yuan(state.paid)
            because.append(Text(f"已按协议还款 {paid}", f"{paid} paid under the agreement"))
            return NegotiationStatus.PERFORMING
    return status


def current_step(statuses: Iterable[NegotiationStatus]) -> int:
    """1 until debts are entered, 2 while any creditor has not been contacted, 5 once a negotiation is under
    way, else 3."""
    seen = list(statuses)
    if not seen:
        return 1
    if NegotiationStatus.NOT_CONTACTED in seen:
        return 2
    if any(s in UNDER_WAY for s in seen):
        return 5
    return 3


def next_actions(
    creditors: Iterable[CreditorStatus],
    analyses: Mapping[str, DebtAnalysis],
    proposed: Collection[str],
    sent: Collection[str],
) -> tuple[NextAction, ...]:
    """What to do about each creditor now: overdue ones first, then by how far each negotiation has come."""
    actions: list[NextAction] = []
    for item in creditors:
        name, status = item.creditor, item.status
        days = analyses[item.debt_id].overdue.days_overdue
        state = analyses[item.debt_id].agreement
        if state is not None and state.late and state.in_force and status is not NegotiationStatus.SETTLED:
            actions.append(_late_action(item, state))
            continue
        if status in (NegotiationStatus.SETTLED, NegotiationStatus.BROKEN_DOWN):
            continue
        if days > 0 and status in ORDER[:3]:
            actions.append(
                NextAction(
                    ActionKind.CALL_OVERDUE,
                    item.debt_id,
                    Text(
                        f"{name} 已逾期 {days} 天：尽快联系，说明情况并提出还款方案",
                        f"{name} is {days} days overdue: contact them soon, explain and propose a repayment plan",
                    ),
                    urgent=True,
                )
            )
        elif status is NegotiationStatus.NOT_CONTACTED:
            actions.append(
                NextAction(
                    ActionKind.CONTACT,
                    item.debt_id,
                    Text(
                        f"联系 {name}，确认欠款金额和还款账户",
                        f"Contact {name} to confirm the amount owed and the repayment account",
                    ),
                )
            )
        elif status in ORDER[1:3] and item.debt_id not in proposed:
            actions.append(
                NextAction(
                    ActionKind.CHOOSE_OPTION,
                    item.debt_id,
                    Text(
                        f"为 {name} 选一个你做得到的还款方案",
                        f"Choose a repayment option you can keep for {name}",
                    ),
                )
            )
        elif status in ORDER[1:3] and item.debt_id not in sent:
            actions.append(
                NextAction(
                    ActionKind.SEND_PROPOSAL,
                    item.debt_id,
                    Text(
                        f"生成给 {name} 的协商申请书，核对后发出",
                        f"Make the proposal letter for {name}, check it and send it",
                    ),
                )
            )
        elif status in (NegotiationStatus.AGREED, NegotiationStatus.PERFORMING):
            actions.append(
                NextAction(
                    ActionKind.KEEP_AGREEMENT,
                    item.debt_id,
                    Text(
                        f"按约定向 {name} 还款，每月汇报一次", f"Pay {name} as agreed and report each month"
                    ),
                )
            )
    actions.sort(key=lambda a: not a.urgent)
    return tuple(actions[:ACTION_LIMIT])


def _late_action(item: CreditorStatus, state: AgreementState) -> NextAction:
    first, name = state.late[0], item.creditor
    owed = yuan(state.late_amount)
    if state.status is AgreementStatus.BROKEN:
        return NextAction(
            ActionKind.RENEGOTIATE,
            item.debt_id,
            Text(
                f"与{name}的还款协议已超过宽限期未还（差 {owed}）：今天就联系对方，说明情况并重新协商",
                f"The agreement with {name} is unpaid past its grace ({owed} short): contact them today, explain "
                "and renegotiate",
            ),
            urgent=True,
        )
    breaks = state.breaks_on
    assert breaks is not None
    return NextAction(
        ActionKind.PAY_LATE_INSTALMENT,
        item.debt_id,
        Text(
            f"{name}还款协议第 {first.number} 期还差 {owed}：{breaks:%Y年%m月%d日}前补上，或先联系对方说明",
            f"{name}: agreed instalment {first.number} is {owed} short: pay it by {breaks.isoformat()}, or tell "
            "them first",
        ),
        urgent=True,
    )


def negotiation(
    case: Case,
    analyses: Iterable[DebtAnalysis],
    *,
    proposed: Collection[str] = (),
    sent: Mapping[str, date] | None = None,
    agreed: Mapping[str, date] | None = None,
) -> Negotiation:
    """Every creditor's status, the current step and the next actions (``proposed``: debts with an option
    proposed in the plan; ``sent``: when a proposal letter was made for a debt; ``agreed``: agreements)."""
    by_id = {a.loan.id: a for a in analyses}
    sent, agreed = sent or {}, agreed or {}
    creditors = tuple(
        creditor_status(case, by_id[d.id], sent=sent.get(d.id), agreed=agreed.get(d.id)) for d in case.debts
    )
    step = current_step(c.status for c in creditors)
    return Negotiation(creditors, step, next_actions(creditors, by_id, proposed, sent))
