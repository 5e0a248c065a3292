"""The case file: located errors (all of them), people's notation, exact round-trips, the published schema."""

import dataclasses
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang import casefile
from xieshang.casefile import (
    debt_to_dict,
    dump_case,
    dumps_json,
    dumps_yaml,
    json_schema,
    load_case_file,
    load_case_text,
    parse_debt,
)
from xieshang.core.case import Borrower, Case
from xieshang.core.errors import ValidationError
from xieshang.core.terms import LenderType, Loan, Method, Payment, PaymentOrder, RevolvingTerms

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample-case.yaml"
D = Decimal

MINIMAL = """
version: 1
borrower: {name: 张三}
debts:
  - id: jiebei
    creditor: 某消费金融有限公司
    lender_type: consumer_finance
    principal: "20000.00"
    received: "19400.00"
    start_date: 2025-03-01
    term_months: 12
    method: equal_installment
    annual_rate: 18
    periodic_fee: "60.00"
    payments:
      - {date: 2025-04-01, amount: "1893.10"}
    penalty_rate_multiplier: 1.5
"""


def errors_of(text: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        load_case_text(text)
    return [str(e) for e in caught.value.errors]


def test_the_issue_example_reads_into_core_values() -> None:
    case = load_case_text(MINIMAL)
    (debt,) = case.debts
    assert case.borrower == Borrower("张三")
    assert debt.annual_rate == D("0.18")  # 18 means 18 %
    assert debt.received == D("19400.00") and debt.cash_received == D("19400.00")
    assert debt.payments == (Payment(date(2025, 4, 1), D("1893.10")),)
    assert debt.lender_type is LenderType.CONSUMER_FINANCE and debt.method is Method.EQUAL_INSTALLMENT


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("principal", '"¥20,000.00"', D("20000.00")),
        ("principal", '"2万"', D("20000.00")),
        ("principal", "20000", D("20000.00")),
        ("annual_rate", '"18%"', D("0.18")),
        ("annual_rate", "4.9", D("0.049")),
    ],
)
def test_people_notation_is_accepted(field: str, value: str, expected: Decimal) -> None:
    text = MINIMAL.replace(f"    {field}: ", f"    {field}: {value} #", 1)
    assert getattr(load_case_text(text).debts[0], field) == expected


def test_every_error_is_reported_with_its_location() -> None:
    text = """
version: 1
borrower: {name: ""}
colour: blue
debts:
  - {id: a, lender_type: bank, principal: "100", start_date: 2025-01-01, term_months: 12,
     method: equal_installment, annual_rate: 5}
  - {id: a, lender_type: bank, principal: "100", start_date: 2025-01-01, term_months: 12,
     method: equal_installment, annual_rate: 5}
  - {id: c, lender_type: bank, principal: "abc", start_date: 2025-02-30, term_months: 0,
     method: equal_installment, annual_rate: -3, colour: red}
  - {id: d, lender_type: pawnshop, principal: "100", start_date: 2025-01-01, term_months: 3, method: daily}
"""
    errors = errors_of(text)
    assert "colour: 未知字段 / unknown field" in errors
    assert "borrower.name: 不能为空 / must not be empty" in errors
    assert any(e.startswith("debts[1].id: 与 debts[0] 重复") for e in errors)
    assert any(e.startswith("debts[2].principal: ") and "abc" in e for e in errors)
    assert any(e.startswith("debts[2].start_date: ") for e in errors)
    assert any(e.startswith("debts[2].term_months: ") for e in errors)
    assert any(e.startswith("debts[2].annual_rate: ") and "must be a number ≥ 0" in e for e in errors)
    assert "debts[2].colour: 未知字段 / unknown field" in errors
    assert any(e.startswith("debts[3].lender_type: ") and "pawnshop" in e for e in errors)
    assert any(e.startswith("debts[3].annual_rate: ") and "daily_rate" in e for e in errors)


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"received": "30000"}, "received"),
        ({"method": "card_instalment"}, "period_fee_rate"),
        ({"daily_rate": 0.05}, "daily_rate"),
        ({"revolving": {"statement_day": 5}}, "revolving"),
        ({"payments": [{"date": "2025-02-01", "amount": "10"}]}, "payments[0].date"),
        ({"payments": [{"date": "2025-04-01", "amount": "0"}]}, "payments[0].amount"),
        ({"payments": [{"date": "2025-04-01"}]}, "payments[0].amount"),
        ({"day_count": 364}, "day_count"),
        ({"payment_day": 32}, "payment_day"),
        ({"compound_overdue_interest": "yes"}, "compound_overdue_interest"),
        ({"payment_order": "whatever"}, "payment_order"),
        ({"start_date": "2025-03-01T10:00:00"}, "start_date"),
        ({"id": None}, "id"),
    ],
)
def test_parse_debt_locates_errors_relative_to_the_debt(change: dict[str, Any], path: str) -> None:
    data = {**yaml.safe_load(MINIMAL)["debts"][0], **change}
    with pytest.raises(ValidationError) as caught:
        parse_debt(data)
    assert path in [e.path for e in caught.value.errors]
    with pytest.raises(ValidationError) as prefixed:
        parse_debt(data, "debts[4]")
    assert f"debts[4].{path}" in [e.path for e in prefixed.value.errors]


