"""The JSON API (``/api/v1/``): django-ninja operations over the same access check, write path and case view
as the pages. See docs/api.md."""
