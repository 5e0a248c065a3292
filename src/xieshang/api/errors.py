"""The API's one error shape: ``{"errors": [{"location", "field", "message"}]}``, in the person's language.

``location`` says where the problem is for a program (``body.principal``, ``query.page``, ``path.pk``);
``field`` is the field's label as the pages show it and ``message`` the whole sentence a person reads, which
names the field by that label, never by its key. A refused request and a request for something that does not
exist get the very same 404.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpResponse, JsonResponse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from ninja import Schema

from xieshang.core.bilingual import Text, is_english


class Problem(Schema):
    location: str  # where: "body.amount", "query.page", "" for the request as a whole
    field: str  # the field's label in the person's language ("" for the request as a whole)
    message: str  # the sentence to show


class Errors(Schema):
    errors: list[Problem]


def problem(message: str, location: str = "", field: str = "") -> dict[str, str]:
    return {"location": location, "field": field, "message": message}


def respond(status: int, problems: Iterable[Mapping[str, str]]) -> HttpResponse:
    response = JsonResponse(
        {"errors": list(problems)}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="xieshang"'
    return response


def not_found() -> HttpResponse:
    """The one 404: for what does not exist and for what this account may not see alike."""
    return respond(404, [problem(_("没有找到。地址不对，或者这个账户不能查看它。"))])


def forbidden() -> HttpResponse:
    return respond(403, [problem(_("这个账户可以查看，但不能修改这个案件。"))])


def unauthorized() -> HttpResponse:
    return respond(
        401,
        [
            problem(
                _("请先登录，或在请求头中带上 API 令牌：Authorization: Bearer 令牌。"), "header.Authorization"
            )
        ],
    )


def csrf_refused() -> HttpResponse:
    return respond(
        403, [problem(_("浏览器会话的修改请求缺少 CSRF 令牌。脚本请改用 API 令牌。"), "header.X-CSRFToken")]
    )


# Labels of the API's own inputs (the fields of a form carry theirs: see :func:`form_problems`).
LABELS: dict[str, Text] = {
    "page": Text("页码", "page"),
    "page_size": Text("每页条数", "items per page"),
    "pk": Text("案件编号", "case number"),
    "debt_pk": Text("债务编号", "debt number"),
    "payment_pk": Text("还款记录编号", "payment number"),
    "status": Text("协商状态", "negotiation status"),
    "date": Text("还款日期", "payment date"),
    "amount": Text("金额（元）", "amount (yuan)"),
    "note": Text("备注", "note"),
    "sha256": Text("文件指纹", "file fingerprint"),
    "name": Text("文书", "document"),
    "fmt": Text("文件格式", "file format"),
    "creditor": Text("债权人", "creditor"),
    "show_id": Text("显示完整身份证号", "show the full ID number"),
    "planned": Text("确认是计划中的日期", "the date is planned"),
    "lender_type": Text("机构类型", "lender type"),
    "method": Text("还款方式", "repayment method"),
}

# What pydantic found, in people's words (by its error type); anything else: "not in the expected form".
KINDS: dict[str, Text] = {
    "missing": Text("必须填写", "is required"),
    "int_parsing": Text("必须是整数", "must be a whole number"),
    "int_type": Text("必须是整数", "must be a whole number"),
    "greater_than_equal": Text("太小了", "is too small"),
    "less_than_equal": Text("太大了", "is too large"),
    "string_too_long": Text("太长了", "is too long"),
    "string_type": Text("必须是文字", "must be text"),
    "bool_parsing": Text("必须是“是”或“否”（true / false）", "must be true or false"),
    "bool_type": Text("必须是“是”或“否”（true / false）", "must be true or false"),
    "literal_error": Text("不是可选的值之一", "is not one of the allowed values"),
    "enum": Text("不是可选的值之一", "is not one of the allowed values"),
    "json_invalid": Text("请求内容不是有效的 JSON", "the request body is not valid JSON"),
    "model_attributes_type": Text("必须是一个 JSON 对象", "must be a JSON object"),
    "dict_type": Text("必须是一个 JSON 对象", "must be a JSON object"),
    "extra_forbidden": Text("不是这里可以填写的内容", "is not a field of this request"),
}
OTHER = Text("格式不对", "is not in the expected form")
WHOLE_REQUEST = Text("请求内容", "the request")


def colon(lang: str | None = None) -> str:
    lang = lang if lang is not None else get_language()
    return ": " if is_english(lang) else "："


def _label(key: str, lang: str | None) -> str:
    """A field's label: the API's own, else the page form's (the same field), never the key itself."""
    if key in LABELS:
        return LABELS[key].get(lang)
    from xieshang.cases.forms import DebtForm, PaymentForm

    for form in (DebtForm, PaymentForm):
        if key in form.base_fields:
            with override(lang):
                return str(form.base_fields[key].label)
    return WHOLE_REQUEST.get(lang)


def validation_problems(errors: Iterable[Mapping[str, Any]], lang: str | None) -> list[dict[str, str]]:
    """Pydantic's errors (``loc``: ``("body", "payload", "amount")``) as located sentences with labels."""
    found = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        where, rest = (loc[0], loc[1:]) if loc else ("", [])
        if where == "body" and rest and rest[0] == "payload":
            rest = rest[1:]
        key = rest[-1] if rest else ""
        label = _label(key, lang)
        kind = KINDS.get(str(error.get("type", "")), OTHER).get(lang)
        found.append(
            problem(f"{label}{colon(lang)}{kind}", ".".join([where, *rest]).strip("."), label if key else "")
        )
    return found


def form_problems(form: Any, where: str = "body") -> list[dict[str, str]]:
    """A Django form's errors: each under its field's label (the pages' words), located at ``body.<field>``."""
    found = []
    for name, messages in form.errors.items():
        field = form.fields.get(name)
        label = str(field.label) if field is not None and name != "__all__" else ""
        for message in messages:
            text = f"{label}{colon(get_language())}{message}" if label else str(message)
            found.append(problem(text, f"{where}.{name}" if label else where, label))
    return found
