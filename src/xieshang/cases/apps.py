from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "xieshang.cases"
    label = "cases"
    verbose_name = _("案件")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import reading  # noqa: F401 - connects the signals that keep cached case views fresh
        from .extensions import StepPage, register_step_page

        # step 1's page is the dashboard's own list of debts (the budget pages follow it)
        register_step_page(StepPage("know", "case", _("债务一览"), order=10, fragment="creditors"))
