"""Formats are told from the bytes, never from the file name."""

from __future__ import annotations

import io
import os
import zipfile

import pytest

from extractor.errors import ReadError, UnsupportedFormat
from extractor.readers import read_bytes, sniff


def zip_with(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, fmt",
    [
        (b"%PDF-1.7\n...", "pdf"),
        (zip_with("[Content_Types].xml", "word/document.xml"), "docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "doc"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image"),
        ("工作计划".encode("gbk"), "txt"),
        ("工作计划\r\n一、".encode("utf-16-le"), "txt"),
        ("工作计划".encode("utf-16"), "txt"),
    ],
    ids=["pdf", "docx", "doc", "rtf", "png", "gbk-text", "utf16-nobom", "utf16-bom"],
)
def test_sniff_names_the_format_from_the_bytes(data, fmt):
    assert sniff(data, "whatever.bin") == fmt


def test_name_does_not_decide_the_format():
    assert sniff(b"%PDF-1.4\n", "plan.docx") == "pdf"


def test_empty_file_is_a_read_error():
    with pytest.raises(ReadError, match="e.txt: 文件是空的") as err:
        sniff(b"", "e.txt")
    assert err.value.code == "file_empty"


def test_binary_file_is_unsupported_with_name_and_reason():
    data = bytes(range(256)) * 8 + os.urandom(512)
    with pytest.raises(UnsupportedFormat) as err:
        read_bytes(data, "blob.txt")
    assert err.value.file == "blob.txt"
    assert err.value.code == "binary_content" and "二进制" in err.value.reason


def test_zip_that_is_not_a_word_document_is_unsupported():
    with pytest.raises(UnsupportedFormat, match="不是 Word 文档") as err:
        sniff(zip_with("a.txt"), "a.docx")
    assert err.value.code == "zip_not_word"


def test_truncated_zip_is_a_read_error():
    data = zip_with("[Content_Types].xml", "word/document.xml")
    with pytest.raises(ReadError) as err:
        sniff(data[:30], "cut.docx")
    assert err.value.file == "cut.docx"


def test_password_protected_office_document_is_a_read_error():
    # What Word writes for an encrypted .docx: an OLE2 container whose
    # directory names an "EncryptedPackage" stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(ReadError) as err:
        read_bytes(data, "locked.docx")
    assert err.value.file == "locked.docx"
    assert err.value.code == "office_encrypted" and "密码" in err.value.reason
