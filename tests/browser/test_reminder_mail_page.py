"""On a phone and a desktop: the person opts in to e-mailed reminders on the reminders page, the page says where
they go (or that the server has no mail set up), and nothing scrolls sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text
from xieshang.contacts.models import ContactSettings

from ..web.contacts.test_reminder_mail import CASE
from .signin import sign_in


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_opt_in_to_reminder_mails(browser, live_server, artifacts, tmp_path, settings, width, height):
    settings.DATA_DIR = tmp_path / "data"
    settings.EMAIL_CONFIGURED = width > 400  # the phone run shows the notice of a server without mail
    case = import_case_text(local_owner(), CASE)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(live_server.url + reverse("contacts:stay", args=[case.pk]))
        page.get_by_label("每天用邮件提醒我").check()
        page.get_by_role("button", name="保存设置").click()
        assert page.get_by_text("要用邮件提醒，请填写收提醒的邮箱。").is_visible()
        page.get_by_label("收提醒的邮箱").fill("li@example.org")
        page.get_by_role("button", name="保存设置").click()
        assert page.get_by_text("已保存提醒设置。").is_visible()
        if settings.EMAIL_CONFIGURED:
            assert page.get_by_test_id("mail-on").inner_text() == "每天用邮件提醒：发往 li@example.org"
        else:
            assert page.get_by_text("这台服务器还没有设置发信（SMTP）").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"reminder-mail-settings-{width}x{height}.png"), full_page=True)
        options = ContactSettings.objects.get(case=case)
        assert (options.email_reminders, options.email_address) == (True, "li@example.org")
    finally:
        context.close()
