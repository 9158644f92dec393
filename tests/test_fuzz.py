"""The fuzz suite: hypothesis over the readers (mutated .docx, .pdf, .txt
and .zip files built here from real plans), cleaning, bulk ingest of
archives, and the API's query parameters. Every case runs in a worker
process under a memory cap (tests/fuzz_worker.py) and a time limit; a
crash, a MemoryError, a hang, an error that does not name its file or an
HTTP 500 fails the suite.

`make test` runs a bounded number of examples (JIHUA_FUZZ_EXAMPLES, 25 by
default per property); `make fuzz` runs many more with the example
database kept in .hypothesis/, so that a failure found once is tried first
next time.
"""

from __future__ import annotations

import io
import os
import pickle
import select
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import ENCRYPTED_PLAN, cid_pdf, docx_bytes, pdf_pages, plan, rebuild_zip, zip_of

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = int(os.environ.get("JIHUA_FUZZ_EXAMPLES", "25"))
CASE_SECONDS = float(os.environ.get("JIHUA_FUZZ_CASE_SECONDS", "60"))
MEMORY_MB = int(os.environ.get("JIHUA_FUZZ_MEMORY_MB", "1500"))

def _database():
    if os.environ.get("JIHUA_FUZZ_KEEP") != "1":
        return None  # make test: no files left in the work tree
    from hypothesis.database import DirectoryBasedExampleDatabase

    return DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "examples"))


settings.register_profile(
    "jihua",
    max_examples=EXAMPLES,
    deadline=None,  # cases run in another process; the worker enforces the time limit
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    database=_database(),
)
FUZZ = settings.get_profile("jihua")


class Worker:
    """A fuzz worker process; restarted after a crash, a hang or an OOM."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.ready = ""

    def start(self) -> None:
        env = {**os.environ, "JIHUA_FUZZ_MEMORY_MB": str(MEMORY_MB), "JIHUA_OCR_THREADS": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz_worker"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        status, self.ready = self._receive(120)
        assert status == "ready", self.ready

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def _receive(self, timeout: float) -> tuple[str, str]:
        assert self.proc is not None and self.proc.stdout is not None
        out = self.proc.stdout
        deadline = time.monotonic() + timeout
        buf = b""
        need = 4
        header_done = False
        while len(buf) < need:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([out], [], [], left)[0]:
                self.stop()
                return "hang", f"no answer within {timeout:.0f} s"
            chunk = os.read(out.fileno(), need - len(buf))
            if not chunk:
                code = self.proc.wait(10)
                self.proc = None
                return "crash", f"the worker died (exit {code})"
            buf += chunk
            if not header_done and len(buf) == 4:
                need = 4 + struct.unpack(">I", buf)[0]
                header_done = True
        return pickle.loads(buf[4:])

    def run(self, op: str, *args: object) -> tuple[str, str]:
        if self.proc is None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        data = pickle.dumps((op, args))
        self.proc.stdin.write(struct.pack(">I", len(data)) + data)
        self.proc.stdin.flush()
        status, detail = self._receive(CASE_SECONDS)
        if status in ("oom", "crash", "hang"):
            self.stop()
        return status, detail


@pytest.fixture(scope="module")
def worker():
    w = Worker()
    w.start()
    yield w
    w.stop()


# --- seeds: real plans in each format ------------------------------------------------

PLAN_LINES = plan(1, tasks=6).splitlines()


def _seeds() -> dict[str, bytes]:
    d3 = (REPO.parent / "shared" / "fixtures" / "d3.txt").read_bytes()
    return {
        "utf8.txt": "\n".join(PLAN_LINES).encode("utf-8"),
        "gbk.txt": d3,
        "utf16.txt": "\n".join(PLAN_LINES).encode("utf-16"),
        "plan.docx": docx_bytes(PLAN_LINES),
        "plan.pdf": pdf_pages([PLAN_LINES[:5], PLAN_LINES[5:]]),
        "locked.pdf": cid_pdf(ENCRYPTED_PLAN, user_password=""),
    }


SEEDS = _seeds()
ZIP_SEED = zip_of({"a/one.txt": SEEDS["utf8.txt"], "b/two.docx": SEEDS["plan.docx"], "c.pdf": SEEDS["plan.pdf"]})


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """`data` changed by a few byte-level edits: flips, inserts, deletes,
    duplicated runs, truncation."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            break
        kind = draw(st.sampled_from(["flip", "insert", "delete", "dup", "cut", "byte"]))
        at = draw(st.integers(0, len(out) - 1))
        if kind == "flip":
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "byte":
            out[at] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, 0x0A, 0x3C, 0x25, 0x22]))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 256))]
        elif kind == "dup":
            n = draw(st.integers(1, 512))
            out[at:at] = out[at : at + n] * draw(st.integers(1, 50))
        else:
            del out[at:]
    return bytes(out)


