"""Legacy files (.doc, .wps, .rtf, .odt): converted by LibreOffice, then
read as .docx, so they give the blocks and labels the original .docx gives.

The inputs are made here: LibreOffice saves the d1.docx fixture as .doc,
.rtf and .odt. Needs LibreOffice (scripts/setup-system.sh installs it);
without it these tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

from extractor.errors import MissingTool, ReadError, UnsupportedFormat
from extractor.readers import docx as docx_reader
from extractor.readers import legacy, read_bytes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
D1 = SHARED / "fixtures" / "d1.docx"


def _need_soffice() -> str:
    soffice = legacy.soffice_path()
    if soffice is None:
        msg = "LibreOffice is not installed: run scripts/setup-system.sh"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return soffice


@pytest.fixture(scope="module")
def saved_as(tmp_path_factory) -> dict[str, bytes]:
    """d1.docx saved by LibreOffice as .doc, .rtf and .odt."""
    soffice = _need_soffice()
    work = tmp_path_factory.mktemp("legacy")
    src = work / "d1.docx"
    src.write_bytes(D1.read_bytes())
    out = {}
    for fmt in ("doc", "rtf", "odt"):
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
             "--convert-to", fmt, "--outdir", str(work / fmt), str(src)],
            check=True, capture_output=True, timeout=120,
        )
        out[fmt] = (work / fmt / f"d1.{fmt}").read_bytes()
    return out


def _shape(reading) -> list[tuple]:
    """What the outline needs from each block: kind, label, level, text and
    table cell texts."""
    return [
        (b.kind, b.label, b.list_level, b.text.strip(), [[c.text.strip() for c in row] for row in b.rows])
        for b in reading.blocks
    ]


def test_doc_reads_like_the_docx_it_was_saved_from(saved_as):
    original = docx_reader.read(D1.read_bytes(), "d1.docx")
    reading = read_bytes(saved_as["doc"], "d1.doc")
    assert reading.format == "doc"
    assert reading.warnings[0] == "已由 LibreOffice 从 doc 转换"
    assert _shape(reading) == _shape(original)
    # Word's automatic numbering survived as labels.
    labels = [b.label for b in reading.blocks if b.label]
    assert labels[:3] == ["一、", "（一）", "（二）"]


def _numerals(label: str) -> str:
    return re.sub(r"[^一二三四五六七八九十0-9]", "", label)


@pytest.mark.parametrize("fmt", ["rtf", "odt"])
def test_rtf_and_odt_keep_the_outline_labels(saved_as, fmt):
    original = docx_reader.read(D1.read_bytes(), "d1.docx")
    reading = read_bytes(saved_as[fmt], f"d1.{fmt}")
    assert reading.format == fmt
    assert f"已由 LibreOffice 从 {fmt} 转换" in reading.warnings
    want = [(b.label, b.text.strip()) for b in original.blocks if b.label]
    got = [(b.label, b.text.strip()) for b in reading.blocks if b.label]
    if fmt == "rtf":
        # LibreOffice 7.4 *writes* list punctuation into RTF in an 8-bit
        # code page ("一、" becomes "一?", "（一）" "(一)"): the input made
        # here is lossy, so only the numbers and texts are compared.
        want = [(_numerals(label), text) for label, text in want]
        got = [(_numerals(label), text) for label, text in got]
    assert got == want


def test_wps_file_takes_the_doc_path_and_says_so(saved_as):
    # Kingsoft WPS files are Word-format OLE files under another extension.
    reading = read_bytes(saved_as["doc"], "计划.wps")
    assert reading.warnings[0] == "已由 LibreOffice 从 wps 转换"
    assert any(b.label == "五、" for b in reading.blocks)


def test_parallel_conversions_do_not_collide(saved_as):
    results: dict[int, object] = {}

    def convert(i: int) -> None:
        try:
            results[i] = legacy.read(saved_as["doc"], f"copy{i}.doc")
        except Exception as e:  # noqa: BLE001 - recorded and asserted below
            results[i] = e

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = {i: [b.full_text for b in r.blocks] for i, r in results.items() if not isinstance(r, Exception)}
    assert len(texts) == 3, results
    assert texts[0] == texts[1] == texts[2]


def _lingering_conversions() -> list[str]:
    found = []
    for p in Path("/proc").iterdir():
        try:
            cmd = (p / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except (OSError, ValueError):
            continue
        if "jihua-lo-" in cmd:
            found.append(cmd)
    return found


def test_a_hung_conversion_is_stopped_with_a_clear_error(saved_as, monkeypatch):
    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT", 0.2)
    with pytest.raises(ReadError, match="LibreOffice 在 0.2 秒内未完成转换"):
        legacy.read(saved_as["doc"], "slow.doc")
    # The whole process group is gone, soffice.bin included.
    deadline = time.monotonic() + 5
    while _lingering_conversions() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _lingering_conversions() == []


def test_an_ole_file_that_is_not_a_document_is_refused():
    junk = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 20
    with pytest.raises(UnsupportedFormat, match="不是 Word 或 WPS 文档"):
        read_bytes(junk, "junk.doc")
    workbook = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "Workbook".encode("utf-16-le") + b"\0" * 100
    with pytest.raises(UnsupportedFormat, match="junk.xls: Excel 工作簿，不是 Word 或 WPS 文档"):
        read_bytes(workbook, "junk.xls")


# --- without LibreOffice ------------------------------------------------------


def _path_with_only(tmp_path: Path, *tools: str) -> str:
    """A PATH holding only the named programs (those installed here)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    return str(bin_dir)


