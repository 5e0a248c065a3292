from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaperworkConfig(AppConfig):
    name = "xieshang.paperwork"
    label = "paperwork"
    verbose_name = _("材料与文书")
    default_auto_field = "django.db.models.BigAutoField"
