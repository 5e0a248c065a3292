"""``xieshang calc``: a repayment schedule, and the true annualised cost of what you received and paid.

Percents on the command line (4.9 means 4.9 %); in ``--json`` money is a string with two decimals and rates are
fractions (0.128 for 12.8 %). Bad input → exit code 2 with one message naming the option.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from xieshang.casefile import AMOUNT_MAX, DATE_MAX, DATE_MIN, RATE_CEILINGS
from xieshang.core.cost import CashFlow, TrueCost, cost_of_payments, true_cost_of_flows
from xieshang.core.errors import ValidationError, XieshangError
from xieshang.core.loans import build_schedule
from xieshang.core.money import grouped, parse_amount, percent_to_rate, rate_to_percent
from xieshang.core.schedule import Schedule
from xieshang.core.terms import Loan, Method
from xieshang.view.today import today

from .common import fail, money_json, print_json, rate_json

app = typer.Typer(
    name="calc",
    help="计算器：还款计划表、真实年化成本。 Calculators: repayment schedules and the true annualised cost.",
    no_args_is_help=True,
)

METHODS = {
    "equal-installment": Method.EQUAL_INSTALLMENT,
    "equal-principal": Method.EQUAL_PRINCIPAL,
    "interest-only": Method.INTEREST_ONLY,
    "bullet": Method.BULLET,
    "daily": Method.DAILY,
    "card-instalment": Method.CARD_INSTALMENT,
}
# Field names of the core values → the option a person typed.
_OPTION_OF = {
    "principal": "--principal",
    "annual_rate": "--annual-rate",
    "term_months": "--months",
    "period_fee_rate": "--fee-rate",
    "daily_rate": "--daily-rate",
    "day_count": "--day-count",
    "periodic_fee": "--periodic-fee",
}
MAX_PERIODS = 1200


def _fail_validation(error: ValidationError) -> None:
    first = error.errors[0]
    option = _OPTION_OF.get(first.path, first.path)
    fail(f"{option}: {first.message}" if option else first.message)


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: 日期应写成 YYYY-MM-DD，如 2025-03-01 / a date like 2025-03-01, got {text!r}")
    if not DATE_MIN <= day <= DATE_MAX:
        fail(f"{option}: 日期应在 {DATE_MIN} 至 {DATE_MAX} 之间 / must be between {DATE_MIN} and {DATE_MAX}")
    return day


def parse_money(text: str, option: str) -> Decimal:
    try:
        amount = parse_amount(text)
    except ValidationError as error:
        fail(f"{option}: {error.errors[0].message}")
    if abs(amount) > AMOUNT_MAX:
        fail(f"{option}: 金额过大（最多 {AMOUNT_MAX:,.0f} 元） / too large (at most {AMOUNT_MAX:,.0f})")
    return amount


def parse_percent(text: str | None, option: str, ceiling: str = "annual_rate") -> Decimal | None:
    """A percent ≥ 0 and at most the case file's ceiling for the same field (10,000 % a year, 30 % a day …)."""
    if text is None:
        return None
    try:
        rate = percent_to_rate(text)
    except ValidationError:
        rate = Decimal(-1)
    if rate < 0:
        fail(f"{option}: 应为 ≥ 0 的百分数，如 4.9 表示 4.9% / a percent ≥ 0 such as 4.9, got {text!r}")
    top = RATE_CEILINGS[ceiling]
    if rate > top:
        shown = f"{rate_to_percent(top):,.0f}%"
        fail(f"{option}: 过大：最多 {shown} / too large: at most {shown}")
    return rate


# One part of --payments: an amount and an optional count. A thousands separator (``1,000``) is read as one only
# before a count (``1,000x12``) or after ¥ (``¥1,000``); otherwise commas separate payments (``500,500,1000``).
_UNIT = r"(?:\.\d+)?\s*(?:万|千|元)?"
_GROUPED = rf"\d{{1,3}}(?:[,，]\d{{3}})+{_UNIT}"
_COUNT = r"\s*[xX×*]\s*(?P<count>\d+)"
_END = r"\s*(?:[,，;；]|$)"
_PARTS = (
    re.compile(rf"\s*(?P<amount>[¥￥]?\s*{_GROUPED}){_COUNT}{_END}"),
    re.compile(rf"\s*(?P<amount>[¥￥]\s*{_GROUPED})(?:{_COUNT})?{_END}"),
    re.compile(rf"\s*(?P<amount>[¥￥]?\s*\d+{_UNIT})(?:{_COUNT})?{_END}"),
)
_SPEC_HELP = "应写成 金额x期数，如 8833.30x12、0x3,1000x9 或 ¥1,000x12 / use AMOUNTxCOUNT"


