"""Counsellor mode in a real browser (server mode, password sign-in, system Chromium).

1. On a phone (390×844): a counsellor makes a case for a borrower and an invitation link; the borrower opens it,
   signs up, finds the case theirs, shares it read-write with the counsellor; the counsellor edits it; the
   borrower takes the share back; the counsellor's next request for the case gets the not-found page.
2. Every main page, as borrower, counsellor and organisation admin, loads with the strict Content-Security-
   Policy enforced and not one violation (the browser's ``securitypolicyviolation`` events and its console).

Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from xieshang.accounts.models import Organisation, Role
from xieshang.cases.case_writes import import_case_text
from xieshang.cases.models import Case, CaseShare, ShareLevel

from ..web.conftest import SMALL_CASE
from ..web.people import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(
    e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
  document.documentElement.setAttribute('data-csp-violations', String(window.__csp.length));
});
"""


@pytest.fixture
def server_mode(settings):
    settings.SERVER_MODE = True
    return settings


def _context(browser: Any, viewport: dict[str, int] = PHONE) -> Any:
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.set_default_timeout(15_000)
    context.add_init_script(WATCH_CSP)
    return context


def _sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}{reverse('login-help')}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.get_by_test_id("sign-in").click()


def test_invite_sign_up_share_edit_revoke_on_a_phone(browser, live_server, server_mode, artifacts):
    organisation = Organisation.objects.create(name="某法律援助中心")
    make_user("helper", Role.COUNSELLOR, organisation)
    base = live_server.url
    counsellor = _context(browser).new_page()
    borrower_context = _context(browser)
    borrower = borrower_context.new_page()
    try:
        _sign_in(counsellor, base, "helper")
        counsellor.goto(f"{base}{reverse('desk')}")
        counsellor.get_by_role("link", name="为借款人新建案件").click()
        counsellor.fill("input[name=borrower_name]", "王小明")
        counsellor.fill("input[name=phone]", "13912345678")
        with counsellor.expect_navigation():
            counsellor.get_by_role("button", name="保存").click()
        with counsellor.expect_navigation():
            counsellor.get_by_test_id("invite").click()
        link = counsellor.get_by_test_id("invitation-link").input_value()
        assert "/signup/" in link
        counsellor.screenshot(path=str(artifacts / "counsellor-invite-390x844.png"), full_page=True)
        case = Case.objects.get(borrower_name="王小明")

        borrower.goto(link)
        borrower.fill("input[name=username]", "wangxm")
        borrower.fill("input[name=password1]", "my own long pass phrase 7")
        borrower.fill("input[name=password2]", "my own long pass phrase 7")
        with borrower.expect_navigation():
            borrower.get_by_test_id("signup-submit").click()
        assert "王小明" in borrower.inner_text("main")  # the case is on the borrower's home page
        case.refresh_from_db()
        assert case.owner.get_username() == "wangxm"

        borrower.goto(f"{base}{reverse('case-sharing', args=[case.pk])}")
        for _ in range(borrower.get_by_test_id("revoke").count()):  # start from no share at all
            with borrower.expect_navigation():
                borrower.get_by_test_id("revoke").first.click()
        assert not CaseShare.objects.filter(case=case).exists()
        borrower.fill("#share-username", "helper")
        borrower.get_by_label("可以查看和修改").check()
        with borrower.expect_navigation():
            borrower.get_by_role("button", name="分享", exact=True).click()
        assert "helper" in borrower.get_by_test_id("shares").inner_text()
        assert CaseShare.objects.get(case=case).level == ShareLevel.WRITE
        borrower.screenshot(path=str(artifacts / "borrower-sharing-390x844.png"), full_page=True)

        counsellor.goto(f"{base}{reverse('case-edit', args=[case.pk])}")
        counsellor.fill("input[name=address]", "北京市海淀区某街道 1 号")
        with counsellor.expect_navigation():
            counsellor.get_by_role("button", name="保存").click()
        case.refresh_from_db()
        assert case.address == "北京市海淀区某街道 1 号" and case.phone == "13912345678"

        borrower.goto(f"{base}{reverse('case-sharing', args=[case.pk])}")
        with borrower.expect_navigation():
            borrower.get_by_test_id("revoke").click()
        assert not CaseShare.objects.filter(case=case).exists()

        gone = counsellor.goto(f"{base}{reverse('case', args=[case.pk])}")
        assert gone is not None and gone.status == 404
        assert "找不到这个页面" in counsellor.inner_text("main")
        assert "王小明" not in counsellor.content()
        counsellor.goto(f"{base}{reverse('desk')}")
        assert "王小明" not in counsellor.inner_text("main")
        assert counsellor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        counsellor.screenshot(
            path=str(artifacts / "counsellor-desk-after-revoke-390x844.png"), full_page=True
        )
        assert counsellor.evaluate("window.__csp") == [] and borrower.evaluate("window.__csp") == []
    finally:
        counsellor.context.close()
        borrower_context.close()


