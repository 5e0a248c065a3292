"""URLs of the case workbench, grouped by the view module that answers them; each declares who may use it
(``cases.routes``: a case route's rule and what the audit log calls it)."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.core.bilingual import Text as T

from .routes import AUDIT, ORGANISATION, OWNER, PAGE, READ, WRITE, Site, case_path, site_path
from .views import (
    audit,
    casefile_io,
    cases,
    complete_io,
    dashboard,
    debts,
    desk,
    everything,
    note,
    payments,
    reveal,
    sharing,
)

urlpatterns: list[URLPattern] = [
    site_path("", dashboard.home, Site.SIGNED_IN, name="home"),
    site_path("cases/new/", cases.case_create, Site.SIGNED_IN, name="case-create"),
    site_path("cases/import/", casefile_io.case_import, Site.SIGNED_IN, name="case-import"),
    site_path(
        "cases/import/complete/",
        complete_io.complete_import,
        Site.SIGNED_IN,
        name="case-import-complete",
    ),
    site_path("cases/demo/", casefile_io.load_demo, Site.SIGNED_IN, name="case-demo"),
    site_path("account/everything/", everything.everything, Site.SIGNED_IN, name="everything"),
    site_path("account/audit/", audit.my_audit, Site.SIGNED_IN, name="my-audit"),
    site_path("account/audit.csv", audit.my_audit_csv, Site.SIGNED_IN, name="my-audit-csv"),
    site_path("desk/", desk.desk, Site.COUNSELLOR, name="desk"),
    site_path("desk/new-case/", desk.desk_new_case, Site.COUNSELLOR, name="desk-new-case"),
    site_path("organisation/audit/", audit.organisation_audit, Site.ADMIN, name="organisation-audit"),
    site_path(
        "organisation/audit.csv", audit.organisation_audit_csv, Site.ADMIN, name="organisation-audit-csv"
    ),
    case_path(
        "cases/<int:pk>/", dashboard.case_dashboard, READ, name="case", what=T("案件首页", "case page")
    ),
    case_path(
        "cases/<int:pk>/edit/", cases.case_edit, WRITE, name="case-edit", what=T("案件资料", "case details")
    ),
    case_path(
        "cases/<int:pk>/delete/", cases.case_delete, OWNER, name="case-delete", what=T("案件", "the case")
    ),
    case_path(
        "cases/<int:pk>/sharing/", sharing.sharing, OWNER, name="case-sharing", what=T("分享", "sharing")
    ),
    case_path(
        "cases/<int:pk>/sharing/<int:share_pk>/revoke/",
        sharing.share_revoke,
        OWNER,
        name="case-share-revoke",
        what=T("取消分享", "a share ended"),
    ),
    case_path(
        "cases/<int:pk>/audit/", audit.case_audit, AUDIT, name="case-audit", what=T("操作记录", "audit log")
    ),
    case_path(
        "cases/<int:pk>/audit.csv",
        audit.case_audit_csv,
        AUDIT,
        name="case-audit-csv",
        what=T("操作记录", "audit log"),
        export=True,
    ),
    case_path(
        "cases/<int:pk>/note/",
        note.note,
        ORGANISATION,
        name="case-note",
        what=T("机构备注", "organisation note"),
    ),
    case_path(
        "cases/<int:pk>/reveal/",
        reveal.reveal,
        READ,
        name="case-reveal",
        what=T("完整证件号和电话", "full numbers"),
    ),
    case_path(
        "cases/<int:pk>/export.yaml",
        casefile_io.case_export,
        READ,
        name="case-export",
        what=T("案件文件", "case file"),
        export=True,
    ),
    case_path(
        "cases/<int:pk>/export.zip",
        complete_io.complete_export,
        READ,
        name="case-export-complete",
        what=T("案件全部内容", "the complete case"),
        export=True,
    ),
    case_path(
        "cases/<int:pk>/debts/new/", debts.debt_create, WRITE, name="debt-create", what=T("债务", "a debt")
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/", debts.debt_detail, PAGE, name="debt", what=T("债务", "a debt")
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/edit/",
        debts.debt_edit,
        WRITE,
        name="debt-edit",
        what=T("债务", "a debt"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/delete/",
        debts.debt_delete,
        WRITE,
        name="debt-delete",
        what=T("删除债务", "deleting a debt"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/status/",
        debts.debt_status,
        WRITE,
        name="debt-status",
        what=T("协商状态", "negotiation status"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/new/",
        payments.payment_create,
        WRITE,
        name="payment-create",
        what=T("还款记录", "payments"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/import/",
        payments.payment_import,
        WRITE,
        name="payment-import",
        what=T("导入还款记录", "payments import"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/<int:payment_pk>/delete/",
        payments.payment_delete,
        WRITE,
        name="payment-delete",
        what=T("删除还款记录", "deleting a payment"),
    ),
    case_path(
        "cases/<int:pk>/debts/<int:debt_pk>/payments/restore/",
        payments.payment_restore,
        WRITE,
        name="payment-restore",
        what=T("恢复删除的还款记录", "restoring a deleted payment"),
    ),
]
