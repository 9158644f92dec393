"""Words for people, codes for programs: every message in both languages
with the same fields, Chinese by default, English on request, and the
stable code travelling with the words (into exceptions and API errors)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from extractor.errors import ReadError
from extractor.readers import sniff
from models.messages import CATALOG, Message, fields, msg, set_lang
from tests.api.conftest import make_settings

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_each_message_has_both_languages_with_the_same_fields(code):
    zh, en = CATALOG[code]
    assert zh and en and fields(zh) == fields(en)
    assert code.isascii() and code == code.lower()
    if not fields(zh) or CJK.sub("", zh) != zh:  # a message with words of its own has Chinese ones
        assert CJK.search(zh) or zh == en, code


def test_chinese_by_default_english_on_request(monkeypatch):
    assert msg("file_empty") == "文件是空的"
    monkeypatch.setenv("JIHUA_LANG", "en")
    assert msg("file_empty") == "the file is empty"
    set_lang("zh")
    assert msg("file_empty") == "文件是空的"


def test_the_code_travels_with_the_words_even_through_pickling():
    import pickle

    m = msg("file_too_large", size="3 MB", limit="2 MB")
    again = pickle.loads(pickle.dumps(m))
    assert isinstance(again, Message) and again.code == "file_too_large" and again == m
    with pytest.raises(ReadError) as err:
        sniff(b"", "a.txt")
    assert err.value.code == "file_empty" and str(err.value) == "a.txt: 文件是空的"


def test_the_api_speaks_english_when_the_server_is_set_so(tmp_path):
    set_lang("en")
    with TestClient(create_app(make_settings(tmp_path))) as client:
        r = client.get("/documents/7")
        assert r.json()["error"] == {"status": 404, "code": "not_found", "message": "no document 7"}
        r = client.post("/documents", files=[("files", ("e.txt", b""))])
        assert r.json()["error"]["code"] == "upload_refused"
        assert r.json()["error"]["message"] == "e.txt: the file is empty; nothing of this upload was stored"
