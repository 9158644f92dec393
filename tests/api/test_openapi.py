"""The OpenAPI document says what the API really answers: every error in
the one ErrorBody shape (never FastAPI's HTTPValidationError), the status
codes an operation can answer, a curl example for every upload, and the
Location headers of 201 and 202."""

from __future__ import annotations

import json

import pytest

from api.schemas import ErrorBody
from tests.api.conftest import plan_text

ERROR_REF = "#/components/schemas/ErrorBody"


@pytest.fixture
def spec(client) -> dict:
    return client.get("/openapi.json").json()


def test_no_operation_declares_an_error_shape_the_api_never_sends(spec):
    text = json.dumps(spec)
    assert "HTTPValidationError" not in text and "ValidationError" not in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            for status, answer in op["responses"].items():
                if status.startswith(("4", "5")):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref == ERROR_REF, (method, path, status)


@pytest.mark.parametrize(
    "method,path,kwargs,status",
    [
        ("get", "/tasks", {"params": {"month": "13"}}, 422),
        ("get", "/tasks", {"params": {"limit": "many"}}, 422),  # FastAPI's own validation
        ("get", "/plans/999", {}, 404),
        ("get", "/documents/999/original", {}, 404),
        ("get", "/jobs/nope", {}, 404),
        ("post", "/documents", {"files": [("files", ("x.bin", bytes(range(256)) * 4))]}, 422),
        ("post", "/documents", {"files": [("file", ("x.txt", plan_text(1)))]}, 422),  # the old field name
        ("post", "/batches", {"files": [("files", ("x.zip", b"not a zip"))]}, 422),
    ],
)
def test_real_errors_match_what_their_operation_declares(client, spec, method, path, kwargs, status):
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code == status, r.text
    body = ErrorBody.model_validate(r.json())
    assert body.error.status == status and body.error.code.isascii() and body.error.message
    template = {"/plans/999": "/plans/{plan_id}", "/documents/999/original": "/documents/{document_id}/original",
                "/jobs/nope": "/jobs/{job_id}"}.get(path, path)
    assert str(status) in spec["paths"][template][method]["responses"]


def test_every_upload_takes_files_and_shows_a_curl_example(spec):
    for path in ("/documents", "/batches"):
        op = spec["paths"][path]["post"]
        schema_ref = op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[1]
        assert list(spec["components"]["schemas"][schema_ref]["properties"]) == ["files"]
        assert "-F files=@" in op["description"]
        assert op["x-codeSamples"][0]["source"].startswith("curl -F files=@")


def test_created_and_accepted_answers_declare_their_location(spec):
    assert "Location" in spec["paths"]["/documents"]["post"]["responses"]["201"]["headers"]
    assert "Location" in spec["paths"]["/documents"]["post"]["responses"]["202"]["headers"]
    assert "Location" in spec["paths"]["/batches"]["post"]["responses"]["202"]["headers"]
