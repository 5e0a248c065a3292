"""The agreements of a case as the view reads them: each debt's agreement state, what a review is given, the
schedules the reminders replay, the next instalment, the scam guard.

No rule is decided here (they are :mod:`xieshang.core.agreement_analysis`, ``agreement_keeping``,
``agreement_review`` and ``agreement_reminders``); this module gathers what those need from the case view: the
plan, the available amount, the other agreements.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from xieshang.core.agreement_analysis import before_start, owed_at_start
from xieshang.core.agreement_keeping import AgreementState, keep
from xieshang.core.agreement_reminders import next_month_total
from xieshang.core.agreement_review import Month, ReviewContext, ReviewFinding, month_of, review
from xieshang.core.agreements import Agreement, agreements_by_debt
from xieshang.core.analysis import DebtAnalysis
from xieshang.core.bilingual import Text
from xieshang.core.case import Case
from xieshang.core.debt_agents import AgentContact, AgentGuard, flagged_contacts
from xieshang.core.money import ZERO
from xieshang.core.plan import PlanResult
from xieshang.core.progress import ProgressReport, Receipt, progress_report
from xieshang.core.schedule import Period, Schedule
from xieshang.core.terms import Loan

from .refdata import Reference

T = TypeVar("T")


def state_of(
    agreement: Agreement,
    loan: Loan,
    agreements: tuple[Agreement, ...],
    analysis: DebtAnalysis,
    as_of: date,
    reference: Reference,
) -> AgreementState:
    """The state of ``agreement`` on ``as_of``: the debt's own when it is the debt's current agreement, else
    kept on its own (a superseded agreement, a draft being reviewed)."""
    current = analysis.agreement
    if current is not None and current.agreement == agreement:
        return current
    contract = before_start(loan, agreements, agreement, reference.legal_lines, reference.lpr)
    return keep(agreement, loan.payments, as_of, owed_at_start(contract))


def monthly(states: Iterable[AgreementState], skip: str) -> dict[Month, Decimal]:
    """What the agreements of other debts than ``skip`` ask by month (what is left of each instalment)."""
    months: dict[Month, Decimal] = {}
    for state in states:
        if state.agreement.debt_id == skip:
            continue
        for item in state.instalments:
            if item.remaining > 0:
                months[month_of(item.due)] = months.get(month_of(item.due), ZERO) + item.remaining
    return months


def plan_others(plan: PlanResult | None, skip: Iterable[str]) -> dict[Month, Decimal]:
    """What the plan pays, by month, the creditors that have no agreement (and are not ``skip``)."""
    if plan is None:
        return {}
    left_out = set(skip)
    months: dict[Month, Decimal] = {}
    for creditor in plan.creditors:
        if creditor.position.id in left_out or creditor.position.agreed:
            continue
        for month in creditor.schedule:
            months[month_of(month.day)] = months.get(month_of(month.day), ZERO) + month.payment
    return months


def review_context(
    agreement: Agreement,
    loan: Loan,
    agreements: tuple[Agreement, ...],
    states: Iterable[AgreementState],
    plan: PlanResult | None,
    available: Decimal | None,
    reference: Reference,
    names: Mapping[str, str],
    borrower: str,
) -> ReviewContext:
    contract = before_start(loan, agreements, agreement, reference.legal_lines, reference.lpr)
    states = tuple(states)
    return ReviewContext(
        loan=loan,
        at_start=owed_at_start(contract),
        available=available,
        other_agreements=monthly(states, agreement.debt_id),
        plan_others=plan_others(plan, [agreement.debt_id]),
        creditor=names.get(loan.id, loan.creditor),
        borrower=borrower,
    )


def next_instalment(state: AgreementState) -> Period | None:
    """The next agreed instalment not yet paid in full, as a schedule period (its amount: what is left of it)."""
    item = state.next
    if item is None:
        return None
    return Period(item.number, item.due, item.remaining, ZERO, ZERO)


def reminder_schedules(analyses: Iterable[DebtAnalysis]) -> dict[str, Schedule]:
    """The schedule each debt's contract instalments are reminded from: an agreed debt's contract only before its
    agreement starts (the agreed instalments are reminded as the agreement's, with what is left of each)."""
    out: dict[str, Schedule] = {}
    for analysis in analyses:
        state = analysis.agreement
        if state is None:
            out[analysis.loan.id] = analysis.schedule
        elif state.in_force:
            out[analysis.loan.id] = Schedule(())
        else:
            start = state.agreement.starts
            out[analysis.loan.id] = Schedule(
                tuple(p for p in analysis.schedule.periods if p.due_date < start)
            )
    return out


class AgreementReads:
    """The case view's reads of the agreements (a part of :class:`xieshang.view.CaseView`, which has the rest)."""

    case: Case
    as_of: date
    reference: Reference

    if TYPE_CHECKING:  # given by CaseView

        def _once(self, key: Hashable, make: Callable[[], T]) -> T: ...
        def debt(self, debt_id: str) -> DebtAnalysis: ...
        def next_due(self, debt_id: str) -> Any: ...
        def on(self, as_of: date) -> AgreementReads: ...
        @property
        def _loans(self) -> dict[str, Loan]: ...
        @property
        def names(self) -> dict[str, Text]: ...
        @property
        def plan(self) -> PlanResult | None: ...
        @property
        def available(self) -> Decimal | None: ...

    @cached_property
    def _agreements(self) -> dict[str, tuple[Agreement, ...]]:
        return agreements_by_debt(a for a in self.case.agreements if a.debt_id in self._loans)

    @cached_property
    def agreements(self) -> dict[str, AgreementState]:
        """Each agreed debt's agreement on the day (in force, or signed and about to start), by debt id."""
        states = {debt_id: self.debt(debt_id).agreement for debt_id in self._agreements}
        return {debt_id: state for debt_id, state in states.items() if state is not None}

    def agreement_state(self, agreement: Agreement) -> AgreementState:
        """One agreement of the case on the day (a superseded one kept on its own)."""
        loan, ref = self._loans[agreement.debt_id], self.reference
        return self._once(
            ("agreement", agreement),
            lambda: state_of(
                agreement, loan, self._agreements.get(loan.id, ()), self.debt(loan.id), self.as_of, ref
            ),
        )

    def review(self, agreement: Agreement) -> tuple[ReviewFinding, ...]:
        """What reading ``agreement`` before signing finds (a recorded agreement, or a draft from the form)."""

        def make() -> tuple[ReviewFinding, ...]:
            loan = self._loans[agreement.debt_id]
            others = [a for a in self._agreements.get(loan.id, ()) if a.id != agreement.id or not a.id]
            context = review_context(
                agreement,
                loan,
                tuple(sorted((*others, agreement), key=lambda a: (a.starts, a.agreed_on))),
                (s for d, s in self.agreements.items() if d != loan.id),
                self.plan,
                self.available,
                self.reference,
                {k: v.zh for k, v in self.names.items()},
                self.case.borrower.name,
            )
            return review(agreement, context, self.reference.agreement_rules)

        return self._once(("review", agreement), make)

    @cached_property
    def agreements_next_month(self) -> tuple[date, Decimal]:
        """The first day of next month, and what the agreements still ask in it (against the monthly amount)."""
        return next_month_total(self.agreements.values(), self.as_of)

    @property
    def agent_guard(self) -> AgentGuard | None:
        """The notice about paid debt agents (what they charge, the risks, the free channels)."""
        return self.reference.debt_agents

    @cached_property
    def agent_contacts(self) -> tuple[AgentContact, ...]:
        """Contacts in the log that read like a paid debt agency."""
        guard = self.reference.debt_agents
        return () if guard is None else flagged_contacts(self.case.contacts, guard)

    def progress(
        self,
        debt_id: str,
        start: date,
        end: date,
        *,
        situation: str = "",
        next_plan: str = "",
        next_amount: Decimal | None = None,
        receipts: Sequence[Receipt] = (),
    ) -> ProgressReport:
        """The progress report for one debt over ``start``–``end``: what remains is the debt's on ``end`` (under
        its agreement, if any), the next payment the agreement's next instalment unless one is given."""
        later = self.on(end) if end != self.as_of else self
        coming = later.next_due(debt_id) if debt_id in self.agreements else None
        if coming is not None and next_amount is None:
            next_amount = coming.payment
            next_plan = next_plan or f"按还款协议，第 {coming.period} 期于 {coming.due_date.isoformat()} 还款"
        return progress_report(
            self.case.debt(debt_id),
            start,
            end,
            borrower_name=self.case.borrower.name,
            monthly_available=self.available,
            situation=situation,
            next_plan=next_plan,
            next_amount=next_amount,
            receipts=receipts,
            status=later.debt(debt_id).overdue,
        )