def test_without_any_converter_the_error_names_what_to_install(saved_as, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _path_with_only(tmp_path))
    with pytest.raises(MissingTool) as err:
        read_bytes(saved_as["doc"], "d1.doc")
    assert str(err.value).startswith("d1.doc: 读取 doc 文件需要 LibreOffice") and err.value.code == "needs_libreoffice"
    assert "libreoffice-writer-nogui" in str(err.value)


@pytest.mark.parametrize("tool", ["antiword", "catdoc"])
def test_without_libreoffice_a_doc_falls_back_to_text(saved_as, tmp_path, monkeypatch, tool):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (JIHUA_SETUP_FALLBACKS=1 scripts/setup-system.sh)")
    monkeypatch.setenv("PATH", _path_with_only(tmp_path, tool))
    reading = read_bytes(saved_as["doc"], "d1.doc")
    assert "标号可能丢失" in reading.warnings[0]
    assert tool in reading.warnings[0]
    texts = [b.text for b in reading.blocks]
    assert "青川区总工会2025年工作计划" in texts
    assert any(t.startswith("坚持政治引领") for t in texts)
    assert all(b.wrapped for b in reading.blocks)


def test_without_libreoffice_an_odt_falls_back_to_its_xml_text(saved_as, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", _path_with_only(tmp_path))
    reading = read_bytes(saved_as["odt"], "d1.odt")
    assert reading.format == "odt"
    assert "标号可能丢失" in reading.warnings[0]
    original = docx_reader.read(D1.read_bytes(), "d1.docx")
    # Every paragraph's text is there; only the generated labels are not.
    texts = {b.text.strip() for b in reading.blocks}
    missing = [b.text for b in original.blocks if b.kind == "paragraph" and b.text.strip() not in texts]
    assert missing == []


# --- through the pipeline, scored like the original ---------------------------


def test_doc_parses_to_the_plans_of_the_original(saved_as):
    from extractor.evaluate import load_gold, score_document
    from extractor.pipeline import parse_bytes

    gold = load_gold(SHARED / "fixtures" / "d1.docx.gold.json")
    original = parse_bytes(D1.read_bytes(), "d1.docx")
    if not original.plans:
        pytest.skip("the pipeline does not build plans yet")
    derived = parse_bytes(saved_as["doc"], "d1.doc")
    want, got = score_document(gold, original).values(), score_document(gold, derived).values()
    assert len(derived.plans) == len(original.plans)
    # As good as the original, and at least the bar where the original reaches it.
    assert got["sections_f1"] >= min(0.9, want["sections_f1"])
    assert got["month_tasks_f1"] >= min(0.85, want["month_tasks_f1"])
