"""Schemathesis against the served OpenAPI document: for every operation, generated requests (valid and
invalid) with a real token on a real case get no server error and no answer the document does not describe.

Sized for a two-core CI: :data:`EXAMPLES` requests per operation. Path numbers are pointed at the real case
and debt most of the time (else nearly every request would be a 404), so the figures and the write path are
exercised; changes run after the reads, deletions last.
"""

from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from xieshang.web.wsgi import application

EXAMPLES = 12
ORDER = {"GET": 0, "POST": 1, "PATCH": 1, "PUT": 1, "DELETE": 2}
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def connection_kept():  # type: ignore[no-untyped-def]
    """The WSGI application closes the database connection after each request; the test's database (and its
    transaction) must outlive the requests, as Django's own test client arranges."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.slow
def test_every_operation_keeps_to_its_document(demo, token, connection_kept) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    debts = list(demo.debts.values_list("pk", flat=True))
    real = {"pk": st.just(demo.pk), "debt_pk": st.sampled_from(debts)}
    headers = {"Authorization": f"Bearer {token}"}
    seen: Counter[tuple[str, int]] = Counter()
    for operation in sorted(operations, key=lambda o: (ORDER.get(o.method.upper(), 1), o.path)):

        @given(case=operation.as_strategy(), aim=st.booleans(), picks=st.data())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def run(case, aim, picks) -> None:  # type: ignore[no-untyped-def]
            if aim and case.path_parameters:
                for name, strategy in real.items():
                    if name in case.path_parameters:
                        case.path_parameters[name] = picks.draw(strategy)
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            seen[(case.method.upper(), response.status_code // 100)] += 1

        run()
    answered = {method for method, kind in seen if kind == 2}
    assert answered >= {"GET", "DELETE"}, (
        seen
    )  # the real case was read and deleted from (writes: test_access_and_errors)
