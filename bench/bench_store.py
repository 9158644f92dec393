"""Store benchmark: bulk ingest throughput, ingest peak memory, query latency.

    python bench/bench_store.py [--txt 1500] [--docx 500] [--mem 500,5000] [--tasks 100000] [--clients 8]
                                [--only ingest|queries] [--query-db PATH]

Prints figures and asserts nothing (targets from issue 5: ingest ≥ 50
plans/s/core, query p95 < 50 ms over ≥ 100,000 tasks, ingest memory flat in
the number of files).

Inputs are generated from the sample plans (../shared/gold/*.txt and the
.txt fixture): each variant gets another unit, year and numbering and drops
or repeats some lines, so every file is distinct (no dedupe shortcut) and
the parser meets varied text. .docx variants carry the same lines as Word
paragraphs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

UNITS = [f"{a}{b}" for a in ("青川区", "临江市", "东湖县", "西山镇", "南港", "北岭", "江北新区", "城关", "白河", "石门")
         for b in ("总工会", "教育工会", "第一中学工会", "供电公司工会", "人民医院工会", "机关工会", "交通局工会",
                   "实验小学工会", "建筑公司工会", "税务局工会")]


def sample_texts() -> list[str]:
    from extractor.readers import read_bytes

    paths = sorted((SHARED / "gold").glob("*.txt")) + [SHARED / "fixtures" / "d3.txt"]
    out = []
    for p in paths:
        reading = read_bytes(p.read_bytes(), p.name)  # decodes GBK/UTF-16 like the parser does
        out.append("\n".join(b.full_text for b in reading.blocks if b.kind == "paragraph"))
    return out


def variant(text: str, i: int, rnd: random.Random) -> list[str]:
    unit = rnd.choice(UNITS)
    year = rnd.choice(range(2019, 2027))
    lines = [ln for ln in text.splitlines() if ln.strip()]
    lines = [re.sub(r"20\d\d年", f"{year}年", ln) for ln in lines]
    head = f"{unit}{year}年工作计划（第{i}号）"
    body = []
    for ln in lines[1:]:
        r = rnd.random()
        if r < 0.08 and len(body) > 3:
            continue  # drop a line
        body.append(ln)
        if r > 0.95:
            body.append(ln)  # repeat one
    return [head, *body]


def generate(dir_: Path, n_txt: int, n_docx: int, seed: int = 5) -> None:
    from docx import Document as Docx

    rnd = random.Random(seed)
    texts = sample_texts()
    (dir_ / "txt").mkdir(parents=True, exist_ok=True)
    (dir_ / "docx").mkdir(parents=True, exist_ok=True)
    for i in range(n_txt):
        lines = variant(texts[i % len(texts)], i, rnd)
        (dir_ / "txt" / f"plan{i:05d}.txt").write_text("\n".join(lines), encoding="utf-8")
    for i in range(n_docx):
        lines = variant(texts[i % len(texts)], i, rnd)
        d = Docx()
        for ln in lines:
            d.add_paragraph(ln)
        d.save(dir_ / "docx" / f"plan{i:05d}.docx")


def ingest_child(src: str, db: str, jobs: int) -> None:
    """Runs in its own process so its peak memory is its own."""
    from service.archive import Limits
    from service.ingest import collect, run
    from store import open_db

    items, _ = collect([src], Limits())
    store = open_db(db)
    t0 = time.perf_counter()
    s = run(items, store, limits=Limits(), jobs=jobs)
    secs = time.perf_counter() - t0
    print(json.dumps({
        "files": s.done, "errors": len(s.errors), "plans": s.plans, "tasks": s.tasks, "seconds": secs,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run_ingest(src: Path, db: Path, jobs: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--ingest-child", str(src), str(db), str(jobs)],
        capture_output=True, text=True, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _subset(src: Path, dst: Path, n: int) -> Path:
    dst.mkdir()
    for p in sorted(src.iterdir())[:n]:
        os.link(p, dst / p.name)
    return dst


def bench_ingest(work: Path, n_txt: int, n_docx: int, mem: tuple[int, int] = (500, 5000)) -> None:
    n_all = max(n_txt, *mem)
    print(f"generating {n_all} .txt and {n_docx} .docx plans …", flush=True)
    generate(work, n_all, n_docx)
    cores = os.cpu_count() or 1
    print(f"\n## bulk ingest ({cores} cores; each worker forked from a parent that loaded the parser)")
    print(f"{'input':8} {'jobs':>4} {'files':>6} {'plans':>6} {'tasks':>7} {'s':>7} {'plans/s':>8} {'plans/s/core':>12} {'errors':>6}")
    for kind, n in (("txt", n_txt), ("docx", n_docx)):
        src = _subset(work / kind, work / f"{kind}-{n}", n)
        rates = {}
        for jobs in sorted({1, cores}):
            r = run_ingest(src, work / f"{kind}-{jobs}.db", jobs)
            rates[jobs] = rate = r["plans"] / r["seconds"]
            print(f"{kind:8} {jobs:>4} {r['files']:>6} {r['plans']:>6} {r['tasks']:>7} {r['seconds']:>7.1f} "
                  f"{rate:>8.1f} {rate / jobs:>12.1f} {r['errors']:>6}", flush=True)
        if cores > 1:
            print(f"{kind}: --jobs {cores} / --jobs 1 = {rates[cores] / rates[1]:.2f}× (target ≥ 1.7×)")
    print(f"\n## ingest peak memory, --jobs {cores} (parent: reads files, writes SQLite; workers: parse)")
    peaks = []
    for n in mem:
        r = run_ingest(_subset(work / "txt", work / f"mem{n}", n), work / f"mem{n}.db", cores)
        peaks.append((r["maxrss_mb"], r["workers_maxrss_mb"]))
        print(f"{n:>6} files: parent peak {r['maxrss_mb']:.0f} MB, largest worker peak {r['workers_maxrss_mb']:.0f} MB",
              flush=True)
    print(f"peak memory {mem[1]} / {mem[0]} files: parent {peaks[1][0] / peaks[0][0]:.2f}×, "
          f"worker {peaks[1][1] / peaks[0][1]:.2f}× (target: flat)")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_query_db(db_path: Path, n_tasks: int) -> dict | None:
    """A store of ≥ n_tasks tasks: the sample plans parsed once, stored again
    and again under other units, years and hashes."""
    from extractor.pipeline import parse_bytes
    from store import open_db, store_document

    docs = []
    for i, t in enumerate(sample_texts()):
        d = parse_bytes(t.encode("utf-8"), f"s{i}.txt")
        if sum(len(p.tasks) for p in d.plans):
            docs.append(d)
    if not docs:
        return None
    db = open_db(db_path)
    rnd = random.Random(7)
    total, i = 0, 0
    if db["tasks"].count >= n_tasks:  # --query-db: a store built by an earlier run
        total = n_tasks
    t0 = time.perf_counter()
    while total < n_tasks:
        d = docs[i % len(docs)].model_copy(deep=True)
        d.sha256 = f"{i:064x}"
        for p in d.plans:
            p.unit = rnd.choice(UNITS)
            p.year = rnd.choice(range(2019, 2027))
            total += len(p.tasks)
        store_document(db, d)
        i += 1
    print(f"stored {i} documents, {total:,} tasks in {time.perf_counter() - t0:.1f} s "
          f"({db_path.stat().st_size / 1e6:.0f} MB)")
    out = {
        "themes": [r[0] for r in db.execute("SELECT name FROM themes")],
        "bodies": [r[0] for r in db.execute("SELECT name FROM bodies ORDER BY random() LIMIT 50")],
        "words": [r[0] for r in db.execute("SELECT text FROM tasks ORDER BY random() LIMIT 400")],
        "plans": [r[0] for r in db.execute("SELECT id FROM plans ORDER BY random() LIMIT 50")],
    }
    db.close()
    return out


def bench_queries(work: Path, n_tasks: int, clients: int = 8, per_case: int = 200, db_path: Path | None = None) -> None:
    """Query latency over real HTTP on loopback: a `jihua serve` on a free
    port, `clients` threads each with its own connection sending the case's
    requests back to back; p50/p95/max of every request of the case."""
    import threading

    import httpx2 as httpx

    print(f"\n## query latency over ≥{n_tasks:,} tasks: real HTTP on loopback, {clients} concurrent clients "
          "(count + first page of 50)")
    db_path = db_path or work / "query.db"
    seen = build_query_db(db_path, n_tasks)
    if seen is None:
        print("the parser finds no tasks yet: nothing to query")
        return
    rnd = random.Random(11)
    themes, words = seen["themes"] or [None], seen["words"]

    def snippet(n: int) -> str:
        w = rnd.choice(words)
        k = rnd.randrange(0, max(1, len(w) - n))
        return w[k:k + n]

    def month() -> int:
        return rnd.randint(1, 12)

    cases = {
        "month": lambda: ("/tasks", {"month": month()}),
        "month range": lambda: ("/tasks", {"month": f"{(m := rnd.randint(1, 10))}-{m + 2}"}),
        "theme": lambda: ("/tasks", {"theme": rnd.choice(themes)} if themes[0] else {}),
        "unit": lambda: ("/tasks", {"unit": rnd.choice(UNITS)}),
        "unit_like": lambda: ("/tasks", {"unit_like": rnd.choice(UNITS)[:2]}),
        "year": lambda: ("/tasks", {"year": rnd.choice(range(2019, 2027))}),
        "body": lambda: ("/tasks", {"body": rnd.choice(seen["bodies"] or ["工会"])}),
        "body+role": lambda: ("/tasks", {"body": rnd.choice(seen["bodies"] or ["工会"]), "role": "lead"}),
        "plan_id": lambda: ("/tasks", {"plan_id": rnd.choice(seen["plans"])}),
        "month+theme+unit": lambda: ("/tasks", {"month": month(), "theme": rnd.choice(themes), "unit": rnd.choice(UNITS)}
                                     if themes[0] else {"month": month(), "unit": rnd.choice(UNITS)}),
        "text 4 chars (FTS)": lambda: ("/tasks", {"q": snippet(4)}),
        "text 2 chars (bigram)": lambda: ("/tasks", {"q": snippet(2)}),
        "text 1 char (scan)": lambda: ("/tasks", {"q": snippet(1)}),
        "no filter": lambda: ("/tasks", {}),
        "facets": lambda: ("/facets", {}),
        "facets (month)": lambda: ("/facets", {"month": month()}),
        "facets (month+unit)": lambda: ("/facets", {"month": month(), "unit": rnd.choice(UNITS)}),
    }
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "JIHUA_DB": str(db_path)}
    env.pop("JIHUA_TOKEN", None)
    server = subprocess.Popen([str(Path(sys.executable).with_name("jihua")), "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/tasks", params={"limit": 1}, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not start")
            time.sleep(0.2)
        print(f"{'query':22} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   (first of its kind, cold)")
        worst = 0.0
        for name, make in cases.items():
            requests = [make() for _ in range(per_case)]
            with httpx.Client(base_url=base, timeout=60) as c:
                t = time.perf_counter()
                r = c.get(requests[0][0], params=requests[0][1])
                cold = (time.perf_counter() - t) * 1000
                assert r.status_code == 200, r.text
            times: list[float] = []
            lock = threading.Lock()
            # Each client is made and connected before the clock starts: an
            # httpx client costs ~20 ms to build (its TLS context), and eight
            # built at once would stall the first requests of the others,
            # which the p95 of 200 requests would then measure.
            ready = threading.Barrier(clients)

            def client(k: int, reqs=requests, times=times, lock=lock, ready=ready) -> None:
                with httpx.Client(base_url=base, timeout=60) as c:
                    c.get("/tasks", params={"limit": 1})
                    ready.wait()
                    for url, params in reqs[k::clients]:
                        t = time.perf_counter()
                        r = c.get(url, params=params)
                        dt = (time.perf_counter() - t) * 1000
                        assert r.status_code == 200, r.text
                        with lock:
                            times.append(dt)

            threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            times.sort()
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
            worst = max(worst, p95)
            print(f"{name:22} {statistics.median(times):>8.1f} {p95:>8.1f} {times[-1]:>8.1f}   ({cold:.0f} ms)",
                  flush=True)
        print(f"worst p95 over every filter of /tasks and /facets, {clients} clients: {worst:.0f} ms (target < 50 ms)")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--txt", type=int, default=1500)
    ap.add_argument("--docx", type=int, default=500)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--mem", default="500,5000", help="the two numbers of files of the peak-memory runs")
    ap.add_argument("--query-db", type=Path, help="keep the query store here (built when missing or smaller)")
    ap.add_argument("--only", choices=["ingest", "queries"], help="run one half")
    ap.add_argument("--ingest-child", nargs=3, metavar=("SRC", "DB", "JOBS"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.ingest_child:
        ingest_child(a.ingest_child[0], a.ingest_child[1], int(a.ingest_child[2]))
        return
    with tempfile.TemporaryDirectory(prefix="jihua-bench-") as tmp:
        work = Path(tmp)
        if a.only != "queries":
            bench_ingest(work, a.txt, a.docx, tuple(int(x) for x in a.mem.split(",")))
        if a.only != "ingest":
            bench_queries(work, a.tasks, a.clients, db_path=a.query_db)


if __name__ == "__main__":
    main()
