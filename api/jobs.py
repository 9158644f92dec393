"""Background batches: a zip uploaded to POST /batches is ingested by one
worker thread (parsing in processes when `batch_workers` > 1), and its
progress is read from GET /jobs/{id}.

Jobs live in memory: a restart forgets them, but not what they stored, and
uploading the zip again skips every file already stored.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from api.archive import Limits
from api.ingest import Item, Result, collect, run
from api.schemas import Job, JobFile
from store import open_db


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class JobRunner:
    def __init__(self, db_path: str, limits: Limits, workers: int):
        self.db_path = db_path
        self.limits = limits
        self.workers = workers
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        # One batch at a time: batches queue instead of fighting over the
        # single SQLite writer and the CPU.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jihua-batch")

    def submit(self, zip_path: Path, name: str) -> Job:
        job = Job(id=uuid.uuid4().hex[:12], name=name, status="queued", created_at=_now())
        with self.lock:
            self.jobs[job.id] = job
        self.executor.submit(self._run, job.id, zip_path)
        return self.get(job.id)  # type: ignore[return-value]

    def submit_files(self, files: list[tuple[str, bytes]], name: str) -> Job:
        """Uploaded files that need OCR: parsed and stored in the background."""
        folder = Path(tempfile.mkdtemp(prefix="jihua-upload-"))
        items = []
        for i, (fname, data) in enumerate(files):
            path = folder / f"{i:04d}"
            path.write_bytes(data)
            items.append(Item(source=f"upload:{fname}", name=fname, path=path))
        job = Job(id=uuid.uuid4().hex[:12], name=name, status="queued", created_at=_now())
        with self.lock:
            self.jobs[job.id] = job
        self.executor.submit(self._run_items, job.id, items, folder)
        return self.get(job.id)  # type: ignore[return-value]

    def _run_items(self, job_id: str, items: list[Item], folder: Path) -> None:
        db = None
        try:
            self._update(job_id, status="running", total=len(items))
            db = open_db(self.db_path)
            run(items, db, limits=self.limits, jobs=self.workers, on_result=lambda r: self._record(job_id, r))
            self._update(job_id, status="done", finished_at=_now())
        except Exception as e:  # noqa: BLE001 - the job reports it; the server goes on
            self._update(job_id, status="failed", error=f"{type(e).__name__}: {e}", finished_at=_now())
        finally:
            if db is not None:
                db.close()
            shutil.rmtree(folder, ignore_errors=True)

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            job = self.jobs.get(job_id)
            return job.model_copy(deep=True) if job else None

    def _update(self, job_id: str, **changes) -> None:
        with self.lock:
            job = self.jobs[job_id]
            for k, v in changes.items():
                setattr(job, k, v)

    def _record(self, job_id: str, r: Result) -> None:
        with self.lock:
            job = self.jobs[job_id]
            job.results.append(JobFile(**{k: v for k, v in r.as_dict().items() if k != "seconds"}))
            job.done += 1
            if r.status == "error":
                job.failed += 1
            else:
                setattr(job, r.status, getattr(job, r.status) + 1)

    def _run(self, job_id: str, zip_path: Path) -> None:
        db = None
        try:
            items, errors = collect([zip_path], self.limits)
            # Name entries after the uploaded file, not the temporary copy.
            name = self.get(job_id).name  # type: ignore[union-attr]
            for it in items:
                it.source = it.source.replace(str(zip_path), name, 1)
            self._update(job_id, status="running", total=len(items) + len(errors))
            for e in errors:
                self._record(job_id, e)
            db = open_db(self.db_path)
            run(items, db, limits=self.limits, jobs=self.workers, on_result=lambda r: self._record(job_id, r))
            self._update(job_id, status="done", finished_at=_now())
        except Exception as e:  # noqa: BLE001 - the job reports it; the server goes on
            self._update(job_id, status="failed", error=f"{type(e).__name__}: {e}", finished_at=_now())
        finally:
            if db is not None:
                db.close()
            zip_path.unlink(missing_ok=True)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
