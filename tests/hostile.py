"""Hostile and careless inputs, built by the tests themselves: the probes of
issue 11 (a .docx whose XML inflates 100×, a plan of a million characters, a
PDF encrypted with an empty password, mixed encodings …) and the seeds the
fuzz suite mutates."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"

TASK = "1.三月组织开展女职工健康讲座，推进职工书屋建设工作。\n"

# a plan for the PDF builders: paragraphs long enough to wrap at the margin
ENCRYPTED_PLAN = [
    "测试单位2025年工作计划",
    "一、加强思想政治建设",
    "1.三月组织开展女职工健康讲座，邀请市妇幼保健院专家为全体女职工讲解健康知识，普及疾病预防常识，增强自我保健意识。",
    "2.四月开展职工书屋建设活动，购置图书五百册，组织读书分享会两次，评选书香家庭，营造全员阅读的良好氛围。",
]


def plan(i: int = 1, unit: str = "测试单位工会", tasks: int = 3) -> str:
    lines = [f"{unit}2025年工作计划（第{i}号）", "一、加强思想政治建设"]
    lines += [f"{k}.{k + 2}月组织开展第{i}次女职工健康讲座。" for k in range(1, tasks + 1)]
    lines += ["二、丰富职工文体生活", f"1.春节前举办第{i}届职工联欢会。"]
    return "\n".join(lines) + "\n"


def long_plan(chars: int) -> bytes:
    """One plan (one title, one section) of at least `chars` characters."""
    head = "测试单位2025年工作计划\n一、加强思想政治建设\n"
    return (head + TASK * (chars // len(TASK) + 1)).encode("utf-8")


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def rebuild_zip(data: bytes, replace: dict[str, bytes], level: int = 9) -> bytes:
    """The same zip with some entries' bytes replaced."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def inflating_docx(xml_mb: float, seed: int = 0) -> bytes:
    """A small .docx whose document.xml inflates to `xml_mb` MB at about 100×
    (under the 200× ratio limit): paragraphs of a few random characters
    among repeated ones, as the probe's 3.4 MB → 420 MB file."""
    rng = random.Random(seed)
    base = docx_bytes(["测试单位2025年工作计划"])
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode()
    target = int(xml_mb * 1024 * 1024)
    parts, size = [], 0
    while size < target:
        noise = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(2))
        p = f"<w:p><w:r><w:t>一、加强思想政治建设，开展学习教育活动{noise}。</w:t></w:r></w:p>" * 8
        parts.append(p)
        size += len(p.encode())
    xml = xml.replace("<w:sectPr", "".join(parts) + "<w:sectPr", 1)
    return rebuild_zip(base, {"word/document.xml": xml.encode()})


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def cid_pdf(lines: list[str], *, user_password: str | None = None) -> bytes:
    """A PDF in reportlab's STSong-Light CID font (no ToUnicode table:
    pdfminer cannot map it, pdfium can), encrypted when a user password
    is given ("" opens without asking, as the probe's file)."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    enc = StandardEncryption(user_password, ownerPassword="owner") if user_password is not None else None
    c = canvas.Canvas(buf, encrypt=enc)
    c.setFont("STSong-Light", 14)
    y = 760
    # laid out as office documents are: a centred title, paragraphs with an
    # indented first line that wrap at the right margin (32 characters)
    c.drawCentredString(297, y, lines[0])
    y -= 40
    for para in lines[1:]:
        first, rest = para[:30], para[30:]
        c.drawString(72 + 28, y, first)
        y -= 26
        while rest:
            c.drawString(72, y, rest[:32])
            rest = rest[32:]
            y -= 26
    c.showPage()
    c.save()
    return buf.getvalue()


def pdf_pages(pages: list[list[str] | None], *, image_on_blank: bool = False) -> bytes:
    """A PDF with a text page per list of lines; None is a page with no text
    (with a drawn image when `image_on_blank`, as a scan; else blank)."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for lines in pages:
        if lines is None:
            if image_on_blank:
                from PIL import Image

                img = io.BytesIO()
                Image.new("RGB", (60, 40), "white").save(img, format="PNG")
                img.seek(0)
                c.drawImage(ImageReader(img), 50, 300, width=300, height=200)
        else:
            c.setFont("STSong-Light", 14)
            y = 760
            for line in lines:
                c.drawString(72, y, line)
                y -= 26
        c.showPage()
    c.save()
    return buf.getvalue()
