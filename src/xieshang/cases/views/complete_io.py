"""One case, complete, in and out of the workbench: "export everything" (a zip verified by its manifest) and
its import (``cases.complete``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xieshang.core.errors import XieshangError

from .. import core_messages
from ..access import get_case_for_user
from ..complete import export_case, import_case_archive
from ..forms import CompleteImportForm
from ..limits import upload_limit


@login_required
def complete_export(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    folder = Path(tempfile.mkdtemp(prefix=".export-", dir=settings.DATA_DIR))
    target = folder / "case.zip"
    export_case(case.pk, target)
    handle = target.open("rb")
    target.unlink()  # the open handle keeps the bytes until the response is sent; nothing stays on disk
    folder.rmdir()
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"xieshang-case-{case.pk}-complete.zip",
        content_type="application/zip",
    )


@login_required
@upload_limit("archive")
def complete_import(request: HttpRequest) -> HttpResponse:
    form = CompleteImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.NamedTemporaryFile(dir=settings.DATA_DIR, prefix=".incoming-", suffix=".zip") as temp:
            for chunk in upload.chunks():
                temp.write(chunk)
            temp.flush()
            try:
                case = import_case_archive(request.user, Path(temp.name), Path(settings.DATA_DIR))
            except XieshangError as error:
                problems = [core_messages.localise(str(error))]
            else:
                messages.success(
                    request, _("已导入案件“%(name)s”的全部内容。") % {"name": case.borrower_name}
                )
                return redirect("case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/complete_import.html", {"form": form, "problems": problems}, status=status)
