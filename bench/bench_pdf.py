"""PDF reading against pypdfium2's bare text extraction, on 20-page PDFs.

Two inputs, made at bench time:
- reportlab: 20 pages of the shared gold plans' lines set in reportlab's
  built-in STSong-Light (not embedded, as the tests' PDFs), 12 pt;
- libreoffice: the fixture d2.pdf (LibreOffice, embedded CJK font) four
  times over, joined with pypdfium2.

For each, best of N in one process:
- bare: open with pypdfium2, every page's text page and get_text_range();
- reader: extractor.readers.pdf.read (blocks: paragraphs, furniture gone);
- plumber: the same reader made to read every page through pdfplumber, as
  it did before pdfium became the first reader;
- parse: the whole parse (extractor.pipeline.parse_bytes: reading, plans,
  outline, tasks, months, bodies, themes), warm;
and the ratios reader/bare and parse/bare (target: within 3×), and the
pdfplumber reading against the pdfium one. `jihua parse` as a command adds
its start-up (bench_startup.py) to `parse`; one cold run of it is printed too.
Machines here are noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.readers import pdf as pdf_reader  # noqa: E402
from extractor.readers.txt import decode  # noqa: E402

REPEAT = 5
PAGES = 20


def reportlab_pdf() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font, size, left, right = "STSong-Light", 12, 80, 515
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    shared = ROOT.parent / "shared"
    lines = [ln.strip() for f in sorted((shared / "gold").glob("*.txt"))
             for ln in decode(f.read_bytes()).splitlines() if ln.strip()] or ["一、三月份组织开展女职工培训。"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    k = 0
    for page in range(PAGES):
        c.setFont(font, 10)
        c.drawCentredString(297, 60, f"— {page + 1} —")
        c.setFont(font, size)
        y = 770
        while y > 90:
            text, k = lines[k % len(lines)], k + 1
            cur, x = "", left + 2 * size
            for ch in text:
                if pdfmetrics.stringWidth(cur + ch, font, size) > right - x:
                    c.drawString(x, y, cur)
                    y, cur, x = y - 20, "", left
                    if y <= 90:
                        break
                cur += ch
            if cur and y > 90:
                c.drawString(x, y, cur)
                y -= 20
        c.showPage()
    c.save()
    return buf.getvalue()


def libreoffice_pdf() -> bytes:
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument((ROOT.parent / "shared" / "fixtures" / "d2.pdf").read_bytes())
    out = pdfium.PdfDocument.new()
    while len(out) < PAGES:
        out.import_pages(src, pages=list(range(min(len(src), PAGES - len(out)))))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def bare(data: bytes) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    parts = []
    for i in range(len(doc)):
        page = doc[i]
        tp = page.get_textpage()
        parts.append(tp.get_text_range())
        tp.close()
        page.close()
    doc.close()
    return "\n".join(parts)


def plumber_read(data: bytes, name: str):
    """The reader with pdfium's first pass taken away: every page through pdfplumber."""
    first = pdf_reader._read_by_pdfium
    pdf_reader._read_by_pdfium = lambda data: None
    try:
        return pdf_reader.read(data, name)
    finally:
        pdf_reader._read_by_pdfium = first


def best(fn, *args, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def cli_parse(data: bytes) -> float:
    jihua = Path(sys.executable).with_name("jihua")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "20页.pdf"
        path.write_bytes(data)
        t0 = time.perf_counter()
        subprocess.run([str(jihua), "parse", "--json", str(path)], check=True, capture_output=True, timeout=600)
        return time.perf_counter() - t0


def main() -> None:
    from extractor.pipeline import parse_bytes

    inputs = {"reportlab": reportlab_pdf(), "libreoffice": libreoffice_pdf()}
    for name, data in inputs.items():  # warm-up: jieba, spaCy, fonts
        parse_bytes(data, f"{name}.pdf")
    print(f"{PAGES}-page PDFs: pypdfium2's bare text against the reader and the whole parse (best of {REPEAT})")
    print(f"{'pdf':<13}{'chars':>7}{'bare ms':>9}{'reader ms':>11}{'plumber ms':>12}{'parse ms':>10}"
          f"{'reader/bare':>13}{'parse/bare':>12}{'plumber/reader':>16}{'cli s':>7}")
    for name, data in inputs.items():
        chars = len(bare(data))
        t_bare = best(bare, data)
        t_read = best(pdf_reader.read, data, f"{name}.pdf")
        t_plumber = best(plumber_read, data, f"{name}.pdf", repeat=2)
        t_parse = best(parse_bytes, data, f"{name}.pdf", repeat=3)
        t_cli = cli_parse(data)
        print(f"{name:<13}{chars:>7}{t_bare * 1e3:>9.1f}{t_read * 1e3:>11.1f}{t_plumber * 1e3:>12.1f}"
              f"{t_parse * 1e3:>10.1f}{t_read / t_bare:>13.2f}{t_parse / t_bare:>12.2f}"
              f"{t_plumber / t_read:>16.1f}{t_cli:>7.1f}")
    print("target: reader/bare and parse/bare ≤ 3 (parse includes tasks, months and bodies)")


if __name__ == "__main__":
    main()
