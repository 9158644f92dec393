"""Bulk ingest on a Dask distributed cluster (`jihua ingest --engine dask`).

The split of work is the local engine's: this process lists, reads and
checks the inputs (the same admission rule and limits), skips by sha256
what is stored before anything is sent, and is the single SQLite writer,
one transaction per file. The workers only parse. Results come back with
`as_completed` and at most `window` files are in flight, so a million-file
run holds a window of bytes and results, never the run.

- Parser once per process: a worker plugin loads the parser when a worker
  starts (and again only if Dask restarts that process); the task itself
  only parses.
- How files travel: when every worker sees the first input at the same path
  with the same size (a shared filesystem), files go as paths and workers
  read them; otherwise as bytes from here. The choice is said once per run;
  a worker that cannot read a path after all gets the bytes instead.
- Faults: a worker that dies is replaced by its nanny and Dask retries what
  it held; a file that kills a worker twice comes back as KilledWorker and
  is reported failed (the scheduler's allowed-failures is set to 1 for the
  run and restored after). One bad file never stops the batch; a lost
  scheduler does, with everything stored kept for the re-run.
- Parser versions: a worker running other parser code would store other
  data: its first answer stops the run with both versions named.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain

import sqlite_utils

from extractor.errors import ReadError, TooLarge
from models import Document
from models.limits import MB
from models.messages import lang, msg, set_lang
from service.archive import Limits, read_entry, sha256
from service.engine import EngineError
from service.ingest import Item, Result, Summary, _read_checked, _Reader, parse_one
from store.write import find_document, parser_version, store_document

log = logging.getLogger(__name__)

# Scheduler settings for a cluster jihua starts itself (and advice for one
# started elsewhere): a file that kills two workers is failed, and each
# worker holds one task at a time, so a dying worker takes no innocent
# queued file's retry budget with it.
SCHEDULER_CONFIG = {
    "distributed.scheduler.allowed-failures": 1,
    "distributed.scheduler.worker-saturation": 1.0,
}
# Bytes above this go to a worker by scatter (straight to it) rather than
# inside the task through the scheduler.
SCATTER_BYTES = 1 * MB
CONNECT_TIMEOUT_S = 30
WORKERS_TIMEOUT_S = 120


# --- the worker side --------------------------------------------------------

_load_lock = threading.Lock()
_parse_lock = threading.Lock()
# How many times this process loaded the parser (1 on a worker that has
# parsed), and how many files it parsed: read with Client.run.
LOADS = 0
PARSED = 0
_WARM = "2025年工作计划\n一、思想建设\n1.三月组织学习。\n".encode()


def load_parser() -> None:
    """Import the pipeline and parse one tiny plan, which loads the models
    and dictionaries it keeps in memory: once per process."""
    global LOADS
    with _load_lock:
        if LOADS:
            return
        from extractor.pipeline import parse_bytes

        parse_bytes(_WARM, "warm.txt")
        parser_version()  # hashes extractor/ once
        LOADS += 1


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the dask extra is not installed: the local engine needs none of this
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ParserPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Set up each worker process as the local pool sets up its parsers:
    the client's language, logging, one OCR thread per worker (a machine
    runs one worker process per core), and the parser loaded in the
    background as the worker starts."""

    name = "jihua-parser"

    def __init__(self, language: str):
        self.language = language

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        set_lang(self.language)
        os.environ.setdefault("JIHUA_OCR_THREADS", "1")
        from service.logs import setup_logging

        setup_logging()
        # off the worker's event loop: loading takes seconds and the worker
        # must keep answering the scheduler meanwhile
        threading.Thread(target=load_parser, daemon=True, name="jihua-load-parser").start()


@dataclass(frozen=True)
class SharedFile:
    """A file the workers read themselves: a path on storage they all see,
    or an entry of a zip archive there."""

    path: str
    entry: str | None = None

    def read(self, source: str, limits: Limits) -> bytes:
        if self.entry is None:
            size = os.path.getsize(self.path)
            if size > limits.max_file_bytes:
                raise TooLarge(source, msg("file_too_large", size=f"{size / MB:.1f} MB", limit=f"{limits.max_file_bytes / MB:.1f} MB"))
            with open(self.path, "rb") as fh:
                return fh.read()
        with zipfile.ZipFile(self.path) as z:
            return read_entry(z, z.getinfo(self.entry), source, limits)


def parse_on_worker(
    payload: bytes | SharedFile, name: str, source: str, digest: str, limits: Limits, language: str
) -> tuple[str, Document | str, str, str]:
    """One file, on a worker: (kind, Document or error message, parser
    version, worker address). kind "unseen": a shared path this worker cannot read as the
    client read it; the client sends the bytes instead."""
    from distributed import get_worker

    set_lang(language)
    load_parser()
    here = get_worker().address
    if isinstance(payload, SharedFile):
        try:
            data = payload.read(source, limits)
        except (OSError, KeyError, zipfile.BadZipFile, ReadError) as e:
            return "unseen", f"{type(e).__name__}: {e}", parser_version(), here
        if sha256(data) != digest:
            return "unseen", "sha256 differs", parser_version(), here
    else:
        data = payload
    # Threads of one worker take turns: the parser's models are shared by
    # the process, and workers are meant to run one thread each.
    global PARSED
    with _parse_lock:
        kind, value = parse_one(data, name, limits)
        PARSED += 1
    return kind, value, parser_version(), here


