"""Django app: accounts and signing in."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xieshang.accounts"
    label = "accounts"
    verbose_name = _("账号与登录")
    default_auto_field = "django.db.models.BigAutoField"
