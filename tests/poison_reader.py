"""A .txt reader that kills its process on a marked file, as a crash in a C
library or the kernel's OOM killer would, and reads any other file as the
real reader does. Put in place on Dask workers by PoisonPlugin."""

from __future__ import annotations

import os
import signal

MARK = b"KILL-THE-WORKER"


def read(data: bytes, name: str):  # noqa: ANN201 - extractor.readers.Reading
    if MARK in data:
        os.kill(os.getpid(), signal.SIGKILL)
    from extractor.readers.txt import read as real

    return real(data, name)


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # only the Dask tests use the plugin
    WorkerPlugin = object  # type: ignore[assignment,misc]


class PoisonPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    name = "jihua-test-poison"

    def setup(self, worker) -> None:  # noqa: ANN001 - distributed.Worker
        from extractor import readers

        readers.READERS["txt"] = ("tests.poison_reader", "read")
