"""Accessibility in a real browser: axe-core (npm, pinned in tests/browser/axe/package-lock.json; `make test`
installs it with `npm ci`) finds no serious or critical violation on the main pages of the demo case: the case
dashboard, a debt page, the plan builder, the bill upload and the contact form, on a phone and a desktop, in
Chinese and in English.

axe is evaluated as script text through the DevTools protocol (``page.evaluate``), so the pages keep their strict
Content-Security-Policy (script-src 'self') while they are checked: ``add_script_tag`` would insert an inline
script the CSP refuses.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.demo import load_demo_case

from .signin import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


@cache
def _axe_source() -> str:
    if not AXE.exists():
        pytest.fail(
            f"axe-core is not installed at {AXE}: run `make test` (or `npm ci --prefix tests/browser/axe`)",
            pytrace=False,
        )
    return AXE.read_text(encoding="utf-8")


def severe_violations(page: Any) -> list[str]:
    """The serious and critical axe violations of the page as shown (WCAG 2.1 A and AA rules and best practice),
    each as "rule (impact): selectors"."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        for v in result["violations"]
        if v["impact"] in SEVERE
    ]


def _pages(case: Any) -> dict[str, str]:
    debt = case.debts.get(creditor="某网络借贷平台")
    return {
        "dashboard": case.get_absolute_url(),
        "debt": debt.get_absolute_url(),
        "plan-builder": reverse("plans:builder", args=[case.pk]),
        "bill-upload": reverse("budget:upload", args=[case.pk]),
        "contact-form": reverse("contacts:contact-create", args=[case.pk]),
    }


@pytest.mark.parametrize(
    ("width", "height", "language"),
    [(390, 844, "zh-CN"), (1280, 800, "zh-CN"), (390, 844, "en")],
    ids=["phone-zh", "desktop-zh", "phone-en"],
)
def test_main_pages_have_no_serious_accessibility_violation(
    browser, live_server, artifacts, width, height, language
):
    case = load_demo_case(local_owner())
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale=language,
        extra_http_headers={"Accept-Language": language},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and refused.append(message.text)
    )
    found: dict[str, list[str]] = {}
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        for name, url in _pages(case).items():
            page.goto(f"{live_server.url}{url}")
            page.wait_for_load_state("load")
            violations = severe_violations(page)
            if violations:
                found[name] = violations
                page.screenshot(path=str(artifacts / f"a11y-{name}-{language}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert found == {}
    assert refused == []  # the pages' own scripts and styles all pass the CSP; axe did not need it lifted
