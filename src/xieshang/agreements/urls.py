"""URLs of the 还款协议 pages, under cases/<pk>/agreements/, grouped by the view module that answers them.

Each declares its access rule (:mod:`xieshang.cases.routes`): reading an agreement needs read access to the
case; recording, signing, paying under or deleting one needs write access."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import PAGE, READ, WRITE, case_path
from xieshang.core.bilingual import Text as T

from .views import agreements, keeping

app_name = "agreements"

AGREEMENTS = T("还款协议", "repayment agreements")
AGREEMENT = T("一份还款协议", "a repayment agreement")

urlpatterns: list[URLPattern] = [
    case_path("", agreements.agreement_list, READ, name="list", what=AGREEMENTS),
    case_path("new/", agreements.agreement_new, PAGE, name="new", what=AGREEMENTS),
    case_path("<str:agreement_id>/", keeping.agreement_detail, READ, name="detail", what=AGREEMENT),
    case_path("<str:agreement_id>/edit/", agreements.agreement_edit, PAGE, name="edit", what=AGREEMENT),
    case_path(
        "<str:agreement_id>/review/",
        agreements.agreement_review,
        READ,
        name="review",
        what=T("签字前检查", "the check before signing"),
    ),
    case_path("<str:agreement_id>/signed/", agreements.agreement_agree, WRITE, name="agree", what=AGREEMENT),
    case_path(
        "<str:agreement_id>/delete/", agreements.agreement_delete, WRITE, name="delete", what=AGREEMENT
    ),
    case_path(
        "<str:agreement_id>/payments/",
        keeping.payment_new,
        WRITE,
        name="payment",
        what=T("协议下的还款", "a payment under an agreement"),
    ),
    case_path(
        "<str:agreement_id>/files/",
        keeping.files_new,
        WRITE,
        name="files",
        what=T("协议文件", "the agreement's files"),
    ),
]
