"""Where bulk ingest parses: the engine.

- `local` (the default): this machine's process pool (service.ingest.run),
  exactly as before;
- `dask`: the workers of a Dask distributed cluster (service.dask_engine),
  for archives larger than one machine. Without a scheduler address it
  starts a cluster of `jobs` worker processes on this machine.

Both keep the same contract: the inputs are read and checked here (one
admission rule), what is stored already is skipped by sha256 before any
parsing, this process is the single SQLite writer with one transaction per
file, and each file's result goes to `on_result` as it completes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import sqlite_utils

from extractor.errors import JihuaError
from service.archive import Limits
from service.ingest import Item, Result, Summary

log = logging.getLogger(__name__)

ENGINES = ("local", "dask")


class EngineError(JihuaError):
    """The engine cannot run (Dask not installed, the cluster unreachable or
    lost, workers with other parser code): the run stops, what is stored
    stays, and a re-run skips it."""

    code = "engine_error"


class Engine(Protocol):
    name: str

    def run(
        self,
        items: Iterable[Item],
        db: sqlite_utils.Database,
        *,
        limits: Limits,
        on_result: Callable[[Result], None] | None = None,
    ) -> Summary: ...

    def close(self) -> None: ...


@dataclass
class LocalEngine:
    """Today's process pool of `jobs` parsers on this machine."""

    jobs: int = 1
    name: str = "local"

    def run(
        self,
        items: Iterable[Item],
        db: sqlite_utils.Database,
        *,
        limits: Limits,
        on_result: Callable[[Result], None] | None = None,
    ) -> Summary:
        from service.ingest import run

        return run(items, db, limits=limits, jobs=self.jobs, on_result=on_result)

    def close(self) -> None:
        pass


def choose(engine: str | None, scheduler: str | None) -> str:
    """The engine a command runs: the one named, else dask when a scheduler
    address is given, else local."""
    if engine:
        return engine
    return "dask" if scheduler else "local"


def make_engine(
    engine: str | None,
    *,
    scheduler: str | None = None,
    jobs: int = 1,
    transfer: str = "auto",
    window: int | None = None,
    say: Callable[[str], None] | None = None,
    timeout: float = 30,
) -> Engine:
    """The engine `engine` names (or `choose` picks); `say` receives the
    lines a person should see (the cluster, its dashboard, how files travel)."""
    name = choose(engine, scheduler)
    if name == "local":
        return LocalEngine(jobs=jobs)
    if name != "dask":
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
    from service.dask_engine import DaskEngine

    return DaskEngine.connect(scheduler, jobs=jobs, transfer=transfer, window=window, say=say, timeout=timeout)
