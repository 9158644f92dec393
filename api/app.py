"""The HTTP API: `create_app(settings)` builds it; `api.app:app` is the
instance `jihua serve` and uvicorn run (settings from the environment)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.archive import Limits, TooLarge
from api.jobs import JobRunner
from api.routes import batches, compare, documents, exports, facets, plans, tasks
from api.settings import Settings, get_settings
from extractor.errors import JihuaError
from store import open_db

DESCRIPTION = """
Upload Chinese work plans (工作计划) and ask questions across all of them:
which tasks fall in March, which units plan 女职工 work, who leads what.

* Reads are open; writes (POST, DELETE) need `Authorization: Bearer <token>`
  when the server sets `JIHUA_TOKEN`.
* Every error answers `{"error": {"status": …, "message": …}}`.
"""


def error_response(status: int, message: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


class BodyLimit:
    """Refuse request bodies over `limit` bytes with 413, by Content-Length
    before reading, and by counting while reading (chunked uploads), so an
    oversized upload is never spooled to disk in full."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        message = f"the request is larger than the {self.limit / 1048576:.1f} MB limit"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.limit:
            await error_response(413, message)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise TooLarge("request", message)
            return msg

        await self.app(scope, counted, send)


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
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    open_db(settings.db).close()  # create the schema once, before any request
    app.state.jobs = JobRunner(settings.db, Limits.from_settings(settings), settings.batch_workers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error_response(422, "; ".join(parts) or "invalid request")

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, exc: TooLarge) -> JSONResponse:
        return error_response(413, str(exc))

    @app.exception_handler(JihuaError)
    async def bad_input(request: Request, exc: JihuaError) -> JSONResponse:
        return error_response(422, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # A bug, not the user's fault: say so, in the same shape.
        return error_response(500, f"internal error ({type(exc).__name__}); see the server log")

    for module in (documents, batches, plans, tasks, exports, facets, compare):
        app.include_router(module.router)
    app.add_middleware(BodyLimit, limit=max(settings.max_zip_bytes, settings.max_file_bytes) + 1024 * 1024)
    return app


def __getattr__(name: str) -> FastAPI:
    # `api.app:app` is built on first use, so importing this module (tests,
    # the CLI) neither reads the environment nor creates a database.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
