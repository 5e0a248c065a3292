"""URLs of the 材料与文书 pages, under cases/<pk>/paperwork/."""

from __future__ import annotations

from django.urls import URLPattern

from xieshang.cases.routes import PAGE, READ, WRITE, case_path
from xieshang.core.bilingual import Text as T

from .views import disputes, documents, materials

app_name = "paperwork"

MATERIALS = T("证明材料", "supporting documents")
DISPUTES = T("异议与进展", "disputes and notes")
DOCUMENTS = T("协商文书", "negotiation documents")

urlpatterns: list[URLPattern] = [
    case_path("", materials.materials, PAGE, name="materials", what=MATERIALS),
    case_path("items/<slug:item_id>/", materials.material_item, WRITE, name="item", what=MATERIALS),
    case_path(
        "items/<slug:item_id>/files/<str:sha256>/",
        materials.material_file,
        READ,
        name="file",
        what=T("材料文件", "a supporting document"),
        export=True,
    ),
    case_path(
        "items/<slug:item_id>/files/<str:sha256>/remove/",
        materials.material_file_remove,
        WRITE,
        name="file-remove",
        what=MATERIALS,
    ),
    case_path("disputes/", disputes.disputes, READ, name="disputes", what=DISPUTES),
    case_path("disputes/add/", disputes.dispute_save, WRITE, name="dispute-add", what=DISPUTES),
    case_path("disputes/<slug:item_id>/", disputes.dispute_save, WRITE, name="dispute", what=DISPUTES),
    case_path(
        "disputes/<slug:item_id>/delete/",
        disputes.dispute_delete,
        WRITE,
        name="dispute-delete",
        what=DISPUTES,
    ),
    case_path("progress/add/", disputes.note_save, WRITE, name="note-add", what=DISPUTES),
    case_path("progress/<slug:item_id>/", disputes.note_save, WRITE, name="note", what=DISPUTES),
    case_path(
        "progress/<slug:item_id>/delete/", disputes.note_delete, WRITE, name="note-delete", what=DISPUTES
    ),
    case_path("documents/", documents.documents, READ, name="documents", what=DOCUMENTS),
    case_path(
        "documents/package/",
        documents.package,
        READ,
        name="package",
        what=T("协商材料包", "negotiation package"),
        export=True,
    ),
    case_path(
        "documents/package/job/",
        documents.package_job,
        READ,
        name="package-job",
        what=T("协商材料包", "negotiation package"),
    ),
    case_path("documents/<slug:name>/", documents.preview, READ, name="preview", what=DOCUMENTS),
    case_path(
        "documents/<slug:name>/page/", documents.preview_page, READ, name="preview-page", what=DOCUMENTS
    ),
    case_path(
        "documents/<slug:name>/<slug:fmt>/",
        documents.download,
        READ,
        name="download",
        what=T("文书", "a document"),
        export=True,
    ),
]
