"""Every number a user may want to change, read from the environment
(JIHUA_DB, JIHUA_TOKEN, JIHUA_MAX_FILE_MB, …) or a .env file."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

MB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JIHUA_", env_file=".env", extra="ignore")

    db: str = "jihua.db"
    # When set, every write endpoint wants `Authorization: Bearer <token>`.
    token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000

    max_file_mb: float = 20  # one uploaded plan
    max_zip_mb: float = 200  # one uploaded archive (POST /batches, and zips given to `jihua ingest`)
    # Archive safety: the sum of the entries' sizes once unpacked, their
    # number, and how far one entry may expand (a zip bomb expands 1000×+;
    # Word documents rarely exceed 20×, plain text about 10×).
    max_unzipped_mb: float = 2000
    max_zip_entries: int = 20000
    max_zip_ratio: float = 200

    # Formats the API and `ingest` parse; others are refused before parsing.
    formats: str = "txt,docx,pdf,doc,rtf,odt,image"

    # Processes parsing a batch (POST /batches): 0 parses in the background
    # thread itself, which suits small servers and tests.
    batch_workers: int = 0
    export_max_rows: int = 200_000

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


@lru_cache
def get_settings() -> Settings:
    return Settings()
