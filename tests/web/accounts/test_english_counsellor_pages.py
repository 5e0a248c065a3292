"""Counsellor mode in English: each of its pages (the account, sharing, the desk, the audit logs, the reveal page,
download-everything, the organisation, the note, sign-in and sign-up) shows no Chinese it wrote itself — only
the names the case holds and the organisation's own name (tests/web/page_language.py)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from xieshang.accounts.invitations import issue
from xieshang.accounts.models import Role

from ..page_language import chinese_left, kept_as_written, section
from ..people import build_world


@pytest.fixture
def world(db, settings):
    settings.SERVER_MODE = True
    found = build_world()
    for client in found.clients.values():
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return found


def _main(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return section(response.content.decode(), "<main", "</main>")


def test_every_counsellor_mode_page_reads_in_english(world):
    case = world.case_a
    world.clients["counsellor_write"].get(reverse("case", args=[case.pk]))  # a line in the logs
    world.clients["counsellor_write"].post(reverse("case-reveal", args=[case.pk]))
    kept = [*kept_as_written(case), world.org1.name, world.org2.name]
    pages = {
        "borrower_a": [
            reverse("account"),
            reverse("devices"),
            reverse("account-two-factor"),
            reverse("everything"),
            reverse("my-audit"),
            reverse("case-sharing", args=[case.pk]),
            reverse("case-audit", args=[case.pk]),
            reverse("case-reveal", args=[case.pk]),
        ],
        "counsellor_write": [reverse("desk"), reverse("desk-new-case"), reverse("case-note", args=[case.pk])],
        "admin_same": [reverse("organisation"), reverse("organisation-audit")],
    }
    left = {}
    for actor, urls in pages.items():
        for url in urls:
            found = chinese_left(_main(world.clients[actor], url), kept)
            if found:
                left[f"{actor} {url}"] = found
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
    _invitation, token = issue(Role.COUNSELLOR, world.org1, world.users["admin_same"], "")
    for url in (reverse("login-help"), reverse("signup", args=[token])):
        found = chinese_left(_main(anonymous, url), kept)
        if found:
            left[url] = found
    assert left == {}
