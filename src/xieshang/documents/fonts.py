"""The CJK fonts of a set of PDFs, set up once: the four faces the stylesheet names, cut down to the characters
the documents use, and handed to WeasyPrint as ``@font-face`` rules.

WeasyPrint embeds a subset of every font a PDF uses. Cut from the system's Noto CJK collections (20–27 MB each),
that subset took a twentieth of a second per face and PDF, four faces a PDF: most of a letter's rendering time.
Cut once from the collections to the characters of all the documents of a package (``subset_face``, HarfBuzz's
own subsetter, the one WeasyPrint uses), the faces are a few hundred kilobytes and each PDF's subset is a
millisecond. The glyphs, their metrics and every OpenType feature (``tnum`` for the tables' figures) are kept,
so a PDF looks the same; a character the documents did not hold falls back to the system font as before.

Where HarfBuzz's subsetter or ``fc-match`` is missing, :func:`font_faces` gives no rules and the PDFs use the
system fonts directly (slower, the same pages).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# (family the stylesheet names, weight) → (family the subset is given, fontconfig pattern of the system face)
FACES = {
    ("Noto Serif CJK SC", 400): ("Xieshang Serif CJK SC", "Noto Serif CJK SC:style=Regular"),
    ("Noto Serif CJK SC", 700): ("Xieshang Serif CJK SC", "Noto Serif CJK SC:style=Bold"),
    ("Noto Sans CJK SC", 400): ("Xieshang Sans CJK SC", "Noto Sans CJK SC:style=Regular"),
    ("Noto Sans CJK SC", 700): ("Xieshang Sans CJK SC", "Noto Sans CJK SC:style=Bold"),
}
ALWAYS = "".join(map(chr, range(0x20, 0x7F))) + "０１２３４５６７８９，。、：；（）《》“”‘’—…·％￥¥"

_CDEF = """
typedef struct hb_blob_t hb_blob_t; typedef struct hb_face_t hb_face_t; typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t; typedef uint32_t hb_codepoint_t;
hb_blob_t *hb_blob_create_from_file_or_fail (const char *file_name);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
void hb_blob_destroy (hb_blob_t *blob);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
void hb_set_add (hb_set_t *set, hb_codepoint_t codepoint);
void hb_set_clear (hb_set_t *set);
void hb_set_invert (hb_set_t *set);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, int set_type);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_face_t *hb_subset_or_fail (hb_face_t *source, const hb_subset_input_t *input);
"""
_LAYOUT_FEATURE_TAGS = 6  # HB_SUBSET_SETS_LAYOUT_FEATURE_TAG


@functools.cache
def _harfbuzz() -> tuple[Any, Any, Any] | None:
    """(ffi, libharfbuzz, libharfbuzz-subset), or None where they cannot be loaded."""
    try:
        import cffi  # a dependency of WeasyPrint
    except ImportError:  # pragma: no cover
        return None
    try:
        ffi = cffi.FFI()
        ffi.cdef(_CDEF)
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except (OSError, AttributeError, cffi.CDefError):  # pragma: no cover - a machine without them
        return None


@functools.cache
def locate(pattern: str) -> tuple[str, int] | None:
    """The file and face index fontconfig gives for ``pattern`` (``Noto Serif CJK SC:style=Bold``), or None."""
    command = shutil.which("fc-match")
    if command is None:  # pragma: no cover - fontconfig's tools are installed with the fonts
        return None
    found = subprocess.run(
        [command, "-f", "%{file}\n%{index}", pattern], capture_output=True, text=True, check=False
    ).stdout.split("\n")
    if len(found) != 2 or not found[0] or not found[1].isdigit():  # pragma: no cover - fonts missing
        return None
    return found[0], int(found[1])


def subset_face(path: str, index: int, codepoints: Iterable[int]) -> bytes | None:
    """Face ``index`` of the font file ``path`` cut down to ``codepoints`` (and the glyphs their features reach),
    every layout feature kept; None where HarfBuzz cannot."""
    loaded = _harfbuzz()
    if loaded is None:  # pragma: no cover
        return None
    ffi, hb, subset = loaded
    blob = hb.hb_blob_create_from_file_or_fail(path.encode())
    if blob == ffi.NULL:
        return None
    face = hb.hb_face_create(blob, index)
    request = subset.hb_subset_input_create_or_fail()
    try:
        if request == ffi.NULL:  # pragma: no cover - out of memory
            return None
        wanted = subset.hb_subset_input_unicode_set(request)
        for codepoint in codepoints:
            hb.hb_set_add(wanted, codepoint)
        features = subset.hb_subset_input_set(request, _LAYOUT_FEATURE_TAGS)
        hb.hb_set_clear(features)
        hb.hb_set_invert(features)  # all of them
        result = subset.hb_subset_or_fail(face, request)
        if result == ffi.NULL:  # pragma: no cover - a damaged font
            return None
        data = hb.hb_face_reference_blob(result)
        size = ffi.new("unsigned int *")
        out = bytes(ffi.buffer(hb.hb_blob_get_data(data, size), size[0]))
        hb.hb_blob_destroy(data)
        hb.hb_face_destroy(result)
        return out
    finally:
        if request != ffi.NULL:
            subset.hb_subset_input_destroy(request)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def font_faces(texts: Iterable[str], folder: Path) -> str:
    """``@font-face`` rules for the subset faces holding every character of ``texts`` (see the module notes),
    written to ``folder`` for WeasyPrint to read as it parses the rules (a data URL of the same bytes costs it
    more to read than the subset saves); empty where they cannot be made."""
    codepoints = sorted({ord(char) for text in (ALWAYS, *texts) for char in text})
    rules = []
    for (_family, weight), (family, pattern) in FACES.items():
        found = locate(pattern)
        data = subset_face(*found, codepoints) if found else None
        if data is None:
            return ""
        path = folder / f"{family.replace(' ', '-')}-{weight}.otf"
        path.write_bytes(data)
        rules.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: normal; '
            f'src: url("{path.as_uri()}"); }}'
        )
    return "\n".join(rules)


def with_faces(css: str) -> str:
    """``css`` with the subset families put before the system ones they were cut from, wherever it names them:
    ``"Noto Serif CJK SC"`` → ``"Xieshang Serif CJK SC", "Noto Serif CJK SC"``."""
    for family, subset_family in {f: s for (f, _w), (s, _p) in FACES.items()}.items():
        css = css.replace(f'"{family}"', f'"{subset_family}", "{family}"')
    return css
