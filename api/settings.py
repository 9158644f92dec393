"""Every number a user may want to change, read from the environment
(JIHUA_DB, JIHUA_TOKEN, JIHUA_MAX_FILE_MB, …) or a .env file.

This is the one table of limits: `Settings.limits()` gives the `Limits`
(models/limits.py, where the defaults and their reasons live) that the API,
the CLI and the background jobs all apply.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from models.limits import DEFAULT, MB, Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JIHUA_", env_file=".env", extra="ignore")

    db: str = "jihua.db"
    # When set, every write endpoint wants `Authorization: Bearer <token>`.
    token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000

    # bytes: one upload request (None: the archive limit + 1 MB), one plan,
    # one archive of plans (POST /batches, and zips given to `jihua ingest`)
    max_request_mb: float | None = None
    max_file_mb: float = DEFAULT.max_file_bytes / MB
    max_zip_mb: float = DEFAULT.max_zip_bytes / MB
    # Archive safety: the sum of the entries' sizes once unpacked, their
    # number, and how far one entry may expand.
    max_unzipped_mb: float = DEFAULT.max_unzipped_bytes / MB
    max_zip_entries: int = DEFAULT.max_entries
    max_zip_ratio: float = DEFAULT.max_ratio
    # A .docx/.odt inflated: one part, and all parts together.
    max_part_mb: float = DEFAULT.max_part_bytes / MB
    max_document_unzipped_mb: float = DEFAULT.max_document_unzipped_bytes / MB
    # Characters of text in one document and in one plan.
    max_text_chars: int = DEFAULT.max_text_chars
    max_plan_chars: int = DEFAULT.max_plan_chars
    # Text search, comparisons, and the time any read may take.
    max_query_terms: int = DEFAULT.max_query_terms
    max_query_chars: int = DEFAULT.max_query_chars
    max_compare_units: int = DEFAULT.max_compare_units
    max_compare_plans: int = DEFAULT.max_compare_plans
    max_compare_tasks: int = DEFAULT.max_compare_tasks
    read_budget_s: float = DEFAULT.read_budget_s

    # Formats the API and the CLI parse; others are refused before parsing.
    formats: str = ",".join(sorted(DEFAULT.formats))

    # Where uploads wait for their background job (default: DB + ".tmp"),
    # emptied when the server starts.
    tmp_dir: str | None = None

    # Processes parsing a batch (POST /batches): 0 parses in the background
    # thread itself, which suits small servers and tests.
    batch_workers: int = 0
    # A Dask scheduler (tcp://HOST:8786): `jihua ingest` and POST /batches
    # parse on its workers instead of local processes (the dask extra).
    scheduler: str | None = None
    # seconds to reach that scheduler before the run (or batch) gives up
    scheduler_timeout_s: float = 30
    export_max_rows: int = 200_000

    # Logging of the CLI, the server and its workers (DEBUG, INFO, WARNING,
    # ERROR): internal errors are logged with their tracebacks at ERROR.
    log_level: str = "WARNING"

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_zip_bytes(self) -> int:
        return int(self.max_zip_mb * MB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MB)

    @property
    def allowed_formats(self) -> set[str]:
        return {f.strip() for f in self.formats.split(",") if f.strip()}

    @property
    def token_is_empty(self) -> bool:
        """JIHUA_TOKEN set to '' (or spaces): writes are open, surely by mistake."""
        return self.token is not None and not self.token.strip()

    def limits(self) -> Limits:
        return Limits(
            max_request_bytes=None if self.max_request_mb is None else int(self.max_request_mb * MB),
            max_file_bytes=self.max_file_bytes,
            max_zip_bytes=self.max_zip_bytes,
            max_unzipped_bytes=self.max_unzipped_bytes,
            max_entries=self.max_zip_entries,
            max_ratio=self.max_zip_ratio,
            max_part_bytes=int(self.max_part_mb * MB),
            max_document_unzipped_bytes=int(self.max_document_unzipped_mb * MB),
            max_text_chars=self.max_text_chars,
            max_plan_chars=self.max_plan_chars,
            max_query_terms=self.max_query_terms,
            max_query_chars=self.max_query_chars,
            max_compare_units=self.max_compare_units,
            max_compare_plans=self.max_compare_plans,
            max_compare_tasks=self.max_compare_tasks,
            read_budget_s=self.read_budget_s,
            formats=frozenset(self.allowed_formats),
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
