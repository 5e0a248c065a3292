"""How feature apps (budget, plans, contacts, paperwork) join the case workbench without ``cases`` importing them.

Each feature app registers, in its ``AppConfig.ready()``:

- :func:`register_step_page`: the page that opens a step of the seven (``"negotiate"`` → ``"plans:builder"``),
  so the dashboard links the step and stops showing "coming soon"; the first one registered for a step (lowest
  ``order``) is the step's page: its pill on the dashboard and the previous step's "下一步" lead there, and the
  page shows the step's "现在要做 / 下一步" (``{% step_guide "negotiate" %}``, from ``steps.STEPS``);
- :func:`register_panel`: a dashboard panel (a template and a function giving its context), e.g. reminders due;
- :func:`register_proposals_sent`: facts the app keeps that move a negotiation on (when a proposal letter was
  made for a debt), so the dashboard's statuses and next actions see them;
- :func:`register_case_export`: a file of the case an app keeps (the evidence bundle, the document history),
  for "download everything about me";
- :func:`register_reminders`: the reminders due in a case with the app's own settings (the contacts app), so
  the counsellor's desk lists what needs doing in each case as the case's own reminder page does.

A panel's context function receives the request and the case and reads the case view
(``cases.reading.case_view(case, request)``): the figures it shows are the dashboard's own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from .models import Case


@dataclass(frozen=True)
class StepPage:
    step: str  # slug of the step in steps.STEPS: know, contact, report, materials, negotiate, stay, care
    url_name: str  # reversed with the case's pk: reverse(url_name, args=[case.pk])
    label: str | Promise  # link text, e.g. _("收支表")
    order: int = 50
    fragment: str = ""  # a place in the page to open at ("creditors" → …/#creditors)

    def url(self, case: Case) -> str:
        url = reverse(self.url_name, args=[case.pk])
        return f"{url}#{self.fragment}" if self.fragment else url


@dataclass(frozen=True)
class Panel:
    key: str
    template: str  # rendered with the panel's context plus ``case``
    context: Callable[[HttpRequest, Case], dict[str, Any] | None]  # None hides the panel
    order: int = 50
    # What the panel reads beyond the case view (one cheap query's worth, hashable): given, the dashboard may
    # reuse the panel's rendering while the case, its revision, the day and these facts stay the same.
    facts: Callable[[HttpRequest, Case], Hashable] | None = None


_STEP_PAGES: list[StepPage] = []
_PANELS: list[Panel] = []
_SENT: list[Callable[[Case], Mapping[str, date]]] = []
_EXPORTS: dict[str, Callable[[Case], bytes | None]] = {}
_REMINDERS: list[Callable[[Case, HttpRequest | None], Sequence[Any]]] = []


def register_step_page(page: StepPage) -> None:
    if page not in _STEP_PAGES:
        _STEP_PAGES.append(page)
        _STEP_PAGES.sort(key=lambda p: (p.order, p.url_name))


def register_panel(panel: Panel) -> None:
    if all(p.key != panel.key for p in _PANELS):
        _PANELS.append(panel)
        _PANELS.sort(key=lambda p: (p.order, p.key))


def panel_facts(request: HttpRequest, case: Case) -> tuple[Hashable, ...] | None:
    """Every panel's facts, or None when a panel gives none (its rendering is then never reused)."""
    found = []
    for panel in _PANELS:
        if panel.facts is None:
            return None
        found.append((panel.key, panel.facts(request, case)))
    return tuple(found)


def step_pages(step: str) -> list[StepPage]:
    return [p for p in _STEP_PAGES if p.step == step]


def step_url(case: Case, step: str) -> str:
    """Where a step leads (its pill on the dashboard, "下一步" on the step before it): the first page
    registered for it, else the case's dashboard."""
    pages = step_pages(step)
    return pages[0].url(case) if pages else case.get_absolute_url()


def panels_for(request: HttpRequest, case: Case) -> list[tuple[Panel, dict[str, Any]]]:
    """The panels to show on ``case``'s dashboard, each with its context (panels returning None are hidden)."""
    shown = []
    for panel in _PANELS:
        context = panel.context(request, case)
        if context is not None:
            shown.append((panel, {"case": case, **context}))
    return shown


def register_proposals_sent(provider: Callable[[Case], Mapping[str, date]]) -> None:
    """``provider(case)`` gives, by debt id, the day a proposal letter was made for the debt."""
    if provider not in _SENT:
        _SENT.append(provider)


def proposals_sent(case: Case) -> dict[str, date]:
    """When a proposal letter was first made for each debt, from every registered app (one query each)."""
    found: dict[str, date] = {}
    for provider in _SENT:
        for debt_id, day in provider(case).items():
            found[debt_id] = min(found.get(debt_id, day), day)
    return found


def register_reminders(provider: Callable[[Case, HttpRequest | None], Sequence[Any]]) -> None:
    """``provider(case, request)`` gives every reminder due in the case (``xieshang.view.Reminder`` values)."""
    if provider not in _REMINDERS:
        _REMINDERS.append(provider)


def reminders_of(case: Case, request: HttpRequest | None = None) -> list[Any]:
    """Every reminder due in ``case`` from every registered app, by date."""
    found: list[Any] = []
    for provider in _REMINDERS:
        found.extend(provider(case, request))
    return sorted(found, key=lambda r: r.date)


def register_case_export(filename: str, provider: Callable[[Case], bytes | None]) -> None:
    """``provider(case)`` gives the bytes of ``filename`` in the case's folder of the everything archive, or None."""
    _EXPORTS.setdefault(filename, provider)


def case_exports() -> dict[str, Callable[[Case], bytes | None]]:
    return dict(sorted(_EXPORTS.items()))