def test_the_top_level_must_be_a_mapping_and_versions_are_checked() -> None:
    assert errors_of("- 1\n- 2\n")[0].endswith("the case file must be a mapping at the top")
    assert any(e.startswith("version: ") for e in errors_of(MINIMAL.replace("version: 1", "version: 2")))
    assert "debts: 必填 / required" in errors_of("version: 1\nborrower: {name: 张三}\n")
    assert "borrower: 必填 / required" in errors_of("version: 1\ndebts: []\n")


def test_bad_yaml_and_bad_json_name_the_line() -> None:
    (message,) = errors_of("version: 1\nborrower: {name: 张三\n")
    assert "YAML" in message and "line" in message
    with pytest.raises(ValidationError, match=r"JSON.*line 1"):
        load_case_text('{"version": 1,,}', "case.json")


def test_missing_and_directory_files_are_located_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="file not found"):
        load_case_file(tmp_path / "nope.yaml")
    with pytest.raises(ValidationError, match="directory"):
        load_case_file(tmp_path)


def test_json_and_yaml_read_the_same_case(tmp_path: Path) -> None:
    case = load_case_file(SAMPLE)
    path = tmp_path / "case.json"
    path.write_text(dumps_json(case), encoding="utf-8")
    assert load_case_file(path) == case
    assert load_case_text(dumps_yaml(case)) == case


def test_the_sample_case_covers_every_lender_type_and_method() -> None:
    case = load_case_file(SAMPLE)
    assert len(case.debts) >= 6
    assert {d.lender_type for d in case.debts} == set(LenderType)
    assert {d.method for d in case.debts} == set(Method)


