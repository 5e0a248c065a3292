"""Collection-conduct findings (views/findings.py): each finding with rule, source, confidence, its contact and
evidence; the complaint data names where to complain from the reference data."""

from __future__ import annotations

import hashlib

from django.urls import reverse

from xieshang import reference

from .conftest import upload
from .test_log import NIGHT_CALL


def test_night_call_is_a_finding_with_its_evidence(client_in, case, wav):
    create = reverse("contacts:contact-create", args=[case.pk])
    client_in.post(create, {**NIGHT_CALL, "flags": [], "summary": "催还款", "files": [upload("r.wav", wav)]})
    page = client_in.get(reverse("contacts:findings", args=[case.pk]))
    (item,) = page.context["items"]
    rule = next(r for r in reference.collection_rules() if r.id == "quiet-hours")
    assert item.finding.rule_id == "quiet-hours" and item.title == rule.title_zh
    assert item.finding.source == rule.source and item.confidence == "据官方报道，原文未核对"
    assert [c.id for c in item.contacts] == ["c1"]
    assert [sha for sha, _ in item.evidence] == [hashlib.sha256(wav).hexdigest()]
    text = page.content.decode()
    assert "不构成法律意见" in text and "12378" in text and "12348" in text
    (group,) = page.context["groups"]
    assert group["group"].institution == "某网贷平台" and group["group"].debt_ids == ("online",)
    assert [c["number"] for c in group["channels"]] == ["12378", "12321"]


def test_ticked_threat_and_third_party_contact(client_in, case):
    create = reverse("contacts:contact-create", args=[case.pk])
    client_in.post(
        create,
        {
            **NIGHT_CALL,
            "when": "2026-03-12T10:00",
            "party": "family",
            "called_number": "13900000000",
            "flags": ["impersonation"],
            "summary": "打给我母亲",
        },
    )
    items = client_in.get(reverse("contacts:findings", args=[case.pk])).context["items"]
    assert {i.finding.rule_id for i in items} == {"third-parties", "identify-self"}
    assert {i.finding.basis for i in items} == {"log", "ticked"}


def test_outgoing_contacts_are_not_checked(client_in, case):
    create = reverse("contacts:contact-create", args=[case.pk])
    client_in.post(create, {**NIGHT_CALL, "direction": "outgoing", "flags": []})
    page = client_in.get(reverse("contacts:findings", args=[case.pk]))
    assert page.context["items"] == [] and "没有发现不符合规范的情形" in page.content.decode()
