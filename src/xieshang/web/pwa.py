"""Installable on the home screen: the web app manifest, the service worker and the page shown offline.

The service worker (``/sw.js``, served from the site root so its scope is the whole site) keeps the app shell
(style sheet, scripts, icons, the offline page) and the pages last viewed, answering network first and from its
cache only when the network fails; a page answered from the cache is marked so it shows the "offline" banner.
Browsers run service workers in secure contexts only: http://127.0.0.1 and localhost, or HTTPS. Over a plain
HTTP network address (``serve --lan``) the pages work as usual but are not kept for offline reading.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

import xieshang

ICONS = (
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("maskable-192.png", "192x192", "maskable"),
    ("maskable-512.png", "512x512", "maskable"),
)
SHELL_FILES = ("xieshang/app.css", "xieshang/pwa.js", "xieshang/copy.js", "xieshang/icons/icon-192.png")
KEPT_PAGES = 30  # the pages last viewed, kept for reading offline


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    body = {
        "name": "协商 Xieshang",
        "short_name": "协商",
        "description": "与债权人协商还款的工作台 · A workbench for negotiating repayment with lenders",
        "lang": "zh-CN",
        "dir": "ltr",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#f4f6f9",
        "theme_color": "#0b5cad",
        "icons": [
            {"src": static(f"xieshang/icons/{name}"), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/manifest+json")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    context = {
        "version": xieshang.__version__,
        "shell": json.dumps([reverse("offline")] + [static(name) for name in SHELL_FILES]),
        "offline": json.dumps(reverse("offline")),
        "kept": KEPT_PAGES,
    }
    response = HttpResponse(render_to_string("pwa/sw.js", context), content_type="text/javascript")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # a new version of the app reaches the phone at its next visit
    return response


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page it has not kept, when there is no network."""
    return render(request, "pwa/offline.html")
