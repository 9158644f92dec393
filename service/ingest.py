"""Bulk ingest: folders and zip archives → the store, parsing in parallel.

Worker processes only parse (bytes → Document); the parent reads the inputs,
skips what is stored (by sha256), and writes each file's rows in its own
transaction. So a run killed half-way loses at most the files in flight, and
a second run skips every file already stored and adds nothing twice.

Memory stays flat in the number of files: at most `4 × jobs` files are in
flight, per-file results are streamed to the callback (and the report file),
and only the failures are kept for the summary.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path

import sqlite_utils

from extractor.errors import JihuaError, ReadError, UnsupportedFormat
from models import Document
from models.messages import msg
from service.archive import MB, Limits, TooLarge, check_archive, check_file, entry_name, read_entry, sha256
from store.write import find_document, parser_version, replace_document, store_document

log = logging.getLogger(__name__)

# Inside folders and archives, a file with one of these suffixes is a plan;
# a file with a data suffix, a hidden or system file and an Office lock file
# are passed over, each reported with the reason; any other file (`plan`,
# `plan.md`, `计划.text`) is tried, its format sniffed from the bytes, and
# passed over (reported) when the bytes are no plan format. Files named on
# the command line are always tried.
PLAN_SUFFIXES = {
    ".txt", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".wps",
    ".png", ".jpg", ".jpeg", ".tif", ".tiff",
}
DATA_SUFFIXES = {
    ".json", ".jsonl", ".csv", ".tsv", ".xlsx", ".xls", ".xml", ".yaml", ".yml", ".toml", ".ini", ".cfg",
    ".py", ".js", ".css", ".sh", ".log", ".db", ".sqlite", ".spacy", ".bin", ".exe", ".dll",
}
SYSTEM_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}


def ignore_reason(name: str) -> str | None:
    """Why a file found in a folder or an archive is no plan to try, or None."""
    base = name.rsplit("/", 1)[-1]
    if base.startswith("~$"):
        return msg("skip_office_lock")
    if base.startswith(".") or base.lower() in SYSTEM_NAMES or "__MACOSX/" in name:
        return msg("skip_hidden")
    suffix = Path(base).suffix.lower()
    if suffix in DATA_SUFFIXES:
        return msg("skip_data_file", suffix=suffix)
    return None


@dataclass
class Item:
    """One input: a file, or an entry of a zip archive."""

    source: str  # shown to the user: path, or archive!entry
    name: str  # the file name the parser sees
    path: Path
    entry: zipfile.ZipInfo | None = None
    # Found in a folder or an archive under a name that promises no plan
    # format: if its bytes are none either, it is passed over, not an error.
    sniffed: bool = False


@dataclass
class Result:
    source: str
    # stored | duplicate | skipped (stored by an earlier run) | ignored (no
    # plan: a data, hidden or lock file, or bytes of no plan format) | error
    status: str
    document_id: int | None = None
    plans: int = 0
    tasks: int = 0
    error: str | None = None
    seconds: float = 0.0
    note: str | None = None  # why a file was skipped or ignored

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Summary:
    total: int = 0
    stored: int = 0
    duplicate: int = 0
    skipped: int = 0
    ignored: int = 0
    errors: list[Result] = field(default_factory=list)
    plans: int = 0
    tasks: int = 0
    seconds: float = 0.0

    def add(self, r: Result) -> None:
        if r.status == "error":
            self.errors.append(r)
        else:
            setattr(self, r.status, getattr(self, r.status) + 1)
        self.plans += r.plans
        self.tasks += r.tasks

    @property
    def done(self) -> int:
        return self.stored + self.duplicate + self.skipped + self.ignored + len(self.errors)


def collect(paths: Iterable[Path | str], limits: Limits) -> tuple[list[Item], list[Result]]:
    """Every input under `paths` (folders recursive, zips opened and checked),
    and the results known while listing: the errors (an unsafe archive, a
    missing path) and the files passed over, each with its reason."""
    items: list[Item] = []
    errors: list[Result] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file():
                    _collect_file(f, limits, items, errors)
        elif p.is_file() and (p.suffix.lower() == ".zip" or _is_plain_zip(p)):
            _collect_zip(p, limits, items, errors)
        elif p.is_file():
            items.append(Item(str(p), p.name, p))
        else:
            errors.append(Result(str(p), "error", error=f"{p}: {msg('no_such_path')}"))
    return items, errors


def _collect_file(f: Path, limits: Limits, items: list[Item], errors: list[Result]) -> None:
    """A file found in a folder: a plan, an archive, or passed over (reported)."""
    reason = ignore_reason(f.name)
    if reason is not None:
        errors.append(Result(str(f), "ignored", note=reason))
        return
    suffix = f.suffix.lower()
    if suffix == ".zip" or (suffix not in PLAN_SUFFIXES and _is_plain_zip(f)):
        _collect_zip(f, limits, items, errors)
    else:
        items.append(Item(str(f), f.name, f, sniffed=suffix not in PLAN_SUFFIXES))


def _is_plain_zip(p: Path) -> bool:
    # A .docx is a zip too; only a zip that is not a Word/ODF document is an archive.
    try:
        with open(p, "rb") as fh:
            if fh.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(p) as z:
            names = set(z.namelist())
        return "word/document.xml" not in names and "mimetype" not in names
    except (OSError, zipfile.BadZipFile):
        return False


def _collect_zip(p: Path, limits: Limits, items: list[Item], errors: list[Result]) -> None:
    try:
        if p.stat().st_size > limits.max_zip_bytes:
            raise ReadError(str(p), msg("archive_too_large", limit=f"{limits.max_zip_bytes / MB:.1f} MB"))
        with zipfile.ZipFile(p) as z:
            infos = check_archive(z, str(p), limits)
    except JihuaError as e:
        errors.append(Result(str(p), "error", error=str(e)))
        return
    except (OSError, zipfile.BadZipFile) as e:
        errors.append(Result(str(p), "error", error=f"{p}: {msg('unreadable_zip', reason=e)}"))
        return
    for info in infos:
        name = entry_name(info)
        suffix = Path(name).suffix.lower()
        reason = ignore_reason(name)
        if reason is not None:
            errors.append(Result(f"{p}!{name}", "ignored", note=reason))
        elif suffix == ".zip":
            # not opened (a zip in a zip multiplies the bomb checks' work),
            # but never silently passed over
            errors.append(Result(f"{p}!{name}", "error", error=f"{p}!{name}: {msg('nested_archive')}"))
        else:
            items.append(Item(f"{p}!{name}", Path(name).name, p, info, sniffed=suffix not in PLAN_SUFFIXES))


def parse_one(data: bytes, name: str, limits: Limits | None = None) -> tuple[str, Document | str]:
    """Runs in a worker process: parse only, never touch the database.
    An unexpected exception is a parser bug: it is reported for this file
    (marked as a bug) and the batch goes on."""
    from extractor.pipeline import parse_bytes

    try:
        return "ok", parse_bytes(data, name, limits=limits or Limits())
    except JihuaError as e:
        return "error", str(e)
    except Exception as e:  # noqa: BLE001 - one file's bug must not stop ten thousand
        log.exception("internal error parsing %s", name)  # the traceback, in this worker's log
        return "error", f"{name}: {msg('internal_error_file', reason=f'{type(e).__name__}: {e}')}"


class _Reader:
    """Reads items, keeping the current archive open across its entries."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.zip_path: Path | None = None
        self.zip: zipfile.ZipFile | None = None

    def read(self, item: Item) -> bytes:
        if item.entry is None:
            try:
                size = item.path.stat().st_size
                if size > self.limits.max_file_bytes:
                    # Refused before reading it into memory.
                    raise TooLarge(
                        item.source,
                        msg("file_too_large", size=f"{size / MB:.1f} MB", limit=f"{self.limits.max_file_bytes / MB:.1f} MB"),
                    )
                return item.path.read_bytes()
            except OSError as e:
                raise ReadError(item.source, msg("cannot_read", reason=e.strerror or e)) from e
        if self.zip_path != item.path:
            self.close()
            self.zip, self.zip_path = zipfile.ZipFile(item.path), item.path
        assert self.zip is not None
        return read_entry(self.zip, item.entry, item.source, self.limits)

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
        self.zip = self.zip_path = None


