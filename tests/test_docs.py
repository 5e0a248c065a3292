"""The docs do not drift from the code: every setting and every CLI command is documented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from xieshang.cli import app
from xieshang.web.config import SETTINGS

ROOT = Path(__file__).resolve().parents[1]


def test_every_setting_is_in_the_operators_guide() -> None:
    text = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    missing = [s.key for s in SETTINGS if f"`{s.key}`" not in text]
    assert not missing, f"docs/operators.md does not document: {missing}"


def _commands(group: Any, prefix: str = "xieshang") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if command.hidden:
            continue
        if hasattr(command, "commands"):
            names.extend(_commands(command, f"{prefix} {name}"))
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_cli_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    commands = _commands(root)
    assert len(commands) >= 10
    missing = [c for c in commands if c not in readme]
    assert not missing, f"README.md does not show: {missing}"


def test_the_excess_page_explains_the_reading_with_the_articles_and_its_example_holds() -> None:
    """docs/excess.md cites the articles it relies on and its worked ¥10,000 example is what the engine gives."""
    from datetime import date
    from decimal import Decimal

    from xieshang import reference
    from xieshang.core.legal import applicable_lines
    from xieshang.core.terms import LenderType, Loan, Method

    text = (ROOT / "docs" / "excess.md").read_text(encoding="utf-8")
    for article in (
        "第六百七十条",
        "第六百七十七条",
        "第二十五",
        "第二十六条",
        "第二十八",
        "第三十一条",
        "第三十条",
    ):
        assert article in text, article
    assert "12378" in text and "12348" in text
    loan = Loan(
        "f", Decimal(10000), date(2025, 6, 1), 12, Method.BULLET, Decimal("0.10"),
        lender_type=LenderType.PRIVATE, penalty_rate_multiplier=Decimal("1.5"), compound_overdue_interest=True,
    )  # fmt: skip
    for received, shown in ((None, "223.15"), (Decimal(9000), "1,202.66")):
        debt = Loan(**{**loan.__dict__, "received": received})
        (line,) = (
            r
            for r in applicable_lines(
                debt, reference.legal_lines(), reference.lpr_series(), date(2026, 11, 29)
            )
            if r.id == "private-lending-4x-lpr"
        )
        assert f"{line.excess:,.2f}" == shown and f"**{shown} 元**" in text


def test_the_agreements_page_lists_every_review_rule_with_its_source() -> None:
    """docs/agreements.md has one table row per rule of data/agreement_rules.yaml, with the rule's source."""
    from xieshang import reference

    text = (ROOT / "docs" / "agreements.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in text.splitlines() if line.startswith("| `")}
    rules = reference.agreement_rules()
    assert set(rows) == {r.id for r in rules}
    for rule in rules:
        assert f"| {rule.source} | {rule.confidence} |" in rows[rule.id], rule.id
