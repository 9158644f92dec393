"""`jihua ingest`, `reparse`, `tasks`, `compare`, `serve` and `reset`: each
opens the store, calls one library function and prints the answer.

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
from models.messages import months_text, msg, parse_role, role_word

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="JIHUA_DB", help="SQLite 数据库文件（也可用环境变量 JIHUA_DB）", show_default=True),
]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", help="解析进程数（默认每个 CPU 核一个）")]
ReportOption = Annotated[
    Path | None, typer.Option("--report", help="把每个文件的结果写到 FILE：.csv（带 BOM），其他后缀为 JSON Lines")
]


def _settings(db: Path):  # noqa: ANN202 - api.settings.Settings
    from api.settings import Settings

    return Settings(db=str(db))


def _open(db: Path, *, create: bool = False):  # noqa: ANN202 - sqlite_utils.Database
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

    FIELDS = ["source", "status", "document_id", "plans", "tasks", "error", "note", "seconds"]

    def __init__(self, path: Path | None):
        self.fh: TextIO | None = None
        self.writer = None
        if path is None:
            return
        self.fh = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
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


def _progress(total: int, label: str):  # noqa: ANN202 - (rich Progress, task id)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("[red]{task.fields[errors]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    task = progress.add_task(label, total=total, rate=msg("cli_files_per_s", rate=0.0), errors=msg("cli_errors_n", n=0))
    return progress, task


def _status_word(status: str) -> str:
    return msg(f"cli_status_{status}")


def _print_summary(summary, shown_rows: list[dict], *, per_file_max: int = 100) -> None:  # noqa: ANN001 - service.ingest.Summary
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if shown_rows:
        table = Table(
            msg("cli_col_file"), msg("cli_col_result"), msg("cli_col_document"), msg("cli_col_plans"),
            msg("cli_col_tasks"), msg("cli_col_note"), title=msg("cli_per_file"),
        )
        for r in shown_rows:
            table.add_row(
                r["source"], _status_word(r["status"]), str(r["document_id"] or ""), str(r["plans"]), str(r["tasks"]),
                r["error"] or r.get("note") or "",
            )
        console.print(table)
    elif summary.errors:
        table = Table(msg("cli_col_file"), msg("cli_col_note"), title=msg("cli_failed_files", n=len(summary.errors)))
        for r in summary.errors[:per_file_max]:
            table.add_row(r.source, r.error or "")
        console.print(table)
    rate = summary.done / summary.seconds if summary.seconds else 0.0
    console.print(
        msg(
            "cli_summary", done=summary.done, stored=summary.stored, duplicate=summary.duplicate, skipped=summary.skipped,
            ignored=summary.ignored, failed=len(summary.errors), plans=summary.plans, tasks=summary.tasks,
            seconds=summary.seconds, rate=rate,
        )
    )


class _Run:
    """What `ingest` and `reparse` share: the report file, the progress bar,
    the rows of a small run shown at the end."""

    def __init__(self, total: int, label: str, report: Path | None, quiet: bool):
        import time

        self.out = _Report(report)
        self.small = total <= 100
        self.shown: list[dict] = []
        self.errors = 0
        self.clock = time.perf_counter
        self.started = self.clock()
        self.progress, self.bar = (None, None) if quiet else _progress(total, label)

    def __enter__(self) -> _Run:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
        self.out.close()

    def on_result(self, r) -> None:  # noqa: ANN001 - service.ingest.Result
        row = r.as_dict()
        self.out.write(row)
        if self.small:
            self.shown.append(row)
        self.errors += r.status == "error"
        if self.progress is not None:
            elapsed = self.clock() - self.started
            done = self.progress.tasks[0].completed + 1
            self.progress.update(
                self.bar,
                advance=1,
                errors=msg("cli_errors_n", n=self.errors),
                rate=msg("cli_files_per_s", rate=done / elapsed if elapsed else 0.0),
            )


class EngineName(StrEnum):
    local = "local"
    dask = "dask"


class Transfer(StrEnum):
    auto = "auto"
    bytes = "bytes"
    paths = "paths"


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件、文件夹（递归查找）和 .zip 压缩包")],
    db: DbOption = Path("jihua.db"),
    jobs: JobsOption = 0,
    report: ReportOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条和逐个文件的表格")] = False,
    engine: Annotated[
        EngineName | None,
        typer.Option("--engine", help="local：本机多进程（默认）；dask：Dask 集群（给了 --scheduler 时默认）"),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask 调度器地址，如 tcp://HOST:8786（也可用环境变量 JIHUA_SCHEDULER）；"
                     "--engine dask 而没有地址时在本机启动 --jobs 个工作进程"),
    ] = None,
    transfer: Annotated[
        Transfer, typer.Option("--transfer", help="Dask：文件怎样到工作进程：auto 自动判断，bytes 由本机发送字节，paths 共享存储上的路径")
    ] = Transfer.auto,
) -> None:
    """解析并存储大量计划（文件夹、zip 压缩包），多进程或在 Dask 集群上并行。

    已经存储过的文件（字节相同）会跳过，所以中断的导入可以直接重新运行。
    不是计划的文件（数据文件、隐藏文件、Office 锁文件、内容不是任何计划格式的文件）
    会被忽略，并逐个说明原因；没有已知后缀的文件按内容识别格式。一个坏文件会报告出来，
    其余文件继续；有文件失败时退出码为 1，否则为 0。

    示例：jihua ingest 收集的计划/ 各单位.zip --db jihua.db --report 结果.csv

    在 Dask 集群上：jihua ingest 档案/ --scheduler tcp://10.0.0.5:8786 --report 结果.csv
    """
    from service.archive import Limits
    from service.engine import EngineError, make_engine
    from service.ingest import collect

    settings = _settings(db)
    limits = Limits.from_settings(settings)
    jobs = jobs or os.cpu_count() or 1
    items, listed = collect(paths, limits)
    store = _open(db, create=True)
    try:
        try:
            runner = make_engine(
                engine, scheduler=scheduler or settings.scheduler, jobs=jobs, transfer=transfer.value,
                say=None if quiet else (lambda line: typer.echo(line, err=True)), timeout=settings.scheduler_timeout_s,
            )
        except EngineError as e:
            raise _fail(str(e)) from None
        try:
            with _Run(len(items) + len(listed), msg("cli_ingest_label"), report, quiet) as progress:
                for e in listed:
                    progress.on_result(e)
                summary = runner.run(items, store, limits=limits, on_result=progress.on_result)
        except EngineError as e:
            typer.echo(str(e), err=True)
            raise typer.Exit(1) from None
        finally:
            runner.close()
    finally:
        store.close()
    for e in listed:
        summary.add(e)
    if not quiet:
        _print_summary(summary, progress.shown)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def reparse(
    db: DbOption = Path("jihua.db"),
    jobs: JobsOption = 0,
    outdated: Annotated[bool, typer.Option("--outdated", help="只重新解析由其他解析器版本解析的文档")] = False,
    report: ReportOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度条和逐个文件的表格")] = False,
) -> None:
    """解析器升级后，重新解析已存储的文档。

    每个文档都从保存的原始字节重新解析，它的计划和任务在一个事务里替换，文档编号不变。
    解析器版本是 extractor/ 下代码和数据文件的哈希（jihua --version 显示），
    --outdated 只处理由其他版本解析的文档。

    示例：jihua reparse --outdated --db jihua.db
    """
    from service.ingest import reparse as run_reparse
    from store.query import document_ids
    from store.write import parser_version

    store = _open(db)
    try:
        ids = document_ids(store, outdated_than=parser_version() if outdated else None)
        with _Run(len(ids), msg("cli_reparse_label"), report, quiet) as progress:
            summary = run_reparse(
                store, document_ids=ids, jobs=jobs or os.cpu_count() or 1, limits=_settings(db).limits(),
                on_result=progress.on_result,
            )
    finally:
        store.close()
    if not quiet:
        _print_summary(summary, progress.shown)
    if summary.errors:
        raise typer.Exit(1)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


# rows a table on the screen shows unless --limit says otherwise
SCREEN_ROWS = 50


@app.command()
def tasks(
    db: DbOption = Path("jihua.db"),
    month: Annotated[str | None, typer.Option(help="月份：3、3,4、3-5、三月、3月、三月至五月")] = None,
    theme: Annotated[list[str] | None, typer.Option(help="主题名称，如 女职工（可重复）")] = None,
    unit: Annotated[list[str] | None, typer.Option(help="计划的单位，完整名称（可重复）")] = None,
    unit_like: Annotated[list[str] | None, typer.Option("--unit-like", help="单位名称的一部分（可重复）")] = None,
    body: Annotated[list[str] | None, typer.Option(help="责任主体名称的一部分（可重复）")] = None,
    role: Annotated[str | None, typer.Option(help="责任主体的角色：牵头、配合、领导、发文、提及（或 lead、support、leader、issuer、mention）")] = None,
    year: Annotated[list[int] | None, typer.Option(help="计划的年份（可重复）")] = None,
    q: Annotated[str | None, typer.Option("--q", help="全文搜索，每个词都要出现")] = None,
    limit: Annotated[
        int | None, typer.Option(help=f"最多输出这么多项；0 为全部。默认：输出到文件或管道时全部，屏幕上的表格 {SCREEN_ROWS} 项")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", help="table（表格）、csv（带 BOM，Excel 可直接打开）、json（一个 JSON 数组）或 jsonl（每行一个 JSON 对象）")
    ] = Format.table,
) -> None:
    """按月份、主题、单位、责任主体和文字查询已存储的任务。

    按单位、再按月份排序。输出到文件或管道时给出全部结果（除非指定 --limit）。

    示例：jihua tasks --month 三月 --theme 女职工 --role 牵头 --format csv > 三月.csv
    """
    from store import TaskFilter, count_tasks, iter_tasks, parse_months, split_list
    from store.search import check_query

    limits = _settings(db).limits()
    try:
        months = parse_months(month)
        role_code = parse_role(role) if role is not None else None
        check_query(q, limits.max_query_terms, limits.max_query_chars)
    except ValueError as e:
        raise _fail(str(e)) from None
    f = TaskFilter(
        months=months,
        themes=split_list(theme),
        units=split_list(unit),
        unit_like=split_list(unit_like),
        bodies=split_list(body),
        role=role_code,
        years=year or [],
        q=q,
    )
    screen = fmt is Format.table and sys.stdout.isatty()
    max_rows = (SCREEN_ROWS if screen else None) if limit is None else (limit or None)
    store = _open(db)
    try:
        _check_themes(store, f.themes)
        rows = iter_tasks(store, f, max_rows=max_rows)
        if fmt is Format.table:
            _task_table(list(rows), count_tasks(store, f))
        else:
            _write_rows(rows, fmt, sys.stdout)
    finally:
        store.close()


def _check_themes(store, themes: list[str]) -> None:  # noqa: ANN001 - sqlite_utils.Database
    """A theme no stored task has is a typo more often than an empty answer."""
    if not themes:
        return
    known = [r[0] for r in store.execute("SELECT name FROM themes ORDER BY name")]
    for t in themes:
        if t not in known:
            raise _fail(msg("cli_unknown_theme", value=t, known="、".join(known) or msg("cli_none")))


def _write_rows(rows, fmt: Format, out: TextIO) -> None:  # noqa: ANN001 - an iterator of task dicts
    """Every row, streamed: CSV with a BOM, one JSON array, or JSON Lines."""
    if fmt is Format.csv:
        from api.tabular import csv_lines

        for chunk in csv_lines(rows, bom=True):
            out.write(chunk)
    elif fmt is Format.jsonl:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        out.write("[")
        for i, r in enumerate(rows):
            out.write(("," if i else "") + "\n" + json.dumps(r, ensure_ascii=False))
        out.write("\n]\n")


def _task_table(rows: list[dict], total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from api.tabular import COLUMNS, clean_text

    title = msg("cli_tasks_title", total=total) if len(rows) >= total else msg("cli_tasks_title_part", total=total, shown=len(rows))
    table = Table(COLUMNS[0], COLUMNS[5], COLUMNS[4], COLUMNS[8], COLUMNS[7], title=title)
    for r in rows:
        table.add_row(  # no control character reaches the terminal
            clean_text(r["unit"] or ""),
            months_text(r["months"]),
            clean_text(r["text"]),
            "、".join(r["themes"]),
            clean_text("；".join(f"{b['name']}（{role_word(b['role'])}）" for b in r["bodies"])),
        )
    Console().print(table)


@app.command()
def compare(
    units: Annotated[list[str], typer.Argument(help="要比较的单位，按计划里的名称")],
    db: DbOption = Path("jihua.db"),
    threshold: Annotated[float, typer.Option(help="两项任务算“同一项”的文字相似度（0.5-1）")] = 0.8,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出比较结果")] = False,
) -> None:
    """比较几个单位：各自在什么时候做什么，共同的任务和独有的任务。

    输出主题 × 月份的表格、几个单位共有的任务（文字几乎相同）、
    每个单位独有的任务和它提到的责任主体。

    示例：jihua compare 青川区总工会 临江市总工会 --db jihua.db
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
    console.print("  ".join(msg("cli_compare_legend", letter=letters[u], unit=u, n=c["task_counts"][u]) for u in c["units"]))
    grid: dict[str | None, dict[int, dict[str, int]]] = {}
    for cell in c["grid"]:
        grid.setdefault(cell["theme"], {})[cell["month"]] = cell["units"]
    table = Table(msg("cli_compare_theme"), *[msg("cli_compare_month", m=m) for m in range(1, 13)], title=msg("cli_compare_grid"))
    for theme, months in grid.items():
        table.add_row(
            theme or msg("cli_compare_all"),
            *["".join(letters[u] for u in c["units"] if u in months.get(m, {})) for m in range(1, 13)],
        )
    console.print(table)
    shared = Table(msg("cli_compare_task"), msg("cli_compare_units"), title=msg("cli_compare_shared", n=len(c["shared"])))
    for s in c["shared"]:
        shared.add_row(s["text"], "".join(letters[u] for u in s["units"] if u in letters))
    console.print(shared)
    for u in c["units"]:
        bodies = "、".join(b["name"] for b in c["bodies"].get(u, [])[:8])
        console.print(
            msg("cli_compare_unit_line", letter=letters[u], unit=u, n=len(c["unique"].get(u, [])), bodies=bodies or "-")
        )


