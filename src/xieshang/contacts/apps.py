"""Django app: 沟通与证据 pages of the case workbench."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "xieshang.contacts"
    label = "contacts"
    verbose_name = _("沟通与证据")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xieshang.cases.extensions import (
            Panel,
            StepPage,
            register_case_export,
            register_panel,
            register_reminders,
            register_step_page,
        )
        from xieshang.jobs.schedule import Daily, register_daily

        from . import store  # noqa: F401  (connects the receiver that drops withdrawn files from contacts)
        from .log import bundle_or_none
        from .mailing import DAILY, enqueue_day
        from .reminding import case_reminders, reminder_facts, reminders_panel

        register_daily(Daily(DAILY, "REMINDER_HOUR", enqueue_day))
        register_step_page(StepPage("contact", "contacts:log", _("沟通记录"), order=20))
        register_step_page(StepPage("report", "contacts:report", _("还款情况汇报"), order=20))
        register_step_page(StepPage("stay", "contacts:stay", _("提醒与日历"), order=20))
        register_step_page(StepPage("care", "contacts:findings", _("催收核查"), order=20))
        register_step_page(StepPage("care", "contacts:evidence", _("证据库"), order=21))
        register_panel(
            Panel(
                "reminders", "contacts/_reminders_panel.html", reminders_panel, order=20, facts=reminder_facts
            )
        )
        register_reminders(case_reminders)
        register_case_export("evidence.zip", bundle_or_none)
