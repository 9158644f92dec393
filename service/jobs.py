"""Background batches: a zip uploaded to POST /batches is ingested by one
worker thread (parsing in processes when `batch_workers` > 1, or on the
workers of a Dask cluster when the server has a scheduler address), and its
progress is read from GET /jobs/{id}.

Jobs are followed in memory and kept in the store (store/jobs.py): after
a restart GET /jobs/{id} still answers, and a job the stopped server left
unfinished answers "interrupted"; uploading the zip again skips every file
already stored.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from api.schemas import Job, JobFile
from models.messages import msg
from service.archive import Limits
from service.engine import EngineError, make_engine
from service.ingest import Item, Result, collect
from store import open_db
from store.jobs import interrupt_unfinished, load_job, save_job

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobRunner:
    def __init__(
        self, db_path: str, limits: Limits, workers: int, tmp_dir: Path | None = None, scheduler: str | None = None,
        scheduler_timeout_s: float = 30,
    ):
        self.db_path = db_path
        # a Dask scheduler's address: batches parse on its workers (one
        # client per batch, so a restarted cluster is simply found again)
        self.scheduler = scheduler
        self.scheduler_timeout_s = scheduler_timeout_s
        self.tmp_dir = tmp_dir
        self.limits = limits
        self.workers = workers
        self.jobs: dict[str, Job] = {}
        self.saved_at: dict[str, float] = {}
        self.lock = threading.Lock()
        # One batch at a time: batches queue instead of fighting over the
        # single SQLite writer and the CPU.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jihua-batch")
        db = open_db(db_path)
        try:
            self.interrupted = interrupt_unfinished(db, _now())
        finally:
            db.close()

    def _save(self, job_id: str) -> None:
        with self.lock:
            state = self.jobs[job_id].model_dump()
            self.saved_at[job_id] = time.monotonic()
        db = open_db(self.db_path)
        try:
            save_job(db, state)
        finally:
            db.close()

    def submit(self, uploads: list[tuple[Path, str, bool]], name: str) -> Job:
        """Uploaded files saved at their paths, as (path, file name, is an
        archive): an archive's entries are listed and checked in the job,
        a plan file is one item."""

        def items() -> tuple[list[Item], list[Result]]:
            found: list[Item] = []
            errors: list[Result] = []
            for path, upload_name, archive in uploads:
                if not archive:
                    found.append(Item(source=f"upload:{upload_name}", name=upload_name, path=path))
                    continue
                f, e = collect([path], self.limits)
                # name entries after the uploaded file, not the temporary copy
                for it in f:
                    it.source = it.source.replace(str(path), upload_name, 1)
                for r in e:
                    r.source = r.source.replace(str(path), upload_name, 1)
                    r.error = r.error and r.error.replace(str(path), upload_name)
                found += f
                errors += e
            return found, errors

        def cleanup() -> None:
            for path, _, _ in uploads:
                path.unlink(missing_ok=True)

        return self._start(name, items, cleanup=cleanup)

    def submit_upload(self, files: list[tuple[str, bytes]], name: str) -> Job:
        """An upload to POST /documents that needs OCR: parsed in the
        background and stored as the request would have been, all files in
        one transaction or, if any file fails, none (each failure named)."""
        job = Job(id=uuid.uuid4().hex[:12], name=name, status="queued", created_at=_now())
        with self.lock:
            self.jobs[job.id] = job
        self._save(job.id)
        self.executor.submit(self._run_upload, job.id, files)
        return self.get(job.id)  # type: ignore[return-value]

    def _run_upload(self, job_id: str, files: list[tuple[str, bytes]]) -> None:
        from service.ingest import parse_one
        from store import find_document, store_documents
        from store.write import sha256_of

        db = None
        try:
            self._update(job_id, status="running", total=len(files))
            db = open_db(self.db_path)
            outcomes = []
            for fname, data in files:
                existing = find_document(db, sha256_of(data))
                outcomes.append(("existing", existing) if existing is not None else parse_one(data, fname, self.limits))
            bad = [(f, str(v)) for (f, _), (kind, v) in zip(files, outcomes) if kind == "error"]
            if bad:
                names = ", ".join(f for f, _ in bad)
                for (fname, _), (kind, value) in zip(files, outcomes):
                    reason = str(value) if kind == "error" else f"upload:{fname}: {msg('upload_sibling_failed', names=names)}"
                    self._record(job_id, Result(f"upload:{fname}", "error", error=reason))
                nothing = msg("upload_nothing_stored", reasons="; ".join(r for _, r in bad))
                self._update(job_id, status="failed", error=nothing, finished_at=_now())
                return
            new = [(v, data, f"upload:{f}") for (f, data), (kind, v) in zip(files, outcomes) if kind == "ok"]
            stored = iter(store_documents(db, new))
            for (fname, _), (kind, value) in zip(files, outcomes):
                if kind == "existing":
                    self._record(job_id, Result(f"upload:{fname}", "duplicate", value))
                    continue
                s = next(stored)
                self._record(
                    job_id,
                    Result(
                        f"upload:{fname}",
                        "stored" if s.created else "duplicate",
                        s.document_id,
                        plans=len(value.plans) if s.created else 0,
                        tasks=sum(len(p.tasks) for p in value.plans) if s.created else 0,
                    ),
                )
            self._update(job_id, status="done", finished_at=_now())
        except Exception as e:  # noqa: BLE001 - the job reports it; the server goes on
            log.exception("job %s failed", job_id)
            self._update(job_id, status="failed", error=f"{type(e).__name__}: {e}", finished_at=_now())
        finally:
            if db is not None:
                db.close()

    def _start(self, name: str, items: Callable[[], tuple[list[Item], list[Result]]], cleanup: Callable[[], None]) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], name=name, status="queued", created_at=_now())
        with self.lock:
            self.jobs[job.id] = job
        self._save(job.id)
        self.executor.submit(self._run, job.id, items, cleanup)
        return self.get(job.id)  # type: ignore[return-value]

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            job = self.jobs.get(job_id)
            if job:
                return job.model_copy(deep=True)
        db = open_db(self.db_path)  # a job of an earlier run of the server
        try:
            state = load_job(db, job_id)
        finally:
            db.close()
        return Job(**state) if state else None

    def _update(self, job_id: str, **changes) -> None:
        with self.lock:
            job = self.jobs[job_id]
            for k, v in changes.items():
                setattr(job, k, v)
        self._save(job_id)

    def _record(self, job_id: str, r: Result) -> None:
        with self.lock:
            job = self.jobs[job_id]
            job.results.append(JobFile(**{k: v for k, v in r.as_dict().items() if k != "seconds"}))
            job.done += 1
            if r.status == "error":
                job.failed += 1
            else:
                setattr(job, r.status, getattr(job, r.status) + 1)
            # progress is saved about once a second (each save writes the
            # job's whole state), status changes always
            due = time.monotonic() - self.saved_at.get(job_id, 0.0) > 1.0
        if due:
            self._save(job_id)

    def _run(self, job_id: str, items: Callable[[], tuple[list[Item], list[Result]]], cleanup: Callable[[], None]) -> None:
        db = None
        try:
            found, errors = items()
            self._update(job_id, status="running", total=len(found) + len(errors))
            for e in errors:
                self._record(job_id, e)
            db = open_db(self.db_path)
            engine = make_engine(None, scheduler=self.scheduler, jobs=self.workers, timeout=self.scheduler_timeout_s)
            try:
                engine.run(found, db, limits=self.limits, on_result=lambda r: self._record(job_id, r))
            finally:
                engine.close()
            self._update(job_id, status="done", finished_at=_now())
        except EngineError as e:  # the cluster is unreachable or lost: said as it is
            log.error("job %s: %s", job_id, e)
            self._update(job_id, status="failed", error=str(e), finished_at=_now())
        except Exception as e:  # noqa: BLE001 - the job reports it; the server goes on
            log.exception("job %s failed", job_id)
            self._update(job_id, status="failed", error=f"{type(e).__name__}: {e}", finished_at=_now())
        finally:
            if db is not None:
                db.close()
            cleanup()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
