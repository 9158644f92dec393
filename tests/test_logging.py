"""Internal errors are logged with their tracebacks (JIHUA_LOG_LEVEL), while
the user sees one line for the file and the run goes on; no project module
is imported inside `except ImportError`."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from extractor import readers

REPO = Path(__file__).resolve().parents[1]
runner = CliRunner()


def test_a_parser_bug_in_ingest_is_logged_with_its_traceback_and_the_run_goes_on(tmp_path, monkeypatch):
    monkeypatch.setitem(readers.READERS, "txt", ("tests.faulty_reader", "read"))
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("某单位2025年工作计划\n一、三月组织学习。\n", encoding="utf-8")
    (src / "b.docx").write_bytes((REPO / "samples" / "d1.docx").read_bytes())
    report = tmp_path / "r.jsonl"
    r = runner.invoke(app, ["ingest", str(src), "--db", str(tmp_path / "s.db"), "--jobs", "1", "--report", str(report), "-q"])
    assert r.exit_code == 1
    rows = {Path(x["source"]).name: x for x in map(json.loads, report.read_text(encoding="utf-8").splitlines())}
    assert rows["b.docx"]["status"] == "stored"
    assert rows["a.txt"]["status"] == "error" and "KeyError" in rows["a.txt"]["error"]
    # the log holds the traceback, down to the line that failed
    assert "Traceback (most recent call last)" in r.stderr
    assert "faulty_reader.py" in r.stderr and "internal error parsing a.txt" in r.stderr


def test_the_log_level_comes_from_jihua_log_level(tmp_path, monkeypatch):
    monkeypatch.setitem(readers.READERS, "txt", ("tests.faulty_reader", "read"))
    monkeypatch.setenv("JIHUA_LOG_LEVEL", "CRITICAL")
    (tmp_path / "a.txt").write_text("某单位2025年工作计划\n一、三月组织学习。\n", encoding="utf-8")
    r = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "--jobs", "1", "-q"])
    assert r.exit_code == 1 and "Traceback" not in r.stderr


def test_no_project_module_is_imported_inside_except_import_error():
    offenders = []
    for path in REPO.glob("**/*.py"):
        if any(part in (".venv", "data") for part in path.relative_to(REPO).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Try):
                continue
            if not any(_catches_import_error(h) for h in node.handlers):
                continue
            for stmt in ast.walk(ast.Module(body=node.body, type_ignores=[])):
                names = []
                if isinstance(stmt, ast.ImportFrom):
                    names = [stmt.module or ""]
                elif isinstance(stmt, ast.Import):
                    names = [a.name for a in stmt.names]
                if any(n.split(".")[0] in ("api", "service", "store", "extractor", "models") for n in names):
                    offenders.append(f"{path.relative_to(REPO)}:{stmt.lineno}")
    assert offenders == []


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    t = handler.type
    names = [t] if not isinstance(t, ast.Tuple) else list(t.elts)
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)
