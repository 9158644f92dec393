"""The `jihua` command: thin wrappers that call one library function each
and turn JihuaError into one line on stderr and exit code 2."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    help="jihua (计划): turn Chinese work plans into structured, queryable data.",
    no_args_is_help=True,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        from extractor.version import parser_version
        from service.version import package_version

        typer.echo(f"jihua {package_version()} (parser {parser_version()})")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="print the version and the parser's version, then exit"),
    ] = False,
) -> None:
    """jihua (计划): turn Chinese work plans into structured, queryable data."""
    from service.logs import setup_logging

    setup_logging()


# Each command group lives in its own module and registers itself on
# `app`. Imported unconditionally: a broken module is a bug that must show,
# not a command that silently goes missing.
from api import cli_parse, cli_store  # noqa: E402,F401
