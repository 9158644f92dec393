"""The bounds on what one request, one file or one command may cost.

These are the defaults of the one settings table (api.settings.Settings reads
each from the environment, JIHUA_MAX_…): the API, `jihua parse`, `ingest`
and the background jobs all pass a `Limits` built from it, so a file the API
refuses is refused by the CLI for the same reason. docs/API.md lists them;
a test holds that table to these numbers.

Why these numbers (measured on a 2-core machine, see the README):
- one part of a .docx/.odt inflates to at most 25 MB: python-docx and lxml
  hold about 15-22× the XML in memory, so 25 MB stays near half a gigabyte
  (a 420 MB document.xml took 9.2 GB);
- 2 million characters per document and 200,000 per plan: extraction grows
  faster than linearly in a plan's length (164,000 characters parse in 3 s,
  492,000 in 19 s), and spaCy refuses texts over 1,000,000 characters;
- a text query of at most 10 terms and 200 characters: every 1-character
  term is a scan of all tasks;
- a comparison of at most 20 units, 500 plans and 20,000 tasks, and every
  read within 10 seconds (503 past it, never running on).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # bytes of one upload request (all its files and form fields); None:
    # the larger of the archive and file limits plus 1 MB of form overhead
    max_request_bytes: int | None = None
    max_file_bytes: int = 20 * MB  # one plan file
    max_zip_bytes: int = 200 * MB  # one archive of plans
    # zip archives of plans: the sum of the entries once inflated, their
    # number, and how far one entry may expand (zip bombs expand 1000×+)
    max_unzipped_bytes: int = 2000 * MB
    max_entries: int = 20000
    max_ratio: float = 200
    # a .docx/.odt is a zip too: one part (document.xml) inflated, and all
    # its parts together
    max_part_bytes: int = 25 * MB
    max_document_unzipped_bytes: int = 100 * MB
    # characters read from one document, and in one plan of it
    max_text_chars: int = 2_000_000
    max_plan_chars: int = 200_000
    # text search: terms and characters of `q`
    max_query_terms: int = 10
    max_query_chars: int = 200
    # GET /compare and `jihua compare`
    max_compare_units: int = 20
    max_compare_plans: int = 500
    max_compare_tasks: int = 20_000
    # seconds a read request may run before it answers 503
    read_budget_s: float = 10.0
    formats: frozenset[str] = frozenset({"txt", "docx", "pdf", "doc", "rtf", "odt", "image"})

    @property
    def request_bytes(self) -> int:
        if self.max_request_bytes is not None:
            return self.max_request_bytes
        return max(self.max_zip_bytes, self.max_file_bytes) + MB

    @classmethod
    def from_settings(cls, s: Any) -> Limits:  # s: api.settings.Settings
        return s.limits()

    def but(self, **changes: Any) -> Limits:
        return replace(self, **changes)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


DEFAULT = Limits()
