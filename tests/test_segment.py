"""extractor/segment.py gives jieba's words and word classes (without HMM)
exactly: checked against jieba itself on every gold, fixture and probe
text, as read and as the word stages read it (simplified)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jieba
import jieba.posseg
import pytest

from extractor import segment
from extractor.hanzi import to_simplified
from extractor.readers import read_bytes

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DIRS = [SHARED / "gold", SHARED / "gold" / "real", SHARED / "fixtures", *sorted((ROOT / "tests" / "data").glob("probes*")),
        ROOT / "tests" / "data" / "real"]

jieba.setLogLevel(60)


def _texts() -> list[str]:
    out = []
    for d in DIRS:
        for p in sorted(d.glob("*")):
            if p.suffix in (".txt", ".docx", ".pdf") and p.is_file():
                blocks = read_bytes(p.read_bytes(), p.name).blocks
                out.append("\n".join(b.full_text for b in blocks))
    return out


EDGES = [
    "", " ", "\r\n", "a", "1", "a\nb", "abc 12.5% a-b C罗 AA制 x+y#z 3.14 ＡＢ", "Ｉ型糖尿病 iPhone手机 2025年3月",
    "上半年试点，下半年推广。", "会同县卫生局和发展和改革委员会", "第3週 02-22 ~ 02-28", "國(guó)慶",
]


def test_every_gold_and_probe_text_segments_as_jieba_does():
    texts = _texts()
    assert len(texts) > 60  # the corpora are there: an empty glob must not pass
    for text in texts + [to_simplified(t) for t in texts] + EDGES:
        assert segment.cut(text) == list(jieba.cut(text, HMM=False))
        assert segment.tagged(text) == [(p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False)]


@pytest.mark.parametrize("text", EDGES)
def test_edge_cases_segment_as_jieba_does(text):
    assert segment.cut(text) == list(jieba.cut(text, HMM=False))
    assert segment.tagged(text) == [(p.word, p.flag) for p in jieba.posseg.cut(text, HMM=False)]


def _run(code: str, cache_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "JIHUA_CACHE_DIR": str(cache_dir)}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_the_table_cache_is_written_once_then_read_without_jieba(tmp_path):
    probe = ("import sys; from extractor import segment; "
             "print(segment.tagged('市总工会组织开展女职工培训')); print('jieba' in sys.modules)")
    first = _run(probe, tmp_path)
    assert first.returncode == 0, first.stderr
    caches = list(tmp_path.glob("jihua-words-*.cache"))
    assert len(caches) == 1
    second = _run(probe, tmp_path)
    assert second.returncode == 0, second.stderr
    words, imported = second.stdout.splitlines()
    assert words == first.stdout.splitlines()[0]
    assert "('总工会', 'n')" in words
    assert imported == "False"  # the cache holds all the cut reads: jieba is not even imported


def test_a_damaged_cache_is_rebuilt(tmp_path):
    probe = "from extractor import segment; print(segment.cut('区妇联召开会议'))"
    assert _run(probe, tmp_path).returncode == 0
    (cache,) = tmp_path.glob("jihua-words-*.cache")
    cache.write_bytes(b"\x00garbage")
    again = _run(probe, tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "['区', '妇联', '召开', '会议']"
    assert cache.stat().st_size > 1_000_000
