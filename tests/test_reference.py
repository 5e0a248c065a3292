"""The packaged reference data is well-formed: every line cited and rated for confidence, the LPR series sound."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
import yaml

from xieshang import reference
from xieshang.core.legal import LprFormula
from xieshang.core.terms import LenderType


def test_every_line_has_source_confidence_and_both_languages() -> None:
    lines = reference.legal_lines()
    assert lines.version >= 1
    for line in lines.lines:
        assert line.source and line.article, line.id
        assert line.confidence in reference.CONFIDENCES, line.id
        assert line.title_zh and line.title_en and line.summary_zh and line.summary_en, line.id


def test_the_lines_the_issue_names_are_present_with_their_kind() -> None:
    lines = reference.legal_lines()
    caps = {line.id for line in lines.rate_caps}
    assert caps == {
        "private-lending-4x-lpr",
        "private-lending-transition",
        "financial-loan-24",
        "cash-loan-36",
        "assisted-lending-2025",
        "private-lending-old-rules",
    }
    refs = {line.id for line in lines.references}
    assert {
        "local-fin-org-excluded",
        "no-prededucted-interest",
        "penalty-reducible",
        "prepayment",
        "pboc-annualised-rate-statement",
        "card-individual-instalment",
    } <= refs


# regulations.md §8 (added 2026-12): each row with the confidence the facts give it.
ADDED_2026_12 = {
    "private-lending-overdue-default": ("press", "第二十八条"),
    "private-lending-compounding": ("press", "第二十七条"),
    "usury-ban": ("text", "第六百八十条"),
    "limitation-3y": ("text", "第一百八十八条"),
    "card-reduce-all-charges": ("text", "第二条"),
    "card-collection-interrupts": ("text", "第三条"),
    "penalty-30-percent": ("text", "第六十四条"),
    "small-loan-2025": ("press", "全文"),
    "collection-guideline-2026": ("press", "全文"),
    "paid-agents": ("press", "全文"),
}


def test_the_rows_added_for_2026_cite_their_source_and_the_confidence_of_the_facts() -> None:
    lines = reference.legal_lines()
    assert lines.version >= 2
    for line_id, (confidence, article) in ADDED_2026_12.items():
        line = lines.get(line_id)
        assert line.confidence == confidence, line_id
        assert article in line.article and line.source, line_id
        assert line.effective_from is not None or line_id == "paid-agents", line_id


def test_the_assisted_lending_line_requires_the_flag_and_stays_reported() -> None:
    line = reference.legal_lines().get("assisted-lending-2025")
    assert line.requires == ("assisted_lending",)
    assert (line.status, line.confidence) == ("reported", "press")
    assert "2025-04-01" in line.source and "2025-04-03" in line.source


def test_an_unknown_flag_is_a_located_error() -> None:
    text = """version: 1
lines:
  - {id: x, kind: rate_cap, rate: "0.2", title_zh: 甲, title_en: a, source: s, article: a, confidence: text,
     summary_zh: 甲, summary_en: a, requires: [flying]}
"""
    with pytest.raises(reference.ReferenceDataError, match=r"lines\[0\]\.requires: unknown flags flying"):
        reference.parse_legal_lines(text)


def test_the_private_line_is_a_formula_read_on_the_contract_date() -> None:
    line = reference.legal_lines().get("private-lending-4x-lpr")
    assert line.formula == LprFormula(Decimal(4), "1y")
    assert line.lpr_on == "contract"
    assert line.lender_types == (LenderType.PRIVATE,)
    assert line.contracts_from == date(2020, 8, 20)


def test_lines_not_read_in_the_official_text_say_so() -> None:
    lines = reference.legal_lines()
    assert lines.get("financial-loan-24").confidence == "press"
    assert lines.get("cash-loan-36").confidence == "press"
    assert lines.get("assisted-lending-2025").status == "reported"


def test_lpr_csv_is_sorted_and_its_4x_column_is_four_times_the_one_year_rate() -> None:
    rows = list(csv.DictReader(io.StringIO(reference.read_data_text("lpr.csv"))))
    days = [date.fromisoformat(r["publish_date"]) for r in rows]
    assert days == sorted(days) and len(set(days)) == len(days)
    assert days[0] == date(2019, 8, 20)
    for row in rows:
        assert Decimal(row["cap_4x_1y"]) == 4 * Decimal(row["lpr_1y"]), row["publish_date"]


def test_lpr_series_matches_the_csv() -> None:
    series = reference.lpr_series()
    assert len(series.rates) == len(reference.read_data_text("lpr.csv").strip().splitlines()) - 1
    assert series.on(date(2019, 8, 20)).one_year == Decimal("0.0425")


def test_lpr_file_has_its_source_note() -> None:
    text = reference.read_data_text("lpr.SOURCE.md")
    assert "publish_date" in text and "single_source" in text


def test_help_channels_include_12378_and_legal_aid() -> None:
    numbers = {c.number: c for c in reference.help_channels()}
    assert {"12378", "12348", "12363", "12321", "110", "400-810-8866"} <= set(numbers)
    assert numbers["12378"].confidence == "press"
    assert reference.help_channel("legal-aid-12348").number == "12348"


def test_data_files_carry_a_version() -> None:
    for name in ("legal_lines.yaml", "help_channels.yaml"):
        assert isinstance(yaml.safe_load(reference.read_data_text(name))["version"], int)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nlines: [{id: x, kind: reference}]", "title_zh"),
        ("lines: []", "version"),
        (
            "version: 1\nlines: [{id: x, kind: rate_cap, title_zh: a, title_en: a, source: s, article: a,"
            " confidence: text, summary_zh: a, summary_en: a}]",
            "exactly one of rate and formula",
        ),
        (
            "version: 1\nlines: [{id: x, kind: reference, title_zh: a, title_en: a, source: s, article: a,"
            " confidence: maybe, summary_zh: a, summary_en: a}]",
            "confidence",
        ),
        ("version: 1\nlines: [{id: x, kind: reference, colour: red}]", "unknown keys colour"),
    ],
)
def test_malformed_line_files_are_named(text: str, message: str) -> None:
    with pytest.raises(reference.ReferenceDataError, match=message):
        reference.parse_legal_lines(text)


def test_unsorted_lpr_rows_are_rejected() -> None:
    text = "publish_date,lpr_1y,lpr_5y,cap_4x_1y,note\n2020-02-20,4.05,4.75,16.20,\n2020-01-20,4.15,4.80,16.60,\n"
    with pytest.raises(reference.ReferenceDataError, match="ascending"):
        reference.parse_lpr_csv(text)
