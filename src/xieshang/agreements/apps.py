"""Django app: 还款协议 pages of the case workbench (recording an agreement, reading it before signing, keeping it)."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "xieshang.agreements"
    label = "agreements"
    verbose_name = _("还款协议")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xieshang.cases.extensions import Panel, StepPage, register_panel, register_step_page

        from . import store  # noqa: F401  (connects the receivers that drop deleted payments, debts and files)
        from .panels import agreements_panel, guard_panel

        register_step_page(StepPage("negotiate", "agreements:list", _("还款协议"), order=30))
        # step 6's page is the reminders (contacts), step 7's the collection check (contacts): listed after them
        register_step_page(StepPage("stay", "agreements:list", _("按协议还款"), order=30))
        register_step_page(StepPage("care", "agreements:list", _("签字前检查协议"), order=30))
        register_panel(  # everything it shows is the case view's
            Panel("agreements", "agreements/_panel.html", agreements_panel, order=15, facts=lambda r, c: ())
        )
        register_panel(
            Panel("guard", "agreements/_guard_panel.html", guard_panel, order=90, facts=lambda r, c: ())
        )
