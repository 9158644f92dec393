"""Readers: a file's bytes → blocks, one module per format.

The format comes from the bytes, never the name, so a .docx renamed .pdf
still reads. Adding a format is one module with `read(data, name)`, one
entry in READERS and one sniff rule.
"""

from __future__ import annotations

import importlib
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from extractor.errors import ReadError, TooLarge, UnsupportedFormat
from models import Block
from models.limits import DEFAULT, Limits
from models.messages import msg


@dataclass
class Reading:
    format: str
    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)


ReaderFn = Callable[[bytes, str], Reading]


def sniff(data: bytes, name: str = "") -> str:
    """Name the format of `data` from its leading bytes and structure."""
    if not data:
        raise ReadError(name, msg("file_empty"))
    head = data[:8]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile as e:
            raise ReadError(name, msg("corrupt_zip", reason=e)) from e
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names and b"opendocument.text" in data[:200]:
            return "odt"
        raise UnsupportedFormat(name, msg("zip_not_word"))
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # A password-protected .docx is an OLE2 file holding an
        # "EncryptedPackage" stream; no reader can open it.
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ReadError(name, msg("office_encrypted"))
        return "doc"  # OLE2 compound file: Word 97-2003 or WPS
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8\xff") or head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image"
    if _looks_like_text(data):
        return "txt"
    raise UnsupportedFormat(name, msg("binary_content"))


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True  # UTF-16/32 with BOM: NUL bytes are expected
    if b"\x00" in sample:
        from extractor.readers.txt import utf16_without_bom

        return utf16_without_bom(data) is not None
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls <= len(sample) // 100


# format → the module that reads it and its function. Imported when a file
# of that format is read (pdfplumber and python-docx cost start-up time a
# .txt-only run should not pay), and never inside `except ImportError`: a
# broken install is a bug that shows with its traceback, not "pdf files are
# not supported".
READERS: dict[str, tuple[str, str]] = {
    "txt": ("extractor.readers.txt", "read"),
    "docx": ("extractor.readers.docx", "read"),
    "pdf": ("extractor.readers.pdf", "read"),
    "doc": ("extractor.readers.legacy", "read"),
    "rtf": ("extractor.readers.legacy", "read"),
    "odt": ("extractor.readers.legacy", "read"),
    "image": ("extractor.readers.ocr", "read_image"),
}


def reader_for(fmt: str) -> ReaderFn | None:
    entry = READERS.get(fmt)
    if entry is None:
        return None
    module, function = entry
    return getattr(importlib.import_module(module), function)


def needs_ocr(data: bytes, name: str = "") -> bool:
    """Whether reading the file means OCR (an image, or a PDF with a page
    that has an image and no text layer): slow work a server should not do
    inside a request. A blank page, or a page of a few characters, needs
    none. pdfium counts a page's characters without laying the text out.
    A PDF pdfium cannot open (damaged, or asking for a password) is a
    ReadError here, before any background work is started for it."""
    fmt = sniff(data, name)
    if fmt == "image":
        return True
    if fmt != "pdf":
        return False
    return bool(ocr_pages(data, name))


def ocr_pages(data: bytes, name: str = "") -> list[int]:
    """The numbers of the pages OCR would read: an image and no text."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extractor.readers.ocr import _PDFIUM_LOCK

    with _PDFIUM_LOCK:  # pdfium is not thread-safe
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            raise ReadError(name, msg("pdf_damaged_or_locked", reason=e)) from e
        try:
            pages = []
            for i in range(1, len(pdf) + 1):
                try:
                    page = pdf[i - 1]
                    if page.get_textpage().count_chars() >= 10:
                        continue
                    if next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]), None) is not None:
                        pages.append(i)
                except pdfium.PdfiumError:
                    continue  # a broken page: the reader reports it, without OCR
            return pages
        finally:
            pdf.close()


def admit(data: bytes, name: str, limits: Limits = DEFAULT) -> str:
    """The sniffed format of a file that may be read, or the error saying
    why not: over the size limit (TooLarge), a format not accepted
    (UnsupportedFormat), a .docx/.odt whose parts would inflate past the
    limits (UnsafeArchive). The API, the batches, `ingest` and `parse` all
    ask this one function, before anything is inflated or parsed."""
    from extractor.readers.package import check_zip, mb

    if len(data) > limits.max_file_bytes:
        raise TooLarge(name, msg("file_too_large", size=mb(len(data)), limit=mb(limits.max_file_bytes)))
    fmt = sniff(data, name)
    if fmt not in limits.formats:
        raise UnsupportedFormat(name, msg("format_not_accepted", fmt=fmt, accepted=", ".join(sorted(limits.formats))))
    if fmt in ("docx", "odt"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            check_zip(z, name, limits, document=True)
    return fmt


# What a file's extension promises, to warn when the bytes say otherwise.
_EXPECTED = {
    ".txt": "txt", ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".pdf": "pdf",
    ".doc": "doc", ".wps": "doc", ".rtf": "rtf", ".odt": "odt",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
}


def _name_mismatch(name: str, fmt: str) -> str | None:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = _EXPECTED.get(suffix)
    if expected is None or expected == fmt:
        return None
    return msg("warn_name_mismatch", suffix=suffix, fmt=fmt)


def read_bytes(data: bytes, name: str, limits: Limits = DEFAULT) -> Reading:
    fmt = admit(data, name, limits)
    reader = reader_for(fmt)
    if reader is None:
        raise UnsupportedFormat(name, msg("format_not_supported", fmt=fmt))
    reading = reader(data, name)
    mismatch = _name_mismatch(name, fmt)
    if mismatch:
        reading.warnings.insert(0, mismatch)
    return reading
