"""A document's inputs from a case view, and what the documents cannot say yet.

Every part comes from the case view (:class:`xieshang.view.CaseView`): the plan and its proposals, the statement
and its one available amount, the collection findings, the checklist, the disputes and progress notes. What is
missing or cannot be computed (a plan without a budget, a dispute about a creditor the case does not have) is
left out of the documents and returned as a note; the documents then say that the information is not there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from xieshang.core.masking import Disclosure
from xieshang.view import CaseView

from .context import DocumentInputs, EvidenceRow


@dataclass(frozen=True)
class Gathered:
    inputs: DocumentInputs
    notes: tuple[str, ...] = field(default_factory=tuple)


def gather(
    view: CaseView,
    *,
    disclosure: Disclosure | None = None,
    complaint_to: str = "institution",
    evidence: Sequence[EvidenceRow] = (),
    progress: Sequence[str] = (),
) -> Gathered:
    """Everything the documents can say about the view's case on its day, with the notes on what is missing."""
    notes: list[str] = []
    if view.plan_problem is not None and any(
        c.proposed for c in (view.case.plan.choices if view.case.plan else ())
    ):
        notes.append(f"还款方案无法计算，文书中不包含方案：{view.plan_problem.zh}")
    if view.budget_note is not None:
        notes.append(view.budget_note.zh)
    case = view.case
    known = {d.creditor for d in case.debts} | {d.id for d in case.debts}
    for name in dict.fromkeys(
        x.creditor for x in (*case.disputes, *case.progress_notes) if x.creditor not in known
    ):
        notes.append(f"征信异议或执行情况写的债权人“{name}”不在案件的债务中，文书中不包含它")
    inputs = DocumentInputs(
        view=view,
        disclosure=disclosure or Disclosure(),
        evidence=tuple(evidence),
        progress=tuple(progress),
        complaint_to=complaint_to,
    )
    return Gathered(inputs, tuple(notes))
