"""``{% step_guide "negotiate" %}``: the "现在要做 / 下一步" block a step's page shows, from the step
definitions (``cases.steps.STEPS``) and the pages registered for each step (``cases.extensions``)."""

from __future__ import annotations

from typing import Any

from django import template

from ..extensions import step_url
from ..models import Case
from ..steps import STEPS, Step, step_after, step_of

register = template.Library()


def guide_of(case: Case, step: Step) -> dict[str, Any]:
    """What ``cases/_step_guide.html`` shows for ``step`` of ``case``: the step, the one after it and its page."""
    after = step_after(step)
    return {
        "step": step,
        "count": len(STEPS),
        "next": after,
        "next_url": step_url(case, after.slug) if after else case.get_absolute_url(),
    }


@register.inclusion_tag("cases/_step_guide.html", takes_context=True)
def step_guide(context: template.Context, slug: str) -> dict[str, Any]:
    return guide_of(context["case"], step_of(slug))
