"""The one JSON shape of every error, as OpenAPI `responses=` entries."""

from __future__ import annotations

from typing import Any

from api.schemas import ErrorBody

_WHY = {
    401: "a write without the server's token",
    404: "no such resource",
    413: "a file or archive over the size limit",
    422: "a bad file or bad parameters: the message says why",
    500: "a bug: the server log has its traceback",
    503: "a read ran past its time budget (JIHUA_READ_BUDGET_S) and was stopped, or the database is busy",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": ErrorBody, "description": _WHY.get(c, "")} for c in codes}
