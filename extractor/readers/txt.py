"""Plain text: detect the encoding, split physical lines.

Every line is a block marked `wrapped`: in a .txt a line end may be a
paragraph end or a hard wrap inside a sentence, and only the cleaner, which
sees the neighbouring lines, can tell which.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from extractor.errors import ReadError
from extractor.readers import Reading
from models import Block

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str = "") -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Chinese office files that are not UTF-8 are nearly always GBK/GB18030;
    # GB18030 is a superset of both, so a clean decode with it is the answer.
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(name, "cannot detect the text encoding")
    return str(best)


def split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read(data: bytes, name: str) -> Reading:
    text = decode(data, name)
    blocks = [Block(text=line, wrapped=True) for line in split_lines(text)]
    if not any(b.text.strip() for b in blocks):
        raise ReadError(name, "the file holds no text")
    return Reading(format="txt", blocks=blocks)
