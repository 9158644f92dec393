"""A scanned upload is OCR work: the API answers at once with a job and
parses in the background; the job ends with the document stored."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from tests.api.conftest import FIXTURES, upload, wait_job


@pytest.fixture(scope="module")
def scanned_page() -> bytes:
    """The first page of d2.pdf rasterised at 150 dpi: a PDF without text."""
    pdf = pdfium.PdfDocument((FIXTURES / "d2.pdf").read_bytes())
    image = pdf[0].render(scale=150 / 72).to_pil().convert("RGB")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=150)
    return out.getvalue()


def test_a_scanned_upload_answers_with_a_job_that_stores_it(client, scanned_page):
    r = upload(client, ("scan.pdf", scanned_page))
    assert r.status_code == 202
    job = wait_job(client, r.json()["id"], timeout=120)
    assert job["status"] == "done" and job["stored"] == 1, job
    doc = client.get(f"/documents/{job['results'][0]['document_id']}").json()
    assert any("使用了 OCR" in w for w in doc["warnings"])
    titles = [p["title"] for p in client.get("/plans").json()["items"]]
    assert any(t and "2026年工作计划" in t for t in titles)


def test_a_text_pdf_is_still_parsed_in_the_request(client):
    r = upload(client, ("d2.pdf", (FIXTURES / "d2.pdf").read_bytes()))
    assert r.status_code == 201
    assert r.json()["documents"][0]["plans"]
