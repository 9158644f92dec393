"""Checks every input passes before it is parsed: size limits, known formats,
and zip archives that are safe to read.

Zip entries are never extracted to disk: they are read into memory, one at a
time, through a capped stream. So an entry named ../../etc/x cannot write
anywhere; it is refused anyway because such an archive is hostile. A zip
bomb is caught twice: by the sizes the archive declares (entry ratio, total)
and, because headers can lie, by counting the bytes actually inflated.
"""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from typing import IO

from extractor.errors import ReadError, TooLarge, UnsafeArchive
from extractor.readers import admit
from extractor.readers.package import check_zip, entry_name, mb
from models.limits import MB, Limits
from models.messages import msg

__all__ = [
    "MB", "Limits", "ReadError", "TooLarge", "UnsafeArchive", "check_archive", "check_file", "entry_name",
    "read_capped", "read_entry", "sha256",
]

_mb = mb


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(data: bytes, name: str, limits: Limits) -> str:
    """The sniffed format of an upload, or TooLarge / UnsupportedFormat /
    UnsafeArchive / ReadError saying why it will not be parsed: the same
    rule `jihua parse` applies (extractor.readers.admit)."""
    return admit(data, name, limits)


def check_archive(z: zipfile.ZipFile, name: str, limits: Limits) -> list[zipfile.ZipInfo]:
    """The file entries of a safe archive of plans; UnsafeArchive otherwise."""
    return check_zip(z, name, limits)


def read_entry(z: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits) -> bytes:
    """An entry's bytes, inflated through a cap: never more than the limit
    per file, nor more than the size the header declared."""
    cap = limits.max_file_bytes
    if info.file_size > cap:
        raise TooLarge(label, msg("file_too_large", size=_mb(info.file_size), limit=_mb(cap)))
    if info.flag_bits & 0x1:
        raise ReadError(label, msg("entry_encrypted"))
    try:
        with z.open(info) as f:
            data = _read_capped(f, min(cap, info.file_size))
    except zipfile.BadZipFile as e:
        raise ReadError(label, msg("entry_corrupt", reason=e)) from e
    except (OSError, EOFError, NotImplementedError, zlib.error) as e:
        raise ReadError(label, msg("entry_uninflatable", reason=e)) from e
    if data is None:
        raise UnsafeArchive(label, msg("entry_bomb"))
    return data


def _read_capped(f: IO[bytes], cap: int) -> bytes | None:
    chunks, n = [], 0
    while True:
        chunk = f.read(min(1 << 20, cap + 1 - n))
        if not chunk:
            return b"".join(chunks)
        n += len(chunk)
        if n > cap:
            return None
        chunks.append(chunk)


def read_capped(f: IO[bytes], cap: int, name: str) -> bytes:
    """All of a stream, or TooLarge once it passes `cap` bytes."""
    data = _read_capped(f, cap)
    if data is None:
        raise TooLarge(name, msg("file_over_limit", limit=_mb(cap)))
    return data