def sees(path: str, size: int) -> bool:
    """On a worker: is `path` there with the size the client sees?"""
    try:
        return os.path.getsize(path) == size
    except OSError:
        return False


def _set_allowed_failures(dask_scheduler, value: int) -> int:  # noqa: ANN001 - distributed.Scheduler
    before = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = value
    return before


# --- the client side --------------------------------------------------------


@dataclass
class _Pending:
    item: Item
    data: bytes
    digest: str
    t0: float
    shared: bool
    # later inputs with the same bytes, answered when this one is stored
    twins: list[tuple[Item, float]] = field(default_factory=list)


def _serves(url: str) -> bool:
    """Does the dashboard answer? The scheduler's web server runs without
    bokeh too, but then the dashboard's pages are not there."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=3) as r:  # noqa: S310 - the scheduler's own address
            return r.status == 200 and b"Dask needs bokeh" not in r.read(4096)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _require_distributed() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise EngineError(msg("dask_not_installed")) from None


class DaskEngine:
    name = "dask"

    def __init__(self, client, cluster=None, *, transfer: str = "auto", window: int | None = None, say=None):  # noqa: ANN001
        self.client = client
        self.cluster = cluster
        self.transfer = transfer
        self._say = say
        # None: twice the cluster's threads when a run starts (an adaptive
        # cluster may have grown since the last run)
        self.fixed_window = window
        self.allowed_before: int | None = None

    @classmethod
    def connect(
        cls,
        scheduler: str | None,
        *,
        jobs: int = 1,
        transfer: str = "auto",
        window: int | None = None,
        say: Callable[[str], None] | None = None,
        dashboard: bool = True,
        timeout: float = CONNECT_TIMEOUT_S,
    ) -> DaskEngine:
        """A client of the scheduler at `scheduler`; without one, a cluster
        of `jobs` worker processes on this machine (loopback only)."""
        _require_distributed()
        import dask
        from distributed import Client, LocalCluster

        cluster = None
        if scheduler:
            try:
                client = Client(scheduler, timeout=timeout, set_as_default=False)
            except (TimeoutError, OSError) as e:
                raise EngineError(msg("dask_connect_failed", address=scheduler, reason=e)) from None
        else:
            with dask.config.set(SCHEDULER_CONFIG):
                cluster = LocalCluster(
                    n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0,
                    dashboard_address="127.0.0.1:0" if dashboard else None,
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                )
            client = Client(cluster, set_as_default=False)
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except (TimeoutError, OSError):
            address = client.scheduler.address
            client.close()
            if cluster is not None:
                cluster.close()
            raise EngineError(msg("dask_no_workers", address=address, seconds=WORKERS_TIMEOUT_S)) from None
        engine = cls(client, cluster, transfer=transfer, window=window, say=say)
        engine._prepare()
        return engine

    def say(self, line: str) -> None:
        log.info("%s", line)
        if self._say is not None:
            self._say(line)

    def threads(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        return sum(w.get("nthreads", 1) for w in workers.values()) or 1

    def _prepare(self) -> None:
        """Workers set up once each (and each worker that joins later);
        the cluster, its dashboard and the retry rule said."""
        self.client.register_plugin(ParserPlugin(lang()), name=ParserPlugin.name)
        self.allowed_before = self.client.run_on_scheduler(_set_allowed_failures, value=1)
        info = self.client.scheduler_info()
        workers = info.get("workers", {})
        self.say(msg("dask_cluster", address=self.client.scheduler.address, workers=len(workers), threads=self.threads()))
        if "dashboard" in info.get("services", {}) and _serves(self.client.dashboard_link):
            self.say(msg("dask_dashboard", url=self.client.dashboard_link))
        for address, w in workers.items():
            if w.get("nthreads", 1) > 1:
                log.warning("%s", msg("dask_threads_warning", worker=address, threads=w["nthreads"]))

    def close(self) -> None:
        try:
            if self.allowed_before is not None and self.client.status == "running":
                self.client.run_on_scheduler(_set_allowed_failures, value=self.allowed_before)
        except Exception:  # noqa: BLE001 - a cluster gone already needs no restoring
            log.debug("could not restore allowed-failures", exc_info=True)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one run -------------------------------------------------------------

    def shares_paths(self, first: Item | None) -> bool:
        """Send paths (the workers read the files) or bytes (this process
        does)? Asks every worker whether it sees the first input."""
        if self.transfer == "bytes" or first is None:
            if first is not None:
                self.say(msg("dask_transfer_bytes", reason=msg("dask_reason_forced")))
            return False
        probe = str(first.path.resolve())
        if self.transfer == "paths":
            self.say(msg("dask_transfer_paths", probe=probe))
            return True
        try:
            size = first.path.stat().st_size
            answers = self.client.run(sees, probe, size)
        except OSError:
            answers = {}
        if answers and all(answers.values()):
            self.say(msg("dask_transfer_paths", probe=probe))
            return True
        self.say(msg("dask_transfer_bytes", reason=msg("dask_reason_unseen", probe=probe)))
        return False

    def run(
        self,
        items: Iterable[Item],
        db: sqlite_utils.Database,
        *,
        limits: Limits,
        on_result: Callable[[Result], None] | None = None,
    ) -> Summary:
        """Parse every item on the cluster and store it here; `on_result`
        once per item, as results complete."""
        from distributed import as_completed

        summary = Summary()
        version = parser_version()
        started = time.perf_counter()
        window = self.fixed_window or max(8, 2 * self.threads())
        it = iter(items)
        first = next(it, None)
        shared = self.shares_paths(first)
        reader = _Reader(limits)
        pending: dict = {}  # Future → _Pending
        by_digest: dict[str, _Pending] = {}
        done = as_completed(loop=self.client.loop)

        def emit(r: Result) -> None:
            summary.add(r)
            if on_result:
                on_result(r)

        def send(p: _Pending) -> None:
            fut = self._submit(p, limits)
            pending[fut] = p
            done.add(fut)

        try:
            for item in chain([first] if first is not None else [], it):
                t0 = time.perf_counter()
                data = _read_checked(reader, item, limits)
                if isinstance(data, Result):
                    emit(data)
                    continue
                digest = sha256(data)
                existing = find_document(db, digest)
                if existing is not None:
                    emit(Result(item.source, "skipped", existing, note=msg("skip_stored", id=existing)))
                    continue
                twin = by_digest.get(digest)
                if twin is not None:  # the same bytes are in flight: parsed once
                    twin.twins.append((item, t0))
                    continue
                p = _Pending(item, data, digest, t0, shared=shared)
                by_digest[digest] = p
                send(p)
                while len(pending) >= window:
                    self._finish(next(done), pending, by_digest, send, db, version, emit)
            while pending:
                self._finish(next(done), pending, by_digest, send, db, version, emit)
        finally:
            reader.close()
            if pending and self.client.status == "running":  # interrupted: nothing more is parsed for this run
                self.client.cancel(list(pending))
        summary.total = summary.done
        summary.seconds = time.perf_counter() - started
        return summary

    def _submit(self, p: _Pending, limits: Limits):  # noqa: ANN202 - distributed.Future
        if p.shared:
            entry = p.item.entry.filename if p.item.entry is not None else None
            payload = SharedFile(str(p.item.path.resolve()), entry)
        elif len(p.data) > SCATTER_BYTES:
            payload = self.client.scatter(p.data, hash=False)
        else:
            payload = p.data
        return self.client.submit(
            parse_on_worker, payload, p.item.name, p.item.source, p.digest, limits, lang(),
            key=f"jihua-parse-{uuid.uuid4().hex}", pure=False,
        )

    def _finish(self, fut, pending, by_digest, send, db, version, emit) -> None:  # noqa: ANN001, PLR0913
        p: _Pending = pending.pop(fut)
        kind, value, theirs, worker = self._outcome(fut, p)
        if kind == "unseen":  # this worker does not see the path after all
            log.warning("%s: a worker cannot read the shared path (%s); sending its bytes", p.item.source, value)
            p.shared = False
            send(p)
            return
        del by_digest[p.digest]
        if theirs is not None and theirs != version:
            raise EngineError(msg("dask_version_mismatch", worker=worker, theirs=theirs, ours=version))
        seconds = time.perf_counter() - p.t0
        if kind == "error":
            emit(Result(p.item.source, "error", error=str(value), seconds=seconds))
            for twin, _ in p.twins:
                emit(Result(twin.source, "error", error=str(value), seconds=seconds))
            return
        assert isinstance(value, Document)
        stored = store_document(db, value, content=p.data, source=p.item.source, version=version)
        emit(
            Result(
                p.item.source,
                "stored" if stored.created else "duplicate",
                stored.document_id,
                plans=len(value.plans) if stored.created else 0,
                tasks=sum(len(pl.tasks) for pl in value.plans) if stored.created else 0,
                seconds=seconds,
            )
        )
        for twin, _ in p.twins:
            emit(Result(twin.source, "duplicate", stored.document_id, seconds=seconds))

    def _outcome(self, fut, p: _Pending) -> tuple[str, Document | str, str | None, str | None]:  # noqa: ANN001
        from distributed import KilledWorker

        try:
            return fut.result()
        except KilledWorker as e:
            log.error("workers died %d times on %s; reported failed", e.allowed_failures + 1, p.item.source)
            return "error", f"{p.item.source}: {msg('worker_killed', n=e.allowed_failures + 1)}", None, None
        except Exception as e:  # noqa: BLE001 - one file's failure must not stop the others
            if self.client.status != "running":
                raise EngineError(msg("dask_lost", reason=f"{type(e).__name__}: {e}")) from e
            log.exception("the Dask task for %s failed", p.item.source)
            return "error", f"{p.item.source}: {msg('dask_task_failed', reason=f'{type(e).__name__}: {e}')}", None, None
        finally:
            fut.release()