@st.composite
def mutated_docx(draw) -> bytes:
    """A .docx whose document.xml (or another part) was mutated and then
    zipped again: the damage reaches the XML parser, not just the zip."""
    base = SEEDS["plan.docx"]
    z = zipfile.ZipFile(io.BytesIO(base))
    part = draw(st.sampled_from(["word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]))
    xml = z.read(part) if part in z.namelist() else b""
    return rebuild_zip(base, {part: draw(mutated(xml))})


def _check(result: tuple[str, str], name: str) -> None:
    status, detail = result
    assert status in ("ok", "error"), f"{name}: {status}: {detail}"
    if status == "error":
        assert detail.startswith(f"{name}: "), f"the error does not name the file: {detail}"


# --- the properties --------------------------------------------------------------------------


@FUZZ
@given(name=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_mutated_files_parse_or_fail_cleanly(worker, name, data):
    payload = data.draw(mutated(SEEDS[name]))
    _check(worker.run("parse", payload, name), name)


@FUZZ
@given(payload=mutated_docx())
def test_mutated_docx_xml_parses_or_fails_cleanly(worker, payload):
    _check(worker.run("parse", payload, "plan.docx"), "plan.docx")


@FUZZ
@given(
    text=st.text(st.characters(codec="utf-8"), max_size=3000),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"]),
    name=st.sampled_from(["plan.txt", "plan.docx", "plan", "计划.pdf"]),
)
def test_any_text_in_any_encoding_parses_or_fails_cleanly(worker, text, encoding, name):
    payload = text.encode(encoding, errors="replace")
    _check(worker.run("parse", payload, name), name)


@FUZZ
@given(
    texts=st.lists(
        st.one_of(
            st.text(max_size=200),
            st.sampled_from(PLAN_LINES),
            st.text(alphabet="一二三四五六七八九十、（）()1234567890.．月日年第条章节：:；。 \t", max_size=40),
        ),
        max_size=60,
    ),
    wrapped=st.booleans(),
)
def test_cleaning_and_plan_splitting_take_any_lines(worker, texts, wrapped):
    status, detail = worker.run("clean", texts, wrapped)
    assert status == "ok", detail


@FUZZ
@given(data=st.data())
def test_mutated_archives_ingest_file_by_file(worker, data):
    payload = data.draw(st.one_of(mutated(ZIP_SEED), st.just(ZIP_SEED)))
    status, detail = worker.run("ingest", payload, "batch.zip")
    assert status == "ok", detail


_PARAM = st.sampled_from(
    ["month", "theme", "unit", "body", "role", "year", "q", "plan_id", "document_id", "limit", "offset",
     "units", "plan_ids", "threshold"]
)
_VALUE = st.one_of(
    st.text(max_size=30),
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["%", "_", "\\", "\x00", "3-5", "11-2", "0", "13", "lead", "甲公司工会", "'; DROP TABLE tasks; --",
                     '"', "*", "NEAR(a b)", "女工 OR 1", "1e309", "nan", "-1", " ".join("工" * 30)]),
)


@FUZZ
@given(
    path=st.sampled_from(["/tasks", "/tasks.csv", "/tasks.xlsx", "/facets", "/plans", "/compare", "/plans/1",
                          "/documents/1", "/jobs/x"]),
    params=st.lists(st.tuples(_PARAM, _VALUE), max_size=6),
)
def test_query_parameters_never_answer_500(worker, path, params):
    status, detail = worker.run("query", "GET", path, params)
    assert status == "ok", detail
