"""Types shared by the extractor, the store and the API.

They are the JSON contract of `jihua parse FILE --json` (docs/CONTRACT.md):
a `Document` serialised with `model_dump(mode="json")` *is* that JSON.

The pydantic types load on first use (`from models import Document` works
as ever): models.messages and models.limits are plain Python, and a
command that needs neither type (`jihua --help`) should not pay for pydantic.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.blocks import Block, Cell
    from models.contract import Body, BodyRef, Document, Objective, Plan, Section, Target, Task

_WHERE = {
    "Block": "models.blocks",
    "Cell": "models.blocks",
    "Body": "models.contract",
    "BodyRef": "models.contract",
    "Document": "models.contract",
    "Objective": "models.contract",
    "Plan": "models.contract",
    "Section": "models.contract",
    "Target": "models.contract",
    "Task": "models.contract",
}

__all__ = ["Block", "Body", "BodyRef", "Cell", "Document", "Objective", "Plan", "Section", "Target", "Task"]


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: the types load when first asked for
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'models' has no attribute {name!r}")
