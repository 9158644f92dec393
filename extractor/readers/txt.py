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
from models.messages import msg

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _plausible(text: str) -> bool:
    """True when decoded text has no stray control characters (a wrong
    UTF-16 byte order turns ASCII into CJK-looking code points, and binary
    data into controls)."""
    sample = text[:4096]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f") or "\ud800" <= ch <= "\udfff")
    return bad <= len(sample) // 200


def utf16_without_bom(data: bytes) -> str | None:
    """Decode BOM-less UTF-16, told apart by where its NUL bytes fall: the
    ASCII characters of a Chinese file (digits, punctuation, line ends) have
    a zero high byte, at odd offsets in LE and even offsets in BE."""
    if len(data) % 2 or b"\x00" not in data[:4096]:
        return None
    sample = data[:4096]
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
    for enc in order:
        text = _strict(data, enc)
        if text is not None and _plausible(text):
            return text
    return None


def _mixed_utf8_gbk(data: bytes) -> tuple[str, str] | None:
    """Text whose lines are partly UTF-8 and partly GBK (a file assembled
    from pieces saved by different editors): decoded line by line, with a
    warning naming the lines read as GBK. None when the file is not such."""
    lines = data.split(b"\n")
    utf8 = gbk = 0
    gbk_lines: list[int] = []
    out: list[str] = []
    for i, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8")
            # a line counts as UTF-8 Chinese only if it decodes to CJK, which
            # a GBK line that happens to be valid UTF-8 hardly ever does
            if sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= 2 and not any("\x80" <= ch <= "\u024f" for ch in text):
                utf8 += 1
        except UnicodeDecodeError:
            text = raw.decode("gb18030", errors="replace")
            gbk += 1
            gbk_lines.append(i)
        out.append(text)
    if not (utf8 and gbk):
        return None
    shown = ", ".join(map(str, gbk_lines[:10])) + (" …" if len(gbk_lines) > 10 else "")
    warning = msg("warn_mixed_encoding", n=len(gbk_lines), shown=shown)
    return "\n".join(out), warning


def decode(data: bytes, name: str = "") -> str:
    return decode_with_warnings(data, name)[0]


def decode_with_warnings(data: bytes, name: str = "") -> tuple[str, list[str]]:
    text, warning = _decode(data, name)
    return text, [warning] if warning else []


def _decode(data: bytes, name: str) -> tuple[str, str | None]:
    text = _decode_whole(data, name) if not _maybe_mixed(data) else None
    if text is not None:
        return text, None
    mixed = _mixed_utf8_gbk(data)
    if mixed is not None:
        return mixed
    return _decode_whole(data, name), None


def _maybe_mixed(data: bytes) -> bool:
    # only a file that is not UTF-8 as a whole can be a mix
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        if any(data.startswith(bom) for bom, _ in _BOMS) or b"\x00" in data[:4096]:
            return False
        return not (e.reason == "unexpected end of data" and e.start >= len(data) - 3)


def _decode_whole(data: bytes, name: str = "") -> str:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None:
                raise ReadError(name, msg("bom_mismatch", enc=enc))
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        # A file cut inside its last character is still UTF-8.
        if e.reason == "unexpected end of data" and e.start >= len(data) - 3 and e.start > 0:
            return data[: e.start].decode("utf-8")
    text = utf16_without_bom(data)
    if text is not None:
        return text
    # Chinese office files that are not UTF-8 are nearly always GBK/GB18030
    # (GB18030 is a superset of both). Big5 bytes, though, also decode
    # "cleanly" as GB18030 into nonsense, so when Big5 is possible as well
    # the statistical detector decides between the two.
    gb = _strict(data, "gb18030")
    big5 = _strict(data, "big5hkscs")
    if gb is not None:
        if big5 is None:
            return gb
        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is not None and best.encoding in ("big5", "big5hkscs", "cp950"):
            return big5
        return gb
    best = from_bytes(data).best()
    if best is None:
        raise ReadError(name, msg("unknown_encoding"))
    return str(best)


def split_lines(text: str) -> list[str]:
    """Physical lines; CRLF, CR, LF, form feed and Unicode line separators
    all end a line."""
    return text.lstrip("\ufeff").splitlines()


def read(data: bytes, name: str) -> Reading:
    if not data:
        raise ReadError(name, msg("file_empty"))
    text, warnings = decode_with_warnings(data, name)
    blocks = [Block(text=line, wrapped=True) for line in split_lines(text)]
    if not any(b.text.strip() for b in blocks):
        raise ReadError(name, msg("no_text"))
    return Reading(format="txt", blocks=blocks, warnings=warnings)
