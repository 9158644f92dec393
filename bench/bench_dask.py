"""Dask engine benchmark: ingest throughput for 1, 2 and 4 workers, and the
client's peak memory.

    python bench/bench_dask.py [--txt 400] [--docx 150] [--memory 2000] [--workers 1,2,4]

Prints figures and asserts nothing. Each worker count gets its own cluster
on this machine (LocalCluster: one process per worker, one thread each,
loopback), warmed first (each worker loads the parser once), then the same
generated plans as bench_store.py (distinct files, no dedupe shortcut) are
ingested through the engine into a fresh database; the figure is files per
second of the run itself (not the cluster's start). The speed-up is against
one worker, and per worker it is speed-up / workers (1.0 = linear). Beside
it, the workers' CPU seconds per file (os.times in each worker process),
which other work on the machine bends far less than the wall clock, and the
load average when the run started.

The local engine (`--jobs 1` and one per core) runs on the same files after
them, as the yardstick for the same moment on the same machine.

Client memory: `jihua ingest --scheduler …` is run as its own process on
500 and on `--memory` files; its peak RSS (wait4) is what the client holds:
flat when only the window of pending results is kept.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

JIHUA = str(Path(sys.executable).with_name("jihua"))


def cluster(workers: int):  # noqa: ANN201 - (LocalCluster, Client)
    import dask
    from distributed import Client, LocalCluster

    from service.dask_engine import SCHEDULER_CONFIG, load_parser

    with dask.config.set(SCHEDULER_CONFIG):
        c = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", scheduler_port=0, dashboard_address=None,
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        )
    client = Client(c, set_as_default=False)
    client.wait_for_workers(workers, timeout=300)
    client.run(load_parser)  # what a long run pays once per worker
    return c, client


def _cpu_seconds() -> float:
    """On a worker: the CPU time its process has used."""
    t = os.times()
    return t.user + t.system


def throughput(address: str, src: Path, db: Path) -> tuple[int, float, float]:
    """(files stored, wall seconds of the run, workers' CPU seconds in it)."""
    from service.archive import Limits
    from service.dask_engine import DaskEngine
    from service.ingest import collect
    from store import open_db

    items, _ = collect([src], Limits())
    engine = DaskEngine.connect(address)
    store = open_db(db, create=True)
    try:
        cpu0 = sum(engine.client.run(_cpu_seconds).values())
        t0 = time.perf_counter()
        summary = engine.run(items, store, limits=Limits())
        seconds = time.perf_counter() - t0
        cpu = sum(engine.client.run(_cpu_seconds).values()) - cpu0
    finally:
        store.close()
        engine.close()
    assert not summary.errors, summary.errors[:3]
    return summary.stored, seconds, cpu


def local_throughput(src: Path, db: Path, jobs: int) -> tuple[int, float]:
    """The local engine on the same files, at the same time of day: the
    figure the cluster's are to be read against."""
    from service.archive import Limits
    from service.ingest import collect, run
    from store import open_db

    items, _ = collect([src], Limits())
    store = open_db(db, create=True)
    try:
        t0 = time.perf_counter()
        summary = run(items, store, limits=Limits(), jobs=jobs)
        return summary.stored, time.perf_counter() - t0
    finally:
        store.close()


def client_peak_mb(address: str, src: Path, db: Path) -> tuple[float, float, float]:
    """(peak RSS of the `jihua ingest` client process in MB, seconds, its
    CPU seconds: reading, hashing and storing, the single writer's share)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [JIHUA, "ingest", str(src), "--db", str(db), "--scheduler", address, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"jihua ingest failed: {proc.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024, seconds, usage.ru_utime + usage.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--txt", type=int, default=400)
    ap.add_argument("--docx", type=int, default=150)
    ap.add_argument("--memory", type=int, default=2000)
    ap.add_argument("--workers", default="1,2,4")
    args = ap.parse_args()
    from bench_store import generate

    counts = [int(x) for x in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="jihua-bench-dask-") as tmp:
        work = Path(tmp)
        generate(work / "in", args.txt, args.docx)
        print(f"Dask engine on this machine ({os.cpu_count()} cores): {args.txt} .txt and {args.docx} .docx plans, "
              "one thread per worker process", flush=True)
        print(f"{'input':6} {'workers':>7} {'files':>6} {'s':>7} {'files/s':>8} {'speed-up':>8} {'per worker':>10} "
              f"{'worker CPU/file':>15} {'load avg':>8}", flush=True)
        base: dict[str, float] = {}
        per_file: dict[str, float] = {}
        for n in counts:
            c, client = cluster(n)
            try:
                for kind in ("txt", "docx"):
                    load = os.getloadavg()[0]
                    files, seconds, cpu = throughput(c.scheduler_address, work / "in" / kind, work / f"{kind}-{n}.db")
                    rate = files / seconds
                    base.setdefault(kind, rate)
                    per_file.setdefault(kind, cpu / files)
                    speed = rate / base[kind]
                    print(f"{kind:6} {n:>7} {files:>6} {seconds:>7.1f} {rate:>8.1f} {speed:>7.2f}× {speed / n:>9.2f}× "
                          f"{cpu / files * 1000:>12.0f} ms {load:>8.1f}", flush=True)
            finally:
                client.close()
                c.close()
        for jobs in (1, os.cpu_count() or 1):
            for kind in ("txt", "docx"):
                load = os.getloadavg()[0]
                files, seconds = local_throughput(work / "in" / kind, work / f"local-{kind}-{jobs}.db", jobs)
                print(f"{kind:6} {'local ' + str(jobs):>7} {files:>6} {seconds:>7.1f} {files / seconds:>8.1f} "
                      f"{'':>8} {'':>10} {'':>15} {load:>8.1f}", flush=True)
        if per_file:
            print("worker CPU per file (one worker): " + ", ".join(f".{k} {v * 1000:.0f} ms" for k, v in per_file.items())
                  + "; the machine's load average is printed because other work on it bends the wall-clock figures", flush=True)

        # The client's memory: the same run on 500 and on --memory files.
        many = work / "many"
        generate(many, args.memory, 0, seed=7)
        few = work / "few"
        (few / "txt").mkdir(parents=True)
        for p in sorted((many / "txt").iterdir())[: min(500, args.memory)]:
            (few / "txt" / p.name).write_bytes(p.read_bytes())
        c, client = cluster(2)
        try:
            print("client peak memory (jihua ingest --scheduler, 2 workers):", flush=True)
            for n, src in ((min(500, args.memory), few), (args.memory, many)):
                mb, seconds, cpu = client_peak_mb(c.scheduler_address, src, work / f"mem-{n}.db")
                print(f"  {n:>5} files: {mb:.0f} MB peak RSS, {seconds:.1f} s, client CPU {cpu / n * 1000:.0f} ms per file "
                      "(start-up included)", flush=True)
        finally:
            client.close()
            c.close()


if __name__ == "__main__":
    os.environ.setdefault("JIHUA_LOG_LEVEL", "ERROR")
    # distributed logs each worker's start and stop at INFO
    import logging

    logging.getLogger("distributed").setLevel(logging.WARNING)
    main()
