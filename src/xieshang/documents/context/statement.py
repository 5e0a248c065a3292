"""The 个人财务状况说明's income and spending: the statement's lines and the one available amount the case view
gives (every letter states the same amount)."""

from __future__ import annotations

from decimal import Decimal

from xieshang.core.vocabulary import label
from xieshang.view import CaseView

from .text import capitals, clean, money, paragraphs


def available_sentence(available: Decimal) -> str:
    if available >= 0:
        return f"扣除必要生活支出后，本人每月可用于还款的金额为人民币{money(available)}元（大写：{capitals(available)}）。"
    return f"本人每月收入不足以支付必要生活支出，每月缺口为人民币{money(-available)}元（大写：{capitals(-available)}）。"


def statement_context(view: CaseView) -> dict[str, object]:
    statement, outcome = view.case.budget, view.statement
    rows: list[dict[str, str]] = []
    lines: list[str] = []
    if statement is not None and outcome is not None:
        names = view.reference.categories
        for line in statement.lines:
            name = line.label or (names[line.category].zh if line.category in names else line.category)
            rows.append({"label": clean(name), "kind": label(line.group).zh, "amount": money(line.amount)})
        assets = [
            f"{label(a.kind).zh}{money(a.value)}元" + (f"（{clean(a.note)}）" if a.note else "")
            for a in statement.assets
        ]
        notes = ("资产：" + "；".join(assets) + "。",) if assets else ("（未填写资产情况）",)
        lines = [available_sentence(outcome.available)] + [p for text in notes for p in paragraphs(text)]
    return {
        "given": statement is not None,
        "rows": rows,
        "paragraphs": lines,
        "missing": "（尚未填写收支情况）",
    }
