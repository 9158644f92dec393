"""POST /batches (a zip of plans, processed in the background) and
GET /jobs/{id} (its progress and per-file results)."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile

from api.deps import LimitsDep, WriteAuth
from api.routes.errors import responses
from api.schemas import Job
from service.archive import MB, TooLarge, check_archive, check_file

router = APIRouter(tags=["batches"])


@router.post(
    "/batches",
    response_model=Job,
    status_code=202,
    dependencies=[WriteAuth],
    responses=responses(401, 413, 422),
    summary="Upload a zip of plans; answers at once with a job to follow",
)
def create_batch(
    file: Annotated[UploadFile, File(description="a .zip of .docx/.pdf/.txt plans (folders inside are fine)")],
    request: Request,
    limits: LimitsDep,
) -> Job:
    """The archive is checked now (size, path traversal, zip bomb: 413/422
    and nothing stored); its files are parsed and stored in the background.
    Files stored before are skipped; a bad file is reported in the job and
    the others go on (a batch is per file, an upload to /documents is all
    or nothing). A single plan file (.docx, .pdf, .txt …) sent here is a
    batch of that one file; an archive inside the archive is reported, not
    opened."""
    name = file.filename or "batch.zip"
    fd, tmp = tempfile.mkstemp(prefix="jihua-batch-", suffix=".zip", dir=request.app.state.jobs.tmp_dir)
    path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            size = 0
            while chunk := file.file.read(1 << 20):
                size += len(chunk)
                if size > limits.max_zip_bytes:
                    raise TooLarge(name, f"the archive is above the {limits.max_zip_bytes / MB:.1f} MB limit per archive")
                out.write(chunk)
        if _is_document(path, name):
            # One plan sent where an archive was expected (a .docx is a zip
            # too): a batch of that one file, never an empty job.
            if size > limits.max_file_bytes:
                raise TooLarge(name, f"the file is above the {limits.max_file_bytes / MB:.1f} MB limit per file")
            data = path.read_bytes()
            check_file(data, name, limits)
            path.unlink(missing_ok=True)
            return request.app.state.jobs.submit_files([(name, data)], name)
        with zipfile.ZipFile(path) as z:
            check_archive(z, name, limits)
    except BaseException:  # refused: keep no temporary copy
        path.unlink(missing_ok=True)
        raise
    return request.app.state.jobs.submit(path, name)


def _is_document(path: Path, name: str) -> bool:
    """Whether an upload is one plan file rather than an archive of plans
    (a file named .zip that is no zip is a broken archive: 422)."""
    if not zipfile.is_zipfile(path):
        if name.lower().endswith(".zip"):
            raise HTTPException(422, f"{name}: not a zip archive")
        return True
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
    return "word/document.xml" in names or "mimetype" in names


@router.get("/jobs/{job_id}", response_model=Job, tags=["batches"], responses=responses(404))
def read_job(job_id: str, request: Request) -> Job:
    """Progress of a batch: counts so far and one result per file (stored,
    duplicate, skipped because stored before, or error with the reason)."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id}")
    return job
