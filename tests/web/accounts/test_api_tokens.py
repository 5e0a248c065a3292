"""API tokens on the account page: made (shown once), listed by name and prefix only, revoked; each audited."""

from __future__ import annotations

import re

from django.test import Client

from xieshang import deferred
from xieshang.accounts.models import ApiToken
from xieshang.audit.models import AuditEvent


def test_a_token_is_shown_once_works_and_is_revoked(client_in, owner, case) -> None:
    made = client_in.post("/account/api-tokens/", {"name": "记账脚本"})
    assert made.status_code == 200
    token = re.search(rb"xs_[A-Za-z0-9_-]{40,}", made.content).group(0).decode()  # type: ignore[union-attr]
    row = ApiToken.objects.get(user=owner)
    assert row.name == "记账脚本" and row.digest == ApiToken.digest_of(token)
    page = client_in.get("/account/").content
    title = page.split(b"<title>")[1].split(b"</title>")[0]
    assert b"API" not in title and page.count(b'id="api-h"') == 1  # the section is in the content, once
    assert token.encode() not in page and row.prefix.encode() in page  # never shown again
    script = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert script.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert client_in.post(f"/account/api-tokens/{row.pk}/revoke/").status_code == 302
    assert script.get(f"/api/v1/cases/{case.pk}/").status_code == 401
    deferred.drain()
    logged = list(AuditEvent.objects.filter(actor_id=owner.pk).values_list("action", "what_en"))
    assert ("create", f"API token {row.prefix}…") in logged and (
        "delete",
        f"API token {row.prefix}…",
    ) in logged


def test_nobody_revokes_anothers_token(client_in, owner) -> None:
    from django.contrib.auth import get_user_model

    from xieshang.accounts.api_tokens import issue

    other = get_user_model().objects.create_user("other", password="a long enough pass phrase 42")
    row, _token = issue(other, "theirs")
    assert client_in.post(f"/account/api-tokens/{row.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=row.pk).revoked_at is None
