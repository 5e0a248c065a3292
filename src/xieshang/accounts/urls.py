"""URLs of signing in and out."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views

urlpatterns: list[URLPattern] = [
    path("login/", views.login_help, name="login-help"),
    path("login/<str:token>/", views.login_with_token, name="login-token"),
    path("logout/", views.logout_view, name="logout"),
]
