"""Load held by a running server: N concurrent uploads, and read latency
while `jihua ingest` writes to the same store.

    python bench/bench_load.py [--seed 800] [--during 800] [--uploads 20]

A real `jihua serve` on a free loopback port over a fresh database seeded
with generated plans (bench_store's generator); prints figures, asserts
nothing (the machine is shared and noisy).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_store import generate  # noqa: E402

JIHUA = Path(sys.executable).with_name("jihua")
READS = [
    ("/tasks", {"month": "3"}),
    ("/tasks", {"q": "女职工"}),
    ("/tasks", {"q": "工会", "month": "3-5"}),
    ("/facets", {"month": "9"}),
    ("/plans", {"q": "工作计划"}),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def read_latencies(base: str, stop: threading.Event | None, rounds: int) -> list[float]:
    out: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as c:
        i = 0
        while (stop is None and i < rounds) or (stop is not None and not stop.is_set()):
            path, params = READS[i % len(READS)]
            t0 = time.perf_counter()
            r = c.get(path, params=params)
            out.append(time.perf_counter() - t0)
            assert r.status_code == 200, r.text
            i += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=800)
    ap.add_argument("--during", type=int, default=800)
    ap.add_argument("--uploads", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="jihua-load-") as tmp:
        work = Path(tmp)
        generate(work / "seed", args.seed, 0, seed=11)
        generate(work / "during", args.during, 0, seed=12)
        generate(work / "uploads", args.uploads, 0, seed=13)
        db = work / "load.db"
        subprocess.run([str(JIHUA), "ingest", str(work / "seed" / "txt"), "--db", str(db), "--quiet"], check=False)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "JIHUA_DB": str(db), "JIHUA_TOKEN": "load"}
        server = subprocess.Popen([str(JIHUA), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/openapi.json", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start")
                time.sleep(0.1)
            tasks = httpx.get(f"{base}/tasks", params={"limit": 1}).json()["total"]
            print(f"## store: {args.seed} plans files, {tasks} tasks")

            idle = read_latencies(base, None, 200)
            print(f"reads idle: {len(idle)} requests, p50 {p(idle, .5):.0f} ms, p95 {p(idle, .95):.0f} ms")

            stop = threading.Event()
            lat: list[float] = []
            reader = threading.Thread(target=lambda: lat.extend(read_latencies(base, stop, 0)))
            t0 = time.perf_counter()
            ingest = subprocess.Popen([str(JIHUA), "ingest", str(work / "during" / "txt"), "--db", str(db),
                                       "--jobs", "1", "--quiet"])
            reader.start()
            ingest.wait()
            stop.set()
            reader.join()
            secs = time.perf_counter() - t0
            print(f"reads during `jihua ingest` of {args.during} files ({secs:.0f} s): {len(lat)} requests, "
                  f"p50 {p(lat, .5):.0f} ms, p95 {p(lat, .95):.0f} ms, max {max(lat) * 1000:.0f} ms")

            files = sorted((work / "uploads" / "txt").iterdir())

            def send(f: Path) -> tuple[int, float]:
                t = time.perf_counter()
                with httpx.Client(base_url=base, timeout=120, headers={"Authorization": "Bearer load"}) as c:
                    r = c.post("/documents", files={"files": (f.name, f.read_bytes())})
                return r.status_code, time.perf_counter() - t

            t0 = time.perf_counter()
            with ThreadPoolExecutor(len(files)) as pool:
                answers = list(pool.map(send, files))
            secs = time.perf_counter() - t0
            ok = sum(1 for code, _ in answers if code in (200, 201))
            times = [t for _, t in answers]
            print(f"{len(files)} concurrent uploads: {ok} stored, in {secs:.1f} s; "
                  f"latency p50 {p(times, .5):.0f} ms, p95 {p(times, .95):.0f} ms; "
                  f"statuses {sorted({c for c, _ in answers})}")
            import sqlite3

            con = sqlite3.connect(db)
            n, distinct = con.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone()
            print(f"documents {n}, distinct {distinct}, integrity {con.execute('PRAGMA integrity_check').fetchone()[0]}")
            con.close()
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
