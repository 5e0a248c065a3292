"""The case file in and out of the workbench: export (YAML), import (YAML or JSON), the demo case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xieshang.audit.models import Action
from xieshang.core.bilingual import Text
from xieshang.core.errors import ValidationError as CoreValidationError
from xieshang.core.errors import XieshangError

from .. import core_messages
from ..access import get_case_for_user
from ..case_writes import import_case_text
from ..convert import case_file_yaml
from ..demo import load_demo_case
from ..forms import CaseFileImportForm
from ..limits import upload_limit
from ..routes import log


@login_required
def case_export(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request, pk)
    full = request.GET.get("numbers") == "full"
    if full:
        log(
            request,
            Action.REVEAL,
            Text("案件文件中的完整证件号和电话", "full numbers in the case file"),
            case,
        )
    response = HttpResponse(
        case_file_yaml(case, full_numbers=full), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="xieshang-case-{case.pk}.yaml"'
    return response


@login_required
@upload_limit("casefile")
def case_import(request: HttpRequest) -> HttpResponse:
    form = CaseFileImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            problems = [_("文件不是 UTF-8 文本。")]
        else:
            try:
                case = import_case_text(request.user, text, source_name=upload.name)
            except CoreValidationError as error:
                problems = [
                    f"{e.path}: {core_messages.message(e)}" if e.path else core_messages.message(e)
                    for e in error.errors
                ]
            except XieshangError as error:
                problems = [core_messages.localise(str(error))]
            else:
                messages.success(request, _("已导入案件“%(name)s”。") % {"name": case.borrower_name})
                return redirect("case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/case_import.html", {"form": form, "problems": problems}, status=status)


@login_required
@require_POST
def load_demo(request: HttpRequest) -> HttpResponse:
    case = load_demo_case(request.user)
    messages.success(request, _("已载入示例案件。这些数据是虚构的，可随时删除。"))
    return redirect("case", pk=case.pk)
