"""Reading a stored case for a page: the rows turned into the core case once, and the case view every page,
panel, document and export of the request reads.

Views are kept in a small process-local cache (:data:`VIEWS`) keyed on the case, ``Case.revision`` (grown by
every write made through ``cases.writes.locked``), the day and the reference data, so the second page of a case
on a day (the warm dashboard) costs one lookup, and a process that did not make the change still sees it (it
reads the row's revision with the page's own query). Every page writes through ``locked``; a row saved outside it
in this process (a shell, a test, a migration) is noticed too: saving or deleting a debt, a payment or the case
row moves the case's local generation, which is part of the key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from xieshang.view import CaseView, LruCache, day_for, packaged

from .convert import Loaded, load_case
from .models import Case, Debt, Payment

VIEWS: LruCache[Reading] = LruCache(32)
_generation: defaultdict[int, int] = defaultdict(int)
_debt_case: dict[int, int] = {}  # debt pk → case pk, for a payment deleted without its debt loaded
_REQUEST_KEY = "_xieshang_readings"


@dataclass(frozen=True)
class Reading:
    """A stored case as a page reads it: the view, and the rows it was made from."""

    view: CaseView
    loaded: Loaded
    key: Hashable = None  # the cache key it was made under: anything derived from it may be kept under it too

    @property
    def rows(self) -> tuple[Debt, ...]:
        return self.loaded.rows

    def row(self, debt_id: str) -> Debt:
        for debt in self.loaded.rows:
            if debt.key == debt_id:
                return debt
        raise KeyError(debt_id)


def _key(case: Case) -> Hashable:
    reference = packaged()
    return (case.pk, case.revision, _generation[case.pk], day_for(case.as_of), id(reference))


def view_key(case: Case) -> Hashable:
    """The key a view of ``case`` is kept under now (no query: the row's revision is already loaded)."""
    return _key(case)


def _read(case: Case, key: Hashable) -> Reading:
    loaded = load_case(case)
    for debt in loaded.rows:
        _debt_case[debt.pk] = case.pk
    return Reading(CaseView(loaded.core, day_for(case.as_of), packaged()), loaded, key)


def read_case(case: Case, request: HttpRequest | None = None) -> Reading:
    """The case's reading for this request: from the request's own memo, the process cache, or made now."""
    key = _key(case)
    memo: dict[Hashable, Reading] | None = None
    if request is not None:
        memo = request.__dict__.setdefault(_REQUEST_KEY, {})
        if key in memo:
            return memo[key]
    reading = VIEWS.get(key, lambda: _read(case, key))
    if memo is not None:
        memo[key] = reading
    return reading


def case_view(case: Case, request: HttpRequest | None = None) -> CaseView:
    return read_case(case, request).view


def _moved(case_pk: int | None) -> None:
    if case_pk is not None:
        _generation[case_pk] += 1


@receiver(post_save, sender=Case)
@receiver(post_delete, sender=Case)
def _case_changed(sender: Any, instance: Case, **kwargs: Any) -> None:
    _moved(instance.pk)


@receiver(post_save, sender=Debt)
@receiver(post_delete, sender=Debt)
def _debt_changed(sender: Any, instance: Debt, **kwargs: Any) -> None:
    _moved(instance.case_id)


@receiver(post_save, sender=Payment)
@receiver(post_delete, sender=Payment)
def _payment_changed(sender: Any, instance: Payment, **kwargs: Any) -> None:
    case_pk = _debt_case.get(instance.debt_id)
    if case_pk is None:
        VIEWS.clear()  # a debt this process never read: drop everything rather than guess
    _moved(case_pk)
