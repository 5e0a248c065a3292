from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "xieshang.budget"
    label = "budget"
    verbose_name = _("预算与账单")
    default_auto_field = "django.db.models.BigAutoField"