def _json_form(path: Path) -> Any:
    """The YAML file as JSON would carry it (YAML's unquoted dates become ISO strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_the_sample_case_validates_against_the_published_schema() -> None:
    schema = json.loads(casefile.published_schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_json_form(SAMPLE), schema)
    jsonschema.validate(dump_case(load_case_file(SAMPLE)), schema)


def test_the_schema_rejects_what_the_reader_rejects() -> None:
    schema = json_schema()
    bad = _json_form(SAMPLE)
    bad["debts"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
    bad = _json_form(SAMPLE)
    bad["debts"][0]["method"] = "card_instalment"  # without period_fee_rate
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_published_schema_is_current() -> None:
    """The published file is the core schema with every built-in section (budget, plan, contacts, materials).

    After changing a section's schema, refresh it with
    ``.venv/bin/python -c "from xieshang.casefile import write_published_schema; write_published_schema()"``.
    """
    published = json.loads(casefile.published_schema_text())
    assert published == json_schema()
    assert {"budget", "plan", "contacts", "materials"} <= set(published["properties"])


def test_every_section_is_listed_once_with_its_schema_loader_and_writer() -> None:
    """The sections are one static list: each fills its own Case field, its schema is part of the published
    schema, and a case with it round-trips (``contacts: [..]`` → ``case.contacts`` → the same data)."""
    names = [s.name for s in casefile.SECTIONS]
    assert names == ["budget", "plan", "contacts", "materials", "disputes", "progress_notes", "agreements"]
    assert {s.field for s in casefile.SECTIONS} <= {f.name for f in dataclasses.fields(Case)}
    for section in casefile.SECTIONS:
        assert json_schema()["properties"][section.name] == section.schema
    text = (
        MINIMAL
        + "contacts: [{id: c1, debt: d1, when: '2026-11-01 10:00', channel: 电话, direction: outgoing}]\n"
    )
    case = load_case_text(text)
    assert [c.channel.value for c in case.contacts] == ["phone"]
    assert dump_case(case)["contacts"][0]["channel"] == "phone"
    assert "contacts: 必须是列表 / must be a list" in errors_of(MINIMAL + "contacts: 3\n")


# ---- round trips ---------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=D("0.01"), max_value=D("9999999.99"), places=2)
percents = st.decimals(min_value=D(0), max_value=D("99.9999"), places=4).map(lambda p: p / 100)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12).map(
    str.strip
)


@st.composite
def loans(draw: st.DrawFn, index: int = 0) -> Loan:
    method = draw(st.sampled_from(list(Method)))
    start = draw(days)
    principal = draw(amounts)
    received = draw(st.none() | st.decimals(min_value=D("0.01"), max_value=principal, places=2))
    payments = [
        Payment(draw(st.dates(min_value=start, max_value=date(2031, 12, 31))), draw(amounts), draw(texts))
        for _ in range(draw(st.integers(0, 3)))
    ]
    payments = tuple(sorted(payments, key=lambda p: p.date))
    return Loan(
        id=f"debt-{index}",
        principal=principal,
        start_date=start,
        term_months=draw(st.integers(1, 360)),
        method=method,
        annual_rate=draw(percents),
        creditor=draw(texts),
        lender_type=draw(st.sampled_from(list(LenderType))),
        received=received,
        daily_rate=draw(percents.map(lambda r: r / 100))
        if method in (Method.DAILY, Method.REVOLVING)
        else None,
        period_fee_rate=draw(percents) if method is Method.CARD_INSTALMENT else None,
        day_count=draw(st.sampled_from([360, 365])),
        periodic_fee=draw(amounts | st.just(D("0.00"))),
        upfront_fee=draw(amounts | st.just(D("0.00"))),
        payment_day=draw(st.none() | st.integers(1, 31)),
        payments=payments,
        penalty_rate_multiplier=draw(st.decimals(min_value=D(0), max_value=D(3), places=2)),
        penalty_annual_rate=draw(st.none() | percents),
        compound_overdue_interest=draw(st.booleans()),
        late_fee_fixed=draw(amounts | st.just(D("0.00"))),
        late_fee_rate=draw(percents),
        payment_order=draw(st.sampled_from(list(PaymentOrder))),
        revolving=RevolvingTerms(
            statement_day=draw(st.integers(1, 28)), late_fee_max=draw(st.none() | amounts)
        )
        if method is Method.REVOLVING
        else None,
        notes=draw(texts),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    count = draw(st.integers(0, 3))
    return Case(
        borrower=Borrower(
            draw(texts.filter(bool)), phone=draw(texts), email=draw(texts), address=draw(texts)
        ),
        debts=tuple(draw(loans(i)) for i in range(count)),
        as_of=draw(st.none() | days),
    )


@settings(max_examples=100, deadline=None)
@given(cases())
def test_yaml_and_json_round_trips_are_exact(case: Case) -> None:
    assert load_case_text(dumps_yaml(case)) == case
    assert load_case_text(dumps_json(case), "case.json") == case


@settings(max_examples=100, deadline=None)
@given(loans())
def test_debt_to_dict_round_trips_through_parse_debt(loan: Loan) -> None:
    assert parse_debt(debt_to_dict(loan)) == loan
    assert parse_debt(json.loads(json.dumps(debt_to_dict(loan)))) == loan


def test_stored_payments_are_held_to_the_debts_start_and_kept_in_date_order() -> None:
    """The web reads payments as typed rows (``casefile.with_payments``), not through the text reader: a
    payment before the debt's start (possible once the start is edited later) is still a located error,
    and the payments come back ordered by date whatever order they were given in."""
    loan = casefile.parse_debt(
        {"id": "a", "lender_type": "bank", "principal": "1000", "start_date": "2025-03-01",
         "term_months": 3, "method": "equal_installment", "annual_rate": 12}
    )  # fmt: skip
    later, earlier = Payment(date(2025, 5, 1), Decimal("340")), Payment(date(2025, 4, 1), Decimal("340"))
    assert casefile.with_payments(loan, [later, earlier]).payments == (earlier, later)
    with pytest.raises(ValidationError) as caught:
        casefile.with_payments(loan, [later, Payment(date(2025, 2, 1), Decimal("1"))], "debts[0]")
    (error,) = caught.value.errors
    assert error.path == "debts[0].payments[1].date"
    assert error.get("zh") == "还款日期早于借款开始日"
