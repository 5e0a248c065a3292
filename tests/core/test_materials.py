"""The materials checklist: which items apply, which are ready, which are stale."""

import re
from datetime import date
from importlib import resources

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from xieshang.casefile.materials import MATERIALS_SCHEMA, materials_from_dict, materials_to_dict
from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError
from xieshang.core.materials import (
    Catalog,
    Hardship,
    HardshipReason,
    MaterialRecord,
    Materials,
    Status,
    build_checklist,
    catalog_from_dict,
)
from xieshang.core.terms import LenderType
from xieshang.core.vocabulary import label

AS_OF = date(2026, 11, 28)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    text = resources.files("xieshang").joinpath("data/materials.yaml").read_text(encoding="utf-8")
    return catalog_from_dict(yaml.safe_load(text))


def ids(entries: object) -> list[str]:
    return [e.item.id for e in entries]  # type: ignore[attr-defined]


def test_every_case_needs_id_contract_and_repayment_records(catalog: Catalog) -> None:
    checklist = build_checklist(catalog, Materials(), [LenderType.BANK], AS_OF)
    required = ids(e for e in checklist.entries if e.required)
    assert required == ["id_card", "loan_contract", "repayment_records"]
    assert all(e.status is Status.MISSING for e in checklist.entries)
    assert "household_register" in ids(checklist.entries)  # optional in every case


def test_unemployment_and_illness_add_their_proofs(catalog: Catalog) -> None:
    hardship = Hardship((HardshipReason.UNEMPLOYMENT, HardshipReason.ILLNESS))
    checklist = build_checklist(catalog, Materials(hardship), [LenderType.BANK], AS_OF)
    required = ids(e for e in checklist.entries if e.required)
    for item in ("termination_proof", "bank_statement", "diagnosis", "medical_bills"):
        assert item in required
    optional = ids(e for e in checklist.entries if not e.required)
    assert "unemployment_registration" in optional and "hospital_records" in optional
    statement = next(e for e in checklist.entries if e.item.id == "bank_statement")
    assert statement.because == ("困难原因：失业", "困难原因：疾病/医疗")


def test_lender_types_add_their_records(catalog: Catalog) -> None:
    card = build_checklist(catalog, Materials(), [LenderType.CREDIT_CARD], AS_OF)
    app = build_checklist(catalog, Materials(), [LenderType.ONLINE_PLATFORM], AS_OF)
    assert "card_statements" in ids(card.entries) and "loan_app_records" not in ids(card.entries)
    assert "loan_app_records" in ids(app.entries) and "card_statements" not in ids(app.entries)


def test_status_missing_ready_expired_with_three_month_statements(catalog: Catalog) -> None:
    """Bank statements keep 90 days: obtained 2026-08-29 → valid until 2026-11-27 < as_of 2026-11-28 → expired;
    obtained 2026-09-10 → until 2026-12-09, 11 days ahead (≤ 14) → ready with a warning."""
    hardship = Hardship((HardshipReason.INCOME_DROP,))
    old = Materials(hardship, (MaterialRecord("bank_statement", date(2026, 8, 29), ("ev-1",)),))
    entry = next(e for e in build_checklist(catalog, old, [], AS_OF).entries if e.item.id == "bank_statement")
    assert entry.status is Status.EXPIRED
    assert entry.warnings[0] == "获取于2026年8月29日，已于2026年11月27日过期，请重新获取"
    fresh = Materials(hardship, (MaterialRecord("bank_statement", date(2026, 9, 10), ("ev-1",)),))
    entry = next(
        e for e in build_checklist(catalog, fresh, [], AS_OF).entries if e.item.id == "bank_statement"
    )
    assert entry.status is Status.READY and entry.warnings == ("将于2026年12月9日过期",)


def test_an_item_without_age_limit_stays_ready_and_an_unuploaded_one_warns(catalog: Catalog) -> None:
    materials = Materials(
        Hardship(),
        (
            MaterialRecord("id_card", date(2020, 1, 1), ("ev-2",)),
            MaterialRecord("loan_contract", date(2026, 1, 1)),
        ),
    )
    checklist = build_checklist(catalog, materials, [], AS_OF)
    assert [e.status for e in checklist.entries[:3]] == [Status.READY, Status.READY, Status.MISSING]
    assert checklist.warnings == ("借款合同/借款协议：已登记但尚未上传文件",)
    assert ids(checklist.missing_required) == ["repayment_records"]


def test_explicit_expiry_date_wins(catalog: Catalog) -> None:
    record = MaterialRecord("id_card", date(2020, 1, 1), ("ev-1",), expires=date(2026, 6, 30))
    entry = build_checklist(catalog, Materials(items=(record,)), [], AS_OF).entries[0]
    assert entry.status is Status.EXPIRED


def test_from_dict_accepts_chinese_labels_and_reports_located_errors() -> None:
    materials = materials_from_dict(
        {
            "hardship": {"reasons": ["失业", "疾病/医疗", "unemployment"], "description": "裁员"},
            "items": [{"id": "x"}],
        }
    )
    assert materials.hardship.reasons == (HardshipReason.UNEMPLOYMENT, HardshipReason.ILLNESS)
    with pytest.raises(ValidationError) as info:
        materials_from_dict(
            {"hardship": {"reasons": ["破产"]}, "items": [{"id": "a", "obtained": "昨天"}, {}]}
        )
    assert [e.path for e in info.value.errors] == [
        "materials.hardship.reasons[0]",
        "materials.items[0].obtained",
        "materials.items[1].id",
    ]


