"""Django app: 协商方案 pages of the case workbench."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "xieshang.plans"
    label = "plans"
    verbose_name = _("协商方案")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xieshang.cases.extensions import Panel, StepPage, register_panel, register_step_page

        from .panels import plan_panel

        register_step_page(StepPage("negotiate", "plans:builder", _("协商方案"), order=10))
        register_panel(
            Panel("plan", "plans/panel.html", plan_panel, order=30, facts=lambda request, case: ())
        )
