"""Who reaches the API and what a refused or wrong request gets: tokens (hashed, revocable), the same 404 for a
case of someone else's as for none, located errors in the person's language with the field's label."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.test import Client

from xieshang import deferred
from xieshang.accounts.api_tokens import issue, revoke
from xieshang.accounts.models import ApiToken
from xieshang.audit.models import AuditEvent
from xieshang.cases.models import Case, CaseShare, ShareLevel


def make_user(username: str):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(username=username, password="a long enough pass phrase 42")


def test_no_token_no_session_is_401_and_a_bad_token_is_not_a_fallback(client_in, small) -> None:
    anonymous = Client()
    response = anonymous.get("/api/v1/cases/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["location"] == "header.Authorization"
    client_in.defaults["HTTP_AUTHORIZATION"] = "Bearer xs_not-a-key"
    assert client_in.get(f"/api/v1/cases/{small.pk}/").status_code == 401  # even with a signed-in session


def test_only_the_hash_is_stored_and_a_revoked_token_stops(owner, small) -> None:
    row, token = issue(owner, "脚本")
    assert (
        token.startswith("xs_")
        and token not in {row.digest, row.prefix}
        and row.digest == ApiToken.digest_of(token)
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get(f"/api/v1/cases/{small.pk}/").status_code == 200
    assert revoke(owner, row.pk) is not None
    assert client.get(f"/api/v1/cases/{small.pk}/").status_code == 401


def test_another_borrowers_case_is_the_same_404_as_none(small) -> None:
    stranger = make_user("stranger")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue(stranger, 't')[1]}")
    theirs = client.get(f"/api/v1/cases/{small.pk}/debts/")
    absent = client.get("/api/v1/cases/999999/debts/")
    assert theirs.status_code == absent.status_code == 404
    assert theirs.content == absent.content
    assert client.get("/api/v1/cases/").json()["count"] == 0


def test_a_read_share_reads_and_may_not_write(small) -> None:
    reader = make_user("reader")
    CaseShare.objects.create(case=small, user=reader, level=ShareLevel.READ)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issue(reader, 't')[1]}")
    debt = small.debts.first()
    assert client.get(f"/api/v1/cases/{small.pk}/debts/{debt.pk}/").status_code == 200
    before = Case.objects.get(pk=small.pk).revision
    refused = client.post(
        f"/api/v1/cases/{small.pk}/debts/{debt.pk}/payments/",
        {"date": "2025-03-10", "amount": "100.00"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert Case.objects.get(pk=small.pk).revision == before and debt.payments.count() == 1


def test_a_payment_goes_through_the_write_path_and_shows_at_once(api, small) -> None:
    debt = small.debts.get(key="bank")
    before = Case.objects.get(pk=small.pk).revision
    made = api.post(
        f"/api/v1/cases/{small.pk}/debts/{debt.pk}/payments/",
        {"date": "2025-03-10", "amount": "1066.2", "note": "第二期"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert [p["amount"] for p in made.json()["items"]] == ["1066.19", "1066.20"]
    assert Case.objects.get(pk=small.pk).revision == before + 1
    after = api.get(f"/api/v1/cases/{small.pk}/debts/{debt.pk}/").json()
    assert after["paid"] == "2132.39"  # 1066.19 + 1066.20, both before the case's day (2026-03-15)
    deferred.drain()
    logged = AuditEvent.objects.filter(case_id=small.pk).values_list("action", "what_en")
    assert ("change", "payments (API)") in logged  # a change through the API is audited like a page's


def test_errors_name_the_field_by_its_label_with_its_location(api, small) -> None:
    debt = small.debts.get(key="bank")
    url = f"/api/v1/cases/{small.pk}/debts/{debt.pk}/payments/"
    bad = api.post(url, {"date": "2025-13-40", "amount": "abc"}, content_type="application/json")
    assert bad.status_code == 400
    problems = {p["location"]: p for p in bad.json()["errors"]}
    assert set(problems) >= {"body.date"}
    assert problems["body.date"]["field"] == "还款日期"
    assert problems["body.date"]["message"].startswith("还款日期：")
    missing = api.post(url, {"note": "x"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 400
    found = {p["location"]: p["message"] for p in missing.json()["errors"]}
    assert found["body.date"] == "payment date: is required"
    assert "date" not in {p["field"] for p in missing.json()["errors"]}


def test_a_debt_refused_by_the_case_file_rules_gets_the_forms_messages(api, small) -> None:
    url = f"/api/v1/cases/{small.pk}/debts/"
    refused = api.post(
        url,
        {"lender_type": "bank", "method": "equal_installment", "principal": "-5", "start_date": "2025-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    for problem in refused.json()["errors"]:
        assert problem["location"].startswith("body")
        assert "_" not in problem["message"], problem  # no case-file key reaches a person
    made = api.post(
        url,
        {
            "creditor": "某小贷",
            "lender_type": "small_loan",
            "method": "equal_installment",
            "principal": "6000",
            "start_date": "2025-05-01",
            "term_months": "6",
            "annual_rate": "24",
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["principal"] == "6000.00" and made.json()["creditor"] == "某小贷"


def test_a_browser_session_needs_its_csrf_token_to_change(owner, small) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    debt = small.debts.get(key="bank")
    url = f"/api/v1/cases/{small.pk}/debts/{debt.pk}/status/"
    assert browser.get(f"/api/v1/cases/{small.pk}/").status_code == 200
    refused = browser.post(url, {"status": "contacted"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["errors"][0]["location"] == "header.X-CSRFToken"
