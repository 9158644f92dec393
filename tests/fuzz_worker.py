"""The process the fuzz suite runs its cases in: everything imported and
warmed up once, then the address space capped (RLIMIT_AS), then one case
after another read from stdin. A case that needs more memory than the cap
fails here with MemoryError (or kills this process) instead of taking the
machine; the suite reports it as a failure and starts a fresh worker.

Protocol: 4-byte big-endian length + pickle, both ways. The protocol uses
the original stdout; the libraries' own prints go to stderr.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
import tempfile
import traceback
from pathlib import Path


def _read(fh) -> object:
    head = fh.read(4)
    if len(head) < 4:
        raise EOFError
    (n,) = struct.unpack(">I", head)
    return pickle.loads(fh.read(n))


def _write(fh, obj: object) -> None:
    data = pickle.dumps(obj)
    fh.write(struct.pack(">I", len(data)) + data)
    fh.flush()


def _vm_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


class Cases:
    def __init__(self, tmp: Path):
        from extractor.pipeline import parse_bytes
        from models.limits import DEFAULT

        self.tmp = tmp
        self.limits = DEFAULT
        # warm every stage (jieba's dictionary, spaCy) before the cap
        parse_bytes("测试单位2025年工作计划\n一、加强建设\n1.三月开展女职工健康讲座。\n".encode(), "warm.txt")
        self.client = None

    def parse(self, data: bytes, name: str) -> tuple[str, str]:
        from extractor.errors import JihuaError
        from extractor.pipeline import parse_bytes

        try:
            doc = parse_bytes(data, name, limits=self.limits)
        except JihuaError as e:
            return "error", str(e)
        doc.model_dump(mode="json")  # the contract's JSON must serialise
        return "ok", f"{len(doc.plans)} plans"

    def clean(self, texts: list[str], wrapped: bool) -> tuple[str, str]:
        from extractor.clean import clean
        from extractor.plans import split_plans
        from models import Block

        lines = clean([Block(text=t, wrapped=wrapped) for t in texts])
        split_plans(lines)
        return "ok", f"{len(lines)} lines"

    def ingest(self, data: bytes, name: str) -> tuple[str, str]:
        from service.ingest import collect, run
        from store import open_db

        path = self.tmp / name
        path.write_bytes(data)
        db_path = self.tmp / "ingest.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        db = open_db(db_path)
        try:
            items, errors = collect([path], self.limits)
            results = list(errors)
            run(items, db, limits=self.limits, jobs=1, on_result=results.append)
        finally:
            db.close()
            path.unlink(missing_ok=True)
        bugs = [r.error for r in results if r.error and "internal error" in r.error]
        if bugs:
            return "bug", "; ".join(bugs)
        unnamed = [
            r.error
            for r in results
            if r.status == "error" and Path(r.source.split("!")[-1]).name not in (r.error or "")
        ]
        if unnamed:
            return "bug", f"errors not naming their file: {unnamed}"
        return "ok", f"{len(results)} results"

    def query(self, method: str, path: str, params: list[tuple[str, str]]) -> tuple[str, str]:
        if self.client is None:
            self._serve()
        r = self.client.request(method, path, params=params)
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else None
        if r.status_code >= 500 and r.status_code != 503:
            return "bug", f"{r.status_code} {r.text[:300]}"
        if r.status_code >= 400 and (not isinstance(body, dict) or set(body) != {"error"}):
            return "bug", f"{r.status_code} without the error shape: {r.text[:300]}"
        return "ok", str(r.status_code)

    def _serve(self) -> None:
        from fastapi.testclient import TestClient

        from api.app import create_app
        from api.settings import Settings
        from store import open_db, store_document
        from tests.api.factory import two_unit_docs

        settings = Settings(db=str(self.tmp / "api.db"), token=None, batch_workers=0, _env_file=None)
        self.client = TestClient(create_app(settings))
        self.client.__enter__()
        db = open_db(settings.db)
        for d in two_unit_docs():
            store_document(db, d)
        db.close()


def main() -> None:
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # library prints must not corrupt the protocol
    proto_in = sys.stdin.buffer
    cap_mb = int(os.environ.get("JIHUA_FUZZ_MEMORY_MB", "1500"))
    with tempfile.TemporaryDirectory(prefix="jihua-fuzz-") as tmp:
        cases = Cases(Path(tmp))
        cases.query("GET", "/tasks", [])  # build the app before the cap, too
        base = _vm_bytes()
        limit = base + cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        _write(proto_out, ("ready", f"{base // 1048576} MB of address space, capped at +{cap_mb} MB"))
        while True:
            try:
                op, args = _read(proto_in)
            except EOFError:
                return
            try:
                result = getattr(cases, op)(*args)
            except MemoryError:
                result = ("oom", f"over the {cap_mb} MB cap")
            except Exception as e:  # noqa: BLE001 - a crash is what the suite looks for
                result = ("bug", f"{type(e).__name__}: {e}\n{traceback.format_exc()[-2000:]}")
            _write(proto_out, result)


if __name__ == "__main__":
    main()
