"""The way through the seven steps: every pill on the dashboard is a link to its step's page, and every step's
page says what to do now and links the next step's page, from the one list of steps (``cases.steps``)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from xieshang.cases.demo import load_demo_case
from xieshang.cases.models import Case
from xieshang.cases.steps import STEPS

# The page each pill opens, written out by hand (the registered pages' first by order): step 1 is the
# dashboard's own list of debts, step 5 the plan builder even before any plan is saved.
EXPECTED = {
    1: ("case", "#creditors"),
    2: ("contacts:log", ""),
    3: ("contacts:report", ""),
    4: ("paperwork:materials", ""),
    5: ("plans:builder", ""),
    6: ("contacts:stay", ""),
    7: ("contacts:findings", ""),
}


def _pill(page: str, n: int) -> str:
    found = re.search(rf'<a href="([^"]*)" data-testid="step-{n}" class="([^"]*)"', page)
    assert found, f"pill {n} is not a link"
    return found.group(1)


def test_each_pill_links_its_step_page_with_state_and_name(client_in, case):
    """The small case has debts nobody contacted yet: it is at step 2 (step 1 done, 2 current, the rest ahead)."""
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    for n, (name, fragment) in EXPECTED.items():
        assert _pill(page, n) == reverse(name, args=[case.pk]) + fragment
    assert 'data-testid="step-1" class="step done"' in page
    assert 'data-testid="step-2" class="step current" aria-current="step"' in page
    assert 'data-testid="step-3" class="step"' in page
    assert page.count('aria-current="step"') == 1
    assert '第 2 步：</span>及时沟通<span class="sr-only">（当前）</span>' in page  # the link's spoken name


def test_step_five_leads_to_the_plan_builder_before_a_plan_exists(client_in, case):
    """The small case (imported from text) has no saved plan."""
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    url = _pill(page, 5)
    builder = client_in.get(url).content.decode()
    assert "<h1>协商方案</h1>" in builder


@pytest.mark.parametrize("step", STEPS, ids=[s.slug for s in STEPS])
def test_every_step_page_says_what_to_do_now_and_links_the_next(client_in, owner, step):
    """Open the step's page from its pill: it shows this step's "现在要做" (the step definition's own words)
    and "下一步" linking the next pill's page (after step 7: back to the case)."""
    demo: Case = load_demo_case(owner)
    dashboard = client_in.get(reverse("case", args=[demo.pk])).content.decode()
    url = _pill(dashboard, step.number)
    page = client_in.get(url.split("#")[0]).content.decode()
    if step.number == 1:  # the dashboard shows the step the case is at; the statement page is step 1's too
        page = client_in.get(reverse("budget:statement", args=[demo.pk])).content.decode()
    assert f'data-testid="step-guide" data-step="{step.number}"' in page
    assert f"<strong>现在要做</strong> {step.now}" in page
    nxt = re.search(r'<a href="([^"]*)" data-testid="step-next-link">([^<]*)</a>', page)
    assert nxt
    if step.number < 7:
        after = STEPS[step.number]
        assert nxt.group(1) == _pill(dashboard, after.number)
        assert nxt.group(2) == f"第 {after.number} 步：{after.title}"
    else:
        assert nxt.group(1) == reverse("case", args=[demo.pk])


def test_dashboard_says_what_to_do_at_the_current_step(client_in, case):
    page = client_in.get(reverse("case", args=[case.pk])).content.decode()
    assert 'data-testid="step-guide" data-step="2"' in page
    assert f"<strong>现在要做</strong> {STEPS[1].now}" in page


def test_step_guide_in_english(owner):
    from django.test import Client

    demo = load_demo_case(owner)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(owner)
    page = client.get(reverse("plans:builder", args=[demo.pk])).content.decode()
    guide = page[page.index('data-testid="step-guide"') : page.index("</aside>")]
    assert "Step 5 of 7" in guide and "Do now" in guide and "Next" in guide
    assert not re.search(r"[\u4e00-\u9fff]", guide), guide
