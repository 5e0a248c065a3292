"""Every database row of one case as plain JSON data, and back: what the complete export carries.

The rows of a case are found, not listed: every model with a cascading foreign key to the case, or to a model
already found (a payment through its debt), in any installed app, so a feature app's new table travels without
this module knowing it. A model opts out with ``travels_with_case = False`` (work in progress such as background
jobs). Rows are numbered per model in primary-key order (``ref``): references between rows (a payment's debt, a
refund netted into a payment, a document inside a package) are written as the other row's ``ref``, never as a
database key, so the same case gives the same data in any database, and loading it gives new keys. Values are
written as text where JSON has no type (amounts exactly as stored, times in ISO 8601, bytes in base64).
"""

from __future__ import annotations

import base64
import datetime
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import apps
from django.db import models

from xieshang.core.errors import ValidationError

from .models import Case

CASE_LABEL = "cases.case"
# Columns of the case row that do not travel: who owns it here, and the cache key of this database.
CASE_LOCAL = frozenset({"id", "owner", "revision"})


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _cascades_to(model: type[models.Model], found: Iterable[type[models.Model]]) -> bool:
    members = set(found)
    return any(
        f.is_relation
        and (f.many_to_one or f.one_to_one)
        and f.related_model in members
        and f.related_model is not model
        and getattr(f.remote_field, "on_delete", None) is models.CASCADE
        for f in model._meta.concrete_fields
    )


def case_models() -> list[type[models.Model]]:
    """The models whose rows belong to a case, each after the models it refers to (the case itself first)."""
    found: list[type[models.Model]] = [Case]
    candidates = [m for m in apps.get_models() if m is not Case and getattr(m, "travels_with_case", True)]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            if model not in found and _cascades_to(model, found):
                found.append(model)
                changed = True
    ordered: list[type[models.Model]] = []
    while len(ordered) < len(found):  # each model after every other case model it refers to
        for model in found:
            if model in ordered:
                continue
            needs = {f.related_model for f in _relations(model) if f.related_model is not model}
            if all(n in ordered for n in needs if n in found):
                ordered.append(model)
    return ordered


def _relations(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)]


def _fields(model: type[models.Model]) -> list[Any]:
    skip = CASE_LOCAL if model is Case else {"id"}
    return [f for f in model._meta.concrete_fields if f.name not in skip and not f.primary_key]


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _queryset(model: type[models.Model], case: Case) -> models.QuerySet[Any]:
    if model is Case:
        return Case.objects.filter(pk=case.pk)
    path = _path_to_case(model)
    return model._default_manager.filter(**{path: case.pk}).order_by("pk")


def _path_to_case(model: type[models.Model], seen: frozenset[Any] = frozenset()) -> str:
    """The lookup from ``model`` to the case's key (``case``, or ``debt__case`` for payments)."""
    for field in _relations(model):
        target = field.related_model
        if target is Case:
            return field.name
    for field in _relations(model):
        target = field.related_model
        if target is not model and target not in seen and _cascades_to(model, [target]):
            return f"{field.name}__{_path_to_case(target, seen | {model})}"
    raise LookupError(f"{label(model)} does not belong to a case")


def dump_rows(case: Case) -> dict[str, Any]:
    """``{"schema": {model: [fields]}, "rows": {model: [row, …]}}`` for the whole case (see module docstring)."""
    refs: dict[str, dict[Any, int]] = {}
    rows: dict[str, list[dict[str, Any]]] = {}
    schema: dict[str, list[str]] = {}
    for model in case_models():
        name = label(model)
        objects = list(_queryset(model, case))
        refs[name] = {obj.pk: number for number, obj in enumerate(objects, start=1)}  # before the rows: a
        # refund may name a payment of its own table that comes later
        fields = _fields(model)
        schema[name] = [f.name for f in fields]
        out = []
        for number, obj in enumerate(objects, start=1):
            row: dict[str, Any] = {"ref": number}
            for field in fields:
                value = field.value_from_object(obj)
                if field.is_relation:
                    target = label(field.related_model)
                    if target == CASE_LABEL:
                        continue
                    value = None if value is None else refs.get(target, {}).get(value)
                row[field.name] = _plain(value)
            out.append(row)
        rows[name] = out
    return {"schema": schema, "rows": rows}


