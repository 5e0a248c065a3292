"""The API's one instance (``/api/v1/``, OpenAPI at ``/api/v1/openapi.json``) and its guarded routes."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from . import agreements, cases, debts, errors, figures, records
from .routes import url_patterns

NAMESPACE = "api-v1"


class BearerToken(HttpBearer):
    """The account :func:`api.routes.guard` already found (a bearer token, or the browser's session); declared
    as bearer authentication in the OpenAPI document."""

    def __call__(self, request: HttpRequest) -> Any:
        return request.user if request.user.is_authenticated else None

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover (never called)
        return None


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """The operation's own name (``payment_create``), as its URL name says it."""
        return str(operation.view_func.__name__)


api = Api(
    title="Xieshang 协商 API",
    version="1",
    description="案件、债务、还款、收支表和还款方案。金额为两位小数的字符串，日期为 ISO 格式。 / "
    "Cases, debts, payments, the statement and the plan. Money as strings with two decimals, ISO dates.",
    urls_namespace=NAMESPACE,
    docs_url=None,
    auth=BearerToken(),
)
api.add_router("", cases.router)
api.add_router("", debts.router)
api.add_router("", figures.router)
api.add_router("", records.router)
api.add_router("", agreements.router)


@api.exception_handler(Http404)
def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
    return errors.not_found()


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return errors.unauthorized()


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return errors.respond(400, errors.validation_problems(exc.errors, get_language()))


urlpatterns = url_patterns(api)
