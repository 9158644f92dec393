"""Headers of a file download: its content type and a Content-Disposition
that keeps a Chinese file name (RFC 6266 / 5987)."""

from __future__ import annotations

from urllib.parse import quote

# The sniffed format (documents.format) → the content type of its bytes.
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "rtf": "application/rtf",
    "odt": "application/vnd.oasis.opendocument.text",
}
_IMAGES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"II*\x00": "image/tiff", b"MM\x00*": "image/tiff"}


def media_type(fmt: str | None, data: bytes) -> str:
    if fmt == "txt":
        # a plan's text may be GBK, Big5 or UTF-16: the charset named is the
        # one its bytes are in, as the txt reader found it
        return f"text/plain; charset={_charset(data)}"
    if fmt == "image":
        return next((t for magic, t in _IMAGES.items() if data.startswith(magic)), "application/octet-stream")
    return MEDIA_TYPES.get(fmt or "", "application/octet-stream")


def _charset(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return best.encoding if best is not None else "gb18030"


def attachment(name: str) -> str:
    """`attachment; filename="…"; filename*=UTF-8''…`: an ASCII fallback for
    old clients, the real (Chinese) name for every browser since 2011."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1] or "document"
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\;' else "_" for c in base)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(base, safe='')}"
