"""Reminders (views/reminders.py): the page, per-case silence days, the .ics download, the dashboard panel and
the secret calendar URL that works without a session and stops when regenerated or revoked."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import DebtStatus
from xieshang.contacts.models import CalendarToken

from .test_log import NIGHT_CALL


def _events(data: bytes) -> list[tuple[str, str]]:
    calendar = Calendar.from_ical(data)
    return sorted((str(e.get("dtstart").dt), str(e.get("summary"))) for e in calendar.walk("VEVENT"))


def test_page_lists_due_payments_follow_ups_and_silence(client_in, case):
    """As of 2026-03-15 with a 30-day window: the online debt's instalment of 2026-04-01 is due."""
    client_in.post(reverse("contacts:stay", args=[case.pk]), {"silence_days": "7", "window_days": "30"})
    client_in.post(reverse("contacts:contact-create", args=[case.pk]), NIGHT_CALL)  # follow-up 2026-03-20
    page = client_in.get(reverse("contacts:stay", args=[case.pk]))
    kinds = {i.kind for i in page.context["items"]}
    assert {
        "payment_due",
        "follow_up",
        "silence",
    } <= kinds  # the bank debt is overdue and was never contacted
    titles = [i.title for i in page.context["items"]]
    assert any("跟进 某网贷平台" in t for t in titles)


def test_silence_days_per_case(client_in, case):
    url = reverse("contacts:stay", args=[case.pk])
    response = client_in.post(url, {"silence_days": "0", "window_days": "14"})
    assert response.status_code == 400 and response.context["form"].errors["silence_days"]
    assert client_in.post(url, {"silence_days": "30", "window_days": "7"}).status_code == 302
    case.contact_settings.refresh_from_db()
    assert (case.contact_settings.silence_days, case.contact_settings.window_days) == (30, 7)


def test_ics_download_parses_back(client_in, case):
    client_in.post(reverse("contacts:contact-create", args=[case.pk]), NIGHT_CALL)
    response = client_in.get(reverse("contacts:reminders-ics", args=[case.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    events = _events(response.content)
    assert ("2026-03-20", "跟进 某网贷平台：3 月 20 日前提出分期方案") in events
    shown = client_in.get(reverse("contacts:stay", args=[case.pk])).context["items"]
    assert len(events) == len(shown)


def test_dashboard_panel(client_in, case):
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert 'data-testid="reminders-panel"' in page and "久未联系" in page


def test_secret_calendar_url_without_session(client_in, case, owner):
    token_url = reverse("contacts:calendar-token", args=[case.pk])
    client_in.post(token_url, {"action": "regenerate"})
    token = CalendarToken.objects.get(user=owner).token
    feed = reverse("contacts:calendar-feed", args=[case.pk, token])
    assert feed in client_in.get(reverse("contacts:stay", args=[case.pk])).content.decode()
    anonymous = Client()
    response = anonymous.get(feed)
    assert response.status_code == 200 and _events(response.content)
    assert (
        anonymous.get(reverse("contacts:calendar-feed", args=[case.pk, "wrong" + token])).status_code == 404
    )
    client_in.post(token_url, {"action": "regenerate"})
    assert anonymous.get(feed).status_code == 404  # the old URL stops working
    fresh = CalendarToken.objects.get(user=owner).token
    assert fresh != token
    client_in.post(token_url, {"action": "revoke"})
    assert anonymous.get(reverse("contacts:calendar-feed", args=[case.pk, fresh])).status_code == 404


def test_token_does_not_open_another_users_case(client_in, case, owner, django_user_model):
    client_in.post(reverse("contacts:calendar-token", args=[case.pk]), {"action": "regenerate"})
    stranger = django_user_model.objects.create(username="stranger")
    theirs = CalendarToken.objects.create(user=stranger)
    assert Client().get(reverse("contacts:calendar-feed", args=[case.pk, theirs.token])).status_code == 404
    assert client_in.get(reverse("contacts:reminders-ics", args=[case.pk])).status_code == 200


def test_plan_instalments_of_a_proposed_creditor_in_negotiation(client_in, case):
    """Plan from 2026-04 with ¥1,000 a month; the online debt's proposed interest freeze is in negotiation, so
    its plan payment on 2026-04-01 is reminded (as of 2026-03-15, 30-day window); the bank's is not proposed."""
    case.sections = {
        **case.sections,
        "plan": {
            "budget": "1000",
            "start": "2026-04",
            "creditors": [{"id": "online", "option": "interest_freeze", "months": 12, "proposed": True}],
        },
    }
    case.save()
    debt = case.debts.get(key="online")
    debt.status = DebtStatus.NEGOTIATING
    debt.save()
    client_in.post(reverse("contacts:stay", args=[case.pk]), {"silence_days": "7", "window_days": "30"})
    items = client_in.get(reverse("contacts:stay", args=[case.pk])).context["items"]
    plan = [i for i in items if i.kind == "payment_due" and "还款计划" in i.title]
    assert [(str(i.date), i.title.split(" ")[0]) for i in plan] == [("2026-04-01", "某网贷平台")]
    assert plan[0].amount > 0


def test_every_contact_page_opens_on_the_demo_case(client_in, owner):
    """The packaged demo case (six debts, two overdue, both contacted in the last week so no silence warning):
    every page renders; the .ics holds the panel's items, the two follow-ups (11-25, 11-27) among them; the
    22:40 call of 2026-11-18 is a quiet-hours finding."""
    demo = load_demo_case(owner)
    for name in ("log", "contact-create", "evidence", "evidence-verify", "findings", "stay", "report"):
        assert client_in.get(reverse(f"contacts:{name}", args=[demo.pk])).status_code == 200, name
    shown = client_in.get(reverse("contacts:stay", args=[demo.pk])).context["items"]
    events = _events(client_in.get(reverse("contacts:reminders-ics", args=[demo.pk])).content)
    assert len(events) == len(shown)
    follow_ups = sorted(str(i.date) for i in shown if i.kind == "follow_up")
    assert follow_ups == ["2026-11-25", "2026-11-27"]
    assert not any(i.kind == "silence" for i in shown)
    findings = client_in.get(reverse("contacts:findings", args=[demo.pk])).content.decode()
    assert "quiet-hours" in findings or "22:00" in findings
