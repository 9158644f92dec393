"""Issue 11's probes on the parse itself and on `jihua parse`: every file
costs a bounded amount (size, inflated parts, text and plan length) and the
CLI applies the limits the API applies, from the one settings table."""

from __future__ import annotations

import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from api.settings import Settings
from extractor.errors import ReadError, TooLarge
from extractor.pipeline import parse_bytes, parse_file
from models.limits import DEFAULT, MB
from tests.hostile import ENCRYPTED_PLAN, FIXTURES, cid_pdf, docx_bytes, inflating_docx, long_plan, plan

REPO = Path(__file__).resolve().parents[1]
JIHUA = Path(sys.executable).with_name("jihua")


def jihua(*args: str, mem_mb: int | None = None, timeout: float = 120, env: dict | None = None):
    """Run the installed `jihua` as a user would, optionally under a memory cap."""

    def cap() -> None:
        if mem_mb:
            limit = mem_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run(
        [str(JIHUA), *args], capture_output=True, text=True, timeout=timeout, preexec_fn=cap, env=env
    )


# --- the settings table -------------------------------------------------------


def test_settings_defaults_are_the_limits_defaults():
    assert Settings(_env_file=None).limits() == DEFAULT


def test_every_limit_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("JIHUA_MAX_PLAN_CHARS", "1234")
    monkeypatch.setenv("JIHUA_MAX_PART_MB", "3")
    monkeypatch.setenv("JIHUA_READ_BUDGET_S", "2.5")
    limits = Settings(_env_file=None).limits()
    assert (limits.max_plan_chars, limits.max_part_bytes, limits.read_budget_s) == (1234, 3 * MB, 2.5)


def test_docs_list_every_limit_with_its_default():
    # docs/API.md's settings table names each JIHUA_ variable with its default
    doc = (REPO / "docs" / "API.md").read_text(encoding="utf-8")
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(JIHUA_[A-Z_]+)` \| ([^|]+) \|", doc, re.M)}
    s = Settings(_env_file=None)
    for field in Settings.model_fields:
        if field.startswith(("max_", "read_budget")):
            env = f"JIHUA_{field.upper()}"
            assert env in rows, f"{env} missing from docs/API.md"
            value = getattr(s, field)
            shown = rows[env].strip().strip("`").replace(",", "")
            if value is None:
                continue
            assert float(shown) == float(value), (env, shown, value)


# --- bounded cost per file ----------------------------------------------------


def test_docx_whose_part_inflates_past_the_limit_is_too_large_before_reading():
    data = inflating_docx(30)  # ~100× under the ratio limit, but 30 MB of XML
    assert len(data) < 2 * MB
    t0 = time.perf_counter()
    with pytest.raises(TooLarge) as err:
        parse_bytes(data, "bomb.docx")
    assert time.perf_counter() - t0 < 5
    assert err.value.file == "bomb.docx"
    assert err.value.code == "part_too_large"
    assert "word/document.xml" in err.value.reason and "超过每个部件 25.0 MB 的上限" in err.value.reason


def test_a_plan_over_a_million_characters_is_too_large_not_a_spacy_error():
    with pytest.raises(TooLarge) as err:
        parse_bytes(long_plan(1_050_000), "long.txt")
    assert err.value.code == "plan_too_long"
    assert "第 1 个计划" in err.value.reason and "超过每个计划 200,000 个字符的上限" in err.value.reason


def test_a_document_over_the_text_limit_is_refused_before_cleaning():
    limits = DEFAULT.but(max_text_chars=50_000)
    text = "".join(plan(i) for i in range(1000)).encode()
    with pytest.raises(TooLarge, match="超过每个文档 50,000 个字符的上限") as err:
        parse_bytes(text, "many.txt", limits=limits)
    assert err.value.code == "text_too_long"


