"""The CLI as a user uses it day to day: complete exports, formats other
programs read, the words users see accepted as filters, Chinese for people
(English on request), help with an example on every command, --version,
and data deleted only when asked for."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from api.cli import app
from extractor.version import parser_version
from service.version import package_version
from store import open_db, store_document
from tests.api.factory import make_doc, task, two_unit_docs

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO.parent / "shared" / "fixtures"
runner = CliRunner()


def jihua(*args: str, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


@pytest.fixture
def big_db(tmp_path) -> Path:
    """120 tasks in March, more than any default page."""
    path = tmp_path / "big.db"
    with open_db(path) as d:
        for doc in two_unit_docs():
            store_document(d, doc)
        many = [task(f"第{i}项三月的工作", [3], ["女职工"], [("女工委员会", "lead")]) for i in range(120)]
        store_document(d, make_doc("many.txt", "丙区总工会", many))
    return path


# --- exports: every row, in formats other programs read ------------------------------


def test_csv_to_a_file_has_every_row_and_a_bom(big_db):
    r = jihua("tasks", "--db", big_db, "--month", "3", "--format", "csv")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("\ufeff单位,")  # Excel on a Chinese Windows reads it as UTF-8
    rows = list(csv.reader(io.StringIO(r.stdout.removeprefix("\ufeff"))))
    assert len(rows) == 1 + 123  # header + every March task, not the first 50


def test_json_is_one_array_that_json_tool_accepts(big_db, tmp_path):
    r = jihua("tasks", "--db", big_db, "--format", "json")
    out = tmp_path / "all.json"
    out.write_text(r.stdout, encoding="utf-8")
    tool = subprocess.run([sys.executable, "-m", "json.tool", str(out)], capture_output=True, text=True)
    assert tool.returncode == 0, tool.stderr
    assert len(json.loads(r.stdout)) == 127


def test_jsonl_is_one_object_a_line(big_db):
    lines = jihua("tasks", "--db", big_db, "--format", "jsonl").stdout.splitlines()
    assert len(lines) == 127 and all(json.loads(x)["text"] for x in lines)


def test_an_empty_answer_is_still_valid_json(big_db):
    r = jihua("tasks", "--db", big_db, "--q", "没有这样的任务", "--format", "json")
    assert json.loads(r.stdout) == []


def test_limit_bounds_every_format_and_a_table_off_the_screen_is_complete(big_db):
    assert len(json.loads(jihua("tasks", "--db", big_db, "--format", "json", "--limit", "5").stdout)) == 5
    # CliRunner's stdout is no terminal: the table, piped, has every row
    table = jihua("tasks", "--db", big_db, "--month", "3", env={"COLUMNS": "300"}).stdout
    assert "共 123 项任务" in table and "第119项三月的工作" in table
    part = jihua("tasks", "--db", big_db, "--month", "3", "--limit", "10", env={"COLUMNS": "300"}).stdout
    assert "共 123 项任务，显示前 10 项" in part


# --- the words users see are accepted -------------------------------------------------


def _ids(db: Path, *args: str) -> list[int]:
    r = jihua("tasks", "--db", db, "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return [t["id"] for t in json.loads(r.stdout)]


@pytest.mark.parametrize("word,code", [("牵头", "lead"), ("配合", "support"), ("发文", "issuer"), ("领导", "leader")])
def test_role_takes_the_word_the_table_shows(big_db, word, code):
    assert _ids(big_db, "--role", word) == _ids(big_db, "--role", code)
    if code in ("lead", "support"):
        assert _ids(big_db, "--role", word)


@pytest.mark.parametrize("spelling", ["三月", "3月", "3"])
def test_month_takes_chinese_months(big_db, spelling):
    assert len(_ids(big_db, "--month", spelling)) == 123


def test_month_ranges_in_chinese(big_db):
    assert _ids(big_db, "--month", "一月至三月") == _ids(big_db, "--month", "1-3")


def test_a_theme_by_name_and_an_unknown_theme_named_with_the_known_ones(big_db):
    assert len(_ids(big_db, "--theme", "女职工")) == 122
    r = jihua("tasks", "--db", big_db, "--theme", "女工作")
    assert r.exit_code == 2 and "主题 '女工作' 不存在" in r.stderr and "女职工" in r.stderr


def test_unit_like_matches_part_of_a_unit(big_db):
    assert len(_ids(big_db, "--unit-like", "总工会")) == 120
    assert _ids(big_db, "--unit", "丙区总工会") == _ids(big_db, "--unit-like", "丙区")


def test_a_bad_role_says_what_is_accepted_in_chinese(big_db):
    r = jihua("tasks", "--db", big_db, "--role", "头")
    assert r.exit_code == 2 and "角色 '头'" in r.stderr and "牵头（lead）" in r.stderr


# --- Chinese for people, English on request ------------------------------------------


def test_the_table_shows_roles_and_months_as_people_write_them(big_db):
    out = jihua("tasks", "--db", big_db, "--unit", "甲公司工会", env={"COLUMNS": "300"}).stdout
    assert "女工委员会（牵头）" in out and "1-2月" not in out and "1、2月" in out
    assert "单位" in out and "责任主体" in out


def test_parse_prints_a_chinese_tree():
    out = jihua("parse", FIXTURES / "d3.txt", env={"COLUMNS": "300"}).stdout
    assert "d3.txt（txt，1 个计划）" in out
    assert "单位：临江市第二实验中学工会" in out and "年份：2025" in out
    assert re.search(r"\d+-\d+月", out)  # months as a range, not 6,7,8,9
    assert "（牵头" in out or "（配合" in out
    assert "unit=" not in out and "(lead)" not in out


def test_errors_are_chinese_and_english_on_request(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    r = jihua("parse", empty)
    assert r.exit_code == 2 and r.stderr.strip() == "空.txt: 文件是空的"
    r = jihua("--lang", "en", "parse", empty)
    assert r.exit_code == 2 and r.stderr.strip() == "空.txt: the file is empty"


def test_jihua_lang_switches_a_whole_process_to_english(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    proc = subprocess.run(
        [str(Path(sys.executable).with_name("jihua")), "ingest", str(tmp_path), "--db", str(tmp_path / "s.db")],
        capture_output=True, text=True, env={"JIHUA_LANG": "en", "PATH": "/usr/bin:/bin", "COLUMNS": "300"},
    )
    assert proc.returncode == 0, proc.stderr
    assert "a .json data file, not a plan" in proc.stdout and "1 ignored (no plan)" in proc.stdout


def test_json_keeps_english_keys_and_codes(big_db):
    row = json.loads(jihua("tasks", "--db", big_db, "--role", "牵头", "--format", "json", "--limit", "1").stdout)[0]
    assert set(row) >= {"text", "months", "bodies", "themes", "unit"}
    assert row["bodies"][0]["role"] == "lead"


# --- help, version ---------------------------------------------------------------------


def test_every_command_has_help_with_an_example():
    group = typer.main.get_command(app)
    assert set(group.commands) >= {"parse", "eval", "ingest", "reparse", "tasks", "compare", "serve", "reset"}
    for name in group.commands:
        r = jihua(name, "--help", env={"COLUMNS": "200"})
        assert r.exit_code == 0, r.output
        text = " ".join(r.output.split())
        assert "示例" in text and f"jihua {name}" in text, f"`jihua {name} --help` shows no example"


def test_version_names_the_package_and_the_parser():
    r = jihua("--version")
    assert r.exit_code == 0
    assert r.stdout.strip() == f"jihua {package_version()} (parser {parser_version()})"
    assert package_version() == re.search(r'^version = "(.+)"$', (REPO / "pyproject.toml").read_text(), re.M).group(1)


# --- the database is deleted only when asked ----------------------------------------


def test_reset_asks_first_and_keeps_the_data_without_a_yes(big_db):
    r = jihua("reset", "--db", big_db, input="")
    assert r.exit_code == 2 and "没有删除" in r.stderr
    assert big_db.exists() and open_db(big_db)["documents"].count == 3
    r = jihua("reset", "--db", big_db, "--yes")
    assert r.exit_code == 0 and not big_db.exists()


def test_make_run_and_clean_keep_the_database():
    def dry(target: str) -> str:
        return subprocess.run(["make", "-n", target, "DB=mine.db"], cwd=REPO, capture_output=True, text=True).stdout

    for target in ("run", "clean"):
        assert "mine.db" not in " ".join(ln for ln in dry(target).splitlines() if ln.lstrip().startswith("rm")), target
    assert "jihua ingest samples --db mine.db" in dry("run")
    assert "jihua reset --db mine.db" in dry("reset-db")
