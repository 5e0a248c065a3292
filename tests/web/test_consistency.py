"""One case, computed once: every output states the plan's own figures.

For every creditor with a proposed option, the option, the months, the first monthly amount, the amount waived
and the total are read back out of each place a person or a program sees them — the plan builder's page,
``xieshang case plan --json``, the 申请书 and the 还款计划书 (DOCX text and PDF text), the Excel export, and the
plan's reminders (``xieshang remind --json``) — and must be identical. The monthly amount available is read out
of the 个人财务状况说明, every letter that states one, the dashboard and the plan builder, and must be one figure.

Four case files: the packaged demo, a waiver of what is above a legal line (with a saved plan budget of ¥3,000
that the statement's ¥2,850 overrides), a deferral next to a 48-month re-instalment and a 36-month freeze, and a
bullet private loan with a revolving card.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from typer.testing import CliRunner

from xieshang.cases.case_writes import import_case_text
from xieshang.cases.demo import demo_text
from xieshang.cli import app
from xieshang.core.vocabulary import OptionKind, label

from ..documents.text import docx_text, pdf_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cases"
CASES = ("demo", "waiver-above-line", "deferral", "bullet-and-card")
MONEY = r"([\d,]+\.\d{2})"
runner = CliRunner()


@dataclass(frozen=True)
class Figures:
    option: OptionKind
    months: int
    first: Decimal
    waived: Decimal
    total: Decimal


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("¥", ""))


def option_named(name: str) -> OptionKind:
    """An option from its label as a page, a letter or the workbook writes it (Chinese, maybe + English)."""
    for kind in OptionKind:
        if name.strip().startswith(label(kind).zh):
            return kind
    raise AssertionError(f"no option is called {name!r}")


def case_text(name: str) -> str:
    return demo_text() if name == "demo" else (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")


def from_json(path: Path) -> tuple[dict[str, Figures], Decimal]:
    result = runner.invoke(app, ["case", "plan", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    figures = {
        c["id"]: Figures(
            OptionKind(c["option"]),
            c["months"],
            Decimal(c["monthly"]),
            Decimal(c["waived"]),
            Decimal(c["total_paid"]),
        )
        for c in data["creditors"]
        if c["proposed"]
    }
    return figures, Decimal(data["budget"])


def from_builder(page: str) -> dict[str, Figures]:
    found = {}
    for card in re.findall(r'<article class="[^"]*\bplan-creditor\b[^"]*".*?</article>', page, re.S):
        if "拟提出" not in card:
            continue
        debt = re.search(r'data-debt="([^"]+)"', card)
        kind = re.search(r'data-option="([^"]+)"', card)
        months = re.search(r'data-months="(\d+)"', card)
        first = re.search(r'data-testid="first-month">¥' + MONEY, card)
        total = re.search(r'data-testid="total-paid">¥' + MONEY, card)
        waived = re.search(r'data-testid="waived">¥' + MONEY, card)
        assert debt and kind and months and first and total, card
        found[debt[1]] = Figures(
            OptionKind(kind[1]),
            int(months[1]),
            amount(first[1]),
            amount(waived[1]) if waived else Decimal("0.00"),
            amount(total[1]),
        )
    return found


def from_letter(text: str) -> Figures:
    """The proposal paragraphs of a 申请书 or 还款计划书 (DOCX or PDF text, spaces and line breaks removed)."""
    flat = re.sub(r"\s+", "", text)
    kind = re.search(r"提出的方案为：(.+?)。", flat)
    grace = re.search(r"先宽限(\d+)个月", flat)
    months = re.search(r"分(\d+)期还款", flat.split("因此", 1)[-1])
    proposed = flat.split("因此", 1)[-1]  # after what the option alone would ask
    first = re.search(r"首月" + MONEY + "元", proposed) or re.search(
        r"(?:首期|每期)" + MONEY + "元", proposed
    )
    total = re.search(r"按此方案合计还款" + MONEY + "元", flat)
    waived = re.search(r"已扣除请求减免的" + MONEY + "元", flat)
    assert kind and total, flat
    count = int(months[1]) if months else 1
    return Figures(
        option_named(kind[1]),
        count + (int(grace[1]) if grace else 0),
        amount(first[1]) if first else amount(total[1]),
        amount(waived[1]) if waived else Decimal("0.00"),
        amount(total[1]),
    )


def from_plan_table(text: str) -> tuple[int, Decimal, Decimal]:
    """The 还款计划表 of a 还款计划书 (DOCX text): its rows, the first payment and the total."""
    rows = [line.split(" | ") for line in text.splitlines() if re.match(r"^\d+ \| \d{4}年\d+月 \|", line)]
    total = re.search(r"还款总额：人民币" + MONEY + "元", text)
    assert rows and total, text
    return len(rows), amount(rows[0][2]), amount(total[1])


def cell(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def from_workbook(data: bytes) -> dict[str, Figures]:
    sheet = load_workbook(io.BytesIO(data))["汇总 Summary"]
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == "债权人 Creditor")
    return {
        row[0]: Figures(option_named(row[1]), row[6], cell(row[5]), cell(row[4]), cell(row[7]))
        for row in rows[top + 1 :]
        if row[0] and row[2]
    }


def first_plan_reminders(path: Path) -> dict[str, Decimal]:
    result = runner.invoke(app, ["remind", str(path), "--days", "400", "--json"])
    assert result.exit_code == 0, result.output
    found: dict[str, Decimal] = {}
    for item in json.loads(result.output):
        if item["kind"] == "payment_due" and "还款计划" in item["title_zh"]:
            found.setdefault(item["debt_id"], Decimal(item["amount"]))
    return found


def available_in(text: str) -> set[Decimal]:
    flat = re.sub(r"\s+", "", text)
    stated = re.findall(r"每月可用于(?:还款|偿还全部债务)的金额为(?:人民币)?" + MONEY + "元", flat)
    return {amount(a) for a in stated}


@pytest.mark.slow
@pytest.mark.parametrize("which", CASES)
def test_every_output_states_the_plans_own_figures(which, client_in, owner, tmp_path):
    text = case_text(which)
    path = tmp_path / f"{which}.yaml"
    path.write_text(text, encoding="utf-8")
    case = import_case_text(owner, text, source_name=path.name)
    json_figures, budget = from_json(path)
    assert json_figures, "the case proposes something"

    builder = client_in.get(reverse("plans:builder", args=[case.pk])).content.decode()
    assert from_builder(builder) == json_figures

    workbook = client_in.get(reverse("plans:export", args=[case.pk]))
    by_name = from_workbook(workbook.content)
    names = {d.key: d.creditor for d in case.debts.all()}
    assert {key: by_name[names[key]] for key in json_figures} == json_figures

    reminders = first_plan_reminders(path)
    statuses = {d.key: d.status for d in case.debts.all()}
    for key, figures in json_figures.items():
        if statuses[key] in ("negotiating", "agreed", "performing") and figures.first > 0:
            assert reminders[key] == figures.first, key

    stated: set[Decimal] = set()
    for key, figures in json_figures.items():
        for name in ("application", "repayment_plan"):
            for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
                url = reverse("paperwork:download", args=[case.pk, name, fmt])
                response = client_in.post(url, {"creditor": names[key]})
                assert response.status_code == 200, response.content[:300]
                letter = read(response.content)
                assert from_letter(letter) == figures, (key, name, fmt)
                stated |= available_in(letter)
                if name == "repayment_plan" and fmt == "docx":
                    assert from_plan_table(letter) == (figures.months, figures.first, figures.total)

    statement = client_in.post(reverse("paperwork:download", args=[case.pk, "financial_statement", "docx"]))
    stated |= available_in(docx_text(statement.content))
    dashboard = client_in.get(reverse("case", args=[case.pk])).content.decode()
    shown = re.findall(r'data-testid="panel-available">¥' + MONEY, dashboard)
    field = re.search(r'name="budget" value="([\d.-]+)"', builder)
    assert field is not None
    everywhere = stated | {amount(a) for a in shown} | {Decimal(field[1]), budget}
    assert len(everywhere) == 1, everywhere
