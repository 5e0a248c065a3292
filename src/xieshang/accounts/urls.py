"""URLs of signing in and out, signing up, the account's own page and the organisation's page."""

from __future__ import annotations

from django.urls import URLPattern

from .routes import Site, site_path
from .views import account, my_devices, organisation, signin, signup

urlpatterns: list[URLPattern] = [
    site_path("login/", signin.login_help, Site.ANYONE, name="login-help"),
    site_path("login/code/", signin.login_code, Site.ANYONE, name="login-code"),
    site_path("login/<str:token>/", signin.login_with_token, Site.ANYONE, name="login-token"),
    site_path("logout/", signin.logout_view, Site.ANYONE, name="logout"),
    site_path("signup/<str:token>/", signup.signup, Site.ANYONE, name="signup"),
    site_path("account/", account.account, Site.SIGNED_IN, name="account"),
    site_path("account/two-factor/", account.two_factor, Site.SIGNED_IN, name="account-two-factor"),
    site_path("account/devices/", my_devices.devices, Site.SIGNED_IN, name="devices"),
    site_path("account/devices/phone-link/", my_devices.phone_link, Site.SIGNED_IN, name="phone-link"),
    site_path(
        "account/sessions/<int:session_pk>/end/", my_devices.session_end, Site.SIGNED_IN, name="session-end"
    ),
    site_path(
        "account/sessions/end-others/",
        my_devices.sessions_end_others,
        Site.SIGNED_IN,
        name="sessions-end-others",
    ),
    site_path("organisation/", organisation.organisation, Site.ADMIN, name="organisation"),
    site_path("organisation/invite/", organisation.invite, Site.ADMIN, name="organisation-invite"),
    site_path(
        "organisation/members/<int:user_pk>/remove/",
        organisation.member_remove,
        Site.ADMIN,
        name="member-remove",
    ),
]