def check_schema(schema: Mapping[str, Any]) -> None:
    """Refuse data with a table or column this version does not have (written by a newer version)."""
    known = {label(m): {f.name for f in _fields(m)} for m in case_models()}
    for name, fields in schema.items():
        if name not in known:
            raise ValidationError(
                f"这个版本没有 {name} 这张表：导出来自更新的版本 / made by a newer version", "case.json"
            )
        extra = [f for f in fields if f not in known[name]]
        if extra:
            raise ValidationError(
                f"这个版本没有 {name}.{extra[0]}：导出来自更新的版本 / made by a newer version", "case.json"
            )


def _value(field: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(field, models.JSONField):
        return raw
    return field.to_python(raw)


def load_rows(case: Case, data: Mapping[str, Any]) -> dict[str, int]:
    """Insert every row of ``data`` (see :func:`dump_rows`) into the new, locked ``case``; count per model.

    Rows referring to rows of their own model are inserted without that reference and updated once all exist;
    columns the database fills in by itself (creation and change times) are set afterwards to the exported
    values, so a case comes back exactly as it left.
    """
    rows: Mapping[str, list[dict[str, Any]]] = data["rows"]
    saved: dict[str, dict[int, Any]] = {}
    counts: dict[str, int] = {}
    for model in case_models():
        name = label(model)
        if model is Case:
            continue
        items = rows.get(name, [])
        fields = _fields(model)
        objects, stamps = [], []
        for index, item in enumerate(items):
            values: dict[str, Any] = {}
            for field in fields:
                if field.name not in item and not field.is_relation:
                    continue
                raw = item.get(field.name)
                where = f"case.json:{name}[{index}].{field.name}"
                try:
                    if field.is_relation:
                        target = field.related_model
                        if target is Case:
                            values[field.name] = case
                        elif target is not model and raw is not None:
                            values[field.name] = saved[label(target)][int(raw)]
                    else:
                        values[field.name] = _value(field, raw)
                except (KeyError, ValueError, TypeError, decimal.InvalidOperation) as error:
                    raise ValidationError(f"无法读取 / unreadable: {error}", where) from None
                except Exception as error:  # Django's own ValidationError from to_python
                    raise ValidationError(f"无法读取 / unreadable: {error}", where) from None
            objects.append(model(**values))
            stamps.append({f.name: values.get(f.name) for f in fields if _auto_time(f)})
        model._default_manager.bulk_create(objects, batch_size=500)
        saved[name] = {int(item["ref"]): obj for item, obj in zip(items, objects, strict=True)}
        _restore_times(model, objects, stamps)
        _restore_self_refs(model, items, saved[name])
        counts[name] = len(objects)
    return counts


def _auto_time(field: Any) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _restore_times(model: type[models.Model], objects: list[Any], stamps: list[dict[str, Any]]) -> None:
    for obj, values in zip(objects, stamps, strict=True):
        values = {k: v for k, v in values.items() if v is not None}
        if values:
            model._default_manager.filter(pk=obj.pk).update(**values)


def _restore_self_refs(
    model: type[models.Model], items: list[dict[str, Any]], by_ref: dict[int, Any]
) -> None:
    selfs = [f for f in _relations(model) if f.related_model is model]
    for field in selfs:
        for item in items:
            raw = item.get(field.name)
            if raw is not None:
                model._default_manager.filter(pk=by_ref[int(item["ref"])].pk).update(
                    **{field.attname: by_ref[int(raw)].pk}
                )


def case_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The case row's own columns from ``data`` (typed), for creating it."""
    (item,) = data["rows"][CASE_LABEL]
    values = {}
    for field in _fields(Case):
        if field.name in item and not field.is_relation:
            values[field.name] = _value(field, item[field.name])
    return values
