"""Django app: 材料与文书 pages of the case workbench."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperworkConfig(AppConfig):
    name = "xieshang.paperwork"
    label = "paperwork"
    verbose_name = _("材料与文书")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from xieshang.cases.extensions import (
            Panel,
            StepPage,
            register_panel,
            register_proposals_sent,
            register_step_page,
        )

        from . import (
            jobs,  # noqa: F401  (registers its kind of background job)
            materials,  # noqa: F401  (connects the receiver that drops withdrawn files)
        )
        from .drafting import proposals_made
        from .panels import materials_panel

        register_step_page(StepPage("materials", "paperwork:materials", _("准备材料"), order=10))
        register_step_page(StepPage("negotiate", "paperwork:documents", _("协商文书"), order=20))
        register_step_page(StepPage("report", "paperwork:documents", _("协商文书"), order=30))
        register_step_page(StepPage("care", "paperwork:documents", _("协商文书"), order=30))
        register_panel(  # the checklist is the case view's: nothing else to watch
            Panel(
                "materials",
                "paperwork/_panel.html",
                materials_panel,
                order=40,
                facts=lambda request, case: (),
            )
        )
        register_proposals_sent(proposals_made)
