"""URLs of the 还款协议 pages, under cases/<pk>/agreements/, grouped by the view module that answers them."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import agreements, keeping

app_name = "agreements"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", agreements.agreement_list, name="list"),
    path("new/", agreements.agreement_new, name="new"),
    path("<str:agreement_id>/", keeping.agreement_detail, name="detail"),
    path("<str:agreement_id>/edit/", agreements.agreement_edit, name="edit"),
    path("<str:agreement_id>/review/", agreements.agreement_review, name="review"),
    path("<str:agreement_id>/signed/", agreements.agreement_agree, name="agree"),
    path("<str:agreement_id>/delete/", agreements.agreement_delete, name="delete"),
    path("<str:agreement_id>/payments/", keeping.payment_new, name="payment"),
    path("<str:agreement_id>/files/", keeping.files_new, name="files"),
]
