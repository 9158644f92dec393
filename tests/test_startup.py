"""What a command loads is what it uses: `jihua --help` loads no parser
and no pydantic, `jihua parse` loads neither spaCy (the rules find the
bodies) nor jieba (its words come from segment's cached table), and each
loads its tables once. The seconds themselves are `make bench`'s."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Runs the CLI in-process, then reports the modules it loaded.
PROBE = """
import json, sys
from api.cli import app
sys.argv = ["jihua", *json.loads(sys.argv[1])]
try:
    app()
except SystemExit:
    pass
print("MODULES " + json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _modules(args: list[str], tmp_path: Path) -> set[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JIHUA_CACHE_DIR": str(tmp_path)}
    # a first run writes the word table cache; the second is a user's every run
    for _ in range(2):
        out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("MODULES "))
    return set(json.loads(line.removeprefix("MODULES ")))


def test_help_loads_no_parser_and_no_pydantic(tmp_path):
    loaded = _modules(["--help"], tmp_path)
    assert "api.cli_parse" in loaded  # the commands are registered…
    for heavy in ("extractor.pipeline", "pydantic", "jieba", "spacy", "fastapi", "sqlite_utils", "cn2an", "rich"):
        assert heavy not in loaded, heavy  # …without what running them needs


def test_parse_loads_neither_spacy_nor_jieba(tmp_path):
    plan = tmp_path / "small.txt"
    plan.write_text("学校工会2025年工作计划\n一、三月份组织开展女职工培训。\n二、五月份举办职工运动会。\n", encoding="utf-8")
    loaded = _modules(["parse", str(plan)], tmp_path)
    assert "extractor.pipeline" in loaded and "extractor.segment" in loaded
    assert "spacy" not in loaded
    assert "jieba" not in loaded
    assert "fastapi" not in loaded and "sqlite_utils" not in loaded


def test_tables_load_once_per_process():
    from extractor import segment

    segment.warm_up()
    first = segment._tables()
    segment.tagged("区妇联召开会议")
    assert segment._tables() is first
    assert segment._tables.cache_info().currsize == 1


# A fresh interpreter: nothing loaded by other tests. The probe is the first
# thing a worker of `jihua ingest --jobs 2` runs.
WORKERS = """
import json, sys
from service.ingest import _pool

def probe():
    from extractor import segment
    return ["extractor.pipeline" in sys.modules, segment._tables.cache_info().currsize]

assert "extractor.pipeline" not in sys.modules
pool = _pool(2)
try:
    print(json.dumps([pool.submit(probe).result(timeout=120) for _ in range(4)]))
finally:
    pool.shutdown()
"""


def test_ingest_workers_start_with_the_parser_loaded(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "JIHUA_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", WORKERS], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    # each worker was forked with the parser imported and its word table loaded
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [[True, 1]] * 4
