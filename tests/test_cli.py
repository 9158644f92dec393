"""`jihua parse` and `jihua eval` as a user runs them: the JSON contract's
shape per format, JSON Lines for several files, bad input → exit 2 with one
line on stderr, eval's per-file and TOTAL lines and --min, help texts."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from api.cli import app

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = SHARED / "fixtures"
GOLD = SHARED / "gold"
FORMATS = {"d1.docx": "docx", "d2.pdf": "pdf", "d3.txt": "txt"}

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    """The three fixtures parsed once, in one run: JSON Lines."""
    res = run("parse", "--json", *(FIXTURES / n for n in FORMATS))
    assert res.exit_code == 0, res.output
    docs = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return {d["file"]: d for d in docs}


def test_several_files_print_one_json_object_per_line(parsed):
    assert list(parsed) == list(FORMATS)


@pytest.mark.parametrize("name", list(FORMATS))
def test_parse_json_has_the_contract_shape(parsed, name):
    doc = parsed[name]
    assert set(doc) >= {"file", "format", "sha256", "plans", "warnings"}
    assert doc["format"] == FORMATS[name]
    import hashlib

    assert doc["sha256"] == hashlib.sha256((FIXTURES / name).read_bytes()).hexdigest()
    assert isinstance(doc["warnings"], list) and doc["plans"]
    for plan in doc["plans"]:
        assert set(plan) >= {"title", "unit", "year", "text", "sections", "objectives", "tasks", "bodies", "themes"}
        assert plan["text"] and plan["sections"]
        for s in plan["sections"]:
            assert set(s) >= {"label", "title", "level", "children"} and s["level"] == 1
        for t in plan["tasks"]:
            assert set(t) >= {"text", "section_path", "months", "time_text", "bodies", "themes", "targets"}
            assert all(1 <= m <= 12 for m in t["months"])
            for b in t["bodies"]:
                assert set(b) >= {"name", "role"}
        for b in plan["bodies"]:
            assert set(b) >= {"name", "roles", "mentions"}
        assert any(t["months"] for t in plan["tasks"])


def test_parse_one_file_prints_one_object():
    res = run("parse", "--json", FIXTURES / "d3.txt")
    assert res.exit_code == 0
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1 and json.loads(lines[0])["plans"][0]["year"] == 2025


def test_parse_without_json_prints_something_readable():
    res = run("parse", FIXTURES / "d3.txt")
    assert res.exit_code == 0 and "工作计划" in res.stdout


# --- bad input ------------------------------------------------------------------


def _encrypted_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "plan")
    c.save()


def bad_files(tmp: Path) -> dict[str, Path]:
    files = {
        "missing": tmp / "nope.txt",
        "empty": tmp / "empty.txt",
        "corrupt_docx": tmp / "broken.docx",
        "truncated_pdf": tmp / "cut.pdf",
        "encrypted_pdf": tmp / "locked.pdf",
        "binary": tmp / "blob.bin",
    }
    files["empty"].write_bytes(b"")
    docx = (FIXTURES / "d1.docx").read_bytes()
    files["corrupt_docx"].write_bytes(docx[: len(docx) // 3])
    pdf = (FIXTURES / "d2.pdf").read_bytes()
    files["truncated_pdf"].write_bytes(pdf[: len(pdf) // 4])
    _encrypted_pdf(files["encrypted_pdf"])
    rnd = random.Random(7)
    files["binary"].write_bytes(bytes(rnd.randrange(256) for _ in range(4096)))
    return files


@pytest.mark.parametrize("kind", ["missing", "empty", "corrupt_docx", "truncated_pdf", "encrypted_pdf", "binary"])
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, kind):
    path = bad_files(tmp_path)[kind]
    res = run("parse", "--json", path)
    assert res.exit_code == 2, (res.stdout, res.stderr)
    err = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(err) == 1, res.stderr
    name, sep, reason = err[0].partition(": ")
    assert name.endswith(path.name) and sep and reason.strip()  # "FILE: reason"
    assert "Traceback" not in res.stderr and res.stdout.strip() == ""


def test_encrypted_pdf_reason_says_password(tmp_path):
    path = bad_files(tmp_path)["encrypted_pdf"]
    res = run("parse", "--json", path)
    assert "需要密码" in res.stderr


def test_multi_file_run_goes_on_after_a_bad_file(tmp_path):
    bad = bad_files(tmp_path)
    res = run("parse", "--json", bad["missing"], FIXTURES / "d3.txt", bad["binary"])
    assert res.exit_code == 2
    out = [json.loads(ln) for ln in res.stdout.splitlines() if ln.strip()]
    assert [d["file"] for d in out] == ["d3.txt"]
    err = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(err) == 2 and "nope.txt" in err[0] and "blob.bin" in err[1]


def test_console_script_reports_a_missing_file_on_stderr(tmp_path):
    jihua = Path(sys.executable).with_name("jihua")
    proc = subprocess.run([str(jihua), "parse", "--json", str(tmp_path / "nope.txt")], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "nope.txt" in proc.stderr and proc.stdout == ""


# --- eval -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def eval_run():
    return run("eval", GOLD, FIXTURES)


def test_eval_prints_a_line_per_file_and_a_total(eval_run):
    assert eval_run.exit_code == 0, eval_run.output
    lines = eval_run.stdout.splitlines()
    golds = sorted(p.name[: -len(".gold.json")] for d in (GOLD, FIXTURES) for p in d.glob("*.gold.json"))
    assert sorted(ln.split()[0] for ln in lines[:-1]) == golds
    assert lines[-1].startswith("TOTAL")
    for key in ("plans_f1=", "sections_f1=", "month_tasks_f1=", "bodies_f1=", "unit_acc=", "year_acc="):
        assert key in lines[-1]


def test_eval_min_not_met_exits_1():
    res = run("eval", FIXTURES, "--min", "plans_f1=1.01")
    assert res.exit_code == 1
    assert "plans_f1" in res.stderr


def test_eval_min_met_exits_0():
    res = run("eval", FIXTURES, "--min", "plans_f1=0.5", "--min", "year_acc=0.5")
    assert res.exit_code == 0


@pytest.mark.parametrize("bad", ["plans_f1", "nonsense=1", "plans_f1=high"])
def test_eval_bad_min_is_a_usage_error(bad):
    res = run("eval", FIXTURES, "--min", bad)
    assert res.exit_code == 2
    assert "Traceback" not in res.output


def test_eval_verbose_lists_misses(tmp_path):
    (tmp_path / "d3.txt").write_bytes((FIXTURES / "d3.txt").read_bytes())
    gold = json.loads((FIXTURES / "d3.txt.gold.json").read_text(encoding="utf-8"))
    gold["plans"][0]["sections"].append("一个并不存在的章节")
    gold["plans"][0]["year"] = 1999
    (tmp_path / "d3.txt.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    res = run("eval", tmp_path, "-v")
    assert res.exit_code == 0
    assert "year 2025, gold 1999" in res.stdout


def test_eval_without_gold_files_is_an_error(tmp_path):
    res = run("eval", tmp_path)
    assert res.exit_code == 2 and str(tmp_path) in res.stderr


# --- help -----------------------------------------------------------------------


def test_every_command_has_help_text():
    group = get_command(app)
    missing = [name for name, cmd in group.commands.items() if not (cmd.help or "").strip()]
    assert missing == []
    assert {"parse", "eval"} <= set(group.commands)


def test_every_option_has_help_text():
    group = get_command(app)
    missing = [
        f"{name} {p.name}"
        for name, cmd in group.commands.items()
        for p in cmd.params
        if getattr(p, "param_type_name", "") == "option" and not (p.help or "").strip()
    ]
    assert missing == []


def test_parse_without_json_prints_an_outline_tree_not_json():
    res = run("parse", FIXTURES / "d3.txt")
    with pytest.raises(ValueError):
        json.loads(res.stdout)
    assert "加强师德师风建设" in res.stdout


def test_parse_with_a_users_taxonomy_gives_its_themes(tmp_path):
    taxonomy = tmp_path / "mine.json"
    taxonomy.write_text(
        json.dumps([{"theme": "关爱退休", "covers": "retired staff", "keywords": ["退休"]},
                    {"theme": "教学", "covers": "teaching", "keywords": ["教学", "讲台"]}], ensure_ascii=False),
        encoding="utf-8",
    )
    res = run("parse", "--json", "--taxonomy", taxonomy, FIXTURES / "d3.txt")
    assert res.exit_code == 0, res.output
    plan = json.loads(res.stdout)["plans"][0]
    assert plan["themes"] == ["关爱退休", "教学"]
    retired = [t for t in plan["tasks"] if "退休" in t["text"]]
    assert retired and all("关爱退休" in t["themes"] for t in retired)
    assert all(set(t["themes"]) <= {"关爱退休", "教学"} for t in plan["tasks"])


def test_a_bad_taxonomy_file_is_exit_2_naming_it(tmp_path):
    taxonomy = tmp_path / "broken.json"
    taxonomy.write_text("{not json", encoding="utf-8")
    res = run("parse", "--taxonomy", taxonomy, FIXTURES / "d3.txt")
    assert res.exit_code == 2
    assert "broken.json" in res.stderr
