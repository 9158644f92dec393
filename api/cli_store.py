"""`jihua ingest`, `reparse`, `tasks`, `compare` and `serve`: each opens the
store, calls one library function and prints the answer.

Exit codes: 0 success; 1 `ingest`/`reparse` finished but some files failed
(each is in the report); 2 the command could not run (no database, a bad
option value).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from api.cli import app

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="JIHUA_DB", help="the SQLite store (also from JIHUA_DB)", show_default=True),
]


def _settings(db: Path):
    from api.settings import Settings

    return Settings(db=str(db))


def _open(db: Path, *, create: bool = False):
    from store import open_db

    try:
        return open_db(db, create=create)
    except FileNotFoundError as e:
        typer.echo(str(e), err=True)
        raise typer.Exit(2) from None


def _fail(message: str) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(2)


class _Report:
    """Per-file rows streamed to --report as CSV or JSON Lines (by suffix),
    so a 10,000-file run keeps nothing but the failures in memory."""

    FIELDS = ["source", "status", "document_id", "plans", "tasks", "error", "seconds"]

    def __init__(self, path: Path | None):
        self.fh: TextIO | None = None
        self.writer = None
        if path is None:
            return
        self.fh = open(path, "w", encoding="utf-8", newline="")
        if path.suffix.lower() == ".csv":
            self.fh.write("\ufeff")  # Excel reads it as UTF-8
            self.writer = csv.DictWriter(self.fh, self.FIELDS)
            self.writer.writeheader()

    def write(self, row: dict) -> None:
        if self.fh is None:
            return
        row = {**row, "seconds": round(row.get("seconds") or 0, 3)}
        if self.writer is not None:
            self.writer.writerow(row)
        else:
            self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.fh.flush()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


def _progress(total: int, label: str):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TextColumn("[red]{task.fields[errors]} errors"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    task = progress.add_task(label, total=total, rate=0.0, errors=0)
    return progress, task


def _print_summary(summary, shown_rows: list[dict], *, per_file_max: int = 100) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if shown_rows:
        table = Table("file", "result", "document", "plans", "tasks", "error", title="per file")
        for r in shown_rows:
            table.add_row(
                r["source"], r["status"], str(r["document_id"] or ""), str(r["plans"]), str(r["tasks"]), r["error"] or ""
            )
        console.print(table)
    elif summary.errors:
        table = Table("file", "error", title=f"failed ({len(summary.errors)})")
        for r in summary.errors[:per_file_max]:
            table.add_row(r.source, r.error or "")
        console.print(table)
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    console.print(
        f"{summary.done} files: {summary.stored} stored, {summary.duplicate} duplicates, "
        f"{summary.skipped} skipped (stored before), {len(summary.errors)} failed; "
        f"{summary.plans} plans, {summary.tasks} tasks in {summary.seconds:.1f} s ({rate:.1f} files/s)"
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files, folders (searched recursively) and .zip archives")],
    db: DbOption = Path("jihua.db"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="parser processes (default: one per CPU core)")] = 0,
    report: Annotated[
        Path | None, typer.Option("--report", help="write one row per file to FILE: .csv, or JSON Lines otherwise")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar and no per-file table")] = False,
) -> None:
    """Parse and store many plans (folders, zip archives) in parallel.

    Files already stored (same bytes) are skipped, so a run that was killed
    can simply be started again. One bad file is reported and the rest go
    on; the exit code is 1 when any file failed, 0 otherwise.
    """
    import time

    from service.archive import Limits
    from service.ingest import collect, run

    settings = _settings(db)
    limits = Limits.from_settings(settings)
    jobs = jobs or os.cpu_count() or 1
    items, listing_errors = collect(paths, limits)
    store = _open(db, create=True)
    out = _Report(report)
    small = len(items) + len(listing_errors) <= 100
    shown: list[dict] = []
    progress, bar = (None, None) if quiet else _progress(len(items) + len(listing_errors), "ingest")
    started = time.perf_counter()
    errors = 0

    def on_result(r) -> None:
        nonlocal errors
        row = r.as_dict()
        out.write(row)
        if small:
            shown.append(row)
        errors += r.status == "error"
        if progress is not None:
            elapsed = time.perf_counter() - started
            done = progress.tasks[0].completed + 1
            progress.update(bar, advance=1, errors=errors, rate=done / elapsed if elapsed else 0.0)

    try:
        if progress is not None:
            progress.start()
        for e in listing_errors:
            on_result(e)
        summary = run(items, store, limits=limits, jobs=jobs, on_result=on_result)
    finally:
        if progress is not None:
            progress.stop()
        out.close()
        store.close()
    for e in listing_errors:
        summary.add(e)
    if not quiet:
        _print_summary(summary, shown)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def reparse(
    db: DbOption = Path("jihua.db"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="parser processes (default: one per CPU core)")] = 0,
    outdated: Annotated[bool, typer.Option("--outdated", help="only documents parsed by another parser version")] = False,
) -> None:
    """Parse stored documents again after a parser upgrade.

    Each document is parsed from its stored bytes and its plans and tasks
    are replaced in one transaction; document ids stay the same.
    """
    from service.ingest import reparse as run_reparse
    from store.query import document_ids
    from store.write import parser_version

    store = _open(db)
    try:
        ids = document_ids(store, outdated_than=parser_version() if outdated else None)
        summary = run_reparse(
            store, document_ids=ids, jobs=jobs or os.cpu_count() or 1, limits=_settings(db).limits()
        )
    finally:
        store.close()
    _print_summary(summary, [])
    if summary.errors:
        raise typer.Exit(1)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def tasks(
    db: DbOption = Path("jihua.db"),
    month: Annotated[str | None, typer.Option(help="a month, a list 3,4 or a range 3-5")] = None,
    theme: Annotated[list[str] | None, typer.Option(help="theme name (repeatable)")] = None,
    unit: Annotated[list[str] | None, typer.Option(help="the plan's unit, exactly (repeatable)")] = None,
    body: Annotated[list[str] | None, typer.Option(help="part of a body's name (repeatable)")] = None,
    role: Annotated[str | None, typer.Option(help="issuer, lead, support, leader or mention")] = None,
    year: Annotated[list[int] | None, typer.Option(help="the plan's year (repeatable)")] = None,
    q: Annotated[str | None, typer.Option("--q", help="text search; every term must match")] = None,
    limit: Annotated[int, typer.Option(help="at most this many tasks; 0 for all")] = 50,
    fmt: Annotated[Format, typer.Option("--format", help="table, csv or json (JSON Lines)")] = Format.table,
) -> None:
    """List stored tasks by month, theme, unit, body and text.

    Sorted by unit, then month; --format csv or json for other programs.
    """
    from store import TaskFilter, count_tasks, iter_tasks, parse_months, split_list
    from store.query import ROLES
    from store.search import check_query

    limits = _settings(db).limits()
    try:
        months = parse_months(month)
        check_query(q, limits.max_query_terms, limits.max_query_chars)
    except ValueError as e:
        raise _fail(str(e)) from None
    if role is not None and role not in ROLES:
        raise _fail(f"role {role!r}: expected one of {', '.join(ROLES)}")
    f = TaskFilter(
        months=months,
        themes=split_list(theme),
        units=split_list(unit),
        bodies=split_list(body),
        role=role,
        years=year or [],
        q=q,
    )
    store = _open(db)
    try:
        rows = iter_tasks(store, f, max_rows=limit or None)
        if fmt is Format.json:
            for r in rows:
                print(json.dumps(r, ensure_ascii=False))
        elif fmt is Format.csv:
            from api.tabular import csv_lines

            for chunk in csv_lines(rows, bom=False):
                sys.stdout.write(chunk)
        else:
            _task_table(list(rows), count_tasks(store, f))
    finally:
        store.close()


def _task_table(rows: list[dict], total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from api.tabular import ROLE_ZH, clean_text

    table = Table("单位", "月份", "任务", "主题", "责任主体", title=f"{len(rows)} of {total} tasks")
    for r in rows:
        table.add_row(  # no control character reaches the terminal
            clean_text(r["unit"] or ""),
            ",".join(map(str, r["months"])),
            clean_text(r["text"]),
            "、".join(r["themes"]),
            clean_text("；".join(f"{b['name']}（{ROLE_ZH.get(b['role'], b['role'])}）" for b in r["bodies"])),
        )
    Console().print(table)


@app.command()
def compare(
    units: Annotated[list[str], typer.Argument(help="the units to compare, as their plans name them")],
    db: DbOption = Path("jihua.db"),
    threshold: Annotated[float, typer.Option(help="text similarity (0.5-1) for 'the same task'")] = 0.8,
    as_json: Annotated[bool, typer.Option("--json", help="print the comparison as JSON")] = False,
) -> None:
    """Compare units: when and on what each plans, shared and own tasks.

    Prints a theme × month grid of the units, the tasks several units share
    (near-identical text), each unit's unique tasks and the bodies it names.
    """
    from store import compare as run_compare
    from store.compare import CompareTooLarge

    store = _open(db)
    try:
        c = run_compare(store, units=units, threshold=threshold, limits=_settings(db).limits())
    except CompareTooLarge as e:
        raise _fail(str(e)) from None
    finally:
        store.close()
    if as_json:
        print(json.dumps(c, ensure_ascii=False, indent=2))
        return
    _compare_tables(c)


def _compare_tables(c: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    letters = {u: chr(ord("A") + i) if i < 26 else str(i) for i, u in enumerate(c["units"])}
    console.print("  ".join(f"{letters[u]} = {u} ({c['task_counts'][u]} tasks)" for u in c["units"]))
    grid: dict[str | None, dict[int, dict[str, int]]] = {}
    for cell in c["grid"]:
        grid.setdefault(cell["theme"], {})[cell["month"]] = cell["units"]
    table = Table("主题", *[f"{m}月" for m in range(1, 13)], title="who plans what, when")
    for theme, months in grid.items():
        table.add_row(
            theme or "(all)",
            *["".join(letters[u] for u in c["units"] if u in months.get(m, {})) for m in range(1, 13)],
        )
    console.print(table)
    shared = Table("task", "units", title=f"shared tasks ({len(c['shared'])})")
    for s in c["shared"]:
        shared.add_row(s["text"], "".join(letters[u] for u in s["units"] if u in letters))
    console.print(shared)
    for u in c["units"]:
        bodies = "、".join(b["name"] for b in c["bodies"].get(u, [])[:8])
        console.print(f"{letters[u]} {u}: {len(c['unique'].get(u, []))} unique tasks; bodies: {bodies or '-'}")


@app.command()
def serve(
    db: DbOption = Path("jihua.db"),
    host: Annotated[str, typer.Option(envvar="JIHUA_HOST", help="address to bind; keep 127.0.0.1 unless a proxy guards it")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="JIHUA_PORT", help="port to listen on")] = 8000,
) -> None:
    """Serve the HTTP API on 127.0.0.1 (docs at /docs).

    Writes need JIHUA_TOKEN as a bearer token when that variable is set.
    """
    import uvicorn

    from api.app import create_app

    settings = _settings(db).model_copy(update={"host": host, "port": port})
    application = create_app(settings)
    typer.echo(f"jihua: serving {db} at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    if settings.token_is_empty:
        typer.echo("warning: JIHUA_TOKEN is set but empty: writes are open to anyone (set a token or unset it)", err=True)
    elif not settings.token and host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("warning: no JIHUA_TOKEN set and not bound to loopback: anyone can write", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info")
