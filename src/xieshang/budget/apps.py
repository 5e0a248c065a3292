from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "xieshang.budget"
    label = "budget"
    verbose_name = _("预算与账单")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xieshang.cases.extensions import Panel, StepPage, register_panel, register_step_page

        from . import jobs  # noqa: F401  (registers its kind of background job)
        from .panels import budget_facts, budget_panel

        register_step_page(StepPage("know", "budget:statement", _("收支表"), order=20))
        register_step_page(StepPage("know", "budget:upload", _("账单导入"), order=21))
        register_panel(Panel("budget", "budget/_panel.html", budget_panel, order=20, facts=budget_facts))