def parse_spec(spec: str) -> list[Decimal]:
    """``8833.30x12``, ``500x3,1000x9``, ``0x3,1000x9`` (months with nothing paid) or ``¥1,000x12`` → the
    monthly payments, in order. A comma inside an amount (``1,000``) groups thousands; between parts it
    separates them."""
    payments: list[Decimal] = []
    position, text = 0, spec.strip()
    while position < len(text):
        match = next((m for m in (part.match(text, position) for part in _PARTS) if m is not None), None)
        if match is None or match.end() == position:
            rest = text[position:].split(",")[0].strip() or text[position:]
            fail(f"--payments: 无法读取 {rest!r}：{_SPEC_HELP}")
        try:
            amount = parse_amount(match.group("amount"))
        except ValidationError:
            fail(f"--payments: 无法读取 {match.group('amount').strip()!r}：{_SPEC_HELP}")
        count = int(match.group("count") or 1)
        if count < 1:
            fail(f"--payments: 期数至少为 1 / the count must be at least 1: {match.group(0).strip()!r}")
        if amount > AMOUNT_MAX:
            fail(f"--payments: 金额过大（最多 {AMOUNT_MAX:,.0f} 元） / too large (at most {AMOUNT_MAX:,.0f})")
        payments.extend([amount] * count)
        if len(payments) > MAX_PERIODS:
            fail(f"--payments: 期数过多（最多 {MAX_PERIODS}） / too many periods (at most {MAX_PERIODS})")
        position = match.end()
    if not payments:
        fail(f"--payments: 没有还款 / no payments: {_SPEC_HELP}")
    return payments


