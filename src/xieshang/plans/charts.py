"""Balances over time as an inline SVG line chart: the plan against the status quo, drawn from core's projections.

The geometry is computed here (points in a fixed 360 × 230 viewBox that scales to the screen, so the labels keep
their size relative to the chart on a phone); the template draws it and carries the text alternative: a title, a
description and a table of the same figures. The amounts' labels sit in a gutter left of the plot and the months'
below it, so no line ever crosses a label; the amounts are round steps (¥2.5万, ¥5万 …), labelled without ".00".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from xieshang.core.dates import add_months, month_key
from xieshang.core.money import ZERO, cents
from xieshang.view import PlanResult, Projection

WIDTH, HEIGHT = 360, 230
LEFT, RIGHT, TOP, BOTTOM = (
    56,
    350,
    12,
    200,
)  # the plot; the amounts' labels end at LEFT - 6, the months' below
LABEL_GAP = 6
MAX_MONTHS_SHOWN = 120


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in the viewBox
    label: str | Decimal  # a month ("2027-06") or an amount (formatted by the template's money filter)
    anchor: str = "middle"  # SVG text-anchor

    @property
    def label_at(self) -> float:
        """Where an amount's label's baseline sits: centred on its grid line (12-unit text)."""
        return self.at + 4


@dataclass(frozen=True)
class Series:
    key: str  # plan | quo
    points: str  # "x,y x,y …" for <polyline>
    values: tuple[Decimal, ...]  # owed after each month, month 0 = today


@dataclass(frozen=True)
class ChartRow:
    month: str
    plan: Decimal | None
    quo: Decimal | None


@dataclass(frozen=True)
class BalanceChart:
    width: int
    height: int
    plan: Series
    quo: Series
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    rows: tuple[ChartRow, ...]  # the text alternative: every sixth month and the last
    shown_months: int
    quo_truncated: bool  # the status quo runs past the months drawn
    left: int = LEFT
    right: int = RIGHT
    label_x: int = LEFT - LABEL_GAP  # the amounts' labels end here (text-anchor end)
    axis_y: int = BOTTOM
    month_label_y: int = BOTTOM + 18


def balances(projection: Projection, opening: Decimal) -> tuple[Decimal, ...]:
    """Total owed today, then after each month of the projection."""
    return (opening, *(cents(sum(row.balances.values(), ZERO)) for row in projection.rows))


def _months(projection: Projection, count: int) -> list[str]:
    """Month 0 is the month before the first payment (today's balance), month i the i-th month of payments."""
    return [month_key(add_months(projection.start, i - 1)) for i in range(count)]


def _nice_step(value: Decimal, ticks: int = 4) -> Decimal:
    """The round step (1, 2, 2.5 or 5 times a power of ten) by which at most ``ticks`` steps reach ``value``."""
    if value <= 0:
        return Decimal(1)
    rough = value / ticks
    power = Decimal(10) ** (len(str(int(rough))) - 1) if rough >= 1 else Decimal(1)
    for factor in ("1", "2", "2.5", "5", "10"):
        step = power * Decimal(factor)
        if step * ticks >= value:
            return step
    return power * 10


def _points(values: Sequence[Decimal], span: int, top: Decimal) -> str:
    width, height = RIGHT - LEFT, BOTTOM - TOP
    out = []
    for index, value in enumerate(values):
        x = LEFT + width * index / max(span, 1)
        y = BOTTOM - float(value / top) * height
        out.append(f"{x:.1f},{y:.1f}")
    return " ".join(out)


def balance_chart(result: PlanResult) -> BalanceChart | None:
    """The chart of ``result`` (None when the plan has no months: nothing affordable)."""
    plan, quo = result.projection, result.status_quo
    if not plan.rows:
        return None
    today = cents(sum((c.position.balance for c in result.creditors), ZERO))
    plan_values, quo_values = balances(plan, today), balances(quo, today)
    span = min(max(len(plan_values), len(quo_values)) - 1, max(MAX_MONTHS_SHOWN, len(plan_values) - 1))
    quo_shown = quo_values[: span + 1]
    highest = max(max(plan_values), max(quo_shown))
    step_size = _nice_step(highest)
    count = max(1, int((highest / step_size).to_integral_value(rounding=ROUND_CEILING)))  # up to a round top
    top = step_size * count
    y_ticks = tuple(
        Tick(BOTTOM - (BOTTOM - TOP) * i / count, cents(step_size * i)) for i in range(1, count + 1)
    )
    labels = _months(plan, span + 1)
    step = max(1, round(span / 4))
    marks = [i for i in range(0, span, step) if i == 0 or span - i >= step / 2]
    x_ticks = (
        *(Tick(LEFT + (RIGHT - LEFT) * i / span, labels[i], "start" if i == 0 else "middle") for i in marks),
        Tick(RIGHT, labels[span], "end"),
    )
    rows = tuple(
        ChartRow(
            labels[i] if i < len(labels) else "",
            plan_values[i] if i < len(plan_values) else None,
            quo_values[i] if i < len(quo_values) else None,
        )
        for i in sorted({*range(0, span + 1, 6), span})
    )
    return BalanceChart(
        WIDTH,
        HEIGHT,
        Series("plan", _points(plan_values, span, top), plan_values),
        Series("quo", _points(quo_shown, span, top), quo_shown),
        y_ticks,
        x_ticks,
        rows,
        span,
        len(quo_values) - 1 > span,
    )