def _pages(case: Case) -> dict[str, list[str]]:
    pk = case.pk
    debt = case.debts.order_by("id").first()
    assert debt is not None
    own = [
        reverse("home"),
        reverse("account"),
        reverse("devices"),
        reverse("everything"),
        reverse("my-audit"),
        reverse("case", args=[pk]),
        reverse("case-edit", args=[pk]),
        reverse("case-sharing", args=[pk]),
        reverse("case-audit", args=[pk]),
        reverse("case-reveal", args=[pk]),
        reverse("debt", args=[pk, debt.pk]),
        reverse("budget:statement", args=[pk]),
        reverse("plans:builder", args=[pk]),
        reverse("contacts:log", args=[pk]),
        reverse("contacts:evidence", args=[pk]),
        reverse("contacts:findings", args=[pk]),
        reverse("contacts:stay", args=[pk]),
        reverse("contacts:report", args=[pk]),
        reverse("paperwork:materials", args=[pk]),
        reverse("paperwork:disputes", args=[pk]),
        reverse("paperwork:documents", args=[pk]),
    ]
    helper = [reverse("desk"), reverse("case", args=[pk]), reverse("case-note", args=[pk])]
    admin = [reverse("organisation"), reverse("organisation-audit"), reverse("desk")]
    return {"borrower": own, "helper": helper, "boss": admin}


def test_every_main_page_loads_under_the_strict_csp_without_a_violation(browser, live_server, server_mode):
    organisation = Organisation.objects.create(name="某法律援助中心")
    borrower = make_user("borrower")
    helper = make_user("helper", Role.COUNSELLOR, organisation)
    boss = make_user("boss", Role.ADMIN, organisation)
    device = TOTPDevice.objects.create(user=boss, name="authenticator", confirmed=True)
    case = import_case_text(borrower, SMALL_CASE, source_name="small.yaml")
    CaseShare.objects.create(case=case, user=helper, level=ShareLevel.WRITE)
    base = live_server.url
    seen: dict[str, list[str]] = {}
    for username, paths in _pages(case).items():
        context = _context(browser, {"width": 1280, "height": 800})
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda m, c=console: c.append(m.text) if m.type == "error" else None)
        try:
            _sign_in(page, base, username)
            if username == "boss":  # an admin's second step: the code of the authenticator app
                code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
                page.fill("input[name=code]", f"{code:06d}")
                with page.expect_navigation():
                    page.get_by_test_id("verify").click()
            for path in paths:
                response = page.goto(f"{base}{path}")
                assert response is not None and response.status == 200, (username, path)
                policy = response.headers.get("content-security-policy", "")  # enforced, not report-only
                assert "script-src 'self'" in policy and "unsafe-inline" not in policy, path
                page.wait_for_load_state("load")
                found = page.evaluate("window.__csp")
                seen[f"{username} {path}"] = found + [t for t in console if "Content Security Policy" in t]
                console.clear()
            # the watch itself works: an inline script, which the policy forbids, is reported
            page.evaluate(
                "() => { const s = document.createElement('script'); s.textContent = '1';"
                " document.body.appendChild(s); }"
            )
            expect(page.locator("html[data-csp-violations]")).to_be_attached()
        finally:
            context.close()
    violations = {k: v for k, v in seen.items() if v}
    assert violations == {}
    assert len(seen) == sum(len(p) for p in _pages(case).values())