def test_the_data_file_and_the_schema_agree(catalog: Catalog) -> None:
    assert len({item.id for item in catalog.items}) == len(catalog.items)
    example = {
        "hardship": {"reasons": ["失业", "illness"], "description": "…", "since": "2026-03-01"},
        "items": [{"id": "bank_statement", "obtained": "2026-10-01", "files": ["ev-3"], "note": "工资卡"}],
    }
    jsonschema.validate(example, MATERIALS_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"hardship": {"reasons": ["破产"]}}, MATERIALS_SCHEMA)


records = st.builds(
    MaterialRecord,
    id=st.sampled_from(["id_card", "bank_statement", "diagnosis", "loan_contract"]),
    obtained=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 1, 1))),
    files=st.lists(st.text(min_size=1, max_size=5), max_size=2).map(tuple),
    note=st.text(max_size=10),
    expires=st.one_of(st.none(), st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 1, 1))),
)


@settings(max_examples=100, deadline=None)  # jsonschema validation is slow on a loaded machine
@given(
    reasons=st.lists(st.sampled_from(list(HardshipReason)), unique=True).map(tuple),
    items=st.lists(records, max_size=4).map(tuple),
)
def test_to_dict_and_back_is_the_same_value(
    reasons: tuple[HardshipReason, ...], items: tuple[MaterialRecord, ...]
) -> None:
    materials = Materials(Hardship(reasons, "说明", date(2026, 3, 1)), items)
    data = materials_to_dict(materials)
    jsonschema.validate(data, MATERIALS_SCHEMA)
    assert materials_from_dict(data) == materials


# ---- both languages: the Chinese stays the source, every text has an English twin ---------------------------

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_every_catalogue_item_has_english_without_chinese(catalog: Catalog) -> None:
    assert catalog.source_text.en.startswith("What lenders commonly ask for")
    for item in catalog.items:
        for text in (item.name_text, item.group_text, item.hint_text):
            assert text.zh and text.en and text.en != text.zh, item.id
            assert not CJK.search(text.en), (item.id, text.en)
    assert catalog.item("id_card").name_text == Text("身份证（正反面复印件）", "ID card (copy of both sides)")


def test_reasons_in_both_languages(catalog: Catalog) -> None:
    """The Chinese ``because`` is the Chinese half of ``because_text``, reason by reason."""
    hardship = Hardship((HardshipReason.UNEMPLOYMENT, HardshipReason.ILLNESS))
    checklist = build_checklist(catalog, Materials(hardship), [LenderType.CREDIT_CARD], AS_OF)
    statement = next(e for e in checklist.entries if e.item.id == "bank_statement")
    assert statement.because_joined == Text(
        "困难原因：失业；困难原因：疾病/医疗",
        "Hardship reasons: unemployment, illness or medical costs",
    )
    card = next(e for e in checklist.entries if e.item.id == "card_statements")
    assert card.because_text == (Text("债权人类型：信用卡", "Lender type: credit card"),)
    for entry in checklist.entries:
        assert entry.because == tuple(t.zh for t in entry.because_text)
        assert entry.because and not any(CJK.search(t.en) for t in entry.because_text)
    household = next(e for e in checklist.entries if e.item.id == "household_register")
    assert household.because_joined == Text("各类协商都可能用到", "Useful in any negotiation")
    app = build_checklist(
        catalog, Materials(), [LenderType.SMALL_LOAN, LenderType.ONLINE_PLATFORM, LenderType.BANK], AS_OF
    )
    screenshots = next(e for e in app.entries if e.item.id == "loan_app_records")
    assert screenshots.because_joined == Text(
        "债权人类型：小额贷款公司；债权人类型：网络借贷平台",
        "Lender types: small-loan company, online lending platform",
    )
    for reason in HardshipReason:
        assert label(reason).zh and not CJK.search(label(reason).en)


def test_warnings_in_both_languages(catalog: Catalog) -> None:
    """Expired (obtained 2026-08-29 + 90 days = 2026-11-27 < 2026-11-28) and registered-without-file warnings:
    English dates as ISO days, the item's English name before each panel warning."""
    materials = Materials(
        Hardship((HardshipReason.INCOME_DROP,)),
        (
            MaterialRecord("bank_statement", date(2026, 8, 29), ("ev-1",)),
            MaterialRecord("loan_contract", date(2026, 1, 1)),
        ),
    )
    checklist = build_checklist(catalog, materials, [], AS_OF)
    statement = next(e for e in checklist.entries if e.item.id == "bank_statement")
    assert statement.warnings_text == (
        Text(
            "获取于2026年8月29日，已于2026年11月27日过期，请重新获取",
            "Obtained on 2026-08-29; expired on 2026-11-27: get a new copy",
        ),
    )
    assert checklist.warnings_text == (
        Text(
            "银行流水（近6个月）：获取于2026年8月29日，已于2026年11月27日过期，请重新获取",
            "Bank statement (last 6 months): obtained on 2026-08-29; expired on 2026-11-27: get a new copy",
        ),
        Text(
            "借款合同/借款协议：已登记但尚未上传文件",
            "Loan contract or loan agreement: recorded, but no file uploaded yet",
        ),
    )
    assert checklist.warnings == tuple(t.zh for t in checklist.warnings_text)
    assert label(Status.EXPIRED) == Text("已过期", "Expired")
