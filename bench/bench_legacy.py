"""Time the slow readers: .doc conversion per file and OCR per page.

Builds its own inputs from ../shared/fixtures: d1.docx saved as .doc by
LibreOffice, and d2.pdf rasterised at 150 dpi into a PDF without a text
layer. Prints one line per measure, e.g.

    doc conversion: 0.95 s/file (LibreOffice to docx, mean of 3)
    doc read: 1.02 s/file (conversion + docx reader, mean of 3)
    ocr: 1.71 s/page (5 pages, JIHUA_OCR_JOBS=1, 150 dpi; first page with model load 3.10 s)

Usage: python bench/bench_legacy.py [--runs N] [--pages N]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.errors import JihuaError  # noqa: E402
from extractor.readers import legacy, ocr  # noqa: E402

FIXTURES = ROOT.parent / "shared" / "fixtures"


def make_doc(soffice: str, work: Path) -> bytes:
    src = work / "d1.docx"
    src.write_bytes((FIXTURES / "d1.docx").read_bytes())
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
         "--convert-to", "doc", "--outdir", str(work / "doc"), str(src)],
        check=True, capture_output=True, timeout=120,
    )
    return (work / "doc" / "d1.doc").read_bytes()


def make_scan(pages: int) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument((FIXTURES / "d2.pdf").read_bytes())
    images = [pdf[i].render(scale=150 / 72).to_pil().convert("L") for i in range(min(pages, len(pdf)))]
    pdf.close()
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    return buf.getvalue()


def bench_doc(runs: int) -> None:
    soffice = legacy.soffice_path()
    if soffice is None:
        print(f"doc conversion: skipped, LibreOffice is not installed ({legacy.INSTALL_HINT})")
        return
    with tempfile.TemporaryDirectory() as tmp:
        doc = make_doc(soffice, Path(tmp))
    t = time.perf_counter()
    for _ in range(runs):
        legacy.convert_to_docx(doc, "d1.doc", "doc")
    convert = (time.perf_counter() - t) / runs
    print(f"doc conversion: {convert:.2f} s/file (LibreOffice to docx, mean of {runs})")
    t = time.perf_counter()
    for _ in range(runs):
        legacy.read(doc, "d1.doc")
    print(f"doc read: {(time.perf_counter() - t) / runs:.2f} s/file (conversion + docx reader, mean of {runs})")


def bench_ocr(pages: int) -> None:
    scan = make_scan(pages)
    try:
        t = time.perf_counter()
        ocr.ocr_pdf_pages(scan, [1], "scan.pdf")  # loads the models once
        first = time.perf_counter() - t
        numbers = list(range(1, pages + 1))
        t = time.perf_counter()
        ocr.ocr_pdf_pages(scan, numbers, "scan.pdf")
        per_page = (time.perf_counter() - t) / len(numbers)
    except JihuaError as e:
        print(f"ocr: skipped ({e})")
        return
    print(
        f"ocr: {per_page:.2f} s/page ({len(numbers)} pages, JIHUA_OCR_JOBS={ocr.ocr_jobs()}, "
        f"{ocr.ocr_dpi()} dpi, {os.cpu_count()} cpus; first page with model load {first:.2f} s)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3, help=".doc conversions to average (default 3)")
    ap.add_argument("--pages", type=int, default=5, help="scanned pages to OCR, at most 5 (default 5)")
    args = ap.parse_args()
    bench_doc(max(1, args.runs))
    bench_ocr(max(1, min(5, args.pages)))


if __name__ == "__main__":
    main()
