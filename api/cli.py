"""The `jihua` command: thin wrappers that call one library function each
and turn JihuaError into one line on stderr and exit code 2."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="jihua (计划): turn Chinese work plans into structured, queryable data.",
    no_args_is_help=True,
    add_completion=False,
)

# Each command group lives in its own module and registers itself on `app`.
from api import cli_parse  # noqa: E402,F401

try:  # store/API commands (ingest, tasks, compare, serve, reparse)
    from api import cli_store  # noqa: E402,F401
except ImportError:  # pragma: no cover - written in a later step
    pass