def test_a_plan_under_the_limits_parses():
    doc = parse_bytes(long_plan(20_000), "ok.txt")
    assert len(doc.plans) == 1 and len(doc.plans[0].tasks) > 100


def test_a_device_is_read_only_up_to_the_file_limit():
    with pytest.raises(TooLarge, match="文件超过每个文件 1.0 MB 的上限"):
        parse_file("/dev/zero", limits=DEFAULT.but(max_file_bytes=MB))


def test_a_large_file_is_refused_by_its_size_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(30 * MB)  # sparse: refused by its size, not read
    with pytest.raises(TooLarge, match="文件大小 30.0 MB，超过每个文件 20.0 MB 的上限"):
        parse_file(big)


# --- one rule for bad files: `jihua parse` --------------------------------------


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("hostile")
    files = {
        "long.txt": long_plan(1_050_000),
        "bomb.docx": inflating_docx(30),
    }
    out = {}
    for name, data in files.items():
        (d / name).write_bytes(data)
        out[name] = d / name
    return out


def test_parse_reports_a_long_plan_and_goes_on_to_the_next_file(hostile_files):
    r = jihua("parse", "--json", str(hostile_files["long.txt"]), str(FIXTURES / "d3.txt"))
    assert r.returncode == 2, r.stderr
    assert "long.txt: 第 1 个计划" in r.stderr and "超过每个计划" in r.stderr
    assert '"file": "d3.txt"' in r.stdout


def test_parse_applies_the_part_limit_under_a_memory_cap(hostile_files):
    r = jihua("parse", str(hostile_files["bomb.docx"]), str(FIXTURES / "d3.txt"), mem_mb=3000)
    assert r.returncode == 2, r.stderr
    assert "bomb.docx: 部件 'word/document.xml' 解压后为" in r.stderr
    assert "d3.txt" in r.stdout


def test_parse_of_dev_zero_stops_at_the_file_limit():
    r = jihua("parse", "/dev/zero", mem_mb=3000, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "/dev/zero: 文件超过每个文件 20.0 MB 的上限"


def test_parse_reads_the_limits_from_the_environment(tmp_path):
    f = tmp_path / "p.txt"
    f.write_bytes(long_plan(3000))
    import os

    r = jihua("parse", str(f), env={**os.environ, "JIHUA_MAX_PLAN_CHARS": "1000"})
    assert r.returncode == 2 and "超过每个计划 1,000 个字符的上限" in r.stderr


# --- files that used to be stored wrong ------------------------------------------


def test_pdf_encrypted_with_an_empty_password_is_read_through_pdfium():
    lines = ENCRYPTED_PLAN
    doc = parse_bytes(cid_pdf(lines, user_password=""), "locked-empty.pdf")
    assert doc.plans and doc.plans[0].tasks
    assert "女职工健康讲座" in doc.plans[0].text


def test_a_document_without_text_is_refused_not_stored_empty():
    with pytest.raises(ReadError, match="empty.docx: 文件中没有找到文字"):
        parse_bytes(docx_bytes([""]), "empty.docx")


def test_a_docx_name_over_plain_text_is_read_with_a_warning():
    doc = parse_bytes(plan().encode(), "plan.docx")
    assert doc.format == "txt" and doc.plans
    assert doc.warnings[0] == "文件名是 .docx，但内容是 txt：按 txt 读取"


def test_text_mixing_gbk_and_utf8_is_decoded_line_by_line_with_a_warning():
    head = "测试单位2025年工作计划\n一、加强思想政治建设\n".encode("gbk")
    tail = "1.三月组织开展女职工健康讲座。\n2.四月开展职工书屋建设活动。\n".encode()
    doc = parse_bytes(head + tail, "mixed.txt")
    assert "测试单位2025年工作计划" in (doc.plans[0].title or "")
    assert "女职工健康讲座" in doc.plans[0].text
    assert any("GBK" in w and "UTF-8" in w for w in doc.warnings), doc.warnings
