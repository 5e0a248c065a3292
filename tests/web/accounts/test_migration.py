"""Moving sign-in out of ``cases`` keeps the links a database already holds (accounts/migrations/0001)."""

from __future__ import annotations

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

BEFORE = [("cases", "0002_revision_and_serial"), ("accounts", None)]


@pytest.mark.django_db(transaction=True)
def test_an_unused_link_from_before_the_move_still_signs_in():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state([BEFORE[0]]).apps
    user = old_apps.get_model("auth", "User").objects.create(username="owner")
    token = "link-printed-before-the-upgrade"
    old_apps.get_model("cases", "LoginToken").objects.create(
        user=user, digest=hashlib.sha256(token.encode()).hexdigest()
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert "accounts_logintoken" in connection.introspection.table_names()
    assert "cases_logintoken" not in connection.introspection.table_names()
    assert Client().post(reverse("login-token", args=[token])).status_code == 302
