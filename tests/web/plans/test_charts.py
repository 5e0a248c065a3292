"""The balance chart's geometry (plans/charts.py) from core's projections of the demo case."""

from __future__ import annotations

from decimal import Decimal

from xieshang import reference
from xieshang.cases.convert import core_case
from xieshang.core.plan import PlanSpec, build_plan
from xieshang.core.positions import positions_from_case
from xieshang.plans.charts import BOTTOM, LEFT, RIGHT, TOP, balance_chart


def result_for(case, budget: str):
    core = core_case(case)
    positions = positions_from_case(core, case.as_of, reference.legal_lines(), reference.lpr_series())
    return build_plan(positions, PlanSpec(budget=Decimal(budget)), case.as_of, reference.plan_limits())


def _xy(point: str) -> tuple[float, float]:
    x, y = point.split(",")
    return float(x), float(y)


def test_both_lines_start_at_todays_balance_and_the_plan_ends_at_zero(demo):
    result = result_for(demo, "3000")
    chart = balance_chart(result)
    assert chart is not None
    today = sum((c.position.balance for c in result.creditors), Decimal(0))
    assert chart.plan.values[0] == chart.quo.values[0] == today
    assert chart.plan.values[-1] == 0
    assert len(chart.plan.values) == len(result.projection.rows) + 1
    first, last = _xy(chart.plan.points.split()[0]), _xy(chart.plan.points.split()[-1])
    assert first[0] == LEFT and TOP <= first[1] < BOTTOM
    assert last[1] == BOTTOM and last[0] <= RIGHT
    top = max(t.label for t in chart.y_ticks)
    assert top >= today  # the axis holds the largest balance


def test_text_alternative_lists_month_zero_and_the_last_month(demo):
    result = result_for(demo, "3000")
    chart = balance_chart(result)
    assert chart.rows[0].plan == chart.plan.values[0]
    assert chart.rows[-1].month == chart.x_ticks[-1].label
    assert [r.month for r in chart.rows] == sorted(r.month for r in chart.rows)


def test_no_chart_when_nothing_is_affordable(demo):
    assert balance_chart(result_for(demo, "0")) is None


def test_a_status_quo_far_longer_than_the_plan_is_cut_off_and_said_so(demo):
    """At ¥400 a month the demo's status quo runs for decades; the chart stops at 120 months or the plan's end."""
    result = result_for(demo, "400")
    chart = balance_chart(result)
    assert chart.shown_months == max(120, len(result.projection.rows))
    assert chart.quo_truncated == (len(result.status_quo.rows) > chart.shown_months)


def test_amount_ticks_are_round_steps_and_sit_left_of_the_plot(demo):
    """Today the demo owes ¥91,489.88 (the dashboard's total); a quarter of it is 22,872.47, so the step is the
    first of 10,000 × (1, 2, 2.5, 5) that four steps take past it: 25,000, and the top ceil(91,489.88 / 25,000)
    = 4 steps = ¥100,000. Every point of both lines is inside the plot, right of the labels' gutter."""
    result = result_for(demo, "3000")
    chart = balance_chart(result)
    assert chart is not None
    assert [t.label for t in chart.y_ticks] == [
        Decimal(25000),
        Decimal(50000),
        Decimal(75000),
        Decimal(100000),
    ]
    assert chart.label_x < LEFT
    for series in (chart.plan, chart.quo):
        for point in series.points.split():
            x, y = _xy(point)
            assert LEFT <= x <= RIGHT and TOP <= y <= BOTTOM
