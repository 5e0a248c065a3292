from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "xieshang.contacts"
    label = "contacts"
    verbose_name = _("沟通与证据")
    default_auto_field = "django.db.models.BigAutoField"
