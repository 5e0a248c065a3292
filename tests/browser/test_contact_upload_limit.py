"""A 55 MB recording on the contact form is refused in the browser before anything is sent: the message appears
under the field as the file is chosen, pressing 保存 sends no request, and choosing a small file instead clears it.
(The server's own refusal, for a browser without JavaScript, is tested in tests/web/contacts/test_log.py.)"""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from xieshang.accounts.tokens import issue_login_token, login_url
from xieshang.accounts.users import local_owner
from xieshang.cases.case_writes import import_case_text

from .signin import sign_in
from .test_contacts_journey import CASE, _recording

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_recording_over_the_limit_never_leaves_the_phone(browser, live_server, artifacts, tmp_path):
    case = import_case_text(local_owner(), CASE)
    big = tmp_path / "催收录音-很长.m4a"
    with big.open("wb") as out:  # 55 MB, sparse: the browser reads only its size
        out.truncate(55 * 1024 * 1024)
    assert os.path.getsize(big) == 55 * 1024 * 1024
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    posts: list[str] = []
    page.on("request", lambda request: request.method == "POST" and posts.append(request.url))
    try:
        sign_in(page, login_url(live_server.url, issue_login_token(local_owner())))
        page.goto(live_server.url + reverse("contacts:contact-create", args=[case.pk]))
        files = page.locator("input[type=file][name=files]")
        files.set_input_files(str(big))
        alert = page.get_by_test_id("file-too-big")
        alert.wait_for()
        assert "催收录音-很长.m4a" in alert.inner_text() and "50 MB" in alert.inner_text()
        assert files.get_attribute("aria-invalid") == "true"
        assert "id_files_size" in (files.get_attribute("aria-describedby") or "")
        page.screenshot(path=str(artifacts / "contact-file-too-big-390x844.png"), full_page=True)
        posts.clear()
        page.get_by_role("button", name="保存").click()
        assert page.evaluate("document.activeElement.name") == "files"  # the focus goes to the field to fix
        assert posts == [] and page.url.endswith(reverse("contacts:contact-create", args=[case.pk]))

        files.set_input_files(str(_recording(tmp_path / "短录音.wav")))
        alert.wait_for(state="detached")
        assert files.get_attribute("aria-invalid") is None
    finally:
        context.close()
