"""Category rules (views/rules.py): saved per case, validated by the core's rule reader, re-applied to what is
already imported and to every later upload."""

from __future__ import annotations

from django.urls import reverse

from xieshang.budget.models import CategoryRule, ImportedTransaction

from .conftest import WECHAT, bill, upload, wechat_next_month


def _rent(case):
    return ImportedTransaction.objects.filter(case=case, counterparty="云膳过桥米线(传奇广场店)").order_by(
        "occurred_at"
    )


def test_form_is_prefilled_from_the_review_table_link(client_in, imported):
    form = client_in.get(
        reverse("budget:rules", args=[imported.pk]), {"match": "云膳", "field": "counterparty"}
    )
    assert form.context["form"].initial == {"match": "云膳", "field": "counterparty"}


def test_rule_re_applies_now_and_on_the_next_upload(client_in, imported):
    assert [t.category for t in _rent(imported)] == [""]
    response = client_in.post(
        reverse("budget:rules", args=[imported.pk]),
        {"field": "counterparty", "match": "云膳", "category": "food"},
    )
    assert response.status_code == 302
    assert [t.category for t in _rent(imported)] == ["food"]
    upload(client_in, imported, bill(WECHAT, "next.csv", wechat_next_month()))
    assert [t.category for t in _rent(imported)] == ["food", "food"]


def test_rule_wins_over_the_platform_category(client_in, imported):
    """亲情卡 is 亲友代付 on the platform; a keyword rule puts it under care of parents and children."""
    client_in.post(
        reverse("budget:rules", args=[imported.pk]),
        {"field": "keyword", "match": "亲情卡", "category": "care"},
    )
    assert set(
        ImportedTransaction.objects.filter(case=imported, description="亲情卡").values_list(
            "category", flat=True
        )
    ) == {"care"}


def test_empty_text_is_refused_with_the_field_marked(client_in, imported):
    response = client_in.post(
        reverse("budget:rules", args=[imported.pk]), {"field": "keyword", "match": "  ", "category": "food"}
    )
    assert response.status_code == 400
    assert "match" in response.context["form"].errors
    assert CategoryRule.objects.count() == 0


def test_delete_rule_reverts_the_category(client_in, imported):
    client_in.post(
        reverse("budget:rules", args=[imported.pk]),
        {"field": "counterparty", "match": "云膳", "category": "food"},
    )
    client_in.post(reverse("budget:rule-delete", args=[imported.pk, 0]))
    assert CategoryRule.objects.count() == 0
    assert [t.category for t in _rent(imported)] == [""]
