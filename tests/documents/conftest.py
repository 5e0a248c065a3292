"""Fixtures for document tests: a full case built from core values, and ``--update-golden``.

The case has two creditors, hardship and materials, a chosen proposal, a financial statement, collection
findings, evidence, credit disputes and progress notes, so every section of every document has something to print.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from xieshang.core.case import Borrower, Case
from xieshang.core.contacts import Channel, ContactEntry, Direction, Flag, Party
from xieshang.core.disputes import CreditDispute, CreditRecord, ProgressNote, Recipient
from xieshang.core.materials import (
    Catalog,
    Hardship,
    HardshipReason,
    MaterialRecord,
    Materials,
    catalog_from_dict,
)
from xieshang.core.options import InterestFreeze
from xieshang.core.statement import Household, Line, Statement
from xieshang.core.terms import LenderType, Loan, Method, Payment
from xieshang.documents.context import DocumentInputs, EvidenceRow
from xieshang.reference import read_data_text
from xieshang.view import CaseView, CreditorChoice, PlanSpec

AS_OF = date(2026, 11, 28)
GOLDEN = Path(__file__).with_name("golden")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"
BANK = "示例银行信用卡中心"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/documents/golden/ from the output"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return catalog_from_dict(yaml.safe_load(read_data_text("materials.yaml")))


def sample_case() -> Case:
    materials = Materials(
        Hardship(
            (HardshipReason.UNEMPLOYMENT, HardshipReason.ILLNESS),
            "2026年3月公司裁员，本人失去工作，至今仍在求职。\n同年5月本人因病住院，医疗费用支出较大。",
            date(2026, 3, 1),
        ),
        (
            MaterialRecord("id_card", date(2026, 10, 1), ("ev-id",)),
            MaterialRecord("bank_statement", date(2026, 8, 1), ("ev-bank",), "工资卡流水"),
            MaterialRecord("termination_proof", date(2026, 3, 20), ("ev-term",)),
            MaterialRecord("diagnosis", date(2026, 5, 12), ("ev-diag",)),
        ),
    )
    card = Loan(
        "card-1",
        Decimal("30000.00"),
        date(2025, 6, 15),
        24,
        Method.CARD_INSTALMENT,
        creditor=BANK,
        lender_type=LenderType.CREDIT_CARD,
        period_fee_rate=Decimal("0.006"),
        payments=(
            Payment(date(2025, 7, 15), Decimal("1430.00")),
            Payment(date(2025, 8, 15), Decimal("1430.00")),
        ),
    )
    app = Loan(
        "app-1",
        Decimal("10000.00"),
        date(2025, 9, 1),
        12,
        Method.EQUAL_INSTALLMENT,
        Decimal("0.24"),
        creditor="示例网络小贷",
        lender_type=LenderType.ONLINE_PLATFORM,
        received=Decimal("9500.00"),
    )
    borrower = Borrower(
        "李四", "110101199001011234", "13812345678", "lisi@example.com", "北京市朝阳区示例路1号"
    )
    return Case(borrower, (card, app), as_of=AS_OF, materials=materials)


def full_case() -> Case:
    """The sample case with its credit disputes and progress notes: one of each about the other creditor, which
    the bank's letters must leave out, and the bank's notes entered out of period order."""
    case = sample_case()
    disputes = (
        CreditDispute(
            BANK,
            CreditRecord(
                "示例银行股份有限公司信用卡中心",
                "2025年9月还款状态为“逾期1期”。",
                "本人已于2025年8月15日按时足额还款，当月无逾期。",
                "信用卡分期账户（尾号5678）",
                date(2025, 10, 10),
            ),
            ("将2025年9月的还款状态更正为正常",),
            ("bank_statement", "还款成功短信截图"),
            Recipient.CREDIT_CENTER,
        ),
        CreditDispute(
            "示例网络小贷",
            CreditRecord("示例网络小贷有限公司", "多报一笔借款", "本人未借"),
        ),
    )
    notes = (
        ProgressNote(BANK, date(2026, 11, 1), date(2026, 11, 27), "已于11月15日按协议还款694.44元。"),
        ProgressNote(
            BANK,
            date(2026, 10, 1),
            date(2026, 10, 31),
            "已按协议于10月15日还款，未有逾期。\n本月收入仍不稳定，正在求职。",
        ),
        ProgressNote("示例网络小贷", date(2026, 11, 1), date(2026, 11, 27), "小贷的执行情况"),
    )
    return dataclasses.replace(case, disputes=disputes, progress_notes=notes)


STATEMENT = Statement(
    Household(adults=1),
    (
        Line("benefits", Decimal("1800.00"), label="失业保险金"),
        Line("family_support", Decimal("1500.00"), label="家人资助"),
        Line("housing", Decimal("1600.00"), label="房租"),
        Line("food", Decimal("900.00"), label="伙食"),
    ),
)
PLAN = PlanSpec(choices=(CreditorChoice("card-1", InterestFreeze(36), proposed=True),))
CONTACTS = (
    ContactEntry(
        "c1",
        "card-1",
        datetime(2026, 11, 2, 23, 40),  # noqa: DTZ001 - the contact log keeps local wall-clock times
        Channel.PHONE,
        Direction.INCOMING,
        creditor=BANK,
        summary="深夜来电催收",
    ),
    ContactEntry(
        "c2",
        "card-1",
        datetime(2026, 11, 5, 10, 0),  # noqa: DTZ001
        Channel.PHONE,
        Direction.INCOMING,
        creditor=BANK,
        party=Party.EMPLOYER,
        summary="致电本人同事并透露欠款",
        flags=frozenset({Flag.DISCLOSURE}),
    ),
)


def sample_inputs(catalog: Catalog, case: Case | None = None) -> DocumentInputs:
    """The full case with a statement (1,800 + 1,500 − 1,600 − 900 = 800.00 a month available), a plan that
    proposes a 36-month interest freeze to the bank, two collection contacts and an evidence index."""
    chosen = case or dataclasses.replace(full_case(), budget=STATEMENT, plan=PLAN, contacts=CONTACTS)
    return DocumentInputs(
        CaseView(chosen, AS_OF),
        evidence=(
            EvidenceRow(1, "通话录音", "手机录音", "2026-11-02 23:40", "夜间催收", "files/001-ab12.m4a"),
            EvidenceRow(
                2, "同事证言截图", "微信截图", "2026-11-05", "向第三人透露债务", "files/002-cd34.png"
            ),
        ),
    )


@pytest.fixture
def inputs(catalog: Catalog) -> DocumentInputs:
    return sample_inputs(catalog)


@pytest.fixture(scope="session")
def demo_inputs() -> DocumentInputs:
    """The packaged demo case, read and gathered exactly as ``xieshang docs`` does."""
    from xieshang.casefile import load_case_text
    from xieshang.documents.sources import gather

    return gather(CaseView.of(load_case_text(read_data_text("demo-case.yaml"), "demo-case.yaml"))).inputs
