"""The plans a builder tries are kept per case view for the last few keystrokes only.

A cached case view lives until its case changes, so a view that kept every plan ever tried grew by a plan per
keystroke (tens of MB each for a large case). It keeps the last ``TRIALS_KEPT``: a repeat of a recent trial is
the very same plan, an old one is built again (and gives the same figures).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from xieshang.casefile import load_case_file
from xieshang.core.plan import PlanSpec
from xieshang.view import TRIALS_KEPT, CaseView

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample-case.yaml"


def test_recent_trials_are_kept_and_old_ones_rebuilt_alike() -> None:
    view = CaseView.of(load_case_file(SAMPLE))
    first = view.plan_for(PlanSpec(budget=Decimal("3000")))
    assert view.plan_for(PlanSpec(budget=Decimal("3000"))) is first  # a repeated keystroke: kept
    for extra in range(1, TRIALS_KEPT + 1):  # as many other budgets as are kept push the first one out
        view.plan_for(PlanSpec(budget=Decimal(3000 + extra)))
    again = view.plan_for(PlanSpec(budget=Decimal("3000")))
    assert again is not first  # built again, not kept for ever
    assert again.projection.total_paid == first.projection.total_paid
    assert [m.total for m in again.projection.rows] == [m.total for m in first.projection.rows]
