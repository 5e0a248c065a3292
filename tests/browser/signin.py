"""Signing in as a person does: open the printed one-time link, press the page's sign-in button."""

from __future__ import annotations

from typing import Any


def sign_in(page: Any, link: str) -> None:
    """Open ``link`` (which only shows the button) and sign in; returns on the page the sign-in lands on."""
    page.goto(link)
    with page.expect_navigation():
        page.get_by_test_id("sign-in").click()
