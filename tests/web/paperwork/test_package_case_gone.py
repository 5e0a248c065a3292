"""The direct package download ("直接下载") is made inside the request: a case deleted meanwhile (another tab,
a colleague) ends the request with a message that the case no longer exists, not a server error."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.urls import reverse

from xieshang.cases.case_writes import delete_case
from xieshang.cases.models import Case
from xieshang.paperwork import drafting


def test_case_deleted_while_its_package_is_made(client_in, case, monkeypatch):
    real = drafting.build_package

    def deleted_meanwhile(*args, **kwargs):
        built = real(*args, **kwargs)  # the letters are rendered; then the case goes before it is recorded
        delete_case(case.pk)
        return built

    monkeypatch.setattr(drafting, "build_package", deleted_meanwhile)
    response = client_in.post(reverse("paperwork:package", args=[case.pk]), {"creditor": "某银行"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == ["这个案件已经不存在了（可能刚被删除），材料包没有生成。"]
    assert not Case.objects.filter(pk=case.pk).exists()
    page = client_in.get(response["Location"])
    assert page.status_code == 200
