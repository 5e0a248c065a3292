"""Values every page shows: the free help numbers in the footer, read from the packaged data."""

from __future__ import annotations

from django.http import HttpRequest

from xieshang import reference


def help_numbers(request: HttpRequest) -> dict[str, str]:
    numbers = {c.id: c.number for c in reference.help_channels()}
    return {
        "help_complaints": numbers.get("nfra-12378", ""),
        "help_legal_aid": numbers.get("legal-aid-12348", ""),
    }
