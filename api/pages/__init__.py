"""Pages for the people who collect plans, served by the API's app: Chinese,
no build step (Jinja2 templates, one small script and one stylesheet in
api/static), nothing loaded from elsewhere, so they work on an office
network without internet. `/docs` is Swagger UI from files in a Python
package (fastapi-swagger's copy), not from a CDN.

`install(app)` adds them: the static files, /docs, the page routes, and
error pages for people where a browser asked for a page.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.pages.templating import render
from api.pages.views import router

STATIC = Path(__file__).resolve().parent.parent / "static"
SWAGGER = Path(str(files("fastapi_swagger") / "resources"))

# Paths of the JSON API: an error there stays JSON even for a browser.
API_PREFIXES = (
    "/documents", "/batches", "/jobs", "/plans", "/tasks", "/facets", "/compare", "/corrections", "/units",
    "/openapi.json", "/static", "/docs",
)


def install(app: FastAPI) -> None:
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="jihua API 文档",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.include_router(router)


def wants_page(request: Request) -> bool:
    """Whether an error should be a page: on a page's path, or on a path of
    no API a browser asked for (a mistyped address)."""
    path = request.url.path
    if path == "/" or path == "/ui" or path.startswith("/ui/"):
        return True
    if any(path == p or path.startswith(p + "/") or path.startswith(p + ".") for p in API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    titles = {404: "找不到这个页面", 422: "请求有误", 503: "服务器正忙"}
    return render(request, "error.html", status_code=status, status=status, title=titles.get(status, "出错了"), message=message)
