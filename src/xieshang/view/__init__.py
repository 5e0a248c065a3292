"""The case view: one object between a case and everything that shows it.

A :class:`CaseView` is built from the core :class:`~xieshang.core.case.Case`, the day (``as_of``) and the
reference data (:class:`~xieshang.view.refdata.Reference`). It owns every figure derived from them, each
computed at most once, on first use, and kept: the analysis (schedules, overdue replays, true costs, legal
lines), where each debt stands, the one available amount, the plan with its proposals, the materials checklist,
the collection findings, the due items and reminders, the negotiation status and next actions. Pages, panels,
documents, spreadsheets, the command line and the API read it; none of them calls the engine or the plan
builder itself (an import-linter contract checks this). The web keeps views in a small cache keyed on the
case's revision (:mod:`xieshang.view.cache`), so a second page of the same case on the same day computes nothing.

A new feature reads the view and, when it adds a figure, adds one cached property here that calls core (see
docs/architecture.md, "Where a new feature goes").
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar, cast

from xieshang.core.agreement_analysis import analyze_under_agreements
from xieshang.core.agreement_keeping import AgreementState, InstalmentState
from xieshang.core.agreement_reminders import alerts, instalments_due
from xieshang.core.agreement_review import ReviewFinding
from xieshang.core.agreements import Agreement
from xieshang.core.analysis import CaseAnalysis, CaseTotals, DebtAnalysis, combine
from xieshang.core.bilingual import Text
from xieshang.core.case import Case
from xieshang.core.collection import Finding, check_contacts
from xieshang.core.debt_agents import AgentContact, AgentGuard
from xieshang.core.errors import FieldError, ValidationError, XieshangError
from xieshang.core.materials import Checklist, build_checklist
from xieshang.core.names import debt_names
from xieshang.core.negotiation import CreditorStatus, Negotiation, NextAction, negotiation
from xieshang.core.options import DebtPosition
from xieshang.core.plan import (
    Affordability,
    CreditorChoice,
    CreditorPlan,
    PlannedPayment,
    PlanResult,
    PlanSpec,
)
from xieshang.core.positions import positions_of
from xieshang.core.progress import ProgressReport
from xieshang.core.projection import DebtResult, Projection
from xieshang.core.reminders import (
    DEFAULT_SILENCE_DAYS,
    DEFAULT_WINDOW_DAYS,
    DueItem,
    Reminder,
    due_reminders,
)
from xieshang.core.statement import Outcome, evaluate
from xieshang.core.terms import Loan
from xieshang.core.vocabulary import NegotiationStatus

from . import agreements as agreed
from . import planning
from .cache import LruCache
from .refdata import Reference, packaged
from .today import day_for, today

IN_NEGOTIATION = frozenset(
    {NegotiationStatus.NEGOTIATING, NegotiationStatus.AGREED, NegotiationStatus.PERFORMING}
)

__all__ = [
    "DEFAULT_SILENCE_DAYS",
    "DEFAULT_WINDOW_DAYS",
    "Affordability",
    "AgentContact",
    "AgentGuard",
    "Agreement",
    "AgreementState",
    "CaseAnalysis",
    "CaseTotals",
    "CaseView",
    "CreditorChoice",
    "CreditorPlan",
    "CreditorStatus",
    "DebtAnalysis",
    "DebtPosition",
    "DebtResult",
    "DueItem",
    "InstalmentState",
    "LruCache",
    "Negotiation",
    "NextAction",
    "PlanResult",
    "PlanSpec",
    "PlannedPayment",
    "ProgressReport",
    "Projection",
    "Reference",
    "Reminder",
    "ReviewFinding",
    "day_for",
    "packaged",
    "today",
]


T = TypeVar("T")


class CaseView(agreed.AgreementReads):
    """Everything derived from one case on one day. Build it with :meth:`of`; read its properties."""

    def __init__(self, case: Case, as_of: date, reference: Reference | None = None) -> None:
        self.case = case
        self.as_of = as_of
        self.reference = reference or packaged()
        self._memo: dict[Hashable, Any] = {}

    @classmethod
    def of(cls, case: Case, as_of: date | None = None, reference: Reference | None = None) -> CaseView:
        """The view on ``as_of``, else the case's own date, else today in China (the one "today" rule)."""
        return cls(case, day_for(case.as_of, as_of), reference)

    def _once(self, key: Hashable, make: Callable[[], T]) -> T:
        if key not in self._memo:
            self._memo[key] = make()
        return cast(T, self._memo[key])

    # ---- debts -----------------------------------------------------------------------------------------

    @cached_property
    def analysis(self) -> CaseAnalysis:
        """Each debt's schedule, true cost, overdue replay and legal lines on the day, and the case totals."""
        debts = tuple(self.debt(loan.id) for loan in self.case.debts)
        return combine(self.as_of, debts, self.reference.legal_lines)

    def debt(self, debt_id: str) -> DebtAnalysis:
        """One debt's analysis, made on first use (a debt's page analyses that debt alone); KeyError for a debt
        the case does not have. A debt with an agreement follows it from its start date."""
        ref = self.reference
        loan = self._loans[debt_id]
        agreements = self._agreements.get(debt_id, ())
        return self._once(
            ("debt", debt_id),
            lambda: analyze_under_agreements(loan, agreements, self.as_of, ref.legal_lines, ref.lpr),
        )

    @cached_property
    def _loans(self) -> dict[str, Loan]:
        return {loan.id: loan for loan in self.case.debts}

    @property
    def totals(self) -> CaseTotals:
        return self.analysis.totals

    @cached_property
    def positions(self) -> tuple[DebtPosition, ...]:
        """Where each debt stands, as the plan sees it (read off the analysis)."""
        return positions_of(self.analysis.debts)

    @cached_property
    def names(self) -> dict[str, Text]:
        """Each debt as people name it: its creditor, told apart by the day it was lent when needed."""
        return debt_names(self.case.debts)

    def name(self, debt_id: str) -> Text:
        return self.names[debt_id]

    def next_due(self, debt_id: str) -> Any:
        """The debt's next instalment after the day (a schedule period), or None. Under an agreement: the next
        agreed instalment not yet paid in full, with what is left of it (the contract's until it starts)."""
        state = self.agreements.get(debt_id)
        contract = next((p for p in self.debt(debt_id).schedule.periods if p.due_date > self.as_of), None)
        if state is None or (not state.in_force and contract and contract.due_date < state.agreement.starts):
            return contract
        return agreed.next_instalment(state)

    # ---- budget ----------------------------------------------------------------------------------------

    @cached_property
    def statement(self) -> Outcome | None:
        """The financial statement's working (income − spending − priority = available), if there is one."""
        return evaluate(self.case.budget) if self.case.budget is not None else None

    @cached_property
    def available(self) -> Decimal | None:
        """The one monthly amount for unsecured debts: the statement's, else the plan's own budget."""
        return planning.available(self.statement, self.case.plan)

    @cached_property
    def budget_note(self) -> Text | None:
        """Why the plan's saved budget is not used (the statement's amount is), or None."""
        return planning.budget_note(self.statement, self.case.plan)

    def budget_problem(self, spec: PlanSpec) -> FieldError | None:
        """Saving ``spec`` with a budget other than the statement's: a located error."""
        return planning.budget_problem(self.statement, spec)

    # ---- plan ------------------------------------------------------------------------------------------

    @cached_property
    def plan_spec(self) -> PlanSpec | None:
        """The stored plan's choices with the one available amount as budget (None: no plan section)."""
        spec = self.case.plan
        if spec is None:
            return None
        return planning.with_budget(spec, self.available if self.statement is not None else spec.budget)

    @cached_property
    def _plan(self) -> tuple[PlanResult | None, Text | None]:
        spec = self.plan_spec
        if spec is None:
            return None, None
        if spec.budget is None:
            return None, Text("方案还没有每月可用于还款的金额", "the plan has no monthly amount yet")
        try:
            return self.plan_for(spec), None
        except ValidationError as error:
            return None, error.errors[0].text if error.errors else Text.split(str(error))
        except XieshangError as error:
            return None, Text.split(str(error))

    @property
    def plan(self) -> PlanResult | None:
        """The stored plan built for the day's figures; None without a usable plan (see :attr:`plan_problem`)."""
        return self._plan[0]

    @property
    def plan_problem(self) -> Text | None:
        """Why a stored plan cannot be built (no budget, a debt no longer in the case, a limit), or None."""
        return self._plan[1]

    def plan_for(self, spec: PlanSpec) -> PlanResult:
        """The plan for ``spec`` (a trial from the builder's form, or an override from the command line);
        a ValidationError listing every located problem if an option breaks a limit. Kept per spec."""
        ref = self.reference
        return self._once(
            ("plan", spec), lambda: planning.build(self.positions, spec, self.as_of, ref.plan_limits)
        )

    def limit_problems(self, spec: PlanSpec) -> list[FieldError]:
        return planning.limit_problems(self.positions, spec, self.reference.plan_limits)

    @cached_property
    def proposals(self) -> dict[str, CreditorPlan]:
        """The stored plan's proposed creditors, by debt id: what every letter, sheet and reminder states."""
        plan = self.plan
        return {} if plan is None else {c.position.id: c for c in plan.proposals}

    # ---- materials, contacts, findings -----------------------------------------------------------------

    @cached_property
    def checklist(self) -> Checklist:
        """The supporting documents for the whole case (its hardship reasons × every creditor's kind)."""
        return self.checklist_for(self.case.debts)

    def checklist_for(self, debts: Sequence[Loan]) -> Checklist:
        """The supporting documents for some of the debts (one creditor's letter)."""
        kinds = tuple(dict.fromkeys(d.lender_type for d in debts))
        return self._once(
            ("checklist", kinds),
            lambda: build_checklist(self.reference.catalog, self.case.materials, kinds, self.as_of),
        )

    @cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Collection conduct in the contact log that breaks a rule of the data file."""
        return check_contacts(self.case.contacts, self.reference.collection_rules)

    # ---- negotiation and reminders ---------------------------------------------------------------------

    def negotiation(
        self, sent: Mapping[str, date] | None = None, agreed: Mapping[str, date] | None = None
    ) -> Negotiation:
        """Each creditor's status (recorded, moved on by the facts), the current step and the next actions.
        ``sent``: when a proposal letter was made for a debt (the document history, kept outside the case);
        ``agreed``: when an agreement with the debt's creditor was recorded."""
        sent, agreed = dict(sent or {}), dict(agreed or {})
        agreed_on = {d: s.agreement.agreed_on for d, s in self.agreements.items()}
        agreed = {**agreed_on, **agreed}
        proposed = frozenset(self.proposals)
        return self._once(
            ("negotiation", _items(sent), _items(agreed)),
            lambda: negotiation(self.case, self.analysis.debts, proposed=proposed, sent=sent, agreed=agreed),
        )

    def due_items(self, until: date, negotiating: Collection[str]) -> tuple[DueItem, ...]:
        """The stored plan's monthly payments to proposed creditors in ``negotiating``, up to ``until``."""
        plan = self.plan
        if plan is None:
            return ()
        items = []
        for creditor in plan.proposals:
            if creditor.position.id not in negotiating or creditor.position.id in self._agreements:
                continue  # an agreed debt's instalments are the agreement's
            for month in creditor.schedule:
                if month.day > until:
                    break
                if month.payment > 0:
                    items.append(DueItem(month.day, creditor.position.id, month.payment, "还款计划", "plan"))
        return tuple(sorted(items, key=lambda i: (i.date, i.debt_id)))

    def reminders(
        self,
        days: int = DEFAULT_WINDOW_DAYS,
        silence_days: int = DEFAULT_SILENCE_DAYS,
        last_reports: Mapping[str, date] | None = None,
        sent: Mapping[str, date] | None = None,
        negotiating: Collection[str] | None = None,
    ) -> tuple[Reminder, ...]:
        """Every reminder due from the day over ``days``: instalments (contract and plan), follow-ups, silence,
        progress reports (``last_reports``: when each debt's last one was sent). The debts in negotiation are
        those whose status says so (``negotiating`` names them instead). Kept per arguments."""
        reports = dict(last_reports or {})
        chosen = None if negotiating is None else frozenset(negotiating)
        key = ("reminders", days, silence_days, tuple(sorted(reports.items())), _items(sent), chosen)

        def make() -> tuple[Reminder, ...]:
            states = self.negotiation(sent).creditors
            negotiating = (
                chosen if chosen is not None else {s.debt_id for s in states if s.status in IN_NEGOTIATION}
            )
            debts, end = self.analysis.debts, self.as_of + timedelta(days=days)
            agreements = tuple(self.agreements.values())
            names = {k: v.zh for k, v in self.names.items()}
            return due_reminders(
                self.case,
                self.as_of,
                contacts=self.case.contacts,
                days=days,
                silence_days=silence_days,
                extra_due=(*self.due_items(end, negotiating), *instalments_due(agreements, self.as_of, end)),
                negotiating=negotiating,
                last_reports=reports,
                schedules=agreed.reminder_schedules(debts),
                overdue={d.loan.id: d.overdue for d in debts},
                more=alerts(agreements, self.as_of, end, self.available, names),
            )

        return self._once(key, make)

    def with_case(self, case: Case) -> CaseView:
        """A fresh view of a changed case on the same day and data (nothing carried over)."""
        return CaseView(case, self.as_of, self.reference)

    def on(self, as_of: date) -> CaseView:
        """A fresh view of the same case on another day."""
        return CaseView(self.case, as_of, self.reference)


def _items(mapping: Mapping[str, date] | None) -> tuple[tuple[str, date], ...]:
    return tuple(sorted((mapping or {}).items()))
