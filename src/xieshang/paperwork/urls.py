"""URLs of the 材料与文书 pages, under cases/<pk>/paperwork/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from .views import disputes, documents, materials

app_name = "paperwork"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", materials.materials, name="materials"),
    path("items/<slug:item_id>/", materials.material_item, name="item"),
    path("items/<slug:item_id>/files/<str:sha256>/", materials.material_file, name="file"),
    path(
        "items/<slug:item_id>/files/<str:sha256>/remove/", materials.material_file_remove, name="file-remove"
    ),
    path("disputes/", disputes.disputes, name="disputes"),
    path("disputes/add/", disputes.dispute_save, name="dispute-add"),
    path("disputes/<slug:item_id>/", disputes.dispute_save, name="dispute"),
    path("disputes/<slug:item_id>/delete/", disputes.dispute_delete, name="dispute-delete"),
    path("progress/add/", disputes.note_save, name="note-add"),
    path("progress/<slug:item_id>/", disputes.note_save, name="note"),
    path("progress/<slug:item_id>/delete/", disputes.note_delete, name="note-delete"),
    path("documents/", documents.documents, name="documents"),
    path("documents/package/", documents.package, name="package"),
    path("documents/package/job/", documents.package_job, name="package-job"),
    path("documents/<slug:name>/", documents.preview, name="preview"),
    path("documents/<slug:name>/page/", documents.preview_page, name="preview-page"),
    path("documents/<slug:name>/<slug:fmt>/", documents.download, name="download"),
]
