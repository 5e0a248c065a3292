"""Size limits per upload kind, checked before anything reads the request body.

A view that takes files names its kind with :func:`upload_limit` (``@upload_limit("casefile")``); the kinds
and their limits are ``settings.UPLOAD_LIMITS`` (bytes per file, files per request; see docs/operators.md).
:class:`UploadLimitMiddleware` compares the request's declared length with the limit of the view it resolved
to and answers 413 at once, so an over-limit body is never parsed, spooled or held in memory by the app (the
server in front, waitress, refuses bodies above the largest limit itself). Every other POST may carry no more
than ``DATA_UPLOAD_MAX_MEMORY_SIZE``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FORM_ALLOWANCE = 256 * 1024  # the multipart framing and the form's own fields around the files
KIND_LABELS = {
    "evidence": gettext_lazy("证据文件"),
    "materials": gettext_lazy("证明材料"),
    "bills": gettext_lazy("账单文件"),
    "casefile": gettext_lazy("案件文件"),
    "payments": gettext_lazy("还款记录 CSV"),
    "budget": gettext_lazy("收支表模板"),
    "archive": gettext_lazy("完整导出的案件"),
}

View = TypeVar("View", bound=Callable[..., Any])


def upload_limit(kind: str, json: bool = False) -> Callable[[View], View]:
    """Mark a view as taking uploads of ``kind`` (a key of ``settings.UPLOAD_LIMITS``); ``json``: it answers a
    script with JSON (``{"ok": false, "text": …}``), so a refusal does too."""
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown upload kind {kind!r}")

    def mark(view: View) -> View:
        view.upload_kind = kind  # type: ignore[attr-defined]  # read by the middleware; wraps() copies it
        view.upload_answers_json = json  # type: ignore[attr-defined]
        return view

    return mark


def request_limit(kind: str | None) -> int:
    """The most bytes a request body of ``kind`` may have (``None``: a form without files)."""
    if kind is None:
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) + FORM_ALLOWANCE
    per_file, files = settings.UPLOAD_LIMITS[kind]
    return int(per_file) * int(files) + FORM_ALLOWANCE


def largest_request() -> int:
    """The largest body any view accepts: the server refuses anything bigger before the app sees it."""
    return max(request_limit(kind) for kind in (None, *settings.UPLOAD_LIMITS))


def human_size(size: int) -> str:
    """``20971520`` → ``20 MB``; ``1536`` → ``1.5 KB``."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".rstrip("0").rstrip(".") + f" {unit}"
    return f"{size} B"


def file_too_large(upload: Any, kind: str) -> str | None:
    """The message for an uploaded file over its kind's limit per file (the request's limit allows the form
    around it), or ``None`` when it fits. For the forms of single-file kinds."""
    per_file, _files = settings.UPLOAD_LIMITS[kind]
    size = getattr(upload, "size", None)
    if size is None or size <= per_file:
        return None
    return _("文件太大（%(size)s），没有保存。%(what)s最多 %(limit)s。") % {
        "size": human_size(size),
        "what": KIND_LABELS[kind],
        "limit": human_size(per_file),
    }


def declared_length(request: HttpRequest) -> int:
    """The body length the client declared (Django reads no more than this; none or garbage reads nothing)."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    """Refuse over-limit bodies with 413 before the view, CSRF or anything else reads them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return None
        kind = getattr(view, "upload_kind", None)
        limit = request_limit(kind)
        length = declared_length(request)
        if length <= limit:
            return None
        return too_large(request, kind, length, as_json=getattr(view, "upload_answers_json", False))


def too_large(request: HttpRequest, kind: str | None, length: int, as_json: bool = False) -> HttpResponse:
    if kind is None:
        message = _("提交的内容太大（%(size)s），这个页面不接收文件。") % {"size": human_size(length)}
    else:
        per_file, files = settings.UPLOAD_LIMITS[kind]
        message = _(
            "上传的内容太大（%(size)s），没有保存。%(what)s每个文件最多 %(limit)s，一次最多 %(files)d 个文件。"
        ) % {
            "size": human_size(length),
            "what": KIND_LABELS[kind],
            "limit": human_size(per_file),
            "files": files,
        }
        if files == 1:
            message = _("上传的文件太大（%(size)s），没有保存。%(what)s最多 %(limit)s。") % {
                "size": human_size(length),
                "what": KIND_LABELS[kind],
                "limit": human_size(per_file),
            }
    if as_json:
        response: HttpResponse = JsonResponse({"ok": False, "text": message}, status=413)
    else:
        response = render(request, "413.html", {"message": message}, status=413)
    response["Connection"] = "close"  # the rest of the body is not read; the client must not reuse the socket
    return response
