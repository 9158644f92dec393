"""The HTTP API: `create_app(settings)` builds it; `api.app:app` is the
instance `jihua serve` and uvicorn run (settings from the environment)."""

from __future__ import annotations

import hmac
import logging
import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.pages import error_page, install, wants_page
from api.routes import batches, compare, corrections, documents, exports, facets, plans, tasks, units
from api.routes.errors import responses
from api.settings import Settings, get_settings
from extractor.errors import JihuaError
from models.messages import msg
from service.archive import Limits, TooLarge
from service.jobs import JobRunner
from service.version import package_version
from store import open_db
from store.budget import BudgetExceeded, interrupted

log = logging.getLogger(__name__)

DESCRIPTION = """
Upload Chinese work plans (工作计划) and ask questions across all of them:
which tasks fall in March, which units plan 女职工 work, who leads what.

* Reads are open; writes (POST, PATCH, DELETE) need `Authorization: Bearer <token>`
  when the server sets `JIHUA_TOKEN`.
* Uploads are multipart, and the field is `files` on every endpoint:
  `curl -F files=@计划.docx http://127.0.0.1:8000/documents`.
* Every error answers `{"error": {"status": …, "code": …, "message": …}}`:
  `code` is stable English for programs, `message` is for people (Chinese,
  or English when the server runs with `JIHUA_LANG=en`).
"""

# The code of an HTTP error raised without one of its own.
STATUS_CODES = {
    400: "bad_request", 401: "auth_required", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    413: "too_large", 422: "invalid_request", 500: "internal_error", 503: "unavailable",
}


def error_response(status: int, message: str, headers: dict | None = None, code: str | None = None) -> JSONResponse:
    body = {"status": status, "code": code or STATUS_CODES.get(status, "error"), "message": str(message)}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def token_matches(header: bytes | None, token: str) -> bool:
    scheme, _, given = (header or b"").decode("latin-1").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class BodyLimit:
    """Guards every write before its body is read: without the token it
    answers 401 at once (a client without it used to send 201 MB first);
    over `limit` bytes it answers 413, by Content-Length before reading and
    by counting while reading (a chunked upload), so an oversized upload is
    never spooled to disk in full and never answers 400."""

    def __init__(self, app: ASGIApp, limit: int, token: str | None = None):
        self.app = app
        self.limit = limit
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self.token and not token_matches(headers.get(b"authorization"), self.token):
            await error_response(401, msg("auth_required"), {"WWW-Authenticate": "Bearer"})(scope, receive, send)
            return
        message = msg("request_too_large", limit=f"{self.limit / 1048576:.1f} MB")
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await error_response(413, message, code="request_too_large")(scope, receive, send)
            return
        seen = 0
        over = started = False

        async def counted() -> Message:
            nonlocal seen, over
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    over = True
                    raise TooLarge("request", message)
            return msg

        async def guarded(msg: Message) -> None:
            # Once the body ran over, whatever the app makes of the cut
            # stream (a form parser's 400) is replaced by the 413.
            nonlocal started
            if over:
                return
            started = started or msg["type"] == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, counted, guarded)
        except Exception:
            if not over:
                raise
        if over and not started:
            await error_response(413, message, code="request_too_large")(scope, receive, send)


def temp_dir(settings: Settings) -> Path:
    """Where uploads wait for their background job: beside the database, so
    that a server killed mid-batch finds and removes them when it starts."""
    return Path(settings.tmp_dir) if settings.tmp_dir else Path(settings.db).with_name(Path(settings.db).name + ".tmp")


def clean_temp_dir(path: Path) -> int:
    """Remove what a killed server left behind; the number of entries removed."""
    removed = 0
    if path.is_dir():
        for entry in path.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed += 1
    path.mkdir(parents=True, exist_ok=True)
    return removed


def _answer(request: Request, status: int, message: str, headers: dict | None = None, code: str | None = None) -> Response:
    """An error in the API's one JSON shape, or, for a person at a browser
    asking for a page (api.pages.wants_page), a page saying it in words."""
    if wants_page(request):
        return error_page(request, status, message)
    return error_response(status, message, headers, code)


def _add_error_handlers(app: FastAPI, settings: Settings) -> None:
    """Every error answers in one shape (_answer); a bug is logged with its
    traceback and answers 500."""
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _answer(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None), getattr(exc.detail, "code", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return _answer(request, 422, msg("invalid_request", reason="; ".join(parts) or "?"))

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, exc: TooLarge) -> JSONResponse:
        return error_response(413, str(exc), code=exc.code)

    @app.exception_handler(JihuaError)
    async def bad_input(request: Request, exc: JihuaError) -> JSONResponse:
        return error_response(422, str(exc), code=exc.code)

    budget_message = msg("read_budget", seconds=f"{settings.read_budget_s:g}")

    @app.exception_handler(BudgetExceeded)
    async def over_budget(request: Request, exc: BudgetExceeded) -> Response:
        return _answer(request, 503, budget_message, {"Retry-After": "1"}, "read_budget")

    @app.exception_handler(sqlite3.OperationalError)
    async def database_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        if interrupted(exc):
            return _answer(request, 503, budget_message, {"Retry-After": "1"}, "read_budget")
        if "locked" in str(exc) or "busy" in str(exc):
            return _answer(request, 503, msg("database_busy"), {"Retry-After": "1"}, "database_busy")
        log.error("database error", exc_info=exc)
        return _answer(request, 500, msg("internal_error", kind=type(exc).__name__))

    @app.exception_handler(OverflowError)
    async def overflow(request: Request, exc: OverflowError) -> JSONResponse:
        return error_response(422, msg("number_out_of_range"), code="number_out_of_range")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        # A bug, not the user's fault: say so, in the same shape (or a page
        # for a person; the traceback goes to the log, never to them).
        log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
        return _answer(request, 500, msg("internal_error", kind=type(exc).__name__))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.jobs.shutdown()

    app = FastAPI(
        title="jihua",
        summary="Chinese work plans as queryable data",
        description=DESCRIPTION,
        version=package_version(),
        lifespan=lifespan,
        # /docs is served by api.pages from local files; ReDoc would load
        # its script from a CDN, which an office network may not reach.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    if settings.token_is_empty:
        log.warning("JIHUA_TOKEN is set but empty: writes are open to anyone; set a token or unset the variable")
    open_db(settings.db).close()  # create the schema once, before any request
    tmp = temp_dir(settings)
    if removed := clean_temp_dir(tmp):
        log.warning("removed %d temporary upload(s) left by a server that stopped mid-batch", removed)
    app.state.jobs = JobRunner(
        settings.db, Limits.from_settings(settings), settings.batch_workers, tmp_dir=tmp, scheduler=settings.scheduler,
        scheduler_timeout_s=settings.scheduler_timeout_s,
    )

    _add_error_handlers(app, settings)
    for module in (documents, batches, plans, tasks, exports, facets, compare, corrections, units):
        # Declared on every operation as what they are (one ErrorBody shape):
        # a bad parameter is 422 here, never FastAPI's HTTPValidationError.
        app.include_router(module.router, responses=responses(422, 500, 503))
    install(app)  # the pages, their files and /docs (api.pages)
    app.add_middleware(BodyLimit, limit=settings.limits().request_bytes, token=settings.token or None)
    return app


def __getattr__(name: str) -> FastAPI:
    # `api.app:app` is built on first use, so importing this module (tests,
    # the CLI) neither reads the environment nor creates a database.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
