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
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from extractor.errors import ReadError, UnsupportedFormat
from extractor.readers import sniff

MB = 1024 * 1024
# Below this size a high ratio is harmless (1 MB of spaces compresses 1000×).
_RATIO_FLOOR = 1 * MB
_DRIVE = re.compile(r"^[A-Za-z]:")


class TooLarge(ReadError):
    """A file or archive over a configured size limit (HTTP 413)."""


class UnsafeArchive(ReadError):
    """An archive with entries escaping its root, or one that would inflate
    beyond the limits (a zip bomb)."""


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MB
    max_zip_bytes: int = 200 * MB
    max_unzipped_bytes: int = 2000 * MB
    max_entries: int = 20000
    max_ratio: float = 200
    formats: frozenset[str] = frozenset({"txt", "docx", "pdf", "doc", "rtf", "odt"})

    @classmethod
    def from_settings(cls, s) -> Limits:  # s: api.settings.Settings
        return cls(
            max_file_bytes=s.max_file_bytes,
            max_zip_bytes=s.max_zip_bytes,
            max_unzipped_bytes=s.max_unzipped_bytes,
            max_entries=s.max_zip_entries,
            max_ratio=s.max_zip_ratio,
            formats=frozenset(s.allowed_formats),
        )


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_file(data: bytes, name: str, limits: Limits) -> str:
    """The sniffed format of an upload, or TooLarge / UnsupportedFormat /
    UnsafeArchive / ReadError saying why it will not be parsed."""
    if len(data) > limits.max_file_bytes:
        raise TooLarge(name, f"the file is {_mb(len(data))}, above the {_mb(limits.max_file_bytes)} limit per file")
    fmt = sniff(data, name)
    if fmt not in limits.formats:
        raise UnsupportedFormat(name, f"{fmt} files are not accepted (accepted: {', '.join(sorted(limits.formats))})")
    if fmt in ("docx", "odt"):
        # A Word document is itself a zip: the same bomb checks apply before
        # python-docx inflates its XML into memory.
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as z:
            check_archive(z, name, limits, per_file_limit=False)
    return fmt


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it. Archives made by Windows
    tools in China store names in GBK without the UTF-8 flag, which Python
    decodes as cp437 mojibake; undo that where it applies."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def _unsafe_path(name: str) -> bool:
    n = name.replace("\\", "/")
    return n.startswith("/") or bool(_DRIVE.match(n)) or ".." in n.split("/") or "\x00" in n


def check_archive(
    z: zipfile.ZipFile, name: str, limits: Limits, *, per_file_limit: bool = True
) -> list[zipfile.ZipInfo]:
    """The file entries of a safe archive; UnsafeArchive otherwise."""
    infos = z.infolist()
    if len(infos) > limits.max_entries:
        raise UnsafeArchive(name, f"{len(infos)} entries, above the limit of {limits.max_entries}")
    total = 0
    files = []
    for info in infos:
        if _unsafe_path(info.filename):
            raise UnsafeArchive(name, f"entry {entry_name(info)!r} points outside the archive (path traversal)")
        if info.is_dir():
            continue
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UnsafeArchive(
                name,
                f"entry {entry_name(info)!r} expands {info.file_size / max(info.compress_size, 1):.0f}× "
                f"(limit {limits.max_ratio:.0f}×): a zip bomb",
            )
        total += info.file_size
        if total > limits.max_unzipped_bytes:
            raise UnsafeArchive(name, f"unpacks to more than {_mb(limits.max_unzipped_bytes)}: a zip bomb")
        files.append(info)
    return files


def read_entry(z: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, limits: Limits) -> bytes:
    """An entry's bytes, inflated through a cap: never more than the limit
    per file, nor more than the size the header declared."""
    cap = limits.max_file_bytes
    if info.file_size > cap:
        raise TooLarge(label, f"the file is {_mb(info.file_size)}, above the {_mb(cap)} limit per file")
    if info.flag_bits & 0x1:
        raise ReadError(label, "the entry is encrypted")
    try:
        with z.open(info) as f:
            data = _read_capped(f, min(cap, info.file_size))
    except zipfile.BadZipFile as e:
        raise ReadError(label, f"corrupt archive entry ({e})") from e
    except (OSError, EOFError, NotImplementedError) as e:
        raise ReadError(label, f"cannot inflate the entry ({e})") from e
    if data is None:
        raise UnsafeArchive(label, "inflates beyond the size its header declares: a zip bomb")
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
        raise TooLarge(name, f"the file is larger than the {_mb(cap)} limit per file")
    return data
