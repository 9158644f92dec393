"""Zip containers, checked before anything inflates them: archives of plans
(POST /batches, `jihua ingest x.zip`) and the zip inside every .docx/.odt.

Only the central directory is read here. Its declared sizes are what bound
the memory later: Python's zipfile never inflates an entry past the size
the directory declares (it stops there and the CRC check fails), so an
entry whose header lies about its size cannot grow beyond what was checked.
"""

from __future__ import annotations

import re
import zipfile

from extractor.errors import TooLarge, UnsafeArchive
from models.limits import MB, Limits
from models.messages import msg

# Below this size a high ratio is harmless (1 MB of spaces compresses 1000×).
_RATIO_FLOOR = 1 * MB
_DRIVE = re.compile(r"^[A-Za-z]:")


def mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


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


def check_zip(z: zipfile.ZipFile, name: str, limits: Limits, *, document: bool = False) -> list[zipfile.ZipInfo]:
    """The file entries of a safe container; UnsafeArchive otherwise.

    An archive of plans may hold `max_unzipped_bytes` in all (each entry is
    held to the per-file limit when it is read, so one big entry fails
    alone); a document (`document=True`) holds parts of at most
    `max_part_bytes` each and `max_document_unzipped_bytes` in all."""
    infos = z.infolist()
    if len(infos) > limits.max_entries:
        raise UnsafeArchive(name, msg("too_many_entries", n=len(infos), limit=limits.max_entries))
    total_cap = limits.max_document_unzipped_bytes if document else limits.max_unzipped_bytes
    what = msg("the_document") if document else msg("the_archive")
    total = 0
    files = []
    for info in infos:
        if _unsafe_path(info.filename):
            raise UnsafeArchive(name, msg("path_traversal", entry=repr(entry_name(info))))
        if info.is_dir():
            continue
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            ratio = f"{info.file_size / max(info.compress_size, 1):.0f}"
            raise UnsafeArchive(name, msg("zip_ratio", entry=repr(entry_name(info)), ratio=ratio, limit=f"{limits.max_ratio:.0f}"))
        if document and info.file_size > limits.max_part_bytes:
            raise TooLarge(
                name, msg("part_too_large", entry=repr(entry_name(info)), size=mb(info.file_size), limit=mb(limits.max_part_bytes))
            )
        total += info.file_size
        if total > total_cap:
            error = TooLarge if document else UnsafeArchive
            raise error(name, msg("zip_total", what=what, limit=mb(total_cap)))
        files.append(info)
    return files
