"""POST /batches (zips of plans, processed in the background) and
GET /jobs/{id} (its progress and per-file results)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, Response, UploadFile

from api.deps import LimitsDep, WriteAuth
from api.routes.errors import responses
from api.schemas import Job
from models.messages import msg
from service.archive import MB, Limits, ReadError, TooLarge, check_archive, check_file

router = APIRouter(tags=["batches"])

CURL = "curl -F files=@plans.zip http://127.0.0.1:8000/batches"


@router.post(
    "/batches",
    response_model=Job,
    status_code=202,
    dependencies=[WriteAuth],
    responses={
        **responses(401, 413, 422),
        202: {
            "description": "accepted; `Location` is the job to follow (GET /jobs/{id})",
            "headers": {"Location": {"description": "/jobs/{id}", "schema": {"type": "string"}}},
        },
    },
    summary="Upload zips of plans (or plan files); answers at once with a job to follow",
    openapi_extra={"x-codeSamples": [{"lang": "Shell", "label": "curl", "source": CURL}]},
)
def create_batch(
    files: Annotated[
        list[UploadFile],
        File(description="one or more .zip archives of .docx/.pdf/.txt plans (folders inside are fine), or plan files"),
    ],
    request: Request,
    response: Response,
    limits: LimitsDep,
) -> Job:
    """The archives are checked now (size, path traversal, zip bomb: 413/422
    and nothing stored); their files are parsed and stored in the background.
    Files stored before are skipped; a bad file is reported in the job and
    the others go on (a batch is per file, an upload to /documents is all
    or nothing). A plan file (.docx, .pdf, .txt …) sent here is a batch
    item of its own; an archive inside an archive is reported, not opened.

    ```sh
    curl -F files=@plans.zip http://127.0.0.1:8000/batches
    ```"""
    saved: list[tuple[Path, str, bool]] = []
    try:
        for f in files:
            name = f.filename or "batch.zip"
            path, size = _save(f, name, limits, request.app.state.jobs.tmp_dir)
            saved.append((path, name, False))
            saved[-1] = (path, name, _check(path, name, size, limits))
    except BaseException:  # refused: keep no temporary copy
        for path, _, _ in saved:
            path.unlink(missing_ok=True)
        raise
    job = request.app.state.jobs.submit(saved, ", ".join(n for _, n, _ in saved))
    response.headers["Location"] = f"/jobs/{job.id}"
    return job


def _save(f: UploadFile, name: str, limits: Limits, tmp_dir: Path | None) -> tuple[Path, int]:
    """The upload in a temporary file beside the database, and its size."""
    fd, tmp = tempfile.mkstemp(prefix="jihua-batch-", suffix=".upload", dir=tmp_dir)
    path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := f.file.read(1 << 20):
                size += len(chunk)
                if size > limits.max_zip_bytes:
                    raise TooLarge(name, msg("archive_too_large", limit=f"{limits.max_zip_bytes / MB:.1f} MB"))
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path, size


def _check(path: Path, name: str, size: int, limits: Limits) -> bool:
    """Whether the upload is an archive (checked whole) rather than one plan
    file (checked as every plan is); refused with the reason otherwise."""
    if _is_document(path, name):
        # One plan where an archive was expected (a .docx is a zip too):
        # an item of its own, never an empty job.
        if size > limits.max_file_bytes:
            raise TooLarge(name, msg("file_over_limit", limit=f"{limits.max_file_bytes / MB:.1f} MB"))
        check_file(path.read_bytes(), name, limits)
        return False
    with zipfile.ZipFile(path) as z:
        check_archive(z, name, limits)
    return True


def _is_document(path: Path, name: str) -> bool:
    """Whether an upload is one plan file rather than an archive of plans
    (a file named .zip that is no zip is a broken archive: 422)."""
    if not zipfile.is_zipfile(path):
        if name.lower().endswith(".zip"):
            raise ReadError(name, msg("not_a_zip"))
        return True
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    return "word/document.xml" in names or "mimetype" in names


@router.get("/jobs/{job_id}", response_model=Job, tags=["batches"], responses=responses(404))
def read_job(job_id: str, request: Request) -> Job:
    """Progress of a batch: counts so far and one result per file (stored,
    duplicate, skipped because stored before, ignored because no plan, or
    error with the reason)."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, msg("not_found", what=msg("what_job"), id=job_id))
    return job
