"""Every page a signed-in person can open with only a case's number: the routes of the URL configuration whose one
argument is the case (or none), fetched with GET, kept when they answer with an HTML page."""

from __future__ import annotations

from collections.abc import Iterator

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse


def _routes(
    patterns: list[URLPattern | URLResolver], namespace: str = "", outer: tuple[str, ...] = ()
) -> Iterator[tuple[str, tuple[str, ...]]]:
    for pattern in patterns:
        here = outer + tuple(pattern.pattern.converters)
        if isinstance(pattern, URLResolver):
            yield from _routes(
                pattern.url_patterns, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""), here
            )
        elif pattern.name:
            yield namespace + pattern.name, here


def html_pages(client: Client, case_pk: int, skip: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """(route name, page HTML) of every page reachable by GET with the case's number alone (API routes and
    downloads left out: only ``text/html`` answers with status 200)."""
    for name, arguments in sorted(set(_routes(get_resolver().url_patterns))):
        if name.startswith("api:") or name in skip or arguments not in ((), ("pk",)):
            continue
        url = reverse(name, args=[case_pk] if arguments else [])
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield name, response.content.decode()