def _read_checked(reader: _Reader, item: Item, limits: Limits) -> bytes | Result:
    """An item's bytes, checked as every way in checks a file, or its error."""
    try:
        data = reader.read(item)
        check_file(data, item.source, limits)
        return data
    except UnsupportedFormat as e:
        if item.sniffed:  # no plan by its name, nor by its bytes
            return Result(item.source, "ignored", note=msg("skip_not_a_plan", reason=e.reason))
        return Result(item.source, "error", error=str(e))
    except JihuaError as e:
        return Result(item.source, "error", error=str(e))
    except Exception as e:  # noqa: BLE001 - one file's bug must not stop the others
        log.exception("internal error reading %s", item.source)
        return Result(item.source, "error", error=f"{item.source}: {msg('internal_error_file', reason=f'{type(e).__name__}: {e}')}")


def _worker_init(jobs: int) -> None:
    # each parser process OCRs with its share of the cores, so that --jobs is
    # the whole budget rather than jobs × cores threads fighting
    os.environ["JIHUA_OCR_THREADS"] = str(max(1, (os.cpu_count() or 1) // jobs))
    from service.logs import setup_logging

    setup_logging()
    # A parent killed with -9 runs no clean-up, and a worker blocked on the
    # task queue never notices: each worker watches its parent and exits
    # when it is gone (re-parented), so no parser outlives `jihua ingest`.
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True, name="jihua-watch-parent").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


# A plan that goes through every stage (months, bodies, targets, themes).
_WARM_PLAN = "学校工会2025年工作计划\n一、三月份由校工会牵头组织开展女职工培训两次。\n二、五月份举办职工运动会。\n"


def _warm_up() -> None:
    """Load in the parent what every parse loads — the word tables,
    lexicons, taxonomy, the .docx and .pdf readers — so that the workers
    forked from it share these pages instead of each loading them again
    (about 2 s of CPU a worker before). Frozen, the loaded objects are out
    of the collector's reach, which would otherwise write to (and so copy)
    every page they sit on in every worker."""
    import gc
    import importlib

    parse_one(_WARM_PLAN.encode("utf-8"), "warm-up.txt")
    for reader in ("extractor.readers.docx", "extractor.readers.pdf"):
        importlib.import_module(reader)
    gc.freeze()


def _pool(jobs: int) -> ProcessPoolExecutor:
    import multiprocessing

    _warm_up()
    # fork, said outright (Python 3.14 makes forkserver the default on
    # Linux): a forked worker starts with the parent's loaded resources.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_init, initargs=(jobs,))


def run(
    items: Iterable[Item],
    db: sqlite_utils.Database,
    *,
    limits: Limits,
    jobs: int = 1,
    on_result: Callable[[Result], None] | None = None,
) -> Summary:
    """Parse and store every item; call `on_result` once per item."""
    summary = Summary()
    version = parser_version()
    reader = _Reader(limits)
    pool = _pool(jobs) if jobs > 1 else None
    inflight: dict[Future, tuple[Item, bytes, float]] = {}
    started = time.perf_counter()

    def emit(r: Result) -> None:
        summary.add(r)
        if on_result:
            on_result(r)

    def finish(item: Item, data: bytes, t0: float, outcome: tuple[str, Document | str]) -> None:
        kind, value = outcome
        if kind == "error":
            emit(Result(item.source, "error", error=str(value), seconds=time.perf_counter() - t0))
            return
        assert isinstance(value, Document)
        stored = store_document(db, value, content=data, source=item.source, version=version)
        emit(
            Result(
                item.source,
                "stored" if stored.created else "duplicate",
                stored.document_id,
                plans=len(value.plans) if stored.created else 0,
                tasks=sum(len(p.tasks) for p in value.plans) if stored.created else 0,
                seconds=time.perf_counter() - t0,
            )
        )

    def drain(block_until: int) -> None:
        nonlocal pool
        while len(inflight) > block_until:
            done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            for fut in done:
                item, data, t0 = inflight.pop(fut)
                try:
                    outcome = fut.result()
                except BrokenProcessPool:
                    log.error("a parser process died on %s; starting new ones", item.source)
                    # A worker died (out of memory, a crash in a C library):
                    # blame the file, start fresh workers, go on.
                    outcome = ("error", f"{item.source}: {msg('worker_died')}")
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = _pool(jobs)
                finish(item, data, t0, outcome)

    try:
        for item in items:
            t0 = time.perf_counter()
            data = _read_checked(reader, item, limits)
            if isinstance(data, Result):
                emit(data)
                continue
            existing = find_document(db, sha256(data))
            if existing is not None:
                emit(Result(item.source, "skipped", existing, note=msg("skip_stored", id=existing)))
                continue
            if pool is None:
                finish(item, data, t0, parse_one(data, item.name, limits))
                continue
            inflight[pool.submit(parse_one, data, item.name, limits)] = (item, data, t0)
            drain(block_until=4 * jobs - 1)
        if pool is not None:
            drain(block_until=0)
            pool.shutdown(wait=True)
            pool = None
    finally:
        reader.close()
        if pool is not None:  # interrupted: drop the queued work, do not wait
            pool.shutdown(wait=False, cancel_futures=True)
    summary.total = summary.done
    summary.seconds = time.perf_counter() - started
    return summary


def reparse(
    db: sqlite_utils.Database,
    *,
    document_ids: list[int],
    jobs: int = 1,
    limits: Limits | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> Summary:
    """Parse stored documents again from their stored bytes and replace
    their rows (same document ids), one transaction per document."""
    from store.query import source_bytes

    summary = Summary()
    version = parser_version()
    started = time.perf_counter()

    def inputs() -> Iterator[tuple[int, str, bytes | str]]:
        for doc_id in document_ids:
            name, content, source = source_bytes(db, doc_id)
            if content is None and source and Path(source).is_file():
                content = Path(source).read_bytes()
            yield doc_id, name, content if content is not None else f"{name}: {msg('original_missing')}"

    def handle(doc_id: int, name: str, t0: float, outcome: tuple[str, Document | str]) -> None:
        kind, value = outcome
        if kind == "error":
            r = Result(name, "error", doc_id, error=str(value))
        else:
            assert isinstance(value, Document)
            replace_document(db, doc_id, value, version=version)
            r = Result(name, "stored", doc_id, len(value.plans), sum(len(p.tasks) for p in value.plans))
        r.seconds = time.perf_counter() - t0
        summary.add(r)
        if on_result:
            on_result(r)

    pool = _pool(jobs) if jobs > 1 else None
    inflight: dict[Future, tuple[int, str, float]] = {}
    try:
        for doc_id, name, content in inputs():
            t0 = time.perf_counter()
            if isinstance(content, str):
                handle(doc_id, name, t0, ("error", content))
            elif pool is None:
                handle(doc_id, name, t0, parse_one(content, name, limits))
            else:
                inflight[pool.submit(parse_one, content, name, limits)] = (doc_id, name, t0)
                while len(inflight) >= 4 * jobs:
                    done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                    for fut in done:
                        handle(*inflight.pop(fut), fut.result())
        for fut in list(inflight):
            handle(*inflight.pop(fut), fut.result())
    finally:
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    summary.total = summary.done
    summary.seconds = time.perf_counter() - started
    return summary
