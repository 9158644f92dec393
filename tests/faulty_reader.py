"""A reader with a bug, put in place of a real one by tests that check how
an internal error is reported: one file's row, and a traceback in the log."""


def read(data: bytes, name: str):  # noqa: ANN201
    return {}["no such key"]  # KeyError: a defect, not bad input
