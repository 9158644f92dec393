"""The package's version, from its installed metadata: pyproject.toml is
the one place it is written."""

from __future__ import annotations

from importlib import metadata


def package_version() -> str:
    try:
        return metadata.version("jihua")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
