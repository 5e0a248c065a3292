"""Chart geometry for inline SVG, from the core's monthly summary. Horizontal bars only: on a phone a label
above each bar stays readable however many categories or months there are (the chart grows downwards).

The SVG is drawn in a 360-unit-wide box (a phone's width, so 14 units of text read as about 13 px there);
templates render the shapes, and each chart also comes with a table as its text alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from xieshang.core.money import ZERO
from xieshang.core.summary import Summary

WIDTH = 360
LABEL_H = 20  # room for one line of 14-unit text above a bar


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    amount: Decimal
    label: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = ""
    amount: Decimal | None = None  # printed with the money filter when set


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    texts: tuple[Text, ...]


def _scale(value: Decimal, largest: Decimal, room: float) -> float:
    if largest <= ZERO or value <= ZERO:
        return 0.0
    return max(float(value / largest) * room, 1.5)


def category_chart(amounts: list[tuple[str, Decimal]]) -> Chart:
    """One bar per category (largest first): the label and the amount on a line, the bar under it."""
    rows = sorted(((label, amount) for label, amount in amounts if amount > 0), key=lambda r: -r[1])
    largest = rows[0][1] if rows else ZERO
    bars: list[Bar] = []
    texts: list[Text] = []
    y = 0.0
    for label, amount in rows:
        texts.append(Text(0, y + 15, label))
        texts.append(Text(WIDTH, y + 15, "", "end", "figure", amount))
        bars.append(Bar(0, y + LABEL_H, _scale(amount, largest, WIDTH), 14, "bar-spend", amount, label))
        y += LABEL_H + 14 + 12
    return Chart(WIDTH, int(y) or 1, tuple(bars), tuple(texts))


SERIES = (("income", "bar-income"), ("expense", "bar-spend"), ("repayments", "bar-repay"))


def monthly_chart(summary: Summary) -> Chart:
    """Per month with any of them: income, spending and repayments as three thin bars on one scale."""
    largest = max(
        (getattr(m, name) for m in summary.months for name, _css in SERIES),
        default=ZERO,
    )
    bars: list[Bar] = []
    texts: list[Text] = []
    y = 0.0
    room = WIDTH - 90  # leave space for the figure after the bar
    for month in summary.months:
        if not any(getattr(month, name) > 0 for name, _css in SERIES):
            continue  # a month of transfers only: in the table, not worth a row of empty bars
        texts.append(Text(0, y + 15, month.month, css="month"))
        y += LABEL_H
        for name, css in SERIES:
            amount: Decimal = getattr(month, name)
            width = _scale(amount, largest, room)
            bars.append(Bar(0, y, width, 12, css, amount, name))
            if amount > 0:  # zero bars stay empty: the table lists every figure
                texts.append(Text(width + 4, y + 11, "", "start", "figure small", amount))
            y += 15
        y += 10
    return Chart(WIDTH, int(y) or 1, tuple(bars), tuple(texts))