def read_cashflows(path: Path) -> list[CashFlow]:
    """A CSV of ``date,amount`` rows (a header row is optional): + what you received, − what you paid."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        fail(f"--cashflows: 文件不存在 / file not found: {path}")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"--cashflows: 无法读取 / cannot read {path}: {error}")
    flows: list[CashFlow] = []
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2:
            fail(f"--cashflows: 第 {number} 行应为 日期,金额 / line {number}: expected date,amount")
        try:
            day = date.fromisoformat(row[0].strip())
        except ValueError:
            if number == 1:
                continue  # a header
            fail(f"--cashflows: 第 {number} 行日期无效 / line {number}: not a date: {row[0]!r}")
        try:
            amount = parse_amount(",".join(row[1:]).strip() if len(row) > 2 else row[1])
        except ValidationError as error:
            fail(f"--cashflows: 第 {number} 行 / line {number}: {error.errors[0].message}")
        flows.append(CashFlow(day, amount, f"第{number}行"))
    if len(flows) < 2:
        fail("--cashflows: 至少需要两行现金流 / at least two cash flows are needed")
    return flows


def _pct(rate: Decimal) -> str:
    return f"{rate_to_percent(rate):.2f}%"


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    return {
        "periods": [
            {
                "period": p.period,
                "due_date": p.due_date.isoformat(),
                "payment": money_json(p.payment),
                "principal": money_json(p.principal),
                "interest": money_json(p.interest),
                "fee": money_json(p.fee),
                "balance": money_json(p.balance),
            }
            for p in schedule.periods
        ],
        "total_payment": money_json(schedule.total_payment),
        "total_interest": money_json(schedule.total_interest),
        "total_fees": money_json(schedule.total_fees),
    }


@app.command("schedule")
def schedule(
    method: Annotated[str, typer.Option("--method", help="还款方式 " + " | ".join(METHODS))],
    principal: Annotated[str, typer.Option("--principal", help="本金，如 100000 或 10万 Principal")],
    months: Annotated[int, typer.Option("--months", help="期数（月） Term in months")],
    annual_rate: Annotated[
        str | None, typer.Option("--annual-rate", help="年利率（百分数，4.9 表示 4.9%） Percent a year")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="放款日 YYYY-MM-DD（默认今天） Start date")
    ] = None,
    fee_rate: Annotated[
        str | None,
        typer.Option(
            "--fee-rate", help="信用卡分期每期手续费率（百分数） Card instalment fee, percent a period"
        ),
    ] = None,
    daily_rate: Annotated[
        str | None, typer.Option("--daily-rate", help="日利率（百分数，0.05 表示万分之五） Percent a day")
    ] = None,
    day_count: Annotated[int, typer.Option("--day-count", help="计息天数基准 360 或 365 Day basis")] = 365,
    periodic_fee: Annotated[
        str, typer.Option("--periodic-fee", help="每期服务费等 Fee with every instalment")
    ] = "0",
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """还款计划表。 The contractual repayment schedule, rounded to the 分 per period."""
    chosen = METHODS.get(method.strip().lower().replace("_", "-"))
    if chosen is None:
        fail(f"--method: 必须是 {' | '.join(METHODS)} 之一 / must be one of these, got {method!r}")
    rate = parse_percent(annual_rate, "--annual-rate")
    fee = parse_percent(fee_rate, "--fee-rate", "period_fee_rate")
    daily = parse_percent(daily_rate, "--daily-rate", "daily_rate")
    if chosen is Method.CARD_INSTALMENT and fee is None:
        fail("--fee-rate: 信用卡分期必填（每期手续费率，百分数） / required for card-instalment")
    if chosen is Method.DAILY and rate is None and daily is None:
        fail(
            "--annual-rate: 按日计息需要 --annual-rate 或 --daily-rate / daily needs --annual-rate or --daily-rate"
        )
    if chosen not in (Method.CARD_INSTALMENT, Method.DAILY) and rate is None:
        fail("--annual-rate: 必填 / required")
    if not 1 <= months <= MAX_PERIODS:
        fail(f"--months: 应在 1–{MAX_PERIODS} 之间 / must be from 1 to {MAX_PERIODS}")
    loan = Loan(
        id="calc",
        principal=parse_money(principal, "--principal"),
        start_date=parse_day(start, "--start") or today(),  # China's date, the rule every figure follows
        term_months=months,
        method=chosen,
        annual_rate=rate or Decimal(0),
        daily_rate=daily,
        period_fee_rate=fee,
        day_count=day_count,
        periodic_fee=parse_money(periodic_fee, "--periodic-fee"),
    )
    try:
        result = build_schedule(loan)
    except ValidationError as error:
        _fail_validation(error)
    except XieshangError as error:
        fail(str(error))
    if as_json:
        print_json(schedule_json(result))
        return
    table = Table(title=f"还款计划 Schedule — {method}，本金 {grouped(loan.principal)}，{months} 期")
    for column in (
        "期 #",
        "还款日 Due",
        "月供 Payment",
        "本金 Principal",
        "利息 Interest",
        "费用 Fee",
        "剩余本金 Balance",
    ):
        table.add_column(column, justify="right")
    for p in result.periods:
        table.add_row(
            str(p.period),
            p.due_date.isoformat(),
            grouped(p.payment),
            grouped(p.principal),
            grouped(p.interest),
            grouped(p.fee),
            grouped(p.balance),
        )
    console = Console()
    console.print(table)
    console.print(
        f"合计还款 Total payment {grouped(result.total_payment)}；利息 interest {grouped(result.total_interest)}；"
        f"费用 fees {grouped(result.total_fees)}"
    )


def cost_json(cost: TrueCost) -> dict[str, Any]:
    return {
        "periodic_irr": rate_json(cost.periodic_irr, 8),
        "apr": rate_json(cost.apr, 8),
        "ear": rate_json(cost.ear, 8),
        "periods_per_year": cost.periods_per_year,
        "method": cost.method,
    }


@app.command("apr")
def apr(
    received: Annotated[
        str | None, typer.Option("--received", help="实际到手金额 What you actually received")
    ] = None,
    payments: Annotated[
        str | None,
        typer.Option("--payments", help="每月还款：金额x期数[,金额x期数…]，如 8833.30x12 Monthly payments"),
    ] = None,
    cashflows: Annotated[
        Path | None,
        typer.Option("--cashflows", help="CSV：日期,金额（到手为正、还款为负），按实际天数 XIRR Dated flows"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """真实年化成本（IRR）。 The true annualised cost: APR = IRR × 12, EAR = (1 + IRR)^12 − 1."""
    try:
        if cashflows is not None:
            if payments is not None or received is not None:
                fail(
                    "--cashflows: 不要与 --received/--payments 同用 / use either --cashflows or --received with --payments"
                )
            cost = true_cost_of_flows(read_cashflows(cashflows))
        else:
            if received is None:
                fail("--received: 必填（或使用 --cashflows） / required (or use --cashflows)")
            if payments is None:
                fail("--payments: 必填，如 8833.30x12 / required, e.g. 8833.30x12")
            amount = parse_money(received, "--received")
            if amount <= 0:
                fail("--received: 应大于 0 / must be greater than 0")
            cost = cost_of_payments(amount, parse_spec(payments))
    except XieshangError as error:
        fail(str(error))
    if as_json:
        print_json(cost_json(cost))
        return
    console = Console()
    table = Table(title="真实年化成本 True cost")
    table.add_column("指标 Measure")
    table.add_column("数值 Value", justify="right")
    label = "月内部收益率 IRR per month" if cost.method == "irr" else "折算月利率 Monthly equivalent (XIRR)"
    table.add_row(label, f"{rate_to_percent(cost.periodic_irr):.5f}%")
    table.add_row("年化利率（IRR×12，单利） APR", _pct(cost.apr))
    table.add_row("实际年利率（复利） EAR", _pct(cost.ear))
    console.print(table)
    console.print("按人民银行公告〔2021〕第3号的口径：计入全部费用，以实际到手金额为本金。仅供参考。")
