"""Every test starts in the default language (Chinese): a test that switches
to English (`--lang en`, JIHUA_LANG=en) leaves no trace in the next one."""

from __future__ import annotations

import os

import pytest

from models.messages import set_lang


@pytest.fixture(autouse=True)
def default_language():
    before = os.environ.pop("JIHUA_LANG", None)
    set_lang(None)
    yield
    set_lang(None)
    os.environ.pop("JIHUA_LANG", None)
    if before is not None:
        os.environ["JIHUA_LANG"] = before
