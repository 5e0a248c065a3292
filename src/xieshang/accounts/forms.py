"""The forms of signing in and up, the account page and the organisation's page."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth import password_validation
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import ColleagueAccess, Organisation, Role

USERNAME = RegexValidator(r"^[A-Za-z0-9_.@-]{3,150}$", _("用户名只能用字母、数字和 _ . @ -，至少 3 个字符。"))


class PasswordSignInForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=200)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("验证码"),
        max_length=12,
        help_text=_("身份验证器应用里显示的 6 位数字。"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class NewPasswordMixin(forms.Form):
    password1 = forms.CharField(label=_("密码"), widget=forms.PasswordInput, max_length=200)
    password2 = forms.CharField(label=_("再输入一次密码"), widget=forms.PasswordInput, max_length=200)

    def check_passwords(self, cleaned: dict[str, Any], user: Any = None) -> None:
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("两次输入的密码不一样。"))
        elif first:
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


class SignUpForm(NewPasswordMixin):
    username = forms.CharField(label=_("用户名"), max_length=150, validators=[USERNAME])
    display_name = forms.CharField(label=_("称呼（可不填）"), max_length=100, required=False)
    field_order = ("username", "display_name", "password1", "password2")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_passwords(cleaned)
        return cleaned


class PasswordChangeForm(NewPasswordMixin):
    current = forms.CharField(label=_("现在的密码"), widget=forms.PasswordInput, max_length=200)
    field_order = ("current", "password1", "password2")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("current") and not self.user.check_password(cleaned["current"]):
            self.add_error("current", _("现在的密码不对。"))
        self.check_passwords(cleaned, self.user)
        return cleaned


class InviteForm(forms.Form):
    role = forms.ChoiceField(
        label=_("角色"), choices=[(Role.COUNSELLOR, Role.COUNSELLOR.label), (Role.ADMIN, Role.ADMIN.label)]
    )
    label = forms.CharField(label=_("被邀请人（姓名或说明）"), max_length=100, required=False)


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ("name", "colleague_access")
        widgets: ClassVar[dict[str, Any]] = {"colleague_access": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague_access"].choices = ColleagueAccess.choices
