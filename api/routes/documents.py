"""POST /documents (upload), GET /documents (the list), GET and DELETE
/documents/{id}, GET /documents/{id}/original (the file as uploaded)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from api.deps import SQLITE_INT, DbDep, LimitsDep, WriteAuth, check_ints, check_text
from api.files import attachment, media_type
from api.routes.errors import responses
from api.schemas import DocumentOut, DocumentSummary, Job, Page, UploadResponse
from extractor.errors import JihuaError
from extractor.pipeline import parse_bytes
from extractor.readers import needs_ocr
from models.messages import msg
from service.archive import TooLarge, check_file, read_capped, sha256
from store import delete_document, document_original, find_document, get_document, list_documents, store_documents

router = APIRouter(prefix="/documents", tags=["documents"])


@router.post(
    "",
    response_model=UploadResponse,
    status_code=201,
    dependencies=[WriteAuth],
    responses={
        **responses(401, 413, 422),
        202: {
            "model": Job,
            "description": "scans: parsed in the background; `Location` is the job (GET /jobs/{id})",
            "headers": {"Location": {"description": "/jobs/{id}", "schema": {"type": "string"}}},
        },
        200: {"model": UploadResponse, "description": "every file was stored before: the existing documents"},
        201: {
            "description": "stored; `Location` is the new document (several: /documents?id=…&id=…)",
            "headers": {"Location": {"description": "/documents/{id}", "schema": {"type": "string"}}},
        },
    },
    summary="Upload plans (.docx, .pdf, .txt …), parse and store them",
    openapi_extra={
        "x-codeSamples": [
            {
                "lang": "Shell",
                "label": "curl",
                "source": "curl -F files=@计划.docx -F files=@要点.pdf http://127.0.0.1:8000/documents",
            }
        ]
    },
)
def upload_documents(
    files: Annotated[list[UploadFile], File(description="one or more plan files (the field is `files` on every upload)")],
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
    at GET /jobs/{id}, which stores all the files or none in the same way.

    ```sh
    curl -F files=@计划.docx -F files=@要点.pdf http://127.0.0.1:8000/documents
    ```"""
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
        headers = {"Location": f"/jobs/{job.id}"}
        return JSONResponse(status_code=202, content=job.model_dump(), headers=headers)  # type: ignore[return-value]
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
    created = [d.id for d in out if not d.duplicate]
    response.status_code = 201 if created else 200
    if created:
        response.headers["Location"] = (
            f"/documents/{created[0]}" if len(created) == 1 else "/documents?" + "&".join(f"id={i}" for i in created)
        )
    return UploadResponse(documents=out)


def _refuse(errors: list[str]) -> None:
    if errors:
        # every bad file, each with its reason: the user fixes them all at once
        raise HTTPException(422, msg("upload_refused", errors="; ".join(errors)))


@router.get("", response_model=Page[DocumentSummary], responses=responses(422, 503))
def read_documents(
    db: DbDep,
    id: Annotated[list[int], Query(description="only these documents (repeat: id=1&id=2)")] = [],  # noqa: A002,B006
    name: Annotated[str | None, Query(description="part of the file name", examples=["计划"])] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=SQLITE_INT)] = 0,
) -> Page[DocumentSummary]:
    """Stored documents, newest first, with their number of plans and tasks
    and the parser version that read them; paged."""
    check_text("name", name)
    check_ints("id", id, -SQLITE_INT, SQLITE_INT)
    total, rows = list_documents(db, ids=id, name=name, limit=limit, offset=offset)
    return Page[DocumentSummary](total=total, limit=limit, offset=offset, items=[DocumentSummary(**r) for r in rows])


@router.get(
    "/{document_id}/original",
    response_class=Response,
    responses={
        200: {"content": {"application/octet-stream": {}}, "description": "the file's bytes, as uploaded"},
        **responses(404),
    },
)
def read_original(document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> Response:
    """The file as it was uploaded or ingested, byte for byte, with its
    content type (from its sniffed format) and its file name."""
    found = document_original(db, document_id)
    if found is None:
        raise HTTPException(404, msg("not_found", what=msg("what_original"), id=document_id))
    name, fmt, data = found
    return Response(data, media_type=media_type(fmt, data), headers={"Content-Disposition": attachment(name)})


@router.get("/{document_id}", response_model=DocumentOut, responses=responses(404))
def read_document(document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> DocumentOut:
    """A stored document: its name, format, size, warnings and plans."""
    doc = get_document(db, document_id)
    if doc is None:
        raise HTTPException(404, msg("not_found", what=msg("what_document"), id=document_id))
    return DocumentOut(**doc)


@router.delete("/{document_id}", status_code=204, dependencies=[WriteAuth], responses=responses(401, 404))
def remove_document(document_id: Annotated[int, Path(ge=-SQLITE_INT, le=SQLITE_INT)], db: DbDep) -> Response:
    """Delete a document and everything parsed from it."""
    if not delete_document(db, document_id):
        raise HTTPException(404, msg("not_found", what=msg("what_document"), id=document_id))
    return Response(status_code=204)
