"""URLs of the case workbench, grouped by the view module that answers them."""

from __future__ import annotations

from django.urls import path

from .views import casefile_io, cases, complete_io, dashboard, debts, payments

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("cases/new/", cases.case_create, name="case-create"),
    path("cases/import/", casefile_io.case_import, name="case-import"),
    path("cases/import/complete/", complete_io.complete_import, name="case-import-complete"),
    path("cases/demo/", casefile_io.load_demo, name="case-demo"),
    path("cases/<int:pk>/", dashboard.case_dashboard, name="case"),
    path("cases/<int:pk>/edit/", cases.case_edit, name="case-edit"),
    path("cases/<int:pk>/delete/", cases.case_delete, name="case-delete"),
    path("cases/<int:pk>/export.yaml", casefile_io.case_export, name="case-export"),
    path("cases/<int:pk>/export.zip", complete_io.complete_export, name="case-export-complete"),
    path("cases/<int:pk>/debts/new/", debts.debt_create, name="debt-create"),
    path("cases/<int:pk>/debts/<int:debt_pk>/", debts.debt_detail, name="debt"),
    path("cases/<int:pk>/debts/<int:debt_pk>/edit/", debts.debt_edit, name="debt-edit"),
    path("cases/<int:pk>/debts/<int:debt_pk>/delete/", debts.debt_delete, name="debt-delete"),
    path("cases/<int:pk>/debts/<int:debt_pk>/status/", debts.debt_status, name="debt-status"),
    path("cases/<int:pk>/debts/<int:debt_pk>/payments/new/", payments.payment_create, name="payment-create"),
    path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/import/", payments.payment_import, name="payment-import"
    ),
    path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/<int:payment_pk>/delete/",
        payments.payment_delete,
        name="payment-delete",
    ),
]
