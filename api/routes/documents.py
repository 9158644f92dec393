"""POST /documents (upload), GET and DELETE /documents/{id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Path, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from api.deps import SQLITE_INT, DbDep, LimitsDep, WriteAuth
from api.routes.errors import responses
from api.schemas import DocumentOut, Job, UploadResponse
from extractor.errors import JihuaError
from extractor.pipeline import parse_bytes
from extractor.readers import needs_ocr
from service.archive import TooLarge, check_file, read_capped, sha256
from store import delete_document, find_document, get_document, store_documents

router = APIRouter(prefix="/documents", tags=["documents"])


@router.post(
    "",
    response_model=UploadResponse,
    status_code=201,
    dependencies=[WriteAuth],
    responses={**responses(401, 413, 422), 202: {"model": Job, "description": "scans: parsed in the background"}},
    summary="Upload plans (.docx, .pdf, .txt …), parse and store them",
)
def upload_documents(
    files: Annotated[list[UploadFile], File(description="one or more plan files")],
    db: DbDep,
    limits: LimitsDep,
    request: Request,
    response: Response,
) -> UploadResponse:
    """An upload is atomic: every file is checked and parsed before anything
    is stored, and if one is bad (unknown format, corrupt, too large) the
    answer names each bad file with its reason and nothing of the request
    is stored. A file stored before (same bytes) answers with the existing
    document and `duplicate: true`. 201 when something new was stored, 200
    when every file was a duplicate. A scanned PDF page or an image needs
    OCR, which takes seconds a page: such an upload answers 202 with a job
    at GET /jobs/{id}, which stores all the files or none in the same way."""
    # Runs in FastAPI's threadpool (a plain def): parsing never blocks the
    # event loop, so reads keep being answered during a large upload.
    loaded: list[tuple[str, bytes]] = []
    for f in files:
        name = f.filename or "upload"
        loaded.append((name, read_capped(f.file, limits.max_file_bytes, name)))
    errors: list[str] = []
    ocr = False
    checked: list[tuple[str, bytes]] = []
    for name, data in loaded:
        try:
            check_file(data, name, limits)  # TooLarge: 413 for the request
            ocr = needs_ocr(data, name) or ocr  # a PDF pdfium cannot open is bad now, not in a job
            checked.append((name, data))
        except TooLarge:
            raise
        except JihuaError as e:
            errors.append(str(e))
    if ocr:
        _refuse(errors)
        job = request.app.state.jobs.submit_upload(loaded, ", ".join(n for n, _ in loaded))
        return JSONResponse(status_code=202, content=job.model_dump())  # type: ignore[return-value]
    parsed = []
    for name, data in checked:  # parsed even after a bad file, to name every bad one
        try:
            existing = find_document(db, sha256(data))
            parsed.append((name, data, existing if existing is not None else parse_bytes(data, name, limits=limits)))
        except TooLarge:
            raise
        except JihuaError as e:
            errors.append(str(e))
    _refuse(errors)
    new = [(doc, data, f"upload:{name}") for name, data, doc in parsed if not isinstance(doc, int)]
    stored = iter(store_documents(db, new))  # one transaction: all or nothing
    out = []
    for _name, _data, doc in parsed:
        if isinstance(doc, int):
            doc_id, created = doc, False
        else:
            s = next(stored)
            doc_id, created = s.document_id, s.created
        out.append(DocumentOut(**get_document(db, doc_id), duplicate=not created))
    response.status_code = 201 if any(not d.duplicate for d in out) else 200
    return UploadResponse(documents=out)


def _refuse(errors: list[str]) -> None:
    if errors:
        # every bad file, each with its reason: the user fixes them all at once
        raise HTTPException(422, "; ".join(errors) + "; nothing of this upload was stored")


@router.get("/{document_id}", response_model=DocumentOut, responses=responses(404))
def read_document(document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> DocumentOut:
    """A stored document: its name, format, size, warnings and plans."""
    doc = get_document(db, document_id)
    if doc is None:
        raise HTTPException(404, f"no document {document_id}")
    return DocumentOut(**doc)


@router.delete("/{document_id}", status_code=204, dependencies=[WriteAuth], responses=responses(401, 404))
def remove_document(document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> Response:
    """Delete a document and everything parsed from it."""
    if not delete_document(db, document_id):
        raise HTTPException(404, f"no document {document_id}")
    return Response(status_code=204)
