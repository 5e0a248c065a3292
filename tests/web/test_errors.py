"""Error pages in the user's language, never a traceback: 404, an expired form (CSRF), and 500."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.views.defaults import server_error


def test_an_unknown_page_says_so_in_chinese(client_in) -> None:
    response = client_in.get("/no-such-page/")
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


def test_an_unknown_page_in_english(client_in) -> None:
    response = client_in.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Page not found" in response.content.decode()


def test_an_expired_form_is_explained_and_nothing_saved(owner) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post("/cases/new/", {"borrower_name": "张三"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_a_server_error_page_shows_no_details(db) -> None:
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in page and "Something went wrong" in page and "Traceback" not in page
