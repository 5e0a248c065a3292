"""What kind of file an evidence file is, decided by its content (magic bytes), never by its name."""

from __future__ import annotations

import re
import unicodedata

from xieshang.core.errors import ValidationError

# media type → file extension used inside bundles and the blob store's human-readable exports
EXTENSIONS: dict[str, str] = {
    "audio/mpeg": "mp3",
    "audio/mp4": "m4a",
    "video/mp4": "mp4",
    "audio/amr": "amr",
    "audio/wav": "wav",
    "audio/ogg": "ogg",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "message/rfc822": "eml",
    "text/plain": "txt",
}

# what a file of this type usually is, for the 来源 column of an evidence index
KIND_LABELS: dict[str, str] = {
    "audio": "录音",
    "video": "录屏/视频",
    "image": "截图/照片",
    "application/pdf": "PDF 文件",
    "message/rfc822": "电子邮件",
    "text/plain": "文本记录",
}

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P "}
_MP4_BRANDS = {b"isom", b"iso2", b"mp41", b"mp42", b"avc1", b"3gp4", b"3gp5", b"3gp6", b"3g2a", b"qt  "}
_HEADER_RE = re.compile(rb"^[!-9;-~]+:[ \t]?.*$")  # RFC 5322 field name: printable ASCII except ':'
_MAIL_FIELDS = {
    b"from",
    b"to",
    b"subject",
    b"date",
    b"message-id",
    b"received",
    b"return-path",
    b"mime-version",
}


def sniff(data: bytes) -> str | None:
    """The media type of ``data`` judged by its first bytes, or ``None`` if it is none we accept."""
    if not data:
        return None
    head = data[:64]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIC_BRANDS:
            return "image/heic"
        if brand in _M4A_BRANDS:
            return "audio/mp4"
        if brand in _MP4_BRANDS:
            return "video/mp4"
        return None
    if head.startswith((b"#!AMR\n", b"#!AMR-WB\n")):
        return "audio/amr"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio/mpeg"
    if _looks_like_pdf(data):
        return "application/pdf"
    if _looks_like_mail(data):
        return "message/rfc822"
    if _looks_like_text(data):
        return "text/plain"
    return None


def _looks_like_pdf(data: bytes) -> bool:
    """``%PDF-`` at the start (a byte-order mark or a few blank bytes before it are tolerated) and no markup in
    front: an HTML page that merely contains the text "%PDF-" is not a PDF."""
    at = data.find(b"%PDF-", 0, 1024)
    if at < 0:
        return False
    before = data[:at].lstrip(b"\xef\xbb\xbf\x00\t\r\n\x0c ")
    return not before and data[at + 5 : at + 6].isdigit()


def _looks_like_mail(data: bytes) -> bool:
    """RFC 822 headers: lines of ``Field: value`` (or folded continuations) up to a blank line."""
    seen: set[bytes] = set()
    for number, line in enumerate(data[:65536].splitlines()):
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") and number > 0:
            continue
        if not _HEADER_RE.match(line):
            return False
        seen.add(line.split(b":", 1)[0].lower())
    else:
        return False
    return len(seen & _MAIL_FIELDS) >= 2


def _looks_like_text(data: bytes) -> bool:
    """Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030, without control characters."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text)
    return False


def check(data: bytes, max_bytes: int, path: str = "file") -> str:
    """The media type of an acceptable evidence file; a ``ValidationError`` (in Chinese) otherwise."""
    if not data:
        raise ValidationError("文件为空 (empty file)", path)
    if len(data) > max_bytes:
        raise too_large(len(data), max_bytes, path)
    media_type = sniff(data)
    if media_type is None:
        raise ValidationError(
            "不支持的文件类型（按内容判断）：请使用录音 mp3/m4a/amr/wav/ogg、图片 png/jpg/gif/webp/heic、"
            "PDF、邮件 .eml 或纯文本 (unsupported file type, judged by content)",
            path,
        )
    return media_type


def too_large(size: int, max_bytes: int, path: str) -> ValidationError:
    return ValidationError(
        f"文件过大：{size / 1_048_576:.1f} MB，上限 {max_bytes / 1_048_576:.1f} MB (file too large)", path
    )


_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def safe_name(name: str) -> str:
    """A file name fit to show a person: no directories, control or reserved characters; at most 120 chars.

    It is kept as a label only; stored files are named by their hash.
    """
    base = re.split(r"[/\\]", name)[-1]
    base = unicodedata.normalize("NFC", _UNSAFE.sub("_", base)).strip().lstrip(".").strip()
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 120 - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:120]
    return base or "未命名"