@app.command()
def serve(
    db: DbOption = Path("jihua.db"),
    host: Annotated[str, typer.Option(envvar="JIHUA_HOST", help="绑定的地址；除非有代理保护，保持 127.0.0.1")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="JIHUA_PORT", help="监听的端口")] = 8000,
) -> None:
    """在 127.0.0.1 上提供 HTTP API（文档在 /docs）。

    设置了环境变量 JIHUA_TOKEN 时，写操作需要以它作为 Bearer 令牌。

    示例：JIHUA_TOKEN=密钥 jihua serve --db jihua.db --port 8000
    """
    import uvicorn

    from api.app import create_app

    settings = _settings(db).model_copy(update={"host": host, "port": port})
    application = create_app(settings)
    typer.echo(msg("cli_serving", db=db, host=host, port=port), err=True)
    if settings.token_is_empty:
        typer.echo(msg("cli_empty_token"), err=True)
    elif not settings.token and host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(msg("cli_open_writes"), err=True)
    uvicorn.run(application, host=host, port=port, log_level="info")


@app.command()
def reset(
    db: DbOption = Path("jihua.db"),
    yes: Annotated[bool, typer.Option("--yes", "-y", help="不询问，直接删除")] = False,
) -> None:
    """删除数据库：所有文档、计划、任务和后台作业。先询问，--yes 不询问。

    示例：jihua reset --db jihua.db
    """
    from store import open_db, stats

    if not db.exists():
        typer.echo(msg("cli_reset_nothing", db=db), err=True)
        return
    store = open_db(db, create=False)
    try:
        counts = stats(store)
    finally:
        store.close()
    question = msg("cli_reset_confirm", db=db, documents=counts["documents"], plans=counts["plans"], tasks=counts["tasks"])
    if not yes and not (sys.stdin.isatty() and typer.confirm(question, default=False, err=True)):
        if not sys.stdin.isatty():
            typer.echo(question, err=True)
        raise _fail(msg("cli_reset_refused"))
    for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    tmp = Path(f"{db}.tmp")
    if tmp.is_dir():
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    typer.echo(msg("cli_reset_done", db=db), err=True)
